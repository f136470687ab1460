import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Whether the PostgreSQL test cluster is there (or required: then a missing one fails).
enum PostgresCluster {
    static let environment = ProcessInfo.processInfo.environment
    static var runs: Bool { environment["KASANE_TEST_PG_APP_URL"] != nil || environment["KASANE_REQUIRE_POSTGRES"] == "1" }
}

/// The commands on PostgreSQL tenants (issue 16), through the `kasane` executable: the throw-away
/// cluster of `scripts/run-tests.sh` (URLs in the environment; skipped with a note without one,
/// except under `KASANE_REQUIRE_POSTGRES=1`).
@Suite("kasane on PostgreSQL tenants (#16)",
       .enabled(if: PostgresCluster.runs, "no PostgreSQL test cluster: run `make test` (scripts/run-tests.sh starts one)"))
struct PostgresCLITests {
    let owner = PostgresCluster.environment["KASANE_TEST_PG_OWNER_URL"] ?? ""
    let app = PostgresCluster.environment["KASANE_TEST_PG_APP_URL"] ?? ""
    let calendars = repositoryRoot.appendingPathComponent("calendars").path

    /// A new tenant, added through `kasane tenant add` as the owner.
    func addTenant(_ ws: Workspace) throws -> String {
        let id = "c-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let added = try ws.ok(["tenant", "add", id, "--name", "架空市", "--db", owner])
        #expect(added.stdout.contains("--tenant \(id)"))
        return id
    }

    /// The environment of a command of tenant `id` (the app role's URL, chain key `ID.key` in the folder).
    func env(_ id: String) -> [String: String] {
        ["KASANE_DB": app, "KASANE_TENANT": id, "KASANE_CALENDARS": calendars, "KASANE_TODAY": "2026-11-26"]
    }

    func caseNumbers(_ ws: Workspace, _ id: String) throws -> [String] {
        let rows = try #require(try ws.ok(["case", "list", "--json"], environment: env(id)).json() as? [[String: Any]])
        return rows.compactMap { $0["number"] as? String }.sorted()
    }

    @Test("#16.2: two tenants get the demo each, see only their own cases, and both verify")
    func twoTenants() throws {
        let ws = try Workspace()
        let a = try addTenant(ws), b = try addTenant(ws)
        for id in [a, b] {
            try ws.ok(["registry", "import", Workspace.example("registry.yaml")], environment: env(id))
            try ws.ok(["case", "import", Workspace.example("cases.yaml")], environment: env(id))
        }
        try ws.ok(["case", "open", "R9-1", "--on", "2026-10-01", "--referred-by", "houkatsu-chuo", "--field", "高齢",
                   "--agency", "houkatsu-chuo"], environment: env(a))
        let inB = try caseNumbers(ws, b)
        #expect(!inB.isEmpty)
        #expect(try caseNumbers(ws, a) == (inB + ["R9-1"]).sorted())
        #expect(try ws.run(["case", "show", "R9-1"], environment: env(b)).status != 0)
        for id in [a, b] {
            let verified = try ws.ok(["verify"], environment: env(id))
            #expect(verified.stdout.contains("壊れた連鎖 0 件"), "\(verified)")
        }
        let list = try ws.ok(["tenant", "list", "--db", owner]).stdout
        #expect(list.contains(a) && list.contains(b))
    }

    @Test("#16.2: a command on PostgreSQL without a tenant, or with an unknown one, is refused in Japanese")
    func tenantRequired() throws {
        let ws = try Workspace()
        _ = try addTenant(ws)  // the schema is there (a fresh cluster has none until a first `tenant add`)
        let none = try ws.run(["case", "list"], environment: ["KASANE_DB": app])
        #expect(none.status != 0)
        #expect(none.stderr.contains("--tenant"), "\(none)")
        let unknown = try ws.run(["case", "list", "--tenant", "no-such-city"], environment: ["KASANE_DB": app])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("テナント 'no-such-city' はありません"), "\(unknown)")
        let password = try ws.run(["case", "list", "--tenant", "x"],
                                  environment: ["KASANE_DB": app.replacingOccurrences(of: "kasane_app@", with: "kasane_app:secret@")])
        #expect(password.status != 0)
        #expect(!password.stderr.contains("secret"), "a password in the URL is never printed: \(password)")
    }

    @Test("#16.5: SQLite → tenant → SQLite keeps every row and chain byte for byte; verify passes on each side")
    func moveAMunicipality() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: ["KASANE_CALENDARS": calendars])
        try ws.ok(["workspace", "export", "from-sqlite.json"])
        let key = ws.database + ".key"
        let id = try addTenant(ws)
        var e = env(id)
        e["KASANE_CHAIN_KEY"] = key
        let refused = try ws.run(["workspace", "import", "from-sqlite.json"], environment: env(id).merging(["KASANE_CHAIN_KEY": ws.path("other.key")]) { _, n in n })
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("鍵"), "\(refused)")
        // The refused import created the other key for the tenant: a second tenant takes the source's key.
        let tenant = try addTenant(ws)
        e = env(tenant)
        e["KASANE_CHAIN_KEY"] = key
        try ws.ok(["workspace", "import", "from-sqlite.json"], environment: e)
        try ws.ok(["workspace", "export", "from-tenant.json"], environment: e)
        let first = try String(contentsOfFile: ws.path("from-sqlite.json"), encoding: .utf8)
        let second = try String(contentsOfFile: ws.path("from-tenant.json"), encoding: .utf8)
        #expect(first == second, "the tenant holds the same rows, byte for byte")
        #expect(first.contains("case_event") && !first.isEmpty)
        #expect(try ws.ok(["verify"], environment: e).stdout.contains("壊れた連鎖 0 件"))
        #expect(try ws.run(["workspace", "import", "from-sqlite.json"], environment: e).status != 0, "only into an empty workspace")
        let back = ws.path("back.sqlite")
        try ws.ok(["workspace", "import", "from-tenant.json", "--db", back, "--chain-key", key])
        try ws.ok(["workspace", "export", "back.json", "--db", back, "--chain-key", key])
        #expect(try String(contentsOfFile: ws.path("back.json"), encoding: .utf8) == first)
        #expect(try ws.ok(["verify", "--db", back, "--chain-key", key]).stdout.contains("壊れた連鎖 0 件"))
        #expect(try ws.ok(["case", "list", "--json"], environment: e).stdout
                == (try ws.ok(["case", "list", "--json"]).stdout))
    }

    func get(_ url: URL) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Opens case `number` with a member, a consent and a 多機関協働 plan, and schedules it: one
    /// more item in houkatsu-chuo's feed.
    static func openScheduledCase(_ ws: Workspace, _ number: String, environment e: [String: String]) throws {
        try ws.ok(["case", "open", number, "--on", "2026-10-01", "--referred-by", "houkatsu-chuo", "--field", "高齢",
                   "--agency", "houkatsu-chuo"], environment: e)
        try ws.ok(["case", "add-member", number, "--key", "m1", "--relation", "本人", "--principal", "--name", "試験 花子"],
                  environment: e)
        try ws.ok(["consent", "grant", number, "--member", "m1", "--on", "2026-10-05", "--field", "高齢", "--field", "包括",
                   "--form", "F-1"], environment: e)
        try ws.ok(["plan", "draft", number, "--kind", "多機関協働", "--on", "2026-11-10",
                   "--service", "houkatsu-chuo:介護サービス調整"], environment: e)
        try ws.ok(["schedule"], environment: e)
    }

    /// Issues houkatsu-chuo's feed token; returns the feed's path (`/feeds/TOKEN.ics`).
    static func issueFeedPath(_ ws: Workspace, environment e: [String: String]) throws -> String {
        let issued = try #require(try ws.ok(["feed-token", "issue", "houkatsu-chuo", "--base-url", "http://127.0.0.1:1",
                                             "--json"], environment: e).json() as? [String: Any])
        return try #require((issued["url"] as? String).flatMap(URL.init(string:))?.path)
    }

    @Test("#16.3: two serve processes on one database both show a change made through the CLI (a new case, a decide, a revocation) on the next request")
    func twoServers() async throws {
        let ws = try Workspace()
        let id = try addTenant(ws)
        let e = env(id)
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")], environment: e)
        func openCase(_ number: String) throws { try Self.openScheduledCase(ws, number, environment: e) }
        try openCase("R9-1")
        let path = try Self.issueFeedPath(ws, environment: e)
        // Two servers on port 0, each read from what it says once bound (#13.6).
        let servers = try (0..<2).map { _ in try Workspace.start(["serve", "--port", "0"], in: ws.folder, environment: e) }
        defer { for s in servers where s.process.isRunning { s.process.terminate() } }
        let ports = try servers.map { try #require($0.listeningPort(), "a server did not say where it listens") }
        #expect(Set(ports).count == 2)
        let feeds = ports.map { URL(string: "http://127.0.0.1:\($0)\(path)")! }
        for feed in feeds {
            let first = try await get(feed)
            #expect(first.status == 200)
            #expect(first.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        }
        try openCase("R9-2")
        for feed in feeds {
            let after = try await get(feed)
            #expect(after.status == 200)
            #expect(after.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2, "\(feed)")
            #expect(!after.body.contains("試験"))
        }
        // A decision recorded through the CLI (on the meeting's day) changes R9-1's item from プラン策定時
        // to what is left to do: both servers show it on their next request.
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: e).json() as? [[String: Any]])
        let meeting = try #require(meetings.first { ($0["items"] as? [String])?.contains { $0.hasPrefix("R9-1#") } == true })
        let item = try #require((meeting["items"] as? [String])?.first { $0.hasPrefix("R9-1#") })
        let before = try await get(feeds[0]).body
        #expect(before.contains("SUMMARY:重層的支援会議 R9-1 プラン策定時"), "\(before)")
        try ws.ok(["decide", "\(meeting["id"] ?? "")", item, "--outcome", "プラン承認", "--by", "p-shakyo-1"],
                  environment: e.merging(["KASANE_TODAY": "\(meeting["date"] ?? "")"]) { _, new in new })
        for feed in feeds {
            let after = try await get(feed)
            #expect(after.status == 200)
            #expect(!after.body.contains("SUMMARY:重層的支援会議 R9-1 プラン策定時") && after.body != before,
                    "the decision shows on \(feed) on the next request")
        }
        try ws.ok(["feed-token", "revoke", "houkatsu-chuo"], environment: e)
        for feed in feeds { #expect(try await get(feed).status == 404, "a revocation reaches every server") }
        for s in servers {
            s.process.terminate()
            #expect(s.waitForExit(within: 60), "serve stops on SIGTERM within a minute")
            let result = try s.finish()
            #expect(result.status == 0, "\(result)")
        }
        // Both servers wrote their reads into the tenant's one audit log (flushed at shutdown): 4 each, and the one before the decision.
        let audit = try #require(try ws.ok(["audit", "feeds", "--json"], environment: e).json() as? [[String: Any]])
        #expect(audit.compactMap { $0["status"] as? Int }.sorted() == [200, 200, 200, 200, 200, 200, 200, 404, 404], "\(audit)")
    }
}
