import Foundation
import KasaneCalendar
import KasaneCore
import Testing

@Suite("IMIPMail: RFC 6047 messages")
struct IMIPMailTests {
    struct Reading: Decodable {
        struct Part: Decodable {
            var content_type: String
            var method: String?
            var charset: String?
            var encoding: String?
            var text: String
            var calendar_method: String?
            var filename: String?
        }

        var from: [String]
        var to: [String]
        var subject: String
        var date: String
        var message_id: String
        var mime_version: String
        var content_type: String
        var header_names: [String]
        var parts: [Part]
    }

    /// Python's `email` package reading of `message` (scripts/check_eml.py).
    func pythonReading(_ message: String) throws -> Reading {
        let path = try temporaryFile(message, suffix: ".eml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try runOracle([repoRoot.appendingPathComponent("scripts/check_eml.py").path, path])
        return try JSONDecoder().decode(Reading.self, from: Data(output.joined(separator: "\n").utf8))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let method: ITIPMethod
        let fromName: String
        let toName: String
        let subject: String
        let text: String
        var testDescription: String { name }
    }

    static let body = """
        地域包括支援センター 北 ご担当者様

        重層的支援会議の開催をお知らせします。
        日時: 2026年7月8日（水）14:00–14:30
        ケース番号: R08-0012
        """

    static let cases: [Case] = [
        Case(name: "Japanese REQUEST", method: .request, fromName: "重層的支援 事務局", toName: "地域包括支援センター 北",
             subject: "【重層的支援会議】7月8日 R08-0012 のご案内", text: body),
        Case(name: "CANCEL with ASCII names", method: .cancel, fromName: "Kasane Secretariat", toName: "Kita Center",
             subject: "Cancelled: case conference", text: "The meeting is cancelled.\n"),
        Case(name: "long subject and names with specials", method: .request, fromName: "事務局 \"本庁\" <福祉課>, 窓口",
             toName: "O'Brien, J. (Kita)", subject: String(repeating: "長い件名の重層的支援会議のご案内、", count: 8),
             text: Sample.longJapanese + "\r\n" + Sample.longJapanese),
        Case(name: "header injection attempts stay inside their header", method: .request,
             fromName: "事務局\r\nBcc: evil@example.jp", toName: "北\nX-Injected: 1",
             subject: "件名\r\nBcc: evil@example.jp", text: "本文\u{00}\u{1B}\n\u{7F}二行目\tタブ"),
        Case(name: "empty subject and names", method: .request, fromName: "", toName: "", subject: "", text: ""),
    ]

    static let from = "jimukyoku@city.example.jp"
    static let to = "kita@houkatsu.example.jp"

    func message(_ c: Case, messageID: String = "R08-0012-1.3.kita@kasane.city.example.jp") throws -> (String, String) {
        let event = Sample.event(status: .confirmed)
        let calendar = try ICalendarWriter.invitation(method: c.method, events: [event])
        let mail = try IMIPMail.message(
            from: CalendarAddress(name: c.fromName, mailbox: Self.from), to: CalendarAddress(name: c.toName, mailbox: Self.to),
            subject: c.subject, text: c.text, method: c.method, calendar: calendar, messageID: messageID,
            date: UTCTimestamp(seconds: 1_780_000_000))
        return (mail, calendar)
    }

    @Test("Python's email package reads back every header and part", arguments: cases)
    func readsBack(_ c: Case) throws {
        let (mail, calendar) = try message(c)
        let r = try pythonReading(mail)
        func clean(_ s: String) -> String {
            s.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }.map(String.init).joined()
        }
        func oneLine(_ s: String) -> String {
            clean(s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " "))
        }
        #expect(r.from == [oneLine(c.fromName), Self.from])
        #expect(r.to == [oneLine(c.toName), Self.to])
        #expect(r.subject == oneLine(c.subject))
        #expect(r.date == "2026-05-29T05:26:40+09:00")
        #expect(r.message_id == "<R08-0012-1.3.kita@kasane.city.example.jp>")
        #expect(r.mime_version == "1.0")
        #expect(r.content_type == "multipart/alternative")
        #expect(r.header_names == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"])
        try #require(r.parts.count == 2)
        let plain = r.parts[0], ics = r.parts[1]
        #expect(plain.content_type == "text/plain")
        #expect(plain.charset?.uppercased() == "UTF-8")
        let expectedText = c.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: " ")
            .split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
        #expect(plain.text.replacingOccurrences(of: "\r\n", with: "\n") == expectedText)
        #expect(ics.content_type == "text/calendar")
        #expect(ics.method == c.method.rawValue)
        #expect(ics.calendar_method == c.method.rawValue)
        #expect(ics.charset?.uppercased() == "UTF-8")
        #expect(ics.encoding == "base64")
        #expect(ics.text == calendar)
    }

    @Test("#14.5: with an attachment the mail is multipart/mixed: the alternative, then invite.ics as application/ics",
          arguments: [ITIPMethod.request, .cancel])
    func attachedCalendar(_ method: ITIPMethod) throws {
        let calendar = try ICalendarWriter.invitation(method: method, events: [Sample.event(status: .confirmed)])
        let mail = try IMIPMail.message(
            from: CalendarAddress(name: "事務局", mailbox: Self.from), to: CalendarAddress(name: "北", mailbox: Self.to),
            subject: "【変更】会議", text: "本文\n", method: method, calendar: calendar,
            messageID: "R08-0012-1.3.kita.7@kasane.city.example.jp", date: UTCTimestamp(seconds: 1_780_000_000),
            attachment: "invite.ics")
        let r = try pythonReading(mail)
        #expect(r.content_type == "multipart/mixed")
        try #require(r.parts.count == 3, "\(r.parts.map(\.content_type))")
        #expect(r.parts.map(\.content_type) == ["text/plain", "text/calendar", "application/ics"])
        #expect(r.parts[1].method == method.rawValue && r.parts[1].text == calendar)
        #expect(r.parts[2].filename == "invite.ics" && r.parts[2].text == calendar)
        #expect(r.parts[2].calendar_method == method.rawValue)
        let lines = mail.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 } && Array(mail.utf8).allSatisfy { $0 < 0x80 })
        #expect(throws: ICalendarWriteError.self) {
            try IMIPMail.message(from: CalendarAddress(name: "", mailbox: Self.from), to: CalendarAddress(name: "", mailbox: Self.to),
                                 subject: "", text: "", method: method, calendar: calendar, messageID: "a@b.jp",
                                 date: UTCTimestamp(seconds: 0), attachment: "../x\".ics")
        }
    }

    @Test("CRLF only, no line over 78 octets, body lines at most 76, ASCII only", arguments: cases)
    func bytes(_ c: Case) throws {
        let (mail, _) = try message(c)
        let bytes = Array(mail.utf8)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        let lines = mail.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.contains("\r") || $0.contains("\n") })
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let bodyStart = try #require(lines.firstIndex(of: ""))
        #expect(lines[bodyStart...].allSatisfy { $0.utf8.count <= 76 })
        #expect(mail.hasSuffix("--\r\n"))
        #expect(!lines.contains { $0.hasPrefix("Bcc") || $0.hasPrefix("X-Injected") })
    }

    @Test("Deterministic: the boundary derives from the Message-ID")
    func deterministic() throws {
        let (a, _) = try message(Self.cases[0])
        let (b, _) = try message(Self.cases[0])
        #expect(a == b)
        let (c, _) = try message(Self.cases[0], messageID: "<other@kasane.city.example.jp>")
        func boundary(_ m: String) -> String? {
            m.components(separatedBy: "\r\n").first { $0.hasPrefix(" boundary=") }
        }
        #expect(boundary(a) != nil)
        #expect(boundary(a) != boundary(c))
        #expect(c.contains("Message-ID: <other@kasane.city.example.jp>\r\n"))
    }

    @Test("The Date header is RFC 5322 in Japan time", arguments: [
        (0, "Thu, 1 Jan 1970 09:00:00 +0900"),
        (1_780_000_000, "Fri, 29 May 2026 05:26:40 +0900"),
        (1_798_729_199, "Thu, 31 Dec 2026 23:59:59 +0900"),
    ])
    func dateHeader(seconds: Int, expected: String) throws {
        let calendar = try ICalendarWriter.invitation(method: .request, events: [Sample.event()])
        let mail = try IMIPMail.message(from: Sample.organizer, to: Sample.kita.address, subject: "s", text: "t",
                                        method: .request, calendar: calendar, messageID: "a@b",
                                        date: UTCTimestamp(seconds: seconds))
        #expect(mail.contains("\r\nDate: \(expected)\r\n"))
    }

    @Test("Refused: a method that differs from the METHOD line, a bad Message-ID or mailbox", arguments: [
        ("method", "REQUEST calendar sent as CANCEL"),
        ("id", "no-at-sign"),
        ("id", "a b@c"),
        ("id", "a@b>\r\nBcc: x@y"),
        ("to", "Kita <kita@houkatsu.example.jp>"),
        ("to", "kita@houkatsu.example.jp\r\nBcc: x@y"),
    ])
    func refused(field: String, value: String) throws {
        let calendar = try ICalendarWriter.invitation(method: .request, events: [Sample.event()])
        #expect(throws: ICalendarWriteError.self) {
            _ = try IMIPMail.message(
                from: Sample.organizer,
                to: CalendarAddress(name: "北", mailbox: field == "to" ? value : Self.to), subject: "s", text: "t",
                method: field == "method" ? .cancel : .request, calendar: calendar,
                messageID: field == "id" ? value : "a@b", date: UTCTimestamp(seconds: 0))
        }
    }
}
