import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a small seeded generator, so every run kills at the same fractions of the import.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `kasane case import` killed with SIGKILL at random moments: the workspace must always be
/// either before the import (no case) or after it (every case), and pass `PRAGMA integrity_check`.
@Suite("kasane crash safety", .serialized)
struct CrashTests {
    static let caseCount = 3000
    static let trials = 24
    static let seed: UInt64 = 0x4B41_5341_4E45  // "KASANE"

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

    @Test("SIGKILL during a large case import always leaves the workspace before or after it, never between")
    func killDuringImport() throws {
        let ws = try Workspace()
        let template = ws.path("template.sqlite")
        let loaded = try Workspace.run(["registry", "import", Workspace.example("registry.yaml"), "--db", template],
                                       in: ws.folder, environment: [:])
        try #require(loaded.status == 0, "\(loaded)")
        // Fold the WAL into the main file so that one file is the whole template.
        _ = try SQLiteFile.with(template) { try $0.rows("PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(!FileManager.default.fileExists(atPath: template + "-wal") || Self.fileSize(template + "-wal") == 0)
        let empty = try Self.state(of: template)
        #expect(empty.integrity == "ok" && empty.cases == 0 && empty.agencies == 14)

        try ws.write("large.yaml", Self.largeImport())
        let environment = ["KASANE_TODAY": "2026-11-26"]
        let db = ws.path("trial.sqlite")
        let arguments = ["case", "import", "large.yaml", "--db", db]

        // A full run: how long the import takes, and what "after" looks like.
        try Self.freshCopy(of: template, to: db)
        let started = Date()
        let full = try Workspace.run(arguments, in: ws.folder, environment: environment)
        let duration = Date().timeIntervalSince(started)
        try #require(full.status == 0, "\(full.stderr)")
        let after = try Self.state(of: db)
        #expect(after == State(integrity: "ok", cases: Self.caseCount, events: Self.caseCount * 4,
                               members: Self.caseCount, agencies: 14))
        #expect(duration >= 0.3, "the import must be long enough to be hit: it took \(duration) s")

        var generator = SplitMix64(state: Self.seed)
        var tally = (beforeWrite: 0, rolledBack: 0, killedAfterCommit: 0, exitedFirst: 0, between: 0)
        var log: [String] = []
        for trial in 1...Self.trials {
            try Self.freshCopy(of: template, to: db)
            let delay = Double.random(in: 0..<duration, using: &generator)
            let child = try Workspace.start(arguments, in: ws.folder, environment: environment)
            Thread.sleep(forTimeInterval: delay)
            let walAtKill = Self.fileSize(db + "-wal")
            let wasRunning = child.process.isRunning
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
            _ = try? child.finish()
            let killed = child.process.terminationReason == .uncaughtSignal
            let state = try Self.state(of: db)
            #expect(state.integrity == "ok", "trial \(trial): integrity_check says \(state.integrity)")
            #expect(state.agencies == 14, "trial \(trial): the registry was touched")
            let outcome: String
            if state == empty {
                outcome = walAtKill > 0 ? "before (rolled back mid-write)" : "before"
                if walAtKill > 0 { tally.rolledBack += 1 } else { tally.beforeWrite += 1 }
            } else if state == after {
                outcome = killed && wasRunning ? "after (killed after commit)" : "after (had exited)"
                if killed && wasRunning { tally.killedAfterCommit += 1 } else { tally.exitedFirst += 1 }
            } else {
                outcome = "BETWEEN"
                tally.between += 1
                Issue.record("trial \(trial): the workspace is between before and after: \(state)")
            }
            log.append(String(format: "trial %2d: kill at %.3f s (%3.0f%%), wal %8d bytes → ", trial, delay,
                              100 * delay / duration, walAtKill) + outcome)
        }
        print("crash test: import of \(Self.caseCount) cases took \(String(format: "%.3f", duration)) s")
        for line in log { print("crash test: \(line)") }
        print("crash test tally: \(tally.beforeWrite) before the write, \(tally.rolledBack) rolled back mid-write, "
              + "\(tally.killedAfterCommit) killed after the commit, \(tally.exitedFirst) exited before the kill, "
              + "\(tally.between) between")
        #expect(tally.between == 0)
        // The trials must actually hit the import, not only land before or after it.
        #expect(tally.beforeWrite + tally.rolledBack > 0)
    }
}
