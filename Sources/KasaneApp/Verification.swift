public import KasaneStore

/// What `verify` found: SQLite's integrity check and every case file's hash chain.
public struct VerificationReport: Hashable, Sendable {
    /// `ok`, or SQLite's first problem.
    public var integrity: String
    public var cases: Int
    public var events: Int
    /// The first broken event of each broken chain.
    public var broken: [BrokenChain]

    /// Whether the database and every chain hold.
    public var isSound: Bool { integrity == "ok" && broken.isEmpty }
}

/// The workspace checks: `verify` (hash chains keyed by the chain key, integrity) and `migrate`.
public struct Verification: Sendable {
    public var store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// Checks the database's integrity and every case file's chain, naming the first broken event.
    /// - Throws: the store's error (e.g. the chain key is missing or another workspace's).
    public func verify() throws -> VerificationReport {
        // SQLite's page check; a database server (PostgreSQL) checks its own pages and constraints.
        let integrity = try (store as? AppDatabase)?.integrityCheck() ?? "ok"
        let result = try store.verifyChains()
        return VerificationReport(integrity: integrity, cases: result.cases, events: result.events,
                                  broken: result.broken)
    }

    /// The path of the workspace, opened for writing and so brought up to this version.
    public func migrated() -> String { (store as? AppDatabase)?.path ?? "" }
}
