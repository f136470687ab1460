import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kasane case import` killed with SIGKILL at named points of its write (`KASANE_TEST_STOP_AT`,
/// STYLE §20: no random sleeps): the workspace is always either before the import (no case) or
/// after it (every case), and passes `PRAGMA integrity_check`.
@Suite("kasane crash safety", .serialized, .tags(.manyProcesses))
struct CrashTests {
    static let caseCount = 3000

    /// Where the import is killed, and whether the workspace must then be as after it. Every case
    /// is written inside one transaction: until COMMIT nothing is there; after it, everything.
    static let stops: [(point: String, after: Bool)] = [
        ("case-written:1", false), ("case-written:1500", false), ("case-written:3000", false),
        ("before-commit", false), ("after-commit", true),
    ]

    /// A large import: every case with one member, a consent and a contact (4 events each).
    static func largeImport() -> String {
        var text = "cases:\n"
        text.reserveCapacity(caseCount * 330)
        for i in 1...caseCount {
            text += """
              - number: C-\(i)
                opened: 2026-04-01
                referred_by: houkatsu-chuo
                fields: [高齢, 困窮]
                agencies: [houkatsu-chuo]
                members:
                  - {key: m1, relation: 本人, principal: true, name: 試験 \(i), born: 1950-01-01, address: かさね市\(i)}
                events:
                  - consent: {member: m1, on: 2026-04-02, fields: [高齢, 包括], agencies: [shakyo], form: F-\(i)}
                  - contact: {on: 2026-04-03, method: 訪問, reached: true, by: houkatsu-chuo}

            """
        }
        return text
    }

    struct State: Equatable {
        let integrity: String, cases: Int, events: Int, members: Int, agencies: Int
    }

    static func state(of path: String) throws -> State {
        try SQLiteFile.with(path) { db in
            State(integrity: try db.rows("PRAGMA integrity_check").compactMap { $0[0] }.joined(separator: "; "),
                  cases: Int(try db.scalar("SELECT count(*) FROM case_file") ?? "") ?? -1,
                  events: Int(try db.scalar("SELECT count(*) FROM case_event") ?? "") ?? -1,
                  members: Int(try db.scalar("SELECT count(*) FROM household_member") ?? "") ?? -1,
                  agencies: Int(try db.scalar("SELECT count(*) FROM agency") ?? "") ?? -1)
        }
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// A fresh copy of the registry-loaded template (the template was checkpointed: one file).
    static func freshCopy(of template: String, to path: String) throws {
        for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: template, toPath: path)
        // A copy of the workspace needs its chain key (#12.11), which lives beside it.
        try FileManager.default.copyItem(atPath: template + ".key", toPath: path + ".key")
    }

    @Test("SIGKILL at every named point of a large case import leaves the workspace before or after it, never between",
          arguments: stops)
    func killDuringImport(point: String, after expectAfter: Bool) throws {
        let ws = try Workspace()
        let template = ws.path("template.sqlite")
        let loaded = try Workspace.run(["registry", "import", Workspace.example("registry.yaml"), "--db", template],
                                       in: ws.folder, environment: [:])
        try #require(loaded.status == 0, "\(loaded)")
        // Fold the WAL into the main file so that one file is the whole template.
        _ = try SQLiteFile.with(template) { try $0.rows("PRAGMA wal_checkpoint(TRUNCATE)") }
        let empty = try Self.state(of: template)
        #expect(empty.integrity == "ok" && empty.cases == 0 && empty.agencies == 14)

        try ws.write("large.yaml", Self.largeImport())
        let db = ws.path("trial.sqlite")
        try Self.freshCopy(of: template, to: db)
        let killed = try Workspace.run(["case", "import", "large.yaml", "--db", db], in: ws.folder,
                                       environment: ["KASANE_TODAY": "2026-11-26", "KASANE_TEST_STOP_AT": point])
        #expect(killed.status != 0, "the import was not stopped at \(point): \(killed)")
        #expect(!killed.stdout.contains("取り込みました"), "a killed import acknowledged: \(killed.stdout)")
        let state = try Self.state(of: db)
        #expect(state.integrity == "ok", "\(point): integrity_check says \(state.integrity)")
        let after = State(integrity: "ok", cases: Self.caseCount, events: Self.caseCount * 4, members: Self.caseCount,
                          agencies: 14)
        #expect(state == (expectAfter ? after : empty), "\(point): the workspace is \(state)")

        // The same import, not stopped, gives `after`.
        try Self.freshCopy(of: template, to: db)
        let full = try Workspace.run(["case", "import", "large.yaml", "--db", db], in: ws.folder,
                                     environment: ["KASANE_TODAY": "2026-11-26"])
        try #require(full.status == 0, "\(full.stderr)")
        #expect(try Self.state(of: db) == after)
    }

    @Test("a stop point that does not exist is refused before anything is written")
    func unknownStopPoint() throws {
        let ws = try Workspace()
        let r = try Workspace.run(["registry", "import", Workspace.example("registry.yaml"), "--db", ws.path("k.sqlite")],
                                  in: ws.folder, environment: ["KASANE_TEST_STOP_AT": "halfway"])
        #expect(r.status == 1 && r.stderr.contains("KASANE_TEST_STOP_AT 'halfway'"), "\(r)")
    }
}
