public import KasaneStore
import NIOConcurrencyHelpers
import NIOPosix

/// Token lookup in the workspace, run on NIO's thread pool (never on an event loop).
public struct DatabaseTokenStore: TokenStore {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func grant(forTokenHash hash: String) async throws -> FeedGrant? {
        try await NIOThreadPool.singleton.runIfActive { [database] in
            try database.activeFeedToken(hash: hash).map { FeedGrant(tokenID: $0.id, agency: $0.agency) }
        }
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
