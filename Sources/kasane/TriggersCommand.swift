import ArgumentParser
import KasaneApp
import KasaneCore
import KasaneWording
import KasaneStore

struct TriggersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triggers",
        abstract: "全事例の未処理の開催契機 (R6–R8) とモニタリング (R7)。")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "この事例だけ。") var `case`: String?
    @Flag(help: "JSON で出力します。") var json = false

    func run() throws {
        let config = try workspace.configuration()
        let triggers = try OpenTriggers(store: try workspace.open(), clock: try workspace.clock())
            .list(case: `case`, policy: config.policy, calendar: config.calendar)
        if json { return try printJSON(triggers.map(TriggerView.init)) }
        if triggers.isEmpty { return print(say("未処理の開催契機はありません", "no open triggers")) }
        printTable(wording.language == .ja ? ["開催契機", "種類", "会議", "根拠", "発生日", "期限", "緊急"]
                                           : ["trigger", "kind", "meeting", "basis", "raised", "due", "urgent"], triggers.map {
            [$0.id, $0.kind.rawValue, $0.meetingKind.rawValue, $0.meetingBasis.rawValue, $0.raisedOn.iso, $0.dueOn.iso,
             $0.urgent ? say("緊急", "urgent") : ""]
        })
        for t in triggers where t.kind == .contactLost {
            let attempts = wording.list(t.contactAttempts.map { "\($0.date.iso) \($0.method.rawValue)" })
            print(say("\(t.id): 最後に会えた日 \(t.lastReachedOn?.iso ?? "なし")、その後の連絡: \(attempts.isEmpty ? "記録なし" : attempts) (R8)",
                      "\(t.id): last reached \(t.lastReachedOn?.iso ?? "never"); attempts since: \(attempts.isEmpty ? "none on record" : attempts) (R8)"))
        }
    }
}
