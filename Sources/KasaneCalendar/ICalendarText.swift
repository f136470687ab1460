public import KasaneCore
public import KasaneWording

/// A calendar object or mail that cannot be written, with what to fix.
public struct ICalendarWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is: an event UID, `organizer`, `mail`, …
    public let subject: String
    /// What is wrong, typed.
    public let problem: ICalendarWriteProblem

    public init(subject: String, problem: ICalendarWriteProblem) {
        self.subject = subject
        self.problem = problem
    }

    /// A problem already in words (mail and series writing, not yet typed).
    public init(subject: String, message: String) {
        self.init(subject: subject, problem: .described(message))
    }

    /// The message in Japanese, without the subject.
    public var message: String { problem.words(in: .ja) }

    /// `subject: message`, in Japanese.
    public var description: String { words(in: .ja) }
}

extension ICalendarWriteError: Worded {
    /// `subject: message` in `language`.
    public func words(in language: Language) -> String { "\(subject): \(problem.words(in: language))" }
}

/// Why a calendar object cannot be written, typed.
public enum ICalendarWriteProblem: Hashable, Sendable {
    /// Who an address belongs to.
    public enum Party: String, Hashable, Sendable, CaseIterable {
        case organizer, attendee
    }

    /// A feed's refresh interval outside 1 minute to 1 year.
    case refreshInterval(minutes: Int)
    /// An empty PRODID.
    case emptyProdID
    /// An event without UID.
    case emptyUID
    /// SEQUENCE below 0 or above 2^31 − 1.
    case sequenceOutOfRange(Int)
    /// DTEND not after DTSTART within the day.
    case endNotAfterStart(start: TimeOfDay, end: TimeOfDay, date: LocalDate)
    /// A URL that is not an absolute URI.
    case notAbsoluteURI(String)
    /// An address that is not a plain mailbox.
    case notPlainMailbox(Party, mailbox: String)
    /// CUTYPE or PARTSTAT that is not a token.
    case notTokens(mailbox: String, cutype: String, partstat: String)
    /// A problem already in words.
    case described(String)
}

extension ICalendarWriteProblem: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.refreshInterval(let m), .ja): "更新間隔 \(m) 分は範囲外です: 1 分から 1 年（525600 分）の間にしてください"
        case (.refreshInterval(let m), .en): "refresh interval \(m) min must be 1 minute to 1 year"
        case (.emptyProdID, .ja): "空にはできません: 製品の識別子を書いてください"
        case (.emptyProdID, .en): "must not be empty"
        case (.emptyUID, .ja): "UID が空です: 予定ごとに一意の UID が必要です"
        case (.emptyUID, .en): "UID is empty"
        case (.sequenceOutOfRange(let n), .ja): "SEQUENCE \(n) は範囲外です: 0〜2147483647 にしてください"
        case (.sequenceOutOfRange(let n), .en): "SEQUENCE \(n) is out of range"
        case (.endNotAfterStart(let start, let end, let date), .ja):
            "DTEND \(end) は DTSTART \(start) より後にし、どちらも \(date) の1日の中にしてください"
        case (.endNotAfterStart(let start, let end, let date), .en):
            "DTEND \(end) must be after DTSTART \(start), both within the day \(date)"
        case (.notAbsoluteURI(let url), .ja):
            "URL '\(ICalendarText.singleLine(url))' は絶対 URI ではありません: https://example.jp/room のように書いてください"
        case (.notAbsoluteURI(let url), .en):
            "URL '\(ICalendarText.singleLine(url))' is not an absolute URI such as https://example.jp/room"
        case (.notPlainMailbox(let party, let mailbox), .ja):
            "\(party == .organizer ? "主催者" : "出席者")のメールアドレス '\(ICalendarText.singleLine(mailbox))' は "
                + "name@example.jp のような単純なメールアドレスではありません: 名簿のアドレスを直してください"
        case (.notPlainMailbox(let party, let mailbox), .en):
            "\(party.rawValue) mailbox '\(ICalendarText.singleLine(mailbox))' is not a plain address such as name@example.jp"
        case (.notTokens(let mailbox, let cutype, let partstat), .ja):
            "出席者 \(mailbox): CUTYPE '\(cutype)' と PARTSTAT '\(partstat)' は INDIVIDUAL や NEEDS-ACTION のようなトークンにしてください"
        case (.notTokens(let mailbox, let cutype, let partstat), .en):
            "attendee \(mailbox): CUTYPE '\(cutype)' and PARTSTAT '\(partstat)' must be tokens such as INDIVIDUAL and NEEDS-ACTION"
        case (.described(let text), .ja): text
        case (.described(let text), .en): text
        }
    }
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
