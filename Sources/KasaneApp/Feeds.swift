import Foundation
public import KasaneCalendar
public import KasaneCore
public import KasaneStore
public import Logging
import Synchronization

/// Renders agency feeds from the published state, each agency on its own (#12.6): a value that
/// cannot be written fails that agency's feed only.
public struct FeedRenderer: Sendable {
    public let registry: Registry
    public let publisher: CalendarPublisher
    public let items: [PublishedItem]
    /// #14.7: the reminders and agenda links each agency's copy adds.
    public let copies: ReaderCopies

    public init(registry: Registry, publisher: CalendarPublisher, items: [PublishedItem], copies: ReaderCopies = .none) {
        self.registry = registry
        self.publisher = publisher
        self.items = items
        self.copies = copies
    }

    /// One agency's feed: its events and the text, or why it could not be written.
    public struct Feed: Sendable {
        public let agency: Agency
        public let events: [CalendarEvent]
        public let text: Result<String, ICalendarWriteError>
    }

    /// Every agency's feed; a failure is logged with the agency id and the error's subject (an
    /// event UID or field), never personal data.
    public func feeds(logger: Logger) -> [Feed] {
        registry.agencies.map { agency in
            let events = publisher.feed(for: agency.id, items: items)
            let extras = copies.extras(reader: DocumentsLocation.readerKey(agency: agency.id), events: events)
            do throws(ICalendarWriteError) {
                return Feed(agency: agency, events: events,
                            text: .success(try ICalendarWriter.feed(name: "\(agency.name) 会議予定 (Kasane)", events: events,
                                                                    extras: extras)))
            } catch {
                logger.error("feed not rendered", metadata: ["agency.id": "\(agency.id)", "feed.error": "\(error.subject)"])
                return Feed(agency: agency, events: events, text: .failure(error))
            }
        }
    }
}

/// The feed use cases: `kasane feeds` (files) and `feed(for:)` (what `kasane serve` serves).
public enum Feeds {
    /// One feed file written (or left as it was).
    public struct Written: Sendable {
        public let agency: AgencyID
        public let path: String
        public let events: Int
    }

    /// Writes one .ics feed per agency under `out` (a file whose content did not change is left as
    /// it is) and stores the feeds' calendar objects (publishing their state; nobody is marked as
    /// sent anything).
    /// Returns the feeds written and the agencies whose feed could not be written (with why; the
    /// others are still written: the caller reports them, e.g. as `AppError.feedsNotWritten`).
    /// - Throws: `StoreError`, `AppError`, a file system error.
    public static func write(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock, out: String,
                             logger: Logger) throws -> (written: [Written], failed: [String]) {
        let context = try PublishingContext(store: store, config: config, clock: clock)
        let renderer = FeedRenderer(registry: context.scheduling.registry, publisher: context.publisher,
                                    items: try context.observe(store: store).items, copies: context.readerCopies)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var failed: [String] = []
        var written: [Written] = []
        for feed in renderer.feeds(logger: logger) {
            switch feed.text {
            case .failure(let error):
                failed.append("\(feed.agency.id) (\(error))")
            case .success(let text):
                let path = (out as NSString).appendingPathComponent("\(feed.agency.id).ics")
                let data = Data(text.utf8)
                if FileManager.default.contents(atPath: path) != data {
                    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                }
                written.append(Written(agency: feed.agency.id, path: path, events: feed.events.count))
            }
        }
        return (written, failed)
    }

    /// Every agency's feed as it stands, composed in memory from the published state: reading a
    /// feed never writes to the workspace (#13 server). Each agency is rendered on its own: one
    /// that cannot be written is recorded as failed (and logged without personal data).
    /// - Throws: `StoreError`, `AppError` (the calendars folder, no secretariat).
    public static func render(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock,
                              logger: Logger) throws -> RenderedFeeds {
        let context = try PublishingContext(store: store, config: config, clock: clock)
        let renderer = FeedRenderer(registry: context.scheduling.registry, publisher: context.publisher,
                                    items: context.observed(), copies: context.readerCopies)
        // #14.7: reminders or links turned on, off or moved change the bytes but no event's
        // DTSTAMP: Last-Modified is then not before the settings' file (never after now).
        let settingsAt = config.publishingModifiedAt.map { min($0, clock.timestamp) }
        var feeds = RenderedFeeds()
        for feed in renderer.feeds(logger: logger) {
            switch feed.text {
            case .success(let text):
                let changedAt = max(feed.events.map(\.stamp).max() ?? UTCTimestamp(seconds: 0),
                                    settingsAt ?? UTCTimestamp(seconds: 0))
                feeds.documents[feed.agency.id] = RenderedFeed(body: Array(text.utf8), lastModified: changedAt)
            case .failure:
                feeds.failed.insert(feed.agency.id)
            }
        }
        return feeds
    }
}

/// One agency's feed body and when its content last changed (the newest DTSTAMP).
public struct RenderedFeed: Sendable, Hashable {
    public var body: [UInt8]
    public var lastModified: UTCTimestamp

    public init(body: [UInt8], lastModified: UTCTimestamp) {
        self.body = body
        self.lastModified = lastModified
    }
}

/// The feeds rendered for one workspace state: a document per agency, and the agencies whose
/// feed could not be written.
public struct RenderedFeeds: Sendable {
    public var documents: [AgencyID: RenderedFeed] = [:]
    public var failed: Set<AgencyID> = []

    public init() {}

    /// The agency's document; `nil` for an agency without a feed.
    /// - Throws: `FeedNotRendered` for an agency whose feed failed (logged when rendered).
    public func feed(for agency: AgencyID) throws(FeedNotRendered) -> RenderedFeed? {
        if failed.contains(agency) { throw FeedNotRendered() }
        return documents[agency]
    }
}

/// An agency's feed could not be rendered (the cause was logged with the agency id).
public struct FeedNotRendered: Error, Sendable {
    public init() {}
}

/// The feeds of a workspace for a server (`kasane serve`): rendered read-only from the store and
/// the calendars folder as they stand, and kept while neither changed. The key is the store's
/// workspace version, today's date (the clock's) and the calendars folder's state (names, sizes,
/// modification times: an edited, added or removed series shows on the next request, #13).
public final class WorkspaceFeeds: Sendable {
    let store: any WorkspaceStore
    let calendars: CalendarSource
    let clock: AppClock
    let logger: Logger
    private let held = Mutex<(key: String, feeds: RenderedFeeds)?>(nil)

    /// Reads the calendars folder once, so a missing or broken one stops `serve` at start with its
    /// message instead of failing every request (#12.3).
    /// - Throws: what `CalendarSource.load` throws.
    public init(store: any WorkspaceStore, calendars: CalendarSource, clock: AppClock, logger: Logger) throws {
        _ = try calendars.load()
        self.store = store
        self.calendars = calendars
        self.clock = clock
        self.logger = logger
    }

    /// What the feeds depend on besides the store's commits: the workspace version, today and the
    /// calendars folder's state.
    public func stateKey() throws -> String {
        "\(try store.workspaceVersion())|\(clock.today.iso)|\(calendars.state())"
    }

    /// Every agency's feed as it stands (blocking: SQLite and libical; call it off the event loop).
    /// - Throws: `StoreError`, `AppError` (e.g. a calendars folder broken while serving).
    public func current() throws -> RenderedFeeds {
        let key = try stateKey()
        if let kept = held.withLock({ $0 }), kept.key == key { return kept.feeds }
        let feeds = try Feeds.render(store: store, config: try calendars.load(), clock: clock, logger: logger)
        held.withLock { $0 = (key, feeds) }
        return feeds
    }
}
