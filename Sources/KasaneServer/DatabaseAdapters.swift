public import KasaneStore
import NIOConcurrencyHelpers
import NIOPosix

/// Token lookup in the workspace. The active tokens are held in memory and read again only when
/// the workspace changed (a `ChangeWatch` look per request), so a revocation counts from the next
/// request while an unchanged workspace costs no SQLite query and no thread hop.
public final class DatabaseTokenStore: TokenStore {
    let database: AppDatabase
    let watch: ChangeWatch
    /// The active grants by token hash, and the change stamp read before they were loaded.
    private let known = NIOLockedValueBox<(stamp: Int, grants: [String: FeedGrant])?>(nil)

    /// - Throws: a storage error when the workspace cannot be watched.
    public init(database: AppDatabase) throws {
        self.database = database
        watch = try database.changeWatch()
    }

    public func grant(forTokenHash hash: String) async throws -> FeedGrant? {
        // The stamp is read before the tokens: a commit in between shows as a new stamp next time.
        let stamp = try watch.stamp()
        if let grants = known.withLockedValue({ $0?.stamp == stamp ? $0?.grants : nil }) { return grants[hash] }
        let grants = try await runBlocking { [database] in
            try database.activeFeedTokens().mapValues { FeedGrant(tokenID: $0.id, agency: $0.agency) }
        }
        known.withLockedValue { $0 = (stamp, grants) }
        return grants[hash]
    }
}

/// The audit log in the workspace's `feed_audit` table: entries are buffered in memory and
/// written in one transaction per flush, on NIO's thread pool.
public final class DatabaseAuditLog: AuditLog {
    let database: AppDatabase
    private let buffer = NIOLockedValueBox<[FeedAuditEntry]>([])

    public init(database: AppDatabase) {
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
