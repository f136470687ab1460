import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneCore
@testable import KasaneServer
import KasaneStore
import KasaneYAML
import Logging
import Testing

/// The demo municipality (examples/registry.yaml, examples/cases.yaml, calendars/) in an
/// in-memory store, scheduled, with the real feed provider (#13.1, #13 server).
final class DemoWorkspace: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let today = LocalDate(year: 2026, month: 11, day: 26)!
    /// A fixed wall clock (11:06:40 UTC), so DTSTAMPs do not depend on when the test runs.
    static let wall: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_000_000) }

    let folder: TemporaryFolder
    let store: AppDatabase
    let calendars: CalendarSource
    let clock: AppClock
    let logger = Logger(label: "kasane.test")

    /// - Parameter onDisk: a workspace file (with its -wal and key) instead of an in-memory store.
    init(clock: AppClock = .pinned(to: DemoWorkspace.today, wall: DemoWorkspace.wall), onDisk: Bool = false) throws {
        folder = try TemporaryFolder()
        store = onDisk ? try AppDatabase(path: folder.path("kasane.sqlite"))
            : try AppDatabase(writer: DatabaseQueue(), chainKeyPath: folder.path("chain.key"))
        let registry = Self.root.appendingPathComponent("examples/registry.yaml").path
        let cases = Self.root.appendingPathComponent("examples/cases.yaml").path
        _ = try store.importRegistry(RegistryFile.parse(try readInput(registry), file: registry))
        _ = try store.importCases(CaseImportFile.parse(try readInput(cases), file: cases), today: Self.today,
                                  now: clock.now())
        let copy = folder.path("calendars")
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("calendars").path, toPath: copy)
        calendars = CalendarSource(folder: copy, origin: .flag)
        self.clock = clock
        _ = try Scheduling.schedule(store: store, config: calendars.load(), clock: clock, until: nil, reschedule: false)
    }

    func provider() throws -> WorkspaceFeedProvider {
        try WorkspaceFeedProvider(store: store, calendars: calendars, clock: clock, logger: logger)
    }

    func app(_ feeds: any FeedProvider) -> some ApplicationProtocol {
        buildApplication(configuration: .init(), feeds: feeds, tokens: DatabaseTokenStore(database: store),
                         audit: DatabaseAuditLog(database: store), clock: clock, logger: logger)
    }

    /// The agency with the most events in its feed (one the demo schedule invites).
    func busiestAgency() throws -> AgencyID {
        let rendered = try Feeds.render(store: store, config: calendars.load(), clock: clock, logger: logger)
        let counts = rendered.documents.mapValues { String(decoding: $0.body, as: UTF8.self).components(separatedBy: "BEGIN:VEVENT").count }
        return try #require(counts.max { $0.value < $1.value }?.key)
    }
}

@Suite("Feed server on the real feed provider (#13.1, #13 server)")
struct WorkspaceFeedTests {
    @Test("a feed GET serves the agency's events composed from the workspace")
    func servesWorkspaceFeed() async throws {
        let w = try DemoWorkspace()
        let agency = try w.busiestAgency()
        let token = try w.store.issueFeedToken(agency: agency, now: w.clock.timestamp).secret
        try await w.app(try w.provider()).test(.router) { client in
            let r = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(r.status == .ok)
            let body = String(buffer: r.body)
            #expect(body.contains("BEGIN:VEVENT"))
            #expect(body.contains("X-WR-CALNAME:"))
        }
    }

    @Test("#13 server: a feed GET never writes to the workspace (no calendar object stored, version unmoved)")
    func getIsReadOnly() async throws {
        let w = try DemoWorkspace()
        let agency = try w.busiestAgency()
        let token = try w.store.issueFeedToken(agency: agency, now: w.clock.timestamp).secret
        let version = try w.store.workspaceVersion()
        #expect(try w.store.publishedItems().isEmpty)
        let provider = try w.provider()
        let etag = try await w.app(provider).test(.router) { client in
            let first = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(first.status == .ok)
            let second = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(second.headers[.eTag] == first.headers[.eTag], "the same state gives the same bytes")
            return first.headers[.eTag]
        }
        #expect(try w.store.publishedItems().isEmpty, "a GET stores no calendar object")
        #expect(try w.store.workspaceVersion() == version)
        // Publishing stays with `feeds`/`invite`: after it, the feed serves what was published.
        let published = try Feeds.write(store: w.store, config: w.calendars.load(), clock: w.clock,
                                        out: w.folder.path("feeds"), logger: w.logger)
        #expect(published.failed.isEmpty)
        #expect(try !w.store.publishedItems().isEmpty)
        let written = try #require(FileManager.default.contents(atPath: w.folder.path("feeds/\(agency).ics")))
        try await w.app(provider).test(.router) { client in
            let after = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(Array(buffer: after.body) == Array(written), "the served feed is the published one")
            #expect(after.headers[.eTag] == etag, "publishing what the feed showed changes nothing in it")
        }
    }

    @Test("#13 server: editing calendars/ while serving shows on the next request")
    func calendarsEditNoticed() async throws {
        let w = try DemoWorkspace()
        let agency = try w.busiestAgency()
        let token = try w.store.issueFeedToken(agency: agency, now: w.clock.timestamp).secret
        let provider = try w.provider()
        try await w.app(provider).test(.router) { client in
            let before = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(String(buffer: before.body).contains("第1会議室"))
            // The secretariat moves the standing series to another room, with no database change.
            let series = w.calendars.folder + "/jusou.ics"
            let text = try String(contentsOfFile: series, encoding: .utf8)
            try text.replacingOccurrences(of: "第1会議室", with: "第2会議室").write(toFile: series, atomically: true, encoding: .utf8)
            _ = try Scheduling.schedule(store: w.store, config: w.calendars.load(), clock: w.clock, until: nil,
                                        reschedule: false)
            let after = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(after.headers[.eTag] != before.headers[.eTag])
            #expect(String(buffer: after.body).contains("第2会議室"))
        }
    }

    @Test("#13 server: a calendars/ edit with no database change is read on the next request (the folder is in the cache key)")
    func calendarsEditWithoutCommit() async throws {
        let w = try DemoWorkspace()
        let agency = try w.busiestAgency()
        let token = try w.store.issueFeedToken(agency: agency, now: w.clock.timestamp).secret
        let series = w.calendars.folder + "/jusou.ics"
        let original = try String(contentsOfFile: series, encoding: .utf8)
        try await w.app(try w.provider()).test(.router) { client in
            let before = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(before.status == .ok)
            // A series now names a body the registry does not know: the configuration is read
            // again and refused (500), instead of the feeds kept from before the edit.
            try original.replacingOccurrences(of: "X-KASANE-BODIES:", with: "X-KASANE-BODIES:nowhere,")
                .write(toFile: series, atomically: true, encoding: .utf8)
            let broken = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(broken.status == .internalServerError)
            // Put back: served again, the same bytes.
            try original.write(toFile: series, atomically: true, encoding: .utf8)
            let restored = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(restored.status == .ok)
            #expect(restored.headers[.eTag] == before.headers[.eTag])
        }
    }

    @Test("#13 server: the calendars folder's state changes with an edit, an added and a removed file")
    func folderState() throws {
        let folder = try TemporaryFolder()
        let source = CalendarSource(folder: folder.url.path, origin: .flag)
        try "a".write(toFile: folder.path("a.ics"), atomically: true, encoding: .utf8)
        let first = source.state()
        #expect(source.state() == first)
        try "ab".write(toFile: folder.path("a.ics"), atomically: true, encoding: .utf8)
        let edited = source.state()
        #expect(edited != first)
        try "b".write(toFile: folder.path("b.ics"), atomically: true, encoding: .utf8)
        let added = source.state()
        #expect(added != edited)
        try FileManager.default.removeItem(atPath: folder.path("b.ics"))
        #expect(source.state() != added)
    }

    @Test("#13 server: the server's clock is injected: audit times and Last-Modified follow --today")
    func clockInjected() async throws {
        let pinned = AppClock.pinned(to: LocalDate(year: 2027, month: 3, day: 31)!, wall: DemoWorkspace.wall)
        let w = try DemoWorkspace(clock: pinned)
        let agency = try w.busiestAgency()
        let token = try w.store.issueFeedToken(agency: agency, now: w.clock.timestamp).secret
        let audit = DatabaseAuditLog(database: w.store)
        let app = buildApplication(configuration: .init(), feeds: try w.provider(), tokens: DatabaseTokenStore(database: w.store),
                                   audit: audit, clock: pinned, logger: w.logger)
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.lastModified] == "Wed, 31 Mar 2027 11:06:40 GMT", "\(r.headers)")
        }
        try await audit.flush()
        let row = try #require(try w.store.feedAudit(agency: agency, since: nil, limit: nil).first)
        #expect(UTCTimestamp(seconds: row.at.seconds + 9 * 3600).date == LocalDate(year: 2027, month: 3, day: 31)!)
    }

    @Test("#14.7: reminders turned on change a feed's bytes (so its ETag), not its events; Last-Modified is not before the settings' change, never after now")
    func remindersChangeBytesNotEvents() throws {
        let w = try DemoWorkspace()
        _ = try Feeds.write(store: w.store, config: w.calendars.load(), clock: w.clock, out: w.folder.path("feeds"),
                            logger: w.logger)
        let agency = try w.busiestAgency()
        let later = AppClock.pinned(to: LocalDate(year: 2026, month: 11, day: 30)!, wall: DemoWorkspace.wall)
        func feed() throws -> RenderedFeed {
            try #require(try Feeds.render(store: w.store, config: w.calendars.load(), clock: later, logger: w.logger)
                .feed(for: agency))
        }
        func stamps(_ f: RenderedFeed) -> [String] {
            String(decoding: f.body, as: UTF8.self).components(separatedBy: "\r\n")
                .filter { $0.hasPrefix("SEQUENCE:") || $0.hasPrefix("DTSTAMP:") || $0.hasPrefix("UID:") }
        }
        let before = try feed()
        #expect(before.lastModified == w.clock.timestamp, "the newest DTSTAMP")
        #expect(!String(decoding: before.body, as: UTF8.self).contains("VALARM"))
        let file = w.calendars.folder + "/publishing.yaml"
        try "reminders: {dayBefore: true, hourBefore: true}\n".write(toFile: file, atomically: true, encoding: .utf8)
        func touch(_ t: UTCTimestamp) throws {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(t.seconds))],
                                                  ofItemAtPath: file)
        }
        let edited = UTCTimestamp(seconds: w.clock.timestamp.seconds + 2 * 86400)
        try touch(edited)
        let after = try feed()
        #expect(after.body != before.body && String(decoding: after.body, as: UTF8.self).contains("TRIGGER;RELATED=START:-PT1H"))
        #expect(Representation.etag(of: after.body) != Representation.etag(of: before.body))
        #expect(stamps(after) == stamps(before), "no SEQUENCE or DTSTAMP moved")
        #expect(after.lastModified == edited)
        try touch(UTCTimestamp(seconds: later.timestamp.seconds + 10 * 86400))
        #expect(try feed().lastModified == later.timestamp, "never after now")
        // Turned off in the file (not removed), Last-Modified still follows the file.
        try "reminders: {dayBefore: false}\n".write(toFile: file, atomically: true, encoding: .utf8)
        try touch(edited)
        let off = try feed()
        #expect(off.body == before.body && off.lastModified == edited, "a client that saw the alarms fetches again")
    }
}
