import KasaneCore
@testable import KasaneServer
import KasaneStore
import Testing

@Suite("Feed server parts")
struct ServerPartsTests {
    @Test("HTTP dates are IMF-fixdate and parse back", arguments: [0, 951_782_400, 1_795_000_000, 4_102_444_799])
    func httpDates(_ seconds: Int) {
        let text = HTTPDate.format(seconds)
        #expect(text.count == 29 && text.hasSuffix(" GMT"))
        #expect(HTTPDate.parse(text) == seconds)
    }

    @Test("known HTTP dates")
    func knownDates() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nox 1994 08:49:37 GMT") == nil)
    }

    @Test("Accept-Encoding decides gzip", arguments: [
        ("gzip", true), ("gzip, deflate, br", true), ("GZIP;q=0.5", true), ("x-gzip", true), ("*", true),
        ("gzip;q=0", false), ("gzip;q=0.0", false), ("identity", false), ("br, *;q=0", false), ("", false),
        ("*;q=0.1, gzip;q=0", false),
    ])
    func acceptEncoding(_ value: String, _ expected: Bool) {
        #expect(FeedRoutes.acceptsGzip([value]) == expected)
    }

    @Test("the miss limiter counts per address and forgets after a minute")
    func missLimiter() {
        let limiter = MissLimiter(limit: 20)
        let t0 = ContinuousClock.now
        for i in 0..<20 {
            #expect(!limiter.isLimited("10.0.0.1", now: t0))
            limiter.recordMiss("10.0.0.1", now: t0 + .seconds(i))
        }
        #expect(limiter.isLimited("10.0.0.1", now: t0 + .seconds(20)))
        #expect(!limiter.isLimited("10.0.0.2", now: t0 + .seconds(20)))
        #expect(!limiter.isLimited("10.0.0.1", now: t0 + .seconds(61)))
    }

    @Test("tokens are 43 base64url characters with 256 bits and only their hash is stored")
    func tokens() throws {
        let folder = try TemporaryFolder()
        let db = try AppDatabase(path: folder.path("t.sqlite"))
        _ = try db.importRegistry(Registry(agencies: ServerHarness.agencies, people: [], bodies: []))
        let a = try db.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 1))
        #expect(FeedTokenSecret.isWellFormed(a.secret))
        #expect(a.id.count >= 8 && a.id.count <= 32)
        #expect(throws: FeedTokenError.alreadyIssued("kodomo", tokenID: a.id)) {
            try db.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 2))
        }
        #expect(throws: FeedTokenError.unknownAgency("nowhere")) {
            try db.issueFeedToken(agency: "nowhere", now: UTCTimestamp(seconds: 2))
        }
        #expect(try db.activeFeedToken(hash: FeedTokenSecret.hash(a.secret))?.agency == "kodomo")
        let (b, revoked) = try db.rotateFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 3))
        #expect(revoked == [a.id] && b.secret != a.secret)
        #expect(try db.activeFeedToken(hash: FeedTokenSecret.hash(a.secret)) == nil)
        #expect(try db.revokeFeedTokens(agency: "kodomo", now: UTCTimestamp(seconds: 4)) == [b.id])
        #expect(throws: FeedTokenError.noActiveToken("kodomo")) {
            try db.revokeFeedTokens(agency: "kodomo", now: UTCTimestamp(seconds: 5))
        }
        // 100 tokens, all distinct, all well formed.
        var seen = Set<String>()
        for i in 0..<100 {
            seen.insert(try db.rotateFeedToken(agency: "city", now: UTCTimestamp(seconds: i)).issued.secret)
        }
        #expect(seen.count == 100 && seen.allSatisfy(FeedTokenSecret.isWellFormed))
    }

    @Test("gzip round-trips, empty input included")
    func gzipRoundTrip() {
        for input in [[UInt8](), Array("BEGIN:VCALENDAR\r\n".utf8), Array(repeating: 65, count: 300_000)] {
            let z = Gzip.compress(input)
            #expect(z.flatMap(Gzip.decompress) == input)
            #expect(z.map { $0.prefix(2) == [0x1F, 0x8B] } == true)
        }
    }
}
