import ArgumentParser
import KasaneApp
import KasaneStore
import KasaneStorePostgres

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "全ケースファイルのハッシュ連鎖（鍵ファイルが必要）とデータベースの整合性を確かめ、最初に壊れた出来事を示します。")
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let r = try Verification(store: try workspace.open()).verify()
        for b in r.broken {
            print(say("破損 事例 \(b.caseNumber): 出来事 #\(b.seq) \(b.reason)", "BROKEN \(b)"))
        }
        print("integrity_check: \(r.integrity)")
        print(say("事例 \(r.cases) 件、出来事 \(r.events) 件、壊れた連鎖 \(r.broken.count) 件",
                  "\(r.cases) cases, \(r.events) events, \(r.broken.count) broken chains"))
        if !r.isSound { throw ExitCode(2) }
    }
}

/// `kasane migrate`: brings an older workspace up to this version (the read commands never do).
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "ワークスペースをこの版の Kasane の形式にします（読み取りのコマンドは古い形式を開きません）。")
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        if PostgresLocation.isURL(workspace.databasePath) {
            // PostgreSQL (issue 16): as the role that owns the tables, for every tenant at once.
            let applied = try PostgresAdmin.migrate(url: workspace.databasePath, passwordFile: workspace.passwordFile)
            for name in applied { print(say("適用しました: \(name)", "applied: \(name)")) }
            return print(say("PostgreSQL のスキーマは最新です", "the PostgreSQL schema is up to date"))
        }
        let path = Verification(store: try workspace.open()).migrated()
        print(say("ワークスペース \(path) は最新の形式です", "the workspace \(path) is up to date"))
    }
}
