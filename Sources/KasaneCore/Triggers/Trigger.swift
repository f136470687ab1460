/// Why a trigger needs the meeting it names (R3, R4, R6).
public enum MeetingBasis: String, Sendable, Codable, CaseIterable {
    /// R6: every household member's consent is in force, so the item goes to 重層的支援会議.
    case consent = "R6"
    /// R3: a consent is missing or withdrawn, so the item goes to 支援会議.
    case noConsent = "R3"
    /// R4: an アウトリーチ等 plan drafted before consent goes to 支援会議.
    case outreachBeforeConsent = "R4"
}

/// Why a trigger's item sits as the meeting it does, naming the members without consent when it
/// sits as 支援会議 (R1b, R3, R4, R6); worded by the catalogue.
public struct MeetingExplanation: Hashable, Sendable, Codable {
    public let basis: MeetingBasis
    /// The members with no consent on record (only when the item sits as 支援会議).
    public let membersWithoutConsent: [MemberKey]

    public init(basis: MeetingBasis, membersWithoutConsent: [MemberKey]) {
        self.basis = basis
        self.membersWithoutConsent = membersWithoutConsent
    }
}

/// A meeting a case needs: raised by one event of its case file, open until a decision on that
/// event is recorded (`CaseEvent.DecisionRecorded.onEvent`).
public struct Trigger: Hashable, Sendable, Codable, Identifiable {
    /// `<case number>#<source event seq>`, e.g. `R8-3#5`: stable across runs, and unique because
    /// each event raises at most one trigger.
    public let id: String
    /// The case the meeting is about.
    public let caseNumber: CaseNumber
    /// The moment that raised the trigger.
    public let kind: TriggerKind
    /// The plan the meeting decides on, for plan triggers and for monitoring of a plan.
    public let planKind: PlanKind?
    /// The plan version for plan triggers.
    public let planVersion: Int?
    /// The meeting the item needs (R3, R4, R6; monitoring follows the same consent rule).
    public let meetingKind: MeetingKind
    /// Why `meetingKind` was chosen.
    public let meetingBasis: MeetingBasis
    /// R6 makes the meeting mandatory; `false` for monitoring, which may be a ケース会議 (R7).
    public let formalMeetingRequired: Bool
    /// R9: this is the 重層的支援会議 that judges whether 参加支援事業 is needed; the programme
    /// starts only after its decision.
    public let judgesParticipationNecessity: Bool
    /// The day of the moment: the plan's or proposal's date, the first day contact counts as
    /// lost, or the day of the decision that set the monitoring date.
    public let raisedOn: LocalDate
    /// The first day a session may take the item: `raisedOn`, or for monitoring the monitoring
    /// date less `TriggerPolicy.monitoringLeadDays`.
    public let notBefore: LocalDate
    /// The last day the meeting should be held: a business day from the policy.
    public let dueOn: LocalDate
    /// Whether the plan or end proposal was marked urgent (随時開催).
    public let urgent: Bool
    /// The sequence number of the event the trigger comes from; a decision on it satisfies it.
    public let sourceEvent: Int
    /// R8, for 支援中断の決定時: the day of the last reached contact, `nil` when none was ever logged.
    public let lastReachedOn: LocalDate?
    /// R8, for 支援中断の決定時: the attempts since the last reached contact, oldest first.
    public let contactAttempts: [ContactAttempt]
    /// R3, R1b: for a 支援会議 item, the household members with no consent in force (a child's
    /// consent is given by a 親権者 on their behalf), so the explanation can name them.
    public var membersWithoutConsent: [MemberKey] = []

    /// Creates a trigger; `Triggers` derives them from case files.
    public init(caseNumber: CaseNumber, kind: TriggerKind, planKind: PlanKind? = nil, planVersion: Int? = nil,
                meetingKind: MeetingKind, meetingBasis: MeetingBasis, judgesParticipationNecessity: Bool = false,
                raisedOn: LocalDate, notBefore: LocalDate? = nil, dueOn: LocalDate, urgent: Bool = false,
                sourceEvent: Int, lastReachedOn: LocalDate? = nil, contactAttempts: [ContactAttempt] = []) {
        self.id = Trigger.id(caseNumber: caseNumber, sourceEvent: sourceEvent)
        self.caseNumber = caseNumber
        self.kind = kind
        self.planKind = planKind
        self.planVersion = planVersion
        self.meetingKind = meetingKind
        self.meetingBasis = meetingBasis
        self.formalMeetingRequired = kind.isMandatory
        self.judgesParticipationNecessity = judgesParticipationNecessity
        self.raisedOn = raisedOn
        self.notBefore = notBefore ?? raisedOn
        self.dueOn = dueOn
        self.urgent = urgent
        self.sourceEvent = sourceEvent
        self.lastReachedOn = lastReachedOn
        self.contactAttempts = contactAttempts
    }

    /// The id of the trigger raised by event `sourceEvent` of case `caseNumber`.
    public static func id(caseNumber: CaseNumber, sourceEvent: Int) -> String {
        TriggerID(caseNumber: caseNumber, sourceEvent: sourceEvent).text
    }

    /// Why the item is held as `meetingKind`, naming the members without consent (R3, R1b).
    public var meetingExplanation: MeetingExplanation {
        MeetingExplanation(basis: meetingBasis,
                           membersWithoutConsent: meetingKind == .supportMeeting ? membersWithoutConsent : [])
    }

    /// What the meeting discusses (seed 004 §6).
    public var agenda: [String] { kind.agenda }

    /// Whether the due date has passed on `today`.
    public func isOverdue(on today: LocalDate) -> Bool { dueOn < today }

    /// The scheduling order: due date, then case number, then id.
    public static func scheduleOrder(_ lhs: Trigger, _ rhs: Trigger) -> Bool {
        if lhs.dueOn != rhs.dueOn { return lhs.dueOn < rhs.dueOn }
        if lhs.caseNumber != rhs.caseNumber { return lhs.caseNumber < rhs.caseNumber }
        if lhs.sourceEvent != rhs.sourceEvent { return lhs.sourceEvent < rhs.sourceEvent }
        return lhs.id < rhs.id
    }
}
