// kasane-bench: writes 10,000 calendar events with ICalendarWriter and prints the time taken.
// Not a test: scripts/bench_ics.sh runs it beside scripts/bench_icalendar.py, which builds the
// same events with PyPI icalendar.
//
// usage: kasane-bench [COUNT] [--out DIR]   (DIR receives feed.ics and invitation-0.ics)
import Foundation
import KasaneCalendar
import KasaneCore

let arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.first.flatMap { Int($0) } ?? 10_000
let outDirectory = arguments.firstIndex(of: "--out").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }

/// Event `i` of the benchmark; scripts/bench_icalendar.py builds the same one.
func benchEvent(_ i: Int) -> CalendarEvent {
    let organizer = CalendarAddress(name: "重層的支援 事務局", mailbox: "jimukyoku@city.example.jp")
    let start = TimeOfDay(minutes: 9 * 60 + (i % 16) * 30)
    return CalendarEvent(
        uid: "kasane-bench-\(i)@kasane.example.jp", sequence: i % 5, stamp: UTCTimestamp(seconds: 1_775_001_600),
        date: LocalDate(year: 2026, month: 4, day: 1)!.adding(days: i % 365), start: start, end: start.adding(minutes: 30),
        summary: "重層的支援会議 R08-\(i) 複合課題の検討",
        description: "重層的支援会議（定例）\nケース番号: R08-\(i)\n検討事項: 複合課題\n議題:\n・支援の方向性\n・役割分担",
        location: "市役所 本庁舎 3階 第1会議室", url: "https://meet.example.jp/r/\(i)", status: .confirmed,
        organizer: organizer,
        attendees: [
            CalendarAttendee(address: CalendarAddress(name: "相談支援包括化推進員", mailbox: "chair@npo.example.jp"), role: .chair),
            CalendarAttendee(address: CalendarAddress(name: "地域包括支援センター 北", mailbox: "kita@houkatsu.example.jp"),
                             role: .required),
            CalendarAttendee(address: CalendarAddress(name: "障害者相談支援事業所", mailbox: "soudan@shogai.example.jp"),
                             role: .required),
            CalendarAttendee(address: CalendarAddress(name: "社会福祉協議会", mailbox: "csw@shakyo.example.jp"), role: .optional),
        ])
}

let events = (0..<count).map(benchEvent)
let clock = ContinuousClock()
do {
    var feed = ""
    let feedTime = try clock.measure {
        feed = try ICalendarWriter.feed(name: "地域包括支援センター 北 — 重層的支援会議", events: events)
    }
    var invitations: [String] = []
    invitations.reserveCapacity(count)
    let invitationTime = try clock.measure {
        for event in events { invitations.append(try ICalendarWriter.invitation(method: .request, events: [event])) }
    }
    func ms(_ d: Duration) -> String {
        let (s, attos) = d.components
        return String(format: "%.1f", Double(s) * 1000 + Double(attos) / 1e15)
    }
    print("swift-libical feed: \(count) events in one VCALENDAR: \(ms(feedTime)) ms (\(feed.utf8.count) bytes)")
    print("swift-libical invitations: \(count) REQUEST files of one event: \(ms(invitationTime)) ms "
        + "(\(invitations.reduce(0) { $0 + $1.utf8.count }) bytes)")
    if let outDirectory {
        try feed.write(toFile: outDirectory + "/feed.ics", atomically: true, encoding: .utf8)
        try invitations.first?.write(toFile: outDirectory + "/invitation-0.ics", atomically: true, encoding: .utf8)
    }
} catch {
    FileHandle.standardError.write(Data("kasane-bench: \(error)\n".utf8))
    exit(1)
}
