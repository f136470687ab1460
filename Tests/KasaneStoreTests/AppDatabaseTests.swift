import Foundation
import GRDB
import KasaneCore
import KasaneStore
import KasaneWording
import Testing

@Suite("AppDatabase: connection settings")
struct ConnectionSettingsTests {
    @Test("the writer runs with synchronous=FULL, WAL and foreign keys, on a new and on a reopened workspace",
          arguments: [false, true])
    func writerPragmas(reopen: Bool) throws {
        let folder = try TemporaryFolder()
        var db = try AppDatabase(path: folder.path("kasane.sqlite"))
        if reopen { db = try AppDatabase(path: folder.path("kasane.sqlite")) }
        // GRDB's DatabasePool sets NORMAL (1) in its own set-up; the workspace must end up with FULL (2).
        #expect(try db.writerPragma("synchronous") == "2")
        #expect(try db.writerPragma("journal_mode") == "wal")
        #expect(try db.writerPragma("foreign_keys") == "1")
    }

    @Test("a new workspace passes PRAGMA integrity_check")
    func integrity() throws {
        let folder = try TemporaryFolder()
        let db = try Fixture.workspaceWithCase(folder)
        #expect(try db.integrityCheck() == "ok")
    }

    @Test("a workspace that cannot be opened names the path")
    func cannotOpen() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("missing-folder/kasane.sqlite")
        let error = try #require(throws: StoreError.self) { _ = try AppDatabase(path: path) }
        #expect(Catalogue(.ja)(error).contains(path))
    }
}

@Suite("AppDatabase: registry import")
struct RegistryImportTests {
    @Test("the first import adds every entry and the registry reads back equal")
    func firstImport() throws {
        let folder = try TemporaryFolder()
        let db = try AppDatabase(path: folder.path("kasane.sqlite"))
        let report = try db.importRegistry(Fixture.registry)
        #expect(report.added == Fixture.labels)
        #expect(report.changed.isEmpty && report.unchanged.isEmpty && report.notInFile.isEmpty)
        #expect(try db.registry() == Fixture.registry)
    }

    @Test("importing the same registry twice reports everything unchanged and leaves the database identical")
    func reimportIsANoOp() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try AppDatabase(path: path)
        _ = try db.importRegistry(Fixture.registry)
        let before = try dumpDatabase(at: path)
        let second = try db.importRegistry(Fixture.registry)
        #expect(second.added.isEmpty)
        #expect(second.changed.isEmpty)
        #expect(second.notInFile.isEmpty)
        #expect(second.unchanged == Fixture.labels)
        #expect(try dumpDatabase(at: path) == before)
    }

    /// One edit to the fixture registry and the single entry the report must call changed.
    struct Edit: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let label: String
        let apply: @Sendable (inout [Agency], inout [Person], inout [MeetingBody]) -> Void
    }

    static let edits: [Edit] = [
        Edit(testDescription: "agency mailbox", label: "agency houkatsu") { a, _, _ in a[2].mailbox = "new@houkatsu.example.jp" },
        Edit(testDescription: "agency name", label: "agency kodomo") { a, _, _ in a[3].name = "こども家庭センター（新）" },
        Edit(testDescription: "agency role added", label: "agency houkatsu") { a, _, _ in a[2].roles.insert(.outreach) },
        Edit(testDescription: "agency 分野", label: "agency ibasho") { a, _, _ in a[4].field = .community },
        Edit(testDescription: "person mailbox", label: "person p-shakyo") { _, p, _ in p[1].mailbox = "new@shakyo.example.jp" },
        Edit(testDescription: "person title", label: "person p-houkatsu") { _, p, _ in p[2].title = "主任ケアマネジャー" },
        Edit(testDescription: "支援会議 member acknowledges 守秘義務", label: "body shien") { _, _, b in
            b[1].members[1].confidentialityAcknowledgedOn = Fixture.date("2026-05-01")
        },
        Edit(testDescription: "body member removed", label: "body jusou") { _, _, b in b[0].members.removeLast() },
    ]

    @Test("a changed entry is reported as changed, the others as unchanged, and the change is stored",
          arguments: edits)
    func changedEntry(edit: Edit) throws {
        let folder = try TemporaryFolder()
        let db = try AppDatabase(path: folder.path("kasane.sqlite"))
        _ = try db.importRegistry(Fixture.registry)
        var agencies = Fixture.agencies, people = Fixture.people, bodies = Fixture.bodies
        edit.apply(&agencies, &people, &bodies)
        let edited = Registry(agencies: agencies, people: people, bodies: bodies)
        let report = try db.importRegistry(edited)
        #expect(report.changed == [edit.label])
        #expect(report.added.isEmpty)
        #expect(report.unchanged == Fixture.labels.filter { $0 != edit.label })
        #expect(try db.registry() == edited)
        // And importing the edited file again changes nothing more.
        #expect(try db.importRegistry(edited).changed.isEmpty)
    }

    @Test("entries missing from a later file are reported and kept; new ones are added")
    func notInFile() throws {
        let folder = try TemporaryFolder()
        let db = try AppDatabase(path: folder.path("kasane.sqlite"))
        _ = try db.importRegistry(Fixture.registry)
        let newcomer = Agency(id: "hogo", name: "保護課", field: .publicAssistance, kind: .municipal,
                              mailbox: "hogo@example.jp")
        let smaller = Registry(agencies: Array(Fixture.agencies.dropLast()) + [newcomer], people: Fixture.people,
                               bodies: Fixture.bodies)
        let report = try db.importRegistry(smaller)
        #expect(report.added == ["agency hogo"])
        #expect(report.notInFile == ["agency ibasho"])
        #expect(try db.registry().agency("ibasho") != nil)
        #expect(try db.registry().agency("hogo") == newcomer)
    }

    @Test("moving an entry in the file is not a change, but the registry follows the file's order")
    func reorderIsNotAChange() throws {
        let folder = try TemporaryFolder()
        let db = try AppDatabase(path: folder.path("kasane.sqlite"))
        _ = try db.importRegistry(Fixture.registry)
        let reordered = Registry(agencies: Fixture.agencies.reversed(), people: Fixture.people, bodies: Fixture.bodies)
        let report = try db.importRegistry(reordered)
        #expect(report.changed.isEmpty)
        #expect(report.added.isEmpty)
        #expect(try db.registry().agencies.map(\.id) == Fixture.agencies.reversed().map(\.id))
    }

    @Test("a registry breaking a schema invariant is refused whole")
    func schemaInvariant() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try AppDatabase(path: path)
        _ = try db.importRegistry(Fixture.registry)
        let before = try dumpDatabase(at: path)
        // A person whose agency does not exist: the foreign key refuses it (the YAML reader would too).
        let orphan = Person(id: "p-orphan", name: "誰か", mailbox: "x@example.jp", agency: "nowhere", title: "")
        let bad = Registry(agencies: Fixture.agencies.map { var a = $0; a.name += "（改）"; return a },
                           people: Fixture.people + [orphan], bodies: Fixture.bodies)
        #expect(throws: (any Error).self) { try db.importRegistry(bad) }
        #expect(try dumpDatabase(at: path) == before)
    }
}
