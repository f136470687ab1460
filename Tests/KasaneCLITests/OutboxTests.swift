import Foundation
import KasaneTestSupport
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

    /// The fixture with one agency fewer on R8-4, so that `invite` makes exactly 10 messages.
    func loadTenMessages(_ ws: Workspace) throws {
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let cases = Workspace.fixtureCases.replacingOccurrences(of: "agencies: [kenko]", with: "agencies: []")
        try #require(cases != Workspace.fixtureCases)
        try ws.write("ten-cases.yaml", cases)
        try ws.ok(["case", "import", "ten-cases.yaml"])
        try ws.ok(["schedule"], environment: env)
    }

    /// The subject of the mail of an outbox row, decoded by Python's email package.
    func subject(_ row: [String: Any]) throws -> String {
        let file = try #require(row["file"] as? String)
        let json = try runPython([repositoryRoot.appendingPathComponent("scripts/check_eml.py").path, file])
        let mail = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(mail["subject"] as? String)
    }

    @Test("#14.5: the sink fails the 3rd of 10 messages (cut off after the data, before its reply); the next run sends exactly the 7 left")
    func resumesWithTheSevenLeft() throws {
        let sink = try SMTPSinkProcess(dropNth: [3])
        defer { sink.stop() }
        let ws = try Workspace()
        try loadTenMessages(ws)
        let smtp = ["--smtp", "127.0.0.1:\(sink.port)"]

        let first = try ws.run(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(first.status != 0, "\(first)")
        #expect(first.stderr.contains("送信できませんでした") && first.stderr.contains("自動では再送しません")
                    && first.stderr.contains("今回 2 通を送信し"), "\(first)")
        let afterFirst = try outbox(ws)
        try #require(afterFirst.count == 10, "the fixture makes 10 messages: \(afterFirst.count)")
        #expect(states(afterFirst) == ["sent", "sent", "sending"] + Array(repeating: "queued", count: 7),
                "the 3rd may have arrived: it stays `sending`, never retried on its own")
        let atSinkAfterFirst = try sink.messageIDs()
        #expect(atSinkAfterFirst.count == 3, "the sink kept the 3rd before cutting the connection")

        let second = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(second.stdout.contains("7 通のメールを送信しました") && second.stdout.contains("送信中に中断したメールが 1 通"),
                "\(second)")
        let received = try sink.messageIDs()
        #expect(received.count - atSinkAfterFirst.count == 7, "the second run sends exactly the 7 left (counted at the sink)")
        #expect(Set(received).count == received.count, "no Message-ID twice: \(received)")
        let rows = try outbox(ws)
        #expect(Set(received.suffix(7))
                    == Set(rows.suffix(7).compactMap { ($0["messageID"] as? String).map { "<\($0)>" } }))
        #expect(states(rows) == ["sent", "sent", "sending"] + Array(repeating: "sent", count: 7))
        #expect(try outbox(ws, ["--failed"]).compactMap { $0["number"] as? Int } == [afterFirst[2]["number"] as? Int].compactMap { $0 })
        let third = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(!third.stdout.contains("通のメールを送信しました"), "\(third)")
        #expect(try sink.messageIDs().count == received.count, "a third run sends nothing")
    }

    @Test("#14.5: the sink refuses the 3rd of 10 messages with 451; the next run sends the 7 left and the refused one once")
    func resumesWithoutDuplicate() throws {
        let sink = try SMTPSinkProcess(failNth: [3])
        defer { sink.stop() }
        let ws = try Workspace()
        try loadTenMessages(ws)
        let smtp = ["--smtp", "127.0.0.1:\(sink.port)"]

        let first = try ws.run(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(first.status != 0, "\(first)")
        #expect(first.stderr.contains("送信できませんでした") && first.stderr.contains("451")
                    && first.stderr.contains("今回 2 通を送信し") && first.stderr.contains("outbox --failed"), "\(first)")
        let afterFirst = try outbox(ws)
        try #require(afterFirst.count == 10, "the fixture makes 10 messages: \(afterFirst.count)")
        #expect(states(afterFirst) == ["sent", "sent", "failed"] + Array(repeating: "queued", count: 7))
        #expect(try sink.messageIDs().count == 2, "the refused 3rd is not kept by the sink")
        #expect((afterFirst[0]["serverReply"] as? String)?.hasPrefix("250 ") == true, "\(afterFirst[0])")
        let failure = afterFirst[2]["failure"] as? String ?? ""
        #expect(failure.contains("451") && failure.contains("サーバーが 451 で断りました"), "in Japanese: \(failure)")
        let failed = try outbox(ws, ["--failed"])
        #expect(failed.count == 1 && failed[0]["number"] as? Int == afterFirst[2]["number"] as? Int)

        let second = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(second.stdout.contains("8 通のメールを送信しました") && second.stdout.contains("うち 1 通は失敗した分の再送"),
                "\(second)")
        let received = try sink.messageIDs()
        #expect(received.count == 10, "the sink has every message once: 2 from the first run, then the 7 left and the retried 3rd")
        #expect(Set(received).count == received.count, "no Message-ID twice: \(received)")
        let afterSecond = try outbox(ws)
        #expect(Set(received) == Set(afterSecond.compactMap { ($0["messageID"] as? String).map { "<\($0)>" } }))
        #expect(states(afterSecond) == Array(repeating: "sent", count: 10))
        #expect(afterSecond[2]["retried"] as? Bool == true && afterSecond[2]["attempts"] as? Int == 2)
        #expect(afterSecond.filter { $0["retried"] as? Bool == true }.count == 1)
        #expect(try ws.ok(["outbox"], environment: env).stdout.contains("再送して送信済み"))

        let third = try ws.ok(["invite", "--out", "inv"] + smtp, environment: env)
        #expect(third.stdout.contains("前回から変更はありません"), "\(third)")
        #expect(try sink.messageIDs().count == 10, "a third run sends nothing")
    }

    @Test("#14.5: an update's subject says 【変更】 and a cancellation's 【中止】")
    func updateAndCancellationSubjects() throws {
        let ws = try Workspace()
        try loadTenMessages(ws)
        try ws.ok(["invite", "--out", "inv"], environment: env)
        let invited = try outbox(ws).count
        // The standing series of the 重層的支援会議 moves to another room: R8-1#4 changes.
        let moved = ws.folder.appendingPathComponent("calendars")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars"), to: moved)
        let series = moved.appendingPathComponent("jusou.ics")
        let text = try String(contentsOf: series, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "LOCATION:かさね市役所 本庁舎3階 第1会議室", with: "LOCATION:かさね市役所 別館2階 会議室B")
        try #require(changed != text)
        try changed.write(to: series, atomically: true, encoding: .utf8)
        let movedEnv = env.merging(["KASANE_CALENDARS": moved.path]) { _, new in new }
        try ws.ok(["schedule"], environment: movedEnv)
        try ws.ok(["invite", "--out", "inv"], environment: movedEnv)
        let updates = Array(try outbox(ws).dropFirst(invited))
        try #require(!updates.isEmpty)
        for row in updates {
            let subject = try subject(row)
            #expect(subject.hasPrefix("【変更】") && subject.contains("2026-12-09"), "\(subject)")
        }
        // R8-2 is reached: its 支援中断 item (R8-2#1) is no longer needed and is cancelled.
        try ws.ok(["contact", "log", "R8-2", "--method", "訪問", "--reached", "--by", "kyoiku"], environment: movedEnv)
        try ws.ok(["schedule"], environment: movedEnv)
        let before = try outbox(ws).count
        try ws.ok(["invite", "--out", "inv"], environment: movedEnv)
        let cancellations = Array(try outbox(ws).dropFirst(before)).filter { $0["method"] as? String == "CANCEL" }
        try #require(!cancellations.isEmpty, "no CANCEL after the contact")
        for row in cancellations {
            let subject = try subject(row)
            #expect(subject.hasPrefix("【中止】") && subject.contains("2026-11-27"), "\(subject)")
        }
    }

    @Test("#14.5: without --smtp the messages are recorded as files only, and a later --smtp run never sends them")
    func filesOnlyNotDeliveredLater() throws {
        let sink = try SMTPSinkProcess()
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
