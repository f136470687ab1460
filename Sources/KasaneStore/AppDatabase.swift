import Foundation
public import GRDB
import Synchronization
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

    let pool: any DatabaseWriter
    /// The workspace file (`:memory:` for an in-memory store).
    public var path: String { pool.path }
    /// The dedicated connection whose `data_version` tells other connections' commits (a file
    /// workspace only), opened on the first `changeToken()`.
    private let watch = Mutex<ChangeWatch?>(nil)
    /// Where the key of the case-event chain is (`EventChain`); read when the chain is used.
    let chainKey: ChainKeySource
    /// Where a crash test stops the process (`StopPlan`); nowhere in normal use.
    let stops: StopCounter

    /// Opens the workspace at `path` for `access` (creating it only for `.create`), migrating it
    /// only when it is older and only for writers.
    ///
    /// WAL journal, foreign keys on, and `synchronous=FULL` on the writer so an acknowledged write
    /// survives a power loss (GRDB sets NORMAL for pools; we set FULL after opening). A writer
    /// waits up to `busyTimeout` seconds for another process's write to finish.
    /// - Parameter chainKeyPath: the key file of the event chain (default `<path>.key`).
    /// - Throws: `StoreError.noWorkspace` (missing file, reader or writer), `.needsMigration`
    ///   (reader on an older workspace), `.newerWorkspace`, `.busy`, or `.cannotOpen`.
    /// - Parameter stopAt: for crash tests only, where to kill the process (`StopPlan`).
    public init(path: String, access: Access = .create, busyTimeout: Double = 10,
                chainKeyPath: String? = nil, stopAt: StopPlan? = nil) throws {
        chainKey = ChainKeySource(path: chainKeyPath ?? path + ".key")
        stops = StopCounter(stopAt)
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

    /// A store on `writer` (GRDB demo style): an in-memory `DatabaseQueue()` for tests, or any
    /// pool or queue the caller opened; migrated to the current schema first.
    /// - Parameter chainKeyPath: the key file of the event chain (created when missing).
    /// - Throws: `StoreError.newerWorkspace`, `.busy`, `.cannotOpen`, `.chainKey`.
    public init(writer: any DatabaseWriter, chainKeyPath: String) throws {
        chainKey = ChainKeySource(path: chainKeyPath)
        stops = StopCounter(nil)
        pool = writer
        do {
            let migrator = Migrations.migrator(chainKey: chainKey)
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerWorkspace(path: writer.path)
            }
            try migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: writer.path)
        }
    }

    /// Creates an empty file readable by its owner only (an empty file is an empty SQLite database),
    /// so the database and the -wal/-shm files SQLite derives from it are 0600 whatever the umask.
    /// With `exclusive`, an existing file is an error (`cannotOpen` naming it) instead of kept.
    static func createPrivateFile(_ path: String, exclusive: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST && !exclusive { return }
            throw StoreError.cannotOpen(path: path, reason: .current)
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// The store error for an SQLite error: a lock held too long by another writer is `.busy`.
    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        if error.resultCode == .SQLITE_BUSY { return .busy(path: path) }
        return .cannotOpen(path: path, reason: FileFailure(error))
    }

    /// The value of a PRAGMA on the writer connection (for tests and `kasane doctor`).
    public func writerPragma(_ name: String) throws -> String? {
        try pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// A number that changes whenever anything documents and feeds are made from changes
    /// (registry, case files, schedule, published calendar objects); audit rows do not count.
    /// Feed tokens and audit rows do not move it (see `changeToken()` for every commit).
    public func workspaceVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT version FROM workspace_version") ?? 0 }
    }

    /// The workspace's state now. A file workspace asks SQLite's `PRAGMA data_version` on one
    /// dedicated read-only connection: it moves whenever another connection, of this process or
    /// another one, commits (a look at the WAL index, no transaction). A store on a single
    /// connection (in memory) counts that connection's own changes as well.
    public func changeToken() throws -> ChangeToken {
        if pool is DatabasePool {
            let connection = try watch.withLock { held in
                if let held { return held }
                let made = try ChangeWatch(path: path)
                held = made
                return made
            }
            return ChangeToken([try connection.stamp()])
        }
        return try pool.read { db in
            ChangeToken([try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0, db.totalChangesCount])
        }
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
            let result = try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    stops.reach(.beforeCommit)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed transaction has a result") }
                return result
            }
            stops.reach(.afterCommit)
            return result
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }
}

/// What went wrong in the store, with what the user can do about it (worded in
/// `KasaneWording/StoreWording.swift`, Japanese and English).
public enum StoreError: Error, Hashable, Sendable {
    /// SQLite or the system could not open (or write) the file, for `reason`.
    case cannotOpen(path: String, reason: FileFailure)
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
    /// A stored event cannot be read, for `reason`.
    case corruptEvent(CaseNumber, seq: Int, reason: CorruptEventReason)
    case corruptRow(table: String, key: String)
    /// No stored session (meeting) has this id.
    case noSession(String)
    /// No person of the registry has this id.
    case unknownPerson(PersonID)
    /// R15: a deputy comes from the agency it stands in for.
    case deputyOfOtherAgency(person: PersonID, worksFor: AgencyID, agency: AgencyID)
    /// R20: a session is marked held only from its day on.
    case sessionNotYetHeld(String, date: LocalDate)
    /// R20: a session's record never goes back (it is already `state`).
    case sessionStateFinal(String, state: SessionState)
    /// The key file of the event chain is missing, unreadable or malformed, or not this workspace's.
    case chainKey(path: String, problem: ChainKeyProblem)
}

/// What is wrong with the key file of the event chain.
public enum ChainKeyProblem: Hashable, Sendable {
    /// The file is not there.
    case missing
    /// The file cannot be read.
    case unreadable
    /// The file does not hold 64 hex digits.
    case malformed
    /// The file could not be created, for the system's reason.
    case cannotCreate(FileFailure)
    /// The file could not be written, for the system's reason.
    case cannotWrite(FileFailure)
    /// The workspace has no fingerprint of its key (it was edited from outside).
    case noFingerprint
    /// The key is not this workspace's key.
    case otherKey
}

/// Why a stored case event cannot be read (a typed reason, worded at the edge).
public enum CorruptEventReason: Hashable, Sendable {
    /// The case's log does not begin with its opening.
    case noOpening
    /// A kind this version of Kasane does not know (a workspace from a newer Kasane?).
    case unknownKind(String)
    /// The payload lacks a field its kind needs (`field`: the path, e.g. `scope.agencies`).
    case missingField(String)
    /// A field's value does not fit its kind (`field`: the path; empty for the payload itself).
    case badValue(String)

    /// The reason for a decoding failure of a stored payload.
    package init(_ error: any Error) {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (keys + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let unknown as CaseEventDecodingError: self = .unknownKind(unknown.kind)
        case DecodingError.keyNotFound(let key, let context): self = .missingField(path(context.codingPath, key))
        case DecodingError.valueNotFound(_, let context), DecodingError.typeMismatch(_, let context),
             DecodingError.dataCorrupted(let context): self = .badValue(path(context.codingPath))
        default: self = .badValue("")
        }
    }
}
