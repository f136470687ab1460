import KasaneCore
public import KasaneStore

extension StoreError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.cannotOpen(let path, let reason), .ja):
            "ワークスペース \(path) を開けません: \(reason.words(in: language))（--db または KASANE_DB のパスを確かめてください）"
        case (.cannotOpen(let path, let reason), .en):
            "cannot open the workspace \(path): \(reason.words(in: language)) (check the path given by --db or KASANE_DB)"
        case (.noWorkspace(let path), .ja):
            "ワークスペース \(path) がありません。--db または KASANE_DB のパスを確かめてください"
                + "（新しく作るには `kasane registry import REGISTRY.yaml --db \(path)`）"
        case (.noWorkspace(let path), .en):
            "there is no workspace \(path): check the path given by --db or KASANE_DB "
                + "(to create one: `kasane registry import REGISTRY.yaml --db \(path)`)"
        case (.needsMigration(let path), .ja):
            "ワークスペース \(path) は古い形式のままです。読み取りのコマンドは更新しません: "
                + "先に `kasane migrate --db \(path)` を実行してください"
        case (.needsMigration(let path), .en):
            "the workspace \(path) has an older format and read-only commands do not update it: "
                + "run `kasane migrate --db \(path)` first"
        case (.newerWorkspace(let path), .ja):
            "ワークスペース \(path) はこの Kasane より新しい版で書かれています: 新しい版の kasane を使ってください"
        case (.newerWorkspace(let path), .en):
            "the workspace \(path) was written by a newer Kasane: use the newer kasane"
        case (.busy(let path), .ja):
            "別の Kasane コマンドがワークスペース \(path) に書き込み中です: 終わってからやり直してください"
        case (.busy(let path), .en):
            "another Kasane command is writing to the workspace \(path): try again when it has finished"
        case (.caseNotFound(let n), .ja): "事例 \(n) はありません: `kasane case list` で番号を確かめてください"
        case (.caseNotFound(let n), .en): "case \(n) does not exist: see `kasane case list`"
        case (.duplicateCase(let n), .ja): "事例 \(n) はすでにあります: 事例番号は重複できません。別の番号を選んでください"
        case (.duplicateCase(let n), .en): "case \(n) already exists: case numbers are unique, choose another"
        case (.corruptEvent(let n, let seq, let reason), .ja):
            "事例 \(n): 記録 #\(seq) を読めません（\(reason.words(in: language))）。`kasane verify` を実行してください"
        case (.corruptEvent(let n, let seq, let reason), .en):
            "case \(n): event #\(seq) cannot be read (\(reason.words(in: language))); run `kasane verify`"
        case (.corruptRow(let table, let key), .ja):
            "\(table) の行 '\(key)' を読めません: ワークスペースが手で書き換えられていませんか"
        case (.corruptRow(let table, let key), .en):
            "the \(table) row '\(key)' cannot be read: was the workspace edited by hand?"
        case (.noSession(let id), .ja): "会議 '\(id)' はありません。`kasane meeting list` で会議の id を確かめてください"
        case (.noSession(let id), .en): "no meeting '\(id)': see `kasane meeting list`"
        case (.unknownPerson(let p), .ja): "人 '\(p)' は登録簿にいません: `kasane person list` で id を確かめてください"
        case (.unknownPerson(let p), .en): "unknown person '\(p)': see `kasane person list`"
        case (.deputyOfOtherAgency(let p, let works, let agency), .ja):
            "'\(p)' は '\(works)' の職員で、'\(agency)' の職員ではありません: 代理出席は同じ機関の人です (R15)"
        case (.deputyOfOtherAgency(let p, let works, let agency), .en):
            "'\(p)' works for '\(works)', not '\(agency)': a deputy comes from the same agency (R15)"
        case (.sessionNotYetHeld(let id, let date), .ja):
            "会議 \(id) は \(date.iso) に開催予定です。開催済みにできるのは会議の日以降です (R20)"
        case (.sessionNotYetHeld(let id, let date), .en):
            "meeting \(id) is planned for \(date.iso): it can be marked held from its day on (R20)"
        case (.sessionStateFinal(let id, let state), .ja):
            "会議 \(id) は既に「\(state.rawValue)」です。記録は元に戻せません (R20)"
        case (.sessionStateFinal(let id, let state), .en):
            "meeting \(id) is already \(Self.english(state)): a record never goes back (R20)"
        case (.chainKey(let path, let problem), _):
            Self.words(problem, path: path, language)
        }
    }

    private static func english(_ state: SessionState) -> String {
        switch state {
        case .planned: "planned"
        case .held: "held"
        case .minuted: "minuted"
        }
    }

    private static func words(_ problem: ChainKeyProblem, path: String, _ language: Language) -> String {
        switch (problem, language) {
        case (.missing, .ja):
            "記録の鍵ファイル \(path) がありません: このワークスペースの記録は鍵で封じられています。鍵ファイルを元の場所に戻すか、"
                + "--chain-key または KASANE_CHAIN_KEY で場所を指定してください"
        case (.missing, .en):
            "the chain key file \(path) is missing: this workspace's records are sealed with it; put the key file back or "
                + "name it with --chain-key or KASANE_CHAIN_KEY"
        case (.unreadable, .ja): "記録の鍵ファイル \(path) を読めません: 持ち主と権限 (0600) を確かめてください"
        case (.unreadable, .en): "the chain key file \(path) cannot be read: check its owner and mode (0600)"
        case (.malformed, .ja): "記録の鍵ファイル \(path) の形式が違います: 16進数64桁（32バイト）の鍵が1行だけ入ったファイルです"
        case (.malformed, .en): "the chain key file \(path) is malformed: it holds one line of 64 hex digits (32 bytes)"
        case (.cannotCreate(let reason), .ja): "記録の鍵ファイル \(path) を作れません: \(reason.words(in: .ja))"
        case (.cannotCreate(let reason), .en): "the chain key file \(path) cannot be created: \(reason.words(in: .en))"
        case (.cannotWrite(let reason), .ja): "記録の鍵ファイル \(path) を書けません: \(reason.words(in: .ja))"
        case (.cannotWrite(let reason), .en): "the chain key file \(path) cannot be written: \(reason.words(in: .en))"
        case (.noFingerprint, .ja):
            "記録の鍵ファイル \(path) に対応する鍵の確認値がワークスペースにありません: ワークスペースが外から書き換えられています"
        case (.noFingerprint, .en):
            "the workspace holds no fingerprint for the chain key \(path): the workspace was changed from outside"
        case (.otherKey, .ja):
            "記録の鍵ファイル \(path) の鍵はこのワークスペースの鍵ではありません: 正しい鍵ファイルを --chain-key または KASANE_CHAIN_KEY で指定してください"
        case (.otherKey, .en):
            "the key in \(path) is not this workspace's chain key: name the right key file with --chain-key or KASANE_CHAIN_KEY"
        }
    }
}

extension FeedTokenError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.unknownAgency(let a), .ja): "機関 '\(a)' は登録簿にありません: `kasane agency list` で id を確かめてください"
        case (.unknownAgency(let a), .en): "agency '\(a)' is not in the registry: see `kasane agency list`"
        case (.alreadyIssued(let a, let id), .ja):
            "機関 '\(a)' には有効なフィードのトークン (\(id)) があります: 取り替えるには `kasane feed-token rotate \(a)`"
        case (.alreadyIssued(let a, let id), .en):
            "agency '\(a)' already has an active feed token (\(id)); use `kasane feed-token rotate \(a)` to replace it"
        case (.noActiveToken(let a), .ja): "機関 '\(a)' に有効なフィードのトークンはありません: 取り消すものはありません"
        case (.noActiveToken(let a), .en): "agency '\(a)' has no active feed token: nothing to revoke"
        }
    }
}

extension CorruptEventReason: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.noOpening, .ja): "記録が事例の開始から始まっていません"
        case (.noOpening, .en): "the log does not start with an opening"
        case (.unknownKind(let kind), .ja): "種類 '\(kind)' はこの版の Kasane が知りません。新しい版で作られたワークスペースではありませんか"
        case (.unknownKind(let kind), .en): "unknown event kind '\(kind)': is the workspace from a newer Kasane?"
        case (.missingField(let field), .ja): "項目 \(field) がありません"
        case (.missingField(let field), .en): "the field \(field) is missing"
        case (.badValue(let field), .ja): field.isEmpty ? "内容が記録の種類に合いません" : "項目 \(field) の値が合いません"
        case (.badValue(let field), .en): field.isEmpty ? "the payload does not fit its kind" : "the value of \(field) does not fit"
        }
    }
}

extension FileFailure: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.diskFull, .ja): "ディスクの空き容量が足りません"
        case (.diskFull, .en): "the disk is full"
        case (.permissionDenied, .ja): "読み書きの権限がありません"
        case (.permissionDenied, .en): "permission denied"
        case (.noSuchFolder, .ja): "フォルダーがありません"
        case (.noSuchFolder, .en): "the folder does not exist"
        case (.readOnly, .ja): "読み取り専用の場所です"
        case (.readOnly, .en): "the place is read-only"
        case (.ioError, .ja): "ディスクの読み書きに失敗しました"
        case (.ioError, .en): "the disk could not be read or written"
        case (.notADatabase, .ja): "SQLite のデータベースではありません"
        case (.notADatabase, .en): "not an SQLite database"
        case (.damaged, .ja): "ファイルが壊れているか途中で切れています"
        case (.damaged, .en): "the file is damaged or truncated"
        case (.alreadyExists, .ja): "同じ名前のファイルが既にあります"
        case (.alreadyExists, .en): "a file of that name already exists"
        case (.other(let code), .ja): "システムのエラー（\(code)）"
        case (.other(let code), .en): "system error (\(code))"
        }
    }
}
