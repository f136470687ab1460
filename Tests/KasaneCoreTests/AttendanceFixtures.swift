@testable import KasaneCore

/// A small Okinawa-like municipality (seed 000: the agencies that attended the FY2023 model
/// meetings) and the R5-2 household: a child's neglect and truancy, the mother's brother in
/// long-term withdrawal, the grandmother's care, housing and garbage problems, poverty.
enum OkinawaAttendance {
    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// The session of the model meeting (R5.07.28 in seed 000, here in 2026).
    static let sessionDate = date("2026-07-28")

    static let agencies: [Agency] = [
        Agency(id: "takikan", name: "多機関協働事業者", field: .poverty, kind: .contracted, mailbox: "takikan@example.jp",
               roles: [.coordinator]),
        Agency(id: "fukushi", name: "福祉総務課", field: .poverty, kind: .municipal, mailbox: "fukushi@example.jp",
               roles: [.municipality]),
        Agency(id: "outreach", name: "社協アウトリーチ", field: .community, kind: .contracted,
               mailbox: "outreach@example.jp", roles: [.outreach]),
        Agency(id: "sanka", name: "参加支援事業所", field: .employment, kind: .contracted, mailbox: "sanka@example.jp",
               roles: [.participation]),
        Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted,
               mailbox: "houkatsu@example.jp"),
        Agency(id: "kikan", name: "基幹相談支援センター", field: .disability, kind: .contracted, mailbox: "kikan@example.jp"),
        Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
        Agency(id: "konkyu", name: "生活困窮者自立相談支援", field: .poverty, kind: .contracted,
               mailbox: "konkyu@example.jp"),
        Agency(id: "hogo", name: "保護課", field: .publicAssistance, kind: .municipal, mailbox: "hogo@example.jp"),
        Agency(id: "kyoiku", name: "教育委員会", field: .education, kind: .municipal, mailbox: "kyoiku@example.jp"),
        Agency(id: "sumai", name: "すまい建築課", field: .housing, kind: .municipal, mailbox: "sumai@example.jp"),
        Agency(id: "kankyo", name: "環境課", field: .environment, kind: .municipal, mailbox: "kankyo@example.jp"),
        Agency(id: "hikikomori", name: "県ひきこもり支援センター", field: .health, kind: .external,
               mailbox: "hikikomori@example.jp"),
        Agency(id: "minsei", name: "民生委員", field: .community, kind: .external, mailbox: "minsei@example.jp"),
        Agency(id: "caremgr", name: "居宅介護支援事業所", field: .elderly, kind: .external, mailbox: "caremgr@example.jp"),
    ]

    static let people: [Person] = [
        Person(id: "p-takikan", name: "比嘉", mailbox: "higa@example.jp", agency: "takikan", title: "相談支援包括化推進員"),
        Person(id: "p-fukushi", name: "金城", mailbox: "kinjo@example.jp", agency: "fukushi", title: "主査"),
        Person(id: "p-outreach", name: "大城", mailbox: "oshiro@example.jp", agency: "outreach", title: "支援員"),
        Person(id: "p-sanka", name: "宮城", mailbox: "miyagi@example.jp", agency: "sanka", title: "支援員"),
        Person(id: "p-houkatsu", name: "新垣", mailbox: "arakaki@example.jp", agency: "houkatsu", title: "社会福祉士"),
        Person(id: "p-kikan", name: "玉城", mailbox: "tamaki@example.jp", agency: "kikan", title: "相談支援専門員"),
        Person(id: "p-kodomo", name: "上原", mailbox: "uehara@example.jp", agency: "kodomo", title: "保健師"),
        Person(id: "p-kodomo2", name: "島袋", mailbox: "shimabukuro@example.jp", agency: "kodomo", title: "係長"),
        Person(id: "p-konkyu", name: "知念", mailbox: "chinen@example.jp", agency: "konkyu", title: "主任相談支援員"),
        Person(id: "p-hogo", name: "仲宗根", mailbox: "nakasone@example.jp", agency: "hogo", title: "ケースワーカー"),
        Person(id: "p-kyoiku", name: "当山", mailbox: "toyama@example.jp", agency: "kyoiku", title: "SSW"),
        Person(id: "p-sumai", name: "具志堅", mailbox: "gushiken@example.jp", agency: "sumai", title: "主事"),
        Person(id: "p-kankyo", name: "伊波", mailbox: "iha@example.jp", agency: "kankyo", title: "主事"),
        Person(id: "p-hikikomori", name: "照屋", mailbox: "teruya@example.jp", agency: "hikikomori", title: "相談員"),
        Person(id: "p-minsei", name: "安里", mailbox: "asato@example.jp", agency: "minsei", title: "民生委員"),
        Person(id: "p-caremgr", name: "平良", mailbox: "taira@example.jp", agency: "caremgr", title: "ケアマネジャー"),
    ]

    /// A 支援会議 member appointed on 2026-04-01 with 守秘義務 acknowledged the same day.
    static func appointed(_ person: PersonID, endsOn: String? = nil, temporary: Bool = false) -> BodyMember {
        BodyMember(person: person, appointedOn: date("2026-04-01"), confidentialityAcknowledgedOn: date("2026-04-01"),
                   appointmentEndsOn: endsOn.map(date), temporary: temporary)
    }

    static let jusoBody = MeetingBody(id: "juso", name: "沖縄市重層的支援会議", kind: .multiAgency, members: [
        "p-takikan", "p-fukushi", "p-outreach", "p-sanka", "p-houkatsu", "p-kikan", "p-kodomo2", "p-konkyu",
        "p-kyoiku",
    ].map { BodyMember(person: $0, appointedOn: date("2026-04-01")) })

    static let shienBody = MeetingBody(id: "shien", name: "沖縄市支援会議", kind: .supportMeeting, members: [
        "p-takikan", "p-fukushi", "p-outreach", "p-houkatsu", "p-kodomo", "p-konkyu", "p-kyoiku", "p-hikikomori",
    ].map { appointed($0) })

    static let careMeeting = MeetingBody(id: "care", name: "地域ケア会議", kind: .communityCare, members: [
        BodyMember(person: "p-houkatsu"), BodyMember(person: "p-caremgr"), BodyMember(person: "p-minsei"),
    ])

    static func registry(bodies: [MeetingBody] = [jusoBody, shienBody, careMeeting],
                         agencies: [Agency] = agencies, people: [Person] = people) -> Registry {
        Registry(agencies: agencies, people: people, bodies: bodies)
    }

    /// The consent of 2026-04-01: 子ども, 高齢, 困窮, 教育 and 障がい, and the 多機関協働事業者 by
    /// name — not 住宅 (すまい建築課) nor 環境 (環境課).
    static let r52Scope = ConsentScope(agencies: ["takikan"],
                                       fields: [.children, .elderly, .poverty, .education, .disability])

    static let members = [
        HouseholdMember(key: "mother", relation: "母", isPrincipal: true),
        HouseholdMember(key: "child", relation: "子", isPrincipal: false),
        HouseholdMember(key: "uncle", relation: "叔父", isPrincipal: false),
        HouseholdMember(key: "grandmother", relation: "祖母", isPrincipal: false),
    ]

    /// Builds a case file by replaying events after an opening on 2026-04-01.
    static func caseFile(number: CaseNumber = "R5-2", involved: [AgencyID], _ events: [CaseEvent]) -> CaseFile {
        let opened = CaseEvent.opened(.init(number: number, openedOn: date("2026-04-01"), referredBy: "kodomo",
                                            fields: [.children, .elderly, .poverty, .housing, .environment],
                                            involvedAgencies: involved))
        let recorded = ([opened] + events).enumerated().map {
            RecordedEvent(seq: $0.offset + 1, event: $0.element, recordedAt: "2026-04-01T00:00:00Z")
        }
        return CaseFile(replaying: recorded)!
    }

    static func consent(_ member: MemberKey, _ on: String, _ scope: ConsentScope = r52Scope) -> CaseEvent {
        .consentGranted(.init(member: member, grantedOn: date(on), scope: scope, formReference: "同意書-\(member)"))
    }

    /// The R5-2 household with every member's consent of 2026-04-01 and the agencies of seed 000.
    static func r52(extra: [CaseEvent] = []) -> CaseFile {
        caseFile(involved: ["kodomo", "kyoiku", "houkatsu", "konkyu", "kikan", "sumai", "kankyo"],
                 members.map(CaseEvent.memberAdded) + members.map { consent($0.key, "2026-04-01") } + extra)
    }

    static func session(_ body: MeetingBody = jusoBody, also: MeetingBody? = nil, joint: JointHolding? = nil,
                        on: LocalDate = sessionDate) -> AttendanceSession {
        AttendanceSession(date: on, body: body, alsoSittingAs: also, joint: joint)
    }

    static func attendance(_ item: AttendanceItem, _ session: AttendanceSession = session(),
                           registry: Registry = registry()) -> ItemAttendance {
        AttendancePlanner.attendance(for: item, in: session, registry: registry)
    }
}

extension ItemAttendance {
    /// The agencies with at least one attendee, in attendee order.
    var attendingAgencies: [AgencyID] {
        var seen = Set<AgencyID>()
        return attendees.map(\.agency).filter { seen.insert($0).inserted }
    }

    /// The exclusions of `agency`.
    func exclusions(of agency: AgencyID) -> [AttendanceExclusion] { exclusions.filter { $0.agency == agency } }

    func hasFlag(_ kind: AttendanceFlag.Kind) -> Bool { flags.contains { $0.kind == kind } }
}
