import KasaneCore

/// A date from its ISO form; tests only use valid literals.
func triggerDay(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

/// Builds a case log event by event and replays it, as the store does.
struct TriggerCaseLog {
    private(set) var events: [RecordedEvent] = []

    init(_ number: CaseNumber = "R8-3", openedOn: String = "2026-04-01") {
        append(.opened(CaseEvent.Opened(number: number, openedOn: triggerDay(openedOn), referredBy: "houkatsu",
                                        fields: [.elderly, .poverty], involvedAgencies: ["houkatsu"])))
    }

    /// Appends `event` and returns its sequence number.
    @discardableResult
    mutating func append(_ event: CaseEvent) -> Int {
        let seq = events.count + 1
        events.append(RecordedEvent(seq: seq, event: event, recordedAt: "2026-04-01T00:00:00Z"))
        return seq
    }

    /// Adds the principal and, unless `consentOn` is nil, their consent to share.
    mutating func principal(consentOn: String?) {
        append(.memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)))
        if let consentOn { consent(on: consentOn) }
    }

    @discardableResult
    mutating func consent(on date: String, member: MemberKey = "m1") -> Int {
        append(.consentGranted(CaseEvent.ConsentGranted(
            member: member, grantedOn: triggerDay(date), scope: ConsentScope(fields: [.elderly, .poverty]),
            formReference: "同意書-1")))
    }

    @discardableResult
    mutating func withdraw(on date: String, member: MemberKey = "m1") -> Int {
        append(.consentWithdrawn(CaseEvent.ConsentWithdrawn(member: member, withdrawnOn: triggerDay(date))))
    }

    @discardableResult
    mutating func draft(_ kind: PlanKind = .multiAgency, on date: String, urgent: Bool = false) -> Int {
        append(.planDrafted(plan(kind, date, urgent)))
    }

    @discardableResult
    mutating func revise(_ kind: PlanKind = .multiAgency, on date: String, urgent: Bool = false) -> Int {
        append(.planRevised(plan(kind, date, urgent)))
    }

    @discardableResult
    mutating func decide(_ onEvent: Int, _ outcome: DecisionOutcome, on date: String,
                         monitoringOn: String? = nil) -> Int {
        append(.decisionRecorded(CaseEvent.DecisionRecorded(
            onEvent: onEvent, decidedOn: triggerDay(date), outcome: outcome, monitoringOn: monitoringOn.map(triggerDay))))
    }

    @discardableResult
    mutating func contact(on date: String, reached: Bool, method: ContactMethod = .visit) -> Int {
        append(.contactLogged(ContactAttempt(date: triggerDay(date), method: method, reached: reached, by: "houkatsu")))
    }

    @discardableResult
    mutating func proposeEnd(on date: String, urgent: Bool = false) -> Int {
        append(.endProposed(CaseEvent.EndProposed(proposedOn: triggerDay(date), by: "houkatsu", urgent: urgent)))
    }

    var file: CaseFile {
        guard let file = CaseFile(replaying: events) else { preconditionFailure("log must start with opened") }
        return file
    }

    /// The open triggers on `today` with the national calendar.
    func open(on today: String, policy: TriggerPolicy = .standard,
              calendar: BusinessCalendar = BusinessCalendar()) -> [Trigger] {
        Triggers.open(in: file, policy: policy, calendar: calendar, today: triggerDay(today))
    }

    private func plan(_ kind: PlanKind, _ date: String, _ urgent: Bool) -> CaseEvent.PlanDrafted {
        let statutory = kind != .multiAgency
        return CaseEvent.PlanDrafted(
            kind: kind, draftedOn: triggerDay(date),
            services: [PlanService(agency: "houkatsu", task: "見守り", statutory: statutory)], urgent: urgent)
    }
}
