public import KasaneStore
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
    /// - Throws: what the store or `load` throws.
    public func value(for key: Key, load: () async throws -> Value) async throws -> Value {
        // The token is taken before loading: a commit in between shows as a change next time.
        let previous = held.withLockedValue { $0 }
        if let previous, previous.key == key, try !store.hasChanged(since: previous.stamp) { return previous.value }
        let stamp = try store.changeToken()
        let value = try await load()
        held.withLockedValue { $0 = (stamp, key, value) }
        return value
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
