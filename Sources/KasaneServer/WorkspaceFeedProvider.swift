public import KasaneApp
import KasaneCore
public import KasaneStore
public import Logging

/// The feeds of the workspace for `kasane serve`: the application's `WorkspaceFeeds` (every
/// agency's feed composed read-only from the store and the calendars folder as they stand, kept
/// until the workspace version, the day or the calendars folder changes), behind a
/// `WorkspaceMemo`: while nothing was committed since the last request, the day is the same and
/// the calendars folder is as it was, the feeds are served from memory without reading the
/// version. Reading the key and rendering run off the event loop. A feed GET never writes.
public struct WorkspaceFeedProvider: FeedProvider {
    let feeds: WorkspaceFeeds
    /// The feeds last served, keyed by the day and the calendars folder's state they were valid for.
    let recent: WorkspaceMemo<String, RenderedFeeds>
    let calendars: CalendarSource
    let clock: AppClock

    /// - Throws: what `WorkspaceFeeds.init` throws (a missing or broken calendars folder).
    public init(store: any WorkspaceStore, calendars: CalendarSource, clock: AppClock, logger: Logger) throws {
        feeds = try WorkspaceFeeds(store: store, calendars: calendars, clock: clock, logger: logger)
        recent = WorkspaceMemo(store: store)
        self.calendars = calendars
        self.clock = clock
    }

    /// The agency's feed; throws (the server answers 500 for this agency only) when its feed could
    /// not be rendered while the others were.
    public func feed(for agency: String) async throws -> FeedDocument? {
        let key = "\(clock.today.iso)|\(calendars.state())"
        let rendered = try await recent.value(for: key) { [feeds] in try await runBlocking { try feeds.current() } }
        return try rendered.feed(for: agency).map { FeedDocument(body: $0.body, lastModified: $0.lastModified) }
    }
}
