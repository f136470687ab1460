import NIOConcurrencyHelpers

/// Counts misses (404s) per client address over a sliding window; past the limit the address
/// gets 429 until old misses fall out of the window. "Now" is passed in.
final class MissLimiter: Sendable {
    typealias Instant = ContinuousClock.Instant

    let limit: Int
    let window: Duration
    private let misses = NIOLockedValueBox<[String: [Instant]]>([:])
    /// Past this many tracked addresses, stale ones are dropped (bounded memory under a flood).
    private let maxTrackedClients = 50_000

    init(limit: Int, window: Duration = .seconds(60)) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// Whether `client` has used up its misses for the window ending at `now`.
    func isLimited(_ client: String, now: Instant) -> Bool {
        misses.withLockedValue { table in
            guard var times = table[client] else { return false }
            times.removeAll { now - $0 >= window }
            table[client] = times.isEmpty ? nil : times
            return times.count >= limit
        }
    }

    /// Notes one miss by `client` at `now`.
    func recordMiss(_ client: String, now: Instant) {
        misses.withLockedValue { table in
            if table.count >= maxTrackedClients {
                table = table.filter { _, times in times.contains { now - $0 < window } }
                if table.count >= maxTrackedClients { table.removeAll() }
            }
            var times = table[client, default: []]
            times.removeAll { now - $0 >= window }
            times.append(now)
            if times.count > limit + 1 { times.removeFirst(times.count - limit - 1) }
            table[client] = times
        }
    }
}
