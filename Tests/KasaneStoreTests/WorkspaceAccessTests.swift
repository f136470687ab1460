import Foundation
import GRDB
import KasaneCore
@testable import KasaneStore
import KasaneWording
import Testing

/// Another process's write transaction on the workspace, held open until `release()`.
final class HeldWriteLock {
    private let queue: DatabaseQueue

    init(_ path: String) throws {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    }

    func release() throws {
        try queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    }
}

/// Issue 12, point 9: readers never wait for writers, a writer that cannot get the lock says so,
/// a missing workspace is never created by a reader or a writer, and only writers migrate.
@Suite("AppDatabase: readers, writers and the write lock (#12.9)")
struct WorkspaceAccessTests {
    @Test("#12.9 a reader opens and reads at once while another process holds the write lock")
    func readerDoesNotWait() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Fixture.workspaceWithCase(folder)
        let lock = try HeldWriteLock(path)
        defer { try? lock.release() }
        let start = ContinuousClock.now
        let reader = try AppDatabase(path: path, access: .read, busyTimeout: 5)
        #expect(try reader.caseFiles().map(\.number) == ["R8-1"])
        #expect(ContinuousClock.now - start < .seconds(2), "a reader waited for the writer")
    }

    @Test("#12.9 a writer that cannot get the lock in time says another Kasane command is writing")
    func writerBusy() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        // Another Kasane process has the workspace open (so its -wal is there) and is writing.
        let other = try Fixture.workspaceWithCase(folder)
        let lock = try HeldWriteLock(path)
        defer { try? lock.release() }
        // An up-to-date workspace opens without the lock; the write waits the busy timeout, then fails.
        let writer = try AppDatabase(path: path, access: .write, busyTimeout: 0.3)
        let error = try #require(throws: StoreError.self) {
            try writer.append([SourcedEvent(Self.contact)], to: "R8-1",
                              today: Fixture.today, now: Fixture.now)
        }
        #expect(error == .busy(path: path))
        #expect(Catalogue(.ja)(error).contains("別の Kasane コマンド"))
        #expect(!Catalogue(.ja)(error).contains("check the path"))
        try lock.release()
        try writer.append([SourcedEvent(Self.contact)], to: "R8-1",
                          today: Fixture.today, now: Fixture.now)
        #expect(try other.caseFile("R8-1").lastSeq == 4)
    }

    @Test("#12.9 a reader or a writer refuses a missing workspace and creates nothing", arguments: [
        AppDatabase.Access.read, .write,
    ])
    func missingFile(access: AppDatabase.Access) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasnae.sqlite")
        let error = try #require(throws: StoreError.self) { _ = try AppDatabase(path: path, access: access) }
        #expect(error == .noWorkspace(path: path))
        #expect(Catalogue(.ja)(error).contains(path) && Catalogue(.ja)(error).contains("kasane registry import"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test("#12.9 a reader refuses an older workspace and leaves it as it is; a writer migrates it")
    func onlyWritersMigrate() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        try Self.oldWorkspace(path, folder: folder)
        let before = try dumpDatabase(at: path)
        let error = try #require(throws: StoreError.self) { _ = try AppDatabase(path: path, access: .read) }
        #expect(error == .needsMigration(path: path))
        #expect(Catalogue(.ja)(error).contains("kasane migrate"))
        #expect(try dumpDatabase(at: path) == before)
        _ = try AppDatabase(path: path, access: .write)
        #expect(try AppDatabase(path: path, access: .read).caseFiles().isEmpty)
    }

    @Test("#12.9 a reader cannot write: the connection is read-only")
    func readerIsReadOnly() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Fixture.workspace(folder)
        let reader = try AppDatabase(path: path, access: .read)
        var renamed = Fixture.agencies
        renamed[0].name = "福祉政策課（新）"
        let changed = Registry(agencies: renamed, people: Fixture.people, bodies: Fixture.bodies)
        #expect(throws: (any Error).self) { _ = try reader.importRegistry(changed) }
        #expect(try reader.registry() == Fixture.registry)
    }

    @Test("#12.9 read-modify-writes from two processes at once all land, in IMMEDIATE transactions")
    func concurrentWriters() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try Fixture.workspaceWithCase(folder)
        // Two pools on one file behave like two processes: only SQLite's lock orders them. A
        // DEFERRED transaction would read, then fail with SQLITE_BUSY when upgrading to write.
        let first = try AppDatabase(path: path, access: .write), second = try AppDatabase(path: path, access: .write)
        let perWriter = 15
        try await withThrowingTaskGroup(of: Void.self) { group in
            for database in [first, second] {
                group.addTask {
                    for i in 0..<perWriter {
                        let event = CaseEvent.contactLogged(ContactAttempt(
                            date: Fixture.today, method: .visit, reached: i % 2 == 0, by: "houkatsu"))
                        try database.append([SourcedEvent(event)], to: "R8-1", today: Fixture.today, now: Fixture.now)
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = try first.events(of: "R8-1")
        #expect(events.map(\.seq) == Array(1...(3 + 2 * perWriter)))
        #expect(try first.verifyChains().broken.isEmpty)
    }

    static let contact = CaseEvent.contactLogged(ContactAttempt(date: Fixture.today, method: .phone, reached: true))

    /// A workspace migrated to v5 only, as Kasane left it before the keyed chain.
    static func oldWorkspace(_ path: String, folder: TemporaryFolder) throws {
        let pool = try DatabasePool(path: path)
        try Migrations.migrator(chainKey: ChainKeySource(path: path + ".key")).migrate(pool, upTo: "v5: workspace version")
    }
}
