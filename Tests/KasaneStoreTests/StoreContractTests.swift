import Foundation
import GRDB
import KasaneCore
import KasaneStore
import Testing

/// The store contract (#13.2) run for the SQLite store, on a file and in memory.
@Suite("WorkspaceStore contract: SQLite (#13.2)")
struct StoreContractTests {
    /// How the SQLite store is built.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case file, memory
        var testDescription: String { rawValue }
    }

    /// Keeps each temporary folder alive while its store is used.
    final class Made: @unchecked Sendable { var folders: [TemporaryFolder] = [] }

    static func factory(_ kind: Kind, keep: Made) -> StoreContract.Factory {
        {
            let folder = try TemporaryFolder()
            keep.folders.append(folder)
            switch kind {
            case .file: return try AppDatabase(path: folder.path("kasane.sqlite"))
            case .memory: return try AppDatabase(writer: DatabaseQueue(), chainKeyPath: folder.path("chain.key"))
            }
        }
    }

    @Test("every check of the contract", arguments: Kind.allCases, StoreContract.checks.indices)
    func contract(kind: Kind, check: Int) throws {
        let keep = Made()
        try StoreContract.checks[check].run(Self.factory(kind, keep: keep))
    }

    @Test("#13.2: a commit by another connection (another process) is noticed by the SQLite store")
    func otherConnectionNoticed() throws {
        let folder = try TemporaryFolder()
        let store = try AppDatabase(path: folder.path("kasane.sqlite"))
        let token = try store.changeToken()
        #expect(try !store.hasChanged(since: token))
        let other = try AppDatabase(path: folder.path("kasane.sqlite"), access: .write)
        _ = try other.importRegistry(Fixture.registry)
        #expect(try store.hasChanged(since: token))
        let seen = try store.changeToken()
        _ = try other.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 0))
        #expect(try store.hasChanged(since: seen), "a token issued elsewhere must reach the server's token cache")
    }
}
