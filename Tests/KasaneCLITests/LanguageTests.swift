import Foundation
import Testing

/// Issue 13.3 for the case, registry, decision, document and verify commands: Japanese by
/// default, English with `--lang en` / `KASANE_LANG=en`, ArgumentParser's own errors in Japanese,
/// and the member rule's refusals in the reader's words.
@Suite("kasane speaks Japanese, and English on request (#13.3)")
struct LanguageTests {
    @Test("#13.3 --lang en and KASANE_LANG=en give the English lines of registry import, case open and verify")
    func english() throws {
        let ws = try Workspace()
        let ja = try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        #expect(ja.stdout.hasPrefix("追加 34、変更 0、変更なし 0\n"), "\(ja)")
        let en = try ws.ok(["registry", "import", Workspace.example("registry.yaml"), "--lang", "en"])
        #expect(en.stdout == "added 0, changed 0, unchanged 34\n", "\(en)")
        let opened = try ws.ok(["case", "open", "R9-1", "--referred-by", "shakyo"], environment: ["KASANE_LANG": "en"])
        #expect(opened.stdout == "R9-1: opened (相談受付)\n", "\(opened)")
        #expect(try ws.ok(["verify", "--lang=en"]).stdout.contains("1 cases, 1 events, 0 broken chains"))
        #expect(try ws.ok(["verify"]).stdout.contains("事例 1 件、出来事 1 件、壊れた連鎖 0 件"))
        // The flag wins over the environment.
        let table = try ws.ok(["agency", "list", "--lang", "ja"], environment: ["KASANE_LANG": "en"]).stdout
        #expect(table.hasPrefix("id"), "\(table)")
        #expect(table.split(separator: "\n").first?.contains("名称") == true, "\(table)")
    }

    @Test("#13.3 ArgumentParser's errors are Japanese, with their exit code; --lang en keeps ArgumentParser's English",
          arguments: [
              (["case", "open", "--referred-by", "shakyo"], "<number> がありません"),
              (["case", "list", "--bogus"], "オプション --bogus はありません"),
              (["report"], "--fiscal-year <fiscal-year> がありません"),
              (["report", "--fiscal-year", "twenty"], "値 'twenty' は --fiscal-year <fiscal-year> には使えません"),
              (["case", "show"], "<number> がありません"),
          ])
    func argumentParserErrors(arguments: [String], gist: String) throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let ja = try ws.run(arguments)
        #expect(ja.status == 64, "\(ja)")
        #expect(ja.stderr.hasPrefix("エラー: "), "\(ja)")
        #expect(ja.stderr.contains(gist), "\(ja)")
        #expect(ja.stderr.contains("使い方: kasane "), "\(ja)")
        #expect(!ja.stderr.contains("Error:") && !ja.stderr.contains("Usage:"), "\(ja)")
        let en = try ws.run(arguments + ["--lang", "en"])
        #expect(en.status == 64, "\(en)")
        #expect(en.stderr.hasPrefix("Error: ") && en.stderr.contains("Usage: kasane "), "\(en)")
    }

    @Test("#13.3 a refused command prints 'エラー:' and the Japanese message, exit status 1; English with --lang en")
    func useCaseErrors() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let ja = try ws.run(["decide", "no-such-meeting", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1"])
        #expect(ja.status == 1, "\(ja)")
        #expect(ja.stderrLines == ["エラー: 会議 'no-such-meeting' はありません: `kasane meeting list` で会議の id を確かめてください"])
        let en = try ws.run(["decide", "no-such-meeting", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1", "--lang", "en"])
        #expect(en.status == 1, "\(en)")
        #expect(en.stderrLines == ["Error: no meeting 'no-such-meeting': see `kasane meeting list`"])
        let report = try ws.run(["report", "--fiscal-year", "1999"])
        #expect(report.status == 1 && report.stderr.contains("--fiscal-year 1999 は 2000〜2100 の範囲外です"), "\(report)")
    }

    @Test("#13 a birth date after today is refused by the core rule, in the reader's words, naming no person")
    func memberBornAfterToday() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let before = try dumpDatabase(ws.database)
        let args = ["case", "add-member", "R8-3", "--key", "m9", "--relation", "孫", "--name", "架空 次郎", "--born", "2026-11-27"]
        let ja = try ws.run(args)
        #expect(ja.status == 1, "\(ja)")
        #expect(ja.stderrLines == ["エラー: 事例 R8-3: 世帯員 'm9' の生年月日が今日 (2026-11-26) より後です: 正しい生年月日を書いてください"])
        #expect(!ja.stderr.contains("架空") && !ja.stderr.contains("2026-11-27"))
        let en = try ws.run(args + ["--lang", "en"])
        #expect(en.stderr.contains("case R8-3: member 'm9' has a birth date after today"), "\(en)")
        #expect(try dumpDatabase(ws.database) == before)
    }

    @Test("#13 case import: a member born after today is refused at its entry in the file, nothing imported")
    func importBornAfterToday() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        try ws.write("late.yaml", """
            cases:
              - {number: R9-1, opened: 2026-10-01, referred_by: shakyo, members: [{key: m1, relation: 本人, name: 試験 一郎}]}
              - {number: R9-2, opened: 2026-10-01, referred_by: shakyo, members: [{key: m1, relation: 本人, name: 試験 二郎, born: 2027-01-01}]}

            """)
        let before = try dumpDatabase(ws.database)
        let r = try ws.run(["case", "import", "late.yaml"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1 && r.stderr.hasPrefix("エラー: late.yaml:3"), "\(r)")
        #expect(r.stderr.contains("事例 R9-2: 世帯員 'm1' の生年月日が今日"), "\(r)")
        #expect(!r.stderr.contains("試験") && !r.stderr.contains("2027-01-01"), "\(r)")
        #expect(try dumpDatabase(ws.database) == before)
    }
}
