import GRDB
public import KasaneCore

/// The one door into the SQLite workspace (GRDB's `AppDatabase` pattern): it owns the pool and
/// exposes domain-level reads and writes, each write one invariant-preserving transaction.
public final class AppDatabase: Sendable {
    private let pool: DatabasePool
    /// The workspace file.
    public var path: String { pool.path }

    /// Opens (creating when missing) the workspace at `path` and migrates it.
    ///
    /// WAL journal, foreign keys on, and `synchronous=FULL` on the writer so an acknowledged write
    /// survives a power loss (GRDB sets NORMAL for pools; we set FULL after opening).
    /// - Throws: `StoreError.cannotOpen` with the path and SQLite's reason.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Migrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The value of a PRAGMA on the writer connection (for tests and `kasane doctor`).
    public func writerPragma(_ name: String) throws -> String? {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// A number that changes whenever anything documents and feeds are made from changes
    /// (registry, case files, schedule, published calendar objects); audit rows do not count.
    public func workspaceVersion() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT version FROM workspace_version") ?? 0 }
    }

    /// Runs `PRAGMA integrity_check` and returns its answer ("ok" when sound).
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }
}

/// What went wrong in the store, with what the user can do about it.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case caseNotFound(CaseNumber)
    case duplicateCase(CaseNumber)
    case corruptEvent(CaseNumber, seq: Int, reason: String)
    case corruptRow(table: String, key: String)
    case invalidDeputy(String)
    case invalidSession(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the workspace \(path): \(reason) (check the path given by --db or KASANE_DB)"
        case .caseNotFound(let n): "case \(n) does not exist: see `kasane case list`"
        case .duplicateCase(let n): "case \(n) already exists: case numbers are unique, choose another"
        case .corruptEvent(let n, let seq, let reason):
            "case \(n): event #\(seq) cannot be read (\(reason)); run `kasane verify`"
        case .invalidDeputy(let message): message
        case .invalidSession(let message): message
        case .corruptRow(let table, let key):
            "the \(table) row '\(key)' cannot be read: was the workspace edited by hand?"
        }
    }
}
