/// Derives the open triggers of case files: the meetings R6–R9 require that no recorded decision
/// has yet satisfied (the scheduler issue, part 1).
///
/// The rules, as decided for Kasane:
///
/// - **Raised by** (R6, R7): the latest version of each plan kind (プラン策定時, or 再プラン策定時
///   once a meeting has decided on an earlier version of that kind — approved or sent back); the
///   latest end proposal (支援終結の判断時); contact loss (支援中断の決定時, below); the latest
///   decision per plan kind that set a monitoring date (モニタリング).
/// - **Satisfied** only by a recorded decision whose `onEvent` is the trigger's source event,
///   whatever its outcome. A plan sent back (差戻し) has had its meeting: its trigger is satisfied
///   and the revised plan raises 再プラン策定時.
/// - **Replaced**: a newer plan version replaces the undecided trigger of the older one (one
///   meeting per plan kind), a newer end proposal replaces an undecided older one, a newer
///   monitoring date for the same plan kind replaces the older one, and a plan version drafted
///   after a monitoring date was set replaces that plan kind's monitoring review (the re-plan
///   meeting reviews the plan and sets the next date).
/// - **Meeting kind**: 支援会議 for an アウトリーチ等 plan drafted while a consent was missing (R4);
///   otherwise 支援会議 when `CaseFile.requiredMeetingKind(on: today)` says a consent is missing on
///   `today` (R3: the meeting is still to come, so the consents in force now decide), else
///   重層的支援会議 (R6). Monitoring reviews follow the same consent rule, because they share the
///   person's information too, but are not formal meetings (`formalMeetingRequired == false`):
///   R7 allows a ケース会議; the scheduler may place them in either body of that kind.
/// - **R9**: a 参加支援 plan's trigger judges the necessity of 参加支援事業
///   (`judgesParticipationNecessity`) until a meeting has approved a 参加支援 plan of the case.
///   Only a 重層的支援会議 can judge it: without consent the item still goes to 支援会議 (R1 wins
///   on who may hear the case), the flag is `false` there, and 参加支援 cannot start from it.
/// - **Contact loss** (R8): a case not ended, suspended or returned whose last reached contact
///   (or the last consent signed, or its opening, whichever is latest) is more than `contactLossLimitDays` days before `today`.
///   It is raised on the first day past the limit (limit 90, last contact 1 April → raised 1 July),
///   its source is the latest contact event logged (the opening, seq 1, when none), it lists the
///   attempts since the last reached contact, a decision on that source satisfies it, and a newer
///   reached contact clears it. A new unreached attempt after a decision to keep trying raises it
///   again with the new attempts, for the meeting to look at.
/// - **Closed cases** (終結, 中断, 戻し) raise no contact-loss or monitoring trigger; a plan or
///   end-proposal trigger raised before closing that is still undecided stays open, so that the
///   record is closed by a decision rather than forgotten.
/// - **Due date**: the raised-on day plus `TriggerPolicy.days(for:urgent:)` (for monitoring, the
///   monitoring date plus its days); on a closed day the previous business day, unless that falls
///   before the raised-on day, then the next business day. Only plans and end proposals carry an
///   urgent flag.
public enum Triggers {
    /// The open triggers of one case on `today`, sorted by `Trigger.scheduleOrder`.
    public static func open(in file: CaseFile, policy: TriggerPolicy = .standard, calendar: BusinessCalendar,
                            today: LocalDate) -> [Trigger] {
        Derivation(file: file, policy: policy, calendar: calendar, today: today).triggers()
            .sorted(by: Trigger.scheduleOrder)
    }

    /// The open triggers of every case on `today`, sorted by due date, case number, then id.
    public static func open(in files: [CaseFile], policy: TriggerPolicy = .standard, calendar: BusinessCalendar,
                            today: LocalDate) -> [Trigger] {
        files.flatMap { Derivation(file: $0, policy: policy, calendar: calendar, today: today).triggers() }
            .sorted(by: Trigger.scheduleOrder)
    }
}

/// One case's derivation, with the indexes it needs.
private struct Derivation {
    let file: CaseFile
    let policy: TriggerPolicy
    let calendar: BusinessCalendar
    let today: LocalDate
    /// The events some decision was recorded on.
    let decided: Set<Int>
    /// The events a plan was approved on.
    let approved: Set<Int>
    let consentNow: MeetingKind

    init(file: CaseFile, policy: TriggerPolicy, calendar: BusinessCalendar, today: LocalDate) {
        self.file = file
        self.policy = policy
        self.calendar = calendar
        self.today = today
        decided = Set(file.decisions.map(\.decision.onEvent))
        approved = Set(file.decisions.filter { $0.decision.outcome == .planApproved }.map(\.decision.onEvent))
        consentNow = file.requiredMeetingKind(on: today)
    }

    var isClosed: Bool { [.ended, .suspended, .returned].contains(file.status) }

    func triggers() -> [Trigger] {
        var result = file.currentPlans.compactMap(planTrigger)
        if let ending = endTrigger() { result.append(ending) }
        if !isClosed {
            if let lost = contactLossTrigger() { result.append(lost) }
            result += monitoringTriggers()
        }
        let withoutConsent = file.members.map(\.key).filter { file.consent(of: $0, on: today) == nil }
        guard !withoutConsent.isEmpty else { return result }
        for i in result.indices where result[i].meetingKind == .supportMeeting {
            result[i].membersWithoutConsent = withoutConsent
        }
        return result
    }

    // MARK: - R6-1, R6-2, R4, R9

    func planTrigger(_ plan: Plan) -> Trigger? {
        guard !decided.contains(plan.eventSeq) else { return nil }
        let sameKind = file.plans.filter { $0.kind == plan.kind && $0.version < plan.version }
        let kind: TriggerKind = sameKind.contains { decided.contains($0.eventSeq) } ? .planRevised : .planDrafted
        let meeting: (MeetingKind, MeetingBasis)
        if plan.kind == .outreach, file.requiredMeetingKind(on: plan.draftedOn) == .supportMeeting {
            meeting = (.supportMeeting, .outreachBeforeConsent)
        } else {
            meeting = meetingByConsent
        }
        let judgesNecessity = plan.kind == .participation && meeting.0 == .multiAgency
            && !file.plans.contains { $0.kind == .participation && approved.contains($0.eventSeq) }
        return Trigger(
            caseNumber: file.number, kind: kind, planKind: plan.kind, planVersion: plan.version,
            meetingKind: meeting.0, meetingBasis: meeting.1, judgesParticipationNecessity: judgesNecessity,
            raisedOn: plan.draftedOn, dueOn: due(kind, from: plan.draftedOn, urgent: plan.urgent),
            urgent: plan.urgent, sourceEvent: plan.eventSeq)
    }

    // MARK: - R6-3

    func endTrigger() -> Trigger? {
        guard let proposal = file.endProposals.max(by: { $0.eventSeq < $1.eventSeq }),
              !decided.contains(proposal.eventSeq) else { return nil }
        let meeting = meetingByConsent
        return Trigger(
            caseNumber: file.number, kind: .endProposed, meetingKind: meeting.0, meetingBasis: meeting.1,
            raisedOn: proposal.proposedOn, dueOn: due(.endProposed, from: proposal.proposedOn, urgent: proposal.urgent),
            urgent: proposal.urgent, sourceEvent: proposal.eventSeq)
    }

    // MARK: - R6-4, R8

    /// The opening's sequence number: a case log starts with `opened` at 1.
    static let openingSeq = 1

    func contactLossTrigger() -> Trigger? {
        let lastReached = file.lastReachedContact
        // Signing a consent form means the person was reached too.
        let lastSigned = file.consents.map(\.grantedOn).max()
        let anchor = [lastReached?.attempt.date, lastSigned, file.openedOn].compactMap { $0 }.max() ?? file.openedOn
        let raisedOn = anchor.adding(days: policy.contactLossLimitDays + 1)
        guard raisedOn <= today else { return nil }
        let source = file.contacts.map(\.eventSeq).max() ?? Self.openingSeq
        guard !decided.contains(source) else { return nil }
        let attempts = file.contacts
            .filter { contact in
                if let signed = lastSigned, contact.attempt.date < signed { return false }
                guard let last = lastReached else { return true }
                return contact.attempt.date > last.attempt.date
                    || (contact.attempt.date == last.attempt.date && contact.eventSeq > last.eventSeq)
            }
            .sorted { ($0.attempt.date, $0.eventSeq) < ($1.attempt.date, $1.eventSeq) }
            .map(\.attempt)
        let meeting = meetingByConsent
        return Trigger(
            caseNumber: file.number, kind: .contactLost, meetingKind: meeting.0, meetingBasis: meeting.1,
            raisedOn: raisedOn, dueOn: due(.contactLost, from: raisedOn, urgent: false), sourceEvent: source,
            lastReachedOn: [lastReached?.attempt.date, lastSigned].compactMap { $0 }.max(), contactAttempts: attempts)
    }

    // MARK: - R7

    func monitoringTriggers() -> [Trigger] {
        // The latest decision setting a monitoring date, per plan kind (nil: the case as a whole).
        var latest: [PlanKind?: LoggedDecision] = [:]
        for logged in file.decisions where logged.decision.monitoringOn != nil {
            let scope = planKind(ofEvent: logged.decision.onEvent)
            if let held = latest[scope], held.eventSeq > logged.eventSeq { continue }
            latest[scope] = logged
        }
        return latest.compactMap { scope, logged -> Trigger? in
            guard let monitoringOn = logged.decision.monitoringOn, !decided.contains(logged.eventSeq) else { return nil }
            if let scope, file.plans.contains(where: { $0.kind == scope && $0.eventSeq > logged.eventSeq }) {
                return nil
            }
            let raisedOn = logged.decision.decidedOn
            let dueOn = adjusted(monitoringOn.adding(days: policy.days(for: .monitoring, urgent: false)), raisedOn: raisedOn)
            let notBefore = min(max(raisedOn, monitoringOn.adding(days: -policy.monitoringLeadDays)), dueOn)
            let meeting = meetingByConsent
            return Trigger(
                caseNumber: file.number, kind: .monitoring, planKind: scope, meetingKind: meeting.0,
                meetingBasis: meeting.1, raisedOn: raisedOn, notBefore: notBefore, dueOn: dueOn,
                sourceEvent: logged.eventSeq)
        }
    }

    /// The plan kind an event is about: a plan version, or a decision on one (followed back).
    func planKind(ofEvent seq: Int) -> PlanKind? {
        if let plan = file.plans.first(where: { $0.eventSeq == seq }) { return plan.kind }
        if let decision = file.decisions.first(where: { $0.eventSeq == seq }), decision.decision.onEvent < seq {
            return planKind(ofEvent: decision.decision.onEvent)
        }
        return nil
    }

    // MARK: - Meeting kind and due dates

    /// R3 / R6 from the consents in force on `today`.
    var meetingByConsent: (MeetingKind, MeetingBasis) {
        consentNow == .multiAgency ? (.multiAgency, .consent) : (.supportMeeting, .noConsent)
    }

    func due(_ kind: TriggerKind, from raisedOn: LocalDate, urgent: Bool) -> LocalDate {
        adjusted(raisedOn.adding(days: policy.days(for: kind, urgent: urgent)), raisedOn: raisedOn)
    }

    /// `date` moved off a closed day: back to the previous business day, or forward when going
    /// back would land before the day the trigger was raised.
    func adjusted(_ date: LocalDate, raisedOn: LocalDate) -> LocalDate {
        let previous = calendar.previousBusinessDay(onOrBefore: date)
        if previous < raisedOn && date >= raisedOn { return calendar.nextBusinessDay(onOrAfter: date) }
        return previous
    }
}
