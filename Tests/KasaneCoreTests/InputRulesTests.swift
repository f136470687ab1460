import KasaneCore
import Testing

/// The one rule for mailboxes, ids, URLs and typed text (issue 12, points 6 and 7, minor points).
@Suite("Input rules (#12.6, #12.7)")
struct InputRulesTests {
    @Test("#12.6 valid mailboxes", arguments: [
        "a@example.jp", "h.teruya@city.example.jp", "first.last+tag@sub.example.co.jp", "o'brien@example.com",
        "x_y-z@localhost", "A1@EXAMPLE.JP", String(repeating: "a", count: 64) + "@x.jp",
    ])
    func validMailboxes(address: String) {
        #expect(Mailbox.isValid(address))
        #expect(Mailbox(address)?.address == address)
    }

    @Test("#12.6 invalid mailboxes, each with a Japanese reason", arguments: [
        "h.teruya;x@city.example.jp", "a..b@x.jp", "<h>@a.jp", ".a@x.jp", "a.@x.jp", "a b@x.jp", "a@x..jp", "a@-x.jp",
        "a@x-.jp", "a@", "@x.jp", "a@b@x.jp", "a%b@x.jp", "a?cc=x@x.jp", "a#b@x.jp", "a@x.jp\r\nBcc: y@x.jp", "\"a\"@x.jp",
        "山田@x.jp", "a@例え.jp", "", String(repeating: "a", count: 65) + "@x.jp",
        "a@" + String(repeating: "b", count: 64) + ".jp", "a@" + Array(repeating: "bbbbbbbbb", count: 26).joined(separator: "."),
    ])
    func invalidMailboxes(address: String) throws {
        #expect(!Mailbox.isValid(address))
        #expect(Mailbox(address) == nil)
        let reason = try #require(Mailbox.problem(address))
        #expect(reason.unicodeScalars.contains { $0.value > 0x3000 }, "a Japanese reason: \(reason)")
    }

    @Test("#12.7 ids: safe as file names", arguments: [
        ("city", true), ("p-shakyo-1", true), ("a.b_c", true), ("_x", true), ("0", true),
        (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false),
        ("..", false), (".", false), (".hidden", false), ("-rf", false), ("a/b", false), ("a b", false), ("", false),
        ("地域", false), ("a\u{0}", false),
    ])
    func identifiers(id: String, valid: Bool) {
        #expect(IdentifierRule.isValid(id) == valid)
    }

    @Test("#12.6 web URLs: absolute http(s) with a host, no spaces or control characters", arguments: [
        ("https://meet.example.jp/r/abc?x=1", true), ("http://127.0.0.1:8080", true), ("https://[::1]:8443/x", true),
        ("HTTPS://EXAMPLE.JP", true), ("https://a b/", false), ("javascript:alert(1)", false), ("", false),
        ("https://", false), ("https:///path", false), ("https://x.jp\r\nX: y", false), ("ftp://x.jp", false),
        ("https://x.jp/<script>", false), ("//x.jp", false), ("https://ユーザー.jp", false),
    ])
    func webURLs(url: String, valid: Bool) {
        #expect(URLRule.isWebURL(url) == valid)
    }

    @Test("#12 minor: terminal escapes in text are found and made printable")
    func controlText() {
        let name = "山田\u{1B}[2J\u{1B}]0;x\u{07}花子"
        #expect(TextRule.hasControlCharacter(name))
        #expect(!TextRule.hasControlCharacter("山田 花子\t"))
        #expect(TextRule.hasControlCharacter("a\u{85}b") && TextRule.hasControlCharacter("a\u{2028}b"))
        let shown = TextRule.printable(name)
        #expect(!TextRule.hasControlCharacter(shown))
        #expect(shown == "山田\u{FFFD}[2J\u{FFFD}]0;x\u{FFFD}花子")
    }
}
