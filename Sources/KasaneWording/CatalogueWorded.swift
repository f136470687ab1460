public import KasaneCore

/// A `Worded` value whose words hold dates or lists: it is rendered through the whole catalogue,
/// so a document's catalogue (`Catalogue(.ja, japaneseDates: true)`) gives its dates in 和暦 and
/// the CLI's gives ISO dates.
public protocol CatalogueWorded: Worded {
    /// The value in `catalogue`'s words, dates through `catalogue.date(_:)`.
    func words(_ catalogue: Catalogue) -> String
}

extension CatalogueWorded {
    /// The value in `language`'s words, with ISO dates.
    public func words(in language: Language) -> String { words(Catalogue(language)) }
}

extension Catalogue {
    /// The value in this catalogue's words, dates in 和暦 when `japaneseDates` (Japanese only).
    public func callAsFunction(_ value: some CatalogueWorded) -> String { value.words(self) }

    /// The first few of a list in words, and how many more: `a、b、c ほか4件` / `a, b, c and 4 more`.
    public func few<Element>(_ things: FirstFew<Element>, _ word: (Element) -> String) -> String {
        let named = list(things.first.map(word))
        guard things.more > 0 else { return named }
        return language == .ja ? "\(named) ほか\(things.more)件" : "\(named) and \(things.more) more"
    }

    /// `ja` or `en`, whichever this catalogue speaks.
    func pick(_ ja: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        language == .ja ? ja() : en()
    }
}
