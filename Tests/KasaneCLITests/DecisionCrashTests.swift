import Foundation
import Testing

/// `kasane decide` killed with SIGKILL at random moments, 120 times: every decision whose
/// command acknowledged it (printed `… decision_recorded` and the case's status) is in the case
/// file afterwards, the chain holds, and the database is sound.
@Suite("Decision writes under SIGKILL")
struct DecisionCrashTests {
    @Test("no acknowledged decision is lost (120 trials)")
    func killDecide() throws {
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

        var rng = SplitMix64(state: 0xDEC1_5109)
        var acknowledged: [Int] = []
        var tally = (acknowledged: 0, killed: 0)
        var current: Int?  // the decision in force, which the next one supersedes
        for trial in 0..<120 {
            var args = ["decide", "jusou-2026-12-09", trigger, "--outcome", trial % 2 == 0 ? "プラン承認" : "差戻し",
                        "--by", "p-shakyo-1", "--attended", "p-city-1"]
            if let current { args += ["--supersedes", String(current)] }
            let child = try Workspace.start(args, in: ws.folder, environment: env)
            usleep(UInt32(Double(rng.next() % 1000) / 1000 * 250_000))  // 0–250 ms
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
            let r = try child.finish()
            if let line = r.stdout.split(separator: "\n").first(where: { $0.hasSuffix("decision_recorded") }),
               let seq = Int(line.split(separator: "#")[1].split(separator: " ")[0]) {
                acknowledged.append(seq)
                tally.acknowledged += 1
            } else {
                tally.killed += 1
            }
            // What is in force now (the write may have committed even if the ack was not printed).
            let file = try #require(try ws.ok(["case", "show", "R8-1", "--json"]).json() as? [String: Any])
            let decisions = (file["decisions"] as? [[String: Any]]) ?? []
            current = decisions.last?["eventSeq"] as? Int
        }
        let file = try #require(try ws.ok(["case", "show", "R8-1", "--json"]).json() as? [String: Any])
        let recorded = Set(((file["decisions"] as? [[String: Any]]) ?? []).compactMap { $0["eventSeq"] as? Int })
        let lost = acknowledged.filter { !recorded.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost)")
        #expect(tally.acknowledged > 0, "no trial let a decision through: the test proves nothing")
        #expect(tally.killed > 0, "no trial was killed mid-way: the test proves nothing")
        let verify = try ws.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
        print("decision crash test: \(tally.acknowledged) acknowledged, \(tally.killed) killed before acknowledging, "
            + "\(recorded.count) decisions on record")
    }
}
