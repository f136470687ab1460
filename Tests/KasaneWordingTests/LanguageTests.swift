import KasaneWording
import Testing

@Suite("Language (#13.3)")
struct LanguageTests {
    @Test("--lang and KASANE_LANG choose the language; Japanese by default",
          arguments: [
              (nil, nil, Language.ja), ("en", nil, .en), (nil, "en", .en), ("ja", "en", .ja),
              (nil, "en_US.UTF-8", .en), (nil, "ja_JP.UTF-8", .ja), (nil, "", .ja), ("EN", nil, .en),
          ] as [(String?, String?, Language)])
    func resolves(flag: String?, environment: String?, expected: Language) throws {
        #expect(try Language.resolve(flag: flag, environment: environment) == expected)
    }

    @Test("an unknown language is refused, naming where it came from", arguments: [("fr", nil), (nil, "english"), ("e", nil)] as [(String?, String?)])
    func refuses(flag: String?, environment: String?) {
        #expect(throws: LanguageError.self) { try Language.resolve(flag: flag, environment: environment) }
    }
}
