import Foundation
import GRDB
import KasaneCore
@testable import KasaneStore
import KasaneWording
import Testing

/// Issue 12, point 11: the event chain is keyed (HMAC-SHA256 with a key file outside the
/// database), so someone who can write the SQLite file but lacks the key cannot forge it.
@Suite("Event chain: keyed, key outside the database (#12.11)")
struct ChainKeyTests {
    typealias F = Fixture

    static let narrowConsent = CaseEvent.ConsentGranted(
        member: "m1", grantedOn: F.date("2026-09-10"), scope: ConsentScope(fields: [.elderly]), formReference: "F-1")

    /// The fixture case with a narrow consent (event #4) and a contact after it (#5).
    static func workspaceWithConsent(_ folder: TemporaryFolder) throws -> AppDatabase {
        let db = try F.workspaceWithCase(folder)
        try db.append([SourcedEvent(.consentGranted(narrowConsent)),
                       SourcedEvent(.contactLogged(ContactAttempt(date: F.date("2026-10-01"), method: .visit, reached: true)))],
                      to: "R8-1", today: F.today, now: F.now)
        return db
    }

    /// What a forger with write access to the file (and no key) does: rewrite event `seq`'s
    /// payload, then recompute every hash from there with plain SHA-256, as the chain was before.
    static func forge(_ path: String, caseNumber: CaseNumber, seq: Int, payload: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER case_event_no_update")
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM case_file WHERE number = ?", arguments: [caseNumber]))
            try db.execute(sql: "UPDATE case_event SET payload = ? WHERE case_id = ? AND seq = ?", arguments: [payload, id, seq])
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM case_event WHERE case_id = ? AND seq = ?",
                                               arguments: [id, seq - 1]) ?? EventChain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT seq, kind, payload, recorded_at FROM case_event WHERE case_id = ? AND seq >= ? ORDER BY seq",
                                        arguments: [id, seq]) {
                let hash = EventChain.legacyHash(previous: previous, caseNumber: caseNumber, seq: row["seq"], kind: row["kind"],
                                                 payload: row["payload"], recordedAt: row["recorded_at"])
                try db.execute(sql: "UPDATE case_event SET hash = ? WHERE case_id = ? AND seq = ?",
                               arguments: [hash, id, row["seq"] as Int])
                previous = hash
            }
        }
    }

    @Test("#12.11 a consent widened in the file, hashes recomputed with SHA-256 as a forger would: verify names the event")
    func forgerWithoutKeyIsCaught() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try Self.workspaceWithConsent(folder)
        #expect(try db.verifyChains().broken.isEmpty)
        var widened = Self.narrowConsent
        widened.scope = ConsentScope(agencies: ["kodomo", "ibasho"], fields: Set(Field.allCases))
        try Self.forge(path, caseNumber: "R8-1", seq: 4,
                       payload: String(decoding: CaseEvent.consentGranted(widened).payload(), as: UTF8.self))
        let result = try AppDatabase(path: path, access: .read).verifyChains()
        #expect(result.broken.map(\.caseNumber) == ["R8-1"])
        #expect(result.broken.first?.seq == 4)
    }

    enum KeyProblem: String, CaseIterable, Sendable { case missing, otherKey, malformed }

    @Test("#12.11 a missing, foreign or malformed key file is reported in Japanese, never as a broken chain",
          arguments: KeyProblem.allCases)
    func keyProblems(problem: KeyProblem) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Self.workspaceWithConsent(folder)
        let keyPath = path + ".key"
        switch problem {
        case .missing: try FileManager.default.removeItem(atPath: keyPath)
        case .otherKey: try (String(repeating: "ab", count: 32) + "\n").write(toFile: keyPath, atomically: true, encoding: .utf8)
        case .malformed: try "not a key\n".write(toFile: keyPath, atomically: true, encoding: .utf8)
        }
        let reader = try AppDatabase(path: path, access: .read)
        let error = try #require(throws: StoreError.self) { _ = try reader.verifyChains() }
        guard case .chainKey(let named, _) = error else {
            Issue.record("expected a key error, got \(error)")
            return
        }
        #expect(named == keyPath)
        #expect(Catalogue(.ja)(error).contains("鍵"))
        #expect(!Catalogue(.ja)(error).contains("broken") && !Catalogue(.ja)(error).contains("edited"))
        // Writing a new event under another key is refused too, and nothing is written.
        let writer = try AppDatabase(path: path, access: .write)
        #expect(throws: StoreError.self) {
            try writer.append([SourcedEvent(.contactLogged(ContactAttempt(date: F.today, method: .phone, reached: true)))],
                              to: "R8-1", today: F.today, now: F.now)
        }
        #expect(try writer.caseFile("R8-1").lastSeq == 5)
    }

    @Test("#12.11 the key file is created 0600 next to the workspace (or where --chain-key says), and never stored in it")
    func keyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Self.workspaceWithConsent(folder)
        let keyPath = path + ".key"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let key = try String(contentsOfFile: keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.count == 64)
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(bytes.range(of: Data(key.utf8)) == nil, "\(file) holds the key")
        }
        let elsewhere = folder.path("keys/chain.key")
        try FileManager.default.createDirectory(atPath: folder.path("keys"), withIntermediateDirectories: true)
        _ = try AppDatabase(path: folder.path("other.sqlite"), chainKeyPath: elsewhere)
        #expect(FileManager.default.fileExists(atPath: elsewhere))
        #expect(!FileManager.default.fileExists(atPath: folder.path("other.sqlite.key")))
    }

    /// A workspace at v5 with case R8-1 of two events chained with plain SHA-256, as Kasane
    /// wrote it before the keyed chain.
    static func legacyWorkspace(_ path: String) throws {
        let pool = try DatabasePool(path: path)
        try Migrations.migrator(chainKey: ChainKeySource(path: path + ".unused")).migrate(pool, upTo: "v5: workspace version")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO case_file (number, opened_on) VALUES ('R8-1', '2026-09-01')")
            let id = db.lastInsertedRowID
            var previous = EventChain.genesis
            let events: [CaseEvent] = [.opened(F.opened("R8-1")),
                                       .contactLogged(ContactAttempt(date: F.date("2026-09-05"), method: .visit, reached: false))]
            for (i, event) in events.enumerated() {
                let payload = String(decoding: event.payload(), as: UTF8.self), at = "2026-09-05T00:00:00.000Z"
                let hash = EventChain.legacyHash(previous: previous, caseNumber: "R8-1", seq: i + 1, kind: event.kind,
                                                 payload: payload, recordedAt: at)
                try db.execute(sql: "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, i + 1, event.kind, payload, at, hash])
                previous = hash
            }
        }
    }

    @Test("#12.11 an unkeyed workspace migrates forward: old events sealed once, new ones keyed, forgery caught either side")
    func migrationForward() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        try Self.legacyWorkspace(path)
        let db = try AppDatabase(path: path, access: .write)
        #expect(FileManager.default.fileExists(atPath: path + ".key"))
        #expect(try db.verifyChains().broken.isEmpty)
        try db.append([SourcedEvent(.contactLogged(ContactAttempt(date: F.date("2026-09-20"), method: .phone, reached: true)))],
                      to: "R8-1", today: F.today, now: F.now)
        let after = try db.verifyChains()
        #expect(after.events == 3 && after.broken.isEmpty)
        // A forger rewrites an event from before the migration and recomputes the plain chain:
        // it no longer ends at the sealed anchor.
        var opened = F.opened("R8-1")
        opened.referredBy = "kodomo"
        try Self.forge(path, caseNumber: "R8-1", seq: 1,
                       payload: String(decoding: CaseEvent.opened(opened).payload(), as: UTF8.self))
        #expect(try db.verifyChains().broken.map(\.caseNumber) == ["R8-1"])
    }

    @Test("#12.11 removing a case's anchor does not pass: its old events do not hold under the key")
    func anchorRemoved() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        try Self.legacyWorkspace(path)
        let db = try AppDatabase(path: path, access: .write)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DROP TRIGGER chain_anchor_no_delete; DELETE FROM chain_anchor")
        }
        #expect(try db.verifyChains().broken.map(\.seq) == [1])
    }

    @Test("#12.11 the chain head of a case is its last event and that event's stored hash")
    func chainHeads() throws {
        let folder = try TemporaryFolder()
        let db = try Self.workspaceWithConsent(folder)
        let heads = try db.chainHeads(of: ["R8-1", "R8-404"])
        #expect(heads.map(\.caseNumber) == ["R8-1"])
        #expect(heads.first?.seq == 5)
        let stored = try DatabaseQueue(path: folder.path("kasane.sqlite")).read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM case_event WHERE seq = 5")
        }
        #expect(heads.first?.hash == stored)
        #expect(heads.first?.hashPrefix.count == 16)
    }
}
