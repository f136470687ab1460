public import KasaneCore

// The rules a decision breaks, in words (#13.3). The English of `DecisionProblem` and the Japanese
// of `SupportDecisionProblem` are their `description` (still shown by the store's import errors).

extension DecisionProblem: Worded {
    public func words(in language: Language) -> String {
        switch language {
        case .en: description
        case .ja: japanese
        }
    }

    private var japanese: String {
        switch self {
        case .raisesNoTrigger(let event): "事象 #\(event) は決定の対象となる開催契機ではありません"
        case let .outcomeDoesNotFit(outcome, item):
            "\(outcome.rawValue) は\(item.rawValue)の議題には使えません（使えるもの: \(item.outcomes.map(\.rawValue).joined(separator: "、"))）"
        case let .alreadyDecided(item, decision):
            "議題 #\(item) は決定済みです（決定 #\(decision)）。訂正するにはそれを置き換える決定（--supersedes \(decision)）を記録してください"
        case let .notInForce(decision, item): "決定 #\(decision) は議題 #\(item) について効力のある決定ではありません"
        case .recorderMissing: "会議の決定には記録者（議長か事務局）が必要です（--recorded-by）"
        case .mayNotRecord(let by): "'\(by)' は決定を記録できません。記録できるのは議長（多機関協働事業者）か事務局だけです（R10）"
        case .notMunicipalStaff(let by): "'\(by)' は自治体職員ではありません。支援決定は自治体だけが行えます（R16）"
        case let .monitoringNotAfterDecision(m, decided): "モニタリングの日 \(m.iso) は決定の日 \(decided.iso) より後にしてください"
        case .unknownRoleAgency(let a): "役割分担に未登録の機関 '\(a)' があります"
        case .unknownAttendee(let p): "出席者に未登録の人 '\(p)' がいます"
        case .blankShortage: "社会資源の不足には内容を書いてください"
        case .reportOutsideNonStatutoryApproval:
            "自治体への報告は、法定事業を含まないプランの承認にだけ記録できます（R16 ケース3）"
        case let .reportBeforeApproval(reported, decided):
            "報告の日 \(reported.iso) が承認の日 \(decided.iso) より前です（R16 ケース3）"
        case .supportDecisionForNonStatutoryPlan:
            "このプランに法定事業はありません。承認で確定し自治体に報告するもので、支援決定は不要です（R16 ケース3）"
        case .participationNeedsMultiAgency:
            "参加支援は重層的支援会議が必要と判断してから始まります。同意がなければ始められません（R9）"
        case .endingNeedsLead: "支援終結には主担当の機関が必要です（R17）"
        case .unknownLeadAgency(let lead): "主担当の機関 '\(lead)' は登録されていません"
        case .endingNeedsFollowUp: "支援終結にはフォローアップの内容が必要です（R18）"
        case .supportDecisionOutsidePlanApproval: "支援決定はプランの承認にだけ付けられます"
        }
    }
}

extension SupportDecisionProblem: Worded {
    public func words(in language: Language) -> String {
        switch language {
        case .ja: description
        case .en: english
        }
    }

    private var english: String {
        switch self {
        case .notMunicipalStaff(let by):
            "'\(by)' is not municipal staff: only the municipality (staff of an agency with the role 自治体) makes a 支援決定"
        case .notAPlan(let event): "event #\(event) is not a plan"
        case let .planConfirmed(kind, version): "version \(version) of the \(kind.rawValue) plan is confirmed already"
        case let .planNotApproved(kind, version):
            "version \(version) of the \(kind.rawValue) plan has not been approved by a meeting: record the approval with "
                + "`kasane decide` first"
        case let .planSuperseded(kind, version): "version \(version) of the \(kind.rawValue) plan has been revised since"
        case let .beforeApproval(decided, approved):
            "the 支援決定 on \(decided.iso) is before the meeting's approval on \(approved.iso)"
        }
    }
}

extension MeetingDecisionProblem: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        switch self {
        case let .beforeMeeting(id, date):
            c.pick("会議 \(id) は \(JapaneseEra.format(date)) に開催されます。決定は会議の日以降に記録できます"
                    + "（\(date.iso) 以降に `kasane decide` を実行してください）（R20）",
                   "meeting \(id) is held on \(date.iso): a decision can be recorded from the meeting's day on "
                    + "(run `kasane decide` on or after \(date.iso)) (R20)")
        case let .decidedBeforeMeeting(decided, sessionDate):
            c.pick("決定の日 \(decided.iso) が会議の日 \(sessionDate.iso) より前です。決定は会議の日以降の日付で記録してください（R20）",
                   "the decision date \(decided.iso) is before the meeting on \(sessionDate.iso): date it on or after "
                    + "the meeting's day (R20)")
        case let .decidedAfterToday(decided, today):
            c.pick("決定の日 \(decided.iso) が今日 (\(today.iso)) より後です",
                   "the decision date \(decided.iso) is after today (\(today.iso))")
        case let .notSeated(person, id):
            c.pick("'\(person)' はこの議題の出席者（同意・構成員の範囲内の者）ではありません。出席（--attended）には "
                    + "`kasane meeting show \(id)` に示された出席者だけを記録できます（R15, R21）",
                   "'\(person)' is not among the item's attendees (those within consent and membership): --attended "
                    + "takes only the attendees `kasane meeting show \(id)` lists (R15, R21)")
        }
    }
}
