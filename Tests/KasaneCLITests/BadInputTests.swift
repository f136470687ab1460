import Foundation
import Testing

/// The bad inputs of the spine issue: each must give a one-line message on stderr naming the
/// problem and where it is, a non-zero exit status, nothing on stdout, and an unchanged database.
@Suite("kasane bad input")
struct BadInputTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// Files to write into the workspace first (name → text); commands refer to them by name.
        var files: [String: String] = [:]
        let arguments: [String]
        /// What the one stderr line must contain: the problem and where it is.
        let gist: [String]
    }

    /// A case file whose entry `R9-1` carries `events` (given as YAML lines at 6 spaces), so
    /// line 9 is the first event.
    static func caseFile(opened: String = "2026-10-01", number: String = "R9-1", events: [String]) -> String {
        ([
            "cases:",                                                           // 1
            "  - number: \(number)",                                            // 2
            "    opened: \(opened)",                                            // 3
            "    referred_by: houkatsu-chuo",                                   // 4
            "    fields: [高齢]",                                               // 5
            "    members:",                                                     // 6
            "      - {key: m1, relation: 本人, name: 試験 花子}",               // 7
            "    events:",                                                      // 8
        ] + events.map { "      " + $0 }).joined(separator: "\n") + "\n"
    }

    static let cases: [Bad] = [
        // Malformed YAML or an unknown key.
        Bad(testDescription: "case import: malformed YAML",
            files: ["bad.yaml": "cases:\n  - number: R9-1\n    opened: 2026-10-01: x\n"],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:3: ", "YAML として読めません"]),
        Bad(testDescription: "case import: unknown key",
            files: ["bad.yaml": caseFile(events: ["- contact: {on: 2026-10-02, method: 訪問, reached: true, who: shakyo}"])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:9: ", "キー 'who' は使えません"]),
        Bad(testDescription: "registry import: malformed YAML",
            files: ["reg.yaml": "agencies:\n  - id: x\n    name: [unclosed\n    field: 高齢\n"],
            arguments: ["registry", "import", "reg.yaml"], gist: ["reg.yaml:", "YAML として読めません"]),
        Bad(testDescription: "registry import: unknown key",
            files: ["reg.yaml": "agencies:\n  - id: x\n    name: X\n    field: 高齢\n    kind: 庁内\n    mail: x@example.jp\n"],
            arguments: ["registry", "import", "reg.yaml"], gist: ["reg.yaml:6: ", "キー 'mail' は使えません"]),
        // An unknown agency or 分野 in a consent scope.
        Bad(testDescription: "consent grant: unknown agency in the scope",
            arguments: ["consent", "grant", "R8-3", "--member", "m1", "--on", "2026-11-01", "--agency", "houkatsu-chuo",
                        "--agency", "nowhere", "--form", "同意書-X"],
            gist: ["case R8-3", "unknown agency 'nowhere'"]),
        Bad(testDescription: "consent grant: unknown 分野 in the scope",
            arguments: ["consent", "grant", "R8-3", "--member", "m1", "--on", "2026-11-01", "--field", "福祉",
                        "--form", "同意書-X"],
            gist: ["'福祉'", "--field"]),
        Bad(testDescription: "case import: unknown agency in a consent scope",
            files: ["bad.yaml": caseFile(events: ["- consent: {member: m1, on: 2026-10-02, agencies: [nowhere], form: F}"])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:9: ", "case R9-1", "unknown agency 'nowhere'"]),
        Bad(testDescription: "case import: unknown 分野 in a consent scope",
            files: ["bad.yaml": caseFile(events: ["- consent: {member: m1, on: 2026-10-02, fields: [福祉], form: F}"])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:9: ", "分野 '福祉' は使えません"]),
        // A plan revision on a case without a plan.
        Bad(testDescription: "plan revise: the case has no plan",
            arguments: ["plan", "revise", "R8-3", "--kind", "多機関協働", "--on", "2026-11-20",
                        "--service", "houkatsu-chuo:見守り"],
            gist: ["case R8-3", "no 多機関協働 plan to revise"]),
        Bad(testDescription: "plan revise: the case has a plan of another kind",
            arguments: ["plan", "revise", "R8-4", "--kind", "多機関協働", "--on", "2026-11-20",
                        "--service", "shakyo:訪問"],
            gist: ["case R8-4", "no 多機関協働 plan to revise"]),
        Bad(testDescription: "case import: a revision without a plan",
            files: ["bad.yaml": caseFile(events: [
                "- contact: {on: 2026-10-02, method: 訪問, reached: true}",
                "- revise: {kind: アウトリーチ等, on: 2026-10-03, services: [{agency: shakyo, task: 訪問}]}",
            ])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:10: ", "case R9-1", "no アウトリーチ等 plan to revise"]),
        // A duplicate case number.
        Bad(testDescription: "case open: duplicate case number",
            arguments: ["case", "open", "R8-1", "--referred-by", "shakyo", "--on", "2026-11-01"],
            gist: ["事例 R8-1 はすでにあります"]),
        Bad(testDescription: "case import: a case number already in the workspace",
            files: ["bad.yaml": caseFile(events: []).replacingOccurrences(of: "R9-1", with: "R8-2")],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:2: ", "事例 R8-2 はすでにあります"]),
        Bad(testDescription: "case import: the same case number twice in the file",
            files: ["bad.yaml": caseFile(events: []) + "  - {number: R9-1, opened: 2026-10-01, referred_by: shakyo}\n"],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:9: ", "事例 R9-1 がファイルに2回あります"]),
        // An impossible date.
        Bad(testDescription: "case open: impossible date",
            arguments: ["case", "open", "R9-1", "--referred-by", "shakyo", "--on", "2027-02-29"],
            gist: ["'2027-02-29'", "--on"]),
        Bad(testDescription: "contact log: impossible --today",
            arguments: ["contact", "log", "R8-3", "--method", "訪問", "--reached", "--today", "2026-02-30"],
            gist: ["'2026-02-30'", "--today"]),
        Bad(testDescription: "case import: impossible date",
            files: ["bad.yaml": caseFile(opened: "2027-02-29", events: [])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:3: ", "'2027-02-29' は実在する日付ではありません"]),
        // A withdrawal before the consent it withdraws.
        Bad(testDescription: "consent withdraw: before the consent",
            arguments: ["consent", "withdraw", "R8-1", "--member", "m1", "--on", "2026-09-09"],
            gist: ["case R8-1", "2026-09-09", "before the consent of 'm1'", "2026-09-10"]),
        Bad(testDescription: "case import: a withdrawal before the consent",
            files: ["bad.yaml": caseFile(events: [
                "- consent: {member: m1, on: 2026-10-10, fields: [高齢], form: F}",
                "- withdraw: {member: m1, on: 2026-10-05}",
            ])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:10: ", "case R9-1", "before the consent of 'm1'"]),
        // A contact dated in the future.
        Bad(testDescription: "contact log: dated after --today",
            arguments: ["contact", "log", "R8-3", "--on", "2026-11-27", "--method", "訪問", "--not-reached"],
            gist: ["case R8-3", "2026-11-27", "after today"]),
        Bad(testDescription: "case import: a contact dated after --today",
            files: ["bad.yaml": caseFile(events: [
                "- contact: {on: 2026-10-02, method: 訪問, reached: false}",
                "- contact: {on: 2026-12-01, method: 電話, reached: true}",
            ])],
            arguments: ["case", "import", "bad.yaml"], gist: ["bad.yaml:10: ", "case R9-1", "2026-12-01", "after today"]),
        // And a few neighbours.
        Bad(testDescription: "contact log: a case that does not exist",
            arguments: ["contact", "log", "R9-99", "--method", "訪問", "--reached"], gist: ["事例 R9-99 はありません"]),
        Bad(testDescription: "case involve: unknown agency",
            arguments: ["case", "involve", "R8-3", "ghost-agency"], gist: ["case R8-3", "unknown agency 'ghost-agency'"]),
        Bad(testDescription: "case import: a file that does not exist",
            arguments: ["case", "import", "missing.yaml"], gist: ["missing.yaml"]),
    ]

    @Test("bad input: one-line error naming the problem and where, non-zero exit, database unchanged", arguments: cases)
    func badInput(_ bad: Bad) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        for (name, text) in bad.files { try ws.write(name, text) }
        let before = try dumpDatabase(ws.database)
        let r = try ws.run(bad.arguments)
        #expect(r.status != 0, "\(r)")
        #expect(r.stdout.isEmpty, "nothing may be reported as done: \(r)")
        #expect(r.stderrLines.count == 1, "the error must be one line: \(r)")
        let line = r.stderrLines.first ?? ""
        for gist in bad.gist { #expect(line.contains(gist), "\(r)") }
        #expect(try dumpDatabase(ws.database) == before, "the database changed: \(r)")
    }

    @Test("a large import refused at its last entry leaves none of the earlier cases behind")
    func lateRefusal() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        var text = "cases:\n"
        for i in 1...200 {
            text += "  - {number: R9-\(i), opened: 2026-10-01, referred_by: shakyo, members: [{key: m1, relation: 本人, name: 試験 \(i)}]}\n"
        }
        text += "  - {number: R9-999, opened: 2026-10-01, referred_by: nowhere}\n"
        try ws.write("late.yaml", text)
        let before = try dumpDatabase(ws.database)
        let r = try ws.run(["case", "import", "late.yaml"])
        #expect(r.status != 0)
        #expect(r.stderrLines == ["エラー: late.yaml:202: case R9-999: unknown agency 'nowhere' as referring agency: register it in the registry file or fix the id"])
        #expect(try dumpDatabase(ws.database) == before)
    }
}
