// kasane-fuzz: fuzz targets for the readers of hand-edited files (issue 12): the series reader
// (with expansion and a write-back) and every YAML reader. Not a test: scripts/fuzz.sh runs it.
//
// Two ways to run one target:
//   kasane-fuzz TARGET SECONDS CORPUS_DIR OUT_DIR   an in-process mutational fuzzer (default build)
//   built with -sanitize=fuzzer -D KASANE_LIBFUZZER  libFuzzer drives `LLVMFuzzerTestOneInput`,
//                                                    the target named by $KASANE_FUZZ_TARGET
// TARGET is one of: series, registry, cases, closures, policy, reply (#14.3: a reply mail or .ics
// through the MIME reader, the pre-checks and libical, in process).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KasaneCalendar
import KasaneCore
import KasaneMail
import KasaneYAML

/// The targets: each reads one input the way Kasane reads that file; a refusal is fine, a crash
/// or a long run is a finding.
enum FuzzTarget: String, CaseIterable {
    case series, registry, cases, closures, policy, reply

    func run(_ text: String) {
        switch self {
        case .series:
            guard let def = try? SeriesFile.parse(text, file: "fuzz.ics") else { return }
            let from = LocalDate(year: 2026, month: 4, day: 1)!, through = LocalDate(year: 2028, month: 3, day: 31)!
            _ = try? def.sessions(from: from, through: through, calendar: BusinessCalendar())
            if let written = try? SeriesWriter.write(def) { _ = try? SeriesFile.parse(written, file: "written.ics") }
        case .registry: _ = try? RegistryFile.parse(text, file: "fuzz.yaml")
        case .cases: _ = try? CaseImportFile.parse(text, file: "fuzz.yaml")
        case .closures: _ = try? ClosuresFile.parse(text, file: "fuzz.yaml")
        case .policy:
            _ = try? PolicyFile.parse(text, file: "fuzz.yaml")
            _ = try? PolicyFile.retention(text, file: "fuzz.yaml")  // #17.2
        case .reply:
            let bytes = Array(text.utf8)
            guard MailReader.looksLikeMail(bytes) else { _ = try? ReplyReader.read(bytes); return }
            for calendar in (try? MailReader.read(bytes))?.calendars ?? [] { _ = try? ReplyReader.read(calendar) }
        }
    }
}

/// The input being run, kept where a signal handler can write it out (async-signal-safe `write`).
nonisolated(unsafe) var currentInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
nonisolated(unsafe) var currentCount = 0
nonisolated(unsafe) var crashFD: Int32 = -1
nonisolated(unsafe) var runStarted: UInt64 = 0
nonisolated(unsafe) var hangFD: Int32 = -1

func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

#if KASANE_LIBFUZZER
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let name = ProcessInfo.processInfo.environment["KASANE_FUZZ_TARGET"] ?? "series"
    FuzzTarget(rawValue: name)?.run(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}

/// libFuzzer's driver (LLVM 11+), called from the entry point SwiftPM names for this executable.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("kasane_fuzz_main")
public func kasaneFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOne)
}
#else
@main
struct FuzzMain {
    static func main() {
        let args = CommandLine.arguments
        guard args.count == 5, let target = FuzzTarget(rawValue: args[1]), let seconds = Double(args[2]) else {
            FileHandle.standardError.write(Data("usage: kasane-fuzz series|registry|cases|closures|policy|reply SECONDS CORPUS OUT\n".utf8))
            exit(2)
        }
        Fuzzer(target: target, seconds: seconds, corpus: args[3], out: args[4]).run()
    }
}
#endif

/// A small mutational fuzzer: seeds from the corpus, byte and token mutations, splices; an input
/// that crashes is written by the signal handler, one that runs over 2 s is saved, one over 10 s
/// is saved by the watchdog and ends the run.
struct Fuzzer {
    let target: FuzzTarget
    let seconds: Double
    let corpus: String
    let out: String

    /// Tokens that matter to the readers.
    static let dictionary: [String] = [
        "&a ", "*a", "? ", ": ", "- ", "[", "]", "{", "}", "<<: ", "\"\\0\"", "\"\\e\"", "!!binary ", "---\n", "...\n",
        "\n  ", "\t", "'", "\"", "#", "|\n", ">\n", "~", "null", "true", "2026-02-29", "9223372036854775807", "-1", "0",
        "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "RRULE:FREQ=DAILY\r\n", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
        ";COUNT=100000", ";INTERVAL=0", ";UNTIL=20130101", "RECURRENCE-ID;TZID=Asia/Tokyo:20260909T140000\r\n",
        "STATUS:CANCELLED\r\n", "DTSTART:20130410T050000Z\r\n", ";TZID=Europe/Paris", ";TZID=America/New_York",
        "X-KASANE-CAPACITY:", "X-KASANE-MINUTES-PER-ITEM:", "X-KASANE-BODIES:", "\\,", "\\;", "\\n", "\\\\",
        "\r\n ", "EXDATE:20260812T140000Z\r\n", "RDATE;VALUE=PERIOD:20260826T140000/PT1H\r\n", "URL:https://a b/\r\n",
        "@", "..", "mailbox: ", "id: ", "agency: ", "person: ", "members:\n", "cases:\n", "closures:\n", "days:\n",
    ]

    func run() {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var seeds: [[UInt8]] = ((try? fm.contentsOfDirectory(atPath: corpus)) ?? []).sorted().compactMap {
            fm.contents(atPath: (corpus as NSString).appendingPathComponent($0)).map { Array($0) }
        }
        if seeds.isEmpty { seeds = [Array("a: 1\n".utf8)] }
        installHandlers()
        var rng = SystemRandomNumberGenerator()
        let deadline = monotonicNanoseconds() + UInt64(seconds * 1e9)
        var executions = 0, slow = 0
        var slowest: UInt64 = 0
        // Every seed as it is first, then mutants.
        var queue = seeds
        while monotonicNanoseconds() < deadline {
            let input = queue.popLast() ?? mutate(seeds[Int.random(in: 0..<seeds.count, using: &rng)], seeds, &rng)
            let count = min(input.count, 1 << 20)
            input.withUnsafeBufferPointer { currentInput.update(from: $0.baseAddress!, count: count) }
            currentCount = count
            let started = monotonicNanoseconds()
            runStarted = started
            target.run(String(decoding: input.prefix(count), as: UTF8.self))
            let elapsed = monotonicNanoseconds() - started
            runStarted = 0
            executions += 1
            slowest = max(slowest, elapsed)
            if elapsed > 2_000_000_000 {
                slow += 1
                _ = fm.createFile(atPath: (out as NSString).appendingPathComponent("slow-\(slow).input"), contents: Data(input))
            }
            if executions % 1000 == 0 { writeStats(executions, slow, slowest, done: false) }
        }
        writeStats(executions, slow, slowest, done: true)
        print("target \(target.rawValue): \(executions) executions in \(Int(seconds)) s, 0 crashes, \(slow) inputs over 2 s, "
            + "slowest \(slowest / 1_000_000) ms")
    }

    func writeStats(_ executions: Int, _ slow: Int, _ slowest: UInt64, done: Bool) {
        let text = "executions=\(executions)\nslow=\(slow)\nslowest_ms=\(slowest / 1_000_000)\ndone=\(done)\n"
        try? text.write(toFile: (out as NSString).appendingPathComponent("stats"), atomically: true, encoding: .utf8)
    }

    func mutate(_ seed: [UInt8], _ seeds: [[UInt8]], _ rng: inout SystemRandomNumberGenerator) -> [UInt8] {
        var b = seed
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0 where !b.isEmpty: b[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: b.insert(UInt8.random(in: 0...127, using: &rng), at: at)
            case 2 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...32, using: &rng)))
            case 3 where !b.isEmpty:
                let end = min(b.count, at + Int.random(in: 1...64, using: &rng))
                b.insert(contentsOf: Array(b[at..<end]), at: Int.random(in: 0...b.count, using: &rng))
            case 4, 5: b.insert(contentsOf: Array(Self.dictionary.randomElement(using: &rng)!.utf8), at: at)
            case 6:
                let other = seeds.randomElement(using: &rng)!
                guard !other.isEmpty else { continue }
                let s = Int.random(in: 0..<other.count, using: &rng)
                b.insert(contentsOf: other[s..<min(other.count, s + Int.random(in: 1...256, using: &rng))], at: at)
            default:
                // A line of the input repeated (nesting, long lists).
                let lineStart = b[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let lineEnd = b[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? b.count
                let line = Array(b[lineStart..<lineEnd])
                for _ in 0..<Int.random(in: 1...16, using: &rng) { b.insert(contentsOf: line, at: lineStart) }
            }
            if b.count > 64 * 1024 { b.removeLast(b.count - 64 * 1024) }
        }
        return b
    }

    /// A crash writes the input to OUT/crash.input and exits 77; the watchdog saves an input
    /// running over 10 s to OUT/hang.input and exits 78.
    func installHandlers() {
        crashFD = open((out as NSString).appendingPathComponent("crash.input"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        hangFD = open((out as NSString).appendingPathComponent("hang.input"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { _ in
                _ = write(crashFD, currentInput, currentCount)
                _exit(77)
            }
        }
        Thread.detachNewThread {
            while true {
                sleep(1)
                let started = runStarted
                if started != 0, monotonicNanoseconds() > started + 10_000_000_000 {
                    _ = write(hangFD, currentInput, currentCount)
                    _exit(78)
                }
            }
        }
    }
}
