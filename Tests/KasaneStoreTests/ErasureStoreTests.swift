import Foundation
import GRDB
import KasaneCore
import KasaneStore
import Testing

/// #17.3: the store's side of an erasure — refusals leave everything as it was, and the -wal is
/// emptied after it unless a reader holds an old snapshot (then it says so, and a later run empties it).
@Suite("Erasure in the store (#17.3)")
struct ErasureStoreTests {
    @Test("#17.4: erasing an open case is refused inside the transaction and nothing changes")
    func openCaseRefused() throws {
        let folder = try TemporaryFolder()
        let db = try Fixture.workspaceWithCase(folder)
        let before = try dumpDatabase(at: folder.path("kasane.sqlite"))
        #expect(throws: CaseFileError.erasureOfOpenCase("R8-1", .referred)) {
            try db.eraseDetails(of: "R8-1", today: Fixture.today, now: Fixture.now) { file in
                CaseEvent.DetailsErased(on: Fixture.today, members: file.membersWithDetails, by: "p-city", reason: "申出")
            }
        }
        #expect(throws: StoreError.caseNotFound("R0-0")) {
            try db.eraseDetails(of: "R0-0", today: Fixture.today, now: Fixture.now) { _ in
                CaseEvent.DetailsErased(on: Fixture.today, members: ["m1"], by: "p-city", reason: "申出")
            }
        }
        #expect(try dumpDatabase(at: folder.path("kasane.sqlite")) == before)
        #expect(try db.memberDetails(of: "R8-1")["m1"]?.name == "架空 花子")
    }

    @Test("#17.3: a reader holding a snapshot keeps the -wal from being emptied; the call says so, and the next one empties it")
    func checkpointBlockedByReader() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Fixture.workspaceWithCase(folder)
        let db = try AppDatabase(path: path, access: .write, busyTimeout: 0.1)
        let reader = try DatabaseQueue(path: path)
        let blocked = try reader.read { r -> Bool in
            _ = try Int.fetchOne(r, sql: "SELECT count(*) FROM case_event")
            return try db.compactAfterErasure(attempts: 2, pause: 0.01)
        }
        #expect(blocked == false, "a reader's snapshot must block the truncation")
        try reader.close()
        #expect(try db.compactAfterErasure(attempts: 2, pause: 0.01))
        let wal = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1
        #expect(wal == 0)
    }
}
