public import KasaneCore

/// A typed value (a reason, a refusal, an error) that the catalogue can put into words.
///
/// Every conformance switches over every case and every `Language`, so the compiler refuses a
/// case without wording; `WordingTests` checks that each sample says something in each language
/// (and that the Japanese is Japanese). Words are rendered here, at the edge: the rules core only
/// returns the typed values (STYLE.md §19).
public protocol Worded {
    /// The value in `language`'s words.
    func words(in language: Language) -> String
}

/// The catalogue: renders typed values, dates and rule lists in one language.
public struct Catalogue: Sendable, Hashable {
    /// The language rendered.
    public var language: Language
    /// Dates in 和暦 (`令和8年12月1日`) rather than ISO (`2026-12-01`); documents use 和暦, the CLI
    /// ISO. Only for Japanese: English always gives ISO dates.
    public var japaneseDates: Bool

    public init(_ language: Language, japaneseDates: Bool = false) {
        self.language = language
        self.japaneseDates = japaneseDates
    }

    /// The value in this catalogue's words.
    public func callAsFunction(_ value: some Worded) -> String { value.words(in: language) }

    /// A date: 和暦 when `japaneseDates` and the language is Japanese, ISO otherwise.
    public func date(_ date: LocalDate) -> String {
        language == .ja && japaneseDates ? JapaneseEra.format(date, weekday: false) : date.iso
    }

    /// A list of names joined the way the language joins them (`m1、m2` / `m1, m2`).
    public func list(_ items: [String]) -> String {
        items.joined(separator: language == .ja ? "、" : ", ")
    }

    /// Rule ids in parentheses, the same in every language: ` (R1, R15)` / `（R1、R15）`.
    public func rules(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "" }
        return language == .ja ? "（\(ids.joined(separator: "、"))）" : " (\(ids.joined(separator: ", ")))"
    }
}
