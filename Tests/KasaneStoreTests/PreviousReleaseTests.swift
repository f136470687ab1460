import Foundation
import GRDB
import KasaneCore
import KasaneStore
import Testing

/// #13.2: a workspace made by the previous release opens and migrates with the current code.
/// `Fixtures/workspace-v7.sql` is the SQL dump (`sqlite3 .dump`) of the demo workspace (registry,
/// cases, a schedule, invitations sent, the feeds published, a feed token) made by the v7 schema of
/// commit 71dd2b8, with the key file of its event chain beside it.
@Suite("Migrations: a workspace of the previous release (#13.2)")
struct PreviousReleaseTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The v7 workspace, restored into a file of `folder`, with its chain key beside it.
    static func restoreV7(in folder: TemporaryFolder) throws -> String {
        let path = folder.path("v7.sqlite")
        let dump = try String(contentsOf: fixtures.appendingPathComponent("workspace-v7.sql"), encoding: .utf8)
        var config = Configuration()
        config.foreignKeysEnabled = false  // the dump lists tables by name, children before parents
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in try db.execute(sql: dump) }
        try queue.close()
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("workspace-v7.chain-key"),
                                         to: URL(fileURLWithPath: path + ".key"))
        return path
    }

    @Test("the v7 fixture is what the previous release wrote: its migrations end at v7")
    func fixtureIsV7() throws {
        let folder = try TemporaryFolder()
        let path = try Self.restoreV7(in: folder)
        let applied = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied.count == 7 && applied.last?.hasPrefix("v7:") == true, "\(applied)")
    }

    @Test("a v7 workspace opens for writing, migrates, keeps every record and its chain, and then reads")
    func opensAndMigrates() throws {
        let folder = try TemporaryFolder()
        let path = try Self.restoreV7(in: folder)
        let before = try DatabaseQueue(path: path).read { db in
            (cases: try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file") ?? 0,
             events: try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event") ?? 0,
             items: try Int.fetchOne(db, sql: "SELECT count(*) FROM session_item") ?? 0,
             calendar: try Int.fetchOne(db, sql: "SELECT count(*) FROM item_calendar") ?? 0)
        }
        #expect(before.cases > 0 && before.events > 0 && before.items > 0 && before.calendar > 0)
        let store = try AppDatabase(path: path, access: .write)
        #expect(try store.caseFiles().count == before.cases)
        #expect(try store.eventCount() == before.events)
        #expect(try store.scheduledItems().count == before.items)
        #expect(try store.publishedItems().count == before.calendar)
        #expect(try !store.registry().agencies.isEmpty)
        #expect(try store.feedTokens(agency: nil).count == 1)
        let chains = try store.verifyChains()
        #expect(chains.broken.isEmpty && chains.events == before.events)
        // Migrated: a reader now opens it (a reader refuses a workspace that still needs migrating).
        let reader = try AppDatabase(path: path, access: .read)
        #expect(try reader.caseFiles().count == before.cases)
        // And it takes new writes.
        let untokened = try #require(try store.registry().agencies.map(\.id).first { try store.feedTokens(agency: $0).isEmpty })
        _ = try store.issueFeedToken(agency: untokened, now: UTCTimestamp(seconds: 1_795_000_000))
        #expect(try store.feedTokens(agency: nil).count == 2)
    }
}
