import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording
import Logging

struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "会議の議題一つについて議長の決定をケースファイルに記録します (R16–R18)。",
        discussion: """
            決定: プラン承認、差戻し、終結承認、終結保留、中断決定、中断保留、モニタリング実施。
            端末で --outcome なしに実行すると、項目ごとに尋ねます。
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "会議の id（`kasane meeting list` で確かめられます）。") var meeting: String
    @Argument(help: "議題: 会議での番号 (1, 2, …) か開催契機の id (例 R8-1#6)。") var item: String
    @Option(help: "決定（上の一覧のどれか）。") var outcome: String?
    @Option(help: "記録する人: 議長か事務局の職員（人の id）。") var by: String?
    @Option(name: .customLong("support-decision-by"), help: "支援決定をした自治体職員（人の id、R16）。")
    var supportDecisionBy: String?
    @Option(name: .customLong("role"), help: "役割分担 機関ID:業務（繰り返し指定できます）。") var roles: [String] = []
    @Option(help: "次のモニタリングの日 (R7)。") var monitoring: String?
    @Option(help: "主担当: 終結後に中心となる機関の id (R17)。") var lead: String?
    @Option(name: .customLong("follow-up"), help: "終結後のフォローアップの方法 (R18)。") var followUp: String?
    @Option(name: .customLong("shortage"), help: "指摘された社会資源の不足（繰り返し指定できます。個人情報は書かないでください）。")
    var shortages: [String] = []
    @Option(name: .customLong("attended"), help: "実際に出席した人の id（繰り返し指定できます）。") var attended: [String] = []
    @Option(help: "この決定が訂正する決定の出来事番号 (#seq)。") var supersedes: Int?
    @Option(help: "決定の日。会議の日以降（既定: 会議の日）。") var on: String?
    @Option(name: .customLong("reported-on"),
            help: "R16 の3: 承認を自治体へ報告した日（既定: 決定の日）。")
    var reportedOn: String?

    func run() throws {
        let decisions = Decisions(store: try workspace.open(), clock: try workspace.clock())
        let target = try decisions.target(meeting: meeting, item: item)
        var prompter = Prompter(enabled: outcome == nil && isatty(STDIN_FILENO) == 1)
        let outcomeText = try outcome ?? prompter.ask(
            say("決定（\(target.outcomes.map(\.rawValue).joined(separator: " / "))）",
                "outcome (\(target.outcomes.map(\.rawValue).joined(separator: " / ")))"), flag: "--outcome")
        let chosen = try Decisions.outcome(outcomeText, for: target)
        var input = DecisionInput(
            outcome: chosen,
            recordedBy: try by ?? prompter.ask(say("記録する人（議長か事務局の職員の id）",
                                                   "recorded by (person id of the chair or secretariat)"), flag: "--by"))
        var support = supportDecisionBy, lead = self.lead, followUp = self.followUp, monitoring = self.monitoring
        if prompter.enabled {
            if chosen == .planApproved {
                support = try prompter.optional(say("支援決定をした自治体職員の id（なければ空）",
                                                    "支援決定 by (municipal staff id, empty if none)"))
            }
            if chosen == .planApproved || chosen == .monitoringReviewed {
                monitoring = try prompter.optional(say("次のモニタリングの日 YYYY-MM-DD（なければ空）",
                                                       "next monitoring date YYYY-MM-DD (empty if none)"))
            }
            if chosen == .endApproved {
                lead = try prompter.ask(say("主担当（中心となる機関の id）", "主担当 (lead agency id)"), flag: "--lead")
                followUp = try prompter.ask(say("フォローアップの方法", "follow-up (フォローアップ)"), flag: "--follow-up")
            }
        }
        input.decidedOn = try on.map { try parseDate($0, flag: "--on") }
        input.reportedOn = try reportedOn.map { try parseDate($0, flag: "--reported-on") }
        input.supportDecisionBy = support
        input.leadAgency = lead
        input.followUp = followUp
        input.monitoringOn = try monitoring.map { try parseDate($0, flag: "--monitoring") }
        input.roles = try roles.map { text -> PlanService in
            let p = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else {
                throw InputError(say("--role '\(TextRule.printable(text))' は 機関ID:業務 の形にしてください",
                                     "--role '\(TextRule.printable(text))' must be AGENCY:TASK"))
            }
            return PlanService(agency: p[0], task: p[1], statutory: false)
        }
        input.shortages = shortages
        input.attended = attended
        input.supersedes = supersedes
        let result = try decisions.decide(target, input)
        logRecorded(result.recorded)
        printRecorded(result.recorded)
        if let plan = result.awaitingSupportDecision {
            let n = target.number
            print(say("\(n): \(plan.kind.rawValue)プラン第\(plan.version)版は承認済・支援決定待ちです。自治体職員が支援決定をしたら "
                        + "`kasane support-decision \(n) --by 職員ID --on 日付` で記録してください (R16)",
                      "\(n): the \(plan.kind.rawValue) plan, version \(plan.version), is approved and awaits its 支援決定: when "
                        + "municipal staff have made it, record it with `kasane support-decision \(n) --by STAFF-ID --on DATE` (R16)"))
        }
        if let reported = result.reportedOn {
            print(say("\(target.number): 自治体への報告 \(reported.iso) を記録しました (R16)",
                      "\(target.number): the report to the municipality on \(reported.iso) is recorded (R16)"))
        }
    }
}

/// Asks for missing values when run in a terminal; refuses when not.
struct Prompter {
    let enabled: Bool

    /// Asks `question`, or refuses naming `flag` when not in a terminal.
    mutating func ask(_ question: String, flag: String) throws -> String {
        guard enabled else {
            throw InputError(say("\(flag) がありません: \(question) を \(flag) で指定してください",
                                 "missing \(question): give it with \(flag)"))
        }
        FileHandle.standardError.write(Data("\(question): ".utf8))
        guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError(say("\(question) への答えがありません", "no answer for \(question)"))
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    mutating func optional(_ question: String) throws -> String? {
        FileHandle.standardError.write(Data("\(question): ".utf8))
        let line = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty ? nil : line
    }
}

struct SupportDecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support-decision",
        abstract: "支援決定 (R16): 会議で承認されたプラン（承認済・支援決定待ち）を自治体職員が会議の外で確定します。")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "事例番号。") var number: String
    @Option(help: "支援決定をする自治体職員（人の id）。") var by: String
    @Option(help: "支援決定の日（既定: 今日）。") var on: String?
    @Option(help: "支援決定待ちのプランが複数あるときのプランの種類: 多機関協働、アウトリーチ等、参加支援 のどれか。") var plan: String?

    func run() throws {
        let (recorded, plan) = try Decisions(store: try workspace.open(), clock: try workspace.clock()).supportDecision(
            number, by: by, on: try on.map { try parseDate($0, flag: "--on") },
            kind: try self.plan.map { try parseEnum($0, PlanKind.self, flag: "--plan") })
        logRecorded(recorded)
        printRecorded(recorded)
        print(say("\(number): \(plan.kind.rawValue)プラン第\(plan.version)版を支援決定により確定しました (R16)",
                  "\(number): the \(plan.kind.rawValue) plan, version \(plan.version), is confirmed by the 支援決定 (R16)"))
    }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "状況が変わったとき、終結・中断した事例を再開します (R18)。")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "事例番号。") var number: String
    @Option(help: "日付（既定: 今日）。") var on: String?

    func run() throws {
        let recorded = try Cases(store: try workspace.open(), clock: try workspace.clock())
            .reopen(number, on: try on.map { try parseDate($0, flag: "--on") })
        logRecorded(recorded)
        printRecorded(recorded)
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "一年度（4月〜3月）の実績指標。")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .customLong("fiscal-year"), help: "年度（例 2026 は 2026-04-01〜2027-03-31）。")
    var fiscalYear: Int
    @Flag(help: "JSON で出力します。") var json = false
    @Flag(help: "CSV で出力します。") var csv = false

    func run() throws {
        let r = try Reports(store: try workspace.open()).yearly(fiscalYear: fiscalYear)
        if json { return try printJSON(r) }
        let rows = ReportIndicator.allCases.map { (wording($0), "\($0.value(in: r))") }
        if csv {
            print(say("指標,値", "indicator,value"))
            for (k, v) in rows { print("\(k),\(v)") }
            return
        }
        for (k, v) in rows { print("\(k): \(v)") }
        for s in r.shortages { print("  - \(s)") }
    }
}
