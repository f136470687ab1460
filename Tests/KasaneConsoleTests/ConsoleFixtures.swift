import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneConsole
import KasaneCore
import KasaneStore
import KasaneYAML
import Logging
import Synchronization
import Testing

/// A folder under the system temporary directory, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kasane-console-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A wall clock the test moves.
final class TestWall: Sendable {
    private let seconds = Mutex<Double>(1_795_000_000)
    var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
    func advance(_ by: Double) { seconds.withLock { $0 += by } }
}

/// The demo municipality (examples/, calendars/) in a workspace file, scheduled on 2026-11-26,
/// with three console accounts (事務局 `sec`, 議長 `chair`, 閲覧 `viewer`) and the console built
/// by the same function `kasane console` uses.
final class ConsoleHarness: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let today = LocalDate(year: 2026, month: 11, day: 26)!
    static let password = "correct horse battery"

    let folder: TemporaryFolder
    let store: AppDatabase
    let calendars: CalendarSource
    let wall: TestWall
    let logger = Logger(label: "kasane.console.test")
    let configuration: ConsoleConfiguration

    /// - Parameter consoleToday: the console's today (default the day the demo was scheduled).
    init(configuration: ConsoleConfiguration = .init(), consoleToday: LocalDate = ConsoleHarness.today) throws {
        let wall = TestWall()
        self.wall = wall
        consoleClock = AppClock(now: { wall.now }, today: consoleToday)
        folder = try TemporaryFolder()
        store = try AppDatabase(path: folder.path("kasane.sqlite"), access: .create, chainKeyPath: folder.path("chain.key"))
        let registry = Self.root.appendingPathComponent("examples/registry.yaml").path
        let cases = Self.root.appendingPathComponent("examples/cases.yaml").path
        _ = try store.importRegistry(RegistryFile.parse(try readInput(registry), file: registry))
        let setupClock = AppClock.pinned(to: Self.today, wall: { Date(timeIntervalSince1970: 1_795_000_000) })
        _ = try store.importCases(CaseImportFile.parse(try readInput(cases), file: cases), today: Self.today,
                                  now: setupClock.now())
        _ = try store.importCases(CaseImportFile.parse(try readInput(Self.jointCasePath), file: Self.jointCasePath), today: Self.today,
                                  now: setupClock.now())
        let copy = folder.path("calendars")
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("calendars").path, toPath: copy)
        calendars = CalendarSource(folder: copy, origin: .flag)
        _ = try Scheduling.schedule(store: store, config: calendars.load(), clock: setupClock, until: nil, reschedule: false)
        var c = configuration
        c.templatesFolder = Self.root.appendingPathComponent("templates").path
        c.invitationsFolder = folder.path("invitations")
        self.configuration = c
        let accounts = StaffAccounts(store: store, cost: 4)
        try accounts.add("sec", role: .secretariat, password: Self.password, totp: false)
        try accounts.add("chair", role: .chair, password: Self.password, totp: false)
        try accounts.add("viewer", role: .viewer, password: Self.password, totp: false)
    }

    let consoleClock: AppClock

    /// A case the scheduler offers to hold jointly with the 地域ケア会議 (R5): `Fixtures/joint-case.yaml`.
    static let jointCasePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/joint-case.yaml").path

    func app() async throws -> some ApplicationProtocol {
        try await buildConsoleApplication(configuration: configuration, store: store, calendars: calendars,
                                          clock: consoleClock, logger: logger)
    }

    /// The personal details of every household member (the canaries of the privacy scan).
    func personalDetails() throws -> [String] {
        try store.caseFiles().flatMap { file in
            try store.memberDetails(of: file.number).values.flatMap { d in
                // Circumstances of under 6 characters (「不登校」) are words an agency's name or a
                // plan's task may hold too; every name, birth and address is scanned.
                [d.name, d.birthDate?.iso, d.address].compactMap { $0 }
                    + [d.circumstances].compactMap { $0 }.filter { $0.count >= 6 }
            }
        }
    }
}

/// A signed-in browser of the router tests: its cookies and the CSRF token of its session.
struct Browser {
    var cookies: [String: String] = [:]
    var csrf = ""

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    /// Keeps the cookies a response sets (an empty value or Max-Age=0 removes one).
    mutating func take(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            let first = line.split(separator: ";").first.map(String.init) ?? ""
            let parts = first.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count >= 1 else { continue }
            let value = parts.count == 2 ? parts[1] : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = value }
        }
    }

    func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: cookieHeader)
    }

    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)],
                       csrf: Bool = true) async throws -> TestResponse {
        let all = (csrf ? [("csrf", self.csrf)] : []) + fields
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let r = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        take(r)
        return r
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// Opens the login page, posts the account and password, and keeps the session's CSRF token.
    @discardableResult
    mutating func login(_ client: some TestClientProtocol, _ id: String, password: String = ConsoleHarness.password,
                        code: String? = nil) async throws -> TestResponse {
        let page = try await get(client, "/login")
        take(page)
        let token = try #require(Self.hidden("login_token", in: String(buffer: page.body)))
        var fields = [("login_token", token), ("id", id), ("password", password)]
        if let code { fields.append(("code", code)) }
        let r = try await post(client, "/login", fields, csrf: false)
        if r.status == .seeOther, cookies["kasane_session"] != nil {
            let home = try await get(client, "/")
            csrf = Self.hidden("csrf", in: String(buffer: home.body)) ?? ""
        }
        return r
    }

    /// The value of the hidden input `name` in `html`.
    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
