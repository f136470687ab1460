import Foundation
import KasaneCore
import KasaneYAML
import Testing

/// Hand-edited YAML (issue 12, point 2 and minor points): every reader refuses alias bombs and
/// control characters with `file:line`, fast; ids and mailboxes follow the one rule (#12.6, #12.7).
@Suite("YAML readers against hostile input (#12.2)")
struct YAMLGuardTests {
    /// The readers, each parsing `text` as `file`.
    static let readers: [(String, @Sendable (String, String) throws -> Void)] = [
        ("registry", { _ = try RegistryFile.parse($0, file: $1) }),
        ("cases", { _ = try CaseImportFile.parse($0, file: $1) }),
        ("closures", { _ = try ClosuresFile.parse($0, file: $1) }),
        ("policy", { _ = try PolicyFile.parse($0, file: $1) }),
    ]

    static func error(_ reader: Int, _ text: String) -> YAMLInputError? {
        do {
            try readers[reader].1(text, "x.yaml")
            return nil
        } catch let error as YAMLInputError {
            return error
        } catch {
            Issue.record("not a YAMLInputError: \(error)")
            return nil
        }
    }

    /// The 492-byte shape of the issue: nested aliases used as mapping keys.
    static func laughs(levels: Int) -> String {
        var lines = ["l0: &l0 [a, a]"]
        for i in 1...levels { lines.append("l\(i): &l\(i) [*l\(i - 1), *l\(i - 1)]") }
        lines.append("? *l\(levels)")  // line levels + 2
        lines.append(": 1")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("#12.2 aliases used as mapping keys are refused at their line, in well under a second, by every reader",
          .timeLimit(.minutes(1)), arguments: 0..<4)
    func aliasKeys(reader: Int) throws {
        let start = ContinuousClock.now
        let error = try #require(Self.error(reader, Self.laughs(levels: 8)), "accepted by \(Self.readers[reader].0)")
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(error.line == 10, "\(error)")
        #expect(error.description.hasPrefix("x.yaml:10: ") && error.description.contains("*l8"), "\(error)")
    }

    @Test("#12.2 a sequence or mapping used as a key is refused (it would be hashed whole)", arguments: 0..<4)
    func complexKeys(reader: Int) throws {
        let error = try #require(Self.error(reader, "a: &a [x, y]\n? [*a, *a]\n: 1\n"))
        #expect(error.line == 2 && error.description.contains("キー"), "\(error)")
    }

    @Test("#12.2 alias expansion beyond 100,000 nodes is refused, even as values", .timeLimit(.minutes(1)),
          arguments: 0..<4)
    func expansionBound(reader: Int) throws {
        var lines = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
        for i in 1...6 { lines.append("l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let error = try #require(Self.error(reader, lines.joined(separator: "\n") + "\n"))
        #expect(error.description.contains("100000"), "\(error)")
        #expect(error.line != nil)
    }

    @Test("#12.2 small honest anchors still work (a merge key in the registry)")
    func honestAnchors() throws {
        let text = """
            agencies:
              - &base {id: city, name: 市, field: 包括, kind: 庁内, mailbox: city@example.jp, roles: [自治体]}
              - {id: city2, name: 市2, field: 包括, kind: 庁内, mailbox: city2@example.jp}
            people:
              - {id: p1, name: 職員, mailbox: p1@example.jp, agency: city}
            """
        #expect(try RegistryFile.parse(text, file: "r.yaml").agencies.count == 2)
    }

    @Test("#12 minor: a control character in a quoted string (\\0, ESC) is refused at its line, not truncated",
          arguments: ["\\0", "\\e", "\\x07", "\\r"])
    func controlCharacters(escape: String) throws {
        let text = RegistryFileTests.valid.replacing(15, with: "    name: \"職員\(escape)偽\"").text
        let error = try #require(Self.error(0, text))
        #expect(error.line == 15 && error.description.contains("制御文字"), "\(error)")
    }

    @Test("#12 minor: policy.yaml value errors name their line", arguments: [
        ("days:\n  plan: 30\n  ending: 400\n", 3, "days.ending"),
        ("days:\n  plan: abc\n", 2, "日数"),
        ("urgentDays:\n  plan: 40\n", 2, "urgentDays.plan"),
        ("contactLossLimitDays: 0\nmonitoringLeadDays: 14\n", 1, "contactLossLimitDays"),
        ("monitoringLeadDays: -1\n", 1, "monitoringLeadDays"),
    ])
    func policyLines(text: String, line: Int, gist: String) throws {
        let error = try #require(Self.error(3, text))
        #expect(error.line == line, "\(error)")
        #expect(error.description.contains(gist), "\(error)")
    }

    @Test("the shipped policy.yaml still reads as the standard policy")
    func shippedPolicy() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("calendars/policy.yaml"), encoding: .utf8)
        #expect(try PolicyFile.parse(text, file: "policy.yaml") == .standard)
        let partial = try PolicyFile.parse("days:\n  plan: 5\n", file: "p.yaml")
        #expect(partial.days.plan == 5 && partial.urgentDays.plan == 5, "an urgent kind left out takes min(7, days)")
    }

    @Test("#12.7 ids that are unsafe as file names are refused in the registry", arguments: ["..", ".", ".hidden", "-rf", "a/b"])
    func unsafeIDs(id: String) throws {
        let text = RegistryFileTests.valid.replacing(14, with: "  - id: '\(id)'").text
        let error = try #require(Self.error(0, text))
        #expect(error.line == 14 && error.description.contains("は id に使えません"), "\(error)")
    }

    @Test("#12.6 mailboxes outside the one rule are refused by the registry reader", arguments: [
        "h.teruya;x@city.example.jp", "a..b@x.jp", "<h>@a.jp", ".a@x.jp", "a.@x.jp", "a@x..jp", "a@-x.jp", "a@x.jp,b@x.jp",
        "a%b@x.jp", "a@b@x.jp",
    ])
    func badMailboxes(mailbox: String) throws {
        let text = RegistryFileTests.valid.replacing(16, with: "    mailbox: '\(mailbox)'").text
        let error = try #require(Self.error(0, text))
        #expect(error.line == 16 && error.description.contains("メールアドレスではありません"), "\(error)")
    }
}
