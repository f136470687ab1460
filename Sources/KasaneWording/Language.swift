import KasaneCore

/// The language Kasane speaks to its staff: Japanese by default, English on request
/// (`--lang en` / `KASANE_LANG=en`). Ids, rule ids and file paths are never translated.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// 日本語 (default).
    case ja
    /// English.
    case en

    /// The language named by a `--lang` flag or `KASANE_LANG` (flag first); Japanese when neither
    /// is given.
    /// - Throws: `LanguageError.unknown` naming the value and where it came from.
    public static func resolve(flag: String?, environment: String?) throws(LanguageError) -> Language {
        if let flag { return try named(flag, source: "--lang") }
        if let environment, !environment.isEmpty { return try named(environment, source: "KASANE_LANG") }
        return .ja
    }

    private static func named(_ text: String, source: String) throws(LanguageError) -> Language {
        let lower = text.lowercased()
        if let l = Language(rawValue: lower) { return l }
        // Locale forms such as ja_JP.UTF-8 or en-US.
        if let l = Language(rawValue: String(lower.prefix(2))), lower.count == 2 || "_-.".contains(lower.dropFirst(2).first!) {
            return l
        }
        throw .unknown(text, source: source)
    }
}

/// A language that Kasane cannot speak.
public enum LanguageError: Error, Sendable, Equatable {
    /// `value` given by `source` (`--lang` or `KASANE_LANG`) is neither `ja` nor `en`.
    case unknown(String, source: String)
}

extension LanguageError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.unknown(let v, let source), .ja): "\(source) '\(v)' は使えない言語です: ja（日本語）か en（英語）を指定してください"
        case (.unknown(let v, let source), .en): "\(source) '\(v)' is not a language Kasane speaks: give ja (Japanese) or en (English)"
        }
    }
}
