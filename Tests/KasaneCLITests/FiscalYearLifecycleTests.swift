import Foundation
import Testing

/// Issue 11: a municipality's whole fiscal year (令和9年度) through the documented CLI only —
/// plan → meeting → approval pending 支援決定 → 支援決定 → monitoring → re-plan left undecided and
/// carried over → joint session → termination → reopening — with `schedule` run before, on and
/// after every meeting, and the minutes of every held meeting rendering at the end exactly as
/// they did on the day after the meeting (R1a, R1b, R5, R16, R20, R21).
@Suite("A fiscal year of meetings end to end")
struct FiscalYearLifecycleTests {
    let calendars = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                     "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]

    func on(_ day: String) -> [String: String] { calendars.merging(["KASANE_TODAY": day]) { _, new in new } }

    /// `meeting list --json` on `day`.
    func meetings(_ ws: Workspace, _ day: String) throws -> [[String: Any]] {
        try #require(try ws.ok(["meeting", "list", "--json"], environment: on(day)).json() as? [[String: Any]])
    }

    /// The meetings holding `trigger`, by id.
    func sessions(holding trigger: String, _ ws: Workspace, _ day: String) throws -> [String] {
        try meetings(ws, day).filter { ($0["items"] as? [String])?.contains(trigger) == true }.compactMap { $0["id"] as? String }
    }

    func triggerIDs(_ ws: Workspace, _ day: String) throws -> [String] {
        let list = try #require(try ws.ok(["triggers", "--json"], environment: on(day)).json() as? [[String: Any]])
        return list.compactMap { $0["id"] as? String }
    }

    /// Runs `schedule` on `day` and returns its output.
    @discardableResult
    func schedule(_ ws: Workspace, _ day: String) throws -> String {
        try ws.ok(["schedule"], environment: on(day)).stdout
    }

    @Test("R1a, R1b, R5, R16, R20, R21: one case through a whole fiscal year, every held meeting kept")
    func fiscalYear() throws {
        let ws = try Workspace()
        var minutesDayAfter: [String: String] = [:]
        func keepMinutes(_ meeting: String, _ day: String) throws {
            minutesDayAfter[meeting] = try ws.ok(["minutes", meeting], environment: on(day)).stdout
        }

        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        try ws.ok(["case", "open", "R9-5", "--on", "2027-04-01", "--referred-by", "kodomo-center", "--field", "子ども",
                   "--field", "高齢", "--agency", "kodomo-center", "--agency", "houkatsu-chuo"], environment: on("2027-04-01"))
        try ws.ok(["case", "add-member", "R9-5", "--key", "m1", "--relation", "本人", "--principal", "--name", "試験 花子"],
                  environment: on("2027-04-01"))
        try ws.ok(["case", "add-member", "R9-5", "--key", "m2", "--relation", "子", "--name", "試験 太郎"],
                  environment: on("2027-04-01"))
        // R1a: the family names the fields they agree to; no internal 包括 field is needed for the chair.
        try ws.ok(["consent", "grant", "R9-5", "--member", "m1", "--on", "2027-04-05", "--field", "子ども", "--field", "高齢",
                   "--form", "F-1"], environment: on("2027-04-05"))
        try ws.ok(["plan", "draft", "R9-5", "--kind", "多機関協働", "--on", "2027-04-20",
                   "--service", "houkatsu-chuo:介護サービス調整", "--service", "shakyo:訪問支援:statutory"],
                  environment: on("2027-04-20"))
        let plan = "R9-5#5"
        #expect(try triggerIDs(ws, "2027-04-21") == [plan])

        // R1b: the child has no consent yet: a 支援会議 item whose explanation names m2.
        try schedule(ws, "2027-04-21")
        var show = try ws.ok(["meeting", "show", "jusou-2027-05-12"], environment: on("2027-04-21")).stdout
        #expect(show.contains("支援会議") && show.contains("m2"), "\(show)")
        // The parent consents on the child's behalf: a 重層的支援会議 item with its chair and municipal staff.
        try ws.ok(["consent", "grant", "R9-5", "--member", "m2", "--given-by", "m1", "--on", "2027-04-22",
                   "--field", "子ども", "--field", "高齢", "--form", "F-2"], environment: on("2027-04-22"))
        let refusedGuardian = try ws.run(["consent", "grant", "R9-5", "--member", "m2", "--given-by", "m9", "--on", "2027-04-22",
                                          "--field", "子ども", "--form", "F-3"], environment: on("2027-04-22"))
        #expect(refusedGuardian.status != 0 && refusedGuardian.stderr.contains("親権者"))
        try schedule(ws, "2027-04-22")
        show = try ws.ok(["meeting", "show", "jusou-2027-05-12"], environment: on("2027-04-22")).stdout
        #expect(show.contains("重層的支援会議") && show.contains(") 議長 — ") && show.contains("すべての同意の範囲内"), "\(show)")  // R1a, in Japanese (#13.3)
        let caseShow = try ws.ok(["case", "show", "R9-5"], environment: on("2027-04-22")).stdout
        #expect(caseShow.contains("親権者 m1 が代わって同意"))
        try ws.ok(["invite", "--out", ws.path("inv")], environment: on("2027-04-23"))

        // R20: no decision before the meeting's day; the schedule the day before changes nothing.
        #expect(try schedule(ws, "2027-05-11").split(separator: "\n").contains("保存した予定に変更はありません"))
        let early = try ws.run(["decide", "jusou-2027-05-12", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1"],
                               environment: on("2027-05-11"))
        #expect(early.status != 0 && early.stderr.contains("会議の日以降に記録できます"), "\(early)")
        // R21: only people seated at the item can be recorded as attending.
        let outsider = try ws.run(["decide", "jusou-2027-05-12", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1",
                                   "--attended", "p-sumai-1"], environment: on("2027-05-12"))
        #expect(outsider.status != 0 && outsider.stderr.contains("p-sumai-1") && outsider.stderr.contains("R21"), "\(outsider)")
        // R16: the meeting approves; the statutory part waits for the 支援決定.
        try schedule(ws, "2027-05-12")
        let approved = try ws.ok(["decide", "jusou-2027-05-12", "1", "--outcome", "プラン承認", "--by", "p-shakyo-1",
                                  "--monitoring", "2027-07-14", "--attended", "p-shakyo-1", "--attended", "p-city-1"],
                                 environment: on("2027-05-12")).stdout
        #expect(approved.contains("承認済・支援決定待ち"))
        var file = try #require(try ws.ok(["case", "show", "R9-5", "--json"]).json() as? [String: Any])
        #expect((file["plans"] as? [[String: Any]])?.first?["state"] as? String == "承認済・支援決定待ち")

        // R20: the day after, the held meeting stays, with its item, and its minutes render.
        let after = try schedule(ws, "2027-05-13")
        #expect(!after.contains("削除") || after.contains("削除 0、会議:")
                    && after.range(of: #"会議: 追加 [0-9]+・削除 0"#, options: .regularExpression) != nil,
                "\(after)")
        #expect(try sessions(holding: plan, ws, "2027-05-13") == ["jusou-2027-05-12"])
        try keepMinutes("jusou-2027-05-12", "2027-05-13")
        #expect(minutesDayAfter["jusou-2027-05-12"]?.contains("支援決定待ち") == true)
        let invite = try ws.ok(["invite", "--out", ws.path("inv"), "--json"], environment: on("2027-05-13")).stdout
        #expect(!invite.contains("CANCEL"), "\(invite)")

        // R16, second act: 支援決定 by municipal staff only, outside any meeting.
        let notStaff = try ws.run(["support-decision", "R9-5", "--by", "p-shakyo-1", "--on", "2027-05-20"],
                                  environment: on("2027-05-20"))
        #expect(notStaff.status != 0 && notStaff.stderr.contains("自治体職員ではありません"))
        try ws.ok(["support-decision", "R9-5", "--by", "p-city-1", "--on", "2027-05-20"], environment: on("2027-05-20"))
        file = try #require(try ws.ok(["case", "show", "R9-5", "--json"]).json() as? [String: Any])
        let plans = try #require(file["plans"] as? [[String: Any]])
        #expect(plans.first?["state"] as? String == "確定" && plans.first?["supportDecisionBy"] as? String == "p-city-1")
        #expect(file["status"] as? String == "支援実施")

        // Support goes on: the person is reached (no contact loss, R8).
        func reached(_ day: String) throws {
            try ws.ok(["contact", "log", "R9-5", "--on", day, "--method", "訪問", "--reached", "--by", "houkatsu-chuo"],
                      environment: on(day))
        }
        try reached("2027-06-01")
        // Monitoring (R7), held on 2027-07-14.
        try schedule(ws, "2027-06-20")
        let monitoring = try #require(try triggerIDs(ws, "2027-06-20").first)
        #expect(try sessions(holding: monitoring, ws, "2027-06-20") == ["jusou-2027-07-14"])
        try schedule(ws, "2027-07-14")
        try ws.ok(["meeting", "held", "jusou-2027-07-14"], environment: on("2027-07-14"))
        try ws.ok(["decide", "jusou-2027-07-14", "1", "--outcome", "モニタリング実施", "--by", "p-city-1",
                   "--attended", "p-city-1"], environment: on("2027-07-14"))
        try schedule(ws, "2027-07-15")
        try keepMinutes("jusou-2027-07-14", "2027-07-15")

        try reached("2027-08-20")
        // Re-plan without statutory programmes (R16 case 3), left undecided at its meeting.
        try ws.ok(["plan", "revise", "R9-5", "--kind", "多機関協働", "--on", "2027-09-01",
                   "--service", "houkatsu-chuo:介護サービス調整"], environment: on("2027-09-01"))
        let replan = try #require(try triggerIDs(ws, "2027-09-02").first)
        try schedule(ws, "2027-09-02")
        #expect(try sessions(holding: replan, ws, "2027-09-02") == ["jusou-2027-09-08"])
        try ws.ok(["invite", "--out", ws.path("inv")], environment: on("2027-09-02"))
        try schedule(ws, "2027-09-08")
        try ws.ok(["meeting", "held", "jusou-2027-09-08"], environment: on("2027-09-08"))
        // R20: the next day the undecided item is carried over; the held one stays as it was.
        let carriedRun = try schedule(ws, "2027-09-09")
        #expect(carriedRun.contains("繰越し \(replan): jusou-2027-09-08 →"), "\(carriedRun)")
        let holding = try sessions(holding: replan, ws, "2027-09-09")
        #expect(holding.count == 2 && holding.first == "jusou-2027-09-08", "\(holding)")
        let carriedTo = try #require(holding.last)
        try keepMinutes("jusou-2027-09-08", "2027-09-09")
        #expect(minutesDayAfter["jusou-2027-09-08"]?.contains("決定の記録はありません") == true)
        let carriedInvite = try ws.ok(["invite", "--out", ws.path("inv"), "--json"], environment: on("2027-09-09")).stdout
        #expect(carriedInvite.contains(".carry.") && !carriedInvite.contains("CANCEL"), "\(carriedInvite)")
        let carriedDay = try #require(try meetings(ws, "2027-09-09").first { $0["id"] as? String == carriedTo }?["date"] as? String)
        try schedule(ws, carriedDay)
        let reported = try ws.ok(["decide", carriedTo, "1", "--outcome", "プラン承認", "--by", "p-shakyo-1",
                                  "--attended", "p-shakyo-1"], environment: on(carriedDay)).stdout
        #expect(reported.contains("自治体への報告 \(carriedDay)"))
        let nextDay = try #require(LocalDay(carriedDay)?.adding(1))
        try schedule(ws, nextDay)
        try keepMinutes(carriedTo, nextDay)
        #expect(minutesDayAfter[carriedTo]?.contains("自治体への報告") == true)

        // Ending, held jointly with the 地域ケア会議 (R5): accepted explicitly, the case part R5-limited.
        try ws.ok(["case", "propose-end", "R9-5", "--on", "2027-10-01", "--by", "shakyo"], environment: on("2027-10-01"))
        let ending = try #require(try triggerIDs(ws, "2027-10-02").first)
        try ws.ok(["meeting", "join", "chiiki-care-2027-10-28", ending], environment: on("2027-10-02"))
        try schedule(ws, "2027-10-02")
        #expect(try sessions(holding: ending, ws, "2027-10-02") == ["chiiki-care-2027-10-28"])
        show = try ws.ok(["meeting", "show", "chiiki-care-2027-10-28"], environment: on("2027-10-02")).stdout
        #expect(show.contains("合同開催"), "\(show)")
        #expect(show.contains("喜屋武 節子") && show.contains("R5") && show.contains("臨時構成員"), "\(show)")
        try schedule(ws, "2027-10-27")
        try schedule(ws, "2027-10-28")
        try ws.ok(["decide", "chiiki-care-2027-10-28", "1", "--outcome", "終結承認", "--by", "p-shakyo-1",
                   "--lead", "houkatsu-chuo", "--follow-up", "3か月後に訪問", "--attended", "p-shakyo-1"],
                  environment: on("2027-10-28"))
        try schedule(ws, "2027-10-29")
        try keepMinutes("chiiki-care-2027-10-28", "2027-10-29")
        file = try #require(try ws.ok(["case", "show", "R9-5", "--json"]).json() as? [String: Any])
        #expect(file["status"] as? String == "終結")
        try reached("2027-11-15")
        try ws.ok(["case", "reopen", "R9-5", "--on", "2027-12-01"], environment: on("2027-12-01"))
        try schedule(ws, "2027-12-01")
        try reached("2028-02-01")

        // At the year's end every held meeting is still there, as held, and its minutes are unchanged.
        try schedule(ws, "2028-03-31")
        let year = try meetings(ws, "2028-03-31")
        for (meeting, minutes) in minutesDayAfter {
            #expect(year.contains { $0["id"] as? String == meeting }, "\(meeting) vanished")
            #expect(try ws.ok(["minutes", meeting], environment: on("2028-03-31")).stdout == minutes, "\(meeting)")
        }
        #expect(minutesDayAfter.count == 5)
        let report = try #require(try ws.ok(["report", "--fiscal-year", "2027", "--json"]).json() as? [String: Any])
        #expect(report["meetingsHeld"] as? Int == 4)
        #expect(report["supportDecisions"] as? Int == 1)
        #expect(report["plansReported"] as? Int == 1)
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
    }

    @Test("R20: a decision recorded at a meeting, then `schedule` days later: the meeting, its minutes and its calendar object stay")
    func heldMeetingDoesNotVanish() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: on("2026-11-26"))
        try ws.ok(["invite", "--out", ws.path("inv")], environment: on("2026-11-26"))
        let list = try meetings(ws, "2026-11-26")
        let meeting = try #require(list.first { ($0["items"] as? [String])?.contains("R8-1#4") == true }?["id"] as? String)
        let day = try #require(list.first { $0["id"] as? String == meeting }?["date"] as? String)
        try ws.ok(["decide", meeting, "R8-1#4", "--outcome", "プラン承認", "--by", "p-shakyo-1"], environment: on(day))
        let later = try #require(LocalDay(day)?.adding(5))
        let out = try ws.ok(["schedule"], environment: on(later)).stdout
        #expect(!out.contains("会議: 追加 0・削除 1") && !out.contains("削除 2"), "\(out)")
        #expect(try meetings(ws, later).contains { $0["id"] as? String == meeting })
        #expect(try ws.ok(["minutes", meeting], environment: on(later)).stdout.contains("プラン承認"))
        let invite = try ws.ok(["invite", "--out", ws.path("inv"), "--json"], environment: on(later)).stdout
        #expect(!invite.contains("CANCEL"), "\(invite)")
        try ws.ok(["feeds", "--out", ws.path("feeds")], environment: on(later))
        let feed = try String(contentsOfFile: ws.path("feeds/shakyo.ics"), encoding: .utf8)
        let event = try #require(feed.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:kasane-R8-1-4@") },
                                 "\(feed)")
        #expect(!event.contains("STATUS:CANCELLED"), "\(event)")
    }
}

extension FiscalYearLifecycleTests {
    @Test("R10, R11: a 重層的支援会議 item with no chair within scope is neither scheduled nor invited, and the fix is named")
    func unlawfulItemRefused() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: on("2026-11-26"))
        #expect(try sessions(holding: "R8-1#4", ws, "2026-11-26").count == 1)
        // The registry loses its 多機関協働事業者: nobody may chair a 重層的支援会議.
        let registry = try String(contentsOfFile: Workspace.example("registry.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "roles: [多機関協働事業者, アウトリーチ等事業者]", with: "roles: [アウトリーチ等事業者]")
        try ws.ok(["registry", "import", try ws.write("no-chair.yaml", registry)])
        let before = try dumpDatabase(ws.database)
        let invite = try ws.run(["invite", "--out", ws.path("inv")], environment: on("2026-11-26"))
        #expect(invite.status != 0 && invite.stderr.contains("R8-1#4") && invite.stderr.contains("R10"), "\(invite)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("inv")))
        #expect(try dumpDatabase(ws.database) == before)
        let schedule = try ws.run(["schedule"], environment: on("2026-11-26"))
        #expect(schedule.status != 0 && schedule.stdout.contains("R8-1#4") && schedule.stderr.contains("R10"), "\(schedule)")
        #expect(schedule.stdout.contains("多機関協働事業者"), "\(schedule)")
        #expect(try sessions(holding: "R8-1#4", ws, "2026-11-26").isEmpty)
    }
}

/// A day as `YYYY-MM-DD`, for stepping through the year in tests.
struct LocalDay {
    let date: Date

    init?(_ iso: String) {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        guard let d = f.date(from: iso) else { return nil }
        date = d
    }

    func adding(_ days: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date.addingTimeInterval(Double(days) * 86400))
    }
}
