import Foundation
import Testing

@Suite("kasane staff and kasane console (#15)")
struct StaffCommandTests {
    @Test("#15 staff add: the password comes from a file, only its bcrypt hash is stored; list shows the role, never the password")
    func addAndList() throws {
        let w = try Workspace()
        try w.loadDemo()
        let file = try w.write("password.txt", "correct horse battery\n")
        let added = try w.ok(["staff", "add", "p-city-1", "--role", "事務局", "--password-file", file])
        #expect(added.stdout.contains("アカウント p-city-1（事務局）を追加しました"))
        let list = try w.ok(["staff", "list"])
        #expect(list.stdout.contains("p-city-1"))
        #expect(list.stdout.contains("事務局"))
        #expect(!list.stdout.contains("correct horse"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: w.database))
        #expect(bytes.range(of: Data("correct horse battery".utf8)) == nil)
    }

    @Test("#15 staff add: no password on standard input, a short one, a duplicate and an unknown role are refused in Japanese")
    func refusals() throws {
        let w = try Workspace()
        try w.loadDemo()
        let empty = try w.run(["staff", "add", "a1", "--role", "閲覧"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("パスワードがありません"))
        let short = try w.run(["staff", "add", "a1", "--role", "閲覧", "--password-file", try w.write("p", "short\n")])
        #expect(short.status == 1)
        #expect(short.stderr.contains("12 文字以上"))
        let role = try w.run(["staff", "add", "a1", "--role", "admin", "--password-file", try w.write("q", "long enough password\n")])
        #expect(role.status == 1)
        #expect(role.stderr.contains("--role"))
        try w.ok(["staff", "add", "a1", "--role", "閲覧", "--password-file", w.path("q")])
        let twice = try w.run(["staff", "add", "a1", "--role", "閲覧", "--password-file", w.path("q")])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("アカウント a1 はもうあります"))
        let flag = try w.run(["staff", "add", "a2", "--role", "閲覧", "--password", "on the command line"])
        #expect(flag.status == 64)
    }

    @Test("#15 staff disable and reset; a missing account is named in Japanese")
    func disableReset() throws {
        let w = try Workspace()
        try w.loadDemo()
        let file = try w.write("p", "long enough password\n")
        try w.ok(["staff", "add", "a1", "--role", "議長", "--password-file", file])
        try w.ok(["staff", "disable", "a1"])
        #expect(try w.ok(["staff", "list"]).stdout.contains("停止"))
        try w.ok(["staff", "reset", "a1", "--password-file", file])
        #expect(try w.ok(["staff", "list"]).stdout.contains("有効"))
        let missing = try w.run(["staff", "disable", "nobody"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("アカウント nobody はありません"))
    }

    @Test("#15 console: a missing templates folder stops it at start, in Japanese")
    func consoleTemplates() throws {
        let w = try Workspace()
        try w.loadDemo()
        let r = try w.run(["console", "--templates", w.path("nowhere"), "--calendars", Workspace.example("../calendars")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("テンプレートのフォルダ"))
    }

    /// Wrong SMTP options for the console, and the words that name them (the same group as `invite`).
    static let badSMTP: [(arguments: [String], words: String)] = [
        (["--smtp", "localhost"], "--smtp 'localhost' は HOST:PORT の形で指定してください"),
        (["--smtp", "127.0.0.1:2525", "--smtp-security", "ssl"], "--smtp-security"),
        (["--smtp", "127.0.0.1:2525", "--smtp-user", "u"], "--smtp-user は --smtp-security starttls か tls と一緒に"),
        (["--smtp", "127.0.0.1:2525", "--smtp-security", "starttls", "--smtp-user", "u", "--smtp-password-file", "open-password"],
         "--smtp-password-file open-password:"),
        (["--smtp", "127.0.0.1:2525", "--smtp-auth", "plain"], "--smtp-auth は --smtp-user と一緒に指定してください"),
        (["--smtp-user", "u"], "--smtp-user は --smtp HOST:PORT と一緒に指定してください"),
    ]

    /// A console that started would listen until stopped: the missing templates folder stops it at
    /// start all the same, so a check that did not run shows as the templates' message, not a hang.
    @Test("#15 console: wrong SMTP options stop it before it listens, named in Japanese", arguments: badSMTP)
    func consoleSMTPOptions(_ bad: (arguments: [String], words: String)) throws {
        let w = try Workspace()
        try w.loadDemo()
        let file = try w.write("open-password", "secret\n")
        #expect(chmod(file, 0o644) == 0)
        let r = try w.run(["console", "--templates", w.path("nowhere"), "--calendars", Workspace.example("../calendars")]
                          + bad.arguments)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains(bad.words), "\(r)")
        #expect(!r.stderr.contains("テンプレートのフォルダ"), "\(r)")
        #expect(!r.stdout.contains("で開いています"), "\(r)")
    }

    @Test("#15 invite takes the same SMTP options: --smtp-user without --smtp is refused, nothing written")
    func inviteSMTPWithoutRelay() throws {
        let w = try Workspace()
        try w.loadDemo()
        let r = try w.run(["invite", "--out", "inv", "--smtp-user", "u"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("--smtp-user は --smtp HOST:PORT と一緒に指定してください"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: w.path("inv")))
    }
}
