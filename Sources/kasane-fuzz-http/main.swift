// `kasane-fuzz-http SECONDS [SEED] [OUT-DIR]`: an in-process fuzzer of the feed server's request
// path (issue 12). It builds the application with the very `buildApplication` that `kasane serve`
// uses, on a throwaway workspace with real tokens, and calls its responder directly with random
// methods, paths (valid, revoked, malformed and token-like), conditional headers, Accept-Encoding
// and X-Forwarded-For, from several peer addresses, with and without --trust-forwarded-for.
// Every answer is checked: a known status, 405 with Allow, never a 500 but for the one agency whose
// rendering fails, a valid token always served (never 404 or 429), no token or personal data in an
// error body, HEAD without a body. It prints executions, violations and inputs over 2 s; the input
// being run is kept in OUT-DIR/current.txt so a crash can be replayed. Not part of `make test`:
// see scripts/fuzz-http.sh.
import Foundation
import HTTPTypes
import Hummingbird
import KasaneCore
import KasaneServer
import KasaneStore
import PropertyBased
import Logging
import NIOCore
import NIOEmbedded

/// Feeds for two agencies; the third agency's rendering fails with a text naming a person.
struct FuzzFeeds: FeedProvider {
    struct RenderingFailed: Error, CustomStringConvertible {
        var description: String { "架空 ハナ の予定を作れません" }
    }

    let documents: [String: FeedDocument]

    func feed(for agency: String) async throws -> FeedDocument? {
        if agency == "city" { throw RenderingFailed() }
        return documents[agency]
    }
}

/// One generated request.
struct FuzzInput: CustomStringConvertible {
    var method: String
    var path: String
    var headers: [(String, String)]
    var peer: String
    var trusted: Bool
    /// The valid, unrevoked token of an agency with a feed the path carries, if any.
    var validToken: Bool
    var failingToken: Bool

    var description: String {
        (["\(method) \(path)", "peer: \(peer) trust-forwarded-for: \(trusted)"]
            + headers.map { "\($0.0): \($0.1)" }).joined(separator: "\n")
    }
}

struct Fuzzer {
    var rng: Xoshiro
    let tokens: [String]       // valid tokens of agencies with feeds
    let failing: String        // valid token of the agency whose rendering fails
    let revoked: String
    let etags: [String]

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &rng)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    mutating func noise(_ maxLength: Int, alphabet: String) -> String {
        let chars = Array(alphabet)
        return String((0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in pick(chars) })
    }

    static let tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    static let wild = tokenAlphabet + "/.%?#&=+ ~!$'()*,;:@[]{}|\\^`\"<>\u{0}\u{7F}あ漢\u{202E}\u{FEFF}"

    mutating func token() -> (String, valid: Bool, failing: Bool) {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1: return (pick(tokens), true, false)
        case 2: return (failing, false, true)
        case 3: return (revoked, false, false)
        case 4: return (noise(43, alphabet: Self.tokenAlphabet), false, false)
        case 5:  // one character off a valid token
            var t = Array(pick(tokens))
            t[Int.random(in: 0..<t.count, using: &rng)] = pick(Array(Self.tokenAlphabet))
            return (String(t), false, false)
        case 6: return (String(repeating: pick(Array(Self.tokenAlphabet)), count: Int.random(in: 40...46, using: &rng)), false, false)
        case 7: return (noise(80, alphabet: Self.wild), false, false)
        case 8: return (pick(tokens).percentEncodedAll, false, false)
        default: return (noise(4000, alphabet: Self.wild), false, false)
        }
    }

    mutating func path() -> (String, valid: Bool, failing: Bool) {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return ("/healthz", false, false)
        case 1: return ("/robots.txt", false, false)
        case 2: return (pick(["/", "//", "/feeds", "/feeds/", "/feeds//x.ics", "/feeds/../healthz", "/feeds/%2e%2e/x.ics",
                              "/admin", "*", "/feeds/.ics", "/feeds/x.ics/", "/FEEDS/x.ics"]), false, false)
        case 3: return ("/" + noise(300, alphabet: Self.wild), false, false)
        default:
            let (t, valid, failing) = token()
            let suffix = chance(85) ? ".ics" : pick([".ICS", ".json", "", ".ics.", ".ics%00", ".ics/"])
            let query = chance(15) ? "?" + noise(40, alphabet: Self.wild) : ""
            // The router ignores a trailing slash: `TOKEN.ics/` is the feed too.
            let feed = suffix == ".ics" || suffix == ".ics/"
            return ("/feeds/" + t + suffix + query, valid && feed, failing && feed)
        }
    }

    mutating func headers() -> [(String, String)] {
        var h: [(String, String)] = []
        if chance(40) {
            h.append(("If-None-Match", pick([
                pick(etags), "W/" + pick(etags), "*", "\"\"", "\"x\", " + pick(etags), noise(60, alphabet: Self.wild),
                String(repeating: pick(etags) + ",", count: Int.random(in: 1...200, using: &rng)),
            ])))
        }
        if chance(30) {
            h.append(("If-Modified-Since", pick([
                "Wed, 18 Nov 2026 11:06:40 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
                "Thu, 01 Jan 1970 00:00:00 GMT", "Mon, 32 Foo 2026 25:61:61 GMT", "yesterday", "",
                "Wed, 18 Nov 99999999999999999999 11:06:40 GMT", noise(40, alphabet: Self.wild),
            ])))
        }
        if chance(50) {
            h.append(("Accept-Encoding", pick([
                "gzip", "x-gzip", "*", "gzip;q=0", "*;q=0, gzip;q=0.001", "br, deflate", "gzip;q=1e309", "gzip;q=nan",
                "gzip;q=-1", "identity;q=0", String(repeating: "gzip,", count: Int.random(in: 1...500, using: &rng)),
                noise(80, alphabet: Self.wild),
            ])))
        }
        if chance(30) {
            h.append(("X-Forwarded-For", pick([
                "203.0.113.\(Int.random(in: 0...255, using: &rng))", "::1", "", ",", " , , ", "1.2.3.4, 5.6.7.8",
                String(repeating: "9", count: 100), noise(100, alphabet: Self.wild),
                (0..<Int.random(in: 1...300, using: &rng)).map { "10.0.0.\($0 % 256)" }.joined(separator: ", "),
            ])))
        }
        if chance(10) { h.append(("Range", pick(["bytes=0-10", "bytes=-1", noise(20, alphabet: Self.wild)]))) }
        if chance(10) { h.append((pick(["Host", "Content-Length", "Transfer-Encoding", "Connection", "X-" + noise(10, alphabet: Self.tokenAlphabet)]),
                                  noise(50, alphabet: Self.wild))) }
        return h
    }

    mutating func input() -> FuzzInput {
        let method = chance(70) ? pick(["GET", "HEAD"])
            : pick(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get", "X" + noise(8, alphabet: "ABCXYZ")])
        let (p, valid, failing) = path()
        return FuzzInput(method: method, path: p, headers: headers(),
                         peer: pick(["127.0.0.1", "::1", "10.0.0.\(Int.random(in: 1...3, using: &rng))", "192.0.2.7"]),
                         trusted: chance(50), validToken: valid, failingToken: failing)
    }
}

extension String {
    var percentEncodedAll: String { utf8.map { "%" + String($0, radix: 16, uppercase: true) }.joined() }
}

/// Collects a response body.
struct Collector: ResponseBodyWriter {
    var bytes: [UInt8] = []
    let sink: @Sendable ([UInt8]) -> Void
    mutating func write(_ buffer: ByteBuffer) async throws { bytes += Array(buffer: buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws { sink(bytes) }
}

final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Runs one input through `app` and returns what is wrong with the answer, if anything.
func run<App: ApplicationProtocol>(_ input: FuzzInput, app: App, responder: App.Responder, channels: [String: NIOAsyncTestingChannel],
                                   logger: Logger, secrets: [String]) async -> String? {
    guard let method = HTTPRequest.Method(input.method) else { return nil }  // not a token: the parser refuses it
    var fields = HTTPFields()
    for (name, value) in input.headers {
        guard let n = HTTPField.Name(name) else { continue }
        fields.append(HTTPField(name: n, value: value))
    }
    let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: input.path,
                                            headerFields: fields),
                          body: RequestBody(buffer: ByteBuffer()))
    let context = App.Responder.Context(source: ApplicationRequestContextSource(channel: channels[input.peer]!, logger: logger))
    let response: Response
    do {
        response = try await responder.respond(to: request, context: context)
    } catch {
        return "the responder threw \(type(of: error)): nothing below the guard may escape it"
    }
    let body = Box<[UInt8]>([])
    do {
        try await response.body.write(Collector(sink: { body.value = $0 }))
    } catch {
        return "writing the body threw \(type(of: error))"
    }
    let status = response.status.code
    let text = String(decoding: body.value, as: UTF8.self)
    guard [200, 304, 400, 404, 405, 414, 429, 431, 500].contains(status) else { return "unexpected status \(status)" }
    if status == 500 && !input.failingToken { return "500 for a request that is not the failing agency's feed" }
    if input.validToken && method == .get || input.validToken && method == .head {
        if input.path.utf8.count <= 2048 && ![200, 304].contains(status) {
            return "a valid token got \(status) (#12.13: a valid token is always served)"
        }
    }
    if status == 405 && response.headers[.allow] != "GET, HEAD" { return "405 without Allow: GET, HEAD" }
    if method == .head && !body.value.isEmpty { return "HEAD with a body" }
    if status >= 400 {
        for s in secrets where text.contains(s) { return "an error body holds a secret" }
        if text.contains("架空") || text.contains("Error:") { return "an error body holds internal text" }
    }
    return nil
}

@main
struct FuzzHTTP {
    static func main() async throws {
        let args = CommandLine.arguments
        guard args.count >= 2, let seconds = Double(args[1]) else {
            FileHandle.standardError.write(Data("usage: kasane-fuzz-http SECONDS [SEED] [OUT-DIR]\n".utf8))
            exit(64)
        }
        let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : UInt64(Date().timeIntervalSince1970)
        let out = args.count > 3 ? args[3] : FileManager.default.temporaryDirectory.appendingPathComponent("kasane-fuzz-http").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasane-fuzz-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let database = try AppDatabase(path: folder.appendingPathComponent("kasane.sqlite").path)
        _ = try database.importRegistry(Registry(agencies: [
            Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "city@example.jp", roles: [.municipality]),
            Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
            Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted, mailbox: "houkatsu@example.jp"),
            Agency(id: "kenko", name: "健康推進課", field: .health, kind: .municipal, mailbox: "kenko@example.jp"),
        ], people: [], bodies: []))
        let stamp = UTCTimestamp(seconds: 1_795_000_000)
        let revoked = try database.issueFeedToken(agency: "kodomo", now: stamp).secret
        let kodomo = try database.rotateFeedToken(agency: "kodomo", now: stamp).issued.secret
        let houkatsu = try database.issueFeedToken(agency: "houkatsu", now: stamp).secret
        let city = try database.issueFeedToken(agency: "city", now: stamp).secret
        _ = try database.issueFeedToken(agency: "kenko", now: stamp)
        func document(_ name: String) -> FeedDocument {
            let lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kasane//Fuzz//JA"]
                + (0..<20).flatMap { ["BEGIN:VEVENT", "UID:\(name)-\($0)@kasane.test", "DTSTAMP:20261126T000000Z",
                                      "DTSTART:20261201T010000Z", "SUMMARY:支援会議 \($0)", "END:VEVENT"] }
                + ["END:VCALENDAR"]
            return FeedDocument(body: Array(lines.map { $0 + "\r\n" }.joined().utf8), lastModified: stamp)
        }
        let feeds = FuzzFeeds(documents: ["kodomo": document("kodomo"), "houkatsu": document("houkatsu")])
        var logger = Logger(label: "kasane.fuzz") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let audit = DatabaseAuditLog(database: database)
        let tokens = DatabaseTokenStore(database: database)
        let apps = [false, true].map { trust in
            buildApplication(configuration: ServerConfiguration(missesPerMinute: 20, trustForwardedFor: trust),
                             feeds: feeds, tokens: tokens, audit: audit, logger: logger)
        }
        var channels: [String: NIOAsyncTestingChannel] = [:]
        for peer in ["127.0.0.1", "::1", "10.0.0.1", "10.0.0.2", "10.0.0.3", "192.0.2.7"] {
            let channel = NIOAsyncTestingChannel()
            channel.remoteAddress = try SocketAddress(ipAddress: peer, port: 40000)
            channels[peer] = channel
        }
        let (executions, violations, slow, slowest) = try await fuzz(
            apps: apps, seconds: seconds, seed: seed, out: out, channels: channels, logger: logger, audit: audit,
            database: database, valid: [kodomo, houkatsu], failing: city, revoked: revoked)
        try? FileManager.default.removeItem(at: folder)
        let ms = slowest.components.seconds * 1000 + slowest.components.attoseconds / 1_000_000_000_000_000
        print("executions \(executions) seconds \(seconds) seed \(seed) violations \(violations) over-2s \(slow) slowest-ms \(ms)")
        exit(violations == 0 && slow == 0 ? 0 : 1)
    }

    /// The loop: generated inputs through the responders until `seconds` have passed.
    static func fuzz<App: ApplicationProtocol>(
        apps: [App], seconds: Double, seed: UInt64, out: String, channels: [String: NIOAsyncTestingChannel], logger: Logger,
        audit: DatabaseAuditLog, database: AppDatabase, valid: [String], failing: String, revoked: String
    ) async throws -> (Int, Int, Int, Duration) {
        var responders: [App.Responder] = []
        for app in apps { responders.append(try await app.responder) }
        // The ETags a client could hold: ask once.
        var etags: [String] = ["\"0\""]
        for (token, gzip) in [(valid[0], false), (valid[0], true), (valid[1], false)] {
            var fields = HTTPFields()
            if gzip { fields[.acceptEncoding] = "gzip" }
            let r = try await responders[0].respond(
                to: Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/feeds/\(token).ics",
                                              headerFields: fields), body: RequestBody(buffer: ByteBuffer())),
                context: App.Responder.Context(source: .init(channel: channels["192.0.2.7"]!, logger: logger)))
            if let e = r.headers[.eTag] { etags.append(e) }
        }
        var fuzzer = Fuzzer(rng: Xoshiro(seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, ~seed, 1)), tokens: valid, failing: failing, revoked: revoked, etags: etags)
        let current = out + "/current.txt"
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var executions = 0, violations = 0, slow = 0
        var slowest: Duration = .zero
        while ContinuousClock.now < deadline {
            let input = fuzzer.input()
            try? ("seed \(seed) execution \(executions)\n\(input)\n").write(toFile: current, atomically: false, encoding: .utf8)
            let start = ContinuousClock.now
            let which = input.trusted ? 1 : 0
            let problem = await run(input, app: apps[which], responder: responders[which], channels: channels, logger: logger,
                                    secrets: valid + [failing, revoked])
            let took = ContinuousClock.now - start
            slowest = max(slowest, took)
            executions += 1
            if took > .seconds(2) {
                slow += 1
                try? "\(input)\n".write(toFile: out + "/slow-\(seed)-\(executions).txt", atomically: true, encoding: .utf8)
            }
            if let problem {
                violations += 1
                try? "\(problem)\n\(input)\n".write(toFile: out + "/violation-\(seed)-\(executions).txt", atomically: true,
                                                     encoding: .utf8)
                if violations <= 5 { print("VIOLATION #\(executions): \(problem)\n\(input)") }
            }
            if executions % 2000 == 0 { try? await audit.flush() }
            // A change in the workspace (another agency's token) makes the server reload its tables.
            if executions % 20000 == 0 { _ = try? database.rotateFeedToken(agency: "kenko", now: UTCTimestamp(seconds: 0)) }
        }
        try? await audit.flush()
        try? FileManager.default.removeItem(atPath: current)
        return (executions, violations, slow, slowest)
    }
}
