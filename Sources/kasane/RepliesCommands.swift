import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneMail
import KasaneStore
import KasaneWording

/// `kasane replies import|receive|pending` (#14.1, #14.4).
struct RepliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replies",
        abstract: "招待への返信（出欠の回答）を読み込み、回答のない人を一覧します。",
        subcommands: [Import.self, Receive.self, Pending.self, ParseOne.self])

    /// The parser the import runs: this executable as a child with limits (#14.3).
    static var parser: ReplyParser {
        let me = FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            : CommandLine.arguments[0]
        let limits = ReplyParser.Limits(parsing: ProcessInfo.processInfo.environment["KASANE_REPLY_PARSER_LIMITS"])
        return .child(executable: me, arguments: ["replies", "parse-one"], limits: limits)
    }

    /// The child side of `parser`: reads one calendar on standard input and prints what it says.
    struct ParseOne: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse-one", abstract: "（内部用）標準入力の返信カレンダー 1 件を制限付きで解析します。", shouldDisplay: false)

        @Option(name: .customLong("cpu-seconds"), help: .hidden) var cpuSeconds = 5
        @Option(name: .customLong("memory-kib"), help: .hidden) var memoryKiB = 768 * 1024

        func run() throws {
            let status = ReplyParser.childMain(memoryBytes: max(1, memoryKiB) * 1024, cpuSeconds: max(1, cpuSeconds))
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "返信のメール（.eml）、カレンダー（.ics）、Maildir のフォルダーを読み込みます。受け付けないものがあれば、その理由を示して 0 以外で終了します。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "読み込むファイルまたはフォルダー（Maildir は cur/ と new/ を読みます）。") var paths: [String]

        func run() throws {
            let inputs = Replies.inputs(paths)
            guard !inputs.isEmpty else { throw AppError.noReplyFiles(paths) }
            try report(try Replies.apply(inputs, store: try workspace.openSQLite("replies"), clock: try workspace.clock(),
                                         parser: RepliesCommand.parser, logger: logger))
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "標準入力から 1 通のメールを読み込みます（MTA からのパイプ用）。受け付けない場合は 0 以外で終了します。")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let data = FileHandle.standardInput.readData(ofLength: MailReader.maximumSize + 1)
            try report(try Replies.apply([Replies.Input(source: "stdin", bytes: [UInt8](data))], store: try workspace.openSQLite("replies"),
                                         clock: try workspace.clock(), parser: RepliesCommand.parser, logger: logger))
        }
    }

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "会議の議題ごとに、まだ回答のない人（変更で回答が無効になった人を含む）を一覧します（催促用）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "会議の id（`kasane meeting list` を見てください）。") var meeting: String

        func run() throws {
            let store = try workspace.openSQLite("replies pending")
            let registry = try store.registry()
            let pending = try Replies.pending(store: store, meeting: meeting)
            if pending.isEmpty {
                return print(wording.say("\(meeting): 回答のない人はいません", en: "\(meeting): everyone has answered"))
            }
            for p in pending {
                let person = registry.person(p.person)
                let agency = person.flatMap { registry.agency($0.agency)?.name } ?? ""
                print("\(p.triggerID)  \(p.person)  \(person?.name ?? "")（\(agency)）"
                      + (p.reset ? wording.say("  変更があったため再回答待ち", en: "  answer reset by a change") : ""))
            }
            print(wording.say("回答なし \(pending.count) 件", en: "\(pending.count) without an answer"))
        }
    }
}

/// Prints what became of each reply; refusals end the command with a non-zero status naming
/// each refused file and why (nothing of a refused reply is applied).
private func report(_ reads: [Replies.Read]) throws {
    var refused: [RefusedReply] = []
    var applied = 0, recorded = 0
    for r in reads {
        if case .refused(let why) = r.record.outcome {
            refused.append(RefusedReply(path: r.source, refusal: why))
            continue
        }
        if case .applied = r.record.outcome { applied += 1 } else { recorded += 1 }
        let about = [r.record.triggerID, r.record.personID].compactMap { $0 }.joined(separator: " ")
        print("\(r.source): \(wording(r.record.outcome))" + (about.isEmpty ? "" : "（\(about)）"))
    }
    guard refused.isEmpty else { throw AppError.repliesRefused(refused, applied: applied, recorded: recorded) }
    print(wording.say("反映 \(applied) 件・記録のみ \(recorded) 件・拒否 0 件",
                      en: "\(applied) applied, \(recorded) recorded only, 0 refused"))
}
