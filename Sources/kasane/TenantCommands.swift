import ArgumentParser
import Foundation
import KasaneStorePostgres

/// `kasane tenant add|list|migrate`: the municipalities of a PostgreSQL database (issue 16). These
/// run as the role that owns the tables (`--db postgresql://kasane_owner@…`); every other command
/// connects as the application role and names its municipality with `--tenant`.
struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "PostgreSQL のデータベースの自治体（テナント）の追加と一覧（テーブルの所有者ロールで実行します）。",
        subcommands: [Add.self, List.self])

    /// The owner's database URL: a PostgreSQL one.
    static func ownerURL(_ workspace: WorkspaceOptions) throws -> String {
        let url = workspace.databasePath
        guard PostgresLocation.isURL(url) else { throw PostgresStoreError.badURL(url, problem: .scheme) }
        return url
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "自治体（テナント）を追加します（スキーマが古ければ先に更新します）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "テナントの id（英小文字・数字・ハイフン、1〜32 文字）。") var id: String
        @Option(help: "自治体の名前（例: 架空市）。") var name: String

        func run() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError(say("--name に自治体の名前を書いてください", "--name needs the municipality's name"))
            }
            try PostgresAdmin.addTenant(id: id, name: name, url: try TenantCommand.ownerURL(workspace),
                                        passwordFile: workspace.passwordFile)
            print(say("テナント \(id)（\(name)）を追加しました。コマンドには --tenant \(id) を付けてください",
                      "added the tenant \(id) (\(name)); give --tenant \(id) to the commands"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "自治体（テナント）の一覧と事例の件数。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "結果を JSON で出力します。") var json = false

        func run() throws {
            let tenants = try PostgresAdmin.tenants(url: try TenantCommand.ownerURL(workspace), passwordFile: workspace.passwordFile)
            if json { return try printJSON(tenants) }
            for t in tenants { print("\(t.id)\t\(t.name)\t" + say("事例 \(t.cases) 件", "\(t.cases) cases")) }
        }
    }
}
