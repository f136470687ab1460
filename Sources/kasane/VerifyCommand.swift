import ArgumentParser
import KasaneStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every case file's hash chain and the database's integrity; name the first broken event.")
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
