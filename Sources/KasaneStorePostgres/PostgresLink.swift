import Dispatch
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
package import PostgresNIO

/// One PostgreSQL connection used synchronously (the store protocol is synchronous): every query
/// is an `EventLoopFuture` on this link's own event loop, waited for on the caller's thread with a
/// semaphore. The loop is never the caller's (the link owns a one-thread group no one else uses), so
/// a caller on another event loop — a server's handler — blocks only itself, never this loop.
/// One transaction at a time: callers of other threads wait for the lock.
package final class PostgresLink: Sendable {
    /// The event loop of every link of the process.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let configuration: PostgresConnection.Configuration
    /// The server as messages name it (never the password).
    let server: String
    private let lock = NIOLock()
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)
    private static let quiet = Logger(label: "kasane.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(configuration: PostgresConnection.Configuration, server: String) {
        self.configuration = configuration
        self.server = server
    }

    deinit {
        if let open = connection.withLockedValue({ $0 }) { Self.close(open) }
    }

    /// Closes `conn`, waiting for the goodbye unless on its own loop (then keeping it alive until
    /// closed): a connection must never be released open.
    private static func close(_ conn: PostgresConnection) {
        let closed: EventLoopFuture<Void> = conn.close()
        if closed.eventLoop.inEventLoop {
            closed.whenComplete { _ in withExtendedLifetime(conn) {} }
        } else {
            _ = try? PostgresLink.wait(closed)
        }
    }

    /// Waits for `future` on the calling thread.
    /// How long one query may take before the connection is taken for lost (`KASANE_PG_TIMEOUT`
    /// seconds, default 60): a server that went away without closing the socket must not hang a command.
    static let timeout: Double = ProcessInfo.processInfo.environment["KASANE_PG_TIMEOUT"].flatMap(Double.init) ?? 60

    /// Waits for `future` on the calling thread; nil when it took longer than `timeout`.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: Double? = nil) throws -> T? {
        precondition(!future.eventLoop.inEventLoop, "a PostgreSQL link must not be waited for on its own event loop")
        let done = DispatchSemaphore(value: 0)
        let box = NIOLockedValueBox<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            box.withLockedValue { $0 = result }
            done.signal()
        }
        if let timeout, done.wait(timeout: .now() + timeout) == .timedOut { return nil }
        if timeout == nil { done.wait() }
        return try box.withLockedValue { $0! }.get()
    }

    /// Waits for `future` (no time limit: connecting and closing have their own).
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        guard let value = try wait(future, timeout: nil) else { preconditionFailure("no time limit") }
        return value
    }

    /// After a failed connect: the error, when to try again, and the next wait (#16.4).
    private let backoff = NIOLockedValueBox<(error: PostgresStoreError, retryAt: ContinuousClock.Instant, wait: Duration)?>(nil)
    /// The first and the longest wait between two connection attempts while the server is away.
    static let firstRetry: Duration = .milliseconds(100), longestRetry: Duration = .seconds(1)

    /// The open connection, connecting (again) when there is none or it was lost. While the server
    /// is away, attempts are spaced out (100 ms doubling up to 1 s): in between, the last connect
    /// error comes back at once, so a server answering many requests from its last state neither
    /// hammers PostgreSQL nor waits for a connect timeout on each request.
    private func open() throws -> PostgresConnection {
        if let held = connection.withLockedValue({ $0 }), !held.isClosed { return held }
        let now = ContinuousClock.now
        if let failed = backoff.withLockedValue({ $0 }), now < failed.retryAt { throw failed.error }
        do {
            let made = try Self.wait(PostgresConnection.connect(on: Self.group.next(), configuration: configuration,
                                                                 id: 1, logger: Self.quiet))
            connection.withLockedValue { $0 = made }
            backoff.withLockedValue { $0 = nil }
            return made
        } catch {
            let failure = PostgresStoreError.cannotConnect(server: server, reason: Self.reason(error))
            backoff.withLockedValue { held in
                let wait = held.map { min($0.wait * 2, Self.longestRetry) } ?? Self.firstRetry
                held = (failure, ContinuousClock.now + wait, wait)
            }
            throw failure
        }
    }

    /// Runs `body` in one transaction (`BEGIN`…`COMMIT`, `ROLLBACK` when it throws) for `tenant`,
    /// set with `SET LOCAL` so it ends with the transaction. A connection lost midway rolls the
    /// transaction back (the server does) and is `PostgresStoreError.connectionLost`.
    package func transaction<T>(tenant: String?, readOnly: Bool, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try lock.withLock { () throws -> T in
            let conn = try open()
            let tx = PostgresTransaction(connection: conn, server: server)
            var committing = false
            do {
                try tx.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                if let tenant {
                    // `tenant` was checked against the tenant id pattern (no quote can be in it).
                    precondition(PostgresTenant.isValidID(tenant))
                    try tx.execute(PostgresQuery(unsafeSQL: "SET LOCAL kasane.tenant = '\(tenant)'"))
                }
                let result = try body(tx)
                committing = true
                try tx.execute("COMMIT")
                return result
            } catch let error as PostgresStoreError {
                if case .connectionLost = error { drop(conn) } else { rollback(tx) }
                throw committing ? PostgresStoreError.connectionLost(server: server, duringCommit: true) : error
            } catch {
                if conn.isClosed || Self.isConnectionError(error) {
                    drop(conn)
                    throw PostgresStoreError.connectionLost(server: server, duringCommit: committing)
                }
                rollback(tx)
                throw error
            }
        }
    }

    private func rollback(_ tx: PostgresTransaction) {
        do { try tx.execute("ROLLBACK") } catch { drop(tx.connection) }
    }

    private func drop(_ conn: PostgresConnection) {
        connection.withLockedValue { held in if held === conn { held = nil } }
        Self.close(conn)
    }

    /// Closes the connection (the next transaction opens a new one).
    package func close() {
        lock.withLock {
            if let held = connection.withLockedValue({ $0 }) { drop(held) }
        }
    }

    static func isConnectionError(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is ChannelError || error is IOError }
        // 57P01–57P03: the server is shutting down or restarting; class 08: connection exceptions.
        if let state = error.serverInfo?[.sqlState], state.hasPrefix("57P") || state.hasPrefix("08") { return true }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown]
            .contains(error.code)
    }

    /// What the server or the network said, for a message (never the password: it is not in any).
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// The queries of one transaction.
package struct PostgresTransaction {
    let connection: PostgresConnection
    let server: String
    private static let quiet = Logger(label: "kasane.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The result of `query`, or `connectionLost` when the connection is closed or the answer does not come.
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        guard !connection.isClosed else { throw PostgresStoreError.connectionLost(server: server, duringCommit: false) }
        let future = connection.query(query, logger: Self.quiet)
        guard let result = try PostgresLink.wait(future, timeout: PostgresLink.timeout) else {
            _ = connection.close() as EventLoopFuture<Void>
            throw PostgresStoreError.connectionLost(server: server, duringCommit: false)
        }
        return result
    }

    /// The rows of `query`.
    package func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try run(query).rows
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            if connection.isClosed || PostgresLink.isConnectionError(error) {
                throw PostgresStoreError.connectionLost(server: server, duringCommit: false)
            }
            throw error
        }
    }

    /// Runs `query`; returns the number of rows it changed.
    @discardableResult
    package func execute(_ query: PostgresQuery) throws -> Int {
        do {
            return try run(query).metadata.rows ?? 0
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            if connection.isClosed || PostgresLink.isConnectionError(error) {
                throw PostgresStoreError.connectionLost(server: server, duringCommit: false)
            }
            throw error
        }
    }

    /// The first column of the first row, or nil.
    package func value<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) throws -> T? {
        try self.query(query).first.map { try $0.decode(T.self) }
    }
}
