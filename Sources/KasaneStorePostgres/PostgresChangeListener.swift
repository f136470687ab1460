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
/// every few seconds (a connection that died silently must not leave it deaf).
final class PostgresChangeListener: Sendable {
    let channel: String
    private let configuration: PostgresConnection.Configuration
    private let state = NIOLockedValueBox<(listening: Bool, generation: Int)>((false, 0))
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private static let quiet = Logger(label: "kasane.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// How often the listening connection is checked.
    static let checkEvery: Duration = .seconds(3)

    init(channel: String, configuration: PostgresConnection.Configuration) {
        self.channel = channel
        self.configuration = configuration
    }

    /// The number of notifications and reconnections so far, or nil while not listening.
    var generation: Int? { state.withLockedValue { $0.listening ? $0.generation : nil } }

    /// Starts listening (once).
    func start() {
        task.withLockedValue { running in
            guard running == nil else { return }
            running = Task.detached { [self] in await self.run() }
        }
    }

    /// Stops listening.
    func stop() {
        task.withLockedValue { running in
            running?.cancel()
            running = nil
        }
        state.withLockedValue { $0.listening = false }
    }

    private func moved(listening: Bool) {
        state.withLockedValue { $0 = (listening, $0.generation &+ 1) }
    }

    private func run() async {
        // The check names the channel, for an operator looking at pg_stat_activity (the channel
        // is `kasane:` and a checked tenant id: no quote can be in it).
        let check = PostgresQuery(unsafeSQL: "SELECT 1 -- listening on \(channel)")
        var wait = PostgresLink.firstRetry
        while !Task.isCancelled {
            if let connection = try? await PostgresConnection.connect(
                on: PostgresLink.group.next(), configuration: configuration, id: 2, logger: Self.quiet) {
                do {
                    try await connection.listen(on: channel) { notifications in
                        moved(listening: true)
                        wait = PostgresLink.firstRetry
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await _ in notifications { self.moved(listening: true) }
                            }
                            group.addTask {
                                while true {
                                    try await Task.sleep(for: Self.checkEvery)
                                    for try await _ in try await connection.query(check, logger: Self.quiet) {}
                                }
                            }
                            // Whichever ends first (the stream, or a failed check) ends the listening.
                            _ = try await group.next()
                            group.cancelAll()
                        }
                    }
                } catch {}
                moved(listening: false)
                try? await connection.close()
            }
            guard (try? await Task.sleep(for: wait)) != nil else { break }
            wait = min(wait * 2, PostgresLink.longestRetry)
        }
        moved(listening: false)
    }
}
