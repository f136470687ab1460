import HTTPTypes
import Hummingbird
import KasaneCore
import KasaneStore
import Logging
import NIOCore

/// `GET`/`HEAD /feeds/{token}.ics`: token by SHA-256, then the agency's feed with validators,
/// conditional requests and a precompressed gzip form; every request is audited. A valid token
/// is always served; only misses (malformed, unknown or revoked tokens) count towards the
/// client's miss limit, and past it they get 429 instead of 404.
struct FeedRoutes: Sendable {
    let feeds: any FeedProvider
    let tokens: any TokenStore
    let audit: any AuditLog
    let cache: RepresentationCache
    let limiter: MissLimiter
    let configuration: ServerConfiguration
    let now: @Sendable () -> UTCTimestamp

    /// Headers on every feed response, 200 and 304 alike.
    static let feedHeaders: HTTPFields = {
        var h = Responses.common
        h[.cacheControl] = "private"
        h[.vary] = "Accept-Encoding"
        return h
    }()

    func respond(_ request: Request, context: FeedRequestContext) async throws -> Response {
        let client = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
        var entry = FeedAuditEntry(at: now(), agency: nil, tokenID: nil, client: client, status: 404, etag: nil)
        do {
            let response = try await serve(request, context: context, entry: &entry)
            audit.record(entry)
            return request.method == .head ? response.createHeadResponse() : response
        } catch {
            entry.status = 500
            audit.record(entry)
            throw error
        }
    }

    private func serve(_ request: Request, context: FeedRequestContext, entry: inout FeedAuditEntry) async throws -> Response {
        guard let file = context.parameters.get("file"), file.hasSuffix(".ics") else { return miss(&entry) }
        let token = file.dropLast(4)
        guard FeedTokenSecret.isWellFormed(token) else { return miss(&entry) }
        guard let grant = try await tokens.grant(forTokenHash: FeedTokenSecret.hash(token)) else {
            return miss(&entry)
        }
        entry.agency = grant.agency
        entry.tokenID = grant.tokenID
        guard let document = try await feeds.feed(for: grant.agency) else { return Responses.notFound }
        let representation = try await cache.representation(agency: grant.agency, document: document)
        let gzip = representation.gzip != nil && Self.acceptsGzip(request.headers[values: .acceptEncoding])
        let etag = gzip ? representation.gzipETag : representation.etag
        entry.etag = etag

        var headers = Self.feedHeaders
        headers[.eTag] = etag
        headers[.lastModified] = representation.lastModifiedText
        context.logger.debug("feed read", metadata: ["agency.id": "\(grant.agency)", "feed.token_id": "\(grant.tokenID)"])
        if Self.notModified(request.headers, representation) {
            entry.status = 304
            return Response(status: .notModified, headers: headers)
        }
        entry.status = 200
        headers[.contentType] = "text/calendar; charset=utf-8"
        if gzip { headers[.contentEncoding] = "gzip" }
        let body = gzip ? representation.gzip! : representation.plain
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The answer to a token that grants nothing: the one 404, or 429 past the client's miss limit.
    private func miss(_ entry: inout FeedAuditEntry) -> Response {
        guard limiter.miss(entry.client, now: ContinuousClock.now) else { return Responses.notFound }
        entry.status = 429
        return Responses.tooManyRequests
    }

    /// RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since.
    static func notModified(_ headers: HTTPFields, _ representation: Representation) -> Bool {
        let inm = headers[values: .ifNoneMatch]
        if !inm.isEmpty {
            for value in inm {
                for tag in value.split(separator: ",") {
                    let t = tag.trimmingSpaces
                    if t == "*" || representation.matches(t) { return true }
                }
            }
            return false
        }
        if let ims = headers[.ifModifiedSince], let since = HTTPDate.parse(ims) {
            return representation.lastModified <= since
        }
        return false
    }

    /// Whether an Accept-Encoding allows gzip (`gzip`, `x-gzip` or `*` with a non-zero q).
    static func acceptsGzip(_ values: [String]) -> Bool {
        var star: Bool?
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";")
                guard let coding = parts.first?.trimmingSpaces.lowercased() else { continue }
                var q = 1.0
                for p in parts.dropFirst() {
                    let kv = p.trimmingSpaces
                    if kv.lowercased().hasPrefix("q=") { q = Double(kv.dropFirst(2)) ?? 0 }
                }
                if coding == "gzip" || coding == "x-gzip" { return q > 0 }
                if coding == "*" { star = q > 0 }
            }
        }
        return star ?? false
    }
}
