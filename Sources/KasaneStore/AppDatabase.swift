import Foundation
import GRDB
public import KasaneCore

/// The one door into the SQLite workspace (GRDB's `AppDatabase` pattern): it owns the pool and
/// exposes domain-level reads and writes, each write one invariant-preserving transaction.
public final class AppDatabase: Sendable {
    /// How a command uses the workspace (the CLI decides it for every command in one table).
    public enum Access: Sendable, Hashable {
        /// Reads only: the file must exist and be up to date; it is opened read-only, never
        /// migrated, and never waits for a writer (WAL readers read the last commit).
        case read
        /// Reads and writes an existing workspace, migrating it first when it is older.
        case write
        /// Like `write`, and creates the workspace (mode 0600) when the file does not exist.
        case create
    }

    private let pool: DatabasePool
    /// The workspace file.
    public var path: String { pool.path }
    /// Where the key of the case-event chain is (`EventChain`); read when the chain is used.
    let chainKey: ChainKeySource

    /// Opens the workspace at `path` for `access` (creating it only for `.create`), migrating it
    /// only when it is older and only for writers.
    ///
    /// WAL journal, foreign keys on, and `synchronous=FULL` on the writer so an acknowledged write
    /// survives a power loss (GRDB sets NORMAL for pools; we set FULL after opening). A writer
    /// waits up to `busyTimeout` seconds for another process's write to finish.
    /// - Parameter chainKeyPath: the key file of the event chain (default `<path>.key`).
    /// - Throws: `StoreError.noWorkspace` (missing file, reader or writer), `.needsMigration`
    ///   (reader on an older workspace), `.newerWorkspace`, `.busy`, or `.cannotOpen`.
    public init(path: String, access: Access = .create, busyTimeout: Double = 10,
                chainKeyPath: String? = nil) throws {
        chainKey = ChainKeySource(path: chainKeyPath ?? path + ".key")
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && access != .create { throw StoreError.noWorkspace(path: path) }
        if !exists { try Self.createPrivateFile(path) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.readonly = access == .read
        do {
            pool = try DatabasePool(path: path, configuration: config)
            let migrator = Migrations.migrator(chainKey: chainKey)
            let (completed, superseded) = try pool.read { db in
                (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db))
            }
            if superseded { throw StoreError.newerWorkspace(path: path) }
            if access == .read {
                if !completed { throw StoreError.needsMigration(path: path) }
            } else {
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                }
                // Only a workspace that is behind takes the write lock here.
                if !completed { try migrator.migrate(pool) }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// Creates an empty file readable by its owner only (an empty file is an empty SQLite database),
    /// so the database and the -wal/-shm files SQLite derives from it are 0600 whatever the umask.
    private static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// The store error for an SQLite error: a lock held too long by another writer is `.busy`.
    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        if error.resultCode == .SQLITE_BUSY { return .busy(path: path) }
        return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
    }

    /// The value of a PRAGMA on the writer connection (for tests and `kasane doctor`).
    public func writerPragma(_ name: String) throws -> String? {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// A number that changes whenever anything documents and feeds are made from changes
    /// (registry, case files, schedule, published calendar objects); audit rows do not count.
    public func workspaceVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT version FROM workspace_version") ?? 0 }
    }

    /// Runs `PRAGMA integrity_check` and returns its answer ("ok" when sound).
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// A read on a snapshot of the last commit (never waits for a writer).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }

    /// A write in one IMMEDIATE transaction: the write lock is taken before the first read, so a
    /// read-modify-write never works from a snapshot another process has moved past (a DEFERRED
    /// transaction would fail with SQLITE_BUSY on upgrade, without waiting). Another process's
    /// write is waited for up to the busy timeout, then `StoreError.busy`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed transaction has a result") }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }
}

/// What went wrong in the store, with what the user can do about it.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// No workspace file at the path (a reader or writer never creates one).
    case noWorkspace(path: String)
    /// A reader on a workspace an older Kasane wrote: a writer must migrate it first.
    case needsMigration(path: String)
    /// The workspace was migrated by a newer Kasane than this one.
    case newerWorkspace(path: String)
    /// Another process held the write lock longer than the busy timeout.
    case busy(path: String)
    case caseNotFound(CaseNumber)
    case duplicateCase(CaseNumber)
    case corruptEvent(CaseNumber, seq: Int, reason: String)
    case corruptRow(table: String, key: String)
    case invalidDeputy(String)
    case invalidSession(String)
    /// The key file of the event chain is missing, unreadable or malformed.
    case chainKey(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the workspace \(path): \(reason) (check the path given by --db or KASANE_DB)"
        case .noWorkspace(let path):
            "ワークスペース \(path) がありません。--db または KASANE_DB のパスを確かめてください"
                + "（新しく作るには `kasane registry import REGISTRY.yaml --db \(path)`）"
        case .needsMigration(let path):
            "ワークスペース \(path) は古い形式のままです。読み取りのコマンドは更新しません: "
                + "先に `kasane migrate --db \(path)` を実行してください"
        case .newerWorkspace(let path):
            "ワークスペース \(path) はこの Kasane より新しい版で書かれています: 新しい版の kasane を使ってください"
        case .busy(let path):
            "別の Kasane コマンドがワークスペース \(path) に書き込み中です: 終わってからやり直してください"
        case .caseNotFound(let n): "case \(n) does not exist: see `kasane case list`"
        case .duplicateCase(let n): "case \(n) already exists: case numbers are unique, choose another"
        case .corruptEvent(let n, let seq, let reason):
            "case \(n): event #\(seq) cannot be read (\(reason)); run `kasane verify`"
        case .invalidDeputy(let message): message
        case .invalidSession(let message): message
        case .corruptRow(let table, let key):
            "the \(table) row '\(key)' cannot be read: was the workspace edited by hand?"
        case .chainKey(let path, let reason):
            "記録の鍵ファイル \(path) \(reason)"
        }
    }
}
