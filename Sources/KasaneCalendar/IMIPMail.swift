public import KasaneCore

/// Ready-to-send iMIP messages (RFC 6047): `multipart/alternative` with a UTF-8 `text/plain`
/// part and a `text/calendar; method=…` part whose method equals the calendar's METHOD line
/// (otherwise Outlook shows a plain attachment).
///
/// Output is CRLF throughout, every line at most 78 octets (body lines 76), and deterministic:
/// the MIME boundary derives from the Message-ID and the Date header from `date`.
public enum IMIPMail {
    /// One message from the organizer to one recipient.
    ///
    /// Non-ASCII display names and the subject are written as RFC 2047 encoded words (UTF-8,
    /// base64); both parts are base64. `date` is written in Japan time (`+0900`).
    /// - Parameters:
    ///   - text: the plain-text body; line breaks become CRLF, other control characters except TAB
    ///     are removed.
    ///   - calendar: the iCalendar text from `ICalendarWriter.invitation(method:events:prodID:)`.
    ///   - messageID: `id@domain`, with or without the angle brackets.
    /// - Throws: `ICalendarWriteError` when an address is not a plain mailbox, the Message-ID is
    ///   not `id@domain`, or `calendar` does not carry `METHOD:` equal to `method`.
    ///   - attachment: when given (`invite.ics`), the message is `multipart/mixed`: the
    ///     `multipart/alternative` above, then the same calendar as an `application/ics` attachment
    ///     of that name, for text-only clients that show no calendar part.
    public static func message(from: CalendarAddress, to: CalendarAddress, subject: String, text: String,
                               method: ITIPMethod, calendar: String, messageID: String,
                               date: UTCTimestamp, attachment: String? = nil) throws(ICalendarWriteError) -> String {
        func fail(_ message: String) -> ICalendarWriteError { ICalendarWriteError(subject: "mail", message: message) }
        let id = messageID.hasPrefix("<") && messageID.hasSuffix(">") ? String(messageID.dropFirst().dropLast()) : messageID
        let idParts = id.split(separator: "@", omittingEmptySubsequences: false)
        guard idParts.count == 2, !idParts[0].isEmpty, !idParts[1].isEmpty, id.utf8.count <= 200,
              id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) })
        else { throw fail("Message-ID '\(ICalendarText.singleLine(messageID))' must look like id@example.jp") }
        for (who, address) in [("From", from), ("To", to)] where !Mailbox.isValid(address.mailbox) {
            throw fail("\(who) mailbox '\(ICalendarText.singleLine(address.mailbox))' is not a plain address such as "
                + "name@example.jp")
        }
        guard calendar.contains("\r\nMETHOD:\(method.rawValue)\r\n") else {
            throw fail("the calendar part has no METHOD:\(method.rawValue) line")
        }

        if let attachment {
            guard !attachment.isEmpty, attachment.utf8.count <= 40,
                  attachment.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."z").contains($0)
                      || ("A"..."Z").contains($0) || "-_.".unicodeScalars.contains($0) })
            else { throw fail("attachment name '\(ICalendarText.singleLine(attachment))' must be a plain file name") }
        }
        let boundary = "=_kasane_" + fnv1a(id)
        let mixed = "=_kasane_mixed_" + fnv1a(id)
        var lines = [
            header("From", mailbox(from)),
            header("To", mailbox(to)),
            header("Subject", encodedPhrase(ICalendarText.singleLine(subject))),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(id)>",
            "MIME-Version: 1.0",
        ]
        if attachment != nil {
            lines += ["Content-Type: multipart/mixed;", " boundary=\"\(mixed)\"", "", "--" + mixed]
        }
        lines += [
            "Content-Type: multipart/alternative;",
            " boundary=\"\(boundary)\"",
            "",
            "--" + boundary,
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let body = ICalendarText.multiLine(text).split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\r\n")
        lines += base64Lines(Array(body.utf8))
        lines += [
            "--" + boundary,
            "Content-Type: text/calendar; method=\(method.rawValue); charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        lines += base64Lines(Array(calendar.utf8))
        lines += ["--" + boundary + "--"]
        if let attachment {
            lines += [
                "",
                "--" + mixed,
                "Content-Type: application/ics; name=\"\(attachment)\"",
                "Content-Disposition: attachment; filename=\"\(attachment)\"",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += base64Lines(Array(calendar.utf8))
            lines += ["--" + mixed + "--"]
        }
        lines += [""]
        return lines.joined(separator: "\r\n")
    }

    // MARK: - Headers

    /// `Name: value`, folding encoded words onto continuation lines.
    private static func header(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var lineLength = out.utf8.count
        for word in words {
            if lineLength + 1 + word.utf8.count > 78 && lineLength > name.utf8.count + 1 {
                out += "\r\n"
                lineLength = 0
            }
            out += " " + word
            lineLength += 1 + word.utf8.count
        }
        return out
    }

    /// `Display Name <local@domain>` as header words; the name is encoded when it is not plain ASCII.
    private static func mailbox(_ address: CalendarAddress) -> [String] {
        let name = ICalendarText.singleLine(address.name)
        guard !name.isEmpty else { return ["<\(address.mailbox)>"] }
        return encodedPhrase(name) + ["<\(address.mailbox)>"]
    }

    /// Plain words when the text is printable ASCII without specials, else RFC 2047 `B` words of
    /// at most 68 characters (so `Subject: ` and one word fit in 78), each holding whole UTF-8
    /// characters.
    private static func encodedPhrase(_ text: String) -> [String] {
        let specials = "()<>[]:;@\\,.\"=?".unicodeScalars
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && !specials.contains($0) }
        let words = text.split(separator: " ")
        if plain && words.allSatisfy({ $0.utf8.count <= 60 }) { return words.map(String.init) }
        var result: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 42 && !chunk.isEmpty {  // 42 bytes → 56 base64 chars + 12 = 68
                result.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || result.isEmpty { result.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return result
    }

    /// `Thu, 26 Nov 2026 18:15:00 +0900` (RFC 5322 §3.3), in Japan time.
    static func rfc5322Date(_ date: UTCTimestamp) -> String {
        let local = UTCTimestamp(seconds: date.seconds + 9 * 3600)
        let day = local.date, s = local.secondOfDay
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekdays[day.weekday.rawValue]), \(day.day) \(months[day.month - 1]) \(day.year) "
            + "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)) +0900"
    }

    // MARK: - Encoding

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    private static func base64Lines(_ bytes: [UInt8]) -> [String] {
        stride(from: 0, to: bytes.count, by: 57).map { base64(Array(bytes[$0..<min($0 + 57, bytes.count)])) }
    }

    /// FNV-1a 64 of `text`, as 16 hex digits.
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
