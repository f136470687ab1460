import NIOConcurrencyHelpers

/// Counts misses (unknown tokens and paths) per client address over a sliding window; past the
/// limit the address's misses get 429 until old misses fall out of the window. Only misses are
/// asked about: a request with a valid token never comes here. "Now" is passed in.
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

    /// Notes a miss by `client` at `now` and tells whether it is over the limit (answer 429):
    /// true when the window already holds `limit` misses (that miss is then not counted again).
    func miss(_ client: String, now: Instant) -> Bool {
        if isLimited(client, now: now) { return true }
        recordMiss(client, now: now)
        return false
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
