import Foundation
import Testing

/// Issue 17, point 1 and 4: `kasane backup` and `kasane restore`.
@Suite("Backups and restores (#17.1, #17.4)")
struct BackupTests {
    func events(_ ws: Workspace, at path: String) throws -> String? {
        try SQLiteFile.with(path) { db in try db.scalar("SELECT count(*) FROM case_event") }
    }

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("#17.1 a backup is a checked copy (0600, with its key) that verify accepts on its own")
    func backupIsChecked() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let r = try ws.ok(["backup", ws.path("nightly.sqlite")])
        #expect(r.stdout.contains("バックアップを") && r.stdout.contains("整合性と連鎖を確認済み"), "\(r)")
        #expect(try mode(ws.path("nightly.sqlite")) == 0o600)
        #expect(try mode(ws.path("nightly.sqlite.key")) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: ws.path("nightly.sqlite-wal")))
        let verified = try ws.ok(["verify"], environment: ["KASANE_DB": ws.path("nightly.sqlite")])
        #expect(verified.stdout.contains("壊れた連鎖 0 件"), "\(verified)")
        #expect(try events(ws, at: ws.path("nightly.sqlite")) == events(ws, at: ws.database))
        // Nothing partial is left beside it.
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.folder.path)
        #expect(!names.contains { $0.contains(".partial-") }, "\(names)")
    }

    @Test("#17.4 a backup path that exists is refused in Japanese, naming it; the file is left as it was")
    func existingDestination() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.write("taken.sqlite", "not mine")
        let r = try ws.run(["backup", ws.path("taken.sqlite")])
        #expect(r.status != 0)
        #expect(r.stderr.contains("エラー") && r.stderr.contains(ws.path("taken.sqlite")) && r.stderr.contains("上書きしません"), "\(r)")
        #expect(try String(contentsOfFile: ws.path("taken.sqlite"), encoding: .utf8) == "not mine")
    }

    @Test("#17.4 a backup into a folder that does not exist says it cannot write, and leaves nothing")
    func unwritableDestination() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let r = try ws.run(["backup", ws.path("nowhere/nightly.sqlite")])
        #expect(r.status != 0)
        #expect(r.stderr.contains("書けません") || r.stderr.contains("開けません"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("nowhere")))
    }

    @Test("#17.4 a backup onto a full disk says so in Japanese, exits non-zero and leaves nothing there",
          .enabled(if: SmallDisk.canMount, "needs root to mount a small tmpfs"))
    func fullDiskBackup() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let disk = try SmallDisk(at: ws.path("full"), kilobytes: 64)
        defer { disk.unmount() }
        let target = ws.path("full/nightly.sqlite")
        let r = try ws.run(["backup", target])
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains("エラー") && r.stderr.contains("ディスクの空き容量が足りません") && r.stderr.contains(target), "\(r)")
        #expect(!r.stderr.contains("disk is full") && !r.stderr.contains("No space"), "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path("full")) == [])
        // The live workspace is untouched and still verifies.
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
    }

    @Test("#17.4 a restore onto a full disk says so in Japanese, exits non-zero and leaves nothing there",
          .enabled(if: SmallDisk.canMount, "needs root to mount a small tmpfs"))
    func fullDiskRestore() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["backup", ws.path("b.sqlite")])
        let disk = try SmallDisk(at: ws.path("full"), kilobytes: 64)
        defer { disk.unmount() }
        let r = try ws.run(["restore", ws.path("b.sqlite")], environment: ["KASANE_DB": ws.path("full/kasane.sqlite")])
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains("エラー") && r.stderr.contains("ディスクの空き容量が足りません"), "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.path("full")) == [])
    }

    @Test("#17.1 restore onto a fresh machine brings the workspace back; onto an existing one only with --replace")
    func restore() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["backup", ws.path("b.sqlite")])
        let before = try events(ws, at: ws.database)
        // The disk died: a new workspace path, no key there either.
        let fresh = ["KASANE_DB": ws.path("new/kasane.sqlite")]
        try FileManager.default.createDirectory(atPath: ws.path("new"), withIntermediateDirectories: true)
        let restored = try ws.ok(["restore", ws.path("b.sqlite")], environment: fresh)
        #expect(restored.stdout.contains("戻しました"), "\(restored)")
        #expect(try ws.ok(["verify"], environment: fresh).stdout.contains("壊れた連鎖 0 件"))
        #expect(try events(ws, at: ws.path("new/kasane.sqlite")) == before)
        #expect(try mode(ws.path("new/kasane.sqlite")) == 0o600 && mode(ws.path("new/kasane.sqlite.key")) == 0o600)

        // Work after the backup; restore without --replace is refused and changes nothing.
        try ws.ok(["contact", "log", "R8-1", "--on", "2026-11-26", "--method", "訪問", "--reached"])
        let after = try events(ws, at: ws.database)
        #expect(after != before)
        let refused = try ws.run(["restore", ws.path("b.sqlite")])
        #expect(refused.status != 0 && refused.stderr.contains("--replace"), "\(refused)")
        #expect(try events(ws, at: ws.database) == after)
        // With --replace, the workspace is the backup again, and verifies.
        try ws.ok(["restore", ws.path("b.sqlite"), "--replace"])
        #expect(try events(ws, at: ws.database) == before)
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
    }

    @Test("#17.4 a truncated or missing-key backup is refused; the workspace is unchanged and nothing is left",
          arguments: ["truncated", "no key", "not a database"])
    func refusedBackups(kind: String) throws {
        let ws = try Workspace()
        try ws.loadDemo()
        try ws.ok(["backup", ws.path("b.sqlite")])
        let data = try Data(contentsOf: URL(fileURLWithPath: ws.path("b.sqlite")))
        switch kind {
        case "truncated": try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: ws.path("b.sqlite")))
        case "no key": try FileManager.default.removeItem(atPath: ws.path("b.sqlite.key"))
        default: try Data("SQLite format 3\0 but not really".utf8).write(to: URL(fileURLWithPath: ws.path("b.sqlite")))
        }
        let live = try Data(contentsOf: URL(fileURLWithPath: ws.database))
        let r = try ws.run(["restore", ws.path("b.sqlite"), "--replace"])
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains("エラー") && r.stderr.contains(ws.path(kind == "no key" ? "b.sqlite.key" : "b.sqlite")), "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.database)) == live)
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.folder.path)
        #expect(!names.contains { $0.contains(".restore-") }, "\(names)")
    }

    @Test("#17 tests: a backup while serve runs and writes go on holds every write acknowledged before it began",
          .tags(.manyProcesses))
    func backupWhileBusy() async throws {
        let ws = try Workspace()
        try ws.loadDemo()
        let server = try Workspace.start(["serve", "--port", "0"], in: ws.folder,
                                         environment: ["KASANE_DB": ws.database, "KASANE_TODAY": ws.today,
                                                       "KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path])
        defer { if server.process.isRunning { server.process.terminate() } }
        _ = server.listeningPort()
        // Acknowledged before the backup began.
        for _ in 0..<3 { try ws.ok(["contact", "log", "R8-1", "--on", "2026-11-26", "--method", "電話", "--not-reached"]) }
        let acknowledged = try #require(Int(try events(ws, at: ws.database) ?? ""))
        // A writer keeps going while the backup is taken.
        let writer = Task.detached {
            for _ in 0..<5 { _ = try? ws.run(["contact", "log", "R8-2", "--on", "2026-11-26", "--method", "電話", "--not-reached"]) }
        }
        try ws.ok(["backup", ws.path("busy.sqlite")])
        await writer.value
        let copied = try #require(Int(try events(ws, at: ws.path("busy.sqlite")) ?? ""))
        #expect(copied >= acknowledged)
        #expect(try ws.ok(["verify"], environment: ["KASANE_DB": ws.path("busy.sqlite")]).stdout.contains("壊れた連鎖 0 件"))
        server.process.terminate()
        server.process.waitUntilExit()
    }
}

/// A tiny tmpfs mounted for one test, to fill the disk on purpose (#17.4: "a full disk").
struct SmallDisk {
    let path: String

    /// Whether this process may mount one (root, and a kernel that lets it).
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "kasane-mount-probe-\(getpid())"
        guard let disk = try? SmallDisk(at: probe, kilobytes: 16) else { return false }
        disk.unmount()
        return true
    }()

    init(at path: String, kilobytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.command(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path]) == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw CocoaError(.fileWriteNoPermission)
        }
        self.path = path
    }

    func unmount() {
        _ = Self.command(["umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func command(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
