public import KasaneStore

extension StaffStoreError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.duplicateStaff(let id), .ja):
            "アカウント \(id) はもうあります: パスワードを変えるには `kasane staff reset \(id)` を使ってください"
        case (.duplicateStaff(let id), .en): "the account \(id) exists already: use `kasane staff reset \(id)` to change its password"
        case (.noStaff(let id), .ja): "アカウント \(id) はありません: `kasane staff list` で確かめてください"
        case (.noStaff(let id), .en): "there is no account \(id): check `kasane staff list`"
        }
    }
}

extension StaffAccountProblem: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.badID(let id), .ja):
            "アカウントの id '\(id)' は使えません: 英数字と - _ . で 1〜64 文字にしてください（氏名は使わないでください）"
        case (.badID(let id), .en): "the account id '\(id)' is not usable: use 1–64 letters, digits, - _ or ."
        case (.passwordTooShort(let minimum), .ja): "パスワードが短すぎます: \(minimum) 文字以上にしてください"
        case (.passwordTooShort(let minimum), .en): "the password is too short: use at least \(minimum) characters"
        case (.passwordTooLong, .ja): "パスワードが長すぎます: 72 バイト以内にしてください"
        case (.passwordTooLong, .en): "the password is too long: use at most 72 bytes"
        case (.noPassword, .ja): "パスワードがありません: 標準入力か --password-file で渡してください"
        case (.noPassword, .en): "no password: give it on standard input or with --password-file"
        }
    }
}

/// What the console tells its user about a form or a request, beside the field or on the page (#15).
public enum ConsoleMessage: Hashable, Sendable {
    /// A required field is empty (`label`: the field's Japanese label).
    case required(label: String)
    /// A required choice was not made.
    case choose(label: String)
    /// A date field that is not `YYYY-MM-DD`.
    case badDate(label: String, text: String)
    /// A 役割分担 line that is not `機関ID:業務`.
    case badRoleLine(String)
    /// Wrong account, password or code (never which of them).
    case loginFailed
    /// Too many failed logins for the account or from the address.
    case loginBlocked(minutes: Int)
    /// The session ended after inactivity.
    case sessionExpired
    /// The role may not do this.
    case forbidden(role: StaffRole)
    /// The form's CSRF token is missing or wrong.
    case csrfRefused
    /// No such page or thing.
    case notFound
    /// Something failed inside; nothing was written.
    case internalError
}

extension ConsoleMessage: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.required(let label), .ja): "\(label)を入力してください"
        case (.required(let label), .en): "enter \(label)"
        case (.choose(let label), .ja): "\(label)を選んでください"
        case (.choose(let label), .en): "choose \(label)"
        case (.badDate(let label, let text), .ja): "\(label)「\(text)」は日付ではありません: YYYY-MM-DD の形で入力してください"
        case (.badDate(let label, let text), .en): "\(label) '\(text)' is not a date: use YYYY-MM-DD"
        case (.badRoleLine(let line), .ja): "役割分担「\(line)」は 機関ID:業務 の形にしてください（1 行に 1 つ）"
        case (.badRoleLine(let line), .en): "the role '\(line)' must be AGENCY:TASK (one per line)"
        case (.loginFailed, .ja): "アカウント、パスワード、または確認コードが違います"
        case (.loginFailed, .en): "wrong account, password or code"
        case (.loginBlocked(let minutes), .ja): "ログインの失敗が続いたため受け付けていません: \(minutes) 分ほど待ってからやり直してください"
        case (.loginBlocked(let minutes), .en): "too many failed logins: wait about \(minutes) minutes and try again"
        case (.sessionExpired, .ja): "しばらく操作がなかったためログアウトしました。もう一度ログインしてください"
        case (.sessionExpired, .en): "you were logged out after a time without activity: log in again"
        case (.forbidden(let role), .ja): "この操作はできません（あなたの役割: \(role.rawValue)）。何も記録していません"
        case (.forbidden(let role), .en): "you may not do this (your role: \(role.rawValue)); nothing was recorded"
        case (.csrfRefused, .ja): "フォームの確認用トークンが合いません。ページを開き直してからやり直してください。何も記録していません"
        case (.csrfRefused, .en): "the form's check token does not match: reload the page and try again; nothing was recorded"
        case (.notFound, .ja): "ページが見つかりません"
        case (.notFound, .en): "page not found"
        case (.internalError, .ja): "内部のエラーで処理できませんでした。何も記録していません。管理者に連絡してください"
        case (.internalError, .en): "an internal error stopped the request; nothing was recorded: tell the administrator"
        }
    }
}
