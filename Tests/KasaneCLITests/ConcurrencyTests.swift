import Foundation
import Testing

/// Issue 12.8: `schedule`, `invite` and `decide` run at the same time by different people; the
/// workspace afterwards is always what some serial order of the three would have left.
@Suite("Concurrent commands (issue 12.8)", .tags(.manyProcesses))
struct ConcurrencyTests {
    /// A calendars folder with weekly 重層的支援会議 (14:00) and 支援会議 (10:00) sessions on Wednesdays.
    static func calendars(in ws: Workspace, jusouOn day: String = "WE", start: String = "20261202") throws -> String {
        let folder = ws.path("calendars")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["closures.yaml", "policy.yaml"] {
            try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("calendars/\(name)").path,
                                             toPath: (folder as NSString).appendingPathComponent(name))
        }
        for (slug, body, hour) in [("jusou", "jusou-kaigi", "14"), ("shien", "shien-kaigi", "10")] {
            try """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Kasane tests//JA\r
                BEGIN:VEVENT\r
                UID:series-\(slug)@test.example.jp\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;TZID=Asia/Tokyo:\(slug == "jusou" ? start : "20261202")T\(hour)0000\r
                DTEND;TZID=Asia/Tokyo:\(slug == "jusou" ? start : "20261202")T\(hour == "14" ? "16" : "12")0000\r
                RRULE:FREQ=WEEKLY;BYDAY=\(slug == "jusou" ? day : "WE")\r
                SUMMARY:\(slug)\r
                X-KASANE-SERIES:\(slug)\r
                X-KASANE-BODIES:\(body)\r
                X-KASANE-CAPACITY:4\r
                X-KASANE-MINUTES-PER-ITEM:30\r
                X-KASANE-ON-CLOSED-DAY:move\r
                END:VEVENT\r
                END:VCALENDAR\r

                """.write(toFile: (folder as NSString).appendingPathComponent("\(slug).ics"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("schedule ∥ invite ∥ decide: the result always equals some serial order", arguments: 0..<6)
    func scheduleInviteDecide(trial: Int) throws {
        let ws = try Workspace()
        let env = ["KASANE_CALENDARS": try Self.calendars(in: ws),
                   "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]
        func on(_ day: String) -> [String: String] { env.merging(["KASANE_TODAY": day]) { _, new in new } }
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: on("2026-12-02"))
        // On the meeting day a new case is placed next week, then the 重層的支援会議 series moves to
        // Thursdays: the next `schedule` wants to move the item — unless `invite` got there first.
        let day = "2026-12-09"
        try ws.ok(["case", "open", "R8-9", "--on", day, "--referred-by", "houkatsu-chuo", "--field", "高齢",
                   "--agency", "houkatsu-chuo"], environment: on(day))
        try ws.ok(["case", "add-member", "R8-9", "--key", "m1", "--relation", "本人", "--principal", "--name", "並行 試験"],
                  environment: on(day))
        try ws.ok(["consent", "grant", "R8-9", "--member", "m1", "--on", day, "--field", "高齢", "--form", "F-9"],
                  environment: on(day))
        try ws.ok(["plan", "draft", "R8-9", "--kind", "多機関協働", "--on", day, "--service", "houkatsu-chuo:調整"],
                  environment: on(day))
        try ws.ok(["schedule"], environment: on(day))
        try FileManager.default.removeItem(atPath: ws.path("calendars"))
        _ = try Self.calendars(in: ws, jusouOn: "TH", start: "20261203")
        let today = try #require(try SQLiteFile.with(ws.database) { db in
            try db.scalar("SELECT session_id FROM session_item WHERE trigger_id = 'R8-4#3'")
        })
        let commands: [[String]] = [
            ["schedule"],
            ["invite", "--out", ws.path("inv")],
            ["decide", today, "R8-4#3", "--outcome", "プラン承認", "--by", "p-shakyo-1"],
        ]
        let results = Locked<[RunResult?]>(Array(repeating: nil, count: commands.count))
        let environment = on(day)
        DispatchQueue.concurrentPerform(iterations: commands.count) { i in
            let order = (i + trial) % commands.count  // vary who starts first
            let r = try? ws.run(commands[order], environment: environment)
            results.withLock { $0[order] = r }
        }
        for r in results.value {
            let r = try #require(r)
            #expect(r.status == 0, "\(r)")
        }
        try SQLiteFile.with(ws.database) { db in
            // The moved-or-kept item is invited, and its calendar object has the time it sits at.
            let rows = try db.rows("""
                SELECT i.session_id, s.date, i.start_minute, i.invited, c.event FROM session_item i
                JOIN session s ON s.id = i.session_id LEFT JOIN item_calendar c ON c.trigger_id = i.calendar_key
                WHERE i.trigger_id LIKE 'R8-9#%'
                """)
            #expect(rows.count == 1, "\(rows)")
            let row = try #require(rows.first)
            #expect(row[3] == "1", "invited lost: \(row)")
            let event = try #require(row[4].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
            #expect(event["date"] as? String == row[1])
            #expect((event["start"] as? [String: Any])?["minutes"] as? Int == row[2].flatMap { Int($0) })
            // Either order: kept (invited first) on Wednesday, or moved (scheduled first) to Thursday.
            #expect(row[0] == "jusou-2026-12-16" || row[0] == "jusou-2026-12-10", "\(row)")
            // The decision is recorded and today's meeting keeps its item (R20).
            #expect(try db.scalar("SELECT count(*) FROM case_event WHERE kind = 'decision_recorded'") == "1")
            #expect(try db.scalar("SELECT session_id FROM session_item WHERE trigger_id = 'R8-4#3'") == today)
        }
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
    }
}

extension ConcurrencyTests {
    @Test("#12.8: a series edit that moves an invited session to another day is never reported as 'schedule unchanged'")
    func movedInvitedSessionIsReported() throws {
        let ws = try Workspace()
        let env = ["KASANE_CALENDARS": try Self.calendars(in: ws),
                   "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path,
                   "KASANE_TODAY": "2026-12-02"]
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", ws.path("inv")], environment: env)
        try FileManager.default.removeItem(atPath: ws.path("calendars"))
        _ = try Self.calendars(in: ws, jusouOn: "TH", start: "20261203")
        let out = try ws.ok(["schedule"], environment: env).stdout
        #expect(!out.split(separator: "\n").contains("保存した予定に変更はありません"), "\(out)")
        #expect(out.contains("配置できません R8-1#4") && out.contains("--reschedule"), "\(out)")
        let moved = try ws.ok(["schedule", "--reschedule"], environment: env).stdout
        #expect(moved.contains("移動 R8-1#4: jusou-2026-12-09 → jusou-2026-12-03"), "\(moved)")
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&stored) } }
}
