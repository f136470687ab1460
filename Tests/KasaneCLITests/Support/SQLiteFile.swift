import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a workspace file with the system's SQLite, loaded with `dlopen`: the CLI tests look at
/// the database only from the outside, the way an auditor would, without linking the store.
struct SQLiteFile {
    private typealias Open = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?, Int32,
                                             UnsafePointer<CChar>?) -> Int32
    private typealias Close = @convention(c) (OpaquePointer?) -> Int32
    private typealias Prepare = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32,
                                                UnsafeMutablePointer<OpaquePointer?>?,
                                                UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    private typealias Step = @convention(c) (OpaquePointer?) -> Int32
    private typealias ColumnCount = @convention(c) (OpaquePointer?) -> Int32
    private typealias ColumnText = @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<UInt8>?
    private typealias ColumnType = @convention(c) (OpaquePointer?, Int32) -> Int32
    private typealias Finalize = @convention(c) (OpaquePointer?) -> Int32
    private typealias ErrorMessage = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    private typealias BusyTimeout = @convention(c) (OpaquePointer?, Int32) -> Int32

    private struct Library: @unchecked Sendable {
        let open: Open, close: Close, prepare: Prepare, step: Step, columnCount: ColumnCount
        let columnText: ColumnText, columnType: ColumnType, finalize: Finalize, errorMessage: ErrorMessage
        let busyTimeout: BusyTimeout

        static let shared: Library? = {
            let names = ["libsqlite3.so.0", "libsqlite3.so", "/usr/lib/libsqlite3.dylib"]
            guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW) }).first else { return nil }
            func symbol<T>(_ name: String, _: T.Type) -> T? {
                dlsym(handle, name).map { unsafeBitCast($0, to: T.self) }
            }
            guard let open = symbol("sqlite3_open_v2", Open.self), let close = symbol("sqlite3_close_v2", Close.self),
                  let prepare = symbol("sqlite3_prepare_v2", Prepare.self), let step = symbol("sqlite3_step", Step.self),
                  let columnCount = symbol("sqlite3_column_count", ColumnCount.self),
                  let columnText = symbol("sqlite3_column_text", ColumnText.self),
                  let columnType = symbol("sqlite3_column_type", ColumnType.self),
                  let finalize = symbol("sqlite3_finalize", Finalize.self),
                  let errorMessage = symbol("sqlite3_errmsg", ErrorMessage.self),
                  let busyTimeout = symbol("sqlite3_busy_timeout", BusyTimeout.self) else { return nil }
            return Library(open: open, close: close, prepare: prepare, step: step, columnCount: columnCount,
                           columnText: columnText, columnType: columnType, finalize: finalize,
                           errorMessage: errorMessage, busyTimeout: busyTimeout)
        }()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let SQLITE_ROW: Int32 = 100, SQLITE_DONE: Int32 = 101, SQLITE_NULL: Int32 = 5
    private static let SQLITE_OPEN_READWRITE: Int32 = 0x2

    /// Runs `body` with the file at `path` open read-write (so a WAL left by a killed process is
    /// recovered), then closes it.
    static func with<T>(_ path: String, _ body: (SQLiteFile) throws -> T) throws -> T {
        guard let lib = Library.shared else { throw Failure(description: "cannot load libsqlite3 with dlopen") }
        guard FileManager.default.fileExists(atPath: path) else { throw Failure(description: "no database at \(path)") }
        var handle: OpaquePointer?
        let rc = lib.open(path, &handle, SQLITE_OPEN_READWRITE, nil)
        defer { _ = lib.close(handle) }
        guard rc == 0, let handle else {
            throw Failure(description: "cannot open \(path): \(String(cString: lib.errorMessage(handle)!))")
        }
        _ = lib.busyTimeout(handle, 5000)
        return try body(SQLiteFile(lib: lib, handle: handle))
    }

    private let lib: Library
    private let handle: OpaquePointer

    /// Every row of `sql`, each column as text (`nil` for NULL).
    func rows(_ sql: String) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard lib.prepare(handle, sql, -1, &statement, nil) == 0, let statement else {
            throw Failure(description: "\(sql): \(String(cString: lib.errorMessage(handle)!))")
        }
        defer { _ = lib.finalize(statement) }
        var result: [[String?]] = []
        while true {
            let rc = lib.step(statement)
            if rc == Self.SQLITE_DONE { return result }
            guard rc == Self.SQLITE_ROW else {
                throw Failure(description: "\(sql): \(String(cString: lib.errorMessage(handle)!))")
            }
            result.append((0..<lib.columnCount(statement)).map { i in
                lib.columnType(statement, i) == Self.SQLITE_NULL ? nil
                    : lib.columnText(statement, i).map { String(cString: $0) } ?? ""
            })
        }
    }

    /// The first column of the first row.
    func scalar(_ sql: String) throws -> String? {
        try rows(sql).first?.first ?? nil
    }

    /// Every table, schema included, row by row (`SELECT * … ORDER BY 1, 2`): equal dumps mean
    /// equal database content.
    func dump() throws -> [String: [String]] {
        var dump: [String: [String]] = [:]
        dump["sqlite_schema"] = try rows("SELECT type, name, sql FROM sqlite_schema ORDER BY name").map { "\($0)" }
        for table in try rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").compactMap({ $0[0] }) {
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let columns = try rows("PRAGMA table_info(\(quoted))").count
            dump[table] = try rows("SELECT * FROM \(quoted) ORDER BY 1\(columns >= 2 ? ", 2" : "")").map { "\($0)" }
        }
        return dump
    }
}

/// The content of the workspace at `path`.
func dumpDatabase(_ path: String) throws -> [String: [String]] {
    try SQLiteFile.with(path) { try $0.dump() }
}
