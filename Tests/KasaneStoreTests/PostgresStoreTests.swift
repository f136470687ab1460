import Dispatch
import Foundation
import KasaneCore
import KasaneStore
import KasaneStorePostgres
import PostgresNIO
import Testing

/// The throw-away PostgreSQL cluster `scripts/run-tests.sh` starts (`scripts/pg-cluster.sh`): the
/// owner's, the application's and the superuser's URLs. Without them the PostgreSQL suites are
/// skipped with a note, except where `KASANE_REQUIRE_POSTGRES=1` (`make test`, CI): there a
/// missing cluster fails.
enum TestCluster {
    static let environment = ProcessInfo.processInfo.environment
    static let owner = environment["KASANE_TEST_PG_OWNER_URL"]
    static let app = environment["KASANE_TEST_PG_APP_URL"]
    static let superuser = environment["KASANE_TEST_PG_SUPER_URL"]
    static var available: Bool { owner != nil && app != nil && superuser != nil }
    static var required: Bool { environment["KASANE_REQUIRE_POSTGRES"] == "1" }
    /// Runs the suite when a cluster is there, or when one is required (then it fails loudly).
    static var runs: Bool { available || required }

    /// A new, empty tenant with a random id.
    static func newTenant() throws -> String {
        let id = "t-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try PostgresAdmin.addTenant(id: id, name: "テスト市 \(id)", url: try #require(owner))
        return id
    }

    /// A store on a new tenant, its chain key in `folder`.
    static func store(_ folder: TemporaryFolder, tenant: String? = nil) throws -> PostgresStore {
        let tenant = try tenant ?? newTenant()
        return try PostgresStore(url: try #require(app), tenant: tenant, chainKeyPath: folder.path("\(tenant).key"))
    }

    /// Runs `sql` as `url`'s role, outside any tenant unless one is given.
    static func rows(_ url: String?, tenant: String? = nil, _ sql: PostgresQuery) throws -> [PostgresRow] {
        let link = try PostgresAdmin.link(url: try #require(url), passwordFile: nil, environment: [:])
        defer { link.close() }
        return try link.transaction(tenant: tenant, readOnly: false) { try $0.query(sql) }
    }
}

/// The store contract (#13.2) run unchanged for the PostgreSQL store (#16.1, #16 Tests): each check
/// on a new tenant of the shared test database.
@Suite("WorkspaceStore contract: PostgreSQL (#16.1)", .enabled(if: TestCluster.runs, "no PostgreSQL test cluster: run `make test` (scripts/run-tests.sh starts one)"))
struct PostgresStoreContractTests {
    final class Made: @unchecked Sendable { var folders: [TemporaryFolder] = [] }

    @Test("every check of the contract", arguments: StoreContract.checks.indices)
    func contract(check: Int) throws {
        #expect(TestCluster.available, "KASANE_REQUIRE_POSTGRES=1 but no test cluster URLs in the environment")
        let keep = Made()
        try StoreContract.checks[check].run {
            let folder = try TemporaryFolder()
            keep.folders.append(folder)
            return try TestCluster.store(folder)
        }
    }

    @Test("#16.3: a commit by another connection (another server process) is noticed on the next look")
    func otherConnectionNoticed() throws {
        let folder = try TemporaryFolder()
        let server = try TestCluster.store(folder)
        let cli = try TestCluster.store(folder, tenant: server.tenant)
        let token = try server.changeToken()
        _ = try cli.importRegistry(Fixture.registry)
        #expect(try server.hasChanged(since: token))
        let seen = try server.changeToken()
        _ = try cli.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 0))
        #expect(try server.hasChanged(since: seen), "a token issued elsewhere must reach the server's token cache")
    }
}

/// Tenants cannot see each other: PostgreSQL's row-level security, not the store's WHERE clauses (#16.2).
@Suite("PostgreSQL tenants and invariants (#16.2)", .enabled(if: TestCluster.runs, "no PostgreSQL test cluster: run `make test`"))
struct PostgresTenantTests {
    @Test("#16.2: two tenants with the same case number each see only their own case")
    func tenantsApart() throws {
        let folder = try TemporaryFolder()
        let a = try TestCluster.store(folder), b = try TestCluster.store(folder)
        for store in [a, b] {
            _ = try store.importRegistry(Fixture.registry)
            try store.openCase(Fixture.opened("R8-1"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        }
        try a.openCase(Fixture.opened("R8-2"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        #expect(try a.caseFiles().map(\.number) == ["R8-1", "R8-2"])
        #expect(try b.caseFiles().map(\.number) == ["R8-1"])
        #expect(throws: StoreError.caseNotFound("R8-2")) { try b.caseFile("R8-2") }
        #expect(try a.verifyChains().broken.isEmpty && b.verifyChains().broken.isEmpty)
        let tokens = try a.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 0))
        #expect(try b.activeFeedToken(hash: FeedTokenSecret.hash(tokens.secret)) == nil, "a's feed URL must not open b's feed")
    }

    @Test("#16.2: a query written without any tenant filter returns only the tenant set for the transaction")
    func unfilteredQuery() throws {
        let folder = try TemporaryFolder()
        let a = try TestCluster.store(folder), b = try TestCluster.store(folder)
        for store in [a, b] {
            _ = try store.importRegistry(Fixture.registry)
            try store.openCase(Fixture.opened("R8-1"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        }
        for table in ["case_file", "case_event", "household_member", "agency", "person", "tenant"] {
            let tenants = try TestCluster.rows(TestCluster.app, tenant: a.tenant,
                                               PostgresQuery(unsafeSQL: "SELECT DISTINCT \(table == "tenant" ? "id" : "tenant") FROM \(table)"))
                .map { try $0.decode(String.self) }
            #expect(tenants == [a.tenant], "\(table) shows only a's rows to a")
            let none = try TestCluster.rows(TestCluster.app, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
            #expect(try none.first?.decode(Int.self) == 0, "\(table): no tenant set, no row")
        }
    }

    @Test("#16.2: a write into another tenant's rows is refused by the policy, and the app role owns nothing")
    func crossTenantWriteRefused() throws {
        let folder = try TemporaryFolder()
        let a = try TestCluster.store(folder), b = try TestCluster.store(folder)
        #expect(throws: PSQLError.self) {
            try TestCluster.rows(TestCluster.app, tenant: a.tenant, """
                INSERT INTO agency (tenant, id, name, field, kind, mailbox, position)
                VALUES (\(b.tenant), 'x', 'X', '高齢', '庁内', 'x@example.jp', 0)
                """)
        }
        let owned = try TestCluster.rows(TestCluster.app, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user")
        #expect(try owned.first?.decode(Int.self) == 0)
        let bypass = try TestCluster.rows(TestCluster.app, "SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user")
        #expect(try bypass.first?.decode(Bool.self) == false)
    }

    @Test("#16.1: case events are append-only in the schema: UPDATE and DELETE refused, even for the owner")
    func appendOnly() throws {
        let folder = try TemporaryFolder()
        let a = try TestCluster.store(folder)
        _ = try a.importRegistry(Fixture.registry)
        try a.openCase(Fixture.opened("R8-1"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        for sql: PostgresQuery in ["UPDATE case_event SET kind = 'reopened'", "DELETE FROM case_event"] {
            #expect(throws: PSQLError.self) { try TestCluster.rows(TestCluster.app, tenant: a.tenant, sql) }
            do {
                _ = try TestCluster.rows(TestCluster.owner, tenant: a.tenant, sql)
                Issue.record("the owner's \(sql.sql) went through")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "KS001", "refused by the append-only trigger")
            }
        }
        #expect(try a.verifyChains().broken.isEmpty)
    }

    @Test("#16.1: CHECK constraints and foreign keys hold on PostgreSQL", arguments: [
        ("INSERT INTO case_file (number, opened_on) VALUES ('R8-9', '2027-02-29')", "23514"),
        ("INSERT INTO agency (id, name, field, kind, mailbox, position) VALUES ('x', 'X', '不明', '庁内', 'x@example.jp', 0)", "23514"),
        ("INSERT INTO person (id, name, mailbox, agency_id, title, position) VALUES ('p', 'P', 'p@example.jp', 'nowhere', '', 0)", "23503"),
        ("INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) SELECT id, 2, 'opened', 'not json', '', repeat('0', 64) FROM case_file", "23514"),
        ("INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) SELECT id, 2, 'erased', '{}', '', repeat('0', 64) FROM case_file", "23514"),
        ("INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) SELECT id, 1, 'opened', '{}', '', repeat('0', 64) FROM case_file", "23505"),
    ])
    func constraints(sql: String, state: String) throws {
        let folder = try TemporaryFolder()
        let a = try TestCluster.store(folder)
        _ = try a.importRegistry(Fixture.registry)
        try a.openCase(Fixture.opened("R8-1"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        do {
            _ = try TestCluster.rows(TestCluster.app, tenant: a.tenant, PostgresQuery(unsafeSQL: sql))
            Issue.record("accepted: \(sql)")
        } catch let error as PSQLError {
            #expect(error.serverInfo?[.sqlState] == state, "\(error.serverInfo?[.message] ?? "")")
        }
    }

    @Test("#16.2: an unknown tenant and a malformed tenant id are refused before anything is read")
    func unknownTenant() throws {
        let folder = try TemporaryFolder()
        let app = try #require(TestCluster.app)
        #expect(throws: PostgresStoreError.unknownTenant("no-such-city")) {
            try PostgresStore(url: app, tenant: "no-such-city", chainKeyPath: folder.path("k"))
        }
        #expect(throws: PostgresStoreError.badTenantID("Bad'City")) {
            try PostgresStore(url: app, tenant: "Bad'City", chainKeyPath: folder.path("k"))
        }
        let id = try TestCluster.newTenant()
        #expect(throws: PostgresStoreError.duplicateTenant(id)) {
            try PostgresAdmin.addTenant(id: id, name: "二重", url: try #require(TestCluster.owner))
        }
        #expect(try PostgresAdmin.tenants(url: try #require(TestCluster.owner)).contains { $0.id == id })
    }
}

/// Whole-city writes serialised per tenant, and a lost connection (#16.4).
@Suite("PostgreSQL concurrency and faults (#16.4)", .enabled(if: TestCluster.runs, "no PostgreSQL test cluster: run `make test`"))
struct PostgresConcurrencyTests {
    final class Times: @unchecked Sendable {
        let lock = NSLock()
        var marks: [String: Date] = [:]
        func mark(_ name: String) { lock.lock(); marks[name] = Date(); lock.unlock() }
        subscript(_ name: String) -> Date { lock.lock(); defer { lock.unlock() }; return marks[name]! }
    }

    @Test("#16.4: a schedule holds its tenant's advisory lock: a second writer of the tenant waits, another tenant does not")
    func schedulesSerialisedPerTenant() throws {
        let folder = try TemporaryFolder()
        let first = try TestCluster.store(folder)
        let second = try TestCluster.store(folder, tenant: first.tenant)
        let other = try TestCluster.store(folder)
        for store in [first, other] { _ = try store.importRegistry(Fixture.registry) }
        let times = Times()
        let inside = DispatchSemaphore(value: 0), done = DispatchGroup()
        // Threads of their own: a blocked worker of a small dispatch pool would delay the others.
        func thread(_ body: @escaping @Sendable () -> Void) {
            done.enter()
            Thread { body(); done.leave() }.start()
        }
        thread {
            _ = try? first.updateSchedule(today: Fixture.today) { _ in
                inside.signal()
                Thread.sleep(forTimeInterval: 0.6)
                times.mark("first ends")
                return (items: [], sessions: [], extra: ())
            }
        }
        inside.wait()
        thread {
            _ = try? second.updateSchedule(today: Fixture.today) { _ in
                times.mark("second starts")
                return (items: [], sessions: [], extra: ())
            }
        }
        thread {
            _ = try? other.updateSchedule(today: Fixture.today) { _ in
                times.mark("other starts")
                return (items: [], sessions: [], extra: ())
            }
        }
        done.wait()
        #expect(times["second starts"] >= times["first ends"], "the same tenant's schedule waited for the first")
        #expect(times["other starts"] < times["first ends"], "another tenant did not wait")
    }

    @Test("#16.4: a connection lost mid-command rolls back, says so, and the next command reconnects")
    func lostConnection() throws {
        let folder = try TemporaryFolder()
        let store = try TestCluster.store(folder)
        _ = try store.importRegistry(Fixture.registry)
        try store.openCase(Fixture.opened("R8-1"), members: Fixture.members, today: Fixture.today, now: Fixture.now)
        let pid = try store.link.transaction(tenant: nil, readOnly: true) { try $0.value(Int32.self, "SELECT pg_backend_pid()") }
        let session = StoreContract.session("jusou-2026-12-09", on: "2026-12-09")
        #expect(throws: PostgresStoreError.connectionLost(server: store.server, duringCommit: false)) {
            try store.updateSchedule(today: Fixture.today) { _ in
                _ = try TestCluster.rows(TestCluster.superuser, "SELECT pg_terminate_backend(\(pid))")
                Thread.sleep(forTimeInterval: 0.2)
                return (items: [StoreContract.item("R8-1#3", in: session.id)], sessions: [session], extra: ())
            }
        }
        #expect(try store.sessions().isEmpty, "nothing of the lost transaction was written")
        #expect(try store.caseFiles().map(\.number) == ["R8-1"])
    }
}

/// LISTEN/NOTIFY between a `serve` and the writers (#16.3): what the listening store sees, and
/// its fallback to the commit counter when the listening connection is gone.
@Suite("PostgreSQL change notifications (#16.3)", .enabled(if: TestCluster.runs, "no PostgreSQL test cluster: run `make test`"))
struct PostgresNotifyTests {
    /// Waits (up to `seconds`) on this thread until `condition` holds.
    static func eventually(_ seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    @Test("#16.3: a listening store learns of another connection's commit from its notification, and of nothing else")
    func notified() throws {
        let folder = try TemporaryFolder()
        let server = try TestCluster.store(folder)
        defer { server.close() }
        let cli = try TestCluster.store(folder, tenant: server.tenant)
        let other = try TestCluster.store(folder)
        server.listenForChanges()
        #expect(Self.eventually { server.isListeningForChanges }, "the listener connected")
        let token = try server.changeToken()
        #expect(try !server.hasChanged(since: token))
        _ = try other.importRegistry(Fixture.registry)
        _ = try cli.importRegistry(Fixture.registry)
        #expect(Self.eventually { (try? server.hasChanged(since: token)) == true }, "the commit's NOTIFY arrived")
        // Audit rows change nothing served: they notify no one.
        let seen = try server.changeToken()
        try cli.recordFeedReads([FeedAuditEntry(at: UTCTimestamp(seconds: 1), agency: "kodomo", tokenID: nil,
                                                client: "127.0.0.1", status: 404, etag: nil)])
        _ = try other.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 0))  // another tenant's
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try !server.hasChanged(since: seen), "neither an audit row nor another tenant's commit moves the token")
        _ = try cli.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 0))
        #expect(Self.eventually { (try? server.hasChanged(since: seen)) == true }, "a token issued elsewhere is noticed")
    }

    @Test("#16.3: when the listening connection is cut, the commit counter is read instead, and the listener comes back")
    func listenerDropped() throws {
        let folder = try TemporaryFolder()
        let server = try TestCluster.store(folder)
        defer { server.close() }
        let cli = try TestCluster.store(folder, tenant: server.tenant)
        server.listenForChanges()
        #expect(Self.eventually { server.isListeningForChanges })
        _ = try TestCluster.rows(TestCluster.superuser, """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE \("%kasane:\(server.tenant)%") AND pid <> pg_backend_pid()
            """)
        #expect(Self.eventually { !server.isListeningForChanges }, "the listener saw its connection go")
        let token = try server.changeToken()
        _ = try cli.importRegistry(Fixture.registry)
        if !server.isListeningForChanges {
            #expect(try server.hasChanged(since: token), "without a listener the counter shows the commit at once")
        }
        #expect(Self.eventually { server.isListeningForChanges }, "the listener reconnected by itself")
        #expect(try server.hasChanged(since: token))
    }
}
