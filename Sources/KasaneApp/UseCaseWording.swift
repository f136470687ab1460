import KasaneCore
public import KasaneWording

// The words of the use cases' typed errors and report lines (Japanese by default, English with
// `--lang en`). Every switch covers every case in both languages, so a new case needs words.

extension CaseImportProblem: Worded {
    public func words(in language: Language) -> String {
        (source.map { "\($0): " } ?? "") + problem.words(in: language)
    }
}

extension DecisionError: Worded {
    public func words(in language: Language) -> String {
        let c = Catalogue(language)
        switch (self, language) {
        case (.noMeeting(let m), .ja): return "会議 '\(m)' はありません: `kasane meeting list` で会議の id を確かめてください"
        case (.noMeeting(let m), .en): return "no meeting '\(m)': see `kasane meeting list`"
        case (.noItem(let m, let i), .ja):
            return "会議 \(m) に議題 '\(i)' はありません。議題の番号 (1, 2, …) か開催契機の id (例 R8-1#6) を"
                + "指定してください（`kasane meeting show \(m)` で確かめられます）"
        case (.noItem(let m, let i), .en):
            return "meeting \(m) has no item '\(i)': give its number (1, 2, …) or its trigger id (e.g. R8-1#6); "
                + "see `kasane meeting show \(m)`"
        case (.nothingToDecide(let n, let seq), .ja):
            return "事例 \(n): 出来事 #\(seq) は決定の対象になる開催契機ではありません"
        case (.nothingToDecide(let n, let seq), .en): return "case \(n): event #\(seq) raises no trigger to decide on"
        case (.unknownOutcome(let t, let allowed), .ja):
            return "--outcome '\(t)' は使えません: この議題では \(c.list(allowed.map(\.rawValue))) のどれかです"
        case (.unknownOutcome(let t, let allowed), .en):
            return "--outcome '\(t)' is unknown (for this item: \(c.list(allowed.map(\.rawValue))))"
        case (.reportedAfterToday(let r, let today), .ja):
            return "--reported-on \(r.iso) は今日 (\(today.iso)) より後です。報告した日を記録してください"
        case (.reportedAfterToday(let r, let today), .en):
            return "--reported-on \(r.iso) is after today (\(today.iso)): record the day it was reported"
        case (.meetingRule(let problem), _): return c(problem)
        case (.noPlanAwaitingSupportDecision(let n, let kind), .ja):
            return "事例 \(n) に支援決定待ちのプラン\(kind.map { "（\($0.rawValue)）" } ?? "")はありません。"
                + "会議でプランを承認してから記録してください（`kasane case show \(n)` でプランの状態を確かめられます） (R16)"
        case (.noPlanAwaitingSupportDecision(let n, let kind), .en):
            return "case \(n) has no plan\(kind.map { " (\($0.rawValue))" } ?? "") awaiting its 支援決定: have a meeting "
                + "approve the plan first (see the plans' states with `kasane case show \(n)`) (R16)"
        case (.severalPlansAwaitingSupportDecision(let n, let kinds), .ja):
            return "事例 \(n) には支援決定待ちのプランが複数あります（\(c.list(kinds.map(\.rawValue)))）。"
                + "--plan で種類を指定してください"
        case (.severalPlansAwaitingSupportDecision(let n, let kinds), .en):
            return "case \(n) has several plans awaiting their 支援決定 (\(c.list(kinds.map(\.rawValue)))): "
                + "name the plan type with --plan"
        }
    }
}

extension DocumentRequestError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.noMeeting(let m), .ja): "会議 '\(m)' はありません: `kasane meeting list` で会議の id を確かめてください"
        case (.noMeeting(let m), .en): "no meeting '\(m)': see `kasane meeting list`"
        case (.unknownPerson(let p), .ja): "--person '\(p)' は登録されていません: `kasane person list` で id を確かめてください"
        case (.unknownPerson(let p), .en): "unknown person '\(p)': see `kasane person list`"
        case (.unknownAgency(let a), .ja): "--agency '\(a)' は登録されていません: `kasane agency list` で id を確かめてください"
        case (.unknownAgency(let a), .en): "unknown agency '\(a)': see `kasane agency list`"
        case (.sameFileName(let name), .ja):
            "二人の読み手の写しが同じファイル名 '\(name)' になります: 職員の id を master や agency- で始まらないものに変えてください"
        case (.sameFileName(let name), .en):
            "two readers' copies would share the file name '\(name)': give the person an id that is not master and does not start with agency-"
        }
    }
}

extension ReportError: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.fiscalYearOutOfRange(let y), .ja): "--fiscal-year \(y) は 2000〜2100 の範囲外です: 年度を西暦で指定してください（例 2026）"
        case (.fiscalYearOutOfRange(let y), .en): "--fiscal-year \(y) is outside 2000–2100: give the fiscal year, e.g. 2026"
        }
    }
}

extension ReportIndicator: Worded {
    /// The indicator's name as the yearly report prints it.
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.fiscalYear, .ja): "年度"
        case (.fiscalYear, .en): "fiscal year"
        case (.casesReviewedMultiAgency, .ja): "重層的支援会議で検討した事例数（実数）"
        case (.casesReviewedMultiAgency, .en): "cases reviewed in a 重層的支援会議 (distinct)"
        case (.casesReviewedSupportMeeting, .ja): "支援会議で検討した事例数（実数）"
        case (.casesReviewedSupportMeeting, .en): "cases reviewed in a 支援会議 (distinct)"
        case (.outreachPlans, .ja): "アウトリーチ等プラン作成数"
        case (.outreachPlans, .en): "outreach (アウトリーチ等) plans drafted"
        case (.participationPlans, .ja): "参加支援プラン作成数"
        case (.participationPlans, .en): "participation (参加支援) plans drafted"
        case (.meetingsHeld, .ja): "会議開催数"
        case (.meetingsHeld, .en): "meetings held"
        case (.totalAttendance, .ja): "延べ参加者数"
        case (.totalAttendance, .en): "total attendance"
        case (.shortages, .ja): "社会資源の不足の指摘数"
        case (.shortages, .en): "shortages of social resources noted"
        case (.supportDecisions, .ja): "支援決定の件数"
        case (.supportDecisions, .en): "支援決定 made"
        case (.plansReported, .ja): "自治体へ報告したプラン数（法定事業を含まないプラン）"
        case (.plansReported, .en): "plans reported to the municipality (without statutory programmes)"
        case (.awaitingSupportDecision, .ja): "承認済・支援決定待ちのプラン数"
        case (.awaitingSupportDecision, .en): "plans approved, awaiting their 支援決定"
        }
    }
}
