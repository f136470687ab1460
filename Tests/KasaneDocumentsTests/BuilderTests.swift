import KasaneCore
import KasaneDocuments
import Testing

/// The view models built from real core types: case files replayed from events, placements.
@Suite("Building agendas and minutes from case files")
struct BuilderTests {
    typealias F = DocumentFixtures
    static let meeting = F.session.id

    /// R8-3: a plan drafted (5), approved in the session (6) then corrected there (7); a revision
    /// (8) decided in a later session (9).
    static let planCase: CaseFile = {
        let events: [CaseEvent] = [
            .opened(.init(number: "R8-3", openedOn: F.day("2026-10-01"), referredBy: "houkatsu", fields: [.elderly],
                          involvedAgencies: ["houkatsu"])),
            .memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)),
            .consentGranted(.init(member: "m1", grantedOn: F.day("2026-10-02"),
                                  scope: ConsentScope(agencies: ["city", "shakyo", "houkatsu", "hostile"]),
                                  formReference: "F-001")),
            .principalAttendance(.init(attends: true, on: F.day("2026-10-02"))),
            .planDrafted(.init(kind: .multiAgency, draftedOn: F.day("2026-11-20"), services: [
                PlanService(agency: "houkatsu", task: "見守り訪問", statutory: false),
                PlanService(agency: "hostile", task: "居場所への参加", statutory: true),
            ])),
            .decisionRecorded(.init(
                onEvent: 5, decidedOn: F.day("2026-12-09"), outcome: .planApproved, monitoringOn: F.day("2027-03-10"),
                meeting: meeting, supportDecisionBy: "p-city",
                roles: [PlanService(agency: "houkatsu", task: "見守り訪問", statutory: false)],
                attended: ["p-shakyo", "p-city"], recordedBy: "p-shakyo")),
            .decisionRecorded(.init(
                onEvent: 5, decidedOn: F.day("2026-12-09"), outcome: .planApproved, monitoringOn: F.day("2027-03-10"),
                meeting: meeting, supportDecisionBy: "p-city",
                roles: [PlanService(agency: "houkatsu", task: "見守り訪問", statutory: false),
                        PlanService(agency: "hostile", task: "居場所への参加", statutory: true)],
                shortages: ["夜間に相談できる窓口がない"], attended: ["p-shakyo", "p-city", "p-houkatsu"],
                recordedBy: "p-shakyo", supersedes: 6)),
            .planRevised(.init(kind: .multiAgency, draftedOn: F.day("2027-01-05"), services: [
                PlanService(agency: "houkatsu", task: "見守り訪問（週2回）", statutory: false),
            ])),
            .decisionRecorded(.init(
                onEvent: 8, decidedOn: F.day("2027-01-13"), outcome: .planApproved, meeting: "jusou-2027-01-13",
                attended: ["p-shakyo"], recordedBy: "p-shakyo")),
        ]
        return CaseFile(replaying: events.enumerated().map {
            RecordedEvent(seq: $0.offset + 1, event: $0.element, recordedAt: "2026-12-09T05:00:00Z")
        })!
    }()

    /// R8-9: an end proposal (3) decided in the session without a placement on record (the
    /// scheduler dropped it once decided).
    static let endCase: CaseFile = {
        let events: [CaseEvent] = [
            .opened(.init(number: "R8-9", openedOn: F.day("2026-04-10"), referredBy: "sumai", fields: [.housing],
                          involvedAgencies: ["sumai"])),
            .memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)),
            .endProposed(.init(proposedOn: F.day("2026-11-30"), by: "shakyo")),
            .decisionRecorded(.init(
                onEvent: 3, decidedOn: F.day("2026-12-09"), outcome: .endApproved, meeting: meeting,
                leadAgency: "sumai", followUp: "3か月ごとに電話で様子を確認", attended: ["p-sumai", "p-city"],
                recordedBy: "p-city")),
        ]
        return CaseFile(replaying: events.enumerated().map {
            RecordedEvent(seq: $0.offset + 1, event: $0.element, recordedAt: "2026-12-09T05:00:00Z")
        })!
    }()

    static let files: [CaseNumber: CaseFile] = ["R8-3": planCase, "R8-9": endCase]
    static let placements = [F.placement("R8-3#5", position: 0, kind: .multiAgency)]

    static func minutes(_ reader: Reader) -> MinutesDocument {
        MinutesDocument(session: F.session, placements: placements, caseFiles: files, registry: F.registry, reader: reader)
    }

    @Test("Minutes come only from decisions recorded in this session, corrections kept and marked")
    func minutesFromDecisions() {
        let doc = Self.minutes(.master)
        #expect(doc.items.map(\.caseNumber) == ["R8-3", "R8-9"])
        let plan = doc.items[0]
        #expect(plan.number == 1)
        #expect(plan.itemTime == "14:00〜14:30")
        #expect(plan.triggerKind == "プラン策定時")
        #expect(plan.decisions.map(\.eventSeq) == [6, 7])  // #9 was decided in another session
        #expect(plan.decisions[0].correctedBySeq == 7)
        #expect(plan.decisions[1].correctsSeq == 6)
        #expect(plan.decisions[1].correctedBySeq == nil)
        #expect(plan.decisions[1].supportDecisionBy == "市川 花子（かさね市 福祉政策課）")
        #expect(plan.decisions[1].monitoringDate == "令和9年3月10日（水）")
        #expect(plan.decisions[1].decidedOn == "令和8年12月9日（水）")
        #expect(plan.decisions[1].roles.map(\.statutory) == [false, true])
        #expect(plan.decisions[1].shortages == ["夜間に相談できる窓口がない"])
        #expect(plan.decisions[1].attended == [
            "佐藤 一郎（かさね市社会福祉協議会）", "市川 花子（かさね市 福祉政策課）", "高橋 次郎（中央地域包括支援センター）",
        ])
    }

    @Test("R18: an ending decided without a placement on record follows the placed items, with 主担当 and follow-up")
    func endingWithoutPlacement() {
        let ending = Self.minutes(.master).items[1]
        #expect(ending.number == 2)
        #expect(ending.itemTime == nil)
        #expect(ending.triggerKind == "支援終結の判断時")
        #expect(ending.decisions.map(\.outcome) == ["終結承認"])
        #expect(ending.decisions[0].leadAgency == "すまい建築課")
        #expect(ending.decisions[0].followUp == "3か月ごとに電話で様子を確認")
    }

    @Test("R15: a person's minutes hold only the items they were invited to or attended")
    func minutesPerReader() {
        #expect(Self.minutes(.person("p-houkatsu")).items.map(\.caseNumber) == ["R8-3"])
        #expect(Self.minutes(.person("p-sumai")).items.map(\.caseNumber) == ["R8-9"])
        #expect(Self.minutes(.agency("city")).items.map(\.caseNumber) == ["R8-3", "R8-9"])
        #expect(Self.minutes(.person("nobody")).items.isEmpty)
        #expect(Self.minutes(.person("p-houkatsu")).items.allSatisfy { $0.exclusions.isEmpty })
        #expect(!Self.minutes(.person("p-houkatsu")).header.confidential)
        #expect(Self.minutes(.master).header.confidential)
    }

    @Test("#12.11 the minutes carry the chain heads of the cases they show, and no other case's",
          arguments: [Reader.master, .person("p-houkatsu"), .person("p-sumai"), .person("nobody")])
    func chainHeads(reader: Reader) {
        let heads = [ChainHead(caseNumber: "R8-9", seq: 7, hash: String(repeating: "b", count: 64)),
                     ChainHead(caseNumber: "R8-3", seq: 9, hash: "0123456789abcdef" + String(repeating: "c", count: 48)),
                     ChainHead(caseNumber: "R8-404", seq: 2, hash: String(repeating: "d", count: 64))]
        let doc = MinutesDocument(session: F.session, placements: Self.placements, caseFiles: Self.files, registry: F.registry,
                                  reader: reader, chainHeads: heads)
        #expect(doc.chainHeads.map(\.caseNumber) == doc.items.map(\.caseNumber).sorted())
        #expect(!doc.chainHeads.contains { $0.caseNumber == "R8-404" })
        if let r83 = doc.chainHeads.first(where: { $0.caseNumber == "R8-3" }) {
            #expect(r83 == ChainHeadLine(caseNumber: "R8-3", lastSeq: 9, hashPrefix: "0123456789abcdef"))
        }
    }

    @Test("Minutes of a session with no decision recorded list no item")
    func noDecisions() {
        var other = F.session
        other.id = "jusou-2027-02-10"
        let doc = MinutesDocument(session: other, placements: [], caseFiles: Self.files, registry: F.registry,
                                  reader: .master)
        #expect(doc.items.isEmpty)
    }

    @Test("An item placed in the session but not decided yet is in the minutes, with no decision (未決定)")
    func undecidedItemShown() throws {
        // R8-5: a plan drafted (event 3), placed at position 1, no decision recorded yet.
        let events: [CaseEvent] = [
            .opened(.init(number: "R8-5", openedOn: F.day("2026-10-01"), referredBy: "houkatsu", fields: [.elderly],
                          involvedAgencies: ["houkatsu"])),
            .memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)),
            .planDrafted(.init(kind: .outreach, draftedOn: F.day("2026-11-20"), services: [
                PlanService(agency: "houkatsu", task: "訪問", statutory: false),
            ])),
        ]
        let pending = try #require(CaseFile(replaying: events.enumerated().map {
            RecordedEvent(seq: $0.offset + 1, event: $0.element, recordedAt: "2026-11-20T05:00:00Z")
        }))
        var files = Self.files
        files["R8-5"] = pending
        let placements = Self.placements + [F.placement("R8-5#3", position: 1, kind: .supportMeeting)]
        let doc = MinutesDocument(session: F.session, placements: placements, caseFiles: files, registry: F.registry,
                                  reader: .master)
        #expect(doc.items.map(\.caseNumber) == ["R8-3", "R8-5", "R8-9"])
        let item = doc.items[1]
        #expect(item.number == 2)
        #expect(item.itemTime == "14:30〜15:00")
        #expect(item.triggerKind == "プラン策定時")
        #expect(item.decisions.isEmpty)
        #expect(doc.items[2].number == 3)  // the ending decided without a placement follows the placed items
    }

    @Test("R6: a revised plan is shown as 再プラン策定時 once an earlier version was decided")
    func revisedPlanTrigger() {
        var later = F.session
        later.id = "jusou-2027-01-13"
        later.date = F.day("2027-01-13")
        let doc = MinutesDocument(session: later, placements: [], caseFiles: Self.files, registry: F.registry,
                                  reader: .master)
        #expect(doc.items.map(\.triggerKind) == ["再プラン策定時"])
        #expect(doc.header.fiscalYear == "令和8年度")
        #expect(doc.header.date == "令和9年1月13日（水）")
    }

    @Test("The agenda from placements and case files: trigger kind, attendance, 本人 (R14), no personal data")
    func agendaFromCaseFiles() throws {
        let doc = AgendaDocument(session: F.session, placements: Self.placements, caseFiles: Self.files,
                                 registry: F.registry, reader: .master)
        let item = try #require(doc.items.first)
        #expect(doc.items.count == 1)
        #expect(item.triggerKind == "プラン策定時")
        #expect(item.headings == TriggerKind.planDrafted.agenda)
        #expect(item.attendees.contains { $0.name == "高橋 次郎" })
        #expect(item.attendees.last?.isPrincipal == true)
        #expect(!item.attendees.contains { $0.name == "鈴木 三郎" })
        let person = AgendaDocument(session: F.session, placements: Self.placements, caseFiles: Self.files,
                                    registry: F.registry, reader: .person("p-sumai"))
        #expect(person.items.isEmpty)
    }

    @Test("The header names what the session sits as: joint (R5), ad hoc, one body")
    func headerMeetingName() {
        var joint = F.session
        joint.bodies = ["jusou", "care"]
        joint.kind = .adHoc
        let header = DocumentHeader(session: joint, reader: .master, registry: F.registry)
        #expect(header.meetingName == "重層的支援会議（中央地域ケア会議と合同開催）")
        #expect(header.isJoint)
        #expect(header.sessionKind == "随時")
        var single = F.session
        single.bodies = ["shien"]
        single.onlineURL = nil
        single.location = nil
        let plain = DocumentHeader(session: single, reader: .agency("sumai"), registry: F.registry)
        #expect(plain.meetingName == "支援会議")
        #expect(!plain.isJoint)
        #expect(plain.online == nil && plain.location == nil)
        #expect(plain.readerName == "すまい建築課")
        #expect(plain.timeRange == "14:00〜16:00")
    }
}
