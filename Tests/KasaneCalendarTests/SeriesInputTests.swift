import Foundation
import KasaneCalendar
import KasaneCore
import Testing

/// Hand-edited series files (issue 12, points 1, 4, 5, 6): bounded numbers, RFC 5545 escapes,
/// time zones, RECURRENCE-ID overrides, expansion from the window, URLs.
@Suite("Series files edited by hand (#12)")
struct SeriesInputTests {
    static func jusou(_ edits: [(String, String)]) throws -> String {
        var text = try readRepoFile("calendars/jusou.ics")
        for (old, new) in edits {
            #expect(text.contains(old), "fixture lacks \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    static func refusal(_ text: String) -> String? {
        do {
            _ = try SeriesFile.parse(text, file: "bad.ics")
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: - #12.1 numbers

    @Test("#12.1 out-of-range X-KASANE-CAPACITY / MINUTES-PER-ITEM are refused naming the property and range, never overflow",
          arguments: [
              ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:9223372036854775807", ["X-KASANE-CAPACITY", "1〜50"]),
              ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:99999999999999999999999", ["X-KASANE-CAPACITY", "1〜50"]),
              ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:0", ["X-KASANE-CAPACITY", "1〜50"]),
              ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:51", ["X-KASANE-CAPACITY", "1〜50"]),
              ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:-3", ["X-KASANE-CAPACITY", "1〜50"]),
              ("X-KASANE-MINUTES-PER-ITEM:30", "X-KASANE-MINUTES-PER-ITEM:9223372036854775807",
               ["X-KASANE-MINUTES-PER-ITEM", "5〜480"]),
              ("X-KASANE-MINUTES-PER-ITEM:30", "X-KASANE-MINUTES-PER-ITEM:4", ["X-KASANE-MINUTES-PER-ITEM", "5〜480"]),
              ("X-KASANE-MINUTES-PER-ITEM:30", "X-KASANE-MINUTES-PER-ITEM:abc", ["X-KASANE-MINUTES-PER-ITEM", "5〜480"]),
              ("X-KASANE-CAPACITY:4\r\n", "", ["X-KASANE-CAPACITY がありません"]),
          ])
    func boundedNumbers(original: String, replacement: String, gist: [String]) throws {
        let message = try #require(Self.refusal(try Self.jusou([(original, replacement)])))
        #expect(message.hasPrefix("bad.ics: "))
        for g in gist { #expect(message.contains(g), "\(message)") }
    }

    @Test("#12.1 / #11.8 items that do not fit name DTEND, X-KASANE-CAPACITY, X-KASANE-MINUTES-PER-ITEM and what fits")
    func fitMessage() throws {
        let message = try #require(Self.refusal(try Self.jusou([("X-KASANE-MINUTES-PER-ITEM:30", "X-KASANE-MINUTES-PER-ITEM:480")])))
        for g in ["4 件 × 480 分", "DTEND", "X-KASANE-CAPACITY を 0 以下", "X-KASANE-MINUTES-PER-ITEM", "既定値"] {
            #expect(message.contains(g), "\(message)")
        }
        let six = try #require(Self.refusal(try Self.jusou([("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:5")])))
        #expect(six.contains("X-KASANE-CAPACITY を 4 以下"), "\(six)")
    }

    // MARK: - #12.4 escapes

    @Test("#12.4 TEXT escapes are undone on input and written once: series → session text → feed bytes")
    func escapesRoundTrip() throws {
        let text = try Self.jusou([
            ("LOCATION:かさね市役所 本庁舎3階 第1会議室", "LOCATION:本庁舎\\, 3階\\; 第1会議室 \\\\ 奥"),
            ("SUMMARY:重層的支援会議・支援会議（定例）", "SUMMARY:定例\\, 月1回"),
        ])
        let def = try SeriesFile.parse(text, file: "jusou.ics")
        #expect(def.series.location == "本庁舎, 3階; 第1会議室 \\ 奥")
        #expect(def.series.title == "定例, 月1回")
        let session = try #require(try def.sessions(from: LocalDate(iso: "2026-07-01")!, through: LocalDate(iso: "2026-07-31")!,
                                                    calendar: BusinessCalendar()).first)
        #expect(session.location == "本庁舎, 3階; 第1会議室 \\ 奥", "agenda text carries no escapes")
        let feed = try ICalendarWriter.feed(name: "n", events: [Sample.event(location: session.location)])
        #expect(ContentLines.unfold(feed).contains("LOCATION:本庁舎\\, 3階\\; 第1会議室 \\\\ 奥"), "escaped exactly once")
        // And the series writer writes the same escapes back.
        let reread = try SeriesFile.parse(try SeriesWriter.write(def), file: "again.ics")
        #expect(reread.series.location == def.series.location)
        #expect(reread.series.title == def.series.title)
    }

    // MARK: - #12.5a time zones

    @Test("#12.5a a UTC DTSTART is converted to Asia/Tokyo wall time (05:00Z = 14:00 JST)")
    func utcStart() throws {
        let text = try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART:20260408T050000Z"),
            ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND:20260408T070000Z"),
            ("EXDATE;TZID=Asia/Tokyo:20260812T140000", "EXDATE:20260812T050000Z"),
        ])
        let def = try SeriesFile.parse(text, file: "utc.ics")
        #expect(def.series.start == TimeOfDay(hour: 14, minute: 0))
        #expect(def.series.end == TimeOfDay(hour: 16, minute: 0))
        let tokyo = try SeriesFile.parse(try readRepoFile("calendars/jusou.ics"), file: "jusou.ics")
        let from = LocalDate(iso: "2026-04-01")!, through = LocalDate(iso: "2027-03-31")!
        #expect(try def.dates(from: from, through: through) == tokyo.dates(from: from, through: through))
    }

    @Test("#12.5a a UTC time that is the next day in Tokyo moves every occurrence to the Tokyo date")
    func utcNextDay() throws {
        // 2nd Tuesday 20:00Z = the Wednesday after, 05:00 JST.
        let text = try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART:20260414T200000Z"),
            ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND:20260414T220000Z"),
            ("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:FREQ=MONTHLY;BYDAY=2TU"),
            ("EXDATE;TZID=Asia/Tokyo:20260812T140000\r\n", ""), ("RDATE;TZID=Asia/Tokyo:20260826T140000\r\n", ""),
        ])
        let def = try SeriesFile.parse(text, file: "utc.ics")
        #expect(def.firstDate == LocalDate(iso: "2026-04-15"))
        #expect(def.series.start == TimeOfDay(hour: 5, minute: 0))
        let dates = try def.dates(from: LocalDate(iso: "2026-05-01")!, through: LocalDate(iso: "2026-07-31")!)
        #expect(dates.map(\.iso) == ["2026-05-13", "2026-06-10", "2026-07-15"])
        #expect(dates.allSatisfy { $0.weekday == .wednesday })
    }

    @Test("#12.5a a zone without summer time converts; one with summer time is refused when the Tokyo time moves")
    func namedZones() throws {
        let seoul = try SeriesFile.parse(try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Asia/Seoul:20260408T140000"),
            ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND;TZID=Asia/Seoul:20260408T160000"),
        ]), file: "seoul.ics")
        #expect(seoul.series.start == TimeOfDay(hour: 14, minute: 0))
        #expect(try seoul.dates(from: LocalDate(iso: "2026-07-01")!, through: LocalDate(iso: "2026-09-30")!).map(\.iso)
            == ["2026-07-08", "2026-08-26", "2026-09-09"])

        let paris = try SeriesFile.parse(try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Europe/Paris:20260408T070000"),
            ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND;TZID=Europe/Paris:20260408T080000"),
            ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:2"),
        ]), file: "paris.ics")
        #expect(paris.series.start == TimeOfDay(hour: 14, minute: 0), "07:00 CEST = 14:00 JST")
        do {
            _ = try paris.dates(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2027-03-31")!)
            Issue.record("a summer-time zone whose Tokyo time moves was expanded")
        } catch {
            #expect("\(error)".contains("夏時間") && "\(error)".contains("Asia/Tokyo"), "\(error)")
        }
        let unknown = try #require(Self.refusal(try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Mars/Olympus:20260408T140000"),
        ])))
        #expect(unknown.contains("TZID=Mars/Olympus") && unknown.contains("Asia/Tokyo"), "\(unknown)")
    }

    // MARK: - #12.5b RECURRENCE-ID

    static let overrides = """
        BEGIN:VEVENT\r
        UID:series-jusou@kasane.example.jp\r
        DTSTAMP:20260301T000000Z\r
        RECURRENCE-ID;TZID=Asia/Tokyo:20260909T140000\r
        DTSTART;TZID=Asia/Tokyo:20260910T150000\r
        DTEND;TZID=Asia/Tokyo:20260910T170000\r
        SUMMARY:重層的支援会議・支援会議（定例・振替）\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:series-jusou@kasane.example.jp\r
        DTSTAMP:20260301T000000Z\r
        RECURRENCE-ID;TZID=Asia/Tokyo:20261014T140000\r
        DTSTART;TZID=Asia/Tokyo:20261014T140000\r
        DTEND;TZID=Asia/Tokyo:20261014T160000\r
        STATUS:CANCELLED\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("#12.5b a RECURRENCE-ID override moves its occurrence; STATUS:CANCELLED removes it")
    func recurrenceOverrides() throws {
        let text = try Self.jusou([("END:VEVENT\r\nEND:VCALENDAR\r\n", "END:VEVENT\r\n" + Self.overrides)])
        let def = try SeriesFile.parse(text, file: "jusou.ics")
        #expect(def.overrides.count == 2)
        let sessions = try def.sessions(from: LocalDate(iso: "2026-09-01")!, through: LocalDate(iso: "2026-11-30")!,
                                        calendar: BusinessCalendar())
        #expect(sessions.map(\.date.iso) == ["2026-09-10", "2026-11-11"])
        let moved = try #require(sessions.first)
        #expect(moved.id == "jusou-2026-09-10")  // issue 11.8: the id names the day it is held
        #expect(moved.start == TimeOfDay(hour: 15, minute: 0) && moved.end == TimeOfDay(hour: 17, minute: 0))
        #expect(moved.note?.contains("RECURRENCE-ID") == true)
        // The independent expander agrees on the moved occurrence.
        let path = try temporaryFile(text, suffix: ".ics")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let oracle = try runOracle([repoRoot.appendingPathComponent("scripts/expand_series.py").path, path,
                                    "2026-09-01", "2026-09-30"])
        #expect(oracle == ["2026-09-10"])
        // Written back, the overrides survive.
        let reread = try SeriesFile.parse(try SeriesWriter.write(def), file: "again.ics")
        #expect(reread.overrides.sorted { $0.original < $1.original } == def.overrides.sorted { $0.original < $1.original })
    }

    @Test("#12.5b a RECURRENCE-ID that is not an occurrence of the series is an error, not ignored")
    func strayOverride() throws {
        let text = try Self.jusou([("END:VEVENT\r\nEND:VCALENDAR\r\n", "END:VEVENT\r\n" + Self.overrides
            .replacingOccurrences(of: "RECURRENCE-ID;TZID=Asia/Tokyo:20260909T140000", with: "RECURRENCE-ID;TZID=Asia/Tokyo:20260910T140000")
            .replacingOccurrences(of: "END:VCALENDAR\r\n", with: "") + "END:VCALENDAR\r\n")])
        let def = try SeriesFile.parse(text, file: "jusou.ics")
        do {
            _ = try def.sessions(from: LocalDate(iso: "2026-09-01")!, through: LocalDate(iso: "2026-11-30")!,
                                 calendar: BusinessCalendar())
            Issue.record("an override of no occurrence was ignored")
        } catch {
            #expect("\(error)".contains("2026-09-10") && "\(error)".contains("RECURRENCE-ID"), "\(error)")
        }
    }

    @Test("#12.5b a second VEVENT of another series, or without RECURRENCE-ID, is refused")
    func strayEvents() throws {
        let other = try Self.jusou([("END:VEVENT\r\nEND:VCALENDAR\r\n",
                                     "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:other@x\r\nDTSTAMP:20260301T000000Z\r\n"
                                         + "DTSTART:20260410T140000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")])
        #expect(Self.refusal(other)?.contains("1つの系列") == true)
        let twin = try Self.jusou([("END:VEVENT\r\nEND:VCALENDAR\r\n",
                                    "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:series-jusou@kasane.example.jp\r\n"
                                        + "DTSTAMP:20260301T000000Z\r\nDTSTART:20260410T140000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")])
        #expect(Self.refusal(twin)?.contains("RECURRENCE-ID") == true)
    }

    // MARK: - #12.5c expansion from the window

    @Test("#12.5c a series begun years ago still yields this year's sessions, as recurring-ical-events does",
          arguments: ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=2WE"])
    func oldSeries(rule: String) throws {
        let text = try Self.jusou([
            ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Asia/Tokyo:20130410T140000"),
            ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND;TZID=Asia/Tokyo:20130410T160000"),
            ("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:" + rule),
        ])
        let def = try SeriesFile.parse(text, file: "old.ics")
        let ours = try def.dates(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2026-06-30")!).map(\.iso)
        #expect(!ours.isEmpty)
        let path = try temporaryFile(text, suffix: ".ics")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let oracle = try runOracle([repoRoot.appendingPathComponent("scripts/expand_series.py").path, path,
                                    "2026-04-01", "2026-06-30"])
        #expect(ours == oracle)
    }

    @Test("#12.5c more occurrences in the window than the cap is an error, not a silent cut")
    func capIsLoud() throws {
        let def = try SeriesFile.parse(try Self.jusou([("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:FREQ=DAILY")]), file: "d.ics")
        #expect(throws: CalendarFileError.self) {
            _ = try def.dates(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2046-04-01")!)
        }
    }

    // MARK: - RRULEs libical would search for centuries (found by scripts/fuzz.sh series)

    @Test("#12 fuzz: RRULEs that can never occur, or values out of range, are refused before libical expands them, fast",
          arguments: [
              "FREQ=MONTHLY;BYDAY=7WE", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-7WE", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
              "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "FREQ=WEEKLY;BYDAY=2WE",
              "FREQ=DAILY;BYHOUR=9,10", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=100000000", "FREQ=MONTHLY;BYMONTHDAY=32",
              "FREQ=YEARLY;BYMONTH=13", "FREQ=YEARLY;BYDAY=54MO", "FREQ=MONTHLY;BYDAY=XX",
          ])
    func neverOccurringRules(rule: String) throws {
        let start = ContinuousClock.now
        let message = try #require(Self.refusal(try Self.jusou([("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:" + rule)])))
        #expect(ContinuousClock.now - start < .milliseconds(500))
        #expect(message.contains("RRULE"), "\(message)")
    }

    @Test("#12 fuzz: ordinary rules near those limits still read", arguments: [
        "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYDAY=5WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=YEARLY;BYDAY=20MO",
    ])
    func ordinaryRules(rule: String) throws {
        let text = try Self.jusou([("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:" + rule),
                                   ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Asia/Tokyo:20260401T140000"),
                                   ("DTEND;TZID=Asia/Tokyo:20260408T160000", "DTEND;TZID=Asia/Tokyo:20260401T160000")])
        #expect(Self.refusal(text) == nil, "\(rule)")
    }

    // MARK: - #12.6 URL

    @Test("#12.6 a series URL that is not an absolute http(s) URL without spaces is refused at read time",
          arguments: ["https://a b/", "javascript:alert(1)", "meet.example.jp/room", "https://", "ftp://x.example.jp/"])
    func badURL(url: String) throws {
        let message = try #require(Self.refusal(try Self.jusou([("URL:https://meet.kasane.example.jp/jusou", "URL:" + url)])))
        #expect(message.contains("URL") && message.contains("https://"), "\(message)")
    }
}
