import Crypto
public import Foundation
public import KasaneStore
import PostgresNIO

/// The workspace of one municipality (tenant) in a PostgreSQL database shared by many (issue 16):
/// the same `WorkspaceStore` as the SQLite `AppDatabase`, passing the same contract suite.
///
/// Every transaction sets its tenant with `SET LOCAL kasane.tenant`, and PostgreSQL's row-level
/// security shows it that tenant's rows only; the store connects as the application role, which
/// owns no table (migrations and `tenant add` run as the owner, `PostgresAdmin`). Writes take the
/// tenant's advisory lock first, so whole-city read-modify-writes such as `schedule` are serialised
/// per tenant (like SQLite's one writer) and never across tenants.
public final class PostgresStore: WorkspaceStore {
    /// The municipality this store works for.
    public let tenant: String
    /// `user@host/database`, for messages.
    public var server: String { link.server }
    package let link: PostgresLink
    /// The tenant's change notifications, once `listenForChanges()` started them.
    let listener: PostgresChangeListener
    let chainKey: ChainKeySource

    /// Opens tenant `tenant` of the database at `url`.
    /// - Parameters:
    ///   - passwordFile: a file whose first line is the password; else `PGPASSFILE` is read; else none.
    ///   - chainKeyPath: the key file of this tenant's event chain (created by the first writer).
    ///   - createKey: whether a missing key may be created (writers; a reader never creates one).
    /// - Throws: `PostgresStoreError` (URL, password file, connection, schema, unknown tenant),
    ///   `StoreError.chainKey`.
    public init(url: String, tenant: String, chainKeyPath: String, passwordFile: String? = nil,
                createKey: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard PostgresTenant.isValidID(tenant) else { throw PostgresStoreError.badTenantID(tenant) }
        let location = try PostgresLocation(url: url)
        let password = try location.password(passwordFile: passwordFile, environment: environment)
        let configuration = location.configuration(password: password)
        link = PostgresLink(configuration: configuration, server: location.server)
        listener = PostgresChangeListener(channel: Self.channel(tenant), configuration: configuration)
        self.tenant = tenant
        chainKey = ChainKeySource(path: chainKeyPath)
        try PostgresAdmin.checkSchema(link)
        let fingerprint: String?? = try link.transaction(tenant: tenant, readOnly: true) { tx in
            try tx.query("SELECT fingerprint FROM tenant_state").first.map { try $0.decode(String?.self) }
        }
        guard let fingerprint else { throw PostgresStoreError.unknownTenant(tenant) }
        if fingerprint == nil && createKey {
            let key = try chainKey.loadOrCreate()
            try write { tx in
                _ = try tx.execute("UPDATE tenant_state SET fingerprint = \(EventChain.fingerprint(key)) WHERE fingerprint IS NULL")
            }
        }
    }

    /// Closes the connection (and stops listening for changes).
    public func close() {
        listener.stop()
        link.close()
    }

    // MARK: - Transactions

    /// A read on one snapshot (REPEATABLE READ, READ ONLY) of the tenant's rows.
    func read<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try link.transaction(tenant: tenant, readOnly: true, body)
    }

    /// A write in one transaction, after the tenant's advisory lock: one writer per tenant at a
    /// time, so what a write read is still true when it commits. Unless `notify` is false (audit
    /// rows: nothing served is made from them), the transaction notifies the tenant's channel,
    /// which PostgreSQL delivers to every listening `serve` when, and only if, it commits (#16.3).
    func write<T>(notify: Bool = true, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try link.transaction(tenant: tenant, readOnly: false) { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(\(PostgresAdmin.lockSpace), hashtext(\(tenant)))")
            if notify { try tx.execute("SELECT pg_notify(\(Self.channel(tenant)), '')") }
            return try body(tx)
        }
    }

    // MARK: - Change notification

    /// The channel a tenant's writes notify: `kasane:TENANT`.
    static func channel(_ tenant: String) -> String { "kasane:\(tenant)" }

    /// Starts listening for the tenant's change notifications on a connection of its own (`kasane
    /// serve` does): from then on, while the listener is connected, `changeToken()` and
    /// `hasChanged(since:)` answer from the notifications received, without a query; while it is
    /// not (not yet, or the connection dropped), they read the tenant's commit counter as before.
    public func listenForChanges() { listener.start() }

    /// Whether the listener is connected and listening now.
    package var isListeningForChanges: Bool { listener.generation != nil }

    /// The tenant's commit counter (moved by every commit of any process: a statement trigger), or,
    /// while listening, the listener's count of notifications and reconnections (no query).
    public func changeToken() throws -> ChangeToken {
        if let generation = listener.generation { return ChangeToken([-1, generation]) }
        return try read { tx in ChangeToken([try tx.value(Int.self, "SELECT commits FROM tenant_state") ?? 0]) }
    }

    public func workspaceVersion() throws -> Int {
        try read { tx in try tx.value(Int.self, "SELECT version FROM tenant_state") ?? 0 }
    }

    // MARK: - Chain key

    /// The chain key from its file, checked against the fingerprint the tenant recorded.
    func sealingKey(_ tx: PostgresTransaction) throws -> SymmetricKey {
        let key = try chainKey.load()
        guard let recorded = try tx.value(String?.self, "SELECT fingerprint FROM tenant_state") ?? nil else {
            throw StoreError.chainKey(path: chainKey.path, problem: .noFingerprint)
        }
        guard recorded == EventChain.fingerprint(key) else {
            throw StoreError.chainKey(path: chainKey.path, problem: .otherKey)
        }
        return key
    }
}

/// What the owner role does: migrate the schema and manage tenants (`kasane tenant add|list`).
public enum PostgresAdmin {
    /// The first key of the advisory locks Kasane takes (the second is the tenant's hash; 0 for migrations).
    static let lockSpace: Int32 = 0x4B53

    /// A tenant as `tenant list` shows it.
    public struct TenantInfo: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var cases: Int
    }

    package static func link(url: String, passwordFile: String?, environment: [String: String]) throws -> PostgresLink {
        let location = try PostgresLocation(url: url)
        let password = try location.password(passwordFile: passwordFile, environment: environment)
        return PostgresLink(configuration: location.configuration(password: password), server: location.server)
    }

    /// The schema version recorded in the database (0 when none).
    static func schemaVersion(_ tx: PostgresTransaction) throws -> Int {
        let table = try tx.value(String?.self, "SELECT to_regclass('public.kasane_migration')::text") ?? nil
        guard table != nil else { return 0 }
        return (try tx.value(Int?.self, "SELECT max(version) FROM kasane_migration") ?? nil) ?? 0
    }

    /// Refuses a schema older or newer than this build's.
    static func checkSchema(_ link: PostgresLink) throws {
        let at = try link.transaction(tenant: nil, readOnly: true) { try schemaVersion($0) }
        if at < PostgresMigrations.current {
            throw PostgresStoreError.needsMigration(server: link.server, at: at, current: PostgresMigrations.current)
        }
        if at > PostgresMigrations.current {
            throw PostgresStoreError.newerSchema(server: link.server, at: at, current: PostgresMigrations.current)
        }
    }

    /// Brings the schema up to date (as the owner role), one transaction per migration, under an
    /// advisory lock so two processes never migrate at once. Returns the names applied.
    @discardableResult
    public static func migrate(url: String, passwordFile: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        let link = try link(url: url, passwordFile: passwordFile, environment: environment)
        defer { link.close() }
        return try migrate(link)
    }

    static func migrate(_ link: PostgresLink) throws -> [String] {
        try link.transaction(tenant: nil, readOnly: false) { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(\(lockSpace), 0)")
            let at = try schemaVersion(tx)
            if at > PostgresMigrations.current {
                throw PostgresStoreError.newerSchema(server: link.server, at: at, current: PostgresMigrations.current)
            }
            try tx.execute(PostgresQuery(unsafeSQL: PostgresMigrations.bookkeeping))
            var applied: [String] = []
            for migration in PostgresMigrations.all where migration.version > at {
                for statement in PostgresMigrations.statements(migration.sql) {
                    try tx.execute(PostgresQuery(unsafeSQL: statement))
                }
                try tx.execute("INSERT INTO kasane_migration (version, name) VALUES (\(migration.version), \(migration.name))")
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// Adds municipality `id` (migrating the schema first when it is behind).
    /// - Throws: `PostgresStoreError.badTenantID`, `.duplicateTenant`, connection errors.
    public static func addTenant(id: String, name: String, url: String, passwordFile: String? = nil,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard PostgresTenant.isValidID(id) else { throw PostgresStoreError.badTenantID(id) }
        let link = try link(url: url, passwordFile: passwordFile, environment: environment)
        defer { link.close() }
        _ = try migrate(link)
        try link.transaction(tenant: nil, readOnly: false) { tx in
            if try tx.value(Int.self, "SELECT 1 FROM tenant WHERE id = \(id)") != nil {
                throw PostgresStoreError.duplicateTenant(id)
            }
            try tx.execute("INSERT INTO tenant (id, name) VALUES (\(id), \(name))")
            try tx.execute("INSERT INTO tenant_state (tenant) VALUES (\(id))")
        }
    }

    /// Every tenant with its number of cases, by id (as the owner role, which sees every row).
    public static func tenants(url: String, passwordFile: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [TenantInfo] {
        let link = try link(url: url, passwordFile: passwordFile, environment: environment)
        defer { link.close() }
        try checkSchema(link)
        return try link.transaction(tenant: nil, readOnly: true) { tx in
            try tx.query("""
                SELECT t.id, t.name, (SELECT count(*) FROM case_file c WHERE c.tenant = t.id)::bigint
                FROM tenant t ORDER BY t.id
                """).map { row in
                let (id, name, cases) = try row.decode((String, String, Int).self)
                return TenantInfo(id: id, name: name, cases: cases)
            }
        }
    }
}
