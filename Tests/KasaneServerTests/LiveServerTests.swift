import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneCore
@testable import KasaneServer
import KasaneStore
import NIOCore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Feed server on a loopback port")
struct LiveServerTests {
    @Test("live: a feed over TCP, gzip and 304, the peer audited; huge heads, idle connections and long URLs do not hurt")
    func live() async throws {
        let h = try ServerHarness()
        // Compose the feeds once first: the idle timeout below is for idle connections,
        // not for a first rendering on a loaded machine (6 s: a loaded machine may pause the test that long).
        _ = try await h.feeds.feed(for: ServerHarness.shakyo)
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, idleTimeoutSeconds: 6, maxConnectionsPerAddress: 256)
        // Every request goes over a connection of its own: the framework's one test client is left
        // alone, since a loaded machine can keep it idle past the 6 s timeout before it is used
        // (its write then fails with "I/O on closed channel"); its close at the end races with the
        // server's idle close, which is no finding of this test once the body has run to its end.
        let finished = Finished()
        do {
            try await h.app(configuration).test(.live) { client in
                let port = try #require(client.port)
                let uri = "/feeds/\(h.shakyoToken).ics"
                let response = await RawConnection(port: port)?.responseOffPool(
                    "GET \(uri) HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
                let r = try #require(response)
                #expect(r.head.hasPrefix("HTTP/1.1 200"), "\(r.head)")
                #expect(r.header("Content-Encoding") == "gzip")
                let unzipped = Gzip.decompress(r.body) == (try h.feed(ServerHarness.shakyo).body)
                #expect(unzipped, "the gzip body is the agency's feed")
                #expect(r.header("Date") != nil)
                let etag = try #require(r.header("ETag"))
                let cond = await RawConnection(port: port)?.exchangeOffPool(
                    "GET \(uri) HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: \(etag)\r\nConnection: close\r\n\r\n")
                #expect(cond?.hasPrefix("HTTP/1.1 304") == true, "\(cond?.prefix(40) ?? "no connection")")

                // Idle connections are held, then closed after the idle timeout; the server keeps serving.
                let idle = (0..<200).compactMap { _ in RawConnection(port: port) }
                #expect(idle.count == 200)
                // On a fresh connection: on a loaded machine opening 200 connections can outlast the
                // test client's own idle time.
                let health = await RawConnection(port: port)?.exchangeOffPool("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                #expect(health?.hasPrefix("HTTP/1.1 200") == true)
                // A request head over the limit gets a 4xx (or a closed connection), never a crash.
                let huge = await RawConnection(port: port)?.exchangeOffPool(
                    "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 40_000))\r\n\r\n")
                #expect(huge.map { $0.isEmpty || $0.hasPrefix("HTTP/1.1 4") } == true, "\(huge?.prefix(40) ?? "-")")
                let longURI = await RawConnection(port: port)?.exchangeOffPool(
                    "GET /feeds/\(String(repeating: "b", count: 3000)).ics HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(longURI?.hasPrefix("HTTP/1.1 414") == true, "\(longURI?.prefix(80) ?? "no connection")")
                try await Task.sleep(for: .seconds(7))
                #expect(idle.allSatisfy { $0.isClosedByPeer() })
                // The test client's own connection was idle too; a new one is served.
                let after = await RawConnection(port: port)?.exchangeOffPool("HEAD \(uri) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                #expect(after?.hasPrefix("HTTP/1.1 200") == true)
                try await h.audit.flush()
                finished.set()
            }
        } catch ChannelError.ioOnClosedChannel where finished.value {
            // The framework closing its idle-closed test client (see above), after every check ran.
        }
        #expect(finished.value)
        let rows = try h.database.feedAudit()
        #expect(rows.count == 3)
        #expect(rows.filter { $0.agency == ServerHarness.shakyo }.allSatisfy { $0.client == "127.0.0.1" })
    }
}

@Suite("Feed server: connection caps on a loopback port (#12.12)")
struct ConnectionCapTests {
    @Test("#12.12 live: past the per-address cap connections are closed at once; /healthz from another address answers at once")
    func perAddressCap() async throws {
        let h = try ServerHarness()
        let cap = 4, overall = 16
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, idleTimeoutSeconds: 30,
                                                maxConnections: overall, maxConnectionsPerAddress: cap)
        try await h.app(configuration).test(.live) { client in
            let port = try #require(client.port)
            // More idle connections from one address than the whole server holds (the flood).
            let flood = (0..<(overall + 10)).compactMap { _ in RawConnection(port: port, from: "127.0.0.2") }
            #expect(flood.count == overall + 10)
            try await Task.sleep(for: .seconds(1))
            let closed = flood.filter { $0.isClosedByPeer() }.count
            #expect(closed == flood.count - cap, "\(closed) of \(flood.count) closed; the cap is \(cap)")
            // Another address is served at once while the flood holds its connections.
            let start = ContinuousClock.now
            let health = await RawConnection(port: port, from: "127.0.0.3")?
                .exchangeOffPool("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(health?.hasPrefix("HTTP/1.1 200") == true, "\(health?.prefix(40) ?? "no connection")")
            // Blocked behind the flood it would wait for the 30-second idle timeout; 10 s leaves room
            // for a loaded 2-core machine (3.5 s was seen with the whole suite running).
            #expect(ContinuousClock.now - start < .seconds(10))
            // The flooding address keeps its `cap` connections, and they are served.
            let held = flood.filter { !$0.isClosedByPeer() }
            #expect(held.count == cap)
            let served = await held.first?.exchangeOffPool("HEAD /feeds/\(h.shakyoToken).ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(served?.hasPrefix("HTTP/1.1 200") == true, "\(served?.prefix(40) ?? "-")")
        }
    }
}

/// A plain TCP connection to 127.0.0.1 for requests a well-behaved client would not send.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    /// - Parameter source: the loopback address to connect from (any of 127.0.0.0/8).
    init?(port: Int, from source: String? = nil) {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                close(fd)
                return nil
            }
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else {
            close(fd)
            return nil
        }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)  // generous: CI machines are busy
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// `exchange` on a thread of its own: a blocking read on one of Swift's few cooperative
    /// threads could starve the server under test (it runs on them too) while other tests block.
    func exchangeOffPool(_ request: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.exchange(request)) }
        }
    }

    /// Sends `request` and returns what comes back until the peer closes or 20 s pass (or, for
    /// an answer other than 2xx, once its head is in).
    func exchange(_ request: String) -> String {
        String(decoding: transfer(request, stopAfterErrorHead: true), as: UTF8.self)
    }

    /// Sends `request`, then reads until the peer closes or 20 s pass.
    private func transfer(_ request: String, stopAfterErrorHead: Bool) -> [UInt8] {
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += chunk[0..<n]
            if stopAfterErrorHead, let text = String(bytes: out, encoding: .utf8), text.contains("\r\n\r\n"),
               !text.hasPrefix("HTTP/1.1 2") { break }
        }
        return out
    }

    /// A response read to its end (`Connection: close`): the head as text, the body as bytes
    /// (a chunked body is joined).
    struct Response {
        let head: String
        let body: [UInt8]

        /// The first value of the header `name` (case-insensitive), if any.
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// The whole answer to `request`, read on a thread of its own, split into head and body.
    func responseOffPool(_ request: String) async -> Response? {
        let bytes: [UInt8] = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.transfer(request, stopAfterErrorHead: false)) }
        }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator })
        else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var body = Array(bytes[(end + 4)...])
        let response = Response(head: head, body: body)
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            var joined: [UInt8] = [], rest = body[...]
            while let lineEnd = rest.indices.first(where: { rest[$0] == 13 }),
                  let size = Int(String(decoding: rest[..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
                let start = lineEnd + 2
                guard start + size <= rest.endIndex else { break }
                joined += rest[start..<(start + size)]
                rest = rest[(start + size + 2)...]
            }
            body = joined
        }
        return Response(head: head, body: body)
    }

    /// Whether the server has closed this connection (a read returns end of file or a reset).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

}

/// Set once the body of a live test ran to its end.
final class Finished: Sendable {
    private let flag = Mutex(false)
    var value: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
