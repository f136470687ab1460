public import KasaneCore
public import KasaneStore

/// One agency's calendar feed as the server sends it.
public struct FeedDocument: Sendable {
    /// The iCalendar bytes (UTF-8, CRLF line ends), byte-stable while nothing changed.
    public var body: [UInt8]
    /// When the content last changed: sent as `Last-Modified`, compared with `If-Modified-Since`.
    public var lastModified: UTCTimestamp

    public init(body: [UInt8], lastModified: UTCTimestamp) {
        self.body = body
        self.lastModified = lastModified
    }
}

/// Where feed content comes from. Called on every feed request after the token was accepted,
/// so a change in the workspace shows on the next request; it runs off the event loop.
public protocol FeedProvider: Sendable {
    /// The feed of `agency`, or nil when it has none (the client then gets the same 404 as for
    /// an unknown token).
    /// - Throws: any error; the client sees a bare 500 and the error type is logged.
    func feed(for agency: String) async throws -> FeedDocument?
}

/// What a valid token grants: one agency's feed, named in the audit log by the token id.
public struct FeedGrant: Hashable, Sendable {
    public var tokenID: String
    public var agency: AgencyID

    public init(tokenID: String, agency: AgencyID) {
        self.tokenID = tokenID
        self.agency = agency
    }
}

/// Looks up feed tokens by their SHA-256 (the raw token never leaves the request handler).
public protocol TokenStore: Sendable {
    /// The grant of the active token whose SHA-256 (lowercase hex) is `hash`; nil when the token
    /// is unknown or revoked. Asked on every request, so a revocation counts from the next one.
    /// - Throws: a storage error (the client sees a bare 500).
    func grant(forTokenHash hash: String) async throws -> FeedGrant?
}

/// The audit log of feed reads.
public protocol AuditLog: Sendable {
    /// Notes one feed read. Must return at once: implementations buffer and write in `flush()`.
    func record(_ read: FeedAuditEntry)
    /// Writes what `record` buffered. The server calls it about once a second and at shutdown.
    /// - Throws: a storage error; the entries stay buffered for the next flush.
    func flush() async throws
}

/// How the feed server listens and defends itself. Every value has a safe default.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless told otherwise (put TLS in a reverse proxy in front).
    public var host: String
    public var port: Int
    /// The number of misses (unknown, revoked or malformed tokens, unknown paths) from one client
    /// address within a minute after which its misses get 429 until the minute has passed. A
    /// valid token is always served, whatever its address missed.
    public var missesPerMinute: Int
    /// Seconds after which an idle (or slow, silent) connection is closed.
    public var idleTimeoutSeconds: Int
    /// Take the client address from the last `X-Forwarded-For` entry when the peer is loopback
    /// (set this only behind a reverse proxy on the same machine).
    public var trustForwardedFor: Bool
    /// How often buffered audit entries are written, in milliseconds.
    public var auditFlushMilliseconds: Int
    /// The longest request target accepted, in bytes (longer ones get 414).
    public var maxURILength: Int
    /// The largest request head accepted, in bytes (larger ones get 431 or 400 and the connection closes).
    public var maxHeaderBytes: Int
    /// The most connections held at once; past it, new ones wait in the backlog (file descriptors
    /// never run out under a flood of idle or slow clients).
    public var maxConnections: Int
    /// The most connections one TCP peer address holds at once; past it, its new connections are
    /// closed at once, so one address cannot fill `maxConnections`. Counted by the TCP peer even
    /// with `trustForwardedFor` (behind a local proxy, raise it above the proxy's pool size).
    public var maxConnectionsPerAddress: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, missesPerMinute: Int = 20, idleTimeoutSeconds: Int = 30,
        trustForwardedFor: Bool = false, auditFlushMilliseconds: Int = 1000, maxURILength: Int = 2048,
        maxHeaderBytes: Int = 16 * 1024, maxConnections: Int = 8192, maxConnectionsPerAddress: Int = 64
    ) {
        self.host = host
        self.port = port
        self.missesPerMinute = missesPerMinute
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.trustForwardedFor = trustForwardedFor
        self.auditFlushMilliseconds = auditFlushMilliseconds
        self.maxURILength = maxURILength
        self.maxHeaderBytes = maxHeaderBytes
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = max(1, maxConnectionsPerAddress)
    }
}

/// A provider that serves the same document to a fixed set of agencies (or to every agency
/// with a valid token): for benchmarks and tests.
public struct StaticFeedProvider: FeedProvider {
    let document: FeedDocument
    let agencies: Set<String>?

    /// - Parameter agencies: the agencies that have a feed; nil for all.
    public init(document: FeedDocument, agencies: Set<String>? = nil) {
        self.document = document
        self.agencies = agencies
    }

    public func feed(for agency: String) async throws -> FeedDocument? {
        agencies.map { $0.contains(agency) } ?? true ? document : nil
    }
}
