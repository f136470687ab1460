import Foundation
import GRDB
import KasaneCore
import KasaneStore
import Testing

private typealias F = Fixture

/// #13.3: placement reasons are stored typed, as JSON in `session_item.reason` (no schema change),
/// and a row written as English text by an earlier version still reads, as `.legacy`.
@Suite("AppDatabase: typed placement reasons")
struct PlacementReasonStoreTests {
    static let session = Session(
        id: "jusou-2026-12-09", kind: .regular, seriesUID: "series-jusou", title: "重層的支援会議", bodies: ["jusou"],
        date: F.date("2026-12-09"), start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 960), capacity: 4,
        minutesPerItem: 30, location: nil, onlineURL: nil)

    static func item(_ reason: PlacementReason) -> ScheduledItem {
        ScheduledItem(triggerID: "R8-1#3", caseNumber: "R8-1", sessionID: session.id, position: 0,
                      start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870), meetingKind: .multiAgency,
                      dueOn: F.date("2026-12-10"), reason: reason)
    }

    static let reasons: [PlacementReason] = [
        .earliestRegular(kind: .multiAgency, dueOn: F.date("2026-12-10"), rule: "R6-1",
                         fullBefore: FirstFew(["jusou-2026-11-11"])),
        .carriedOver(from: "jusou-2026-11-11", heldOn: F.date("2026-11-11"), reason: .adHoc(AdHocPlacement(
            slot: .proposed(title: "随時 重層的支援会議", date: F.date("2026-12-09"), start: TimeOfDay(minutes: 840)),
            rule: "R6-4", because: [.urgent, .overdue(since: F.date("2026-12-01"))],
            notes: [.earliestBusinessDay(from: F.date("2026-12-05"), closed: [])]))),
        .acceptedJointHolding(body: "chiiki-care", acceptedOn: F.date("2026-11-20")),
        .legacy("kept as written"),
    ]

    @Test("a typed reason is stored as JSON in the same column and reads back equal", arguments: reasons)
    func roundTrip(reason: PlacementReason) throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        _ = try db.saveSchedule(items: [Self.item(reason)], sessions: [Self.session], today: F.date("2026-11-26"))
        #expect(try db.scheduledItems().map(\.reason) == [reason])
        let stored = try DatabaseQueue(path: folder.path("kasane.sqlite")).read { db in
            try String.fetchOne(db, sql: "SELECT reason FROM session_item")
        }
        #expect(stored?.hasPrefix("{") == true)
        #expect(stored.map(PlacementReason.init(storedText:)) == reason)
    }

    @Test("a reason an earlier version stored as English text still reads, as .legacy with its text")
    func legacyRowReads() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let typed = Self.item(Self.reasons[0])
        _ = try db.saveSchedule(items: [typed], sessions: [Self.session], today: F.date("2026-11-26"))
        let old = "earliest 重層的支援会議 session before the due date 2026-12-10 with room (R6-1)"
        try DatabaseQueue(path: folder.path("kasane.sqlite")).write { db in
            try db.execute(sql: "UPDATE session_item SET reason = ?", arguments: [old])
        }
        let read = try #require(try db.scheduledItems().first)
        #expect(read.reason == .legacy(old))
        var expected = typed
        expected.reason = .legacy(old)
        #expect(read == expected)
        // Saved again unchanged (a kept placement), the row keeps its text.
        let report = try db.saveSchedule(items: [read], sessions: [Self.session], today: F.date("2026-11-26"))
        #expect(report.itemsUpdated == 0 && report.itemsMoved == 0)
        #expect(try db.scheduledItems().first?.reason == .legacy(old))
    }
}
