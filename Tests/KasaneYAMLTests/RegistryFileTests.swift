import KasaneCore
import KasaneWording
import KasaneYAML
import Testing

@Suite("RegistryFile")
struct RegistryFileTests {
    static let valid = Document(lines: [
        "agencies:",                                                                // 1
        "  - id: city",                                                             // 2
        "    name: 市",                                                             // 3
        "    field: 包括",                                                          // 4
        "    kind: 庁内",                                                           // 5
        "    mailbox: city@example.jp",                                             // 6
        "    roles: [自治体]",                                                      // 7
        "  - id: houkatsu",                                                         // 8
        "    name: 包括",                                                           // 9
        "    field: 高齢",                                                          // 10
        "    kind: 委託",                                                           // 11
        "    mailbox: h@example.jp",                                                // 12
        "people:",                                                                  // 13
        "  - id: p1",                                                               // 14
        "    name: 職員",                                                           // 15
        "    mailbox: p1@example.jp",                                               // 16
        "    agency: city",                                                         // 17
        "    title: 係長",                                                          // 18
        "bodies:",                                                                  // 19
        "  - id: shien",                                                            // 20
        "    name: 支援会議",                                                       // 21
        "    kind: 支援会議",                                                       // 22
        "    members:",                                                             // 23
        "      - {person: p1, appointed: 2026-04-01, confidentiality: 2026-04-01}", // 24
    ])

    @Test("the valid base document parses")
    func validBase() throws {
        let registry = try RegistryFile.parse(Self.valid.text, file: "registry.yaml")
        #expect(registry.agencies.map(\.id) == ["city", "houkatsu"])
        #expect(registry.agency("city")?.roles == [.municipality])
        #expect(registry.people == [Person(id: "p1", name: "職員", mailbox: "p1@example.jp", agency: "city", title: "係長")])
        #expect(registry.body("shien")?.members == [
            BodyMember(person: "p1", appointedOn: LocalDate(iso: "2026-04-01"),
                       confidentialityAcknowledgedOn: LocalDate(iso: "2026-04-01")),
        ])
    }

    @Test("the demo registry parses")
    func demo() throws {
        let registry = try RegistryFile.parse(try example("registry.yaml"), file: "examples/registry.yaml")
        #expect(registry.agencies.count == 14)
        #expect(registry.people.count == 16)
        #expect(registry.bodies.map(\.kind) == [.multiAgency, .supportMeeting, .communityCare, .childProtection])
        #expect(registry.agencies(holding: .coordinator).map(\.id) == ["shakyo"])
        let shien = try #require(registry.bodies(of: .supportMeeting).first)
        #expect(shien.members.allSatisfy { $0.appointedOn != nil })
        #expect(shien.member("p-hogo-1")?.appointmentEndsOn == LocalDate(iso: "2026-03-31"))
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "malformed YAML: a colon inside a plain value",
                 document: valid.replacing(3, with: "    name: 市: 課"), line: 3, gist: ["malformed YAML"]),
        BadInput(name: "malformed YAML: an unclosed flow sequence",
                 document: valid.replacing(7, with: "    roles: [自治体"), line: 7, gist: ["malformed YAML"]),
        BadInput(name: "malformed YAML: a tab for indentation",
                 document: valid.replacing(16, with: "\tmailbox: p1@example.jp"), line: 16, gist: ["malformed YAML"]),
        BadInput(name: "unknown key in an agency",
                 document: valid.replacing(6, with: "    mailboxes: city@example.jp"), line: 6,
                 gist: ["unknown key 'mailboxes'", "allowed:", "mailbox"]),
        BadInput(name: "unknown top-level key",
                 document: valid.replacing(19, with: "bodys:"), line: 19, gist: ["unknown key 'bodys'"]),
        BadInput(name: "unknown key in a body member",
                 document: valid.replacing(24, with: "      - {person: p1, appointed: 2026-04-01, secrecy: 2026-04-01}"),
                 line: 24, gist: ["unknown key 'secrecy'"]),
        BadInput(name: "unknown agency of a person",
                 document: valid.replacing(17, with: "    agency: nowhere"), line: 17,
                 gist: ["unknown agency 'nowhere'"]),
        BadInput(name: "unknown 分野",
                 document: valid.replacing(10, with: "    field: 福祉"), line: 10, gist: ["unknown field (分野) '福祉'", "高齢"]),
        BadInput(name: "unknown agency kind",
                 document: valid.replacing(11, with: "    kind: 民間"), line: 11, gist: ["unknown agency kind '民間'"]),
        BadInput(name: "unknown programme role",
                 document: valid.replacing(7, with: "    roles: [役所]"), line: 7, gist: ["unknown programme role '役所'"]),
        BadInput(name: "unknown body kind",
                 document: valid.replacing(22, with: "    kind: 会議"), line: 22, gist: ["unknown body kind '会議'"]),
        BadInput(name: "impossible appointment date 2027-02-29",
                 document: valid.replacing(24, with: "      - {person: p1, appointed: 2027-02-29}"), line: 24,
                 gist: ["'2027-02-29' is not a real date"]),
        BadInput(name: "impossible confidentiality date 2026-04-31",
                 document: valid.replacing(24, with: "      - {person: p1, appointed: 2026-04-01, confidentiality: 2026-04-31}"),
                 line: 24, gist: ["'2026-04-31' is not a real date"]),
        BadInput(name: "duplicate agency id",
                 document: valid.replacing(8, with: "  - id: city"), line: 8, gist: ["agency id 'city' is used twice"]),
        BadInput(name: "duplicate person id",
                 document: valid.inserting("  - {id: p1, name: 別人, mailbox: x@example.jp, agency: city}", after: 18),
                 line: 19, gist: ["person id 'p1' is used twice"]),
        BadInput(name: "duplicate body id",
                 document: valid.inserting("  - {id: shien, name: 別, kind: 地域ケア会議}", after: 24),
                 line: 25, gist: ["body id 'shien' is used twice"]),
        BadInput(name: "a 支援会議 member without 'appointed'",
                 document: valid.replacing(24, with: "      - {person: p1, confidentiality: 2026-04-01}"), line: 24,
                 gist: ["支援会議 member needs 'appointed'"]),
        BadInput(name: "duplicated key in a mapping",
                 document: valid.replacing(5, with: "    name: 市役所"), line: 3, gist: ["duplicated key name"]),
        BadInput(name: "unknown person in a body",
                 document: valid.replacing(24, with: "      - {person: p9, appointed: 2026-04-01}"), line: 24,
                 gist: ["unknown person 'p9'"]),
        BadInput(name: "the same person twice in a body",
                 document: valid.inserting("      - {person: p1, appointed: 2026-05-01}", after: 24), line: 25,
                 gist: ["person 'p1' is listed twice in body 'shien'"]),
        BadInput(name: "an appointment that ends before it starts",
                 document: valid.replacing(24, with: "      - {person: p1, appointed: 2026-04-01, ends: 2026-03-31}"),
                 line: 24, gist: ["ends (2026-03-31) before it starts (2026-04-01)"]),
        BadInput(name: "a mailbox that is not an address",
                 document: valid.replacing(12, with: "    mailbox: houkatsu at example"), line: 12,
                 gist: ["'houkatsu at example' is not a mail address"]),
        BadInput(name: "an id with spaces",
                 document: valid.replacing(8, with: "  - id: houkatsu center"), line: 8,
                 gist: ["'houkatsu center' is not a valid id"]),
        BadInput(name: "a missing required key",
                 document: valid.replacing(5, with: "    roles: []").replacing(7, with: "    # no kind"), line: 2,
                 gist: ["missing key 'kind'"]),
        BadInput(name: "a boolean that is not true or false",
                 document: valid.replacing(24, with: "      - {person: p1, appointed: 2026-04-01, temporary: yes}"),
                 line: 24, gist: ["expected true or false, found 'yes'"]),
        BadInput(name: "an empty file", document: Document(lines: ["# nothing"]), line: nil, gist: ["empty"]),
    ]

    @Test("bad registry input is refused at file:line with the gist of the problem", arguments: badInputs)
    func badInput(_ input: BadInput) throws {
        let error = try #require(throws: YAMLInputError.self) {
            try RegistryFile.parse(input.document.text, file: "registry.yaml")
        }
        #expect(error.file == "registry.yaml")
        #expect(error.line == input.line, "\(error)")
        let prefix = input.line.map { "registry.yaml:\($0): " } ?? "registry.yaml: "
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

@Suite("ClosuresFile")
struct ClosuresFileTests {
    @Test("local closures parse")
    func valid() throws {
        let closures = try ClosuresFile.parse("closures:\n  - {name: 慰霊の日, month: 6, day: 23}\n", file: "closures.yaml")
        #expect(closures == [try LocalClosure(name: "慰霊の日", month: 6, day: 23)])
    }

    @Test("a closure on a day that never exists is refused at its line", arguments: [
        ("  - {name: 架空の日, month: 2, day: 30}", "2"),
        ("  - {name: 架空の日, month: 13, day: 1}", "13"),
        ("  - {name: 架空の日, month: six, day: 1}", "whole number"),
        ("  - {name: 架空の日, month: 6, day: 23, year: 2026}", "unknown key 'year'"),
    ])
    func impossible(line: String, gist: String) throws {
        let text = "closures:\n  - {name: 慰霊の日, month: 6, day: 23}\n" + line + "\n"
        let error = try #require(throws: YAMLInputError.self) { try ClosuresFile.parse(text, file: "closures.yaml") }
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("closures.yaml:3: ") && japanese(error.message), "\(error)")
        #expect(error.words(in: .en).contains(gist), "\(error.words(in: .en))")  // #13.3: English with --lang en
    }
}
