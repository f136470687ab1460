import KasaneStore
import KasaneStorePostgres
import KasaneWording
import Testing

extension PostgresStoreError: CaseSamples {
    static var samples: [PostgresStoreError] {
        let problems: [URLProblem] = [.scheme, .noUser, .noDatabase, .passwordInURL, .badPort, .unknownParameter("sslcert")]
        let files: [PasswordFileProblem] = [.unreadable, .tooOpen, .noEntry]
        return problems.map { .badURL("postgresql://kasane_app@localhost/kasane", problem: $0) }
            + files.map { .passwordFile(path: "/etc/kasane/pw", problem: $0) }
            + [
                .cannotConnect(server: "kasane_app@localhost/kasane", reason: "connection refused"),
                .connectionLost(server: "kasane_app@localhost/kasane", duringCommit: false),
                .connectionLost(server: "kasane_app@localhost/kasane", duringCommit: true),
                .noTenant, .badTenantID("Bad City"), .unknownTenant("kasou"), .duplicateTenant("kasou"),
                .needsMigration(server: "kasane_app@localhost/kasane", at: 0, current: 1),
                .newerSchema(server: "kasane_app@localhost/kasane", at: 2, current: 1),
            ]
    }
}

extension WorkspaceDumpError: CaseSamples {
    static var samples: [WorkspaceDumpError] { [.unknownFormat("x-1"), .targetNotEmpty, .otherChainKey, .legacyAnchors(3)] }
}

@Suite("PostgreSQL store wording (#16)")
struct PostgresWordingTests {
    @Test("every PostgresStoreError case is worded in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(PostgresStoreError.samples) == [])
        #expect(WordingCheck.problems(WorkspaceDumpError.samples) == [])
    }

    @Test("#16.4: a lost connection says the command was rolled back, or that a commit's fate is unknown")
    func lostConnectionSaysWhatHappened() {
        let ja = Catalogue(.ja)
        #expect(ja(PostgresStoreError.connectionLost(server: "a@h/d", duringCommit: false)).contains("取り消され"))
        #expect(ja(PostgresStoreError.connectionLost(server: "a@h/d", duringCommit: true)).contains("分かりません"))
    }

    @Test("#16.1: the messages name the server and the tenant, never a password")
    func namesKept() {
        let ja = Catalogue(.ja)
        #expect(ja(PostgresStoreError.unknownTenant("kasou")).contains("kasou"))
        #expect(ja(PostgresStoreError.cannotConnect(server: "kasane_app@db/kasane", reason: "refused")).contains("kasane_app@db/kasane"))
    }
}
