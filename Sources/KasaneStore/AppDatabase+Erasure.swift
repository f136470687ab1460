public import Foundation
import GRDB
public import KasaneCore

/// Erasure of personal details (#17.3): the household members' rows are deleted and the erasure is
/// appended to the case's chain in one transaction, so a case is either untouched or fully erased;
/// the deleted bytes are overwritten (`secure_delete`), and the workspace is then compacted and its
/// -wal emptied so no page elsewhere keeps a copy.
extension AppDatabase {
    /// Erases the personal details of case `number`: `make` is given the case as it stands inside
    /// the transaction and returns the erasure event (or throws to refuse); the event is validated
    /// (`CaseFile.validate`: a closed case, members whose details are still held), the members'
    /// rows are deleted and the event appended to the chain.
    /// - Throws: `StoreError.caseNotFound`, `CaseFileError`, or what `make` throws; nothing is
    ///   changed then.
    @discardableResult
    public func eraseDetails(of number: CaseNumber, today: LocalDate, now: Date,
                             making make: (CaseFile) throws -> CaseEvent.DetailsErased) throws -> CaseFile {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        return try write { db in
            let registry = try Self.loadRegistry(db)
            guard let id = try Self.caseID(db, number) else { throw StoreError.caseNotFound(number) }
            let key = try sealingKey(db)
            var file = try Self.loadCase(db, number: number)
            let erased = try make(file)
            let event = CaseEvent.detailsErased(erased)
            try file.validate(event, registry: registry, today: today)
            for member in erased.members {
                try db.execute(sql: "DELETE FROM household_member WHERE case_id = ? AND key = ?", arguments: [id, member])
            }
            stops.reach(.detailsDeleted)
            let chain = try String.fetchOne(db, sql: "SELECT hash FROM case_event WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
                                            arguments: [id]) ?? EventChain.genesis
            let seq = file.lastSeq + 1
            let payload = String(decoding: event.payload(), as: UTF8.self)
            let recordedAt = Self.timestamp(now)
            let hash = EventChain.hash(key: key, previous: chain, caseNumber: number, seq: seq, kind: event.kind,
                                       payload: payload, recordedAt: recordedAt)
            try db.execute(sql: "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, seq, event.kind, payload, recordedAt, hash])
            file.apply(event, seq: seq)
            return file
        }
    }

    /// After erasures: rewrites the workspace file (VACUUM, so no free page or page left over from
    /// an earlier layout keeps a copy of an erased detail) and empties its -wal
    /// (`wal_checkpoint(TRUNCATE)`). A reader holding an old snapshot (a running `serve`, a
    /// backup) blocks the truncation: it is tried `attempts` times, `pause` seconds apart and more.
    /// - Returns: whether the -wal was emptied; false when readers kept it (run it again later).
    /// - Throws: `StoreError.busy` when another writer holds the workspace too long.
    public func compactAfterErasure(attempts: Int = 5, pause: Double = 0.2) throws -> Bool {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                try db.execute(sql: "VACUUM")
            }
            for attempt in 1...max(1, attempts) {
                let blocked = try pool.writeWithoutTransaction { db in
                    try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { ($0[0] as Int?) ?? 0 } ?? 0
                }
                if blocked == 0 { return true }
                if attempt < attempts { Thread.sleep(forTimeInterval: pause * Double(attempt)) }
            }
            return false
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        }
    }
}
