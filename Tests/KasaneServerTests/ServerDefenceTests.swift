import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneCore
@testable import KasaneServer
import KasaneStore
import NIOConcurrencyHelpers
import Testing

/// A feed provider whose rendering fails with a text that names a household member.
struct FailingFeedProvider: FeedProvider {
    struct RenderingFailed: Error, CustomStringConvertible {
        var description: String { "cannot render the feed of 架空 ハナ (かさね市中央1-2-3)" }
    }

    func feed(for agency: String) async throws -> FeedDocument? { throw RenderingFailed() }
}

/// Issue 12, point 13: write methods get 405, a failed rendering a neutral 500.
@Suite("Feed server: methods and failures (#12.13)")
struct ServerDefenceTests {
    @Test("#12.13 POST, PUT, DELETE and PATCH on a feed, /healthz or /robots.txt get 405 with Allow: GET, HEAD",
          arguments: [HTTPRequest.Method.post, .put, .delete, .patch])
    func methodNotAllowed(method: HTTPRequest.Method) async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            for uri in ["/feeds/\(h.shakyoToken).ics", "/feeds/\(String(repeating: "Q", count: 43)).ics", "/healthz",
                        "/robots.txt"] {
                let r = try await client.execute(uri: uri, method: method)
                #expect(r.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(r.headers[.allow] == "GET, HEAD", "\(method) \(uri)")
                #expect(r.headers[.testReferrerPolicy] == "no-referrer")
            }
            // A 405 is not a miss: the address still gets its feeds.
            for _ in 0..<25 { _ = try await client.execute(uri: "/feeds/\(h.shakyoToken).ics", method: method) }
            let unknown = try await client.execute(uri: "/feeds/\(String(repeating: "Q", count: 43)).ics", method: .get)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("fuzz finding: a HEAD answered by the guard (unknown path, miss, 429) has the GET's headers and no body",
          arguments: ["/nowhere", "/feeds/\(String(repeating: "Q", count: 43)).ics", "/feeds/a/b"])
    func headFromTheGuard(uri: String) async throws {
        let h = try ServerHarness()
        try await h.app().test(.router) { client in
            let get = try await client.execute(uri: uri, method: .get)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status == get.status)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            for _ in 0..<25 { _ = try await client.execute(uri: uri, method: .get) }
            let limited = try await client.execute(uri: uri, method: .head)
            #expect(limited.status == .tooManyRequests && limited.body.readableBytes == 0)
        }
    }

    @Test("#12.13 a feed whose rendering fails gets a bare 500: the error's text is neither in the body nor in the log")
    func renderingFailure() async throws {
        let h = try ServerHarness()
        let app = buildApplication(configuration: .init(), feeds: FailingFeedProvider(), tokens: h.tokens, audit: h.audit,
                                   logger: h.logger)
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/feeds/\(h.shakyoToken).ics", method: .get)
            #expect(r.status == .internalServerError)
            #expect(String(buffer: r.body) == "Internal Server Error\n")
            #expect(r.headers[.contentType] == "text/plain; charset=utf-8")
            try await h.audit.flush()
        }
        let lines = h.logLines.withLockedValue { $0 }
        #expect(!lines.isEmpty)
        #expect(!lines.contains { $0.contains("架空") || $0.contains("かさね市") || $0.contains(h.shakyoToken) })
        #expect(try h.database.feedAudit().map(\.status) == [500])
    }
}
