public import KasaneStore
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// A value kept while the workspace is unchanged: held with the store's `ChangeToken` (and the
/// `Key`) it was loaded under, and loaded again when either moved (`WorkspaceStore.hasChanged`).
/// A change made by any process shows on the next request; an unchanged SQLite workspace costs
/// one look at its WAL index.
public final class WorkspaceMemo<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    let store: any WorkspaceStore
    private let held = NIOLockedValueBox<(stamp: ChangeToken, key: Key, value: Value)?>(nil)

    public init(store: any WorkspaceStore) {
        self.store = store
    }

    /// The value held for `key` while nothing was committed since it was loaded, else `load()`'s.
    /// While the store is unreachable (`StoreOutageError`: PostgreSQL stopped or restarting), the
    /// value last loaded is answered — whatever its key — and the store is asked again on the next
    /// call, so a server keeps its last good state and picks up changes once the store is back (#16.4).
    /// - Throws: what the store or `load` throws (an outage only when nothing was ever loaded).
    public func value(for key: Key, load: () async throws -> Value) async throws -> Value {
        let previous = held.withLockedValue { $0 }
        do {
            // The token is taken before loading: a commit in between shows as a change next time.
            if let previous, previous.key == key, try !store.hasChanged(since: previous.stamp) {
                StoreOutageNotice.shared.reached()
                return previous.value
            }
            let stamp = try store.changeToken()
            let value = try await load()
            held.withLockedValue { $0 = (stamp, key, value) }
            StoreOutageNotice.shared.reached()
            return value
        } catch let error where isStoreOutage(error) {
            StoreOutageNotice.shared.unreachable(error)
            guard let previous else { throw error }
            return previous.value
        }
    }
}

/// Says in the server's log, once, that the database cannot be reached (and that the feeds are
/// answered from their last state), and once that it is back: never one line per request, and
/// never a token, an address or anything about a household (only the error's type).
final class StoreOutageNotice: Sendable {
    static let shared = StoreOutageNotice()
    private let down = NIOLockedValueBox(false)
    private let logger = Logger(label: "kasane.serve")

    /// A store call failed with an outage.
    func unreachable(_ error: any Error) {
        guard down.withLockedValue({ was in defer { was = true }; return !was }) else { return }
        logger.warning("データベースに接続できません。最後に作成した状態のフィードで応答を続け、自動で再接続します",
                       metadata: ["error.type": "\(type(of: error))"])
    }

    /// A store call succeeded.
    func reached() {
        guard down.withLockedValue({ was in defer { was = false }; return was }) else { return }
        logger.notice("データベースに再接続しました。次の要求から最新の状態で応答します")
    }
}

/// Token lookup in the workspace. The active tokens are held in a `WorkspaceMemo`, so a
/// revocation counts from the next request while an unchanged workspace costs no SQLite query
/// and no thread hop.
public final class DatabaseTokenStore: TokenStore {
    let database: any WorkspaceStore
    /// The active grants by token hash.
    private let grants: WorkspaceMemo<Int, [String: FeedGrant]>

    public init(database: any WorkspaceStore) {
        self.database = database
        grants = WorkspaceMemo(store: database)
    }

    public func grant(forTokenHash hash: String) async throws -> FeedGrant? {
        try await grants.value(for: 0) {  // no key beyond the workspace itself
            try await runBlocking { [database] in
                try database.activeFeedTokens().mapValues { FeedGrant(tokenID: $0.id, agency: $0.agency) }
            }
        }[hash]
    }
}

/// The audit log in the workspace's `feed_audit` table: entries are buffered in memory and
/// written in one transaction per flush, on NIO's thread pool.
public final class DatabaseAuditLog: AuditLog {
    let database: any WorkspaceStore
    private let buffer = NIOLockedValueBox<[FeedAuditEntry]>([])

    public init(database: any WorkspaceStore) {
        self.database = database
    }

    public func record(_ read: FeedAuditEntry) {
        buffer.withLockedValue { $0.append(read) }
    }

    public func flush() async throws {
        let batch = buffer.withLockedValue { b -> [FeedAuditEntry] in
            defer { b.removeAll(keepingCapacity: true) }
            return b
        }
        guard !batch.isEmpty else { return }
        do {
            try await NIOThreadPool.singleton.runIfActive { [database] in try database.recordFeedReads(batch) }
            StoreOutageNotice.shared.reached()
        } catch {
            buffer.withLockedValue { $0.insert(contentsOf: batch, at: 0) }
            throw error
        }
    }
}

/// Runs blocking work (SQLite, libical, file reads) on NIO's thread pool, off the event loops
/// and off Swift's cooperative threads: for `FeedProvider`s that render synchronously.
/// - Throws: what `body` throws, or a thread-pool error when the pool is shutting down.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
