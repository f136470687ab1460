/// A case number such as `R8-3`: the only identifier of a household that ever leaves the case file.
public typealias CaseNumber = String

/// Identifies a household member inside one case (`m1`, `mother`); never a name.
public typealias MemberKey = String

/// Case numbers go into file names, URLs and calendar UIDs, so they use a safe alphabet.
public enum CaseNumberRule {
    /// Whether `text` is a valid case number: 1–32 characters of `A–Z a–z 0–9 -`, starting alphanumeric.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 32 else { return false }
        func ok(_ c: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c)
        }
        return ok(first) && text.unicodeScalars.allSatisfy { ok($0) || $0 == "-" }
    }
}

/// R19: where a case stands in the 多機関協働 lifecycle.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// 相談受付: referred, no consent or plan yet.
    case referred = "相談受付"
    /// アセスメント: consent obtained or outreach begun, no plan yet.
    case assessment = "アセスメント"
    /// プラン作成: a plan is drafted and waits for its meeting.
    case planning = "プラン作成"
    /// 支援の実施: the plan is confirmed; monitoring.
    case inSupport = "支援実施"
    /// 終結: support ended (can be reopened, R18).
    case ended = "終結"
    /// 中断: contact completely lost (R8).
    case suspended = "中断"
    /// 戻し: returned to the referring agency, 多機関協働 not needed.
    case returned = "戻し"
}

/// The three plan types whose meetings are mandatory (R6).
public enum PlanKind: String, Sendable, Codable, CaseIterable {
    case multiAgency = "多機関協働"
    case outreach = "アウトリーチ等"
    case participation = "参加支援"
}

/// One service in a plan: which agency does what, and whether it is a statutory programme (R16).
public struct PlanService: Hashable, Sendable, Codable {
    public var agency: AgencyID
    public var task: String
    /// 参加支援事業 or アウトリーチ等事業: needs a 支援決定 by the municipality (R16).
    public var statutory: Bool

    public init(agency: AgencyID, task: String, statutory: Bool) {
        self.agency = agency
        self.task = task
        self.statutory = statutory
    }
}

/// Where a plan stands.
public enum PlanState: String, Sendable, Codable {
    /// Drafted; waits for its meeting (R6).
    case drafted = "策定中"
    /// Approved by the meeting; its statutory programmes wait for the municipality's 支援決定 (R16).
    case awaitingSupportDecision = "承認済・支援決定待ち"
    /// Confirmed by 支援決定 or approval (R16).
    case confirmed = "確定"
    /// Sent back for revision by the meeting (R17).
    case sentBack = "差戻し"
    /// Replaced by a later version.
    case superseded = "改訂済"
}

/// A support plan version: version 1 is the first plan (策定), 2 and later are revisions (再プラン).
public struct Plan: Hashable, Sendable, Codable {
    public var kind: PlanKind
    public var version: Int
    public var draftedOn: LocalDate
    public var services: [PlanService]
    public var urgent: Bool
    public var state: PlanState
    /// The sequence number of the event that drafted this version.
    public var eventSeq: Int
    /// The day the meeting approved it (R16).
    public var approvedOn: LocalDate?
    /// The 支援決定 that confirmed it (R16 cases 1 and 2): who and when.
    public var supportDecision: SupportDecisionRecord?
    /// R16 case 3: the day the approval was reported (報告) to the municipality.
    public var reportedOn: LocalDate?

    /// Whether the plan holds statutory programmes only, some, or none (R16 cases 1–3).
    public var statutoryContent: StatutoryContent {
        let statutory = services.filter(\.statutory).count
        if statutory == 0 { return .none }
        return statutory == services.count ? .only : .mixed
    }
}

/// A 支援決定 made on a plan (R16): by which municipal staff member, on which day.
public struct SupportDecisionRecord: Hashable, Sendable, Codable {
    public var by: PersonID
    public var on: LocalDate

    public init(by: PersonID, on: LocalDate) {
        self.by = by
        self.on = on
    }
}

/// R16: what a plan contains, which decides how it is confirmed.
public enum StatutoryContent: String, Sendable, Codable {
    /// Case 1: only statutory programmes → 支援決定.
    case only
    /// Case 2: statutory and other support → 支援決定 for the statutory part.
    case mixed
    /// Case 3: no statutory programme → approval and a report to the municipality.
    case none
}

/// 同意の範囲: the agencies and fields a household member agreed to share with (R1).
public struct ConsentScope: Hashable, Sendable, Codable {
    public var agencies: Set<AgencyID>
    public var fields: Set<Field>

    public init(agencies: Set<AgencyID> = [], fields: Set<Field> = []) {
        self.agencies = agencies
        self.fields = fields
    }

    /// Whether the scope covers `agency`, named or through its field.
    public func covers(_ agency: Agency) -> Bool {
        agencies.contains(agency.id) || fields.contains(agency.field)
    }

    public var isEmpty: Bool { agencies.isEmpty && fields.isEmpty }

    /// Encodes with sorted arrays so the same scope always gives the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agencies.sorted(), forKey: .agencies)
        try c.encode(fields.sorted(), forKey: .fields)
    }
}

/// A consent (本人同意) given by one household member.
public struct Consent: Hashable, Sendable, Codable {
    public var member: MemberKey
    public var grantedOn: LocalDate
    public var scope: ConsentScope
    /// Reference to the signed form (e.g. a document number), never the form itself.
    public var formReference: String
    public var withdrawnOn: LocalDate?
    public var eventSeq: Int
    /// R1b: the 親権者 (a household member) who consented on the member's behalf, if not the member.
    public var givenBy: MemberKey?

    /// Whether the consent is in force on `date`.
    public func isInForce(on date: LocalDate) -> Bool {
        grantedOn <= date && (withdrawnOn.map { date < $0 } ?? true)
    }
}

/// How a contact was attempted.
public enum ContactMethod: String, Sendable, Codable, CaseIterable {
    case visit = "訪問"
    case phone = "電話"
    case letter = "手紙"
    case interview = "面談"
    case viaAgency = "関係機関から"
}

/// One contact attempt in the contact log (R8).
public struct ContactAttempt: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var method: ContactMethod
    public var reached: Bool
    /// The agency that made the attempt.
    public var by: AgencyID?

    public init(date: LocalDate, method: ContactMethod, reached: Bool, by: AgencyID? = nil) {
        self.date = date
        self.method = method
        self.reached = reached
        self.by = by
    }
}

/// A contact attempt with the event that logged it.
public struct LoggedContact: Hashable, Sendable, Codable {
    public var attempt: ContactAttempt
    public var eventSeq: Int
}

/// A recorded decision with its own event sequence number (monitoring triggers point to it).
public struct LoggedDecision: Hashable, Sendable, Codable {
    public var decision: CaseEvent.DecisionRecorded
    public var eventSeq: Int
}

/// Which of the two meetings of the system an item needs (R1–R4).
public enum MeetingKind: String, Sendable, Codable, CaseIterable {
    /// 重層的支援会議: with the consent of every household member discussed (R1).
    case multiAgency = "重層的支援会議"
    /// 支援会議: without consent, members under 守秘義務 (R2, R3, R4).
    case supportMeeting = "支援会議"

    /// The registry body kind that holds this meeting.
    public var bodyKind: BodyKind { self == .multiAgency ? .multiAgency : .supportMeeting }
}

/// A proposal to end support (支援終結の判断), raising the R6 trigger.
public struct EndProposal: Hashable, Sendable, Codable {
    public var proposedOn: LocalDate
    public var by: AgencyID
    public var urgent: Bool
    public var eventSeq: Int
}

/// A household member as the rules see them: a key and a relation, never a name.
/// Names, birth dates, addresses and circumstances live in `MemberDetails`, stored apart.
public struct HouseholdMember: Hashable, Sendable, Codable {
    public var key: MemberKey
    /// 続柄 such as 本人, 母, 叔父 — a relation, not personal data.
    public var relation: String
    /// 本人: the person the case is about.
    public var isPrincipal: Bool

    public init(key: MemberKey, relation: String, isPrincipal: Bool) {
        self.key = key
        self.relation = relation
        self.isPrincipal = isPrincipal
    }
}

/// The personal details of a household member. They stay in the case-file tables: nothing that
/// leaves the system (calendar, mail, feed, file name, URL, log) may contain them.
public struct MemberDetails: Hashable, Sendable, Codable {
    public var name: String
    public var birthDate: LocalDate?
    public var address: String?
    /// The description of the member's problems (困りごと).
    public var circumstances: String?

    public init(name: String, birthDate: LocalDate? = nil, address: String? = nil, circumstances: String? = nil) {
        self.name = name
        self.birthDate = birthDate
        self.address = address
        self.circumstances = circumstances
    }
}

/// The current state of a case, derived by replaying its event log (never stored on its own).
public struct CaseFile: Hashable, Sendable, Codable {
    public var number: CaseNumber
    public var openedOn: LocalDate
    public var referredBy: AgencyID
    public var fields: Set<Field>
    /// Agencies involved in the case, in the order they joined (R13).
    public var involvedAgencies: [AgencyID]
    public var members: [HouseholdMember]
    /// Every consent ever given, oldest first; the newest in force per member counts.
    public var consents: [Consent]
    /// Every plan version, oldest first.
    public var plans: [Plan]
    public var contacts: [LoggedContact]
    public var endProposals: [EndProposal]
    /// Every decision recorded on the case's triggers, oldest first.
    public var decisions: [LoggedDecision]
    /// R14: whether the case file says attending helps the person (本人); never required.
    public var principalAttends: Bool
    public var status: CaseStatus
    /// The sequence number of the last event applied.
    public var lastSeq: Int
    /// 支援終結 (R18, #17.2): the day of the decision in force that ended support; nil whenever the
    /// case is not ended (open, suspended, or reopened since). The retention rule counts from it.
    public var endedOn: LocalDate? = nil
    /// #17.3: the members whose personal details were erased (their key and relation stay).
    public var erasedMembers: [MemberKey] = []
    /// #17.3: every erasure of personal details, oldest first.
    public var erasures: [CaseEvent.DetailsErased] = []

    /// #17.3: the members whose personal details are still held (added and not erased).
    public var membersWithDetails: [MemberKey] {
        members.map(\.key).filter { !erasedMembers.contains($0) }
    }
}
