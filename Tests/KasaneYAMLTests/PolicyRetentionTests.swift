import KasaneCore
import KasaneWording
import KasaneYAML
import Testing

/// #17.2, #17.4: the retention rule in policy.yaml (`retention: { yearsAfterEnd: N }`).
@Suite("PolicyFile retention (#17.2)")
struct PolicyRetentionTests {
    static let head = "days:\n  plan: 30\n"

    @Test("#17.2: the rule is read; a policy without it has none, and the trigger policy still reads")
    func reads() throws {
        #expect(try PolicyFile.retention(Self.head + "retention:\n  yearsAfterEnd: 5\n", file: "policy.yaml")
            == RetentionRule(yearsAfterEnd: 5))
        #expect(try PolicyFile.retention(Self.head + "retention: { yearsAfterEnd: 10 }\n", file: "policy.yaml")
            == RetentionRule(yearsAfterEnd: 10))
        #expect(try PolicyFile.retention(Self.head, file: "policy.yaml") == nil)
        #expect(try PolicyFile.parse(Self.head + "retention:\n  yearsAfterEnd: 5\n", file: "policy.yaml").days.plan == 30)
    }

    @Test("#17.4: a bad rule is refused at file:line, in Japanese, saying what to write",
          arguments: [("retention:\n  yearsAfterEnd: 0\n", 4, "'0' は保存年数として使えません"),
                      ("retention:\n  yearsAfterEnd: -3\n", 4, "'-3' は保存年数として使えません"),
                      ("retention:\n  yearsAfterEnd: 5年\n", 4, "'5年' は保存年数として使えません"),
                      ("retention:\n  yearsAfterEnd: 101\n", 4, "1〜100 の整数"),
                      ("retention:\n  years: 5\n", 4, "years"),
                      ("retention:\n  {}\n", 4, "yearsAfterEnd"),
                      ("retention: 5\n", 3, "")])
    func refuses(tail: String, line: Int, message: String) {
        do {
            _ = try PolicyFile.retention(Self.head + tail, file: "policy.yaml")
            Issue.record("accepted: \(tail)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("policy.yaml:\(line)"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
