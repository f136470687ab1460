import Foundation
import KasaneCalendar
import KasaneCore
import KasaneServer
import KasaneStore

/// The feed content `kasane serve` serves. The calendars folder is read once first, so a missing
/// or broken one stops `serve` at start with its message instead of failing every request (#12.3).
func makeFeedProvider(database: AppDatabase, workspace: WorkspaceOptions, watch: ChangeWatch) throws -> any FeedProvider {
    _ = try workspace.configuration()
    return try WorkspaceFeedProvider(database: database, workspace: workspace, watch: watch)
}

/// The feeds of the workspace for `kasane serve`: every agency's feed is rendered from the case
/// files and the schedule as they stand (a decision, a consent change or a new schedule shows on
/// the next request), and kept until the workspace changes: the workspace version (a counter the
/// schema's triggers raise on every change; audit rows do not count) and today's date are the key.
/// A `WorkspaceMemo` comes first: while nothing was committed since the last request and the day
/// is the same, the feeds are served from memory without reading the version. Reading the key and rendering run
/// off the event loop.
struct WorkspaceFeedProvider: FeedProvider {
    let database: AppDatabase
    let workspace: WorkspaceOptions
    /// `--today` or `KASANE_TODAY`, read once (the environment does not change while serving).
    let fixedToday: LocalDate?
    let cache = FeedCache()
    /// The feeds last served, keyed by the day they were valid for.
    let recent: WorkspaceMemo<LocalDate, RenderedFeeds>

    init(database: AppDatabase, workspace: WorkspaceOptions, watch: ChangeWatch) throws {
        self.database = database
        self.workspace = workspace
        recent = WorkspaceMemo(watch: watch)
        fixedToday = workspace.today != nil || ProcessInfo.processInfo.environment["KASANE_TODAY"] != nil
            ? try workspace.todayDate() : nil
    }

    /// The agency's feed; throws (the server answers 500 for this agency only) when its feed could
    /// not be rendered while the others were.
    func feed(for agency: String) async throws -> FeedDocument? {
        try await recent.value(for: try fixedToday ?? workspace.todayDate()) { try await currentFeeds() }.feed(for: agency)
    }

    /// The feeds for the workspace version and day now, rendered again only when they changed.
    private func currentFeeds() async throws -> RenderedFeeds {
        let before = try await runBlocking { [self] in try stateKey() }
        if let hit = await cache.lookup(before) { return hit }
        let (feeds, wrote) = try await runBlocking { [database, workspace] in
            try Self.render(database: database, workspace: workspace)
        }
        // Rendering stores newly observed calendar objects: key the result after that write.
        let after = wrote ? try await runBlocking { [self] in try stateKey() } : before
        await cache.store(after, feeds)
        return feeds
    }

    /// The workspace version and today's date.
    func stateKey() throws -> String {
        "\(try database.workspaceVersion())|\(try (fixedToday ?? workspace.todayDate()).iso)"
    }

    /// Every agency's feed (each rendered on its own: one that cannot be written is recorded as
    /// failed and logged without personal data), and whether newly observed calendar objects were stored.
    static func render(database: AppDatabase, workspace: WorkspaceOptions) throws -> (RenderedFeeds, Bool) {
        let context = try PublishingContext(workspace: workspace, database: database, now: Date())
        let (items, changed) = try context.observe(database: database)
        let renderer = FeedRenderer(registry: context.scheduling.registry, publisher: context.publisher, items: items)
        var feeds = RenderedFeeds()
        for (agency, result) in renderer.feeds() {
            switch result {
            case .success(let text):
                let events = context.publisher.feed(for: agency.id, items: items)
                let changedAt = events.map(\.stamp).max() ?? UTCTimestamp(seconds: 0)
                feeds.documents[agency.id] = FeedDocument(body: Array(text.utf8), lastModified: changedAt)
            case .failure:
                feeds.failed.insert(agency.id)
            }
        }
        return (feeds, changed > 0)
    }
}

/// The feeds rendered for one workspace state: a document per agency, and the agencies whose
/// feed could not be written.
struct RenderedFeeds: Sendable {
    var documents: [AgencyID: FeedDocument] = [:]
    var failed: Set<AgencyID> = []

    /// The agency's document; `nil` for an agency without a feed.
    /// - Throws: `FeedNotRendered` for an agency whose feed failed (logged when rendered).
    func feed(for agency: AgencyID) throws -> FeedDocument? {
        if failed.contains(agency) { throw FeedNotRendered() }
        return documents[agency]
    }
}

/// An agency's feed could not be rendered (the cause was logged with the agency id).
struct FeedNotRendered: Error {}

/// The rendered feeds and the workspace state they were rendered from.
actor FeedCache {
    private var key: String?
    private var feeds = RenderedFeeds()

    func lookup(_ key: String) -> RenderedFeeds? { key == self.key ? feeds : nil }

    func store(_ key: String, _ feeds: RenderedFeeds) {
        self.key = key
        self.feeds = feeds
    }
}
