import Foundation
import KasaneCalendar
import KasaneCore
import KasaneWording
import Testing

@Suite("ICalendarWriter: invitations and feeds")
struct ICalendarWriterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let method: ITIPMethod
        let events: [CalendarEvent]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a REQUEST for one item", method: .request, events: [Sample.event()]),
        Case(name: "a REQUEST for two items of one session", method: .request, events: [
            Sample.event(), Sample.event(uid: "R08-0031-1@kasane.city.example.jp", start: 14 * 60 + 30, end: 15 * 60),
        ]),
        Case(name: "a REQUEST raised to SEQUENCE 3, without LOCATION, URL or DESCRIPTION", method: .request, events: [
            Sample.event(sequence: 3, description: "", location: nil, url: nil),
        ]),
        Case(name: "long Japanese SUMMARY and DESCRIPTION", method: .request, events: [
            Sample.event(summary: Sample.longJapanese, description: Sample.longJapanese + "\n" + Sample.longJapanese,
                         location: Sample.longJapanese),
        ]),
        Case(name: "TEXT specials ; , \\ and line breaks in DESCRIPTION", method: .request, events: [
            Sample.event(summary: "議題; その1, その2 \\ 補足", description: "一行目\n二行目; a,b \\ c\n\n四行目"),
        ]),
        Case(name: "CN with ^, \", ; , : and a long Japanese name", method: .request, events: [
            Sample.event(organizer: CalendarAddress(name: "事務局 ^ \"本庁\"; 福祉課, 窓口: 1", mailbox: "jimukyoku@city.example.jp"),
                         attendees: [
                             CalendarAttendee(address: CalendarAddress(name: "^'not a quote^' ^^ ^n", mailbox: "a@x.example.jp"),
                                              role: .required),
                             CalendarAttendee(address: CalendarAddress(name: Sample.longJapanese, mailbox: "b@x.example.jp"),
                                              role: .optional),
                             CalendarAttendee(address: CalendarAddress(name: "", mailbox: "c@x.example.jp"), role: .optional,
                                              rsvp: false),
                         ]),
        ]),
        Case(name: "an item ending at midnight", method: .request, events: [
            Sample.event(start: 23 * 60, end: 24 * 60),
        ]),
        Case(name: "a CANCEL of a cancelled session (STATUS:CANCELLED)", method: .cancel, events: [
            Sample.event(sequence: 2, status: .cancelled),
        ]),
        Case(name: "a CANCEL uninviting one person (no STATUS)", method: .cancel, events: [
            Sample.event(sequence: 1, attendees: [Sample.kita]),
        ]),
    ]

    @Test("Every invitation parses back the same in libical, icalendar, vobject and ical", arguments: cases)
    func invitationParsesEverywhere(_ c: Case) throws {
        let text = try ICalendarWriter.invitation(method: c.method, events: c.events)
        let read = try checkEverywhere(text)
        #expect(read.method == c.method.rawValue)
        #expect(read.events == c.events.map { NormalEvent(expected: $0, method: c.method) })
        let lines = ContentLines.unfold(text)
        #expect(lines.filter { $0 == "METHOD:\(c.method.rawValue)" }.count == 1)
        #expect(lines.filter { $0 == "CLASS:CONFIDENTIAL" }.count == c.events.count)
        #expect(lines.filter { $0.hasPrefix("DTSTAMP:") }.allSatisfy { $0 == "DTSTAMP:20260528T202640Z" })
    }

    @Test("A feed has no METHOD, the RFC 7986 and X-WR properties, and parses back everywhere", arguments: [0, 1, 3])
    func feedParsesEverywhere(count: Int) throws {
        let events = (0..<count).map { i in
            Sample.event(uid: "R08-00\(i)-1@kasane.city.example.jp", start: 14 * 60 + i * 30, end: 14 * 60 + i * 30 + 30,
                         status: i == 2 ? .cancelled : .confirmed)
        }
        let text = try ICalendarWriter.feed(name: "地域包括支援センター 北, 重層的支援会議; 予定", events: events)
        let read = try checkEverywhere(text)
        #expect(read.method == nil)
        #expect(read.name == "地域包括支援センター 北, 重層的支援会議; 予定")
        #expect(read.events == events.map { NormalEvent(expected: $0, method: nil) })
        let lines = ContentLines.unfold(text)
        #expect(!lines.contains { $0.hasPrefix("METHOD") })
        for expected in ["X-WR-CALNAME:地域包括支援センター 北， 重層的支援会議； 予定", "X-WR-TIMEZONE:Asia/Tokyo",
                         "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H", "CALSCALE:GREGORIAN",
                         "VERSION:2.0", "PRODID:-//Kasane//Kasane//JA"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    @Test("The refresh interval is written in both forms", arguments: [(30, "PT30M"), (90, "PT1H30M"), (1440, "P1D")])
    func refreshInterval(minutes: Int, expected: String) throws {
        let lines = ContentLines.unfold(try ICalendarWriter.feed(name: "n", events: [], refreshMinutes: minutes))
        #expect(lines.contains("REFRESH-INTERVAL;VALUE=DURATION:\(expected)"))
        #expect(lines.contains("X-PUBLISHED-TTL:\(expected)"))
    }

    @Test("Kasane's own VTIMEZONE: Asia/Tokyo, +0900, no daylight time, not libical's built-in zone")
    func ownTimeZone() throws {
        let text = try ICalendarWriter.invitation(method: .request, events: [Sample.event()])
        let block = "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            + "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        #expect(text.contains(block))
        #expect(!text.contains("freeassociation"))
        #expect(!text.contains("DAYLIGHT"))
        #expect(ContentLines.unfold(text).contains("DTSTART;TZID=Asia/Tokyo:20260708T140000"))
        #expect(ContentLines.unfold(text).contains("DTEND;TZID=Asia/Tokyo:20260708T143000"))
    }

    @Test("Same input, byte-identical output; a change shows only where it should")
    func deterministic() throws {
        let events = [Sample.event(), Sample.event(uid: "other@kasane.city.example.jp", summary: Sample.longJapanese)]
        let a = try ICalendarWriter.invitation(method: .request, events: events)
        let b = try ICalendarWriter.invitation(method: .request, events: events)
        #expect(Array(a.utf8) == Array(b.utf8))
        let feedA = try ICalendarWriter.feed(name: "北", events: events)
        #expect(Array(feedA.utf8) == Array(try ICalendarWriter.feed(name: "北", events: events).utf8))
        var moved = events
        moved[0].sequence = 1
        let c = try ICalendarWriter.invitation(method: .request, events: moved)
        let diff = zip(ContentLines.unfold(a), ContentLines.unfold(c)).filter { $0 != $1 }
        #expect(diff.map(\.1) == ["SEQUENCE:1"])
    }

    @Test("STATUS is written as the event says, except a confirmed event in a CANCEL (uninvite)", arguments: [
        (ITIPMethod.request, CalendarEventStatus.confirmed, String?("STATUS:CONFIRMED")),
        (.request, .tentative, "STATUS:TENTATIVE"),
        (.request, .cancelled, "STATUS:CANCELLED"),
        (.cancel, .cancelled, "STATUS:CANCELLED"),
        (.cancel, .tentative, "STATUS:TENTATIVE"),
        (.cancel, .confirmed, nil),
    ])
    func statusRule(method: ITIPMethod, status: CalendarEventStatus, expected: String?) throws {
        let text = try ICalendarWriter.invitation(method: method, events: [Sample.event(status: status)])
        let lines = ContentLines.unfold(text).filter { $0.hasPrefix("STATUS") }
        #expect(lines == (expected.map { [$0] } ?? []))
    }

    @Test("Feeds always write STATUS, so removed items show as CANCELLED", arguments: [
        CalendarEventStatus.confirmed, .tentative, .cancelled,
    ])
    func feedStatus(status: CalendarEventStatus) throws {
        let text = try ICalendarWriter.feed(name: "n", events: [Sample.event(status: status)])
        #expect(ContentLines.unfold(text).filter { $0.hasPrefix("STATUS") } == ["STATUS:\(status.rawValue)"])
    }

    @Test("ORGANIZER and ATTENDEE carry CN, CUTYPE, ROLE, PARTSTAT and RSVP")
    func attendeeLines() throws {
        let text = try ICalendarWriter.invitation(method: .request, events: [Sample.event()])
        let lines = ContentLines.unfold(text)
        #expect(lines.contains("ORGANIZER;CN=重層的支援 事務局:mailto:jimukyoku@city.example.jp"))
        #expect(lines.contains("ATTENDEE;CN=相談支援包括化推進員;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=NEEDS-ACTION:"
            + "mailto:chair@npo.example.jp"))
        #expect(lines.contains("ATTENDEE;CN=地域包括支援センター 北;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
            + "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:kita@houkatsu.example.jp"))
        #expect(lines.contains("ATTENDEE;CN=社会福祉協議会;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;"
            + "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:csw@shakyo.example.jp"))
    }

    // MARK: - Sanitizing

    @Test("Control characters are stripped before libical; DESCRIPTION keeps line breaks", arguments: [
        ("summary", "会議\u{00}\u{01}\u{1F}\u{7F}\u{9B}名", "会議名"),
        ("summary", "一行目\r\n二行目\n三\r四\t五", "一行目 二行目 三 四 五"),
        ("summary", Sample.awkward, "a^b \"quoted\" x;y,z \\back\\slash[31mend tab"),
        ("description", "一行目\r\n二行目\r三行目\n\n\u{0B}\u{0C}\u{1B}五\t六", "一行目\n二行目\n三行目\n\n五 六"),
        ("description", Sample.awkward, "a^b \"quoted\" x;y,z \\back\\slash[31mend tab"),
        ("location", "3階\n会議室\u{07}A", "3階 会議室A"),
        ("uid", "R08-0012-1\u{0D}\u{0A}X-INJECTED:1@kasane", "R08-0012-1 X-INJECTED:1@kasane"),
    ])
    func controlsStripped(field: String, input: String, expected: String) throws {
        var event = Sample.event()
        switch field {
        case "summary": event.summary = input
        case "description": event.description = input
        case "location": event.location = input
        default: event.uid = input
        }
        let text = try ICalendarWriter.invitation(method: .request, events: [event])
        let read = try checkEverywhere(text)
        let got = switch field {
        case "summary": read.events[0].summary
        case "description": read.events[0].description
        case "location": read.events[0].location
        default: Optional(read.events[0].uid)
        }
        #expect(got == expected)
        #expect(!ContentLines.unfold(text).contains { $0.hasPrefix("X-INJECTED") })
    }

    @Test("Parameter values: ^ and \" survive (RFC 6868), line breaks and controls do not", arguments: [
        ("a^b", "a^b"),
        ("He said \"hi\"", "He said \"hi\""),
        ("^'literal^' ^^ ^n", "^'literal^' ^^ ^n"),
        ("名前\r\n;ROLE=CHAIR:mailto:evil@example.jp", "名前 ;ROLE=CHAIR:mailto:evil@example.jp"),
        ("a\u{00}b\u{1B}c\u{7F}", "abc"),
        (Sample.awkward, "a^b \"quoted\" x;y,z \\back\\slash[31mend tab"),
    ])
    func parameterValues(name: String, expected: String) throws {
        let attendee = CalendarAttendee(address: CalendarAddress(name: name, mailbox: "a@x.example.jp"), role: .required)
        let text = try ICalendarWriter.invitation(method: .request, events: [Sample.event(attendees: [attendee])])
        let read = try checkEverywhere(text)
        #expect(read.events[0].attendees.map(\.cn) == [expected])
        #expect(read.events[0].attendees.map(\.role) == ["REQ-PARTICIPANT"])
        #expect(read.events[0].attendees.map(\.address) == ["mailto:a@x.example.jp"])
    }

    // MARK: - Refusals

    @Test("A mailbox that is not a plain address is refused, naming the event", arguments: [
        "", "no-at-sign", "two@@example.jp", "a b@example.jp", "名前@example.jp", "Name <a@example.jp>",
        "a@example.jp\r\nBcc: x@example.jp", "mailto:a@example.jp", "a@example.jp,b@example.jp", "a@exa_mple.jp",
        ".a@example.jp", "a..b@example.jp", "a@-example.jp", "a@example..jp", "a\"b@example.jp", "a%b@example.jp",
        "a?cc=x@example.jp",
    ])
    func badMailboxRefused(mailbox: String) {
        let attendee = CalendarAttendee(address: CalendarAddress(name: "x", mailbox: mailbox), role: .required)
        #expect {
            _ = try ICalendarWriter.invitation(method: .request, events: [Sample.event(attendees: [attendee])])
        } throws: { error in
            let e = error as? ICalendarWriteError
            return e?.subject == "event 'R08-0012-1@kasane.city.example.jp'"
                && e?.problem == .notPlainMailbox(.attendee, mailbox: mailbox)
        }
        #expect(throws: ICalendarWriteError.self) {
            _ = try ICalendarWriter.feed(name: "n", events: [Sample.event(organizer: CalendarAddress(name: "x", mailbox: mailbox))])
        }
    }

    @Test("Plain mailboxes are accepted", arguments: [
        "a@example.jp", "first.last+tag@sub.example.co.jp", "o'brien@example.com", "x_y-z@localhost", "A1@EXAMPLE.JP",
    ])
    func plainMailboxAccepted(mailbox: String) throws {
        let attendee = CalendarAttendee(address: CalendarAddress(name: "x", mailbox: mailbox), role: .required)
        let read = try LibicalReader.read(try ICalendarWriter.invitation(method: .request,
                                                                         events: [Sample.event(attendees: [attendee])]))
        #expect(read.events[0].attendees.map(\.address) == ["mailto:" + mailbox])
    }

    @Test("Events that cannot be written are refused with what to fix", arguments: [
        (Sample.event(uid: "\u{01}\u{02}"), "UID is empty"),
        (Sample.event(sequence: -1), "SEQUENCE -1"),
        (Sample.event(start: 15 * 60, end: 15 * 60), "DTEND 15:00 must be after DTSTART 15:00"),
        (Sample.event(start: 15 * 60, end: 14 * 60), "must be after"),
        (Sample.event(start: 23 * 60, end: 24 * 60 + 30), "within the day"),
        (Sample.event(url: "meet.example.jp/room"), "not an absolute URI"),
        (Sample.event(url: "https://meet.example.jp/a b"), "not an absolute URI"),
        (Sample.event(url: "https://meet.example.jp/\r\nX-INJECTED:1"), "not an absolute URI"),
        (Sample.event(attendees: [CalendarAttendee(address: Sample.kita.address, role: .required, cutype: "A;B=C")]),
         "must be tokens"),
    ])
    func refused(event: CalendarEvent, expected: String) {
        #expect {
            _ = try ICalendarWriter.invitation(method: .request, events: [event])
        } throws: { error in
            // The English words of the typed problem (#13.3: the message itself is Japanese).
            (error as? ICalendarWriteError).map { Catalogue(.en)($0.problem).contains(expected) && !$0.message.isEmpty } == true
        }
    }

    @Test("A feed refuses a refresh interval under a minute", arguments: [0, -60])
    func badRefresh(minutes: Int) {
        #expect(throws: ICalendarWriteError.self) {
            _ = try ICalendarWriter.feed(name: "n", events: [], refreshMinutes: minutes)
        }
    }
}
