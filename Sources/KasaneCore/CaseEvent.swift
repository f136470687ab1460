/// One fact in a case file's append-only log. The case's state is derived by replaying these
/// (STYLE.md §6); a correction is a new event, never an edit.
public enum CaseEvent: Hashable, Sendable {
    case opened(Opened)
    case memberAdded(HouseholdMember)
    case agencyJoined(AgencyChange)
    case agencyLeft(AgencyChange)
    case consentGranted(ConsentGranted)
    case consentWithdrawn(ConsentWithdrawn)
    case planDrafted(PlanDrafted)
    case planRevised(PlanDrafted)
    case contactLogged(ContactAttempt)
    case endProposed(EndProposed)
    case decisionRecorded(DecisionRecorded)
    case principalAttendance(PrincipalAttendance)
    case reopened(Reopened)
    case supportDecided(SupportDecided)
    case detailsErased(DetailsErased)

    /// R14: the case file records whether attending helps the person (本人).
    public struct PrincipalAttendance: Hashable, Sendable, Codable {
        public var attends: Bool
        public var on: LocalDate

        public init(attends: Bool, on: LocalDate) {
            self.attends = attends
            self.on = on
        }
    }

    /// 相談受付: the case is opened on a referral.
    public struct Opened: Hashable, Sendable, Codable {
        public var number: CaseNumber
        public var openedOn: LocalDate
        public var referredBy: AgencyID
        public var fields: Set<Field>
        public var involvedAgencies: [AgencyID]

        public init(number: CaseNumber, openedOn: LocalDate, referredBy: AgencyID, fields: Set<Field>,
                    involvedAgencies: [AgencyID]) {
            self.number = number
            self.openedOn = openedOn
            self.referredBy = referredBy
            self.fields = fields
            self.involvedAgencies = involvedAgencies
        }

        /// Encodes with the fields sorted so the same opening always gives the same bytes.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(openedOn, forKey: .openedOn)
            try c.encode(referredBy, forKey: .referredBy)
            try c.encode(fields.sorted(), forKey: .fields)
            try c.encode(involvedAgencies, forKey: .involvedAgencies)
        }
    }

    /// An agency joins or leaves the case (R13).
    public struct AgencyChange: Hashable, Sendable, Codable {
        public var agency: AgencyID
        public var on: LocalDate

        public init(agency: AgencyID, on: LocalDate) {
            self.agency = agency
            self.on = on
        }
    }

    /// A household member gives (or widens, or narrows) consent (R1); for a child, a person with
    /// parental authority (親権者) gives it on their behalf (R1b).
    public struct ConsentGranted: Hashable, Sendable, Codable {
        public var member: MemberKey
        public var grantedOn: LocalDate
        public var scope: ConsentScope
        public var formReference: String
        /// R1b: the household member (親権者) who consented on the member's behalf; `nil` when the
        /// member consented themselves.
        public var givenBy: MemberKey?

        public init(member: MemberKey, grantedOn: LocalDate, scope: ConsentScope, formReference: String,
                    givenBy: MemberKey? = nil) {
            self.member = member
            self.grantedOn = grantedOn
            self.scope = scope
            self.formReference = formReference
            self.givenBy = givenBy
        }
    }

    /// A household member withdraws the consent in force (R3).
    public struct ConsentWithdrawn: Hashable, Sendable, Codable {
        public var member: MemberKey
        public var withdrawnOn: LocalDate

        public init(member: MemberKey, withdrawnOn: LocalDate) {
            self.member = member
            self.withdrawnOn = withdrawnOn
        }
    }

    /// A plan is drafted (version 1) or revised (version 2+) (R6 triggers 1 and 2).
    public struct PlanDrafted: Hashable, Sendable, Codable {
        public var kind: PlanKind
        public var draftedOn: LocalDate
        public var services: [PlanService]
        public var urgent: Bool

        public init(kind: PlanKind, draftedOn: LocalDate, services: [PlanService], urgent: Bool = false) {
            self.kind = kind
            self.draftedOn = draftedOn
            self.services = services
            self.urgent = urgent
        }
    }

    /// Ending support is proposed (R6 trigger 3).
    public struct EndProposed: Hashable, Sendable, Codable {
        public var proposedOn: LocalDate
        public var by: AgencyID
        public var urgent: Bool

        public init(proposedOn: LocalDate, by: AgencyID, urgent: Bool = false) {
            self.proposedOn = proposedOn
            self.by = by
            self.urgent = urgent
        }
    }

    /// A decision of a meeting on the trigger raised by event `onEvent` (R16–R18): it satisfies
    /// that trigger and moves the case on. A correction is a new decision that `supersedes` the
    /// earlier one; nothing is ever edited.
    public struct DecisionRecorded: Hashable, Sendable, Codable {
        /// The sequence number of the event whose trigger this decides.
        public var onEvent: Int
        public var decidedOn: LocalDate
        public var outcome: DecisionOutcome
        /// The next monitoring review, when the meeting set one (R7).
        public var monitoringOn: LocalDate?
        /// The session (meeting id) that decided, when recorded through Kasane.
        public var meeting: String?
        /// Whether the item was held as 重層的支援会議 or 支援会議 (for R9 and the yearly indicators).
        public var meetingKind: MeetingKind?
        /// The municipal staff member who made the 支援決定 (R16 cases 1 and 2).
        public var supportDecisionBy: PersonID?
        /// Role assignments confirmed by the meeting: agency → task (R17).
        public var roles: [PlanService]?
        /// 主担当: the agency that keeps accompanying the person after 多機関協働 ends (R17, R18).
        public var leadAgency: AgencyID?
        /// How the person is followed up after ending (フォローアップ, R18).
        public var followUp: String?
        /// Shortages of social resources noted for the 地域づくり side (never personal data).
        public var shortages: [String]?
        /// Who actually attended the item.
        public var attended: [PersonID]?
        /// The chair or secretariat member who recorded it.
        public var recordedBy: PersonID?
        /// The decision event this one corrects.
        public var supersedes: Int?
        /// R16 case 3: the day the approved plan (no statutory programme) was reported (報告) to
        /// the municipality.
        public var reportedOn: LocalDate?

        public init(onEvent: Int, decidedOn: LocalDate, outcome: DecisionOutcome, monitoringOn: LocalDate? = nil,
                    meeting: String? = nil, meetingKind: MeetingKind? = nil, supportDecisionBy: PersonID? = nil,
                    roles: [PlanService]? = nil,
                    leadAgency: AgencyID? = nil, followUp: String? = nil, shortages: [String]? = nil,
                    attended: [PersonID]? = nil, recordedBy: PersonID? = nil, supersedes: Int? = nil,
                    reportedOn: LocalDate? = nil) {
            self.onEvent = onEvent
            self.decidedOn = decidedOn
            self.outcome = outcome
            self.monitoringOn = monitoringOn
            self.meeting = meeting
            self.meetingKind = meetingKind
            self.supportDecisionBy = supportDecisionBy
            self.roles = roles
            self.leadAgency = leadAgency
            self.followUp = followUp
            self.shortages = shortages
            self.attended = attended
            self.recordedBy = recordedBy
            self.supersedes = supersedes
            self.reportedOn = reportedOn
        }
    }

    /// R16, second act: municipal staff make the 支援決定 on a plan the meeting approved, often
    /// days later and outside any meeting; the plan is confirmed by it.
    public struct SupportDecided: Hashable, Sendable, Codable {
        /// The sequence number of the plan version's event.
        public var planEvent: Int
        public var decidedOn: LocalDate
        /// The municipal staff member who made it.
        public var by: PersonID

        public init(planEvent: Int, decidedOn: LocalDate, by: PersonID) {
            self.planEvent = planEvent
            self.decidedOn = decidedOn
            self.by = by
        }
    }

    /// 個人情報の消去 (#17.3): the personal details (name, birth date, address, circumstances) of
    /// `members` were destroyed. The event says who did it, on which day and under which rule —
    /// the retention rule counted from the case's end (`yearsAfterEnd`, `endedOn`), or a request
    /// (`reason`) — and never holds a detail itself; the case's other events stay as they were.
    public struct DetailsErased: Hashable, Sendable, Codable {
        public var on: LocalDate
        /// The household members whose details were destroyed.
        public var members: [MemberKey]
        /// Who erased them: the registry person id given with `--by`.
        public var by: PersonID
        /// Under the retention rule: its years after the end (nil for an erasure on request).
        public var yearsAfterEnd: Int?
        /// Under the retention rule: the day the case ended (支援終結) that the rule counts from.
        public var endedOn: LocalDate?
        /// On request: the reason as typed (a reference such as a request number, never a detail).
        public var reason: String?

        public init(on: LocalDate, members: [MemberKey], by: PersonID, yearsAfterEnd: Int? = nil,
                    endedOn: LocalDate? = nil, reason: String? = nil) {
            self.on = on
            self.members = members
            self.by = by
            self.yearsAfterEnd = yearsAfterEnd
            self.endedOn = endedOn
            self.reason = reason
        }
    }

    /// A closed case is reopened because the situation changed (R18).
    public struct Reopened: Hashable, Sendable, Codable {
        public var on: LocalDate

        public init(on: LocalDate) { self.on = on }
    }

    /// The stable name of the event kind, as stored in the event log.
    public var kind: String {
        switch self {
        case .opened: "opened"
        case .memberAdded: "member_added"
        case .agencyJoined: "agency_joined"
        case .agencyLeft: "agency_left"
        case .consentGranted: "consent_granted"
        case .consentWithdrawn: "consent_withdrawn"
        case .planDrafted: "plan_drafted"
        case .planRevised: "plan_revised"
        case .contactLogged: "contact_logged"
        case .endProposed: "end_proposed"
        case .decisionRecorded: "decision_recorded"
        case .principalAttendance: "principal_attendance"
        case .reopened: "reopened"
        case .supportDecided: "support_decided"
        case .detailsErased: "details_erased"
        }
    }

    /// Every stored kind name.
    public static let kinds = ["opened", "member_added", "agency_joined", "agency_left", "consent_granted",
                               "consent_withdrawn", "plan_drafted", "plan_revised", "contact_logged",
                               "end_proposed", "decision_recorded", "principal_attendance", "reopened",
                               "support_decided", "details_erased"]

    /// The day the event refers to (not when it was recorded).
    public var date: LocalDate? {
        switch self {
        case .opened(let e): e.openedOn
        case .memberAdded: nil
        case .agencyJoined(let e), .agencyLeft(let e): e.on
        case .consentGranted(let e): e.grantedOn
        case .consentWithdrawn(let e): e.withdrawnOn
        case .planDrafted(let e), .planRevised(let e): e.draftedOn
        case .contactLogged(let e): e.date
        case .endProposed(let e): e.proposedOn
        case .decisionRecorded(let e): e.decidedOn
        case .principalAttendance(let e): e.on
        case .reopened(let e): e.on
        case .supportDecided(let e): e.decidedOn
        case .detailsErased(let e): e.on
        }
    }
}

/// What a meeting decided on a trigger (R16–R18). The decisions issue extends this.
public enum DecisionOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// The plan is approved; a plan holding statutory programmes is confirmed by the 支援決定,
    /// made with the approval or later (R16).
    case planApproved = "プラン承認"
    /// The plan is sent back for revision.
    case planSentBack = "差戻し"
    /// The monitoring review took place.
    case monitoringReviewed = "モニタリング実施"
    /// Ending support approved (R18).
    case endApproved = "終結承認"
    /// Ending support deferred.
    case endDeferred = "終結保留"
    /// Support suspended: contact completely lost (R8).
    case suspended = "中断決定"
    /// Suspension not decided: keep trying to reach the person (R8).
    case suspensionDeferred = "中断保留"
}

/// An event as stored: its position in the case's log and when it was written.
public struct RecordedEvent: Hashable, Sendable {
    public var seq: Int
    public var event: CaseEvent
    /// UTC timestamp of the write, ISO 8601.
    public var recordedAt: String

    public init(seq: Int, event: CaseEvent, recordedAt: String) {
        self.seq = seq
        self.event = event
        self.recordedAt = recordedAt
    }
}
