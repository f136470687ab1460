import Foundation
import Testing

/// Issue 14, point 5: every message `invite` makes is recorded in the outbox before it is sent;
/// a stopped delivery resumes with what is left and never sends a message twice.
@Suite("Outbox: recorded before sending, resumed, never twice (#14.5)")
struct OutboxTests {
    let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
               "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]

    /// `outbox --json` as rows.
    func outbox(_ ws: Workspace, _ extra: [String] = []) throws -> [[String: Any]] {
        try #require(try ws.ok(["outbox", "--json"] + extra, environment: env).json() as? [[String: Any]])
    }

    func states(_ rows: [[String: Any]]) -> [String] { rows.compactMap { $0["state"] as? String } }

    @Test("#14.5: the sink refuses the 3rd of 11 messages; the run stops there, and the next run sends exactly the 9 left, none twice")
    func resumesWithoutDuplicate() throws {
        let sink = try CLISMTPSink(failNth: [3])
        defer { sink.stop() }
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        let smtp = ["--smtp", "127.0.0.1:\(sink.port)"]

        let first = try ws.run(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(first.status != 0, "\(first)")
        #expect(first.stderr.contains("送信できませんでした") && first.stderr.contains("451")
                    && first.stderr.contains("今回 2 通を送信し") && first.stderr.contains("outbox --failed"), "\(first)")
        let afterFirst = try outbox(ws)
        let total = afterFirst.count
        try #require(total >= 10, "the fixture makes 11 messages: \(afterFirst)")
        #expect(states(afterFirst) == ["sent", "sent", "failed"] + Array(repeating: "queued", count: total - 3))
        #expect(try sink.messageIDs().count == 2, "the refused 3rd is not kept by the sink")
        #expect((afterFirst[0]["serverReply"] as? String)?.hasPrefix("250 ") == true, "\(afterFirst[0])")
        #expect((afterFirst[2]["failure"] as? String)?.contains("451") == true, "\(afterFirst[2])")
        let failed = try outbox(ws, ["--failed"])
        #expect(failed.count == 1 && failed[0]["number"] as? Int == afterFirst[2]["number"] as? Int)

        let second = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(second.stdout.contains("\(total - 2) 通のメールを送信しました") && second.stdout.contains("うち 1 通は失敗した分の再送"),
                "\(second)")
        let received = try sink.messageIDs()
        #expect(received.count == total, "the sink has every message once: 2 from the first run, the retried 3rd and the rest")
        #expect(Set(received).count == received.count, "no Message-ID twice: \(received)")
        let afterSecond = try outbox(ws)
        #expect(Set(received) == Set(afterSecond.compactMap { ($0["messageID"] as? String).map { "<\($0)>" } }))
        #expect(states(afterSecond) == Array(repeating: "sent", count: total))
        #expect(afterSecond[2]["retried"] as? Bool == true && afterSecond[2]["attempts"] as? Int == 2)
        #expect(afterSecond.filter { $0["retried"] as? Bool == true }.count == 1)
        #expect(try ws.ok(["outbox"], environment: env).stdout.contains("再送して送信済み"))

        let third = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(third.stdout.contains("前回から変更はありません"), "\(third)")
        #expect(try sink.messageIDs().count == total, "a third run sends nothing")
    }

    @Test("#14.5: without --smtp the messages are recorded as files only, and a later --smtp run never sends them")
    func filesOnlyNotDeliveredLater() throws {
        let sink = try CLISMTPSink()
        defer { sink.stop() }
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "inv"], environment: env)
        let rows = try outbox(ws)
        #expect(!rows.isEmpty && Set(states(rows)) == ["written"], "\(rows)")
        try ws.ok(["invite", "--out", "inv", "--smtp", "127.0.0.1:\(sink.port)"], environment: env)
        #expect(try sink.messageIDs().isEmpty)
        #expect(try ws.ok(["outbox", "--failed"], environment: env).stdout.contains("失敗したメールはありません"))
    }

    @Test("#14.5: each mail says 【ご案内】, carries invite.ics as application/ics, and has a Message-ID of its own")
    func mailShape() throws {
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "inv"], environment: env)
        let rows = try outbox(ws)
        try #require(!rows.isEmpty)
        var ids: Set<String> = []
        for row in rows {
            let file = try #require(row["file"] as? String)
            let json = try runPython([repositoryRoot.appendingPathComponent("scripts/check_eml.py").path, file])
            let mail = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect((mail["subject"] as? String)?.hasPrefix("【ご案内】") == true, "\(mail["subject"] ?? "")")
            #expect(mail["content_type"] as? String == "multipart/mixed")
            let parts = try #require(mail["parts"] as? [[String: Any]])
            #expect(parts.compactMap { $0["content_type"] as? String } == ["text/plain", "text/calendar", "application/ics"])
            #expect(parts.last?["filename"] as? String == "invite.ics")
            #expect(parts.last?["text"] as? String == parts[1]["text"] as? String)
            ids.insert(try #require(mail["message_id"] as? String))
        }
        #expect(ids.count == rows.count)
    }
}
