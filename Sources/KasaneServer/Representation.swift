import Crypto
import Foundation
import KasaneCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// What the server sends for one feed body: the bytes, their gzip form and the validators.
struct Representation: Sendable {
    /// Strong ETag of the identity encoding: the first 128 bits of the body's SHA-256, quoted.
    let etag: String
    /// Strong ETag of the gzip encoding (a different representation, so a different tag).
    let gzipETag: String
    let plain: ByteBuffer
    /// nil when gzip would not be smaller.
    let gzip: ByteBuffer?
    let lastModified: Int
    let lastModifiedText: String

    /// Whether `tag` (from If-None-Match, weak or strong) names this content in either encoding.
    func matches(_ tag: Substring) -> Bool {
        let opaque = tag.hasPrefix("W/") ? tag.dropFirst(2) : tag
        return opaque == etag[...] || opaque == gzipETag[...]
    }

    /// The quoted strong ETag of a body.
    static func etag(of body: [UInt8]) -> String {
        let digest = SHA256.hash(data: body)
        let table = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = [UInt8(ascii: "\"")]
        for b in digest.prefix(16) {
            hex.append(table[Int(b >> 4)])
            hex.append(table[Int(b & 0xF)])
        }
        hex.append(UInt8(ascii: "\""))
        return String(decoding: hex, as: UTF8.self)
    }

    static func make(_ document: FeedDocument, etag: String) -> Representation {
        let gzipped = Gzip.compress(document.body).flatMap { $0.count < document.body.count ? $0 : nil }
        return Representation(
            etag: etag, gzipETag: String(etag.dropLast()) + "-gz\"", plain: ByteBuffer(bytes: document.body),
            gzip: gzipped.map { ByteBuffer(bytes: $0) }, lastModified: document.lastModified.seconds,
            lastModifiedText: HTTPDate.format(document.lastModified.seconds))
    }
}

/// The representations of the current feed bodies, one slot per agency, plus the gzip forms by
/// ETag: a body seen before is neither hashed nor compressed again. Hashing and compressing a
/// new body run on the thread pool, never on an event loop.
final class RepresentationCache: Sendable {
    private struct Slot {
        var body: [UInt8]
        var representation: Representation
    }

    private let slots = NIOLockedValueBox<[String: Slot]>([:])
    private let byETag = NIOLockedValueBox<(order: [String], map: [String: Representation])>(([], [:]))
    private let maxByETag = 256
    private let threadPool: NIOThreadPool

    init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    func representation(agency: String, document: FeedDocument) async throws -> Representation {
        if let slot = slots.withLockedValue({ $0[agency] }),
           slot.representation.lastModified == document.lastModified.seconds,
           Self.same(slot.body, document.body) {
            return slot.representation
        }
        let made = try await threadPool.runIfActive { [byETag] in
            let etag = Representation.etag(of: document.body)
            // Same bytes as a body seen before (e.g. a change undone): reuse its compressed form.
            if let known = byETag.withLockedValue({ $0.map[etag] }),
               known.lastModified == document.lastModified.seconds {
                return known
            }
            return Representation.make(document, etag: etag)
        }
        byETag.withLockedValue { cache in
            if cache.map.updateValue(made, forKey: made.etag) == nil {
                cache.order.append(made.etag)
                if cache.order.count > maxByETag { cache.map[cache.order.removeFirst()] = nil }
            }
        }
        slots.withLockedValue { $0[agency] = Slot(body: document.body, representation: made) }
        return made
    }

    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                pa.baseAddress == pb.baseAddress || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
            }
        }
    }
}
