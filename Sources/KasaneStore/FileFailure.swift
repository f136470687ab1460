import Foundation
import GRDB

/// Why the system or SQLite refused to open, read or write a file: a typed reason, worded in
/// Japanese at the edge (`KasaneWording/StoreWording.swift`), never the system's English text.
public enum FileFailure: Hashable, Sendable {
    /// The disk (or the user's quota) is full: ENOSPC, EDQUOT, SQLITE_FULL.
    case diskFull
    /// The user may not read or write there: EACCES, EPERM, SQLITE_PERM.
    case permissionDenied
    /// A folder on the path does not exist: ENOENT, ENOTDIR.
    case noSuchFolder
    /// The file system is mounted read-only: EROFS, SQLITE_READONLY.
    case readOnly
    /// The disk could not be read or written: EIO, SQLITE_IOERR.
    case ioError
    /// The file is not an SQLite database (another kind of file): SQLITE_NOTADB.
    case notADatabase
    /// The database file is damaged or cut short: SQLITE_CORRUPT.
    case damaged
    /// The file is already there where a new one was to be made: EEXIST.
    case alreadyExists
    /// Anything else, with the system's code (for the operator, not translated).
    case other(code: String)

    /// The reason for the system error number `code` (`errno`).
    public init(errno code: Int32) {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: self = .diskFull
        case EACCES, EPERM: self = .permissionDenied
        case ENOENT, ENOTDIR: self = .noSuchFolder
        case EROFS: self = .readOnly
        case EIO: self = .ioError
        case EEXIST: self = .alreadyExists
        default: self = .other(code: "errno \(code)")
        }
    }

    /// The reason for the current `errno`.
    static var current: FileFailure { FileFailure(errno: errno) }

    /// The reason for an SQLite error (its primary result code).
    init(_ error: DatabaseError) {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_PERM, .SQLITE_AUTH: self = .permissionDenied
        case .SQLITE_CANTOPEN: self = .noSuchFolder
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_IOERR: self = .ioError
        case .SQLITE_NOTADB: self = .notADatabase
        case .SQLITE_CORRUPT: self = .damaged
        default: self = .other(code: "SQLite \(error.resultCode.rawValue)")
        }
    }
}
