public import KasaneCore

// The core's errors in words (#13.3): case-file refusals, trigger policy, business calendar, stored
// events of an unknown kind. Their English is their `description`, which the store's import errors,
// the YAML readers and `DecodingError` texts still show; the Japanese is here.

extension CaseFileError: Worded {
    public func words(in language: Language) -> String {
        switch language {
        case .en: english
        case .ja: japanese
        }
    }

    /// `description`, but in English where it was written in Japanese.
    private var english: String {
        switch self {
        case .guardianUnknown(let n, let m, let g):
            "case \(n): the 親権者 '\(g)' who gave the consent of member '\(m)' is not recorded as a household member: "
                + "add them first with `kasane case add-member \(n) --key \(g) …`, naming a member other than the person (R1b)"
        case .supportDecision(let n, let problem): "case \(n): \(problem.words(in: .en)) (R16)"
        default: description
        }
    }

    private var japanese: String {
        switch self {
        case .invalidCaseNumber(let n):
            "'\(n)' は事例番号として使えません。英字・数字・'-' の1〜32文字にしてください（例 R8-3）"
        case .notOpened(let n): "事例 \(n) はありません。先に `kasane case open \(n)` で開いてください"
        case .alreadyOpened(let n): "事例 \(n) はすでにあります。事例番号は重複できないので、別の番号にしてください"
        case .unknownAgency(let n, let a, let role):
            "事例 \(n): \(role.words(in: .ja))の機関 '\(a)' は登録されていません。名簿（registry）に登録するか id を直してください"
        case .unknownMember(let n, let m): "事例 \(n): 世帯員 '\(m)' はいません。先に世帯員を追加するか、キーを直してください"
        case .duplicateMember(let n, let m): "事例 \(n): 世帯員 '\(m)' はすでにいます"
        case .secondPrincipal(let n, let m, let existing):
            "事例 \(n): 本人は '\(existing)' として登録済みです: '\(m)' を本人にはできません（1件の事例の本人は1人です。"
                + "--principal を外すか、別の事例にしてください）"
        case .invalidMemberKey(let n, let m):
            "事例 \(n): '\(m)' は世帯員のキーとして使えません。英字・数字・'-' にしてください（氏名は使えません）"
        case .emptyConsentScope(let n, let m):
            "事例 \(n): '\(m)' の同意に機関も分野もありません。少なくとも一つ指定してください"
        case .noConsentToWithdraw(let n, let m): "事例 \(n): 世帯員 '\(m)' に撤回できる有効な同意はありません"
        case .withdrawalBeforeConsent(let n, let m, let w, let g):
            "事例 \(n): 撤回の日 \(w.iso) が、撤回する '\(m)' の同意の日 \(g.iso) より前です"
        case .revisionWithoutPlan(let n, let k):
            "事例 \(n): 改訂する\(k.rawValue)プランがありません。先に `kasane plan draft` で策定してください"
        case .planAlreadyDrafted(let n, let k):
            "事例 \(n): \(k.rawValue)プランはすでにあります。新しい版は `kasane plan revise` で記録してください"
        case .emptyPlan(let n): "事例 \(n): プランには少なくとも一つのサービス（機関と内容）が必要です"
        case .inFuture(let n, let what, let d, let today):
            "事例 \(n): \(what.words(in: .ja))の日付 \(d.iso) が今日 (\(today.iso)) より後です。起きたことだけを記録してください"
        case .beforeOpening(let n, let what, let d, let o):
            "事例 \(n): \(what.words(in: .ja))の日付 \(d.iso) が事例を開いた日 \(o.iso) より前です"
        case .agencyAlreadyInvolved(let n, let a): "事例 \(n): 機関 '\(a)' はすでに関わっています"
        case .agencyNotInvolved(let n, let a): "事例 \(n): 機関 '\(a)' はこの事例に関わっていません"
        case .unknownTriggerEvent(let n, let s): "事例 \(n): 事象 #\(s) は決定の対象となる開催契機ではありません"
        case .caseClosed(let n, let s):
            "事例 \(n) は\(s.rawValue)です。新しいプランや提案を記録する前に再開してください"
        case .notClosed(let n, let s): "事例 \(n) は\(s.rawValue)で、終結も中断もしていません。再開するものはありません"
        case .decision(let n, let problem): "事例 \(n): \(problem.words(in: .ja))"
        case .guardianUnknown(let n, let m, let g):
            "事例 \(n): 世帯員 '\(m)' の同意をした親権者 '\(g)' が世帯員として記録されていません。"
                + "先に `kasane case add-member \(n) --key \(g) …` で登録し、本人以外の世帯員を指定してください (R1b)"
        case .supportDecision(let n, let problem): "事例 \(n): \(problem.words(in: .ja))（R16）"
        case .erasureOfOpenCase(let n, let s):
            "事例 \(n) は\(s.rawValue)です。個人情報を消去できるのは終結・中断・戻しの事例だけです"
                + "（支援中の事例は消去しません。終結の決定を記録してから消去してください）。何も変更していません"
        case .nothingToErase(let n): "事例 \(n): 個人情報はすでに消去済みです。消去するものはありません"
        }
    }
}

extension CaseFact: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.opening, .ja): "事例の開始"
        case (.opening, .en): "the opening"
        case (.member, .ja): "世帯員の追加"
        case (.member, .en): "the member"
        case (.agencyJoining, .ja): "機関の参加"
        case (.agencyJoining, .en): "the agency joining"
        case (.agencyLeaving, .ja): "機関の離脱"
        case (.agencyLeaving, .en): "the agency leaving"
        case (.consent, .ja): "同意"
        case (.consent, .en): "the consent"
        case (.withdrawal, .ja): "同意の撤回"
        case (.withdrawal, .en): "the withdrawal"
        case (.plan, .ja): "プラン"
        case (.plan, .en): "the plan"
        case (.planRevision, .ja): "プランの改訂"
        case (.planRevision, .en): "the plan revision"
        case (.contact, .ja): "連絡"
        case (.contact, .en): "the contact"
        case (.endProposal, .ja): "終結の提案"
        case (.endProposal, .en): "the end proposal"
        case (.decision, .ja): "決定"
        case (.decision, .en): "the decision"
        case (.attendanceNote, .ja): "本人出席の記録"
        case (.attendanceNote, .en): "the attendance note"
        case (.reopening, .ja): "再開"
        case (.reopening, .en): "the reopening"
        case (.supportDecision, .ja): "支援決定"
        case (.supportDecision, .en): "the 支援決定"
        case (.erasure, .ja): "個人情報の消去"
        case (.erasure, .en): "the erasure"
        }
    }
}

extension AgencyMention: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.referringAgency, .ja): "紹介元"
        case (.referringAgency, .en): "referring agency"
        case (.involvedAgency, .ja): "関係機関"
        case (.involvedAgency, .en): "involved agency"
        case (.consentScope, .ja): "同意の範囲"
        case (.consentScope, .en): "consent scope"
        case (.planService, .ja): "プランのサービス"
        case (.planService, .en): "plan service"
        case (.contactBy, .ja): "連絡をした"
        case (.contactBy, .en): "contact by"
        case (.endProposer, .ja): "終結を提案した"
        case (.endProposer, .en): "proposer of the ending"
        }
    }
}

extension TriggerPolicyError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (_, .en): description
        case let (.daysOutOfRange(setting, value), .ja):
            "開催契機の設定で \(setting) が \(value) です。0 から \(TriggerPolicy.maximumDays) までの日数にしてください"
        case let (.urgentLongerThanNormal(kind, urgent, normal), .ja):
            "開催契機の設定で、\(kind.rawValue)の緊急時の日数 \(urgent) が通常の日数 \(normal) より長くなっています。"
                + "urgentDays.\(kind.policyKey) を days.\(kind.policyKey) 以下にしてください"
        case let (.contactLossLimitOutOfRange(value), .ja):
            "開催契機の設定で contactLossLimitDays が \(value) です。1 から \(TriggerPolicy.maximumDays) 日にしてください（既定は 90）"
        case let (.unknownKind(setting, key), .ja):
            "開催契機の設定の \(setting) に不明なキー '\(key)' があります。使えるのは "
                + TriggerKind.allCases.map(\.policyKey).joined(separator: "、") + " です"
        }
    }
}

extension BusinessCalendarError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (_, .en): description
        case let (.blankClosureName(month, day), .ja):
            "\(month)月\(day)日の独自の休業日に名前がありません。その日に表示する名前を書いてください"
        case let (.impossibleClosureDay(name, month, day), .ja):
            "独自の休業日 '\(name)' の \(month)月\(day)日 はありえない日です。月は 1〜12、日はその月にある日にしてください"
                + "（2月29日はうるう年だけ休業になります）"
        }
    }
}

extension CaseEventDecodingError: Worded {
    public func words(in language: Language) -> String {
        switch language {
        case .en: description
        case .ja: "記録されている事象の種類 '\(kind)' は、このバージョンの Kasane にはわかりません。新しい Kasane で作られたワークスペースではありませんか"
        }
    }
}
