import Foundation
import KasaneCalendar
import KasaneCore
import Testing

/// #14.7: the reminders (VALARM) and the link to the reader's agenda a reader's copy adds, as
/// libical writes them and libical, icalendar, vobject and ical read them back.
@Suite("ICalendarWriter: reminders and agenda links (#14.7)")
struct ReminderWriterTests {
    static let link = "https://kasane.example.jp/documents/jusou-2026-07-08-agenda-p-kita-1.html"
    static let uid = "R08-0012-1@kasane.city.example.jp"

    /// The alarms a reader finds for `Sample.event()` with `reminders`.
    static func expected(_ reminders: CalendarReminders, summary: String = Sample.event().summary) -> [NormalAlarm] {
        (reminders.dayBefore ? [NormalAlarm(action: "DISPLAY", trigger: "-P1D", description: "会議の前日です: \(summary)")] : [])
            + (reminders.hourBefore ? [NormalAlarm(action: "DISPLAY", trigger: "-PT1H", description: "会議の1時間前です: \(summary)")] : [])
    }

    @Test("#14.7: a REQUEST carries a DISPLAY alarm per reminder turned on, TRIGGER;RELATED=START at -P1D and -PT1H",
          arguments: [CalendarReminders(dayBefore: true, hourBefore: true), CalendarReminders(dayBefore: true),
                      CalendarReminders(hourBefore: true), CalendarReminders.none])
    func requestAlarms(_ reminders: CalendarReminders) throws {
        let event = Sample.event()
        let text = try ICalendarWriter.invitation(method: .request, events: [event],
                                                  extras: ReaderExtras(reminders: reminders))
        let read = try checkEverywhere(text)
        #expect(read.events == [NormalEvent(expected: event, method: .request, alarms: Self.expected(reminders))])
        let lines = ContentLines.unfold(text)
        #expect(lines.filter { $0 == "BEGIN:VALARM" }.count == [reminders.dayBefore, reminders.hourBefore].filter { $0 }.count)
        #expect(lines.contains("TRIGGER;RELATED=START:-P1D") == reminders.dayBefore)
        #expect(lines.contains("TRIGGER;RELATED=START:-PT1H") == reminders.hourBefore)
        #expect(lines.filter { $0.hasPrefix("TRIGGER") }.allSatisfy { $0.hasPrefix("TRIGGER;RELATED=START:-P") })
        // Turned off, the bytes are those of a writer that knows nothing of reminders.
        if reminders == .none {
            let plain = try ICalendarWriter.invitation(method: .request, events: [event])
            #expect(text == plain)
        }
    }

    @Test("#14.7: a CANCEL carries no alarm and no agenda link, whether the item is cancelled or one person uninvited",
          arguments: [CalendarEventStatus.cancelled, .confirmed])
    func cancelHasNoAlarm(_ status: CalendarEventStatus) throws {
        let event = Sample.event(sequence: 2, status: status)
        let extras = ReaderExtras(reminders: CalendarReminders(dayBefore: true, hourBefore: true), links: [Self.uid: Self.link])
        let text = try ICalendarWriter.invitation(method: .cancel, events: [event], extras: extras)
        let read = try checkEverywhere(text)
        #expect(read.events == [NormalEvent(expected: event, method: .cancel)])
        #expect(!text.contains("VALARM") && !text.contains("agenda") && !text.contains("CONFERENCE"))
        let plain = try ICalendarWriter.invitation(method: .cancel, events: [event])
        #expect(text == plain)
    }

    @Test("#14.7: in a feed the events that go on carry the alarms and links; a cancelled one neither")
    func feedSkipsCancelled() throws {
        let events = [Sample.event(), Sample.event(uid: "R08-0031-1@kasane.city.example.jp", start: 15 * 60, end: 15 * 60 + 30,
                                                   url: nil, status: .cancelled)]
        let reminders = CalendarReminders(dayBefore: true, hourBefore: true)
        let links = [Self.uid: Self.link, "R08-0031-1@kasane.city.example.jp": Self.link + "-other"]
        let text = try ICalendarWriter.feed(name: "北", events: events, extras: ReaderExtras(reminders: reminders, links: links))
        let read = try checkEverywhere(text)
        #expect(read.events[0].alarms == Self.expected(reminders))
        #expect(read.events[0].url == Self.link)
        #expect(read.events[1].alarms == [] && read.events[1].url == nil, "\(read.events[1])")
        #expect(!text.contains("-other"))
    }

    @Test("#14.7: the agenda link is the event's URL; the online link the event had moves to CONFERENCE (RFC 7986)",
          arguments: [String?("https://meet.example.jp/r/abc"), nil])
    func agendaLink(online: String?) throws {
        let event = Sample.event(url: online)
        let text = try ICalendarWriter.invitation(method: .request, events: [event],
                                                  extras: ReaderExtras(links: [Self.uid: Self.link]))
        let read = try checkEverywhere(text)
        var expected = NormalEvent(expected: event, method: .request)
        expected.url = Self.link
        #expect(read.events == [expected])
        let conference = ContentLines.unfold(text).filter { $0.hasPrefix("CONFERENCE") }
        #expect(conference == (online.map { ["CONFERENCE;VALUE=URI:\($0)"] } ?? []))
        // A link for another event changes nothing in this one.
        let other = try ICalendarWriter.invitation(method: .request, events: [event],
                                                   extras: ReaderExtras(links: ["other@x": Self.link]))
        let plain = try ICalendarWriter.invitation(method: .request, events: [event])
        #expect(other == plain)
    }

    @Test("#14.7, bad input: an agenda link that is not an absolute URI is refused, naming the event",
          arguments: ["kasane.example.jp/a.html", "https://kasane.example.jp/a b.html", "https://x.jp/\u{1B}[31m"])
    func badLink(_ link: String) throws {
        #expect {
            try ICalendarWriter.invitation(method: .request, events: [Sample.event()], extras: ReaderExtras(links: [Self.uid: link]))
        } throws: { error in
            (error as? ICalendarWriteError)?.subject == "event '\(Self.uid)'"
        }
    }

    @Test("#14.7, privacy: the alarm text is the reminder and the SUMMARY only, folded and cleaned like every text")
    func alarmTextHoldsOnlyTheSummary() throws {
        let event = Sample.event(summary: Sample.longJapanese + "\u{1B}[31m")
        let text = try ICalendarWriter.invitation(method: .request, events: [event],
                                                  extras: ReaderExtras(reminders: CalendarReminders(dayBefore: true, hourBefore: true)))
        let read = try checkEverywhere(text)
        let summary = try #require(read.events.first?.summary)
        #expect(read.events.first?.alarms.map(\.description) == ["会議の前日です: \(summary)", "会議の1時間前です: \(summary)"])
        let alarmLines = ContentLines.unfold(text).drop { $0 != "BEGIN:VALARM" }
        for name in [Sample.chair, Sample.kita, Sample.shakyo].map(\.address.name) + ["mailto:", "市役所"] {
            #expect(!alarmLines.contains { $0.contains(name) }, "\(name) in an alarm")
        }
        let again = try ICalendarWriter.invitation(method: .request, events: [event],
                                                   extras: ReaderExtras(reminders: CalendarReminders(dayBefore: true, hourBefore: true)))
        #expect(Array(again.utf8) == Array(text.utf8), "byte-stable")
    }
}
