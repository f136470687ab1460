import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// Listens on a tenant's change channel (`LISTEN "kasane:TENANT"`, #16.3) on a connection of its
/// own, so a `serve` process learns of another process's commit without asking on every request.
/// Every notification, and every (re)connection (notifications may have been missed while away),
/// moves `generation`. While not listening (not yet connected, the connection dropped, the
/// database restarting) `generation` is nil and the store falls back to reading its commit
/// counter. It reconnects by itself, 100 ms doubling up to 1 s apart, and checks the connection
/// every 3 s (a connection that died silently must not leave it deaf).
///
/// Everything runs on the links' NIO event loop, never on Swift's cooperative threads: a server
/// whose handlers are busy (or blocked in a query) still hears a notification at once.
final class PostgresChangeListener: Sendable {
    let channel: String
    private let configuration: PostgresConnection.Configuration
    private struct State {
        var started = false, stopped = false, listening = false
        var generation = 0
        var connection: PostgresConnection?
    }
    private let state = NIOLockedValueBox(State())
    private static let quiet = Logger(label: "kasane.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// How often the listening connection is checked.
    static let checkEvery: TimeAmount = .seconds(3)
    /// The check names the channel, for an operator looking at pg_stat_activity (the channel is
    /// `kasane:` and a checked tenant id: no quote can be in it).
    private var check: PostgresQuery { PostgresQuery(unsafeSQL: "SELECT 1 -- listening on \(channel)") }

    init(channel: String, configuration: PostgresConnection.Configuration) {
        self.channel = channel
        self.configuration = configuration
    }

    /// The number of notifications and reconnections so far, or nil while not listening.
    var generation: Int? { state.withLockedValue { $0.listening ? $0.generation : nil } }

    /// Starts listening (once).
    func start() {
        guard state.withLockedValue({ s in defer { s.started = true }; return !s.started && !s.stopped }) else { return }
        attempt(failures: 0)
    }

    /// Stops listening and closes the connection.
    func stop() {
        let open = state.withLockedValue { s -> PostgresConnection? in
            s.stopped = true
            s.listening = false
            defer { s.connection = nil }
            return s.connection
        }
        if let open { Self.drop(open) }
    }

    private static func drop(_ connection: PostgresConnection) {
        _ = connection.close() as EventLoopFuture<Void>
    }

    private var stopped: Bool { state.withLockedValue { $0.stopped } }

    /// One connection attempt; after `failures` failed ones in a row.
    private func attempt(failures: Int) {
        guard !stopped else { return }
        let loop = PostgresLink.group.next()
        PostgresConnection.connect(on: loop, configuration: configuration, id: 2, logger: Self.quiet).whenComplete { result in
            switch result {
            case .failure:
                self.retry(on: loop, after: min(100 << min(failures, 4), 1000), failures: failures + 1)
            case .success(let connection):
                self.listen(on: connection)
            }
        }
    }

    private func retry(on loop: any EventLoop, after milliseconds: Int, failures: Int) {
        guard !stopped else { return }
        loop.scheduleTask(in: .milliseconds(Int64(milliseconds))) { self.attempt(failures: failures) }
    }

    private func listen(on connection: PostgresConnection) {
        let kept = state.withLockedValue { s -> Bool in
            guard !s.stopped else { return false }
            s.connection = connection
            return true
        }
        guard kept else { return Self.drop(connection) }
        connection.addListener(channel: channel) { _, _ in
            self.state.withLockedValue { $0.generation &+= 1 }
        }
        connection.closeFuture.whenComplete { _ in
            self.state.withLockedValue { s in
                s.listening = false
                s.generation &+= 1
                if s.connection === connection { s.connection = nil }
            }
            self.retry(on: connection.eventLoop, after: 100, failures: 0)
        }
        // The LISTEN went out before this query: once it is answered, notifications are coming.
        confirm(connection, first: true)
    }

    /// Runs the check on `connection`: listening once it answers (the first time), the connection
    /// closed when it fails; then again in `checkEvery`.
    private func confirm(_ connection: PostgresConnection, first: Bool) {
        connection.query(check, logger: Self.quiet).whenComplete { result in
            guard case .success = result else { return Self.drop(connection) }
            if first {
                self.state.withLockedValue { s in
                    s.listening = !s.stopped
                    s.generation &+= 1
                }
            }
            connection.eventLoop.scheduleTask(in: Self.checkEvery) {
                if !connection.isClosed { self.confirm(connection, first: false) }
            }
        }
    }
}
