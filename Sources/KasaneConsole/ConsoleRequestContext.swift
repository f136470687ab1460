import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore

/// The console's request context: Hummingbird's core storage plus the TCP peer.
public struct ConsoleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer (nil in router tests).
    let peer: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// The client address for the login limiter: the peer's IP, or the last `X-Forwarded-For`
    /// entry when trusted and the peer is loopback (a local reverse proxy).
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        let peerAddress = peer?.ipAddress ?? "local"
        guard trustForwardedFor, peerAddress.hasPrefix("127.") || peerAddress == "::1",
              let forwarded = request.headers[.init("X-Forwarded-For")!],
              let last = forwarded.split(separator: ",").last.map({ $0.trimmingCharacters(in: .whitespaces) }),
              !last.isEmpty, last.utf8.count <= 64
        else { return peerAddress }
        return last
    }
}
