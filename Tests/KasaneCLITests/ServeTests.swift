import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `kasane serve` on the workspace, as `make demo` runs it: a change made by another `kasane`
/// process shows on the next request (the server's in-memory token table and rendered feeds are
/// keyed by SQLite's data version), and a revoked token fails on the next request.
@Suite("kasane serve on a workspace")
struct ServeTests {
    let environment = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                       "KASANE_TODAY": "2026-11-26"]

    func openCase(_ ws: Workspace, _ number: String) throws {
        try PostgresCLITests.openScheduledCase(ws, number, environment: environment)
    }

    func get(_ url: URL) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("a new case scheduled by another process is in the next response; a revoked token gets 404 at once")
    func changesShowOnTheNextRequest() async throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        try openCase(ws, "R9-1")
        let issued = try #require(try ws.ok(["feed-token", "issue", "houkatsu-chuo", "--json"]).json() as? [String: Any])
        let path = try #require((issued["url"] as? String).flatMap(URL.init(string:))?.path)
        let server = try Workspace.start(
            ["serve", "--port", "0"], in: ws.folder,
            environment: environment.merging(["KASANE_DB": ws.database]) { _, new in new })
        defer { if server.process.isRunning { server.process.terminate() } }
        guard let port = server.listeningPort() else {
            server.process.terminate()
            server.process.waitUntilExit()
            Issue.record("the server did not say where it listens: \(try server.finish())")
            return
        }
        let feed = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        let before = try await get(feed)
        #expect(before.status == 200)
        #expect(before.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        #expect(!before.body.contains("試験"))

        try openCase(ws, "R9-2")
        let after = try await get(feed)
        #expect(after.status == 200)
        #expect(after.body.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)

        try ws.ok(["feed-token", "revoke", "houkatsu-chuo"])
        #expect(try await get(feed).status == 404)

        server.process.terminate()
        server.process.waitUntilExit()
        let result = try server.finish()
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("停止しました"), "\(result)")
    }
}
