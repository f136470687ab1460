import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// `kasane retention plan|apply` (#17.2): the cases whose personal details are due for erasure
/// under the rule of calendars/policy.yaml, and their erasure.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "保存期間（calendars/policy.yaml の retention）を過ぎた事例の個人情報: 一覧（plan）と消去（apply）。",
        subcommands: [Plan.self, Apply.self])

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "保存期間を過ぎて個人情報の消去の対象となる事例を一覧にします（何も変更しません）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let configuration = try workspace.configuration(requireSeries: false)
            let retention = Retention(store: try workspace.openSQLite("retention plan"), clock: try workspace.clock())
            let due = try retention.plan(rule: configuration.retention, policyFile: configuration.policyFile)
            if json { return try printJSON(due.map(DueLine.init)) }
            guard let rule = configuration.retention else { return }
            if due.isEmpty {
                print(say("消去の対象となる事例はありません（規則: 支援終結から \(rule.yearsAfterEnd) 年）",
                          "no case is due for erasure (rule: \(rule.yearsAfterEnd) years after the end)"))
                return
            }
            printTable(wording.language == .ja ? ["事例", "終結日", "消去期日", "規則", "世帯員"]
                                               : ["case", "ended", "due", "rule", "members"], due.map {
                [$0.number, $0.endedOn.iso, $0.dueOn.iso, say("終結から\($0.rule.yearsAfterEnd)年", "\($0.rule.yearsAfterEnd) years after the end"),
                 $0.members.joined(separator: ",")]
            })
            print(say("\(due.count) 件の事例が消去の対象です。`kasane retention apply --by 職員id` で消去します",
                      "\(due.count) case(s) due; erase them with `kasane retention apply --by PERSON`"))
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "保存期間を過ぎた事例の世帯員の個人情報（氏名・生年月日・住所・状況）を消去し、消去を事例の記録に残します。")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "消去を行う職員の id（名簿の people）。") var by: String
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let configuration = try workspace.configuration(requireSeries: false)
            let store = try workspace.openSQLite("retention apply")
            let report = try Retention(store: store, clock: try workspace.clock())
                .apply(rule: configuration.retention, policyFile: configuration.policyFile, by: by)
            try printErasures(report, json: json)
            if !report.walEmptied { throw RetentionProblem.walNotEmptied(path: store.path) }
        }
    }
}

/// `kasane case erase CASE --reason …` (#17.3): erasure of one closed case's details on request.
struct CaseEraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "終結・中断した事例の世帯員の個人情報を申出により消去し、消去を事例の記録に残します（支援中の事例は消去しません）。")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "事例番号。") var number: String
    @Option(help: "消去の根拠（申出の受付番号など。個人情報は書かないでください）。") var reason: String
    @Option(help: "消去を行う職員の id（名簿の people）。") var by: String
    @Flag(help: "JSON で出力します。") var json = false

    func run() throws {
        let store = try workspace.openSQLite("case erase")
        let report = try Retention(store: store, clock: try workspace.clock()).erase(number, reason: reason, by: by)
        try printErasures(report, json: json)
        if !report.walEmptied { throw RetentionProblem.walNotEmptied(path: store.path) }
    }
}

/// One line of `retention plan --json`.
private struct DueLine: Encodable {
    let number: String, endedOn: String, dueOn: String, yearsAfterEnd: Int, members: [String]

    init(_ due: RetentionDue) {
        number = due.number
        endedOn = due.endedOn.iso
        dueOn = due.dueOn.iso
        yearsAfterEnd = due.rule.yearsAfterEnd
        members = due.members
    }
}

/// Prints what an erasure did, one line per case (never a detail: case numbers and member keys).
private func printErasures(_ report: ErasureReport, json: Bool) throws {
    if json { return try printJSON(report.erased) }
    if report.erased.isEmpty {
        print(say("消去した事例はありません", "no case was erased"))
    }
    for e in report.erased {
        let ground = e.reason.map { say("申出: \($0)", "on request: \($0)") }
            ?? say("終結 \(e.endedOn ?? "")、期日 \(e.dueOn ?? "")", "ended \(e.endedOn ?? ""), due \(e.dueOn ?? "")")
        print(say("事例 \(e.number): 世帯員 \(e.members.joined(separator: "、")) の個人情報を消去しました（\(ground)、記録 #\(e.event)）",
                  "case \(e.number): erased the personal details of \(e.members.joined(separator: ", ")) (\(ground); event #\(e.event))"))
    }
}
