import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 12, points 9–11 through the CLI: readers and writers, file permissions, the keyed chain.
@Suite("Workspace safety through the CLI (#12.9–#12.11)")
struct WorkspaceSafetyTests {
    let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
               "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]

    @Test("#12.9 case list answers at once while another process writes; a writer says another Kasane command is writing")
    func readersDoNotWait() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try SQLiteFile.with(ws.database) { db in
            _ = try db.rows("BEGIN IMMEDIATE")
            let start = Date()
            let list = try ws.run(["case", "list"])
            #expect(list.status == 0, "\(list)")
            #expect(list.stdout.contains("R8-1"))
            #expect(Date().timeIntervalSince(start) < 3, "case list waited for the writer")
            let write = try ws.run(["case", "open", "R8-9", "--referred-by", "minsei", "--field", "高齢"],
                                   environment: ["KASANE_BUSY_TIMEOUT": "1"])
            #expect(write.status != 0)
            #expect(write.stderr.contains("別の Kasane コマンド"), "\(write)")
            #expect(!write.stderr.contains("check the path"), "\(write)")
            _ = try db.rows("ROLLBACK")
        }
        try ws.ok(["case", "open", "R8-9", "--referred-by", "minsei", "--field", "高齢"])
    }

    static let refusingCommands: [[String]] = [
        ["case", "list"], ["case", "show", "R8-1"], ["agency", "list"], ["triggers"], ["meeting", "list"], ["verify"],
        ["report", "--fiscal-year", "2026"], ["audit", "feeds"], ["feed-token", "list"], ["agenda", "jusou-2026-12-09"],
        ["schedule"], ["feed-token", "revoke", "kodomo"], ["consent", "withdraw", "R8-1", "--member", "m1"],
    ]

    @Test("#12.9 a mistyped --db is refused with the path and how to create a workspace; no file is created",
          arguments: refusingCommands)
    func mistypedDatabase(arguments: [String]) throws {
        let ws = try Workspace()
        try ws.loadFixture()
        let typo = ws.path("kasnae.sqlite")
        let r = try ws.run(arguments + ["--db", typo], environment: env)
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains(typo) && r.stderr.contains("kasane registry import"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(!FileManager.default.fileExists(atPath: typo + ".key"))
    }

    @Test("#12.10 under umask 022 every file Kasane writes is 0600 and every folder 0700")
    func permissions() async throws {
        let ws = try Workspace()
        // The usual umask of a shell (the tests' own is set here, since a child inherits it).
        let old = umask(0o022)
        defer { umask(old) }
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "out/invitations"], environment: env)
        try ws.ok(["feeds", "--out", "out/feeds"], environment: env)
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: env).json() as? [[String: Any]])
        let meeting = try #require(meetings.first?["id"] as? String)
        try ws.ok(["agenda", meeting, "--all", "--out-dir", "out/documents"], environment: env)
        try ws.ok(["minutes", meeting, "--all", "--format", "html", "--out-dir", "out/documents"], environment: env)
        // While a server holds the workspace open, its -wal and -shm exist.
        let server = try Workspace.start(["serve", "--port", "0"], in: ws.folder,
                                         environment: env.merging(["KASANE_DB": ws.database]) { _, new in new })
        defer { if server.process.isRunning { server.process.terminate() } }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: ws.database + "-shm") {
            try await Task.sleep(for: .milliseconds(50))
        }
        var checked: Set<String> = []
        func check(_ path: String, file: Bool) throws {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = try #require(attributes[.posixPermissions] as? Int)
            #expect(mode == (file ? 0o600 : 0o700), "\(path): \(String(mode, radix: 8))")
            checked.insert((path as NSString).lastPathComponent)
        }
        for suffix in ["", "-wal", "-shm", ".key"] {
            #expect(FileManager.default.fileExists(atPath: ws.database + suffix), "no \(ws.database + suffix)")
            try check(ws.database + suffix, file: true)
        }
        server.process.terminate()
        server.process.waitUntilExit()
        let out = ws.folder.appendingPathComponent("out").path
        try check(out, file: false)
        for name in FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? [] {
            var isDirectory: ObjCBool = false
            let path = (out as NSString).appendingPathComponent(name)
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            try check(path, file: !isDirectory.boolValue)
        }
        #expect(checked.contains { $0.hasSuffix(".eml") } && checked.contains { $0.hasSuffix("-master.md") }
                && checked.contains { $0.hasSuffix(".ics") } && checked.contains("invitations"), "\(checked.sorted())")
    }

    /// The forger of the issue: rewrites a consent of case R8-1 to cover every field, then
    /// recomputes the SHA-256 chain from that event on, with the standard library only.
    static let forger = """
        import hashlib, json, sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        db.execute("DROP TRIGGER case_event_no_update")
        cid, seq = db.execute("SELECT e.case_id, min(e.seq) FROM case_event e JOIN case_file c ON c.id = e.case_id "
                              "WHERE c.number = 'R8-1' AND e.kind = 'consent_granted'").fetchone()
        (payload,) = db.execute("SELECT payload FROM case_event WHERE case_id = ? AND seq = ?", (cid, seq)).fetchone()
        p = json.loads(payload)
        p["scope"]["fields"] = ["高齢", "障がい", "子ども", "困窮", "生活保護", "保健・医療", "教育", "住宅", "環境", "就労", "司法", "地域", "包括"]
        db.execute("UPDATE case_event SET payload = ? WHERE case_id = ? AND seq = ?",
                   (json.dumps(p, ensure_ascii=False, separators=(",", ":"), sort_keys=True), cid, seq))
        (prev,) = db.execute("SELECT hash FROM case_event WHERE case_id = ? AND seq = ?", (cid, seq - 1)).fetchone()
        for s, kind, pl, at in db.execute("SELECT seq, kind, payload, recorded_at FROM case_event "
                                          "WHERE case_id = ? AND seq >= ? ORDER BY seq", (cid, seq)).fetchall():
            prev = hashlib.sha256("\\n".join([prev, "R8-1", str(s), kind, pl, at]).encode()).hexdigest()
            db.execute("UPDATE case_event SET hash = ? WHERE case_id = ? AND seq = ?", (prev, cid, s))
        db.commit()
        print(seq)
        """

    @Test("#12.11 a forger who widens a consent and recomputes the SHA-256 chain is caught by verify")
    func forgedConsent() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
        let seq = try runPython(["-c", Self.forger, ws.database]).trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try ws.run(["verify"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.contains("破損 事例 R8-1: 出来事 #\(seq)"), "\(r)")
    }

    @Test("#12.11 verify without the key file says so in Japanese and names the file; it reports nothing broken")
    func missingKey() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try FileManager.default.moveItem(atPath: ws.database + ".key", toPath: ws.path("elsewhere.key"))
        let r = try ws.run(["verify"])
        #expect(r.status != 0 && r.status != 2, "\(r)")
        #expect(r.stderr.contains(ws.database + ".key") && r.stderr.contains("鍵ファイル"), "\(r)")
        #expect(!r.stdout.contains("破損") && !r.stdout.contains("壊れた連鎖 0"), "\(r)")
        // Named by --chain-key (or KASANE_CHAIN_KEY), it is found again.
        #expect(try ws.ok(["verify", "--chain-key", ws.path("elsewhere.key")]).stdout.contains("壊れた連鎖 0 件"))
        #expect(try ws.ok(["verify"], environment: ["KASANE_CHAIN_KEY": ws.path("elsewhere.key")]).stdout
            .contains("壊れた連鎖 0 件"))
    }

    @Test("#12.11, R20: the minutes print each decided case's chain at the meeting's last decision, which later events leave as it is")
    func minutesChainHeads() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: env).json() as? [[String: Any]])
        let first = try #require(meetings.first { ($0["items"] as? [String])?.contains("R8-1#4") == true })
        let meeting = try #require(first["id"] as? String), day = try #require(first["date"] as? String)
        let onDay = env.merging(["KASANE_TODAY": day]) { _, new in new }
        // Undecided: nothing recorded at the meeting to anchor.
        #expect(!(try ws.ok(["minutes", meeting], environment: onDay).stdout.contains("## 記録の照合値")))
        try ws.ok(["decide", meeting, "R8-1#4", "--outcome", "プラン承認", "--by", "p-shakyo-1"], environment: onDay)
        let head = try SQLiteFile.with(ws.database) { db in
            try db.rows("""
                SELECT e.seq, substr(e.hash, 1, 16) FROM case_event e JOIN case_file c ON c.id = e.case_id
                WHERE c.number = 'R8-1' ORDER BY e.seq DESC LIMIT 1
                """).first
        }
        let minutes = try ws.ok(["minutes", meeting], environment: onDay).stdout
        let line = "- R8-1: 記録 #\(head?[0] ?? "?") \(head?[1] ?? "?")"
        #expect(minutes.contains("## 記録の照合値") && minutes.contains(line), "\(line) not in the minutes")
        let printed = minutes.components(separatedBy: "## 記録の照合値").last ?? ""
        #expect(printed.components(separatedBy: "\n- ").count - 1 == 1)
        // A later event moves the chain on; the minutes still print the chain at the decision.
        try ws.ok(["contact", "log", "R8-1", "--on", day, "--method", "電話", "--reached"], environment: onDay)
        #expect(try ws.ok(["minutes", meeting], environment: onDay).stdout == minutes)
    }
}
