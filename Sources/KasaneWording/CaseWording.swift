public import KasaneCore

extension MemberProblem: Worded {
    /// Names the case and the member key, never the member's name or birth date.
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.missingName(let n, let m), .ja):
            "事例 \(n): 世帯員 '\(m)' に氏名がありません: 氏名（--name、ケースファイルでは name:）を書いてください"
        case (.missingName(let n, let m), .en):
            "case \(n): member '\(m)' needs a name: give it (--name, or name: in the case file)"
        case (.bornAfterToday(let n, let m, _, let today), .ja):
            "事例 \(n): 世帯員 '\(m)' の生年月日が今日 (\(today.iso)) より後です: 正しい生年月日を書いてください"
        case (.bornAfterToday(let n, let m, _, let today), .en):
            "case \(n): member '\(m)' has a birth date after today (\(today.iso)): give the real birth date"
        }
    }
}
