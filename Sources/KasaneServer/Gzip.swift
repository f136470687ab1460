import CompressNIO
import NIOCore

/// gzip through compress-nio (zlib), done once per distinct feed body (never per request).
package enum Gzip {
    /// The gzip form of `input` (best compression, as `gzip -9` would make it); nil when zlib fails.
    package static func compress(_ input: [UInt8]) -> [UInt8]? {
        var buffer = ByteBuffer(bytes: input)
        let gzip = CompressionAlgorithm.gzip(configuration: .init(compressionLevel: .bestCompression))
        guard let out = try? buffer.compress(with: gzip) else { return nil }
        return Array(buffer: out)
    }

    /// The bytes inside a gzip stream; nil when it is not valid gzip.
    package static func decompress(_ input: [UInt8]) -> [UInt8]? {
        var buffer = ByteBuffer(bytes: input)
        guard let out = try? buffer.decompress(with: .gzip()) else { return nil }
        return Array(buffer: out)
    }
}
