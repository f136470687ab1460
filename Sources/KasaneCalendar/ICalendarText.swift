/// A calendar object or mail that cannot be written, with what to fix.
public struct ICalendarWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is: an event UID, `organizer`, `mail`, …
    public let subject: String
    public let message: String

    public init(subject: String, message: String) {
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(subject): \(message)" }
}

/// Text clean-up applied before anything reaches libical or a mail header: libical 3.0.16 passes
/// raw control characters through and does not escape `^` in parameter values.
enum ICalendarText {
    /// One line of text (SUMMARY, LOCATION, UID, names): line breaks and TAB become a space,
    /// every other control character (C0, DEL, C1) is removed.
    static func singleLine(_ text: String) -> String {
        if isClean(text, allowingLF: false) { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            defer { previousCR = s == "\r" }
            switch s.value {
            case 0x0A where previousCR: continue  // CRLF is one break
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: out.append(" ")
            case _ where isControl(s): continue
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Multi-line text (DESCRIPTION, mail bodies): CRLF and CR become LF, which libical writes as
    /// the escaped newline `\n`; TAB becomes a space; every other control character is removed.
    static func multiLine(_ text: String) -> String {
        if isClean(text, allowingLF: true) { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            defer { previousCR = s == "\r" }
            switch s.value {
            case 0x0A where previousCR: continue
            case 0x0A, 0x0D, 0x2028, 0x2029: out.append("\n")
            case 0x09: out.append(" ")
            case _ where isControl(s): continue
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// A parameter value such as CN: one line, and `^` written as `^^` (RFC 6868). libical itself
    /// encodes `"` as `^'` and quotes values holding `:`, `;` or `,`.
    static func parameterValue(_ text: String) -> String {
        singleLine(text).replacingAll("^", with: "^^")
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// The fast path: no control character (but LF when allowed), CR or U+2028/2029 anywhere.
    private static func isClean(_ text: String, allowingLF: Bool) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for b in text.utf8 {
            if (b < 0x20 && !(allowingLF && b == 0x0A)) || b == 0x7F { return false }
            if previous == 0xC2 && b < 0xA0 && b >= 0x80 { return false }  // C1: U+0080–U+009F
            if beforePrevious == 0xE2 && previous == 0x80 && (b == 0xA8 || b == 0xA9) { return false }
            beforePrevious = previous
            previous = b
        }
        return true
    }

    // MARK: - Addresses

    /// Whether `url` is an absolute URI: a scheme, `:`, then printable ASCII without spaces,
    /// quotes, angle brackets or other characters a URI never holds unencoded.
    static func isPlainURI(_ url: String) -> Bool {
        var sawScheme = false, afterColon = 0
        for (i, b) in url.utf8.enumerated() {
            let isLetter = (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b)
            if !sawScheme {
                if b == UInt8(ascii: ":") && i > 0 {
                    sawScheme = true
                } else if !(isLetter || (i > 0 && ((0x30...0x39).contains(b) || b == UInt8(ascii: "+")
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")))) {
                    return false
                }
                continue
            }
            switch b {
            case 0x00...0x20, 0x7F...0xFF, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
                 UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
                return false
            default: afterColon += 1
            }
        }
        return sawScheme && afterColon > 0
    }

    /// Whether `token` is an iCalendar parameter token such as `INDIVIDUAL` or `NEEDS-ACTION`.
    static func isToken(_ token: String) -> Bool {
        !token.isEmpty && token.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0)
            || ("0"..."9").contains($0) || $0 == "-" }
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation).
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        guard unicodeScalars.contains(target) else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars {
            if s == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }
}
