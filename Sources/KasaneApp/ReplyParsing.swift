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
    /// line of JSON (`ReplyParser.childMain`). `timeout` bounds the wall-clock time.
    public static func child(executable: String, arguments: [String], timeout: Duration = .seconds(10)) -> ReplyParser {
        ReplyParser { bytes in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = ["LANG": "C.UTF-8", "KASANE_LOG_LEVEL": "critical"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            signal(SIGPIPE, SIG_IGN)  // a child that died early must not kill the parent's write
            do { try process.run() } catch { return .failure(.parserLimit) }
            let pid = process.processIdentifier
            let killer = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(timeout.components.seconds)), execute: killer)
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

    /// The child's limits as the parent passes them (`replies parse-one` arguments). Lowered only
    /// by tests, through `KASANE_REPLY_PARSER_LIMITS` (`headroom-kib=N,cpu=N,timeout=N`): the
    /// production limits are the defaults (768 MiB, 5 s CPU, 10 s wall clock).
    public struct Limits: Sendable, Hashable {
        public var headroomKiB: Int?
        public var cpuSeconds = 5
        public var timeoutSeconds = 10

        public init() {}

        /// The limits of `text` (unknown keys and bad numbers are ignored: it is a test hook).
        public init(parsing text: String?) {
            for pair in (text ?? "").split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let n = Int(kv[1]), n >= 0 else { continue }
                switch kv[0] {
                case "headroom-kib": headroomKiB = n
                case "cpu": cpuSeconds = max(1, n)
                case "timeout": timeoutSeconds = max(1, n)
                default: continue
                }
            }
        }

        /// The child's arguments after `replies parse-one`.
        public var arguments: [String] {
            ["--cpu-seconds", String(cpuSeconds)] + (headroomKiB.map { ["--headroom-kib", String($0)] } ?? [])
        }
    }

    /// The address space this process maps now (bytes; `/proc/self/statm`, 0 when unknown).
    static func addressSpaceInUse() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// What the child prints.
    struct ChildAnswer: Codable {
        var reply: ReceivedReply?
        var refusal: ReplyRefusal?
    }

    /// The child's side: limits itself (address space `memoryBytes`, CPU `cpuSeconds`), reads
    /// standard input up to `ReplyReader.maximumSize + 1` bytes, parses it and prints the answer.
    /// Returns the exit status.
    /// With `headroomBytes` (tests only: `KASANE_REPLY_PARSER_LIMITS`, see `Limits`), the
    /// address-space limit is what the child already uses plus that much, so a test can make a
    /// large reply go over the limit while a small one parses.
    public static func childMain(memoryBytes: Int = 768 << 20, cpuSeconds: Int = 5, headroomBytes: Int? = nil) -> Int32 {
        #if canImport(Glibc)
        let limit = headroomBytes.map { Self.addressSpaceInUse() + $0 } ?? memoryBytes
        var memory = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
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
