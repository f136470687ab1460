import Foundation
import HTTPTypes
import Hummingbird
import KasaneCore
@testable import KasaneServer
import KasaneStore
import Logging
import NIOConcurrencyHelpers
import KasaneApp
import Testing

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

/// The demo municipality in a workspace file of its own, scheduled, tokens for two agencies, the
/// real feed provider (#13.1: the server's tests serve what the workspace holds), and an app built
/// by `buildApplication` exactly as `kasane serve` builds it.
final class ServerHarness: Sendable {
    /// A small registry for the token-store tests that need no workspace.
    static let agencies = [
        Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "city@example.jp",
               roles: [.municipality]),
        Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
        Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted,
               mailbox: "houkatsu@example.jp"),
    ]
    /// Two agencies the demo schedule invites (the 社協 to meetings in 第1会議室).
    static let shakyo: AgencyID = "shakyo"
    static let houkatsu: AgencyID = "houkatsu-chuo"

    let workspace: DemoWorkspace
    var folder: TemporaryFolder { workspace.folder }
    var database: AppDatabase { workspace.store }
    let feeds: WorkspaceFeedProvider
    let audit: DatabaseAuditLog
    let tokens: DatabaseTokenStore
    let logLines = NIOLockedValueBox<[String]>([])
    /// Raw tokens issued during the test (never to be found at rest).
    let issued = NIOLockedValueBox<[String]>([])
    let shakyoToken: String
    let houkatsuToken: String

    init() throws {
        workspace = try DemoWorkspace(onDisk: true)
        feeds = try workspace.provider()
        audit = DatabaseAuditLog(database: workspace.store)
        tokens = DatabaseTokenStore(database: workspace.store)
        shakyoToken = try workspace.store.issueFeedToken(agency: Self.shakyo, now: workspace.clock.timestamp).secret
        houkatsuToken = try workspace.store.issueFeedToken(agency: Self.houkatsu, now: workspace.clock.timestamp).secret
        issued.withLockedValue { $0 += [shakyoToken, houkatsuToken] }
    }

    /// The agency's feed as the workspace composes it now (what a GET must serve).
    func feed(_ agency: AgencyID) throws -> RenderedFeed {
        let rendered = try Feeds.render(store: database, config: workspace.calendars.load(), clock: workspace.clock,
                                        logger: workspace.logger)
        return try #require(try rendered.feed(for: agency))
    }

    /// Schedules again after a change to `calendars/` (as the secretariat would).
    func reschedule() throws {
        _ = try Scheduling.schedule(store: database, config: workspace.calendars.load(), clock: workspace.clock,
                                    until: nil, reschedule: false)
    }

    /// Issues (or rotates to) a token and remembers it for the secrecy check.
    func rotate(_ agency: AgencyID) throws -> String {
        let token = try database.rotateFeedToken(agency: agency, now: workspace.clock.timestamp).issued.secret
        issued.withLockedValue { $0.append(token) }
        return token
    }

    var logger: Logger {
        var logger = Logger(label: "kasane.test") { [logLines] _ in CapturingLogHandler(lines: logLines) }
        logger.logLevel = .trace
        return logger
    }

    /// The app on the workspace's feeds, or on `feeds` (the real ones with a fault or a gap).
    func app(_ configuration: ServerConfiguration = .init(), feeds: (any FeedProvider)? = nil) -> some ApplicationProtocol {
        buildApplication(configuration: configuration, feeds: feeds ?? self.feeds, tokens: tokens,
                         audit: audit, clock: workspace.clock, logger: logger)
    }
}

/// The real feeds with some agencies left out: a valid token whose agency has no feed (one
/// dropped from the registry since, say) must get the same 404 as any other miss.
struct WithoutAgencies: FeedProvider {
    let base: any FeedProvider
    let hidden: Set<String>

    func feed(for agency: String) async throws -> FeedDocument? {
        hidden.contains(agency) ? nil : try await base.feed(for: agency)
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
