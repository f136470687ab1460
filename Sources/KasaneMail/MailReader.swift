public import KasaneCore

/// What a received mail holds for Kasane: the From mailbox and the calendar parts (#14.1).
public struct ReceivedMail: Hashable, Sendable {
    /// The From header's mailbox, lower-cased (nil when there is none).
    public var from: String?
    /// The bytes of each `text/calendar` or `.ics` part, decoded, identical copies once
    /// (Gmail sends the calendar inline and attached), inline parts first.
    public var calendars: [[UInt8]]
}

/// A small MIME reader for replies (RFC 2045–2047): headers with folding, nested multiparts
/// (at most 8 deep, 64 parts), base64, quoted-printable, 7bit, 8bit. Untrusted input: every
/// failure is a `ReplyRefusal`, never a crash.
public enum MailReader {
    /// The largest mail accepted.
    public static let maximumSize = 1024 * 1024

    /// Whether `bytes` look like a mail rather than a bare calendar.
    public static func looksLikeMail(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(64), as: UTF8.self).uppercased()
        return !head.hasPrefix("BEGIN:VCALENDAR")
    }

    /// - Throws: `ReplyRefusal.tooLarge`, `.badMail`, `.noCalendar`.
    public static func read(_ bytes: [UInt8]) throws(ReplyRefusal) -> ReceivedMail {
        guard bytes.count <= maximumSize else { throw .tooLarge(bytes: bytes.count, limit: maximumSize) }
        let top = try entity(bytes[...])
        let from = top.header("from").flatMap(address)
        var inline: [[UInt8]] = [], attached: [[UInt8]] = []
        var count = 0
        try collect(top, depth: 0, count: &count, inline: &inline, attached: &attached)
        var seen: [[UInt8]] = []
        for c in inline + attached where !seen.contains(c) { seen.append(c) }
        guard !seen.isEmpty else { throw .noCalendar }
        return ReceivedMail(from: from, calendars: seen)
    }

    /// One MIME entity: lower-cased header names with unfolded values, and the raw body.
    struct Entity {
        var headers: [(name: String, value: String)]
        var body: ArraySlice<UInt8>

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

        /// `type/subtype` lower-cased and the parameters (names lower-cased, quotes removed).
        var contentType: (type: String, parameters: [String: String]) {
            guard let value = header("content-type") else { return ("text/plain", [:]) }
            return MailReader.parameters(value)
        }
    }

    static func entity(_ bytes: ArraySlice<UInt8>) throws(ReplyRefusal) -> Entity {
        // The header ends at the first empty line (CRLF CRLF or LF LF).
        var lines: [String] = []
        var i = bytes.startIndex, start = i
        var bodyStart: Int?
        while i < bytes.endIndex {
            if bytes[i] == 0x0A {
                var end = i
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                if end == start { bodyStart = i + 1; break }
                lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
                start = i + 1
            }
            i += 1
        }
        if bodyStart == nil, start < bytes.endIndex { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw .badMail("header") }
                headers[headers.count - 1].value += " " + line.drop { $0 == " " || $0 == "\t" }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw .badMail("header") }
            headers.append((line[..<colon].lowercased().trimmingSpaces, String(line[line.index(after: colon)...]).trimmingSpaces))
            guard headers.count <= 500 else { throw .badMail("header") }
        }
        return Entity(headers: headers, body: bytes[(bodyStart ?? bytes.endIndex)...])
    }

    static func collect(_ e: Entity, depth: Int, count: inout Int, inline: inout [[UInt8]],
                        attached: inout [[UInt8]]) throws(ReplyRefusal) {
        count += 1
        guard depth <= 8, count <= 64 else { throw .badMail("multipart") }
        let (type, parameters) = e.contentType
        if type.hasPrefix("multipart/") {
            guard let boundary = parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
                throw .badMail("boundary")
            }
            for part in split(e.body, boundary: Array(("--" + boundary).utf8)) {
                try collect(try entity(part), depth: depth + 1, count: &count, inline: &inline, attached: &attached)
            }
            return
        }
        let disposition = e.header("content-disposition").map(MailReader.parameters)
        let name = parameters["name"] ?? disposition?.parameters["filename"] ?? ""
        guard type == "text/calendar" || type == "application/ics" || name.lowercased().hasSuffix(".ics") else { return }
        if let charset = parameters["charset"]?.lowercased(), !["utf-8", "us-ascii", "utf8"].contains(charset) {
            throw .badMail("charset \(charset.prefix(40))")
        }
        let decoded: [UInt8]
        switch e.header("content-transfer-encoding")?.lowercased() ?? "7bit" {
        case "base64": guard let d = base64(e.body) else { throw .badMail("base64") }; decoded = d
        case "quoted-printable": decoded = quotedPrintable(e.body)
        case "7bit", "8bit", "binary": decoded = Array(e.body)
        case let other: throw .badMail("Content-Transfer-Encoding \(other.prefix(40))")
        }
        if disposition?.type == "attachment" { attached.append(decoded) } else { inline.append(decoded) }
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var i = body.startIndex
        while i < body.endIndex {
            var end = i
            while end < body.endIndex, body[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > i, body[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = body[i..<lineEnd]
            if line.starts(with: boundary) {
                let rest = line.dropFirst(boundary.count)
                if let s = partStart {
                    // The line break before the boundary belongs to the boundary.
                    var e = i
                    if e > s, body[e - 1] == 0x0A { e -= 1 }
                    if e > s, body[e - 1] == 0x0D { e -= 1 }
                    parts.append(body[s..<e])
                }
                if rest.starts(with: Array("--".utf8)) { return parts }
                partStart = min(end + 1, body.endIndex)
            }
            i = min(end + 1, body.endIndex)
            if end == body.endIndex { break }
        }
        // No closing `--boundary--`: the last part runs to the end (clients that cut it off).
        if let s = partStart, s < body.endIndex { parts.append(body[s...]) }
        return parts
    }

    /// `type/subtype; a=b; c="d"` as the lower-cased type and the parameters.
    static func parameters(_ value: String) -> (type: String, parameters: [String: String]) {
        var fields: [String] = []
        var current = "", quoted = false
        for ch in value {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == ";" && !quoted { fields.append(current); current = ""; continue }
            current.append(ch)
        }
        fields.append(current)
        var parameters: [String: String] = [:]
        for field in fields.dropFirst() {
            let kv = field.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            parameters[kv[0].lowercased().trimmingSpaces] = String(kv[1]).trimmingSpaces
        }
        return (fields[0].lowercased().trimmingSpaces, parameters)
    }

    /// The addr-spec of a From value: inside `<…>` when there is one, else the bare address.
    static func address(_ value: String) -> String? {
        var v = Substring(value)
        if let open = v.lastIndex(of: "<"), let close = v[open...].firstIndex(of: ">") {
            v = v[v.index(after: open)..<close]
        }
        let address = String(v).trimmingSpaces.lowercased()
        return Mailbox.isValid(address) ? address : nil
    }

    static func base64(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var buffer: UInt32 = 0, bits = 0
        for b in body {
            let v: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = b - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = b - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="), 0x0D, 0x0A, 0x20, 0x09: continue
            default: return nil
            }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(body)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count {
                if bytes[i + 1] == 0x0A { i += 2; continue }
                if bytes[i + 1] == 0x0D, i + 2 < bytes.count, bytes[i + 2] == 0x0A { i += 3; continue }
                if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
