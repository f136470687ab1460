/// 分野: the field an agency works in. Consent is often given per field (R1).
public enum Field: String, Sendable, Codable, CaseIterable, Comparable {
    case elderly = "高齢"
    case disability = "障がい"
    case children = "子ども"
    case poverty = "困窮"
    case publicAssistance = "生活保護"
    case health = "保健・医療"
    case education = "教育"
    case housing = "住宅"
    case environment = "環境"
    case employment = "就労"
    case justice = "司法"
    case community = "地域"
    /// Cross-field bodies: the department in charge and the 多機関協働 coordinator.
    case general = "包括"

    public static func < (lhs: Field, rhs: Field) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Whether an agency is a municipal department, a contracted body or an outside organisation.
public enum AgencyKind: String, Sendable, Codable, CaseIterable {
    case municipal = "庁内"
    case contracted = "委託"
    case external = "外部"
}

/// The programme roles of 重層的支援体制整備事業 an agency can hold.
public enum ProgrammeRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// 多機関協働事業者: hosts and chairs 重層的支援会議, drafts plans (R10).
    case coordinator = "多機関協働事業者"
    /// アウトリーチ等事業者: outreach provider, attends in principle (R12).
    case outreach = "アウトリーチ等事業者"
    /// 参加支援事業者: social-participation provider, attends in principle (R12).
    case participation = "参加支援事業者"
    /// 自治体: the department in charge; attends every 重層的支援会議 and makes 支援決定 (R11, R16).
    case municipality = "自治体"

    public static func < (lhs: ProgrammeRole, rhs: ProgrammeRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Identifies an agency in the registry (e.g. `kodomo-center`).
public typealias AgencyID = String
/// Identifies a person in the registry.
public typealias PersonID = String
/// Identifies a meeting body in the registry.
public typealias BodyID = String

/// 支援関係機関: a department or contracted body that is invited and subscribes to a feed.
public struct Agency: Hashable, Sendable, Codable {
    public var id: AgencyID
    public var name: String
    public var field: Field
    public var kind: AgencyKind
    public var mailbox: String
    public var roles: Set<ProgrammeRole>

    public init(id: AgencyID, name: String, field: Field, kind: AgencyKind, mailbox: String,
                roles: Set<ProgrammeRole> = []) {
        self.id = id
        self.name = name
        self.field = field
        self.kind = kind
        self.mailbox = mailbox
        self.roles = roles
    }

    /// Whether the agency holds `role`.
    public func holds(_ role: ProgrammeRole) -> Bool { roles.contains(role) }
}

/// A person who may be invited: agency staff, 民生委員 and other local people (as members of a
/// community agency).
public struct Person: Hashable, Sendable, Codable {
    public var id: PersonID
    public var name: String
    public var mailbox: String
    public var agency: AgencyID
    public var title: String

    public init(id: PersonID, name: String, mailbox: String, agency: AgencyID, title: String) {
        self.id = id
        self.name = name
        self.mailbox = mailbox
        self.agency = agency
        self.title = title
    }
}

/// What a meeting body is: the two bodies of the system, or an existing statutory body (R5).
public enum BodyKind: String, Sendable, Codable, CaseIterable {
    /// 重層的支援会議: needs the person's consent (R1).
    case multiAgency = "重層的支援会議"
    /// 支援会議 (社会福祉法 第106条の6): members under 守秘義務, no consent needed (R2).
    case supportMeeting = "支援会議"
    case communityCare = "地域ケア会議"
    case childProtection = "要保護児童対策地域協議会"
    case disabilityCouncil = "障害者自立支援協議会"
    case povertyCoordination = "支援調整会議"
    case otherExisting = "その他の会議体"

    /// Whether this is an existing body that may hold a joint session (R5).
    public var isExisting: Bool { self != .multiAgency && self != .supportMeeting }
}

/// A member (構成員) of a meeting body.
public struct BodyMember: Hashable, Sendable, Codable {
    public var person: PersonID
    /// The appointment date; required for 支援会議 (R2).
    public var appointedOn: LocalDate?
    /// When the member acknowledged the statutory duty of confidentiality (守秘義務, R2).
    public var confidentialityAcknowledgedOn: LocalDate?
    /// The last day of the appointment, when it has ended.
    public var appointmentEndsOn: LocalDate?
    /// A temporary member (臨時構成員) appointed for a joint session (R5).
    public var temporary: Bool

    public init(person: PersonID, appointedOn: LocalDate? = nil, confidentialityAcknowledgedOn: LocalDate? = nil,
                appointmentEndsOn: LocalDate? = nil, temporary: Bool = false) {
        self.person = person
        self.appointedOn = appointedOn
        self.confidentialityAcknowledgedOn = confidentialityAcknowledgedOn
        self.appointmentEndsOn = appointmentEndsOn
        self.temporary = temporary
    }

    /// Whether the appointment covers `date`: it does not start after the date and has not ended
    /// before it. A missing appointment date (common for existing bodies) does not disqualify; the
    /// 支援会議 scope check asks for one separately (R2). The one statement of the rule: attendance,
    /// joint holding and the scheduler's joint-body check ask it.
    public func appointmentCovers(_ date: LocalDate) -> Bool {
        if let appointedOn, date < appointedOn { return false }
        if let end = appointmentEndsOn, end < date { return false }
        return true
    }

    /// Whether the member is appointed on `date`: an appointment date on record that covers it.
    public func isAppointed(on date: LocalDate) -> Bool {
        appointedOn != nil && appointmentCovers(date)
    }
}

/// A meeting body (会議体) with its members.
public struct MeetingBody: Hashable, Sendable, Codable {
    public var id: BodyID
    public var name: String
    public var kind: BodyKind
    public var members: [BodyMember]

    public init(id: BodyID, name: String, kind: BodyKind, members: [BodyMember] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.members = members
    }

    /// The membership record of `person`, if any.
    public func member(_ person: PersonID) -> BodyMember? { members.first { $0.person == person } }
}

/// The registry: every agency, person and meeting body of the municipality.
public struct Registry: Hashable, Sendable {
    public let agencies: [Agency]
    public let people: [Person]
    public let bodies: [MeetingBody]
    private let agencyIndex: [AgencyID: Int]
    private let personIndex: [PersonID: Int]
    private let bodyIndex: [BodyID: Int]
    /// Derived indexes: people by agency, and each body's members by the agency they work for,
    /// both in registry order (attendance asks these for every item the scheduler looks at).
    private let peopleByAgency: [AgencyID: [Int]]
    private let membersByAgency: [BodyID: [AgencyID: [BodyMember]]]

    /// Creates a registry; on duplicate ids the first entry wins (importers reject duplicates).
    public init(agencies: [Agency] = [], people: [Person] = [], bodies: [MeetingBody] = []) {
        self.agencies = agencies
        self.people = people
        self.bodies = bodies
        agencyIndex = Dictionary(agencies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        personIndex = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        bodyIndex = Dictionary(bodies.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byAgency: [AgencyID: [Int]] = [:]
        for (index, person) in people.enumerated() { byAgency[person.agency, default: []].append(index) }
        peopleByAgency = byAgency
        var members: [BodyID: [AgencyID: [BodyMember]]] = [:]
        for (index, body) in bodies.enumerated() where bodyIndex[body.id] == index {
            var ofBody: [AgencyID: [BodyMember]] = [:]
            for member in body.members {
                if let at = personIndex[member.person] { ofBody[people[at].agency, default: []].append(member) }
            }
            members[body.id] = ofBody
        }
        membersByAgency = members
    }

    /// The agency with `id`, if registered.
    public func agency(_ id: AgencyID) -> Agency? { agencyIndex[id].map { agencies[$0] } }
    /// The person with `id`, if registered.
    public func person(_ id: PersonID) -> Person? { personIndex[id].map { people[$0] } }
    /// The body with `id`, if registered.
    public func body(_ id: BodyID) -> MeetingBody? { bodyIndex[id].map { bodies[$0] } }
    /// The people who work for `agency`, in registry order.
    public func people(of agency: AgencyID) -> [Person] { (peopleByAgency[agency] ?? []).map { people[$0] } }
    /// The members of `body` who work for `agency`, in the body's order. The body's own list is
    /// searched when it is not this registry's body of that id.
    public func members(of body: MeetingBody, workingFor agency: AgencyID) -> [BodyMember] {
        guard self.body(body.id) == body else { return body.members.filter { person($0.person)?.agency == agency } }
        return membersByAgency[body.id]?[agency] ?? []
    }
    /// The agencies holding `role`, in registry order.
    public func agencies(holding role: ProgrammeRole) -> [Agency] { agencies.filter { $0.holds(role) } }
    /// The bodies of `kind`, in registry order.
    public func bodies(of kind: BodyKind) -> [MeetingBody] { bodies.filter { $0.kind == kind } }
}
