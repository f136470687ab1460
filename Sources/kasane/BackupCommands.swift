import ArgumentParser
import Foundation
import KasaneApp
import KasaneStore

/// `kasane backup PATH`: a checked copy of the live workspace (#17.1).
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "動いているワークスペースの一貫したコピーを PATH（と PATH.key）に取り、整合性と全連鎖を確かめてから完了とします。")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "バックアップの書込み先（既にあるファイルは上書きしません）。") var path: String

    func run() throws {
        guard let store = try workspace.open() as? AppDatabase else {
            throw InputError(say("backup は SQLite のワークスペースのものです。PostgreSQL のテナントは `kasane workspace export` か pg_dump で写してください",
                                 "backup is for SQLite workspaces; copy a PostgreSQL tenant with `kasane workspace export` or pg_dump"))
        }
        let r = try Backups.backup(store: store, to: path)
        print(say("バックアップを \(r.path) に書きました（鍵 \(r.keyPath)、事例 \(r.cases) 件、記録 \(r.events) 件、整合性と連鎖を確認済み）",
                  "backup written to \(r.path) (key \(r.keyPath); \(r.cases) cases, \(r.events) events; integrity and chains verified)"))
    }
}

/// `kasane restore PATH [--replace]`: the workspace from a checked backup (#17.1).
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "バックアップ PATH（と PATH.key）を確かめてからワークスペースに戻します。既にあるワークスペースは --replace のときだけ置き換えます。")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "戻すバックアップ。") var path: String
    @Flag(help: "既にあるワークスペースをバックアップの内容で置き換えます。") var replace = false

    func run() throws {
        let live = workspace.databasePath
        let key = workspace.chainKey ?? ProcessInfo.processInfo.environment["KASANE_CHAIN_KEY"] ?? live + ".key"
        let r = try Backups.restore(from: path, to: live, liveKey: key, replace: replace)
        print(say("\(path) をワークスペース \(r.path) に戻しました（鍵 \(r.keyPath)、事例 \(r.cases) 件、記録 \(r.events) 件、整合性と連鎖を確認済み）",
                  "restored \(path) as the workspace \(r.path) (key \(r.keyPath); \(r.cases) cases, \(r.events) events; integrity and chains verified)"))
    }
}
