import ArgumentParser
import KasaneApp
import KasaneCore
import KasaneWording
import KasaneStore
import KasaneYAML
import Logging

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "機関・人・会議体の名簿。",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "YAML ファイルから名簿を取り込みます（同じファイルを取り込み直しても何も変わりません）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "名簿の YAML ファイル。") var file: String
        @Flag(help: "結果を JSON で出力します。") var json = false

        func run() throws {
            let registry = try RegistryFile.parse(try readInput(file), file: file)
            let report = try RegistryCases(store: try workspace.open()).importRegistry(registry)
            logger.info("registry imported", metadata: ["registry.added": "\(report.added.count)",
                                                        "registry.changed": "\(report.changed.count)"])
            if json { return try printJSON(report) }
            print(say("追加 \(report.added.count)、変更 \(report.changed.count)、変更なし \(report.unchanged.count)",
                      "added \(report.added.count), changed \(report.changed.count), unchanged \(report.unchanged.count)"))
            for a in report.added { print("  + \(a)") }
            for c in report.changed { print("  ~ \(c)") }
            for n in report.notInFile { print(say("  ! \(n): ファイルにありませんが、残します", "  ! \(n): not in the file, kept")) }
        }
    }
}

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "支援関係機関。", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "機関の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let agencies = try RegistryCases(store: try workspace.open()).agencies()
            if json { return try printJSON(agencies) }
            printTable(wording.language == .ja ? ["id", "名称", "分野", "種別", "メール", "役割"]
                                               : ["id", "name", "分野", "kind", "mailbox", "roles"], agencies.map {
                [$0.id, $0.name, $0.field, $0.kind, $0.mailbox, $0.roles.joined(separator: ",")]
            })
        }
    }
}

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "招集できる人。", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "人の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "この機関の人だけ。") var agency: String?
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let people = try RegistryCases(store: try workspace.open()).people(of: agency)
            if json { return try printJSON(people) }
            printTable(wording.language == .ja ? ["id", "氏名", "機関", "職名", "メール"]
                                               : ["id", "name", "agency", "title", "mailbox"], people.map {
                [$0.id, $0.name, $0.agency, $0.title, $0.mailbox]
            })
        }
    }
}

struct BodyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "body", abstract: "会議体とその構成員。", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "会議体と構成員の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let bodies = try RegistryCases(store: try workspace.open()).bodies()
            if json { return try printJSON(bodies) }
            for b in bodies {
                print(say("\(b.id)  \(b.name)  [\(b.kind.rawValue)]  構成員 \(b.members.count) 人",
                          "\(b.id)  \(b.name)  [\(b.kind.rawValue)]  \(b.members.count) members"))
                for m in b.members {
                    var notes: [String] = []
                    if let a = m.appointedOn { notes.append(say("委嘱 \(a)", "appointed \(a)")) }
                    if let c = m.confidentialityAcknowledgedOn { notes.append("守秘義務 \(c)") }
                    if let e = m.appointmentEndsOn { notes.append(say("任期 \(e) まで", "until \(e)")) }
                    if m.temporary { notes.append("臨時") }
                    print("  - \(m.person)\(notes.isEmpty ? "" : say("（" + wording.list(notes) + "）", "  (" + notes.joined(separator: ", ") + ")"))")
                }
            }
        }
    }
}
