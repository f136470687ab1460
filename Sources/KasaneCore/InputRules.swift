/// A mail address Kasane can put in a registry, an iCalendar `mailto:` and a mail header:
/// `local@domain` with an RFC 5321 dot-atom local part and a domain of DNS labels (#12.6).
///
/// The one mailbox rule: the registry reader, `registry import` and every writer use it, so a
/// writer never meets an address it cannot write.
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    /// The address as written, e.g. `h.teruya@city.example.jp`.
    public let address: String

    /// Checks `address`; `nil` when it breaks the rule (see `problem(_:)`).
    public init?(_ address: String) {
        guard Self.problem(address) == nil else { return nil }
        self.address = address
    }

    /// The address as written.
    public var description: String { address }

    /// Whether `address` is a valid mailbox.
    public static func isValid(_ address: String) -> Bool { problem(address) == nil }

    /// What is wrong with `address`, in Japanese, or `nil` when it is a valid mailbox: at most 254
    /// octets, one `@`; a local part of 1–64 ASCII letters, digits and ``!$&'*+/=^_`{|}~-``
    /// (no `%`, `?` or `#`, which mean something in a `mailto:` URI) with single dots between atoms;
    /// a domain of labels of letters, digits and `-` (1–63 each, not starting or
    /// ending with `-`). No spaces, angle brackets, semicolons, quotes or control characters.
    public static func problem(_ address: String) -> String? {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty else { return "空です" }
        guard bytes.count <= 254 else { return "254 バイトを超えています" }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return "空白・制御文字・ASCII 以外の文字は使えません"
        }
        let ats = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first else { return "@ がちょうど1つ必要です" }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64 else { return "@ の前（ローカル部）は 1〜64 文字にしてください" }
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".") else {
            return "ローカル部の先頭と末尾に . は置けません"
        }
        var previous: UInt8 = 0
        for b in local {
            if b == UInt8(ascii: ".") && previous == b { return "ローカル部に .. （連続したドット）は置けません" }
            guard b == UInt8(ascii: ".") || isAlphanumeric(b) || atomExtras.contains(b) else {
                return "ローカル部に '\(Character(Unicode.Scalar(b)))' は使えません（英数字と !$&'*+/=^_`{|}~- と . のみ）"
            }
            previous = b
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard !domain.isEmpty else { return "@ の後ろに example.jp のようなドメインが必要です" }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else { return "ドメインの各ラベルは 1〜63 文字にしてください" }
            guard label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return "ドメインは英数字と - のラベルを . でつないでください"
            }
        }
        return nil
    }

    private static let atomExtras: Set<UInt8> = Set("!$&'*+/=^_`{|}~-".utf8)

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b)
    }
}

/// Ids of agencies, people and meeting bodies (#12.7): 1–64 ASCII letters, digits, `-`, `_` or
/// `.`, starting with a letter, digit or `_` (so never `.`, `..`, a hidden file name or an
/// option-like `-x`): safe as a file or folder name.
public enum IdentifierRule {
    /// The rule in words, for messages.
    public static let summary = "英数字・- _ . の 1〜64 文字で、先頭は英数字か _（. や - で始まる id、. と .. は不可）"

    /// Whether `text` is a valid id.
    public static func isValid(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= 64 else { return false }
        func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        return (isAlphanumeric(first) || first == "_")
            && scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}

/// URLs Kasane writes into calendars and prints (#12.6, #12 minor): absolute `http://` or
/// `https://` with a host, printable ASCII only (no spaces, control characters, quotes, angle
/// brackets or backslashes).
public enum URLRule {
    /// Whether `url` is an absolute http(s) URL with a host and nothing a URL never holds unencoded.
    public static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = url.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else {
            return false
        }
        let forbidden: Set<UInt8> = Set("\"<>\\^`{|}".utf8)
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }) else { return false }
        var host = Substring(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !host.hasPrefix("["), let colon = host.firstIndex(of: ":") { host = host[..<colon] }
        return !host.isEmpty && host != "[]"
    }
}

/// Free text typed by people (names, addresses, relations, form references): control characters
/// are refused at input (#12 minor), and stripped when printing to a terminal.
public enum TextRule {
    /// Whether `text` holds a control character (C0 but TAB and LF, DEL, C1) or a line/paragraph
    /// separator.
    public static func hasControlCharacter(_ text: String, allowingNewline: Bool = false) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\t" && !(allowingNewline && s == "\n")) || (0x7F...0x9F).contains(s.value)
                || s.value == 0x2028 || s.value == 0x2029
        }
    }

    /// `text` with every control character replaced by `�` (for printing to a terminal).
    public static func printable(_ text: String) -> String {
        guard hasControlCharacter(text) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let control = (s.value < 0x20 && s != "\t") || (0x7F...0x9F).contains(s.value) || s.value == 0x2028
                || s.value == 0x2029
            out.append(control ? "\u{FFFD}" : s)
        }
        return String(out)
    }
}
