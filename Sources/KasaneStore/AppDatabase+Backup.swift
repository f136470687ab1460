import Foundation
import GRDB

/// Online backup (#17.1): SQLite's backup API through GRDB, from a read snapshot, so `serve` and
/// other commands keep reading and writing while the copy is made.
extension AppDatabase {
    /// The key file of the event chain this store seals and verifies with.
    public var chainKeyPath: String { chainKey.path }

    /// Writes a copy of the workspace as of one commit into the new file `destination` (mode
    /// 0600): a single self-contained file (rollback journal, no -wal beside it).
    /// - Throws: `StoreError.cannotOpen` naming `destination` when it exists or cannot be written
    ///   (a full disk, a missing folder); nothing is left at `destination` then.
    public func backup(to destination: String) throws {
        try Self.createPrivateFile(destination, exclusive: true)
        do {
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
            let reason = (error as? DatabaseError).map(FileFailure.init) ?? .other(code: "\(type(of: error))")
            throw StoreError.cannotOpen(path: destination, reason: reason)
        }
    }

    /// Opens a copy of a workspace (a backup, or one being restored) with one connection, so it
    /// stays a single file in its journal mode; `chainKeyPath` must exist (it is never created).
    /// - Throws: `StoreError.chainKey` (no key file), `.cannotOpen` (not a workspace: truncated,
    ///   damaged), `.newerWorkspace`.
    public static func copy(at path: String, chainKeyPath: String) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: chainKeyPath) else {
            throw StoreError.chainKey(path: chainKeyPath, problem: .missing)
        }
        do {
            return try AppDatabase(writer: try DatabaseQueue(path: path), chainKeyPath: chainKeyPath)
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    /// Replaces the whole content of this workspace by `source`'s in one step (SQLite's backup
    /// into the live file: other connections see the old content or the new, never a mixture).
    /// - Throws: `StoreError.busy` when another writer holds the workspace too long.
    public func replaceContent(with source: AppDatabase) throws {
        do {
            try source.pool.backup(to: pool)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }
}
