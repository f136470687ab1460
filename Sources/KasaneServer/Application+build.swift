import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdCore
import KasaneStore
public import KasaneApp
import KasaneCore
public import Logging
import NIOCore
import ServiceLifecycle

/// Builds the feed server: the same function `kasane serve` and the tests use (STYLE §11).
///
/// Routes: `GET`/`HEAD /feeds/{token}.ics`, `/healthz`, `/robots.txt` (POST, PUT, DELETE and
/// PATCH on them get 405 with `Allow: GET, HEAD`). Audit entries are written by a service of the
/// application about once a second and at graceful shutdown. Each TCP peer address holds at most
/// `maxConnectionsPerAddress` connections.
/// - Parameters:
///   - configuration: where to listen and the defensive limits.
///   - feeds: the feed content, asked on every accepted request.
///   - tokens: token lookup by SHA-256.
///   - audit: the audit log of feed reads.
///   - clock: the server's clock (`--today` pins it): audit times and the 429 audit rows follow
///     it, as the feeds' retention and DTSTAMPs do through the feed provider's clock.
///   - logger: the server's logger (it never receives a token or a client address).
///   - onListening: called once the server listens, with the port it bound (the one the system
///     chose when `configuration.port` is 0).
public func buildApplication(
    configuration: ServerConfiguration, feeds: any FeedProvider, tokens: any TokenStore, audit: any AuditLog,
    clock: AppClock = AppClock(), logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let now: @Sendable () -> UTCTimestamp = { clock.timestamp }
    let router = Router(context: FeedRequestContext.self)
    let limiter = MissLimiter(limit: configuration.missesPerMinute)
    router.add(middleware: GuardMiddleware(limiter: limiter, audit: audit, configuration: configuration, now: now))

    let feedRoutes = FeedRoutes(feeds: feeds, tokens: tokens, audit: audit, cache: RepresentationCache(),
                                limiter: limiter, configuration: configuration, now: now)
    router.get("/feeds/:file") { request, context in try await feedRoutes.respond(request, context: context) }
    router.head("/feeds/:file") { request, context in try await feedRoutes.respond(request, context: context) }
    router.get("/healthz") { _, _ in Responses.plain(.ok, "ok\n") }
    router.head("/healthz") { _, _ in Responses.plain(.ok, "ok\n").createHeadResponse() }
    router.get("/robots.txt") { _, _ in robotsResponse() }
    router.head("/robots.txt") { _, _ in robotsResponse().createHeadResponse() }
    for path in ["/feeds/:file", "/healthz", "/robots.txt"] {
        for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
            router.on(RouterPath(path), method: method) { _, _ in Responses.methodNotAllowed }
        }
    }

    let http1 = HTTP1Channel.Configuration(
        idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)),
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes,
            maxHeaderFieldCount: 100))
    let perAddress = ConnectionCounter(cap: configuration.maxConnectionsPerAddress)
    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            PerAddressLimitedChannel(base: HTTP1Channel(responder: responder, configuration: http1), counter: perAddress)
        },
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), backlog: 1024,
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
        services: [AuditFlushService(audit: audit, interval: .milliseconds(configuration.auditFlushMilliseconds), logger: logger)],
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

private func robotsResponse() -> Response {
    var r = Responses.plain(.ok, Responses.robots)
    r.headers[.cacheControl] = "public, max-age=86400"
    return r
}

/// Writes buffered audit entries every `interval`, and once more after graceful shutdown
/// (the HTTP server, listed after it, has stopped by then).
struct AuditFlushService: Service {
    let audit: any AuditLog
    let interval: Duration
    let logger: Logger

    func run() async {
        await cancelWhenGracefulShutdown {
            // A cancelled sleep means shutdown: stop here; the last flush follows outside.
            while (try? await Task.sleep(for: interval)) != nil {
                await flush()
            }
        }
        await flush()
    }

    private func flush() async {
        do {
            try await audit.flush()
        } catch let error where isStoreOutage(error) {
            // Said once for the whole outage (the entries stay buffered and are written once it is back).
            StoreOutageNotice.shared.unreachable(error)
        } catch {
            logger.error("audit flush failed; entries kept for the next try", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}
