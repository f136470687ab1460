import Foundation
import Testing

/// #13.3: the CLI speaks Japanese by default; `--lang en` and `KASANE_LANG=en` give the English,
/// for the printed lines and for the errors of the application and the store.
@Suite("CLI language (#13.3)")
struct LanguageOutputTests {
    let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path]

    @Test("schedule and meeting list: Japanese by default, English with --lang en")
    func scheduleWords() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let ja = try ws.ok(["schedule"], environment: env).stdout
        #expect(ja.hasPrefix("議題: 追加 "), "\(ja)")
        #expect(ja.contains("期限 "), "\(ja)")
        let again = try ws.ok(["schedule", "--lang", "en"], environment: env).stdout
        #expect(again.hasPrefix("schedule unchanged"), "\(again)")
        let jaAgain = try ws.ok(["schedule"], environment: env).stdout
        #expect(jaAgain.hasPrefix("保存した予定に変更はありません"), "\(jaAgain)")
        let headings = try ws.ok(["meeting", "list"], environment: env).stdout.split(separator: "\n").first ?? ""
        #expect(headings.hasPrefix("会議") && headings.contains("状態"), "\(headings)")
        let english = try ws.ok(["meeting", "list", "--lang=en"], environment: env).stdout.split(separator: "\n").first ?? ""
        #expect(english.hasPrefix("meeting") && english.contains("state"), "\(english)")
    }

    @Test("#13.3 meeting list and meeting show: Japanese headings, roles and labels by default, English with --lang en; --json keeps the iCalendar role")
    func meetingWords() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: env)
        func firstLine(_ args: [String]) throws -> String {
            String(try ws.ok(args, environment: env).stdout.split(separator: "\n").first ?? "")
        }
        let ja = try firstLine(["meeting", "list"]).split(separator: " ").map(String.init)
        #expect(ja == ["会議", "日付", "時間", "種類", "状態", "名称", "議題"], "\(ja)")
        let en = try firstLine(["meeting", "list", "--lang", "en"]).split(separator: " ").map(String.init)
        #expect(en == ["meeting", "date", "time", "kind", "state", "title", "items"], "\(en)")

        let show = try ws.ok(["meeting", "show", "jusou-2026-12-09"], environment: env).stdout
        #expect(show.contains("\n議題 1  14:00–14:30  R8-1  ") && show.contains("  期限 2026-12-10"), "\(show)")
        #expect(show.contains(") 議長 — ") && show.contains(") 出席（必須） — "), "\(show)")
        #expect(show.contains("  + 本人（世帯員 m1） — 本人のためになるので出席します (R14)"), "\(show)")
        for english in ["item 1", "due ", "CHAIR", "REQ-PARTICIPANT", "member m1", "placed:"] {
            #expect(!show.contains(english), "\(english) in \(show)")
        }
        let showEn = try ws.ok(["meeting", "show", "jusou-2026-12-09", "--lang", "en"], environment: env).stdout
        #expect(showEn.contains("\nitem 1  14:00–14:30  R8-1  ") && showEn.contains("  due 2026-12-10"), "\(showEn)")
        #expect(showEn.contains(") CHAIR — ") && showEn.contains(") REQ-PARTICIPANT — "), "\(showEn)")
        #expect(showEn.contains("  + 本人 (member m1) — attends because it helps them (R14)"), "\(showEn)")

        let json = try ws.ok(["meeting", "show", "jusou-2026-12-09", "--json"], environment: env).stdout
        #expect(json.contains("\"CHAIR\"") && json.contains("\"REQ-PARTICIPANT\"") && !json.contains("出席（必須）"), "\(json)")
    }

    @Test("#13.3 help is Japanese: the commands' texts, the shared options and ArgumentParser's headings; --lang en keeps the English headings",
          arguments: [["schedule", "--help"], ["help", "meeting"], ["serve", "--help"], ["feed-token", "issue", "--help"],
                      ["invite", "--help"], ["calendar", "holidays", "--help"], ["audit", "feeds", "--help"]])
    func helpWords(_ arguments: [String]) throws {
        let ws = try Workspace()
        let help = try ws.ok(arguments).stdout
        #expect(help.hasPrefix("概要: ") && help.contains("使い方: kasane ") && help.contains("ヘルプを表示します。"), "\(help)")
        for english in ["OVERVIEW", "USAGE", "OPTIONS", "Print JSON", "Show help information", "The workspace database",
                        "The meeting id", "The agency id", "(default:", "for detailed help"] {
            #expect(!help.contains(english), "\(english) in \(help)")
        }
        let en = try ws.ok(arguments + ["--lang", "en"]).stdout
        #expect(en.hasPrefix("OVERVIEW: ") && en.contains("USAGE: kasane "), "\(en)")
    }

    @Test("a store error and an application error follow KASANE_LANG; the flag wins over the environment")
    func errorWords() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let ja = try ws.run(["meeting", "show", "nowhere-2026-01-01"], environment: env)
        #expect(ja.status != 0 && ja.stderr.contains("会議 'nowhere-2026-01-01' はありません"), "\(ja)")
        let en = try ws.run(["meeting", "show", "nowhere-2026-01-01"], environment: env.merging(["KASANE_LANG": "en"]) { $1 })
        #expect(en.status != 0 && en.stderr.contains("no meeting 'nowhere-2026-01-01'"), "\(en)")
        let missing = try ws.run(["contact", "log", "R9-99", "--method", "訪問", "--reached"],
                                 environment: ["KASANE_LANG": "en"])
        #expect(missing.status != 0 && missing.stderr.contains("case R9-99 does not exist"), "\(missing)")
        let flagWins = try ws.run(["contact", "log", "R9-99", "--method", "訪問", "--reached", "--lang", "ja"],
                                  environment: ["KASANE_LANG": "en"])
        #expect(flagWins.stderr.contains("事例 R9-99 はありません"), "\(flagWins)")
        let badDay = try ws.run(["schedule", "--today", "2026-02-30", "--lang", "en"], environment: env)
        #expect(badDay.status != 0 && badDay.stderr.contains("--today '2026-02-30' is not a real date"), "\(badDay)")
        let badDayJa = try ws.run(["schedule", "--today", "2026-02-30"], environment: env)
        #expect(badDayJa.stderr.contains("--today '2026-02-30' は実在する日付ではありません"), "\(badDayJa)")
    }
}
