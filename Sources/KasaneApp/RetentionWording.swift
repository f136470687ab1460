public import KasaneWording

extension RetentionProblem: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.noRule(let file), .ja):
            "保存期間の規則がありません: \(file) に `retention: { yearsAfterEnd: 5 }` のように、支援終結から何年個人情報を"
                + "保存するかを書いてください。何も変更していません"
        case (.noRule(let file), .en):
            "there is no retention rule: add e.g. `retention: { yearsAfterEnd: 5 }` to \(file) (the years personal "
                + "details are kept after a case ends); nothing was changed"
        case (.emptyReason, .ja):
            "--reason が空です: 消去の根拠（申出の受付番号など。氏名などの個人情報は書かない）を書いてください。何も変更していません"
        case (.emptyReason, .en):
            "--reason is empty: give the ground for the erasure (e.g. the request's reference, never a personal detail); "
                + "nothing was changed"
        case (.badReason, .ja):
            "--reason は 200 文字以内で、制御文字を含めずに書いてください。何も変更していません"
        case (.badReason, .en): "--reason must be at most 200 characters without control characters; nothing was changed"
        case (.walNotEmptied(let path), .ja):
            "消去は記録しましたが、読み取り中の接続（serve やバックアップなど）があるため \(path)-wal を空にできませんでした"
                + "（消去前の内容が残っている可能性があります）: それらを止めてから `kasane retention apply` をもう一度実行してください"
        case (.walNotEmptied(let path), .en):
            "the erasures are recorded, but readers (serve, a backup) kept \(path)-wal from being emptied (it may still hold "
                + "erased details): stop them and run `kasane retention apply` again"
        }
    }
}
