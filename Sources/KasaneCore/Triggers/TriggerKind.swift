/// The moments at which a case needs a meeting: the four mandatory ones of R6 and the monitoring
/// reviews a meeting sets (R7). Raw values are the Japanese names used in documents and JSON.
public enum TriggerKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// R6-1 プラン策定時: the first version of a plan is drafted.
    case planDrafted = "プラン策定時"
    /// R6-2 再プラン策定時: a plan is revised after a meeting has decided on an earlier version.
    case planRevised = "再プラン策定時"
    /// R6-3 支援終結の判断時: ending support is proposed.
    case endProposed = "支援終結の判断時"
    /// R6-4 支援中断の決定時: the person cannot be reached any more (R8).
    case contactLost = "支援中断の決定時"
    /// R7 モニタリング: the review a meeting set with its monitoring date.
    case monitoring = "モニタリング"

    /// The rule that raises this trigger: `R6-1` … `R6-4`, or `R7`.
    public var rule: String {
        switch self {
        case .planDrafted: "R6-1"
        case .planRevised: "R6-2"
        case .endProposed: "R6-3"
        case .contactLost: "R6-4"
        case .monitoring: "R7"
        }
    }

    /// The ASCII key of this kind in a `TriggerPolicy` file: `plan`, `replan`, `ending`,
    /// `suspension`, `monitoring`.
    public var policyKey: String {
        switch self {
        case .planDrafted: "plan"
        case .planRevised: "replan"
        case .endProposed: "ending"
        case .contactLost: "suspension"
        case .monitoring: "monitoring"
        }
    }

    /// Whether R6 makes the meeting mandatory; a monitoring review may be a ケース会議 (R7).
    public var isMandatory: Bool { self != .monitoring }

    /// What the meeting discusses, from seed 004 §6 (DOMAIN.md agenda table), in order.
    ///
    /// The monitoring headings are Kasane's own: the guidance leaves progress reviews to the
    /// municipality, so they follow what a plan meeting sets out (implementation, evaluation, the
    /// next review).
    public var agenda: [String] {
        switch self {
        case .planDrafted:
            ["本人の目標・支援方針・プラン内容（アセスメント結果に基づく）", "各支援関係機関の役割分担の確認", "モニタリングの時期の検討"]
        case .planRevised:
            ["本人の状況変化の確認・評価", "現プランの評価", "再プラン内容の確認（プラン策定時と同様）"]
        case .endProposed:
            ["本人の目標達成状況・本人に関わる支援者の状況の確認", "支援終結の評価", "フォローアップの必要性と方法の確認"]
        case .contactLost:
            ["本人との連絡が完全に取れなくなった状況の確認", "支援中断の決定"]
        case .monitoring:
            ["支援の実施状況の確認", "プランの評価", "次回モニタリング時期の検討"]
        }
    }

    /// Declaration order: the order of the R6 moments, monitoring last.
    public static func < (lhs: TriggerKind, rhs: TriggerKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
