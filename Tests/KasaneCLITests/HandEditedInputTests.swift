import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Issue 12, the hand-edited half through the executable: a calendars folder that is missing,
/// unknown bodies, bad mailboxes and ids in old workspaces, invite writing nothing on failure,
/// duplicate flags, blank and control-character input.
@Suite("kasane against hand-edited input (#12)")
struct HandEditedInputTests {
    static let calendars = repositoryRoot.appendingPathComponent("calendars").path
    static let templates = repositoryRoot.appendingPathComponent("templates").path
    static let env = ["KASANE_CALENDARS": calendars, "KASANE_TEMPLATES": templates]

    /// The one-line error of a refused run, the database unchanged.
    @discardableResult
    func refused(_ ws: Workspace, _ arguments: [String], environment: [String: String] = [:],
                        gist: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try dumpDatabase(ws.database)
        let r = try ws.run(arguments, environment: environment)
        #expect(r.status != 0, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "\(r)", sourceLocation: sourceLocation)
        for g in gist { #expect(r.stderr.contains(g), "\(r)", sourceLocation: sourceLocation) }
        #expect(try dumpDatabase(ws.database) == before, "the database changed: \(r)", sourceLocation: sourceLocation)
        return r.stderr
    }

    /// Copies the shipped calendars folder into the workspace, with `edit` applied to jusou.ics.
    static func calendarsCopy(_ ws: Workspace, _ edit: (String) -> String = { $0 }) throws -> String {
        let folder = ws.path("my-calendars")
        try FileManager.default.copyItem(atPath: calendars, toPath: folder)
        let jusou = (folder as NSString).appendingPathComponent("jusou.ics")
        try edit(try String(contentsOfFile: jusou, encoding: .utf8)).write(toFile: jusou, atomically: true, encoding: .utf8)
        return folder
    }

    // MARK: - #12.3 calendars folder

    @Test("#12.3 a missing, mistyped, non-folder or empty calendars folder is an error naming the path")
    func calendarsFolderRequired() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, ["schedule"], environment: ["KASANE_CALENDARS": ws.path("calender")],
                    gist: ["calender", "KASANE_CALENDARS"])
        try refused(ws, ["schedule", "--calendars", ws.path("nowhere")], gist: ["nowhere", "--calendars"])
        try refused(ws, ["schedule"], gist: ["'calendars'", "--calendars DIR"])
        try ws.write("file.txt", "x")
        try refused(ws, ["schedule", "--calendars", ws.path("file.txt")], gist: ["file.txt", "フォルダーではありません"])
        try FileManager.default.createDirectory(atPath: ws.path("empty"), withIntermediateDirectories: true)
        try refused(ws, ["triggers", "--calendars", ws.path("empty")], gist: ["empty", "*.ics"])
        // Commands that do not need calendars are not affected.
        try ws.ok(["case", "list"])
        try ws.ok(["calendar", "holidays", "--year", "2027"])
        try ws.ok(["schedule"], environment: ["KASANE_CALENDARS": Self.calendars])
    }

    @Test("#12.3 serve stops at start when the calendars folder is missing, instead of failing every request")
    func serveNeedsCalendars() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let child = try Workspace.start(["serve", "--port", "0"], in: ws.folder,
                                        environment: ["KASANE_DB": ws.database, "KASANE_CALENDARS": ws.path("nowhere")])
        let deadline = Date().addingTimeInterval(15)
        while child.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if child.process.isRunning {
            child.process.terminate()
            child.process.waitUntilExit()
            Issue.record("serve started without a calendars folder")
        }
        let r = try child.finish()
        #expect(r.status != 0 && r.stderr.contains("nowhere") && r.stderr.contains("KASANE_CALENDARS"), "\(r)")
    }

    @Test("#12.5d an X-KASANE-BODIES id the registry does not know is refused naming the file and the known ids")
    func unknownBody() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let folder = try Self.calendarsCopy(ws) {
            $0.replacingOccurrences(of: "X-KASANE-BODIES:jusou-kaigi,shien-kaigi", with: "X-KASANE-BODIES:jusou-kaigi,shien-kaig")
        }
        try refused(ws, ["schedule", "--calendars", folder], gist: ["jusou.ics", "'shien-kaig'", "jusou-kaigi", "shien-kaigi"])
    }

    @Test("#12.1 a series with an overflowing capacity is refused, not a crash")
    func overflowingCapacity() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let folder = try Self.calendarsCopy(ws) {
            $0.replacingOccurrences(of: "X-KASANE-CAPACITY:4", with: "X-KASANE-CAPACITY:9223372036854775807")
        }
        try refused(ws, ["schedule", "--calendars", folder], gist: ["jusou.ics", "X-KASANE-CAPACITY", "1〜50"])
    }

    // MARK: - #12.6 mailboxes

    @Test("#12.6 registry import refuses mailboxes outside the one rule", arguments: [
        "h.teruya;x@city.example.jp", "a..b@x.jp", "<h>@a.jp",
    ])
    func importRefusesMailbox(mailbox: String) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let text = try String(contentsOfFile: Workspace.example("registry.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "mailbox: h.teruya@city.kasane.example.jp", with: "mailbox: '\(mailbox)'")
        try ws.write("reg.yaml", text)
        try refused(ws, ["registry", "import", "reg.yaml"], gist: ["reg.yaml:", "メールアドレスではありません"])
    }

    /// A demo workspace scheduled, in which one person's stored mailbox is made invalid (as a
    /// workspace written before the rule could hold): the person chosen attends some agencies'
    /// feeds but not all. Returns the agencies whose feeds hold the person.
    static func demoWithBadMailbox(_ ws: Workspace) throws -> (bad: Set<String>, all: Set<String>) {
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["feeds", "--out", "clean"], environment: env)
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.path("clean")).filter { $0.hasSuffix(".ics") }
        var holders: [String: Set<String>] = [:]
        for name in names {
            let text = try String(contentsOfFile: ws.path("clean/\(name)"), encoding: .utf8)
                .replacingOccurrences(of: "\r\n ", with: "")
            for part in text.components(separatedBy: "mailto:").dropFirst() {
                holders[String(part.prefix { !$0.isWhitespace && $0 != "\r" }), default: []].insert(String(name.dropLast(4)))
            }
        }
        let all = Set(names.map { String($0.dropLast(4)) })
        let (mailbox, agencies) = try #require(holders.filter { !$0.value.isEmpty && $0.value.count < all.count }
            .sorted { $0.key < $1.key }.first)
        try SQLiteFile.with(ws.database) { db in
            for table in ["person", "agency"] {
                _ = try db.rows("UPDATE \(table) SET mailbox = '\(mailbox.replacingOccurrences(of: "@", with: ";x@"))' "
                    + "WHERE mailbox = '\(mailbox)'")
            }
        }
        return (agencies, all)
    }

    @Test("#12.6 one bad stored mailbox fails only the feeds that hold it; the other agencies' feeds are written")
    func feedsPerAgency() throws {
        let ws = try Workspace()
        let (bad, all) = try Self.demoWithBadMailbox(ws)
        let r = try ws.run(["feeds", "--out", "after"], environment: Self.env)
        #expect(r.status != 0, "\(r)")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: ws.path("after")).map { String($0.dropLast(4)) })
        #expect(written == all.subtracting(bad), "\(r)")
        for agency in bad { #expect(r.stderr.contains(agency), "\(r)") }
        #expect(!r.stderr.contains("試験") && !r.stderr.contains("架空"), "no personal data")
    }

    @Test("#12.6 serve answers 500 only for the agency whose feed cannot be written", .timeLimit(.minutes(2)))
    func servePerAgency() async throws {
        let ws = try Workspace()
        let (bad, all) = try Self.demoWithBadMailbox(ws)
        let failing = try #require(bad.sorted().first), working = try #require(all.subtracting(bad).sorted().first)
        func path(_ agency: String) throws -> String {
            let issued = try #require(try ws.ok(["feed-token", "issue", agency, "--json"]).json() as? [String: Any])
            return try #require((issued["url"] as? String).flatMap(URL.init(string:))?.path)
        }
        let failingPath = try path(failing), workingPath = try path(working)
        let server = try Workspace.start(["serve", "--port", "0"], in: ws.folder,
                                         environment: Self.env.merging(["KASANE_DB": ws.database, "KASANE_TODAY": ws.today]) { _, n in n })
        defer { if server.process.isRunning { server.process.terminate() } }
        func status(_ u: URL) async throws -> Int {
            let (_, response) = try await URLSession.shared.data(from: u)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        let port = try #require(server.listeningPort(), "the server did not say where it listens")
        let failingURL = try #require(URL(string: "http://127.0.0.1:\(port)\(failingPath)"))
        let workingURL = try #require(URL(string: "http://127.0.0.1:\(port)\(workingPath)"))
        let first = try? await status(workingURL)
        #expect(first == 200)
        #expect(try await status(failingURL) == 500)
        #expect(try await status(workingURL) == 200)
        server.process.terminate()
        server.process.waitUntilExit()
        let result = try server.finish()
        #expect(!result.stderr.contains(";x@"), "the log names the agency, not the address: \(result.stderr)")
    }

    // MARK: - #12.7 paths and invite

    @Test("#12.7 invite never writes outside --out, whatever the stored ids: an unsafe id writes nothing")
    func inviteOutside() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: Self.env)
        try SQLiteFile.with(ws.database) { db in
            _ = try db.rows("PRAGMA foreign_keys = OFF")
            for table in ["person SET id", "body_member SET person_id", "deputy SET person_id"] {
                let column = table.split(separator: " ").last!
                _ = try db.rows("UPDATE \(table) = '..' WHERE \(column) = 'p-city-1'")
            }
        }
        try FileManager.default.createDirectory(atPath: ws.path("sub"), withIntermediateDirectories: true)
        try refused(ws, ["invite", "--out", "sub/inv"], environment: Self.env, gist: ["'..'", "person id"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path("sub")).isEmpty, "nothing written")
    }

    @Test("#12.7 invite outside the repository folder fails on the template before writing any file")
    func inviteTemplateFirst() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: Self.env)
        let r = try ws.run(["invite", "--out", "inv"], environment: ["KASANE_CALENDARS": Self.calendars])
        #expect(r.status != 0, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("inv")), "nothing written: \(r)")
        // And with the templates, the same run writes its files.
        try ws.ok(["invite", "--out", "inv"], environment: Self.env)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: ws.path("inv")).isEmpty)
    }

    @Test("#12.7 a CLI id that is unsafe as a file name is refused", arguments: [
        ["case", "open", "R9-1", "--referred-by", "..", "--on", "2026-11-01"],
        ["case", "involve", "R8-3", ".hidden"],
    ])
    func cliIDs(arguments: [String]) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, arguments, gist: ["id として使えません"])
    }

    // MARK: - minor points

    @Test("#12 minor: a single-value option given twice is refused; repeatable ones still repeat", arguments: [
        (["case", "open", "R9-1", "--referred-by", "shakyo", "--on", "2026-11-01", "--on", "2026-11-02"], "--on"),
        (["case", "open", "R9-1", "--referred-by", "shakyo", "--referred-by=minsei"], "--referred-by"),
        (["case", "list", "--db", "a.sqlite", "--db", "b.sqlite"], "--db"),
        (["feed-token", "issue", "shakyo", "--base-url", "https://a.example.jp", "--base-url", "https://b.example.jp"],
         "--base-url"),
    ])
    func duplicateOptions(arguments: [String], flag: String) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, arguments, gist: ["\(flag) が2回"])
        try ws.ok(["case", "open", "R9-2", "--referred-by", "shakyo", "--field", "高齢", "--field", "包括"])
    }

    @Test("#12 minor: blank --form / --relation / --name and control characters in typed text are refused", arguments: [
        (["consent", "grant", "R8-3", "--member", "m1", "--field", "高齢", "--form", ""], "--form"),
        (["consent", "grant", "R8-3", "--member", "m1", "--field", "高齢", "--form", "  "], "--form"),
        (["case", "add-member", "R8-3", "--key", "m2", "--relation", "", "--name", "試験 次子"], "--relation"),
        (["case", "add-member", "R8-3", "--key", "m2", "--relation", "母", "--name", "試験\u{1B}[2J次子"], "--name"),
        (["case", "add-member", "R8-3", "--key", "m2", "--relation", "母", "--name", "試験 次子", "--address", "a\u{07}b"],
         "--address"),
    ])
    func blankAndControl(arguments: [String], flag: String) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, arguments, gist: [flag])
    }

    @Test("#12 minor: a second principal member (本人) is refused")
    func secondPrincipal() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, ["case", "add-member", "R8-1", "--key", "m2", "--relation", "母", "--principal", "--name", "試験 次子"],
                    gist: ["case R8-1", "本人", "'m1'"])
        try ws.ok(["case", "add-member", "R8-1", "--key", "m2", "--relation", "母", "--name", "試験 次子"])
    }

    @Test("#12 minor: case show never prints raw terminal escapes held in a stored name")
    func caseShowSanitises() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try SQLiteFile.with(ws.database) { db in
            _ = try db.rows("UPDATE household_member SET name = '架空' || char(27) || '[2J' || char(7) || 'ハナ' WHERE key = 'm1'")
        }
        let shown = try ws.ok(["case", "show", "R8-1"]).stdout
        #expect(shown.contains("架空\u{FFFD}[2J\u{FFFD}ハナ"), "\(shown)")
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test("#12 minor: feed-token --base-url takes only absolute http(s) URLs; nothing is issued otherwise", arguments: [
        "", "javascript:alert(1)", "https://a.example.jp\r\nX-Injected: 1", "https://a b.example.jp", "feeds.example.jp",
    ])
    func baseURL(url: String) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try refused(ws, ["feed-token", "issue", "shakyo", "--base-url", url], gist: ["--base-url"])
        try refused(ws, ["feed-token", "rotate", "shakyo", "--base-url", url], gist: ["--base-url"])
    }
}
