import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneCore
@testable import KasaneServer
import KasaneStore
import NIOConcurrencyHelpers
import NIOCore
import Testing

@Suite("Feed server through the router")
struct FeedServerTests {
    @Test("a feed is served with the content type, privacy headers and validators")
    func requiredHeaders() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let r = try await client.execute(uri: "/feeds/\(h.shakyoToken).ics", method: .get)
            #expect(r.status == .ok)
            let served = Array(buffer: r.body) == (try h.feed(ServerHarness.shakyo).body)
            #expect(served, "the body is the agency's feed as the workspace composes it")
            #expect(r.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(r.headers[.cacheControl] == "private")
            #expect(r.headers[.testReferrerPolicy] == "no-referrer")
            #expect(r.headers[.testRobots] == "noindex")
            #expect(r.headers[.vary] == "Accept-Encoding")
            #expect(r.headers[.contentEncoding] == nil)
            let etag = try #require(r.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 34, "strong ETag: \(etag)")
            // The feed changed last when the demo was scheduled, at the pinned clock's time.
            #expect(r.headers[.lastModified] == "Thu, 26 Nov 2026 11:06:40 GMT")
        }
    }

    @Test("If-None-Match with the current ETag gets 304 with no body; another ETag gets 200")
    func ifNoneMatch() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let first = try await client.execute(uri: uri, method: .get)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)
            #expect(again.headers[.cacheControl] == "private")
            let list = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"x\", W/\(etag)"])
            #expect(list.status == .notModified)
            let other = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"0123\""])
            #expect(other.status == .ok)
        }
    }

    @Test("If-Modified-Since at or after Last-Modified gets 304; before it, or with a failing If-None-Match, 200")
    func ifModifiedSince() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let modified = try h.feed(ServerHarness.shakyo).lastModified.seconds
            let at = HTTPDate.format(modified)
            let later = HTTPDate.format(modified + 3600)
            let earlier = HTTPDate.format(modified - 1)
            func status(_ headers: HTTPFields) async throws -> HTTPResponse.Status {
                try await client.execute(uri: uri, method: .get, headers: headers).status
            }
            let atLastModified = try await status([.ifModifiedSince: at])
            #expect(atLastModified == .notModified)
            let afterIt = try await status([.ifModifiedSince: later])
            #expect(afterIt == .notModified)
            let beforeIt = try await status([.ifModifiedSince: earlier])
            #expect(beforeIt == .ok)
            let unparsable = try await status([.ifModifiedSince: "yesterday"])
            #expect(unparsable == .ok)
            let failingETag = try await status(HTTPFields.with([(.ifModifiedSince, later), (.ifNoneMatch, "\"stale\"")]))
            #expect(failingETag == .ok)
        }
    }

    @Test("HEAD has the GET headers, Content-Length included, and no body")
    func head() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let get = try await client.execute(uri: uri, method: .get)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            for name in [HTTPField.Name.contentType, .eTag, .lastModified, .cacheControl, .vary, .testRobots, .testReferrerPolicy] {
                #expect(head.headers[name] == get.headers[name], "\(name)")
            }
        }
    }

    @Test("gzip when Accept-Encoding allows it: decompresses to the same bytes, under its own ETag")
    func gzip() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let plain = try await client.execute(uri: uri, method: .get)
            let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "br;q=1, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            #expect(Gzip.decompress(Array(buffer: zipped.body)) == Array(buffer: plain.body))
            let gzETag = try #require(zipped.headers[.eTag])
            #expect(gzETag != plain.headers[.eTag])
            #expect(zipped.headers[.vary] == "Accept-Encoding")
            // The same compressed bytes every time (made once per body).
            let again = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(again.body == zipped.body)
            let cond = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: gzETag])
            #expect(cond.status == .notModified)
            #expect(cond.headers[.eTag] == gzETag)
            for refused in ["gzip;q=0", "identity", "br"] {
                let r = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: refused])
                #expect(r.headers[.contentEncoding] == nil, "\(refused)")
            }
        }
    }

    @Test("a revoked or rotated-out token fails on the very next request, even with a matching If-None-Match")
    func revocation() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let old = "/feeds/\(h.shakyoToken).ics"
            let first = try await client.execute(uri: old, method: .get)
            let etag = try #require(first.headers[.eTag])
            let reference = try await client.execute(uri: "/feeds/\(String(repeating: "A", count: 43)).ics", method: .get)

            let new = try h.rotate(ServerHarness.shakyo)
            let afterRotate = try await client.execute(uri: old, method: .get, headers: [.ifNoneMatch: etag])
            #expect(afterRotate.status == .notFound)
            #expect(afterRotate.headers == reference.headers && afterRotate.body == reference.body)
            #expect(try await client.execute(uri: "/feeds/\(new).ics", method: .get).status == .ok)

            _ = try h.database.revokeFeedTokens(agency: ServerHarness.shakyo, now: h.workspace.clock.timestamp)
            let afterRevoke = try await client.execute(uri: "/feeds/\(new).ics", method: .get, headers: [.ifNoneMatch: etag])
            #expect(afterRevoke.status == .notFound)
            #expect(afterRevoke.headers == reference.headers && afterRevoke.body == reference.body)
        }
    }

    /// Ways to ask for a feed one may not have.
    enum Miss: String, CaseIterable, Sendable {
        case revoked, foreign, noFeedForAgency, malformedShort, malformedLong, badCharacters, noSuffix, otherSuffix
        case unknownPath, feedsFolder, percentEncoded
    }

    @Test("unknown, revoked, foreign and malformed tokens get byte-identical 404s", arguments: Miss.allCases)
    func identical404(_ miss: Miss) async throws {
        let h = try ServerHarness()
        let elsewhere = try ServerHarness()  // another workspace: its token is foreign here
        let revoked = h.shakyoToken
        _ = try h.rotate(ServerHarness.shakyo)  // the first token is now revoked
        let cityToken = try h.rotate("hogo")  // hogo has a token but (below) no feed
        try await h.app(feeds: WithoutAgencies(base: h.feeds, hidden: ["hogo"])).test(.router) { client in
            let reference = try await client.execute(uri: "/feeds/\(String(repeating: "Q", count: 43)).ics", method: .get)
            #expect(reference.status == .notFound)
            let (uri, method): (String, HTTPRequest.Method) = switch miss {
            case .revoked: ("/feeds/\(revoked).ics", .get)
            case .foreign: ("/feeds/\(elsewhere.shakyoToken).ics", .get)
            case .noFeedForAgency: ("/feeds/\(cityToken).ics", .get)
            case .malformedShort: ("/feeds/abc.ics", .get)
            case .malformedLong: ("/feeds/\(h.shakyoToken)A.ics", .get)
            case .badCharacters: ("/feeds/\(String(h.shakyoToken.dropLast(2)))+=.ics", .get)
            case .noSuffix: ("/feeds/\(h.shakyoToken)", .get)
            case .otherSuffix: ("/feeds/\(h.shakyoToken).json", .get)
            case .unknownPath: ("/admin", .get)
            case .feedsFolder: ("/feeds/", .get)
            case .percentEncoded: ("/feeds/%2e%2e%2f\(h.shakyoToken).ics", .get)
            }
            let r = try await client.execute(uri: uri, method: method)
            #expect(r.status == .notFound)
            #expect(r.headers == reference.headers)
            #expect(r.body == reference.body)
            #expect(!String(buffer: r.body).contains(ServerHarness.shakyo))
        }
    }

    @Test("#12.13 more than 20 misses a minute from one address get 429; a valid token from it is still served; /healthz answers")
    func missLimit() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            for i in 0..<20 {
                let r = try await client.execute(uri: "/feeds/\(String(repeating: "z", count: 42))\(i % 10).ics", method: .get)
                #expect(r.status == .notFound, "miss \(i + 1)")
            }
            let limited = try await client.execute(uri: "/feeds/\(String(repeating: "y", count: 43)).ics", method: .get)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "60")
            // Behind a proxy without --trust-forwarded-for every agency shares one address: a stale
            // subscription's misses must not lock the others out (#12.13).
            let valid = try await client.execute(uri: "/feeds/\(h.shakyoToken).ics", method: .get)
            #expect(valid.status == .ok)
            let other = try await client.execute(uri: "/feeds/\(h.houkatsuToken).ics", method: .head)
            #expect(other.status == .ok)
            let unknownPath = try await client.execute(uri: "/admin", method: .get)
            #expect(unknownPath.status == .tooManyRequests)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            try await h.audit.flush()
            let rows = try h.database.feedAudit()
            #expect(rows.filter { $0.status == 404 }.count == 20)
            #expect(rows.filter { $0.status == 429 }.count == 1)
            #expect(rows.filter { $0.status == 200 }.count == 2)
        }
    }

    @Test("a change of feed content shows on the next response, under a new ETag; undone, the first ETag is current again")
    func feedChange() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let before = try await client.execute(uri: uri, method: .get)
            let etag = try #require(before.headers[.eTag])
            #expect(String(buffer: before.body).contains("第1会議室"))
            // The secretariat moves the standing series to another room (calendars/jusou.ics).
            let series = h.workspace.calendars.folder + "/jusou.ics"
            let original = try String(contentsOfFile: series, encoding: .utf8)
            try original.replacingOccurrences(of: "第1会議室", with: "第2会議室")
                .write(toFile: series, atomically: true, encoding: .utf8)
            try h.reschedule()
            let changed = try h.feed(ServerHarness.shakyo)
            let after = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(after.status == .ok)
            let served = Array(buffer: after.body) == changed.body
            #expect(served, "the served bytes are the feed the workspace composes now")
            #expect(String(buffer: after.body).contains("第2会議室"))
            #expect(after.headers[.eTag] != etag)
            let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip"])
            let unzipped = Gzip.decompress(Array(buffer: zipped.body)) == changed.body
            #expect(unzipped)
            // Undone: the first bytes and ETag come back.
            try original.write(toFile: series, atomically: true, encoding: .utf8)
            try h.reschedule()
            let undone = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(undone.status == .notModified)
        }
    }

    @Test("every feed read is audited with agency, token id, client, status and ETag")
    func audit() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let uri = "/feeds/\(h.shakyoToken).ics"
            let r = try await client.execute(uri: uri, method: .get)
            _ = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: r.headers[.eTag]!])
            _ = try await client.execute(uri: uri, method: .head)
            _ = try await client.execute(uri: "/feeds/\(String(repeating: "Q", count: 43)).ics", method: .get)
            try await h.audit.flush()
            let rows = try h.database.feedAudit()
            let tokenID = try #require(h.database.feedTokens(agency: ServerHarness.shakyo).first?.id)
            #expect(rows.map(\.status) == [200, 304, 200, 404])
            #expect(rows.prefix(3).allSatisfy { $0.agency == ServerHarness.shakyo && $0.tokenID == tokenID && $0.etag == r.headers[.eTag] })
            #expect(rows[3].agency == nil && rows[3].tokenID == nil && rows[3].etag == nil)
            #expect(rows.allSatisfy { $0.client == "unknown" })  // the router test has no peer
            #expect(try h.database.feedAudit(agency: ServerHarness.shakyo).count == 3)
        }
    }

    @Test("/healthz answers ok and /robots.txt disallows the feeds")
    func healthAndRobots() async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok && String(buffer: health.body) == "ok\n")
            let robots = try await client.execute(uri: "/robots.txt", method: .get)
            #expect(String(buffer: robots.body) == "User-agent: *\nDisallow: /feeds/\n")
            let long = try await client.execute(uri: "/feeds/" + String(repeating: "a", count: 5000) + ".ics", method: .get)
            #expect(long.status == .uriTooLong)
        }
    }

    @Test("no raw token issued during the test is in the SQLite files, the logs or the audit table")
    func noRawTokenAtRest() async throws {
        let h = try ServerHarness()
        let rotated = try h.rotate(ServerHarness.houkatsu)
        try await h.app().test(.router) { client in
            for token in [h.shakyoToken, rotated, h.houkatsuToken] {
                _ = try await client.execute(uri: "/feeds/\(token).ics", method: .get)
                _ = try await client.execute(uri: "/feeds/\(token).ics", method: .head, headers: [.acceptEncoding: "gzip"])
            }
            _ = try h.database.revokeFeedTokens(agency: ServerHarness.shakyo, now: h.workspace.clock.timestamp)
            _ = try await client.execute(uri: "/feeds/\(h.shakyoToken).ics", method: .get)
            try await h.audit.flush()
        }
        let tokens = h.issued.withLockedValue { $0 }
        #expect(tokens.count == 3)
        var files: [String: [UInt8]] = [:]
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: h.folder.path("kasane.sqlite" + suffix)) {
                files["kasane.sqlite" + suffix] = Array(data)
            }
        }
        let logs = h.logLines.withLockedValue { $0.joined(separator: "\n") }
        let auditText = String(decoding: try JSONEncoder().encode(try h.database.feedAudit()), as: UTF8.self)
        let tokenIDs = try h.database.feedTokens().map(\.id)
        // The search works: what is meant to be there is found (the id of a token that was served;
        // the order of `feedTokens()` follows the random ids, so look for any of them).
        #expect(tokenIDs.contains { logs.contains($0) && auditText.contains($0) })
        #expect(files.values.contains { Self.contains($0, Array(FeedTokenSecret.hash(h.shakyoToken).utf8)) })
        for token in tokens {
            for (name, bytes) in files { #expect(!Self.contains(bytes, Array(token.utf8)), "token found in \(name)") }
            #expect(!logs.contains(token), "token found in the logs")
            #expect(!auditText.contains(token), "token found in the audit table")
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first && Array(haystack[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}

extension Array where Element == UInt8 {
    init(buffer: ByteBuffer) {
        self = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
    }
}
