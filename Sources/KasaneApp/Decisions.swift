public import KasaneCore
public import KasaneStore

/// An item of a meeting a decision is about to be taken on, found by `Decisions.item(…)`.
public struct DecisionTarget: Hashable, Sendable {
    /// The meeting.
    public var session: Session
    /// The item as placed in the meeting.
    public var scheduled: ScheduledItem
    /// The case and the event that raised the item's trigger.
    public var number: CaseNumber
    public var seq: Int
    /// The case as it stands.
    public var file: CaseFile
    /// What kind of item it is, hence which outcomes it may have.
    public var item: DecisionItem

    /// The outcomes a meeting may decide on this item.
    public var outcomes: [DecisionOutcome] { item.outcomes }
}

/// What the chair decided on an item; nil fields take their defaults (`Decisions.decide`).
public struct DecisionInput: Hashable, Sendable {
    public var outcome: DecisionOutcome
    /// The person who records it (the chair or the secretariat).
    public var recordedBy: PersonID
    public var supportDecisionBy: PersonID?
    public var roles: [PlanService] = []
    public var monitoringOn: LocalDate?
    public var leadAgency: AgencyID?
    public var followUp: String?
    public var shortages: [String] = []
    public var attended: [PersonID] = []
    public var supersedes: Int?
    /// Default: the meeting's day.
    public var decidedOn: LocalDate?
    /// Default: the decision's day for an approved plan without statutory programmes (R16 case 3).
    public var reportedOn: LocalDate?

    public init(outcome: DecisionOutcome, recordedBy: PersonID) {
        self.outcome = outcome
        self.recordedBy = recordedBy
    }
}

/// What `decide` recorded, with what the secretariat must do next.
public struct DecisionRecord: Hashable, Sendable {
    public var recorded: RecordedEvents
    /// The plan approved that still waits for its 支援決定 (R16), when the decision did not carry it.
    public var awaitingSupportDecision: PlanVersion?
    /// The day the approval was reported to the municipality (R16 case 3), when recorded.
    public var reportedOn: LocalDate?
}

/// One version of a plan, named for messages.
public struct PlanVersion: Hashable, Sendable {
    public var kind: PlanKind
    public var version: Int
}

/// A refused decision or 支援決定, worded by the catalogue (`DecisionError: Worded`).
public enum DecisionError: Error, Hashable, Sendable {
    /// No meeting has this id.
    case noMeeting(String)
    /// The meeting has no item with this number or trigger id.
    case noItem(meeting: String, item: String)
    /// The event named by the item raises no trigger to decide on.
    case nothingToDecide(CaseNumber, seq: Int)
    /// The outcome is not one of the item's.
    case unknownOutcome(String, allowed: [DecisionOutcome])
    /// `--reported-on` after today.
    case reportedAfterToday(reported: LocalDate, today: LocalDate)
    /// A meeting rule (R20, R21) refused the decision; the rule's own words (Japanese).
    case meetingRule(MeetingDecisionProblem)
    /// No plan of the case waits for a 支援決定 (of the kind asked, when given).
    case noPlanAwaitingSupportDecision(CaseNumber, kind: PlanKind?)
    /// Several plans wait; the kind must be named.
    case severalPlansAwaitingSupportDecision(CaseNumber, kinds: [PlanKind])
}

/// The decision use cases: the chair's decision on an item (R16–R21) and the 支援決定 made
/// outside any meeting (R16).
public struct Decisions: Sendable {
    public var store: any WorkspaceStore
    public var clock: AppClock

    public init(store: any WorkspaceStore, clock: AppClock) {
        self.store = store
        self.clock = clock
    }

    /// The item `item` (its number in the meeting, 1-based, or its trigger id) of meeting
    /// `meeting`, refused before anything is asked when the meeting is still to come (R20).
    /// - Throws: `DecisionError`.
    public func target(meeting: String, item: String) throws -> DecisionTarget {
        guard let session = try store.session(meeting) else { throw DecisionError.noMeeting(meeting) }
        let items = try store.scheduledItems(inSession: meeting)
        guard let scheduled = Int(item).flatMap({ n in items.first { $0.position + 1 == n } })
            ?? items.first(where: { $0.triggerID == item }) else {
            throw DecisionError.noItem(meeting: meeting, item: item)
        }
        guard let id = TriggerID(scheduled.triggerID) else { throw DecisionError.noItem(meeting: meeting, item: item) }
        let (number, seq) = (id.caseNumber, id.sourceEvent)
        let file = try store.caseFile(number)
        let today = clock.today
        if today < session.date, let problem = DecisionRules.meetingProblem(
            with: CaseEvent.DecisionRecorded(onEvent: seq, decidedOn: today, outcome: .monitoringReviewed),
            session: session, attendance: nil, today: today) {
            throw DecisionError.meetingRule(problem)
        }
        guard let decisionItem = DecisionRules.item(raisedBy: seq, in: file) else {
            throw DecisionError.nothingToDecide(number, seq: seq)
        }
        return DecisionTarget(session: session, scheduled: scheduled, number: number, seq: seq, file: file,
                              item: decisionItem)
    }

    /// The outcome named `text` (its Japanese name or its Swift name) for `target`.
    /// - Throws: `DecisionError.unknownOutcome` listing the item's outcomes.
    public static func outcome(_ text: String, for target: DecisionTarget) throws(DecisionError) -> DecisionOutcome {
        guard let chosen = DecisionOutcome(rawValue: text) ?? DecisionOutcome.allCases.first(where: { "\($0)" == text })
        else { throw .unknownOutcome(text, allowed: target.outcomes) }
        return chosen
    }

    /// Records the decision on `target`: the day defaults to the meeting's, the report (R16 case 3)
    /// to the decision's day for a plan without statutory programmes; R20/R21 are checked with the
    /// attendance of the item, then the decision is appended in one transaction.
    /// - Throws: `DecisionError`, or the store's refusal (the case-file rules).
    public func decide(_ target: DecisionTarget, _ input: DecisionInput) throws -> DecisionRecord {
        let today = clock.today
        let decidedOn = input.decidedOn ?? target.session.date
        let plan = target.file.plans.first { $0.eventSeq == target.seq }
        let reported = input.reportedOn
            ?? (input.outcome == .planApproved && plan?.statutoryContent == StatutoryContent.none ? decidedOn : nil)
        if let reported, reported > today { throw DecisionError.reportedAfterToday(reported: reported, today: today) }
        let decision = CaseEvent.DecisionRecorded(
            onEvent: target.seq, decidedOn: decidedOn, outcome: input.outcome, monitoringOn: input.monitoringOn,
            meeting: target.session.id, meetingKind: target.scheduled.meetingKind,
            supportDecisionBy: input.supportDecisionBy, roles: input.roles.isEmpty ? nil : input.roles,
            leadAgency: input.leadAgency, followUp: input.followUp,
            shortages: input.shortages.isEmpty ? nil : input.shortages,
            attended: input.attended.isEmpty ? nil : input.attended, recordedBy: input.recordedBy,
            supersedes: input.supersedes, reportedOn: reported)
        // R20, R21: on or after the meeting's day; who attended must have been seated at the item.
        let attendance = target.session.attendance(of: target.scheduled, caseFile: target.file,
                                                   registry: try store.registry())
        if let problem = DecisionRules.meetingProblem(with: decision, session: target.session,
                                                      attendance: attendance, today: today) {
            throw DecisionError.meetingRule(problem)
        }
        let recorded = try Cases(store: store, clock: clock).record([.decisionRecorded(decision)], to: target.number)
        var waiting: PlanVersion?
        if input.outcome == .planApproved, let plan, plan.statutoryContent != .none, input.supportDecisionBy == nil {
            waiting = PlanVersion(kind: plan.kind, version: plan.version)
        }
        return DecisionRecord(recorded: recorded, awaitingSupportDecision: waiting, reportedOn: reported)
    }

    /// Records the 支援決定 (R16) of the plan of case `number` that waits for it (of `kind`, when
    /// several wait); `on` nil means today.
    /// - Throws: `DecisionError` when no plan or several plans wait; the store's refusal.
    public func supportDecision(_ number: CaseNumber, by person: PersonID, on: LocalDate?, kind: PlanKind?) throws
        -> (recorded: RecordedEvents, plan: PlanVersion) {
        let file = try store.caseFile(number)
        let waiting = file.plans.filter { $0.state == .awaitingSupportDecision && (kind == nil || $0.kind == kind) }
        guard let target = waiting.first else { throw DecisionError.noPlanAwaitingSupportDecision(number, kind: kind) }
        guard waiting.count == 1 else {
            throw DecisionError.severalPlansAwaitingSupportDecision(number, kinds: waiting.map(\.kind))
        }
        let recorded = try Cases(store: store, clock: clock).record(
            [.supportDecided(.init(planEvent: target.eventSeq, decidedOn: on ?? clock.today, by: person))], to: number)
        return (recorded, PlanVersion(kind: target.kind, version: target.version))
    }
}
