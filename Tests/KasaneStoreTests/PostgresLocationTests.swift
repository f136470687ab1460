import Foundation
import KasaneStorePostgres
import Testing

/// `--db postgresql://…` and the password's file (#16.1): no cluster needed.
@Suite("PostgreSQL URL and password file (#16.1)")
struct PostgresLocationTests {
    @Test("URLs name a socket folder or a host and port, a user and a database")
    func parses() throws {
        let socket = try PostgresLocation(url: "postgresql://kasane_app@localhost/kasane?host=/srv/kpg")
        #expect(socket.socketFolder == "/srv/kpg" && socket.user == "kasane_app" && socket.database == "kasane")
        #expect(socket.server == "kasane_app@/srv/kpg/kasane")
        let tcp = try PostgresLocation(url: "postgres://app@db.example.jp:6543/city")
        #expect(tcp.host == "db.example.jp" && tcp.port == 6543 && tcp.socketFolder == nil)
        #expect(tcp.server == "app@db.example.jp:6543/city")
        #expect(PostgresLocation.isURL("postgresql://a@b/c") && !PostgresLocation.isURL("kasane.sqlite"))
    }

    @Test("a URL that cannot be used is refused, naming why; a password in it is refused and not repeated",
          arguments: [
              ("postgresql://kasane_app:s3cret@localhost/kasane", PostgresStoreError.URLProblem.passwordInURL),
              ("postgresql://localhost/kasane", .noUser),
              ("postgresql://kasane_app@localhost/", .noDatabase),
              ("postgresql://kasane_app@localhost/kasane?sslmode=require", .unknownParameter("sslmode")),
              ("mysql://kasane_app@localhost/kasane", .scheme),
          ])
    func refuses(url: String, problem: PostgresStoreError.URLProblem) {
        do {
            _ = try PostgresLocation(url: url)
            Issue.record("accepted \(url)")
        } catch let PostgresStoreError.badURL(shown, found) {
            #expect(found == problem)
            #expect(!shown.contains("s3cret"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("the password comes from the named file or the matching PGPASSFILE line; a file others can read is refused")
    func passwordFiles() throws {
        let folder = try TemporaryFolder()
        let pgpass = folder.path("pgpass"), open = folder.path("open")
        try "# comment\nother:5432:kasane:kasane_app:wrong\n/srv/kpg:5432:kasane:kasane_app:pa\\:ss\n*:*:*:*:fallback\n"
            .write(toFile: pgpass, atomically: true, encoding: .utf8)
        chmod(pgpass, 0o600)
        try "first line\nsecond\n".write(toFile: open, atomically: true, encoding: .utf8)
        chmod(open, 0o644)
        let location = try PostgresLocation(url: "postgresql://kasane_app@localhost/kasane?host=/srv/kpg")
        #expect(try location.password(passwordFile: nil, environment: ["PGPASSFILE": pgpass]) == "pa:ss")
        #expect(try location.password(passwordFile: nil, environment: [:]) == nil)
        #expect(throws: PostgresStoreError.passwordFile(path: open, problem: .tooOpen)) {
            try location.password(passwordFile: open, environment: [:])
        }
        chmod(open, 0o600)
        #expect(try location.password(passwordFile: open, environment: ["PGPASSFILE": pgpass]) == "first line")
        let tcp = try PostgresLocation(url: "postgresql://nobody@elsewhere/db")
        #expect(try tcp.password(passwordFile: nil, environment: ["PGPASSFILE": pgpass]) == "fallback")
    }

    @Test("tenant ids: lowercase letters, digits and hyphens, 1 to 32", arguments: [
        ("kasou", true), ("city-01", true), (String(repeating: "a", count: 32), true),
        ("", false), ("-x", false), ("Kasou", false), ("a'b", false), ("市", false), (String(repeating: "a", count: 33), false),
    ])
    func tenantIDs(id: String, valid: Bool) {
        #expect(PostgresTenant.isValidID(id) == valid)
    }
}
