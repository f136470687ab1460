import Hummingbird
import Logging
import NIOCore

/// The request context of the feed server: Hummingbird's core storage plus the peer address.
struct FeedRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The TCP peer (nil in router tests).
    let peer: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// The client address for the audit log and the miss limiter: the peer's IP, or the last
    /// `X-Forwarded-For` entry when trusted and the peer is loopback (a local reverse proxy).
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        let peerAddress = peer?.ipAddress ?? "unknown"
        guard trustForwardedFor, peerAddress.hasPrefix("127.") || peerAddress == "::1",
              let forwarded = request.headers[.xForwardedFor],
              let last = forwarded.split(separator: ",").last?.trimmingSpaces, !last.isEmpty, last.utf8.count <= 64
        else { return peerAddress }
        return String(last)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
