public import KasaneCore
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
        case (.failed, .ja): "失敗（次の送信で再送します: invite --smtp かコンソールの「未送信を再送」）"
        case (.failed, .en): "failed (the next delivery tries again: invite --smtp or the console's 「未送信を再送」)"
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

extension AnswerState: Worded {
    /// 出欠 as the agenda and `meeting show` say it (R21).
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.needsAction, .ja): "回答なし"
        case (.needsAction, .en): "no answer"
        case (.accepted, .ja): "出席"
        case (.accepted, .en): "attending"
        case (.declined, .ja): "欠席"
        case (.declined, .en): "not attending"
        case (.tentative, .ja): "未定"
        case (.tentative, .en): "tentative"
        case (.delegated, .ja): "代理"
        case (.delegated, .en): "delegated"
        }
    }
}

extension ReplyRefusal: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.tooLarge(let bytes, let limit), .ja): "大きすぎます（\(bytes) バイト、上限 \(limit) バイト）"
        case (.tooLarge(let bytes, let limit), .en): "too large (\(bytes) bytes, the limit is \(limit))"
        case (.notUTF8(let line), .ja): "\(line) 行目が UTF-8 ではありません"
        case (.notUTF8(let line), .en): "line \(line) is not UTF-8"
        case (.lineTooLong(let line, let limit), .ja): "\(line) 行目が長すぎます（折り返しを戻して \(limit) バイトまで）"
        case (.lineTooLong(let line, let limit), .en): "line \(line) is too long (at most \(limit) bytes unfolded)"
        case (.controlCharacter(let line), .ja): "\(line) 行目に制御文字があります"
        case (.controlCharacter(let line), .en): "line \(line) has a control character"
        case (.noCalendar, .ja): "カレンダーの部分（text/calendar または .ics）がありません"
        case (.noCalendar, .en): "no calendar part (text/calendar or .ics)"
        case (.badMail(let what), .ja): what == "read" ? "ファイルを読めません（パスと権限を確かめてください）" : "メールとして読めません（\(what)）"
        case (.badMail(let what), .en): what == "read" ? "cannot read the file (check the path and permissions)" : "cannot read the mail (\(what))"
        case (.notICalendar(let what), .ja): "iCalendar として読めません（\(what)）"
        case (.notICalendar(let what), .en): "not readable as iCalendar (\(what))"
        case (.parserLimit, .ja): "解析が時間またはメモリの上限を超えました"
        case (.parserLimit, .en): "parsing went over its time or memory limit"
        case (.notAReply(let method), .ja): "METHOD が \(method) です（返信 REPLY と提案 COUNTER だけを受け付けます）"
        case (.notAReply(let method), .en): "METHOD is \(method) (only REPLY and COUNTER are read)"
        case (.attendeeCount(let n), .ja): "ATTENDEE が \(n) 件あります（返信には回答する本人 1 人だけが入ります）"
        case (.attendeeCount(let n), .en): "\(n) ATTENDEE properties (a reply holds exactly the one who answers)"
        case (.unknownPartstat(let s), .ja): "PARTSTAT '\(s)' は受け付けません（ACCEPTED・DECLINED・TENTATIVE・DELEGATED）"
        case (.unknownPartstat(let s), .en): "PARTSTAT '\(s)' is not accepted (ACCEPTED, DECLINED, TENTATIVE, DELEGATED)"
        case (.delegatedToMissing, .ja): "DELEGATED なのに DELEGATED-TO（代理の人）がありません"
        case (.delegatedToMissing, .en): "DELEGATED without DELEGATED-TO (the colleague)"
        case (.otherMunicipality, .ja): "この自治体の議題の UID ではありません（他の自治体あての返信です）"
        case (.otherMunicipality, .en): "the UID is not one of this municipality's items"
        case (.unknownItem(let uid), .ja): "UID \(uid) の議題は発行されていません"
        case (.unknownItem(let uid), .en): "no item with UID \(uid) was published"
        case (.senderNotAttendee, .ja): "差出人（From）が回答者（ATTENDEE）のアドレスと違います: 本人以外の回答は受け付けません"
        case (.senderNotAttendee, .en): "the sender (From) is not the attendee: nobody may answer for someone else"
        case (.notInvited(let uid), .ja): "回答者は UID \(uid) の議題に招待されていません"
        case (.notInvited(let uid), .en): "the attendee was not invited to the item with UID \(uid)"
        }
    }
}

extension DelegationProblem: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.unknownDelegate, .ja): "代理の人が名簿にいません（登録簿に加えて `kasane meeting deputy` で設定してください）"
        case (.unknownDelegate, .en): "the colleague is not in the registry (add them, then use `kasane meeting deputy`)"
        case (.otherAgency, .ja): "代理の人が別の機関の所属です（代理は同じ機関の人に限ります: R15）"
        case (.otherAgency, .en): "the colleague works for another agency (a deputy comes from the same agency: R15)"
        case (.alreadyAttends, .ja): "代理の人は自分の立場ですでにこの議題に出席します"
        case (.alreadyAttends, .en): "the colleague already attends this item in their own right"
        }
    }
}

extension ReplyOutcome: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.applied(let state), .ja): "「\(state.words(in: .ja))」を反映しました"
        case (.applied(let state), .en): "applied: \(state.words(in: .en))"
        case (.stale(let answered, let current), .ja):
            "古い版（SEQUENCE \(answered)、現在は \(current)）への返信です: 記録のみで反映しません"
        case (.stale(let answered, let current), .en):
            "a reply to an older version (SEQUENCE \(answered), now \(current)): recorded, not applied"
        case (.counter, .ja): "別の日時の提案（COUNTER）です: 記録のみで、会議は動かしません"
        case (.counter, .en): "a proposal of another time (COUNTER): recorded; the meeting does not move"
        case (.delegationKept(let problem), .ja): "代理（DELEGATED）を記録しましたが、代理出席には設定しません: \(problem.words(in: .ja))"
        case (.delegationKept(let problem), .en): "DELEGATED recorded, but no deputy is seated: \(problem.words(in: .en))"
        case (.duplicate, .ja): "同じ返信を読み込み済みです（何も変えません）"
        case (.duplicate, .en): "already read (nothing changes)"
        case (.refused(let r), .ja): "受け付けません: \(r.words(in: .ja))"
        case (.refused(let r), .en): "refused: \(r.words(in: .en))"
        }
    }
}
