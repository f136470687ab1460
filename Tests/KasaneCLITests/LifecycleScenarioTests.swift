import Foundation
import Testing

/// The end-to-end scenario of the decisions issue, through the CLI only: plan drafted →
/// triggered → scheduled → decided with 支援決定 → plan confirmed → monitoring trigger →
/// re-plan → termination with 主担当 → case reopened (R6, R7, R16, R17, R18, R19).
@Suite("Case lifecycle end to end")
struct LifecycleScenarioTests {
    let calendars = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                     "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]

    func on(_ day: String) -> [String: String] { calendars.merging(["KASANE_TODAY": day]) { _, new in new } }

    func json(_ ws: Workspace, _ args: [String], _ day: String) throws -> [[String: Any]] {
        try #require(try ws.ok(args + ["--json"], environment: on(day)).json() as? [[String: Any]])
    }

    @Test("R6, R7, R16–R19: a case from its first plan to its ending and reopening")
    func lifecycle() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        try ws.ok(["case", "open", "R9-1", "--on", "2026-10-01", "--referred-by", "houkatsu-chuo", "--field", "高齢",
                   "--agency", "houkatsu-chuo"], environment: on("2026-10-01"))
        try ws.ok(["case", "add-member", "R9-1", "--key", "m1", "--relation", "本人", "--principal", "--name", "試験 花子"],
                  environment: on("2026-10-01"))
        try ws.ok(["consent", "grant", "R9-1", "--member", "m1", "--on", "2026-10-05", "--field", "高齢", "--field", "包括",
                   "--form", "F-1"], environment: on("2026-10-05"))
        // 1. Plan drafted → プラン策定時 trigger (R6-1) with a due date.
        try ws.ok(["plan", "draft", "R9-1", "--kind", "多機関協働", "--on", "2026-11-10",
                   "--service", "houkatsu-chuo:介護サービス調整", "--service", "shakyo:訪問:statutory"],
                  environment: on("2026-11-10"))
        var triggers = try json(ws, ["triggers"], "2026-11-26")
        #expect(triggers.map { $0["id"] as? String } == ["R9-1#4"])
        #expect(triggers.first?["kind"] as? String == "プラン策定時")
        // 2. Scheduled into the 2nd-Wednesday session before the due date.
        try ws.ok(["schedule"], environment: on("2026-11-26"))
        let meetings = try json(ws, ["meeting", "list"], "2026-11-26")
        #expect(meetings.first?["id"] as? String == "jusou-2026-12-09")
        // 3. Decided with 支援決定 (R16 case 2: statutory and other support) → plan confirmed.
        // R20: not before the meeting's day.
        let refused = try ws.run(["decide", "jusou-2026-12-09", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1"],
                                 environment: on("2026-12-08"))
        #expect(refused.status != 0 && refused.stderr.contains("会議の日以降に記録できます"))
        try ws.ok(["decide", "jusou-2026-12-09", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1",
                   "--support-decision-by", "p-city-1", "--monitoring", "2027-03-10", "--attended", "p-shakyo-1",
                   "--attended", "p-city-1"], environment: on("2026-12-09"))
        var file = try #require(try ws.ok(["case", "show", "R9-1", "--json"]).json() as? [String: Any])
        #expect(file["status"] as? String == "支援実施")
        #expect((file["plans"] as? [[String: Any]])?.first?["state"] as? String == "確定")
        // Support goes on: the person is reached (no contact loss, R8).
        for day in ["2026-12-20", "2027-02-20"] {
            try ws.ok(["contact", "log", "R9-1", "--on", day, "--method", "訪問", "--reached", "--by", "houkatsu-chuo"],
                      environment: on(day))
        }
        // 4. The monitoring date became a trigger (R7).
        triggers = try json(ws, ["triggers"], "2027-03-01")
        #expect(triggers.map { $0["kind"] as? String } == ["モニタリング"])
        #expect(triggers.first?["dueOn"] as? String == "2027-03-10")
        // The minutes come from the recorded decision.
        let minutes = try ws.ok(["minutes", "jusou-2026-12-09"], environment: on("2026-12-09")).stdout
        #expect(minutes.contains("プラン承認") && minutes.contains("令和9年3月10日"))
        // 5. Re-plan (R6-2) replaces the monitoring review.
        try ws.ok(["plan", "revise", "R9-1", "--kind", "多機関協働", "--on", "2027-03-01",
                   "--service", "houkatsu-chuo:介護サービス調整"], environment: on("2027-03-01"))
        triggers = try json(ws, ["triggers"], "2027-03-02")
        #expect(triggers.map { $0["kind"] as? String } == ["再プラン策定時"])
        try ws.ok(["schedule"], environment: on("2027-03-02"))
        try ws.ok(["decide", "jusou-2027-03-10", "1", "--outcome", "プラン承認", "--by", "p-city-1"],
                  environment: on("2027-03-10"))
        // 6. Ending proposed (R6-3), approved with 主担当 and follow-up (R17, R18).
        try ws.ok(["case", "propose-end", "R9-1", "--on", "2027-03-15", "--by", "shakyo"], environment: on("2027-03-15"))
        try ws.ok(["schedule"], environment: on("2027-03-16"))
        let ending = try ws.run(["decide", "jusou-2027-04-14", "1", "--outcome", "終結承認", "--by", "p-shakyo-1"],
                                environment: on("2027-04-14"))
        #expect(ending.status != 0 && ending.stderr.contains("主担当"))
        try ws.ok(["decide", "jusou-2027-04-14", "1", "--outcome", "終結承認", "--by", "p-shakyo-1",
                   "--lead", "houkatsu-chuo", "--follow-up", "3か月後に訪問"], environment: on("2027-04-14"))
        file = try #require(try ws.ok(["case", "show", "R9-1", "--json"]).json() as? [String: Any])
        #expect(file["status"] as? String == "終結")
        // 7. Reopened when the situation changes (R18).
        try ws.ok(["case", "reopen", "R9-1", "--on", "2027-06-01"], environment: on("2027-06-01"))
        file = try #require(try ws.ok(["case", "show", "R9-1", "--json"]).json() as? [String: Any])
        #expect(file["status"] as? String == "支援実施")
        // The chain of events holds.
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
        // The yearly indicators count the case once in 重層的支援会議.
        let report = try #require(try ws.ok(["report", "--fiscal-year", "2026", "--json"]).json() as? [String: Any])
        #expect(report["casesReviewedMultiAgency"] as? Int == 1)
        #expect(report["meetingsHeld"] as? Int == 2)
        #expect(report["totalAttendance"] as? Int == 2)
    }

    @Test("kasane verify names the first event edited directly in SQLite")
    func verifyCatchesTampering() throws {
        let ws = try Workspace()
        try ws.loadDemo()
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
        try SQLiteFile.with(ws.database) { db in
            _ = try db.rows("DROP TRIGGER case_event_no_update")
            _ = try db.rows("""
                UPDATE case_event SET payload = replace(payload, '2026-11-10', '2026-11-11')
                  WHERE kind = 'plan_drafted' AND case_id = (SELECT id FROM case_file WHERE number = 'R8-1')
                """)
        }
        let r = try ws.run(["verify"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("破損 事例 R8-1: 出来事 #6"))
    }
}
