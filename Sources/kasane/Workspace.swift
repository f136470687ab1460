import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneStorePostgres
import Logging

/// Options every command shares: where the workspace is and what day it is.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "ワークスペースのデータベース（既定: $KASANE_DB、なければ ./kasane.sqlite）。")
    var db: String?

    @Option(name: .long, help: "今日の日付 YYYY-MM-DD（既定: $KASANE_TODAY、なければ Asia/Tokyo の今日）。")
    var today: String?

    @Option(name: .long, help: "カレンダーのフォルダー: 定例会 (*.ics)、closures.yaml、policy.yaml（既定: $KASANE_CALENDARS、なければ ./calendars）。")
    var calendars: String?

    @Option(name: .customLong("chain-key"), help: "ケース記録のハッシュチェーンの鍵ファイル（既定: $KASANE_CHAIN_KEY、なければワークスペースの隣の <db>.key、PostgreSQL では ./<テナント>.key）。")
    var chainKey: String?

    @Option(name: .long, help: "PostgreSQL のワークスペースの自治体（テナント）の id（既定: $KASANE_TENANT）。")
    var tenant: String?

    @Option(name: .customLong("db-password-file"), help: "PostgreSQL のパスワードを 1 行目に書いたファイル（0600。既定: $KASANE_DB_PASSWORD_FILE、なければ $PGPASSFILE）。")
    var dbPasswordFile: String?

    /// The calendar configuration of the municipality; see `CalendarConfiguration.load` for
    /// `requireSeries` (a missing calendars folder is an error for every command that needs it).
    func configuration(requireSeries: Bool = true) throws -> CalendarConfiguration {
        try calendarSource.load(requireSeries: requireSeries)
    }

    /// The calendars folder from the flag, the environment or the default, and how it was named.
    var calendarSource: CalendarSource {
        let env = ProcessInfo.processInfo.environment["KASANE_CALENDARS"]
        return CalendarSource(folder: calendars ?? env ?? "calendars",
                              origin: calendars != nil ? .flag : env != nil ? .environment : .defaultFolder)
    }

    /// The database path from the flag, the environment or the default.
    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["KASANE_DB"] ?? "kasane.sqlite"
    }

    /// Opens the workspace the way the running command may use it (`WorkspaceAccess`): readers
    /// read-only and only an existing, up-to-date file; writers an existing file, migrating it;
    /// commands that create data may create it.
    func open() throws -> any WorkspaceStore {
        let environment = ProcessInfo.processInfo.environment
        if PostgresLocation.isURL(databasePath) { return try openPostgres(environment) }
        return try openSQLite(environment)
    }

    /// The tenant of a PostgreSQL workspace (`--tenant`, `KASANE_TENANT`). - Throws: `PostgresStoreError.noTenant`.
    func tenantID() throws -> String {
        guard let id = tenant ?? ProcessInfo.processInfo.environment["KASANE_TENANT"], !id.isEmpty else {
            throw PostgresStoreError.noTenant
        }
        return id
    }

    /// The password file named by `--db-password-file` or `KASANE_DB_PASSWORD_FILE` (else PGPASSFILE is read).
    var passwordFile: String? {
        dbPasswordFile ?? ProcessInfo.processInfo.environment["KASANE_DB_PASSWORD_FILE"]
    }

    /// A tenant of a PostgreSQL database (issue 16): the same store protocol, the tenant set per transaction.
    /// The workspace as SQLite, for what only the SQLite store keeps so far (the outbox, replies,
    /// backups): on a PostgreSQL tenant it says so instead.
    func openSQLite(_ feature: String) throws -> AppDatabase {
        guard let store = try open() as? AppDatabase else {
            throw InputError(say("\(feature) は SQLite のワークスペースでだけ使えます（PostgreSQL のテナントではまだ使えません）",
                                 "\(feature) works on SQLite workspaces only (not yet on a PostgreSQL tenant)"))
        }
        return store
    }

    private func openPostgres(_ environment: [String: String]) throws -> PostgresStore {
        let tenant = try tenantID()
        let key = chainKey ?? environment["KASANE_CHAIN_KEY"]
        if let key, key.isEmpty { throw AppError.emptyChainKey }
        return try PostgresStore(url: databasePath, tenant: tenant, chainKeyPath: key ?? "\(tenant).key",
                                 passwordFile: passwordFile, createKey: WorkspaceAccess.current != .read,
                                 environment: environment)
    }

    private func openSQLite(_ environment: [String: String]) throws -> AppDatabase {
        var busyTimeout: TimeInterval = 10
        if let text = environment["KASANE_BUSY_TIMEOUT"] {
            guard let seconds = TimeInterval(text), seconds >= 0, seconds <= 3600 else {
                throw AppError.badBusyTimeout(text)
            }
            busyTimeout = seconds
        }
        let key = chainKey ?? environment["KASANE_CHAIN_KEY"]
        if let key, key.isEmpty { throw AppError.emptyChainKey }
        // Crash tests only: where to kill this process (`StopPlan`, STYLE §20).
        var stopAt: StopPlan?
        if let text = environment["KASANE_TEST_STOP_AT"] {
            guard let plan = StopPlan(text) else {
                throw InputError(say("KASANE_TEST_STOP_AT '\(text)' は使えません: \(StopPoint.allCases.map(\.rawValue).joined(separator: "、")) のどれか（:回数 も可）です",
                                     "KASANE_TEST_STOP_AT '\(text)' is not one of \(StopPoint.allCases.map(\.rawValue).joined(separator: ", ")) (optionally :N)"))
            }
            stopAt = plan
        }
        return try AppDatabase(path: databasePath, access: WorkspaceAccess.current, busyTimeout: busyTimeout,
                               chainKeyPath: key, stopAt: stopAt)
    }

    /// The day given by an `--on` flag, or today.
    func day(_ on: String?) throws -> LocalDate {
        try on.map { try parseDate($0, flag: "--on") } ?? todayDate()
    }

    /// Today in Asia/Tokyo, or the date given by `--today` / `KASANE_TODAY`.
    func todayDate() throws -> LocalDate {
        try clock().today
    }

    /// The clock of the run: the wall clock, or pinned to `--today` / `KASANE_TODAY` (then `now`
    /// is that day at the current time of day, so DTSTAMPs and feed retention follow it).
    /// - Throws: `AppError.badDate` for a date that is not a real `YYYY-MM-DD`.
    func clock() throws -> AppClock {
        guard let text = today ?? ProcessInfo.processInfo.environment["KASANE_TODAY"] else { return AppClock() }
        guard let d = LocalDate(iso: text) else { throw AppError.badDate(flag: "--today", text: text) }
        return .pinned(to: d)
    }
}

/// How each command uses the workspace, decided here for all of them (issue 12, point 9): a
/// reader never writes, never migrates and never creates the file, so it never waits for a
/// writer and a mistyped `--db` is refused instead of becoming a new empty workspace. Only the
/// commands that bring data in may create the workspace; every other command writes.
enum WorkspaceAccess {
    /// The commands that only read.
    static let readers: [any ParsableCommand.Type] = [
        AgencyCommand.List.self, PersonCommand.List.self, BodyCommand.List.self,
        CaseCommand.Show.self, CaseCommand.List.self, TriggersCommand.self,
        MeetingCommand.List.self, MeetingCommand.Show.self, FeedTokenCommand.List.self, AuditCommand.Feeds.self,
        AgendaCommand.self, MinutesCommand.self, ReportCommand.self, VerifyCommand.self, CalendarCommand.Holidays.self,
        BackupCommand.self, WorkspaceCommand.Export.self, OutboxCommand.self, RepliesCommand.Pending.self,
        RetentionCommand.Plan.self,
    ]
    /// The commands that may create the workspace.
    static let creators: [any ParsableCommand.Type] = [
        RegistryCommand.Import.self, CaseCommand.Open.self, CaseCommand.Import.self, WorkspaceCommand.Import.self,
    ]

    /// The access of `command`.
    static func of(_ command: any ParsableCommand.Type) -> AppDatabase.Access {
        let id = ObjectIdentifier(command)
        if readers.contains(where: { ObjectIdentifier($0) == id }) { return .read }
        if creators.contains(where: { ObjectIdentifier($0) == id }) { return .create }
        return .write
    }

    /// The access of the command running in this task (set by `Kasane.main`).
    @TaskLocal static var current: AppDatabase.Access = .write
}

/// The process logger: stderr, level from $KASANE_LOG_LEVEL (default warning). Never personal data.
let logger: Logger = {
    LoggingSystem.bootstrap(StreamLogHandler.standardError)
    var l = Logger(label: "kasane")
    l.logLevel = ProcessInfo.processInfo.environment["KASANE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return l
}()

/// Reads a whole input file (`AppError.cannotRead`, `.notUTF8`).
func readInput(_ path: String) throws -> String {
    try KasaneApp.readInput(path)
}

/// Parses a date flag. - Throws: `AppError.badDate`.
func parseDate(_ text: String, flag: String) throws -> LocalDate {
    guard let d = LocalDate(iso: text) else { throw AppError.badDate(flag: flag, text: text) }
    return d
}

/// Parses an enumerated flag value such as a 分野.
func parseEnum<E: RawRepresentable & CaseIterable>(_ text: String, _: E.Type, flag: String) throws -> E
    where E.RawValue == String {
    guard let v = E(rawValue: text) else {
        throw AppError.unknownValue(flag: flag, text: text, allowed: E.allCases.map(\.rawValue))
    }
    return v
}

/// Prints a value as pretty, key-sorted JSON.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Prints rows as aligned columns (display width counts CJK characters as two).
func printTable(_ header: [String], _ rows: [[String]]) {
    func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0x3000...0xFFEF).contains($1.value) ? 2 : 1) }
    }
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { width($0[i]) }.max() ?? 0 }
    for row in all {
        let cells = row.enumerated().map { i, c in
            i == row.count - 1 ? c : c + String(repeating: " ", count: widths[i] - width(c))
        }
        print(cells.joined(separator: "  "))
    }
}

/// A refused input found while running a command: printed as one line, exit status 1.
struct InputError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
