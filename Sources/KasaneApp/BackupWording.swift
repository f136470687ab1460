public import KasaneStore
public import KasaneWording

extension BackupProblem: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.destinationExists(let path), .ja):
            "\(path) は既にあります。バックアップは上書きしません: 別の名前を指定するか、古いものを移してください"
        case (.destinationExists(let path), .en):
            "\(path) already exists; a backup never overwrites: name another file or move the old one away"
        case (.backupMissing(let path), .ja): "バックアップ \(path) がありません"
        case (.backupMissing(let path), .en): "there is no backup at \(path)"
        case (.backupKeyMissing(let path), .ja):
            "バックアップの鍵ファイル \(path) がありません。バックアップと同じ場所に置いてください（連鎖を確かめるのに必要です）"
        case (.backupKeyMissing(let path), .en):
            "the backup's key file \(path) is missing; put it beside the backup (its chains cannot be verified without it)"
        case (.unreadable(let path, let cause), .ja):
            "\(path) はワークスペースとして開けません（途中で切れたか壊れたファイルです）: \(Self.detail(cause, language))。何も変更していません"
        case (.unreadable(let path, let cause), .en):
            "\(path) cannot be opened as a workspace (truncated or damaged): \(Self.detail(cause, language)); nothing was changed"
        case (.failedChecks(let path, let integrity, let broken), .ja):
            "\(path) は検査に通りません（integrity_check: \(integrity)、壊れた連鎖 \(broken) 件）。何も変更していません"
        case (.failedChecks(let path, let integrity, let broken), .en):
            "\(path) fails its checks (integrity_check: \(integrity), \(broken) broken chain(s)); nothing was changed"
        case (.workspaceExists(let path), .ja):
            "ワークスペース \(path) は既にあります。バックアップで置き換えるときは --replace を付けてください"
        case (.workspaceExists(let path), .en):
            "the workspace \(path) exists; add --replace to replace it by the backup"
        case (.cannotWrite(let path, let reason), .ja):
            "\(path) に書けません（\(reason.words(in: language))）。空き容量と書込み権限を確かめてください。書きかけのものは残していません"
        case (.cannotWrite(let path, let reason), .en):
            "cannot write \(path) (\(reason.words(in: language))); check the free space and permissions. Nothing partial was left"
        }
    }

    /// SQLite's own reason when the copy would not open (the copy's temporary path means nothing
    /// to the reader), else the store's words.
    private static func detail(_ cause: StoreError, _ language: Language) -> String {
        if case .cannotOpen(_, let reason) = cause { return reason.words(in: language) }
        return cause.words(in: language)
    }
}
