import KasaneApp
import KasaneCore
import KasaneStore
import Synchronization

/// One value per key, worked out once and shared between requests: the first request that needs
/// a key starts the work, every request that comes while it runs waits for that same work rather
/// than doing it again (#15 performance). A failed attempt is not kept (the next request tries
/// again). At most `limit` keys are kept; past it the oldest are dropped.
final class SharedWork<Value: Sendable>: Sendable {
    private struct Held {
        var tasks: [String: Task<Value, any Error>] = [:]
        var order: [String] = []
    }

    private let held = Mutex(Held())
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value for `key`: the one kept, the one being worked out, or `make()` run now.
    func value(for key: String, _ make: @escaping @Sendable () throws -> Value) async throws -> Value {
        let task = held.withLock { h -> Task<Value, any Error> in
            if let running = h.tasks[key] { return running }
            while h.order.count >= limit, !h.order.isEmpty { h.tasks[h.order.removeFirst()] = nil }
            let made = Task { try make() }
            h.tasks[key] = made
            h.order.append(key)
            return made
        }
        do {
            return try await task.value
        } catch {
            held.withLock { h in
                if h.tasks[key] == task {
                    h.tasks[key] = nil
                    h.order.removeAll { $0 == key }
                }
            }
            throw error
        }
    }
}

/// What the console keeps between requests so a page does not work the whole city out again:
/// the calendars folder as loaded, and the city's view (`CityView`: the scheduling preview, the
/// dashboard's rows, the meetings' pages, the 出欠 answers). Each is used only while what it was
/// made from is unchanged — the workspace version (moved by every commit to what pages are made
/// from, by the console or by the CLI in another process), today, and the calendars folder's
/// state — so every page still shows the workspace as it is at the request (#15.3).
final class ConsoleMemo: Sendable {
    private let configuration = Mutex<(state: String, value: CalendarConfiguration)?>(nil)
    /// The city's view of the current key only.
    let city = SharedWork<CityView>(limit: 1)

    /// The calendars folder's configuration, loaded again when a file in it changed.
    func calendarConfiguration(_ source: CalendarSource) throws -> CalendarConfiguration {
        let state = source.state()
        if let held = configuration.withLock({ $0 }), held.state == state { return held.value }
        let loaded = try source.load()
        configuration.withLock { $0 = (state, loaded) }
        return loaded
    }
}
