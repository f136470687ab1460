import Foundation
public import KasaneStore

/// Why a backup or a restore was refused (#17.1, #17.4); nothing was changed then.
public enum BackupProblem: Error, Hashable, Sendable {
    /// `backup` never overwrites: the path (or its key file) exists.
    case destinationExists(path: String)
    /// The backup to restore is not there.
    case backupMissing(path: String)
    /// The backup's key file (`<backup>.key`) is not there: its chains cannot be verified.
    case backupKeyMissing(path: String)
    /// The file is not a workspace Kasane can open (truncated, damaged, another kind of file).
    case unreadable(path: String, cause: StoreError)
    /// The copy opened but failed its checks: SQLite's integrity check or a case's chain.
    case failedChecks(path: String, integrity: String, brokenChains: Int)
    /// `restore` onto an existing workspace without `--replace`.
    case workspaceExists(path: String)
    /// A file could not be written (a full disk, a missing folder, no permission).
    case cannotWrite(path: String, reason: FileFailure)
}

/// A checked copy: where it is and what it holds.
public struct BackupReport: Hashable, Sendable {
    public var path: String
    public var keyPath: String
    public var cases: Int
    public var events: Int
}

/// `kasane backup` and `kasane restore`: consistent copies of a live SQLite workspace, each
/// checked (integrity and every chain) before it is called done, and restores that refuse a copy
/// failing those checks and never overwrite the workspace unless asked.
public enum Backups {
    /// Copies the live workspace to `path` (and its chain key to `path.key`), both 0600, while other
    /// processes keep working; checks the copy before it takes its name.
    /// - Throws: `BackupProblem`; nothing is left at `path` then.
    public static func backup(store: AppDatabase, to path: String) throws -> BackupReport {
        let key = path + ".key"
        for p in [path, key] where FileManager.default.fileExists(atPath: p) { throw BackupProblem.destinationExists(path: p) }
        let partial = path + ".partial-\(getpid())", partialKey = partial + ".key"
        defer { for p in [partial, partialKey, partial + "-journal"] { try? FileManager.default.removeItem(atPath: p) } }
        do {
            try store.backup(to: partial)
        } catch let StoreError.cannotOpen(_, reason) {
            throw BackupProblem.cannotWrite(path: path, reason: reason)
        }
        try copyPrivately(store.chainKeyPath, to: partialKey, naming: key)
        let report = try check(partial, key: partialKey, naming: path)
        try rename(partial, to: path)
        try rename(partialKey, to: key)
        return BackupReport(path: path, keyPath: key, cases: report.cases, events: report.events)
    }

    /// Restores the backup at `path` (with `path.key`) as the workspace `live` (key `liveKey`):
    /// the backup is checked on a copy first; an existing workspace is replaced only with `replace`,
    /// in one step; the restored workspace is checked again.
    /// - Throws: `BackupProblem` or the store's error; the workspace is unchanged then.
    public static func restore(from path: String, to live: String, liveKey: String, replace: Bool) throws -> BackupReport {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupProblem.backupMissing(path: path) }
        let key = path + ".key"
        guard FileManager.default.fileExists(atPath: key) else { throw BackupProblem.backupKeyMissing(path: key) }
        let exists = FileManager.default.fileExists(atPath: live)
        if exists && !replace { throw BackupProblem.workspaceExists(path: live) }
        let staging = live + ".restore-\(getpid())", stagingKey = staging + ".key"
        defer { for p in [staging, stagingKey, staging + "-journal", staging + "-wal", staging + "-shm"] { try? FileManager.default.removeItem(atPath: p) } }
        try copyPrivately(path, to: staging, naming: live)
        try copyPrivately(key, to: stagingKey, naming: liveKey)
        _ = try check(staging, key: stagingKey, naming: path)
        if exists {
            let target = try AppDatabase(path: live, access: .write)
            let source = try AppDatabase.copy(at: staging, chainKeyPath: stagingKey)
            try target.replaceContent(with: source)
            try replaceFile(liveKey, with: stagingKey)
        } else {
            try rename(stagingKey, to: liveKey)
            try rename(staging, to: live)
        }
        let restored = try Verification(store: try AppDatabase(path: live, access: .write, chainKeyPath: liveKey)).verify()
        guard restored.isSound else {
            throw BackupProblem.failedChecks(path: live, integrity: restored.integrity, brokenChains: restored.broken.count)
        }
        return BackupReport(path: live, keyPath: liveKey, cases: restored.cases, events: restored.events)
    }

    /// Opens the copy at `copy` (never the caller's original) and runs `verify` on it.
    private static func check(_ copy: String, key: String, naming path: String) throws -> VerificationReport {
        let report: VerificationReport
        do {
            report = try Verification(store: try AppDatabase.copy(at: copy, chainKeyPath: key)).verify()
        } catch let error as StoreError {
            throw BackupProblem.unreadable(path: path, cause: error)
        }
        guard report.isSound else {
            throw BackupProblem.failedChecks(path: path, integrity: report.integrity, brokenChains: report.broken.count)
        }
        return report
    }

    /// Copies `source` to the new file `destination`, readable by its owner only.
    private static func copyPrivately(_ source: String, to destination: String, naming path: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw BackupProblem.backupMissing(path: source)
        }
        let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw BackupProblem.cannotWrite(path: path, reason: FileFailure(errno: errno)) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        // A short write without an error number is a full disk too.
        guard written == data.count else {
            throw BackupProblem.cannotWrite(path: path, reason: written < 0 ? FileFailure(errno: errno) : .diskFull)
        }
        guard fsync(fd) == 0 else { throw BackupProblem.cannotWrite(path: path, reason: FileFailure(errno: errno)) }
    }

    private static func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw BackupProblem.cannotWrite(path: to, reason: FileFailure(errno: errno))
        }
    }

    /// Replaces the file `path` by `replacement` in one rename.
    private static func replaceFile(_ path: String, with replacement: String) throws {
        let next = path + ".next-\(getpid())"
        try? FileManager.default.removeItem(atPath: next)
        try copyPrivately(replacement, to: next, naming: path)
        try rename(next, to: path)
    }
}
