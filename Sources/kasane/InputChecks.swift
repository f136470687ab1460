import KasaneCore

/// Free text from a flag: refused when it holds a control character, or (when `required`) when
/// it is empty or blank (#12 minor: `--form ""`, `--relation ""`, escapes in names).
/// - Throws: `InputError` naming the flag.
func checkedText(_ text: String, flag: String, required: Bool = true) throws -> String {
    if required && text.allSatisfy(\.isWhitespace) {
        throw InputError(say("\(flag) が空です: 値を書いてください", "\(flag) is empty: give a value"))
    }
    if TextRule.hasControlCharacter(text) {
        throw InputError(say("\(flag) に制御文字があります: 取り除いてください",
                             "\(flag) holds a control character: remove it"))
    }
    return text
}

/// An agency, person or body id from a flag or argument (`IdentifierRule`, #12.7).
/// - Throws: `InputError` naming the flag and the rule.
func checkedID(_ id: String, flag: String) throws -> String {
    guard IdentifierRule.isValid(id) else {
        throw InputError(say("\(flag) '\(TextRule.printable(id))' は id として使えません: \(IdentifierRule.summary)",
                             "\(flag) '\(TextRule.printable(id))' cannot be an id: \(IdentifierRule.summary)"))
    }
    return id
}

/// The public base URL of the feeds, from `--base-url`, `KASANE_BASE_URL` or the default, checked
/// before anything is issued or rotated (#12 minor): an absolute http(s) URL without spaces or
/// control characters (`feedBaseURL` then drops trailing slashes).
/// - Throws: `InputError` naming the flag.
func checkedFeedBaseURL(_ flag: String?) throws -> String {
    let url = feedBaseURL(flag)
    guard URLRule.isWebURL(url) else {
        throw InputError(say("--base-url '\(TextRule.printable(url))' は使えません: 空白や制御文字を含まない http:// または "
            + "https:// で始まる絶対 URL にしてください（例: https://feeds.city.example.jp）",
            "--base-url '\(TextRule.printable(url))' cannot be used: give an absolute http:// or https:// URL without "
            + "spaces or control characters (e.g. https://feeds.city.example.jp)"))
    }
    return url
}
