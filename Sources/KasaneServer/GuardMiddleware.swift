import HTTPTypes
import Hummingbird
import KasaneCore
import KasaneStore
import Logging

/// The outermost layer: refuses over-long targets, limits misses of unknown paths and methods
/// (429 past the limit; feed-token misses are limited by `FeedRoutes`, after the token lookup,
/// so a valid token is always served), and maps every error to a response in one place (STYLE §8).
struct GuardMiddleware: RouterMiddleware {
    typealias Context = FeedRequestContext

    let limiter: MissLimiter
    let audit: any AuditLog
    let configuration: ServerConfiguration
    let now: @Sendable () -> UTCTimestamp

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await respond(request, context: context, next: next)
        // A response the guard makes up has a body; a HEAD gets its headers only.
        return request.method == .head && response.body.contentLength != 0 ? response.createHeadResponse() : response
    }

    private func respond(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if (request.head.path?.utf8.count ?? 0) > configuration.maxURILength { return Responses.uriTooLong }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && path != "/healthz" {
            // No route: a miss like an unknown token, limited per client address.
            let client = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
            guard limiter.miss(client, now: ContinuousClock.now) else { return Responses.notFound }
            if path.hasPrefix("/feeds/") {
                audit.record(FeedAuditEntry(at: now(), agency: nil, tokenID: nil, client: client, status: 429, etag: nil))
            }
            context.logger.debug("miss limit reached", metadata: ["http.status": "429"])
            return Responses.tooManyRequests
        } catch {
            if !(error is HTTPError) {
                // The type only: an error's text may hold what a feed was made from.
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            }
            return Responses.forError(error)
        }
    }
}
