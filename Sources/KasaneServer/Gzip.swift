import CZlib

/// gzip through zlib, done once per distinct feed body (never per request).
package enum Gzip {
    /// The gzip form of `input` (level 9, as `gzip -9` would make it); nil when zlib fails.
    package static func compress(_ input: [UInt8], level: Int32 = 9) -> [UInt8]? {
        var stream = z_stream()
        guard kasane_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var source = input
        let status = source.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// The bytes inside a gzip stream; nil when it is not valid gzip.
    package static func decompress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard kasane_inflate_init_gzip(&stream) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var source = input
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return source.withUnsafeMutableBufferPointer { inp -> [UInt8]? in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let s = inflate(&stream, Z_NO_FLUSH)
                    return (s, out.count - Int(stream.avail_out))
                }
                result.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return result }
                if status != Z_OK { return nil }
            }
        }
    }
}
