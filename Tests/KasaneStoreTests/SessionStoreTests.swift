import Foundation
import KasaneCore
import KasaneStore
import Testing

private typealias F = Fixture

/// The stored schedule: sessions as records (R20), carried items, session states.
@Suite("AppDatabase: sessions and their items")
struct SessionStoreTests {
    static func session(_ id: String, on iso: String) -> Session {
        Session(id: id, kind: .regular, seriesUID: "series-jusou", title: "重層的支援会議", bodies: ["jusou"],
                date: F.date(iso), start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 960), capacity: 4,
                minutesPerItem: 30, location: nil, onlineURL: nil)
    }

    static func item(_ trigger: String, in session: String, key: String? = nil, position: Int = 0) -> ScheduledItem {
        ScheduledItem(triggerID: trigger, caseNumber: "R8-1", sessionID: session, position: position,
                      start: TimeOfDay(minutes: 840 + 30 * position), end: TimeOfDay(minutes: 870 + 30 * position),
                      meetingKind: .multiAgency, dueOn: F.date("2026-12-10"), reason: "test", calendarKey: key)
    }

    @Test("R20: saving a schedule never changes, removes or empties a session whose day has come, nor its items")
    func recordsAreNeverTouched() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let held = Self.session("jusou-2026-11-11", on: "2026-11-11")
        let next = Self.session("jusou-2026-12-09", on: "2026-12-09")
        let first = [Self.item("R8-1#3", in: held.id), Self.item("R8-1#4", in: next.id)]
        _ = try db.saveSchedule(items: first, sessions: [held, next], today: F.date("2026-11-02"))
        // Weeks later a run that no longer mentions the held session (its trigger was decided).
        var moved = held
        moved.start = TimeOfDay(minutes: 600)
        let report = try db.saveSchedule(items: [Self.item("R8-1#4", in: next.id)], sessions: [moved, next],
                                         today: F.date("2026-11-26"))
        #expect(report.itemsRemoved == 0 && report.sessionsRemoved == 0 && report.sessionsChanged == 0)
        #expect(try db.sessions().map(\.id) == [held.id, next.id])
        #expect(try db.sessions().first?.start == held.start)
        #expect(Set(try db.scheduledItems()) == Set(first))
        // A future session left empty is still forgotten.
        _ = try db.saveSchedule(items: [], sessions: [], today: F.date("2026-11-26"))
        #expect(try db.sessions().map(\.id) == [held.id])
    }

    @Test("R20: an item carried over from a held session is a second row with its own calendar key")
    func carriedItemIsASecondRow() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let held = Self.session("jusou-2026-11-11", on: "2026-11-11")
        let next = Self.session("jusou-2026-12-09", on: "2026-12-09")
        _ = try db.saveSchedule(items: [Self.item("R8-1#3", in: held.id)], sessions: [held], today: F.date("2026-11-02"))
        var carried = Self.item("R8-1#3", in: next.id, key: ScheduledItem.carriedKey("R8-1#3", from: held.id))
        carried.carriedFrom = held.id
        let report = try db.saveSchedule(items: [Self.item("R8-1#3", in: held.id), carried], sessions: [held, next],
                                         today: F.date("2026-11-12"))
        #expect(report.itemsAdded == 1)
        let items = try db.scheduledItems()
        #expect(items.map(\.sessionID) == [held.id, next.id])
        #expect(items.last == carried)
    }

    @Test("R20: a session is marked held, then minuted, only from its day on and never back")
    func sessionStates() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let next = Self.session("jusou-2026-12-09", on: "2026-12-09")
        _ = try db.saveSchedule(items: [Self.item("R8-1#3", in: next.id)], sessions: [next], today: F.date("2026-11-26"))
        #expect(throws: StoreError.self) { try db.setState(.held, of: next.id, today: F.date("2026-12-08")) }
        try db.setState(.held, of: next.id, today: F.date("2026-12-09"))
        #expect(try db.sessions().first?.state == .held)
        try db.setState(.minuted, of: next.id, today: F.date("2026-12-10"))
        #expect(throws: StoreError.self) { try db.setState(.held, of: next.id, today: F.date("2026-12-10")) }
        #expect(throws: StoreError.self) { try db.setState(.held, of: "no-such", today: F.date("2026-12-10")) }
        // A held session is a record even before a later run's today reaches it: nothing moves it.
        _ = try db.saveSchedule(items: [], sessions: [], today: F.date("2026-11-26"))
        #expect(try db.sessions().map(\.state) == [.minuted])
    }
}
