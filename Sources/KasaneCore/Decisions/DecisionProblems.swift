// The rules a decision breaks, as typed values (#13.3, STYLE.md §19); the words, each saying how
// to fix the input, are in KasaneWording (DecisionWording.swift).

/// The first rule a decision recorded for a case breaks (R9, R10, R16–R18); `DecisionRules.problem`.
public enum DecisionProblem: Hashable, Sendable, Codable {
    /// Event `event` raises no trigger to decide on.
    case raisesNoTrigger(event: Int)
    /// `outcome` does not fit an item of kind `item` (see `DecisionItem.outcomes`).
    case outcomeDoesNotFit(outcome: DecisionOutcome, item: DecisionItem)
    /// Item `item` was already decided by decision `decision`; a correction must supersede it.
    case alreadyDecided(item: Int, decision: Int)
    /// Decision `decision`, to be superseded, is not a decision in force on item `item`.
    case notInForce(decision: Int, item: Int)
    /// A meeting's decision names no one who records it.
    case recorderMissing
    /// R10: `person` may not record decisions (only the chair or the secretariat may).
    case mayNotRecord(PersonID)
    /// R16: `person` is not municipal staff, so may not make a 支援決定.
    case notMunicipalStaff(PersonID)
    /// The monitoring date is not after the decision.
    case monitoringNotAfterDecision(monitoringOn: LocalDate, decidedOn: LocalDate)
    /// An unknown agency in the role assignments.
    case unknownRoleAgency(AgencyID)
    /// An unknown person among those who attended.
    case unknownAttendee(PersonID)
    /// A social-resource shortage with no description.
    case blankShortage
    /// R16 case 3: a report (報告) belongs to the approval of a plan without statutory programmes only.
    case reportOutsideNonStatutoryApproval
    /// R16 case 3: the report precedes the approval.
    case reportBeforeApproval(reportedOn: LocalDate, decidedOn: LocalDate)
    /// R16 case 3: a plan without statutory programmes is confirmed on approval, without a 支援決定.
    case supportDecisionForNonStatutoryPlan
    /// R9: 参加支援 starts only after a 重層的支援会議 judged it necessary.
    case participationNeedsMultiAgency
    /// R17: ending support names no 主担当 (lead agency).
    case endingNeedsLead
    /// The 主担当 named is not a known agency.
    case unknownLeadAgency(AgencyID)
    /// R18: ending support names no follow-up (フォローアップ).
    case endingNeedsFollowUp
    /// A 支援決定 given with another outcome than a plan approval.
    case supportDecisionOutsidePlanApproval
}

/// The first rule a 支援決定 made outside the meeting breaks (R16); `DecisionRules.problem`.
public enum SupportDecisionProblem: Hashable, Sendable, Codable {
    /// `person` is not municipal staff.
    case notMunicipalStaff(PersonID)
    /// Event `event` is not a plan.
    case notAPlan(event: Int)
    /// The plan is confirmed already.
    case planConfirmed(kind: PlanKind, version: Int)
    /// The plan was not approved by a meeting (drafted or sent back).
    case planNotApproved(kind: PlanKind, version: Int)
    /// The plan was revised since.
    case planSuperseded(kind: PlanKind, version: Int)
    /// The 支援決定 is dated before the meeting's approval.
    case beforeApproval(decidedOn: LocalDate, approvedOn: LocalDate)
}

/// The first rule a decision recorded at a session breaks (R15, R20, R21); `DecisionRules.meetingProblem`.
public enum MeetingDecisionProblem: Hashable, Sendable, Codable {
    /// R20: the session has not taken place yet.
    case beforeMeeting(sessionID: String, date: LocalDate)
    /// R20: the decision is dated before the session.
    case decidedBeforeMeeting(decidedOn: LocalDate, sessionDate: LocalDate)
    /// The decision is dated after today.
    case decidedAfterToday(decidedOn: LocalDate, today: LocalDate)
    /// R15, R21: `person` is not among the item's attendees in the session.
    case notSeated(person: PersonID, sessionID: String)
}

// The texts `CaseFileError.description` shows (the store's import errors, untyped error output);
// the catalogue words these problems in both languages.

extension DecisionProblem: CustomStringConvertible {
    /// The problem as `CaseFileError.description` gives it, saying how to fix it.
    public var description: String {
        switch self {
        case .raisesNoTrigger(let event): "event #\(event) raises no trigger to decide on"
        case let .outcomeDoesNotFit(outcome, item):
            "\(outcome.rawValue) does not fit a \(item.rawValue) item (allowed: \(item.outcomes.map(\.rawValue).joined(separator: ", ")))"
        case let .alreadyDecided(item, decision):
            "item #\(item) was already decided (decision #\(decision)): record a correction that supersedes it"
        case let .notInForce(decision, item): "decision #\(decision) is not a decision in force on item #\(item)"
        case .recorderMissing: "a meeting's decision needs who records it (the chair or the secretariat)"
        case .mayNotRecord(let by): "'\(by)' may not record decisions: only the chair (多機関協働事業者) or the secretariat may (R10)"
        case .notMunicipalStaff(let by): "'\(by)' is not municipal staff: only the municipality makes a 支援決定 (R16)"
        case let .monitoringNotAfterDecision(m, decided): "the monitoring date \(m) must be after the decision (\(decided))"
        case .unknownRoleAgency(let a): "unknown agency '\(a)' in the role assignments"
        case .unknownAttendee(let p): "unknown person '\(p)' among those who attended"
        case .blankShortage: "a social-resource shortage needs a description"
        case .reportOutsideNonStatutoryApproval:
            "a report (報告) to the municipality belongs to the approval of a plan without statutory programmes only (R16 case 3)"
        case let .reportBeforeApproval(reported, decided):
            "the report on \(reported) cannot precede the approval on \(decided) (R16 case 3)"
        case .supportDecisionForNonStatutoryPlan:
            "the plan holds no statutory programme: it is confirmed on approval and reported to the municipality, "
                + "without a 支援決定 (R16 case 3)"
        case .participationNeedsMultiAgency:
            "参加支援 starts only after a 重層的支援会議 judged it necessary; without consent it cannot (R9)"
        case .endingNeedsLead: "ending support needs the 主担当 (lead agency) (R17)"
        case .unknownLeadAgency(let lead): "unknown agency '\(lead)' as 主担当"
        case .endingNeedsFollowUp: "ending support needs the follow-up (フォローアップ) (R18)"
        case .supportDecisionOutsidePlanApproval: "a 支援決定 belongs to a plan approval only"
        }
    }
}

extension SupportDecisionProblem: CustomStringConvertible {
    /// The problem as `CaseFileError.description` gives it (in Japanese, as it always was).
    public var description: String {
        switch self {
        case .notMunicipalStaff(let by): "'\(by)' は自治体職員ではありません。支援決定は自治体（役割「自治体」の機関の職員）だけが行えます"
        case .notAPlan(let event): "事象 #\(event) はプランではありません"
        case let .planConfirmed(kind, version): "\(kind.rawValue)プラン第\(version)版は確定済みです"
        case let .planNotApproved(kind, version):
            "\(kind.rawValue)プラン第\(version)版は会議で承認されていません。先に `kasane decide` で承認を記録してください"
        case let .planSuperseded(kind, version): "\(kind.rawValue)プラン第\(version)版は改訂済みです"
        case let .beforeApproval(decided, approved): "支援決定の日 \(decided) が会議の承認日 \(approved) より前です"
        }
    }
}
