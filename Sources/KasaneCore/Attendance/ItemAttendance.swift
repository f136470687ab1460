/// The iCalendar participation role (RFC 5545 ROLE) of an attendee of a case item.
public enum AttendeeRole: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// The 多機関協働事業者 that hosts and chairs (R10).
    case chair = "CHAIR"
    /// Must attend: municipal staff (R11), involved agencies (R13), members of a joint body (R5-a).
    case required = "REQ-PARTICIPANT"
    /// Attends in principle or when asked: R12 providers, local people, other bodies' members (R5-b).
    case optional = "OPT-PARTICIPANT"

    /// Chair first, then required, then optional.
    public static func < (lhs: AttendeeRole, rhs: AttendeeRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the secretariat can do when a 重層的支援会議 item cannot be held lawfully (R3, R10, R11).
public enum LawRemedy: Hashable, Sendable, Codable, CaseIterable {
    /// A member's consent is missing or withdrawn: move the item to 支援会議 or record the consent (R3).
    case moveToSupportMeetingOrConsent
    /// Register a 多機関協働事業者 agency and its people (R10).
    case registerChair
    /// Register the staff of the 多機関協働事業者 who chairs (R10).
    case registerChairStaff
    /// Register a 自治体 agency and its people (R11).
    case registerMunicipality
    /// Register staff of the municipal agency, and appoint them for 支援会議 (R11).
    case registerMunicipalStaff
}

/// A person invited to a case item, with every reason they are there.
public struct Attendee: Hashable, Sendable, Codable {
    public var person: PersonID
    public var agency: AgencyID
    public var role: AttendeeRole
    /// Why the person is invited and why they are inside the item's scope.
    @RuleTaggedList public var reasons: [InclusionReason]
    /// For a deputy (代理出席), the people of the agency they stand in for.
    public var deputyFor: [PersonID]

    public init(person: PersonID, agency: AgencyID, role: AttendeeRole, reasons: [InclusionReason],
                deputyFor: [PersonID] = []) {
        self.person = person
        self.agency = agency
        self.role = role
        self.reasons = reasons
        self.deputyFor = deputyFor
    }

    /// Every rule id behind the invitation, in order of first mention.
    public var rules: [AttendanceRule] { reasons.flatMap(\.rules).uniqued() }
}

/// An agency or person left out of a case item, with the reason and, where it matters, the remedy.
public struct AttendanceExclusion: Hashable, Sendable, Codable {
    /// The item's position on the agenda.
    public var item: Int
    public var agency: AgencyID
    /// The agency's registered name (the id when it is not registered).
    public var agencyName: String
    /// The person left out, or `nil` when the agency has nobody (valid) to send.
    public var person: PersonID?
    /// The person's name when the line names them (支援会議 items, joint-body members, deputies);
    /// `nil` when the line speaks of the agency as a whole.
    public var namedPerson: String?
    /// The role the agency or person would have had.
    public var wouldBe: AttendeeRole
    @RuleTagged public var reason: ExclusionReason
    /// What would let them in; given for the chair, required and involved agencies.
    @RuleTaggedOptional public var remedy: AttendanceRemedy?

    public init(item: Int, agency: AgencyID, agencyName: String, person: PersonID?, namedPerson: String? = nil,
                wouldBe: AttendeeRole, reason: ExclusionReason, remedy: AttendanceRemedy?) {
        self.item = item
        self.agency = agency
        self.agencyName = agencyName
        self.person = person
        self.namedPerson = namedPerson
        self.wouldBe = wouldBe
        self.reason = reason
        self.remedy = remedy
    }

    /// Who the line speaks of: `すまい建築課`, or `教育委員会 当山` when it names the person.
    public var label: String { namedPerson.map { "\(agencyName) \($0)" } ?? agencyName }
}

/// Who sits at one case item of one session, and why; the input of invitations and documents.
public struct ItemAttendance: Hashable, Sendable, Codable {
    /// The item's position on the agenda.
    public var item: Int
    public var caseNumber: CaseNumber
    public var date: LocalDate
    /// The meeting kind the item is held as.
    public var meetingKind: MeetingKind
    /// The body whose scope applies, or `nil` when the session does not sit as `meetingKind`.
    public var body: BodyID?
    /// The existing body sitting jointly and how (R5), if any.
    public var jointBody: BodyID?
    public var jointSharing: JointHolding.Sharing?
    /// The household members whose information the item discusses (keys only).
    public var discussedMembers: [MemberKey]
    /// Everyone invited, chair first; nobody outside the item's scope is ever here (R15).
    public var attendees: [Attendee]
    /// The person (本人) as a member key, only when the case file says attending helps them (R14).
    public var principal: MemberKey?
    /// Every agency and person left out, with reasons and remedies.
    public var exclusions: [AttendanceExclusion]
    /// Problems with the item as a whole.
    @RuleTaggedList public var flags: [AttendanceFlag]

    public init(item: Int, caseNumber: CaseNumber, date: LocalDate, meetingKind: MeetingKind, body: BodyID?,
                jointBody: BodyID?, jointSharing: JointHolding.Sharing?, discussedMembers: [MemberKey],
                attendees: [Attendee], principal: MemberKey?, exclusions: [AttendanceExclusion],
                flags: [AttendanceFlag]) {
        self.item = item
        self.caseNumber = caseNumber
        self.date = date
        self.meetingKind = meetingKind
        self.body = body
        self.jointBody = jointBody
        self.jointSharing = jointSharing
        self.discussedMembers = discussedMembers
        self.attendees = attendees
        self.principal = principal
        self.exclusions = exclusions
        self.flags = flags
    }

    /// The attendee record of `person`, if invited.
    public func attendee(_ person: PersonID) -> Attendee? { attendees.first { $0.person == person } }

    /// Whether any person of `agency` is invited.
    public func attends(agency: AgencyID) -> Bool { attendees.contains { $0.agency == agency } }

    /// The chair, if the 多機関協働事業者 is inside the item's scope.
    public var chair: Attendee? { attendees.first { $0.role == .chair } }

    /// Whether the secretariat must look at the item before invitations go out.
    public var needsAttention: Bool { !flags.isEmpty }

    /// R10, R11: the flags that make a 重層的支援会議 item impossible to hold lawfully — no chair,
    /// or no municipal staff, within its scope. Kasane neither schedules nor invites such an item.
    public var lawBlockers: [AttendanceFlag] {
        guard meetingKind == .multiAgency else { return [] }
        let blocking: Set<AttendanceFlag.Kind> = [.noChair, .chairOutOfScope, .noMunicipality, .municipalityOutOfScope]
        return flags.filter { blocking.contains($0.kind) }
    }

    /// What the secretariat can do about `lawBlockers` (worded by the catalogue).
    public var lawRemedies: [LawRemedy] {
        if flags.contains(where: { $0.kind == .consentMissing }) { return [.moveToSupportMeetingOrConsent] }
        return lawBlockers.map { flag in
            switch flag.kind {
            case .noChair: .registerChair
            case .chairOutOfScope: .registerChairStaff
            case .noMunicipality: .registerMunicipality
            default: .registerMunicipalStaff
            }
        }
    }
}
