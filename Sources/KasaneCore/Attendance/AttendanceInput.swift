/// The rules of DOMAIN.md that decide who sits at a case item, as machine-readable ids (`"R1"`).
public enum AttendanceRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// 重層的支援会議 shares personal information only inside the person's consent.
    case r1 = "R1"
    /// A consent to share always covers the host (多機関協働事業者) and municipal staff.
    case r1a = "R1a"
    /// A child's consent is given by a person with parental authority; a member without consent
    /// makes the item a 支援会議 item.
    case r1b = "R1b"
    /// 支援会議: only appointed members under 守秘義務 take part.
    case r2 = "R2"
    /// A case without consent in force is discussed as a 支援会議 item.
    case r3 = "R3"
    /// An outreach plan before consent goes to the 支援会議.
    case r4 = "R4"
    /// Joint holding with an existing statutory body.
    case r5 = "R5"
    /// The 多機関協働事業者 hosts and chairs.
    case r10 = "R10"
    /// Municipal staff attend every 重層的支援会議.
    case r11 = "R11"
    /// アウトリーチ等事業者 and 参加支援事業者 attend in principle.
    case r12 = "R12"
    /// Agencies involved in the case attend its item; local people may be invited.
    case r13 = "R13"
    /// The person (本人) attends only when it helps them.
    case r14 = "R14"
    /// Every attendee of a case item is inside that item's scope.
    case r15 = "R15"
}

/// How a 重層的支援会議 or 支援会議 session shares its time with an existing body (R5, seed 004 p.63).
public struct JointHolding: Hashable, Sendable, Codable {
    /// Whether the two bodies have the same members or only some in common.
    public enum Sharing: String, Hashable, Sendable, Codable, CaseIterable {
        /// (a) 構成員が同一: one meeting; the scope must cover every member of the other body.
        case sameMembers = "a"
        /// (b) 構成員が一部重複: the other body's part first, then the case part with only the
        /// members inside the item's scope.
        case partlyShared = "b"
    }

    /// The existing body (地域ケア会議, 要保護児童対策地域協議会, …) sitting jointly.
    public var body: MeetingBody
    /// (a) same members or (b) partly shared members.
    public var sharing: Sharing

    public init(body: MeetingBody, sharing: Sharing) {
        self.body = body
        self.sharing = sharing
    }

    /// `other` held jointly with the 重層的支援会議 or 支援会議 body `own` on `date`: (a) when the
    /// members whose appointment covers the day are the same people, else (b).
    public static func between(_ own: MeetingBody, and other: MeetingBody, on date: LocalDate) -> JointHolding {
        func current(_ body: MeetingBody) -> Set<PersonID> {
            Set(body.members.filter { $0.appointmentCovers(date) }.map(\.person))
        }
        let ours = current(own)
        return JointHolding(body: other, sharing: !ours.isEmpty && ours == current(other) ? .sameMembers : .partlyShared)
    }
}

/// One session of a meeting body on one day, as the attendee rules see it.
public struct AttendanceSession: Hashable, Sendable, Codable {
    /// The day of the session; consents and appointments are judged on it.
    public var date: LocalDate
    /// The body holding the session: a 重層的支援会議 or a 支援会議 body.
    public var body: MeetingBody
    /// A second body the same session also sits as, for municipalities where one group of people
    /// acts as both 重層的支援会議 and 支援会議 (seed 002, 豊島区); `nil` when it sits as one only.
    public var alsoSittingAs: MeetingBody?
    /// The existing body this session is held jointly with (R5), if any.
    public var joint: JointHolding?

    public init(date: LocalDate, body: MeetingBody, alsoSittingAs: MeetingBody? = nil, joint: JointHolding? = nil) {
        self.date = date
        self.body = body
        self.alsoSittingAs = alsoSittingAs
        self.joint = joint
    }

    /// The body of this session that holds items of `kind`, if the session sits as that kind.
    public func body(for kind: MeetingKind) -> MeetingBody? {
        [body, alsoSittingAs].lazy.compactMap { $0 }.first { $0.kind == kind.bodyKind }
    }
}

/// 代理出席: an agency sends `person` instead of the people who would represent it.
public struct Deputy: Hashable, Sendable, Codable {
    public var agency: AgencyID
    public var person: PersonID

    public init(agency: AgencyID, person: PersonID) {
        self.agency = agency
        self.person = person
    }
}

/// One agenda item of a session: a case, the meeting kind it is held as, and what it discusses.
public struct AttendanceItem: Hashable, Sendable, Codable {
    /// The item's position on the session's agenda (1-based), used in messages ("item 2").
    public var number: Int
    public var caseFile: CaseFile
    /// The meeting kind the item is held as; `nil` means the kind the case needs on the session
    /// date for the members discussed (R3, R4; see `AttendancePlanner.requiredKind`).
    public var meetingKind: MeetingKind?
    /// The household members whose information the item discusses; `nil` means all on record.
    public var discussedMembers: [MemberKey]?
    /// Agencies asked to this item beyond the rules (local people, R13); optional participants.
    public var invitedAgencies: [AgencyID]
    /// 代理出席: agencies sending another of their people (the deputy must be in scope too).
    public var deputies: [Deputy]

    public init(number: Int, caseFile: CaseFile, meetingKind: MeetingKind? = nil,
                discussedMembers: [MemberKey]? = nil, invitedAgencies: [AgencyID] = [], deputies: [Deputy] = []) {
        self.number = number
        self.caseFile = caseFile
        self.meetingKind = meetingKind
        self.discussedMembers = discussedMembers
        self.invitedAgencies = invitedAgencies
        self.deputies = deputies
    }

    /// The household members discussed: the explicit list, or every member on record.
    public var discussed: [MemberKey] { discussedMembers ?? caseFile.members.map(\.key) }
}
