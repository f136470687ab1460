import KasaneCore
import KasaneWording
import KasaneYAML
import Testing

@Suite("CaseImportFile")
struct CaseImportFileTests {
    static let valid = Document(lines: [
        "cases:",                                                                                        // 1
        "  - number: R8-1",                                                                              // 2
        "    opened: 2026-09-01",                                                                        // 3
        "    referred_by: houkatsu",                                                                     // 4
        "    fields: [高齢, 障がい]",                                                                    // 5
        "    agencies: [houkatsu]",                                                                      // 6
        "    members:",                                                                                  // 7
        "      - {key: m1, relation: 本人, principal: true, name: 架空 花子, born: 1950-01-02, address: かさね市1-1}", // 8
        "    events:",                                                                                   // 9
        "      - consent: {member: m1, on: 2026-09-10, fields: [高齢], agencies: [houkatsu], form: F-1}", // 10
        "      - contact: {on: 2026-10-01, method: 訪問, reached: false, by: houkatsu}",                 // 11
        "      - plan:",                                                                                 // 12
        "          kind: 多機関協働",                                                                    // 13
        "          on: 2026-10-05",                                                                      // 14
        "          services:",                                                                           // 15
        "            - {agency: houkatsu, task: 調整}",                                                  // 16
        "  - number: R8-2",                                                                              // 17
        "    opened: 2026-10-01",                                                                        // 18
        "    referred_by: city",                                                                         // 19
    ])

    @Test("the valid base document parses with every event located at its line")
    func validBase() throws {
        let cases = try CaseImportFile.parse(Self.valid.text, file: "cases.yaml")
        #expect(cases.map(\.opened.number) == ["R8-1", "R8-2"])
        #expect(cases.map(\.source) == ["cases.yaml:2", "cases.yaml:17"])
        let first = cases[0]
        #expect(first.opened == CaseEvent.Opened(number: "R8-1", openedOn: LocalDate(iso: "2026-09-01")!,
                                                 referredBy: "houkatsu", fields: [.elderly, .disability],
                                                 involvedAgencies: ["houkatsu"]))
        #expect(first.members == [NewMember(
            member: HouseholdMember(key: "m1", relation: "本人", isPrincipal: true),
            details: MemberDetails(name: "架空 花子", birthDate: LocalDate(iso: "1950-01-02"), address: "かさね市1-1"))])
        #expect(first.events.map(\.source) == ["cases.yaml:10", "cases.yaml:11", "cases.yaml:12"])
        #expect(first.events.map(\.event.kind) == ["consent_granted", "contact_logged", "plan_drafted"])
        #expect(cases[1].members.isEmpty && cases[1].events.isEmpty)
    }

    @Test("a plan entry with 'confirmed' adds the decision on the plan's own event number")
    func confirmedPlan() throws {
        let doc = Self.valid
            .inserting("      - {key: m2, relation: 長男, name: 架空 一郎}", after: 8)
            .inserting("          confirmed: 2026-10-20", after: 15)
            .inserting("          monitoring: 2027-01-20", after: 16)
        let cases = try CaseImportFile.parse(doc.text, file: "cases.yaml")
        let c = cases[0]
        // opened #1, members #2–#3, consent #4, contact #5, plan #6, decision #7
        let decision = try #require(c.events.last)
        #expect(decision.event == .decisionRecorded(.init(onEvent: 6, decidedOn: LocalDate(iso: "2026-10-20")!,
                                                          outcome: .planApproved,
                                                          monitoringOn: LocalDate(iso: "2027-01-20"))))
        // Replaying the case confirms the plan: the decision points at the right event.
        var file = try #require(CaseFile(replaying: [RecordedEvent(seq: 1, event: .opened(c.opened), recordedAt: "")]))
        let all = c.members.map { CaseEvent.memberAdded($0.member) } + c.events.map(\.event)
        for (i, e) in all.enumerated() { file.apply(e, seq: i + 2) }
        #expect(file.plans.map(\.state) == [.confirmed])
        #expect(file.status == .inSupport)
    }

    @Test("the demo cases parse")
    func demo() throws {
        let cases = try CaseImportFile.parse(try example("cases.yaml"), file: "examples/cases.yaml")
        #expect(cases.map(\.opened.number) == ["R8-1", "R8-2", "R8-3", "R8-4", "R8-5", "R8-6"])
        // Each case is located at its `- number:` line.
        let text = try example("cases.yaml")
        let numberLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.hasPrefix("  - number: ") }.map { "examples/cases.yaml:\($0.offset + 1)" }
        #expect(cases.map(\.source) == numberLines)
        #expect(cases.map(\.members.count) == [2, 4, 1, 1, 1, 1])
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "malformed YAML: a colon inside a plain value",
                 document: valid.replacing(3, with: "    opened: 2026-09-01: x"), line: 3, gist: ["malformed YAML"]),
        BadInput(name: "malformed YAML: an unclosed flow mapping",
                 document: valid.replacing(11, with: "      - contact: {on: 2026-10-01, method: 訪問"), line: 11,
                 gist: ["malformed YAML"]),
        BadInput(name: "unknown key in a case",
                 document: valid.replacing(6, with: "    agency: [houkatsu]"), line: 6,
                 gist: ["unknown key 'agency'", "agencies"]),
        BadInput(name: "unknown key in a member",
                 document: valid.replacing(8, with: "      - {key: m1, relation: 本人, name: 架空 花子, phone: 000}"), line: 8,
                 gist: ["unknown key 'phone'"]),
        BadInput(name: "unknown key in a consent",
                 document: valid.replacing(10, with: "      - consent: {member: m1, on: 2026-09-10, scope: [高齢], form: F-1}"),
                 line: 10, gist: ["unknown key 'scope'"]),
        BadInput(name: "unknown event kind",
                 document: valid.replacing(11, with: "      - meeting: {on: 2026-10-01}"), line: 11,
                 gist: ["unknown key 'meeting'"]),
        BadInput(name: "two kinds in one event",
                 document: valid.replacing(11, with: "      - {contact: {on: 2026-10-01, method: 訪問, reached: false}, principal_attends: {attends: true, on: 2026-10-01}}"),
                 line: 11, gist: ["each event is one of"]),
        BadInput(name: "unknown 分野 in a consent scope",
                 document: valid.replacing(10, with: "      - consent: {member: m1, on: 2026-09-10, fields: [福祉], form: F-1}"),
                 line: 10, gist: ["unknown field (分野) '福祉'"]),
        BadInput(name: "unknown 分野 of the case",
                 document: valid.replacing(5, with: "    fields: [高齢, 介護]"), line: 5, gist: ["unknown field (分野) '介護'"]),
        BadInput(name: "impossible opening date 2027-02-29",
                 document: valid.replacing(3, with: "    opened: 2027-02-29"), line: 3,
                 gist: ["'2027-02-29' is not a real date"]),
        BadInput(name: "impossible consent date",
                 document: valid.replacing(10, with: "      - consent: {member: m1, on: 2026-02-30, fields: [高齢], form: F-1}"),
                 line: 10, gist: ["'2026-02-30' is not a real date"]),
        BadInput(name: "impossible plan date",
                 document: valid.replacing(14, with: "          on: 2026-04-31"), line: 14,
                 gist: ["'2026-04-31' is not a real date"]),
        BadInput(name: "impossible birth date",
                 document: valid.replacing(8, with: "      - {key: m1, relation: 本人, name: 架空 花子, born: 1950-13-01}"), line: 8,
                 gist: ["'1950-13-01' is not a real date"]),
        BadInput(name: "a date in another form",
                 document: valid.replacing(18, with: "    opened: 2026/10/01"), line: 18,
                 gist: ["'2026/10/01' is not a real date of the form YYYY-MM-DD"]),
        BadInput(name: "duplicate case number in the file",
                 document: valid.replacing(17, with: "  - number: R8-1"), line: 17, gist: ["case R8-1 appears twice"]),
        BadInput(name: "invalid case number",
                 document: valid.replacing(2, with: "  - number: R8 1"), line: 2, gist: ["'R8 1' is not a valid case number"]),
        BadInput(name: "a member key that is a name",
                 document: valid.replacing(8, with: "      - {key: 花子, relation: 本人, name: 架空 花子}"), line: 8,
                 gist: ["'花子' is not a valid member key"]),
        BadInput(name: "duplicated key in a mapping",
                 document: valid.replacing(4, with: "    opened: 2026-09-02"), line: 3, gist: ["duplicated key opened"]),
        BadInput(name: "'monitoring' without 'confirmed'",
                 document: valid.inserting("          monitoring: 2027-01-10", after: 14), line: 15,
                 gist: ["'monitoring' needs 'confirmed'"]),
        BadInput(name: "a boolean that is not true or false",
                 document: valid.replacing(11, with: "      - contact: {on: 2026-10-01, method: 訪問, reached: yes}"), line: 11,
                 gist: ["expected true or false, found 'yes'"]),
        BadInput(name: "unknown contact method",
                 document: valid.replacing(11, with: "      - contact: {on: 2026-10-01, method: メール, reached: false}"),
                 line: 11, gist: ["unknown contact method 'メール'"]),
        BadInput(name: "unknown plan kind",
                 document: valid.replacing(13, with: "          kind: 生活支援"), line: 13, gist: ["unknown plan kind '生活支援'"]),
        BadInput(name: "a consent without its form",
                 document: valid.replacing(10, with: "      - consent: {member: m1, on: 2026-09-10, fields: [高齢]}"), line: 10,
                 gist: ["missing key 'form'"]),
        BadInput(name: "a member without a name",
                 document: valid.replacing(8, with: "      - {key: m1, relation: 本人, name: '  '}"), line: 8,
                 gist: ["must not be empty"]),
        BadInput(name: "an agency id that is not an id",
                 document: valid.replacing(16, with: "            - {agency: 地域包括, task: 調整}"), line: 16,
                 gist: ["'地域包括' is not a valid id"]),
        BadInput(name: "cases that are not a list",
                 document: Document(lines: ["cases:", "  number: R8-1"]), line: 2, gist: ["expected a list"]),
    ]

    @Test("bad case input is refused at file:line with the gist of the problem", arguments: badInputs)
    func badInput(_ input: BadInput) throws {
        let error = try #require(throws: YAMLInputError.self) {
            try CaseImportFile.parse(input.document.text, file: "cases.yaml")
        }
        #expect(error.file == "cases.yaml")
        #expect(error.line == input.line, "\(error)")
        let prefix = input.line.map { "cases.yaml:\($0): " } ?? "cases.yaml: "
        #expect(error.description.hasPrefix(prefix), "\(error)")
        // #13.3: the gists are the English words (`--lang en`); the message itself is Japanese,
        // one line, and says the same at the same place.
        let english = error.words(in: .en)
        for gist in input.gist { #expect(english.contains(gist), "\(english)") }
        #expect(english.hasPrefix(prefix), "\(english)")
        #expect(error.description == error.words(in: .ja) && japanese(error.message), "\(error)")
        #expect(!error.description.contains("\n") && !english.contains("\n"), "the message must be one line: \(error)")
    }
}
