/// A registry entry (agency, person or body) as a reason names it: its id, and the name staff read.
public struct Named: Hashable, Sendable, Codable {
    /// The registry id (`sumai`, `p-kikan`, `shien`).
    public var id: String
    /// The registered name (`すまい建築課`), shown in words.
    public var name: String

    public init(_ id: String, _ name: String) {
        self.id = id
        self.name = name
    }
}

extension Agency {
    /// The agency as reasons name it.
    public var named: Named { Named(id, name) }
}

extension Person {
    /// The person as reasons name them.
    public var named: Named { Named(id, name) }
}

extension MeetingBody {
    /// The body as reasons name it.
    public var named: Named { Named(id, name) }
}

/// One consent form as a reason cites it: the day it was given and, when the item discusses
/// several members, the members who gave it (empty when it discusses one).
public struct ConsentForm: Hashable, Sendable, Codable {
    public var grantedOn: LocalDate
    public var givenBy: [MemberKey]

    public init(grantedOn: LocalDate, givenBy: [MemberKey]) {
        self.grantedOn = grantedOn
        self.givenBy = givenBy
    }
}

/// A typed reason that names the rules of DOMAIN.md behind it.
public protocol AttendanceRuled {
    /// The rule ids, in order of first mention, without repeats.
    var rules: [AttendanceRule] { get }
}

/// Why a person is invited to a case item, or why they are inside its scope (R1–R15).
public enum InclusionReason: Hashable, Sendable, Codable, AttendanceRuled {
    /// 多機関協働事業者: hosts and chairs the meeting (R10).
    case hostChairs
    /// 自治体職員: attends every 重層的支援会議 and makes 支援決定 (R11).
    case municipalityAttends
    /// 自治体職員: the municipality organises the 支援会議 (社会福祉法第106条の6; R2).
    case municipalityOrganises
    /// An アウトリーチ等事業者 or 参加支援事業者 (`roles`): attends in principle (R12).
    case providerAttends(roles: [ProgrammeRole])
    /// Local people involved in the case: may be invited (R13).
    case localPeopleInvolved
    /// Involved in the case and its plan (R13).
    case involvedInCase
    /// Asked to this item (R13).
    case askedToItem
    /// 代理出席 for `replacing`, the agency's usual representatives; for `agency` itself when it had none (R15).
    case deputy(agency: Named, replacing: [Named])
    /// A member of the joint body, held jointly with same (R5-a) or partly shared (R5-b) members (R5).
    case jointBodyMember(body: Named, sharing: JointHolding.Sharing)
    /// Appointed 臨時構成員 of `body` on `appointedOn`, before the session (R5, R15).
    case temporaryMemberBeforeSession(body: Named, appointedOn: LocalDate)
    /// The host (多機関協働事業者) is inside every consent to share; `consents` are the dates relied on (R1a, R15).
    case hostInsideEveryConsent(consents: [LocalDate])
    /// Municipal staff (自治体職員) are inside every consent to share (R1a, R15).
    case municipalityInsideEveryConsent(consents: [LocalDate])
    /// Inside the consent of every member discussed: one form per member (R1, R15).
    case insideConsent(consents: [ConsentForm])
    /// An appointed member of the 支援会議 `body` since `since`, 守秘義務 acknowledged on `acknowledgedOn` (R2, R15).
    case appointedMember(body: Named, since: LocalDate, temporary: Bool, acknowledgedOn: LocalDate)

    public var rules: [AttendanceRule] {
        switch self {
        case .hostChairs: [.r10]
        case .municipalityAttends: [.r11]
        case .municipalityOrganises: [.r2]
        case .providerAttends: [.r12]
        case .localPeopleInvolved, .involvedInCase, .askedToItem: [.r13]
        case .deputy: [.r15]
        case .jointBodyMember: [.r5]
        case .temporaryMemberBeforeSession: [.r5, .r15]
        case .hostInsideEveryConsent, .municipalityInsideEveryConsent: [.r1a, .r15]
        case .insideConsent: [.r1, .r15]
        case .appointedMember: [.r2, .r15]
        }
    }
}

/// How a member of the joint body stands when left out of the case part (R5).
public enum JointStanding: String, Hashable, Sendable, Codable, CaseIterable {
    /// Same members (R5-a): the bodies are held as one meeting.
    case heldAsOneMeeting
    /// Partly shared (R5-b), and also a member of the session's own body.
    case alsoOwnMember
    /// Partly shared (R5-b), a member of the joint body only.
    case jointBodyOnly
}

/// Why an agency or a person is left out of a case item (R1–R15).
public indirect enum ExclusionReason: Hashable, Sendable, Codable, AttendanceRuled {
    /// The agency the rules want (`because` its candidate rules) is not in the registry.
    case agencyNotRegistered(because: [AttendanceRule])
    /// The deputy named for `agency` is not a registered person of it.
    case deputyNotOfAgency(deputy: PersonID, agency: Named, because: [AttendanceRule])
    /// No person of the agency is registered.
    case nobodyRegistered(because: [AttendanceRule])
    /// A deputy was named for an agency with no part in this item (R13).
    case deputyNotNeeded(deputy: PersonID)
    /// The person's agency is not in the registry (R15).
    case personAgencyNotRegistered
    /// A member of the joint body `body`, standing as `standing`, left out for `because` (R5).
    case jointBodyMember(body: Named, standing: JointStanding, because: ExclusionReason)
    /// No household member's consent to rely on: the item discusses nobody on record (R1, R3, R15).
    case nobodyDiscussed
    /// No consent in force on `on` from `members` (R1, R3, R15).
    case noConsentInForce(on: LocalDate, members: [MemberKey])
    /// Outside the consent given on each form's date (R1, R15).
    case outsideConsent(consents: [ConsentForm])
    /// The session does not sit as 支援会議 (R2, R15).
    case notSittingAsSupportMeeting
    /// `person` is not a member of the 支援会議 `body` (R2, R15).
    case notAMember(person: Named, body: Named)
    /// `person` has no appointment date in `body` (R2, R15).
    case noAppointmentDate(person: Named, body: Named)
    /// `person`'s appointment to `body` starts on `startsOn`, after the session on `sessionOn` (R2, R15).
    case appointmentNotStarted(person: Named, body: Named, startsOn: LocalDate, sessionOn: LocalDate)
    /// `person`'s appointment to `body` ended on `endedOn` (R2, R15).
    case appointmentEnded(person: Named, body: Named, endedOn: LocalDate)
    /// `person` has not acknowledged 守秘義務 by `by`, the session date (R2, R15).
    case confidentialityNotAcknowledged(person: Named, by: LocalDate)

    public var rules: [AttendanceRule] {
        let all: [AttendanceRule] = switch self {
        case .agencyNotRegistered(let rules), .deputyNotOfAgency(_, _, let rules), .nobodyRegistered(let rules): rules
        case .deputyNotNeeded: [.r13]
        case .personAgencyNotRegistered: [.r15]
        case .jointBodyMember(_, _, let inner): [.r5] + inner.rules
        case .nobodyDiscussed, .noConsentInForce: [.r1, .r3, .r15]
        case .outsideConsent: [.r1, .r15]
        case .notSittingAsSupportMeeting, .notAMember, .noAppointmentDate, .appointmentNotStarted, .appointmentEnded,
             .confidentialityNotAcknowledged: [.r2, .r15]
        }
        return all.uniqued()
    }
}

/// What would let a left-out agency or person into the item.
public enum AttendanceRemedy: Hashable, Sendable, Codable, AttendanceRuled {
    /// The kind of action the secretariat or the case worker can take.
    public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
        /// Ask the household members for a consent that covers the agency (R1).
        case widenConsent
        /// Appoint the person to the 支援会議 with a 守秘義務 acknowledgment (R2).
        case appointToSupportMeeting
        /// Have an appointed 支援会議 member acknowledge 守秘義務 (R2).
        case acknowledgeConfidentiality
        /// Appoint the person as a temporary member (臨時構成員) beforehand (R5).
        case appointTemporaryMember
        /// Hold the item as a 支援会議 item, consent being missing (R3).
        case moveToSupportMeeting
        /// Register the agency, or a person of it, in the registry.
        case register
        /// Name a deputy who is a registered person of the agency.
        case fixDeputy
    }

    /// Ask `members` to widen their consent to cover `agency`, or its `field` (`nil` for the
    /// internal 包括 field, which a family is never asked to tick, R1a) (R1).
    case widenConsent(members: [MemberKey], agency: Named, field: Field?)
    /// Appoint `person` to the 支援会議 `body` with a 守秘義務 acknowledgment, as a temporary
    /// member if only for this case (R2).
    case appointToSupportMeeting(person: Named, body: Named)
    /// Record `person`'s 守秘義務 acknowledgment before the session (R2).
    case acknowledgeConfidentiality(person: Named)
    /// Appoint `person` 臨時構成員 of `body` before the session, or obtain the consent to share
    /// with `agency` (R5).
    case appointTemporaryMember(person: Named, body: Named, agency: Named)
    /// Hold the item as a 支援会議 item (R3), or obtain the consent of `members`; with no member
    /// discussed only the former (R3, R4).
    case moveToSupportMeeting(orObtainConsentOf: [MemberKey])
    /// Register the agency `agency` and its people.
    case registerAgency(AgencyID)
    /// Register a person of `agency`.
    case registerPerson(agency: Named)
    /// Name a registered person of `agency` as deputy.
    case fixDeputy(agency: Named)

    /// The kind of action.
    public var action: Action {
        switch self {
        case .widenConsent: .widenConsent
        case .appointToSupportMeeting: .appointToSupportMeeting
        case .acknowledgeConfidentiality: .acknowledgeConfidentiality
        case .appointTemporaryMember: .appointTemporaryMember
        case .moveToSupportMeeting: .moveToSupportMeeting
        case .registerAgency, .registerPerson: .register
        case .fixDeputy: .fixDeputy
        }
    }

    public var rules: [AttendanceRule] {
        switch self {
        case .widenConsent: [.r1]
        case .appointToSupportMeeting, .acknowledgeConfidentiality: [.r2]
        case .appointTemporaryMember: [.r5]
        case .moveToSupportMeeting(let members): members.isEmpty ? [.r3, .r4] : [.r3]
        case .registerAgency, .registerPerson, .fixDeputy: []
        }
    }
}

/// Something about a whole item that the secretariat must look at.
public enum AttendanceFlag: Hashable, Sendable, Codable, AttendanceRuled {
    /// The problem, as a stable machine-readable name.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A 重層的支援会議 item discusses a member without consent in force: hold it as 支援会議 (R3).
        case consentMissing
        /// The session does not sit as the meeting kind the item needs.
        case noBodyForKind
        /// No 多機関協働事業者 is registered (R10).
        case noChair
        /// The 多機関協働事業者 is outside the item's scope (R10, R15).
        case chairOutOfScope
        /// No municipal department (自治体) is registered (R11).
        case noMunicipality
        /// No municipal staff can attend this 重層的支援会議 item within scope (R11, R15).
        case municipalityOutOfScope
        /// In a joint holding with the same members (R5-a) a member is outside the item's scope.
        case jointMembersOutOfScope
        /// The joint body is not an existing body (R5).
        case jointBodyNotExisting
        /// A discussed member key is not on the case file.
        case unknownMember
        /// The case file says the person attends, but no 本人 is on record (R14).
        case principalNotOnRecord
    }

    /// A 重層的支援会議 item and no consent in force on `on` from `members` (empty: no member is
    /// discussed): hold it as a 支援会議 item (R1, R3).
    case consentMissing(members: [MemberKey], on: LocalDate)
    /// The item is a `needs` item but the session sits as `sittingAs`: move it (R1/R2, R3, R15).
    case noBodyForKind(needs: MeetingKind, sittingAs: BodyKind)
    /// No 多機関協働事業者 is registered (R10).
    case noChair
    /// The host cannot attend within the item's scope: the item has no chair (R10, R15).
    case chairOutOfScope(host: Named)
    /// No municipal department (自治体) is registered (R11).
    case noMunicipality
    /// No municipal staff can attend within the item's scope (R11, R15).
    case municipalityOutOfScope
    /// Held as one meeting with `body` (same members) but `people` are outside the item's scope:
    /// hold the case part with the members in scope only (R5-b), or widen the scope (R5, R15).
    case jointMembersOutOfScope(body: Named, people: [Named])
    /// The joint `body` is a `kind`, not an existing body (R5).
    case jointBodyNotExisting(body: Named, kind: BodyKind)
    /// The discussed `members` are not on case `caseNumber` (R1).
    case unknownMember(members: [MemberKey], caseNumber: CaseNumber)
    /// The case file says the person attends, but no 本人 is on record (R14).
    case principalNotOnRecord

    /// The problem's name.
    public var kind: Kind {
        switch self {
        case .consentMissing: .consentMissing
        case .noBodyForKind: .noBodyForKind
        case .noChair: .noChair
        case .chairOutOfScope: .chairOutOfScope
        case .noMunicipality: .noMunicipality
        case .municipalityOutOfScope: .municipalityOutOfScope
        case .jointMembersOutOfScope: .jointMembersOutOfScope
        case .jointBodyNotExisting: .jointBodyNotExisting
        case .unknownMember: .unknownMember
        case .principalNotOnRecord: .principalNotOnRecord
        }
    }

    public var rules: [AttendanceRule] {
        switch self {
        case .consentMissing: [.r1, .r3]
        case .noBodyForKind(let needs, _): needs == .multiAgency ? [.r1, .r15] : [.r2, .r3, .r15]
        case .noChair: [.r10]
        case .chairOutOfScope: [.r10, .r15]
        case .noMunicipality: [.r11]
        case .municipalityOutOfScope: [.r11, .r15]
        case .jointMembersOutOfScope: [.r5, .r15]
        case .jointBodyNotExisting: [.r5]
        case .unknownMember: [.r1]
        case .principalNotOnRecord: [.r14]
        }
    }
}

extension ConsentReview {
    /// Why the review decided its routing (R1, R3, R4).
    public enum Reason: Hashable, Sendable, Codable, AttendanceRuled {
        /// No consent in force on `on` from `members` (empty: nobody discussed): held as a 支援会議
        /// item of `body` (R1, R3).
        case movedToSupportMeeting(members: [MemberKey], on: LocalDate, body: Named)
        /// No consent in force on `on` from `members` and the session does not sit as 支援会議:
        /// place the item in a 支援会議 (R1, R3).
        case needsSupportMeetingSession(members: [MemberKey], on: LocalDate)
        /// Consent is in force for every member discussed: the item may go to 重層的支援会議 (R4).
        case consentNowInForce
        /// The item is held as the kind the case needs (R1; R2, R3 for 支援会議).
        case heldAsNeeded(MeetingKind)

        public var rules: [AttendanceRule] {
            switch self {
            case .movedToSupportMeeting, .needsSupportMeetingSession: [.r1, .r3]
            case .consentNowInForce: [.r4]
            case .heldAsNeeded(let kind): kind == .multiAgency ? [.r1] : [.r2, .r3]
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

// MARK: - JSON

/// How a typed reason is written in JSON (`meeting show --json`, stored attendance): its case as
/// Swift's synthesized coding writes it, beside its rule ids — and a remedy's action — so a reader
/// without Kasane's types still gets the machine-readable rule ids: `{"case": {"hostChairs": {}},
/// "rules": ["R10"]}`.
struct RuleTaggedCoding<Value: Codable & AttendanceRuled>: Codable {
    var value: Value

    private enum CodingKeys: String, CodingKey {
        case value = "case", rules, action
    }

    init(_ value: Value) { self.value = value }

    init(from decoder: any Decoder) throws {
        value = try decoder.container(keyedBy: CodingKeys.self).decode(Value.self, forKey: .value)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(value.rules, forKey: .rules)
        if let remedy = value as? AttendanceRemedy { try c.encode(remedy.action, forKey: .action) }
    }
}

/// A typed reason coded with its rule ids (`RuleTaggedCoding`).
@propertyWrapper
public struct RuleTagged<Value: Codable & Hashable & Sendable & AttendanceRuled>: Codable, Hashable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try RuleTaggedCoding<Value>(from: decoder).value
    }

    public func encode(to encoder: any Encoder) throws { try RuleTaggedCoding(wrappedValue).encode(to: encoder) }
}

/// Typed reasons coded each with its rule ids (`RuleTaggedCoding`).
@propertyWrapper
public struct RuleTaggedList<Value: Codable & Hashable & Sendable & AttendanceRuled>: Codable, Hashable, Sendable {
    public var wrappedValue: [Value]

    public init(wrappedValue: [Value]) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try [RuleTaggedCoding<Value>](from: decoder).map(\.value)
    }

    public func encode(to encoder: any Encoder) throws { try wrappedValue.map(RuleTaggedCoding.init).encode(to: encoder) }
}

/// An optional typed reason coded with its rule ids (`RuleTaggedCoding`); `null` when absent.
@propertyWrapper
public struct RuleTaggedOptional<Value: Codable & Hashable & Sendable & AttendanceRuled>: Codable, Hashable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try RuleTaggedCoding<Value>(from: decoder).value
    }

    public func encode(to encoder: any Encoder) throws {
        if let wrappedValue {
            try RuleTaggedCoding(wrappedValue).encode(to: encoder)
        } else {
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        }
    }
}
