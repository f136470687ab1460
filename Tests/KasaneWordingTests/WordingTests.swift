import KasaneWording
import Testing

@Suite("Catalogue (#13.3)")
struct WordingTests {
    /// Every `Worded` type's samples. Add each new type here.
    static var all: [any Worded] { LanguageError.samples }

    @Test("every case of every reason and error has wording in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(Self.all) == [])
    }
}
