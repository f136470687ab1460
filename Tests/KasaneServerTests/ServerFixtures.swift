import Foundation
import HTTPTypes
import Hummingbird
import KasaneCore
@testable import KasaneServer
import KasaneStore
import Logging
import NIOConcurrencyHelpers

/// A folder under the system temporary directory, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kasane-server-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A feed provider whose documents the test changes between requests.
final class MutableFeedProvider: FeedProvider {
    private let documents: NIOLockedValueBox<[String: FeedDocument]>

    init(_ documents: [String: FeedDocument]) {
        self.documents = .init(documents)
    }

    func set(_ agency: String, _ document: FeedDocument?) {
        documents.withLockedValue { $0[agency] = document }
    }

    func feed(for agency: String) async throws -> FeedDocument? {
        documents.withLockedValue { $0[agency] }
    }
}

/// Keeps every log line (message and metadata) at trace level, to be searched for secrets.
struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        lines.withLockedValue { $0.append("\(event.level) \(event.message) \(all) \(event.source) \(event.function)") }
    }
}

/// A small municipality in a temporary workspace, tokens for two agencies, a feed for each,
/// and an app built by `buildApplication` exactly as `kasane serve` builds it.
final class ServerHarness: Sendable {
    static let agencies = [
        Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "city@example.jp",
               roles: [.municipality]),
        Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
        Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted,
               mailbox: "houkatsu@example.jp"),
    ]
    static let lastModified = UTCTimestamp(seconds: 1_795_000_000)

    let folder: TemporaryFolder
    let database: AppDatabase
    let feeds: MutableFeedProvider
    let audit: DatabaseAuditLog
    let tokens: DatabaseTokenStore
    let logLines = NIOLockedValueBox<[String]>([])
    /// Raw tokens issued during the test (never to be found at rest).
    let issued = NIOLockedValueBox<[String]>([])
    let kodomoToken: String
    let houkatsuToken: String

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase(path: folder.path("kasane.sqlite"))
        _ = try database.importRegistry(Registry(agencies: Self.agencies, people: [], bodies: []))
        feeds = MutableFeedProvider([
            "kodomo": Self.document("kodomo", events: 3),
            "houkatsu": Self.document("houkatsu", events: 2),
        ])
        audit = DatabaseAuditLog(database: database)
        tokens = DatabaseTokenStore(database: database)
        kodomoToken = try database.issueFeedToken(agency: "kodomo", now: Self.lastModified).secret
        houkatsuToken = try database.issueFeedToken(agency: "houkatsu", now: Self.lastModified).secret
        issued.withLockedValue { $0 += [kodomoToken, houkatsuToken] }
    }

    /// Issues (or rotates to) a token and remembers it for the secrecy check.
    func rotate(_ agency: String) throws -> String {
        let token = try database.rotateFeedToken(agency: agency, now: Self.lastModified).issued.secret
        issued.withLockedValue { $0.append(token) }
        return token
    }

    var logger: Logger {
        var logger = Logger(label: "kasane.test") { [logLines] _ in CapturingLogHandler(lines: logLines) }
        logger.logLevel = .trace
        return logger
    }

    func app(_ configuration: ServerConfiguration = .init()) -> some ApplicationProtocol {
        buildApplication(configuration: configuration, feeds: feeds, tokens: tokens,
                         audit: audit, logger: logger)
    }

    /// A feed of `events` VEVENTs, CRLF line ends, long enough for gzip to pay.
    static func document(_ agency: String, events: Int, summary: String = "支援会議", modified: UTCTimestamp = lastModified) -> FeedDocument {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kasane//Test//JA", "X-WR-CALNAME:\(agency)"]
        for i in 0..<events {
            lines += ["BEGIN:VEVENT", "UID:\(agency)-\(i)@kasane.test", "DTSTAMP:20261126T000000Z",
                      "DTSTART:2026120\(i % 9 + 1)T010000Z", "DTEND:2026120\(i % 9 + 1)T020000Z",
                      "SUMMARY:\(summary) \(i)", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return FeedDocument(body: Array(lines.map { $0 + "\r\n" }.joined().utf8), lastModified: modified)
    }
}

extension HTTPFields {
    static func with(_ pairs: [(HTTPField.Name, String)]) -> HTTPFields {
        var h = HTTPFields()
        for (n, v) in pairs { h.append(HTTPField(name: n, value: v)) }
        return h
    }
}

extension HTTPField.Name {
    static let testReferrerPolicy = Self("Referrer-Policy")!
    static let testRobots = Self("X-Robots-Tag")!
}
