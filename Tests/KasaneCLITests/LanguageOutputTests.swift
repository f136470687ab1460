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
