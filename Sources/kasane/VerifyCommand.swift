import ArgumentParser
import KasaneStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every case file's hash chain (keyed: needs the chain key file) and the database's integrity; name the first broken event.")
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let database = try workspace.open()
        let integrity = try database.integrityCheck()
        let result = try database.verifyChains()
        for b in result.broken { print("BROKEN \(b)") }
        print("integrity_check: \(integrity)")
        print("\(result.cases) cases, \(result.events) events, \(result.broken.count) broken chains")
        if integrity != "ok" || !result.broken.isEmpty { throw ExitCode(2) }
    }
}

/// `kasane migrate`: brings an older workspace up to this version (the read commands never do).
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the workspace up to this version of Kasane (read-only commands refuse an older one).")
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let database = try workspace.open()
        print("ワークスペース \(database.path) は最新の形式です")
    }
}
