import Foundation
import Testing

/// `kasane decide` killed with SIGKILL at each named point of its write (`KASANE_TEST_STOP_AT`,
/// STYLE §20: no random sleeps): a decision the command acknowledged (printed `… decision_recorded`
/// and the case's status) is always in the case file afterwards; one killed before COMMIT never
/// is; one killed just after COMMIT is, though it was never acknowledged. The chain holds and the
/// database is sound after every trial.
@Suite("Decision writes under SIGKILL", .tags(.manyProcesses))
struct DecisionCrashTests {
    /// Where `decide` is killed, and whether its decision must then be on record.
    static let stops: [(point: String?, recorded: Bool)] = [
        ("event-written", false), ("before-commit", false), ("after-commit", true), (nil, true),
    ]

    @Test("no acknowledged decision is lost, and none killed before COMMIT appears", arguments: stops)
    func killDecide(point: String?, recorded expectRecorded: Bool) throws {
        let ws = try Workspace(today: "2026-12-09")
        let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                   "KASANE_DB": ws.database, "KASANE_TODAY": "2026-12-09"]
        try ws.loadFixture()
        let before = ["KASANE_CALENDARS": env["KASANE_CALENDARS"]!, "KASANE_TODAY": "2026-11-26"]
        try ws.ok(["schedule"], environment: before)
        let item = try #require(try ws.ok(["meeting", "show", "jusou-2026-12-09", "--json"], environment: before).json()
            as? [String: Any])
        let items = try #require(item["items"] as? [[String: Any]])
        let multi = try #require(items.first { ($0["item"] as? [String: Any])?["caseNumber"] as? String == "R8-1" })
        let trigger = try #require((multi["item"] as? [String: Any])?["triggerID"] as? String)

        func decisions() throws -> [Int] {
            let file = try #require(try ws.ok(["case", "show", "R8-1", "--json"]).json() as? [String: Any])
            return ((file["decisions"] as? [[String: Any]]) ?? []).compactMap { $0["eventSeq"] as? Int }
        }
        let earlier = try decisions()
        var environment = env
        if let point { environment["KASANE_TEST_STOP_AT"] = point }
        let r = try Workspace.run(["decide", "jusou-2026-12-09", trigger, "--outcome", "プラン承認",
                                   "--by", "p-shakyo-1", "--attended", "p-city-1"], in: ws.folder, environment: environment)
        let acknowledged = r.stdout.split(separator: "\n").first { $0.hasSuffix("decision_recorded") }
            .flatMap { Int($0.split(separator: "#")[1].split(separator: " ")[0]) }
        let now = try decisions()
        if point == nil {
            #expect(r.status == 0, "\(r)")
            let seq = try #require(acknowledged, "a decision that went through was not acknowledged: \(r)")
            #expect(now.contains(seq), "acknowledged but lost: #\(seq)")
        } else {
            #expect(r.status != 0 && acknowledged == nil, "killed at \(point!), yet: \(r)")
        }
        #expect(now.count == earlier.count + (expectRecorded ? 1 : 0), "at \(point ?? "no stop"): \(earlier) → \(now)")
        let verify = try ws.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
    }
}
