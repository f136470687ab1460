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
    /// A delivery pass through the relay ended (#15): how many messages it sent (`retried` of them
    /// after a failure), and how many the outbox still holds queued, failed, or cut off while sending.
    case delivered(sent: Int, retried: Int, queued: Int, failed: Int, uncertain: Int)
    /// A delivery pass stopped at a message the relay did not take (`reason`: the SMTP error's words).
    case deliveryStopped(reason: String, sent: Int, queued: Int, failed: Int, uncertain: Int)
    /// The invitations were written as files only: the console runs without `--smtp`.
    case writtenOnly(messages: Int, files: Int, folder: String)
    /// The invitations were written and recorded in the outbox for delivery.
    case written(messages: Int, files: Int, folder: String)
    /// Nothing changed since the last invitations.
    case nothingToInvite
    /// `未送信を再送` without a relay: the console was started without `--smtp`.
    case noRelay
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
        case (.delivered(let sent, let retried, let queued, let failed, let uncertain), .ja):
            "メールを \(sent) 通送信しました" + (retried > 0 ? "（うち \(retried) 通は失敗した分の再送）" : "")
                + "。送信箱に残っているもの: 送信待ち \(queued) 通・失敗 \(failed) 通"
                + (uncertain > 0 ? "・送信中に中断 \(uncertain) 通（届いたか不明なため自動では再送しません: 「送信状況」で確かめてください）" : "")
        case (.delivered(let sent, let retried, let queued, let failed, let uncertain), .en):
            "\(sent) mails delivered" + (retried > 0 ? " (\(retried) of them retried after a failure)" : "")
                + "; left in the outbox: \(queued) queued, \(failed) failed"
                + (uncertain > 0 ? ", \(uncertain) interrupted while sending (may have arrived: not sent again on their own)" : "")
        case (.deliveryStopped(let reason, let sent, let queued, let failed, let uncertain), .ja):
            "送信が途中で止まりました: \(reason)。今回 \(sent) 通を送信し、送信箱に送信待ち \(queued) 通・失敗 \(failed) 通"
                + (uncertain > 0 ? "・送信中に中断 \(uncertain) 通（届いたか不明なため自動では再送しません）" : "")
                + "が残っています。中継サーバーを確かめて「送信状況」の「未送信を再送」を押すと、残りの分だけを送ります"
                + "（送信済みのものは二度と送りません）"
        case (.deliveryStopped(let reason, let sent, let queued, let failed, let uncertain), .en):
            "delivery stopped: \(reason). \(sent) mails delivered; left in the outbox: \(queued) queued, \(failed) failed"
                + (uncertain > 0 ? ", \(uncertain) interrupted while sending (may have arrived: not sent again on their own)" : "")
                + ". Check the relay and press 「未送信を再送」 on 「送信状況」: only what is left is sent (nothing twice)"
        case (.writtenOnly(let messages, let files, let folder), .ja):
            "招待 \(messages) 通を \(folder) に書き出しました（ファイル \(files)）。SMTP の設定がないため、メールは送っていません"
                + "（送るには、コンソールを --smtp HOST:PORT を付けて起動し直してください）"
        case (.writtenOnly(let messages, let files, let folder), .en):
            "\(messages) invitations written under \(folder) (\(files) files). No SMTP relay is set, so no mail was sent "
                + "(start the console again with --smtp HOST:PORT to send them)"
        case (.written(let messages, let files, let folder), .ja):
            "招待 \(messages) 通を \(folder) に書き出し、送信箱に記録しました（ファイル \(files)）"
        case (.written(let messages, let files, let folder), .en):
            "\(messages) invitations written under \(folder) and recorded in the outbox (\(files) files)"
        case (.nothingToInvite, .ja): "送る招待はありません（前回から変わっていません）"
        case (.nothingToInvite, .en): "no invitation to send (nothing changed since the last time)"
        case (.noRelay, .ja):
            "コンソールは SMTP の設定なしで起動しているため、メールは送れません。何も送っていません。"
                + "送るには、コンソールを --smtp HOST:PORT（必要なら --smtp-security・--smtp-user・--smtp-password-file）を付けて起動し直してください"
        case (.noRelay, .en):
            "the console runs without an SMTP relay, so it cannot send mail; nothing was sent. Start it again with "
                + "--smtp HOST:PORT (and --smtp-security, --smtp-user, --smtp-password-file as needed)"
        }
    }
}
