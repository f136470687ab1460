/// What kind of item a decision is taken on, found from the event that raised its trigger.
public enum DecisionItem: String, Hashable, Sendable, Codable {
    case plan = "プラン"
    case ending = "支援終結"
    case suspension = "支援中断"
    case monitoring = "モニタリング"

    /// The outcomes a meeting may decide on this kind of item (R16–R18).
    public var outcomes: [DecisionOutcome] {
        switch self {
        case .plan: [.planApproved, .planSentBack]
        case .ending: [.endApproved, .endDeferred]
        case .suspension: [.suspended, .suspensionDeferred]
        case .monitoring: [.monitoringReviewed]
        }
    }
}

/// The rules a decision must satisfy before it enters the case file (R9, R16, R17, R18).
public enum DecisionRules {
    /// The item raised by event `seq` of `file`, or `nil` when that event raises no trigger.
    public static func item(raisedBy seq: Int, in file: CaseFile) -> DecisionItem? {
        if file.plans.contains(where: { $0.eventSeq == seq }) { return .plan }
        if file.endProposals.contains(where: { $0.eventSeq == seq }) { return .ending }
        if seq == 1 || file.contacts.contains(where: { $0.eventSeq == seq }) { return .suspension }
        if file.decisions.contains(where: { $0.eventSeq == seq && $0.decision.monitoringOn != nil }) { return .monitoring }
        return nil
    }

    /// Whether `person` is municipal staff who may make a 支援決定 (R11, R16).
    public static func isMunicipalStaff(_ person: PersonID, registry: Registry) -> Bool {
        guard let p = registry.person(person), let a = registry.agency(p.agency) else { return false }
        return a.holds(.municipality)
    }

    /// Whether `person` may record decisions: the chair (多機関協働事業者, R10) or the secretariat
    /// (the municipality's staff, who send the invitations).
    public static func mayRecord(_ person: PersonID, registry: Registry) -> Bool {
        guard let p = registry.person(person), let a = registry.agency(p.agency) else { return false }
        return a.holds(.coordinator) || a.holds(.municipality)
    }

    /// The first rule `decision` breaks on `file`; `nil` when it fits.
    public static func problem(with d: CaseEvent.DecisionRecorded, in file: CaseFile,
                               registry: Registry) -> DecisionProblem? {
        guard let item = item(raisedBy: d.onEvent, in: file) else { return .raisesNoTrigger(event: d.onEvent) }
        guard item.outcomes.contains(d.outcome) else { return .outcomeDoesNotFit(outcome: d.outcome, item: item) }
        // Never twice for the same item, unless it supersedes the decision in force.
        let onItem = file.decisions.filter { $0.decision.onEvent == d.onEvent }
        let superseded = Set(file.decisions.compactMap(\.decision.supersedes))
        if let current = onItem.last(where: { !superseded.contains($0.eventSeq) }) {
            guard d.supersedes == current.eventSeq else { return .alreadyDecided(item: d.onEvent, decision: current.eventSeq) }
        } else if let s = d.supersedes {
            return .notInForce(decision: s, item: d.onEvent)
        }
        if d.meeting != nil {
            guard let by = d.recordedBy else { return .recorderMissing }
            guard mayRecord(by, registry: registry) else { return .mayNotRecord(by) }
        }
        if let by = d.supportDecisionBy, !isMunicipalStaff(by, registry: registry) { return .notMunicipalStaff(by) }
        if let m = d.monitoringOn, m <= d.decidedOn { return .monitoringNotAfterDecision(monitoringOn: m, decidedOn: d.decidedOn) }
        for role in d.roles ?? [] where registry.agency(role.agency) == nil { return .unknownRoleAgency(role.agency) }
        for p in d.attended ?? [] where registry.person(p) == nil { return .unknownAttendee(p) }
        if (d.shortages ?? []).contains(where: { $0.allSatisfy(\.isWhitespace) }) { return .blankShortage }
        if let reported = d.reportedOn {
            let plan = file.plans.first(where: { $0.eventSeq == d.onEvent })
            guard d.outcome == .planApproved, let plan, plan.statutoryContent == .none else {
                return .reportOutsideNonStatutoryApproval
            }
            if reported < d.decidedOn { return .reportBeforeApproval(reportedOn: reported, decidedOn: d.decidedOn) }
        }
        switch d.outcome {
        case .planApproved:
            // R16: a plan with statutory programmes may be approved now and confirmed by the 支援決定
            // later (`supportDecided`), or both at once with `supportDecisionBy`.
            guard let plan = file.plans.first(where: { $0.eventSeq == d.onEvent }) else { return nil }
            if plan.statutoryContent == .none && d.supportDecisionBy != nil { return .supportDecisionForNonStatutoryPlan }
            if plan.kind == .participation
                && (d.meetingKind ?? file.requiredMeetingKind(on: d.decidedOn)) != .multiAgency {
                return .participationNeedsMultiAgency
            }
        case .endApproved:
            guard let lead = d.leadAgency else { return .endingNeedsLead }
            guard registry.agency(lead) != nil else { return .unknownLeadAgency(lead) }
            guard let f = d.followUp, !f.allSatisfy(\.isWhitespace) else { return .endingNeedsFollowUp }
        default:
            if d.supportDecisionBy != nil && d.outcome != .planApproved { return .supportDecisionOutsidePlanApproval }
        }
        return nil
    }

    /// The first rule a 支援決定 made outside the meeting breaks (R16); `nil` when it fits.
    public static func problem(with s: CaseEvent.SupportDecided, in file: CaseFile,
                               registry: Registry) -> SupportDecisionProblem? {
        guard isMunicipalStaff(s.by, registry: registry) else { return .notMunicipalStaff(s.by) }
        guard let plan = file.plans.first(where: { $0.eventSeq == s.planEvent }) else { return .notAPlan(event: s.planEvent) }
        switch plan.state {
        case .awaitingSupportDecision: break
        case .confirmed: return .planConfirmed(kind: plan.kind, version: plan.version)
        case .drafted, .sentBack: return .planNotApproved(kind: plan.kind, version: plan.version)
        case .superseded: return .planSuperseded(kind: plan.kind, version: plan.version)
        }
        if let approved = plan.approvedOn, s.decidedOn < approved {
            return .beforeApproval(decidedOn: s.decidedOn, approvedOn: approved)
        }
        return nil
    }

    /// R20, R21: the first rule a decision recorded at `session` on `today` breaks; `nil` when it
    /// fits. `attendance` is the item's attendance in the session.
    public static func meetingProblem(with d: CaseEvent.DecisionRecorded, session: Session,
                                      attendance: ItemAttendance?, today: LocalDate) -> MeetingDecisionProblem? {
        if today < session.date { return .beforeMeeting(sessionID: session.id, date: session.date) }
        if d.decidedOn < session.date { return .decidedBeforeMeeting(decidedOn: d.decidedOn, sessionDate: session.date) }
        if d.decidedOn > today { return .decidedAfterToday(decidedOn: d.decidedOn, today: today) }
        if let attendance {
            let seated = Set(attendance.attendees.map(\.person))
            for person in d.attended ?? [] where !seated.contains(person) {
                return .notSeated(person: person, sessionID: session.id)
            }
        }
        return nil
    }
}
