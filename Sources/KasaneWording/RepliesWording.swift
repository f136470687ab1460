public import KasaneStore

// Issue 14: the outbox's states (and, with replies, the answers and refusals) in words.

extension OutboxState: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.queued, .ja): "送信待ち"
        case (.queued, .en): "queued"
        case (.sending, .ja): "送信中に中断（届いたか不明: 自動では再送しません）"
        case (.sending, .en): "interrupted while sending (may have arrived: not sent again on its own)"
        case (.sent, .ja): "送信済み"
        case (.sent, .en): "sent"
        case (.failed, .ja): "失敗（次の invite --smtp で再送します）"
        case (.failed, .en): "failed (the next invite --smtp tries again)"
        case (.written, .ja): "ファイルのみ（送信しません）"
        case (.written, .en): "files only (not delivered)"
        }
    }
}

extension OutboxEntry: Worded {
    /// The state, with `再送` when it went out after a failure and the relay's reply or the reason.
    public func words(in language: Language) -> String {
        var text = state.words(in: language)
        if retried { text = language == .ja ? "再送して送信済み（\(attempts) 回目）" : "sent on retry (attempt \(attempts))" }
        if state == .sent, let serverReply { text += language == .ja ? ": サーバーの応答 \(serverReply)" : ": server replied \(serverReply)" }
        if state == .failed, let failure { text += language == .ja ? ": 理由 \(failure)" : ": reason \(failure)" }
        return text
    }
}
