import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// The connections each TCP peer address holds (issue 12, point 12): at most `cap` at once, so
/// one address flooding idle connections cannot fill the server's overall limit and keep
/// `/healthz` and every feed from being served.
final class ConnectionCounter: Sendable {
    let cap: Int
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    init(cap: Int) {
        self.cap = max(1, cap)
    }

    /// Counts one more connection of `address`, unless it already holds `cap`.
    func admit(_ address: String) -> Bool {
        counts.withLockedValue { counts in
            let held = counts[address, default: 0]
            guard held < cap else { return false }
            counts[address] = held + 1
            return true
        }
    }

    /// Counts one connection of `address` less.
    func release(_ address: String) {
        counts.withLockedValue { counts in
            let held = counts[address, default: 1] - 1
            counts[address] = held > 0 ? held : nil
        }
    }

    /// The connections `address` holds now (for tests).
    func held(_ address: String) -> Int {
        counts.withLockedValue { $0[address, default: 0] }
    }
}

/// The connection over the per-address cap was closed at once.
struct ConnectionCapReached: Error {}

/// A server child channel that admits a connection only while its peer address holds fewer than
/// the cap, then sets it up as `base` does (HTTP/1.1). A refused connection is closed before any
/// byte is read; the count drops when an admitted connection closes.
struct PerAddressLimitedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let counter: ConnectionCounter

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // By the TCP peer, never by X-Forwarded-For: a header cannot buy more connections.
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        guard counter.admit(address) else {
            logger.debug("per-address connection cap reached", metadata: ["connections.cap": "\(counter.cap)"])
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionCapReached())
        }
        let counter = counter
        channel.closeFuture.whenComplete { _ in counter.release(address) }
        return base.setup(channel: channel, logger: logger).flatMapErrorThrowing { error in
            channel.close(promise: nil)
            throw error
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
