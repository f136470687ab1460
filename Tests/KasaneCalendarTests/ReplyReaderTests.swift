import Foundation
import KasaneCalendar
import KasaneCore
import KasaneMail
import Testing

/// Issue 14, points 1 and 3: the MIME reader and the reply reader on the four clients' shapes
/// (Tests/KasaneCLITests/Fixtures/replies, made by scripts/make_reply_fixtures.py) and on hostile
/// bytes.
@Suite("Reading replies: MIME and iTIP (#14.1, #14.3)")
struct ReplyReaderTests {
    static let fixtures = repoRoot.appendingPathComponent("Tests/KasaneCLITests/Fixtures/replies")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test("each client's mail gives its From and one calendar, read as the REPLY it is",
          arguments: [
            ("outlook-accepted.eml", "m.arakaki@houkatsu.kasane.example.jp", "ACCEPTED", "kasane-R8-1-4@city.kasane.example.jp"),
            ("gmail-declined.eml", "m.kinjo@shakyo.kasane.example.jp", "DECLINED", "kasane-R8-2-1@city.kasane.example.jp"),
            ("apple-tentative.eml", "h.teruya@city.kasane.example.jp", "TENTATIVE", "kasane-R8-4-3@city.kasane.example.jp"),
            ("thunderbird-delegated.eml", "n.higa@city.kasane.example.jp", "DELEGATED", "kasane-R8-1-4@city.kasane.example.jp"),
          ])
    func clients(_ file: String, _ from: String, _ partstat: String, _ uid: String) throws {
        let mail = try MailReader.read(try Self.bytes(file))
        #expect(mail.from == from)
        #expect(mail.calendars.count == 1, "Gmail's and Thunderbird's inline and attached copies count once")
        let reply = try ReplyReader.read(mail.calendars[0])
        #expect(reply.method == .reply && reply.partstat == partstat && reply.uid == uid && reply.attendee == from)
        #expect(reply.sequence == 0 && reply.stamp == UTCTimestamp(seconds: 1_795_743_000))
        if partstat == "DELEGATED" { #expect(reply.delegatedTo == "r.miyagi@city.kasane.example.jp") }
    }

    @Test("a COUNTER keeps its proposed times")
    func counter() throws {
        let reply = try ReplyReader.read(try MailReader.read(try Self.bytes("counter.eml")).calendars[0])
        #expect(reply.method == .counter && reply.proposedStart == "20261210T050000Z" && reply.proposedEnd == "20261210T053000Z")
    }

    @Test("#14.3: the pre-checks refuse before libical sees the bytes",
          arguments: [
            ("refused-not-utf8.ics", ReplyRefusal.notUTF8(line: 6)),
            ("refused-control-character.ics", .controlCharacter(line: 6)),
            ("refused-long-line.ics", .lineTooLong(line: 122, limit: ReplyReader.maximumLine)),
          ])
    func prechecks(_ file: String, _ refusal: ReplyRefusal) throws {
        #expect(throws: refusal) { try ReplyReader.read(try Self.bytes(file)) }
    }

    @Test("#14.3: too large, no calendar, broken MIME: refused, never a crash")
    func badMail() throws {
        #expect(throws: ReplyRefusal.tooLarge(bytes: try Self.bytes("refused-too-large.eml").count, limit: MailReader.maximumSize)) {
            try MailReader.read(try Self.bytes("refused-too-large.eml"))
        }
        #expect(throws: ReplyRefusal.noCalendar) { try MailReader.read(try Self.bytes("refused-no-calendar.eml")) }
        let nested = (0..<20).map { "Content-Type: multipart/mixed; boundary=b\($0)\r\n\r\n--b\($0)\r\n" }.joined()
        #expect(throws: ReplyRefusal.badMail("multipart")) { try MailReader.read(Array(("From: <a@b.jp>\r\n" + nested).utf8)) }
        let badBase64 = "From: <a@b.jp>\r\nContent-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n"
        #expect(throws: ReplyRefusal.badMail("base64")) { try MailReader.read(Array(badBase64.utf8)) }
        #expect(throws: ReplyRefusal.notICalendar("BEGIN:VCALENDAR")) { try ReplyReader.read(Array("hello".utf8)) }
    }

    @Test("#14.3: every file of the reply fuzz corpus is read or refused without crashing, quickly")
    func corpus() throws {
        let folder = repoRoot.appendingPathComponent("Tests/Fuzz/corpus/reply")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count >= 7)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let start = ContinuousClock.now
            if MailReader.looksLikeMail(bytes) {
                for c in (try? MailReader.read(bytes))?.calendars ?? [] { _ = try? ReplyReader.read(c) }
            } else {
                _ = try? ReplyReader.read(bytes)
            }
            #expect(ContinuousClock.now - start < .seconds(2), "\(name)")
        }
    }
}
