import HTTPTypes
import Hummingbird
import KasaneCore
import KasaneStore
import Logging

/// The outermost layer: refuses over-long targets, answers 429 to addresses that missed too
/// often, counts misses, and maps every error to a response in one place (STYLE §8).
struct GuardMiddleware: RouterMiddleware {
    typealias Context = FeedRequestContext

    let limiter: MissLimiter
    let audit: any AuditLog
    let configuration: ServerConfiguration
    let now: @Sendable () -> UTCTimestamp

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if (request.head.path?.utf8.count ?? 0) > configuration.maxURILength { return Responses.uriTooLong }
        if path == "/healthz" { return try await Self.guarded(request, context, next) }
        let client = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
        let instant = ContinuousClock.now
        if limiter.isLimited(client, now: instant) {
            if path.hasPrefix("/feeds/") {
                audit.record(FeedAuditEntry(at: now(), agency: nil, tokenID: nil, client: client, status: 429, etag: nil))
            }
            context.logger.debug("miss limit reached", metadata: ["http.status": "429"])
            return Responses.tooManyRequests
        }
        let response = try await Self.guarded(request, context, next)
        if response.status == .notFound { limiter.recordMiss(client, now: instant) }
        return response
    }

    private static func guarded(_ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if !(error is HTTPError) {
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            }
            return Responses.forError(error)
        }
    }
}
