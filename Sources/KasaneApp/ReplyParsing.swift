#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KasaneCalendar
public import KasaneCore

/// How a reply's calendar is parsed (#14.3): libical 3.0.16 is not safe on hostile input
/// (ICALENDAR.md, "Untrusted input"), so `replies import|receive` parse each calendar in a child
/// process with a memory and CPU-time limit and a wall-clock timeout; a child that dies or runs
/// over is a `ReplyRefusal.parserLimit`, and the import goes on.
public struct ReplyParser: Sendable {
    let parse: @Sendable ([UInt8]) -> Result<ReceivedReply, ReplyRefusal>

    /// Parses `bytes`: the pre-checks first (`ReplyReader.precheck`), then the reader.
    public func callAsFunction(_ bytes: [UInt8]) -> Result<ReceivedReply, ReplyRefusal> {
        if let problem = ReplyReader.precheck(bytes) { return .failure(problem) }
        return parse(bytes)
    }

    /// In this process (tests, the fuzz target).
    public static let inProcess = ReplyParser { bytes in
        do throws(ReplyRefusal) { return .success(try ReplyReader.read(bytes)) } catch { return .failure(error) }
    }

    /// In a child: `executable arguments…` reads the calendar on standard input and answers one
    /// line of JSON (`ReplyParser.childMain`). The wall clock is bounded by `limits`.
    /// `limits` (per input size, `Limits.effective`) are passed to the child and bound its wall-clock time.
    public static func child(executable: String, arguments: [String], limits: Limits = Limits()) -> ReplyParser {
        ReplyParser { bytes in
            let applied = limits.effective(forSize: bytes.count)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments + applied.arguments
            process.environment = ["LANG": "C.UTF-8", "KASANE_LOG_LEVEL": "critical"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            signal(SIGPIPE, SIG_IGN)  // a child that died early must not kill the parent's write
            do { try process.run() } catch { return .failure(.parserLimit) }
            let pid = process.processIdentifier
            let killer = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(applied.timeoutMilliseconds), execute: killer)
            // The child reads all its input before it writes, so writing first cannot deadlock.
            let fd = input.fileHandleForWriting.fileDescriptor
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
            try? input.fileHandleForWriting.close()
            let answer = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            killer.cancel()
            guard process.terminationReason == .exit, process.terminationStatus == 0,
                  let decoded = try? JSONDecoder().decode(ChildAnswer.self, from: answer) else {
                return .failure(.parserLimit)
            }
            if let reply = decoded.reply { return .success(reply) }
            return .failure(decoded.refusal ?? .parserLimit)
        }
    }

    /// The child's limits as the parent passes them (`replies parse-one` arguments): 768 MiB of
    /// address space, 5 s of CPU, 10 s of wall clock. Lowered only by tests, through
    /// `KASANE_REPLY_PARSER_LIMITS` (`memory-kib=N,cpu=N,timeout-ms=N,from-bytes=N`); with
    /// `from-bytes`, the lowered limits apply only to inputs of at least that many bytes (the
    /// others keep the defaults), so a test can take one large reply past them in an import.
    public struct Limits: Sendable, Hashable {
        public var memoryKiB = 768 * 1024
        public var cpuSeconds = 5
        public var timeoutMilliseconds = 10_000
        public var fromBytes = 0

        public init() {}

        /// The limits of `text` (unknown keys and bad numbers are ignored: it is a test hook).
        public init(parsing text: String?) {
            for pair in (text ?? "").split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let n = Int(kv[1]), n >= 0 else { continue }
                switch kv[0] {
                case "memory-kib": memoryKiB = max(1, n)
                case "cpu": cpuSeconds = max(1, n)
                case "timeout-ms": timeoutMilliseconds = max(1, n)
                case "from-bytes": fromBytes = n
                default: continue
                }
            }
        }

        /// The limits for an input of `size` bytes.
        public func effective(forSize size: Int) -> Limits { size >= fromBytes ? self : Limits() }

        /// The child's arguments after `replies parse-one`.
        public var arguments: [String] { ["--memory-kib", String(memoryKiB), "--cpu-seconds", String(cpuSeconds)] }
    }

    /// What the child prints.
    struct ChildAnswer: Codable {
        var reply: ReceivedReply?
        var refusal: ReplyRefusal?
    }

    /// The child's side: limits itself (address space `memoryBytes`, CPU `cpuSeconds`), reads
    /// standard input up to `ReplyReader.maximumSize + 1` bytes, parses it and prints the answer.
    /// Returns the exit status.
    public static func childMain(memoryBytes: Int = 768 << 20, cpuSeconds: Int = 5) -> Int32 {
        #if canImport(Glibc)
        var memory = rlimit(rlim_cur: rlim_t(memoryBytes), rlim_max: rlim_t(memoryBytes))
        var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
        guard setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &memory) == 0,
              setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu) == 0 else { return 2 }
        #endif
        let data = FileHandle.standardInput.readData(ofLength: ReplyReader.maximumSize + 1)
        let answer: ChildAnswer
        switch inProcess([UInt8](data)) {
        case .success(let reply): answer = ChildAnswer(reply: reply)
        case .failure(let refusal): answer = ChildAnswer(refusal: refusal)
        }
        guard let json = try? JSONEncoder().encode(answer) else { return 3 }
        FileHandle.standardOutput.write(json)
        return 0
    }
}
