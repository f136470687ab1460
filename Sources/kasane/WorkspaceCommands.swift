import ArgumentParser
import Foundation
import KasaneApp
import KasaneStore

/// `kasane workspace export|import FILE` (issue 16.5): moves a municipality between an SQLite
/// workspace and a PostgreSQL tenant (either way) with byte-identical case events and chains.
struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "ワークスペースの全行の書き出しと取り込み（SQLite と PostgreSQL のテナントの間の移行。記録とハッシュ連鎖はそのまま移ります）。",
        subcommands: [Export.self, Import.self])

    static func copying(_ store: any WorkspaceStore) -> any WorkspaceCopying {
        guard let copying = store as? any WorkspaceCopying else {
            preconditionFailure("every store of this build can be copied (AppDatabase, PostgresStore)")
        }
        return copying
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "全行を JSON ファイルに書き出します（世帯員の個人情報を含みます: ファイルは 0600、移行のためだけに使ってください）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "書き出すファイル（既にあるときは断ります）。") var file: String

        func run() throws {
            guard !FileManager.default.fileExists(atPath: file) else {
                throw ValidationError(say("\(file) は既にあります: 別のファイル名を指定してください",
                                          "\(file) already exists: name another file"))
            }
            let dump = try WorkspaceCommand.copying(try workspace.open()).exportDump()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(dump).write(to: URL(fileURLWithPath: file), options: .atomic)
            print(say("事例 \(dump.count("case_file")) 件、記録 \(dump.count("case_event")) 件を \(file) に書き出しました",
                      "wrote \(dump.count("case_file")) cases and \(dump.count("case_event")) events to \(file)"))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "書き出したファイルを空のワークスペースに取り込みます（同じ鍵ファイルを --chain-key で指定します）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "`kasane workspace export` のファイル。") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw AppError.cannotRead(path: file) }
            let dump: WorkspaceDump
            do {
                dump = try JSONDecoder().decode(WorkspaceDump.self, from: data)
            } catch {
                throw ValidationError(say("\(file) は `kasane workspace export` のファイルではありません",
                                          "\(file) is not a file of `kasane workspace export`"))
            }
            try WorkspaceCommand.copying(try workspace.open()).importDump(dump)
            print(say("事例 \(dump.count("case_file")) 件、記録 \(dump.count("case_event")) 件を取り込みました。`kasane verify` で確かめてください",
                      "imported \(dump.count("case_file")) cases and \(dump.count("case_event")) events; check with `kasane verify`"))
        }
    }
}
