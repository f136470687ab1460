import Foundation
import KasaneCore
import KasaneDocuments
import Testing

/// A small fixed world for the document tests: かさね市 (fictional) with one hostile agency name.
enum DocumentFixtures {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// The repository's real `templates/` folder.
    static let templatesFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    /// The folder of the expected outputs.
    static let expectedFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Expected").path

    static let hostileName = "<script>alert(\"x\")</script> & 'NPO'"

    static let registry = Registry(
        agencies: [
            Agency(id: "city", name: "かさね市 福祉政策課", field: .general, kind: .municipal,
                   mailbox: "jusou@city.example.jp", roles: [.municipality]),
            Agency(id: "shakyo", name: "かさね市社会福祉協議会", field: .general, kind: .contracted,
                   mailbox: "takikan@shakyo.example.jp", roles: [.coordinator, .outreach]),
            Agency(id: "houkatsu", name: "中央地域包括支援センター", field: .elderly, kind: .contracted,
                   mailbox: "chuo@houkatsu.example.jp"),
            Agency(id: "sumai", name: "すまい建築課", field: .housing, kind: .municipal,
                   mailbox: "sumai@city.example.jp"),
            Agency(id: "hostile", name: hostileName, field: .employment, kind: .external,
                   mailbox: "office@hostile.example.org", roles: [.participation]),
        ],
        people: [
            Person(id: "p-city", name: "市川 花子", mailbox: "ichikawa@city.example.jp", agency: "city", title: "主査"),
            Person(id: "p-shakyo", name: "佐藤 一郎", mailbox: "sato@shakyo.example.jp", agency: "shakyo",
                   title: "相談支援包括化推進員"),
            Person(id: "p-houkatsu", name: "高橋 次郎", mailbox: "takahashi@houkatsu.example.jp", agency: "houkatsu",
                   title: "社会福祉士"),
            Person(id: "p-sumai", name: "鈴木 三郎", mailbox: "suzuki@city.example.jp", agency: "sumai", title: "主任"),
            Person(id: "p-hostile", name: "田中 <b>四郎</b>", mailbox: "tanaka@hostile.example.org",
                   agency: "hostile", title: "職員"),
        ],
        bodies: [
            MeetingBody(id: "jusou", name: "かさね市重層的支援会議", kind: .multiAgency),
            MeetingBody(id: "shien", name: "かさね市支援会議", kind: .supportMeeting),
            MeetingBody(id: "care", name: "中央地域ケア会議", kind: .communityCare),
        ])

    static let session = Session(
        id: "jusou-2026-12-09", kind: .regular, seriesUID: "series-jusou", title: "第9回 重層的支援会議",
        bodies: ["jusou", "shien"], date: day("2026-12-09"), start: TimeOfDay(minutes: 14 * 60),
        end: TimeOfDay(minutes: 16 * 60), capacity: 4, minutesPerItem: 30, location: "かさね市役所 3階 第2会議室",
        onlineURL: "https://meet.example.jp/kasane-jusou")

    static func placement(_ trigger: String, position: Int, kind: MeetingKind) -> ScheduledItem {
        let segment = session.segment(at: position)
        return ScheduledItem(
            triggerID: trigger, caseNumber: String(trigger.prefix { $0 != "#" }), sessionID: session.id,
            position: position, start: segment.start, end: segment.end, meetingKind: kind, dueOn: day("2026-12-18"),
            reason: "earliest regular session before the due date")
    }

    /// Item 1: a plan drafted for R8-3, held as 重層的支援会議; すまい建築課 is outside the consent.
    static let planItem = AgendaItemInput(
        placement: placement("R8-3#5", position: 0, kind: .multiAgency), triggerKind: .planDrafted,
        attendance: ItemAttendance(
            item: 1, caseNumber: "R8-3", date: session.date, meetingKind: .multiAgency, body: "jusou",
            jointBody: nil, jointSharing: nil, discussedMembers: ["m1"],
            attendees: [
                Attendee(person: "p-shakyo", agency: "shakyo", role: .chair,
                         reasons: [.hostChairs]),
                Attendee(person: "p-city", agency: "city", role: .required,
                         reasons: [.municipalityAttends]),
                Attendee(person: "p-houkatsu", agency: "houkatsu", role: .required,
                         reasons: [.involvedInCase]),
                Attendee(person: "p-hostile", agency: "hostile", role: .optional,
                         reasons: [.providerAttends(roles: [.participation])], deputyFor: ["p-other"]),
            ],
            principal: "m1",
            exclusions: [
                AttendanceExclusion(
                    item: 1, agency: "sumai", agencyName: "すまい建築課", person: "p-sumai", wouldBe: .required,
                    reason: .outsideConsent(consents: [ConsentForm(grantedOn: day("2026-04-01"), givenBy: [])]),
                    remedy: .widenConsent(members: ["m1"], agency: Named("sumai", "すまい建築課"), field: .housing)),
            ],
            flags: []))

    /// Item 2: contact lost on R8-7, held as 支援会議; the 包括 person is not a member.
    static let suspensionItem = AgendaItemInput(
        placement: placement("R8-7#9", position: 1, kind: .supportMeeting), triggerKind: .contactLost,
        attendance: ItemAttendance(
            item: 2, caseNumber: "R8-7", date: session.date, meetingKind: .supportMeeting, body: "shien",
            jointBody: nil, jointSharing: nil, discussedMembers: ["m1", "m2"],
            attendees: [
                Attendee(person: "p-shakyo", agency: "shakyo", role: .chair,
                         reasons: [.hostChairs]),
                Attendee(person: "p-city", agency: "city", role: .required,
                         reasons: [.municipalityOrganises]),
                Attendee(person: "p-sumai", agency: "sumai", role: .required,
                         reasons: [.involvedInCase]),
            ],
            principal: nil,
            exclusions: [
                AttendanceExclusion(
                    item: 2, agency: "houkatsu", agencyName: "中央地域包括支援センター", person: "p-houkatsu",
                    namedPerson: "高橋 次郎", wouldBe: .required,
                    reason: .notAMember(person: Named("p-houkatsu", "高橋 次郎"), body: Named("shien", "かさね市支援会議")),
                    remedy: nil),
            ],
            flags: [.unknownMember(members: ["m3"], caseNumber: "R8-7")]))

    static func agenda(for reader: Reader) -> AgendaDocument {
        AgendaDocument(session: session, items: [suspensionItem, planItem], registry: registry, reader: reader)
    }

    /// A fixed minutes view model: a corrected approval and its correction on item 1, a
    /// suspension on item 2.
    static func minutes(confidential: Bool) -> MinutesDocument {
        let reader: Reader = confidential ? .master : .person("p-houkatsu")
        var items = [
            MinutesItem(
                number: 1, itemTime: "14:00〜14:30", caseNumber: "R8-3", triggerKind: "プラン策定時",
                meetingKind: "重層的支援会議",
                decisions: [
                    DecisionLine(eventSeq: 6, outcome: "プラン承認", decidedOn: "令和8年12月9日（水）",
                                 supportDecisionBy: "市川 花子（かさね市 福祉政策課）",
                                 roles: [RoleLine(roleAgency: "中央地域包括支援センター", task: "見守り訪問", statutory: false)],
                                 monitoringDate: "令和9年3月10日（水）", attended: ["佐藤 一郎（かさね市社会福祉協議会）"],
                                 recordedBy: "佐藤 一郎（かさね市社会福祉協議会）", correctedBySeq: 7),
                    DecisionLine(eventSeq: 7, outcome: "プラン承認", decidedOn: "令和8年12月9日（水）",
                                 supportDecisionBy: "市川 花子（かさね市 福祉政策課）",
                                 roles: [
                                     RoleLine(roleAgency: "中央地域包括支援センター", task: "見守り訪問", statutory: false),
                                     RoleLine(roleAgency: hostileName, task: "居場所への参加 <週1回>", statutory: true),
                                 ],
                                 monitoringDate: "令和9年3月10日（水）",
                                 shortages: ["夜間に相談できる窓口がない", "送迎 & 同行支援の担い手"],
                                 attended: ["佐藤 一郎（かさね市社会福祉協議会）", "市川 花子（かさね市 福祉政策課）",
                                            "高橋 次郎（中央地域包括支援センター）"],
                                 recordedBy: "佐藤 一郎（かさね市社会福祉協議会）", correctsSeq: 6),
                ]),
        ]
        if confidential {
            items[0].exclusions = [ExclusionLine(
                excludedAgency: "すまい建築課", excludedPerson: "鈴木 三郎", wouldBe: "必須",
                reason: "令和8年4月1日の同意の範囲外（R1、R15）",
                remedy: "m1に、すまい建築課または住宅分野も含むよう同意を広げてもらう（R1）")]
            items.append(MinutesItem(
                number: 2, itemTime: nil, caseNumber: "R8-7", triggerKind: "支援中断の決定時", meetingKind: "支援会議",
                decisions: [
                    DecisionLine(eventSeq: 12, outcome: "中断決定", decidedOn: "令和8年12月9日（水）",
                                 leadAgency: "すまい建築課", followUp: "月1回の訪問を続け、\n連絡が取れたら再開する",
                                 attended: [], recordedBy: "市川 花子（かさね市 福祉政策課）"),
                ]))
        }
        let heads = [ChainHeadLine(caseNumber: "R8-3", lastSeq: 12, hashPrefix: "3f9a0c21d4e5b6a7"),
                     ChainHeadLine(caseNumber: "R8-7", lastSeq: 14, hashPrefix: "0123456789abcdef")]
        return MinutesDocument(
            header: DocumentHeader(session: session, reader: reader, registry: registry), items: items,
            chainHeads: heads.filter { head in items.contains { $0.caseNumber == head.caseNumber } })
    }

    /// Reads an expected output; with `KASANE_RECORD=1` writes `actual` there first.
    static func expected(_ name: String, actual: String) throws -> String {
        let path = expectedFolder + "/" + name
        if ProcessInfo.processInfo.environment["KASANE_RECORD"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
