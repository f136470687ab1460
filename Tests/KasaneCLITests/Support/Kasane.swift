import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The repository root, derived from this file's path (`Tests/KasaneCLITests/Support/Kasane.swift`).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Where the `kasane` executable under test is, in this order:
/// 1. `$KASANE_BIN` (the Makefile sets it to `$(swift build --show-bin-path)/kasane`);
/// 2. next to the test bundle (`swift test` builds the executable into the same products folder);
/// 3. `<repo>/.build-tests/debug/kasane`, then `<repo>/.build/debug/kasane`.
/// The first existing executable wins; the tests fail with the searched paths when there is none.
enum KasaneBinary {
    static let candidates: [String] = {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["KASANE_BIN"], !env.isEmpty { paths.append(env) }
        for bundle in [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap({ $0 }) {
            // …/debug/KasanePackageTests.xctest (Linux: an executable file; macOS: a bundle folder).
            var dir = bundle.deletingLastPathComponent()
            for _ in 0..<4 {
                paths.append(dir.appendingPathComponent("kasane").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        paths.append(repositoryRoot.appendingPathComponent(".build-tests/debug/kasane").path)
        paths.append(repositoryRoot.appendingPathComponent(".build/debug/kasane").path)
        return paths
    }()

    static let path: String? = candidates.first { path in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// The executable, or a test failure naming where it was looked for.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(path, """
            the kasane executable was not found: run `swift build --scratch-path .build-tests` first or set \
            KASANE_BIN (searched: \(candidates.joined(separator: ", ")))
            """, sourceLocation: sourceLocation)
    }
}

/// What one run of `kasane` did.
struct RunResult: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stdout: String
    let stderr: String

    /// stderr without its trailing newline, split in lines.
    var stderrLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).reversed()
            .drop { $0.isEmpty }.reversed()
    }

    var description: String {
        "kasane \(arguments.joined(separator: " ")) → status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }

    /// The parsed JSON on stdout.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    }
}

/// A throwaway workspace: a temporary folder, its database, and a way to run `kasane` in it.
final class Workspace: Sendable {
    let folder: URL
    let database: String
    let today: String

    init(today: String = "2026-11-26") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kasane-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("kasane.sqlite").path
        self.today = today
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A path inside the workspace folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `text` to a file in the workspace folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// Runs `kasane ARGUMENTS` with the workspace's database and today given through the
    /// environment (`KASANE_DB`, `KASANE_TODAY`), in the workspace folder.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
        try Self.run(arguments, in: folder, environment: ["KASANE_DB": database, "KASANE_TODAY": today]
            .merging(extra) { _, new in new })
    }

    /// `run` that must succeed (status 0, nothing on stderr at the default log level).
    @discardableResult
    func ok(_ arguments: [String], environment: [String: String] = [:],
            sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try run(arguments, environment: environment)
        try #require(r.status == 0, "\(r)", sourceLocation: sourceLocation)
        if environment["KASANE_LOG_LEVEL"] == nil {
            #expect(r.stderr.isEmpty, "\(r)", sourceLocation: sourceLocation)
        }
        return r
    }

    /// Loads the demo registry and cases (`examples/`).
    func loadDemo() throws {
        try ok(["registry", "import", Self.example("registry.yaml")])
        try ok(["case", "import", Self.example("cases.yaml")])
    }

    /// Loads the demo registry and a small, fixed set of cases the bad-input tests rely on
    /// (independent of edits to the demo cases): R8-1 with a consent of m1 given 2026-09-10 and a
    /// 多機関協働 plan; R8-2; R8-3 with no plan; R8-4 with an アウトリーチ等 plan only.
    func loadFixture() throws {
        try ok(["registry", "import", Self.example("registry.yaml")])
        try write("fixture-cases.yaml", Self.fixtureCases)
        try ok(["case", "import", "fixture-cases.yaml"])
    }

    static let fixtureCases = """
        cases:
          - number: R8-1
            opened: 2026-09-01
            referred_by: houkatsu-chuo
            fields: [高齢]
            agencies: [houkatsu-chuo]
            members:
              - {key: m1, relation: 本人, principal: true, name: 架空 ハナ, address: かさね市中央1-2-3}
            events:
              - consent: {member: m1, on: 2026-09-10, fields: [高齢, 包括], form: 同意書-1}
              - plan: {kind: 多機関協働, on: 2026-11-10, services: [{agency: houkatsu-chuo, task: 調整}]}
          - number: R8-2
            opened: 2026-08-20
            referred_by: kyoiku
            fields: [子ども]
            members:
              - {key: m1, relation: 母, principal: true, name: 仮名 由美}
          - number: R8-3
            opened: 2026-10-05
            referred_by: minsei
            fields: [高齢, 環境]
            agencies: [minsei, houkatsu-chuo]
            members:
              - {key: m1, relation: 本人, principal: true, name: 匿名 太郎}
            events:
              - contact: {on: 2026-10-07, method: 訪問, reached: false, by: houkatsu-chuo}
          - number: R8-4
            opened: 2026-10-15
            referred_by: kenko
            fields: [保健・医療]
            agencies: [kenko]
            members:
              - {key: m1, relation: 本人, principal: true, name: 試験 次郎}
            events:
              - plan: {kind: アウトリーチ等, on: 2026-11-12, services: [{agency: shakyo, task: 訪問, statutory: true}]}

        """

    static func example(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name).path
    }

    /// Runs the executable with a clean environment (PATH, HOME and `environment` only), its
    /// output captured through files so a large output can never block the child.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> RunResult {
        let process = try start(arguments, in: folder, environment: environment)
        process.process.waitUntilExit()
        return try process.finish()
    }

    /// A started child whose output goes to files.
    struct Child {
        let process: Process
        let arguments: [String]
        let out: URL, err: URL

        /// The port a `serve` child listens on, read from the line it prints once bound
        /// (`… （ポート 41234、Ctrl-C で停止）`), so servers run on port 0 (#13.6); `nil` when the
        /// child exited or said nothing within `seconds`. It polls on its own thread (no
        /// `Task.sleep`: on a busy cooperative pool a sleeping task may not resume before the deadline).
        func listeningPort(within seconds: Double = 120) -> Int? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let text = String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self)
                if let match = text.firstMatch(of: /(?:ポート|port) (\d+)/), let port = Int(match.1) { return port }
                if !process.isRunning { return nil }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }

        /// Waits for the child to exit, at most `seconds`; past that it is killed (SIGKILL) and
        /// false is returned, so a child that hangs fails its test instead of hanging the run.
        @discardableResult
        func waitForExit(within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            guard process.isRunning else { return true }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }

        func finish() throws -> RunResult {
            defer {
                try? FileManager.default.removeItem(at: out)
                try? FileManager.default.removeItem(at: err)
            }
            return RunResult(arguments: arguments, status: process.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> Child {
        let binary = try KasaneBinary.require()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? folder.path, "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        process.environment = env
        let id = UUID().uuidString
        let out = folder.appendingPathComponent(".stdout-\(id)"), err = folder.appendingPathComponent(".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Child(process: process, arguments: arguments, out: out, err: err)
    }
}
