import Foundation
import KasaneCalendar
import KasaneCore
import Testing

@Suite("Standing series round trip: parse → write → parse, expand")
struct SeriesRoundTripTests {
    static let from = LocalDate(iso: "2026-04-01")!
    static let through = LocalDate(iso: "2028-03-31")!

    @Test("A shipped series file round-trips and expands the same, in libical and recurring-ical-events",
          arguments: SeriesFileTests.shipped)
    func roundTrip(file: String) throws {
        let original = try SeriesFile.parse(try readRepoFile(file), file: file)
        let written = try SeriesWriter.write(original)
        #expect(ContentLines.problems(written) == [])
        #expect(written.hasPrefix("BEGIN:VCALENDAR\r\n") && written.hasSuffix("END:VCALENDAR\r\n"))

        let reread = try SeriesFile.parse(written, file: "written-" + file)
        #expect(reread == original)
        #expect(try SeriesWriter.write(reread) == written, "writing is byte-stable")

        let expected = try original.dates(from: Self.from, through: Self.through).map(\.iso)
        #expect(expected.count >= 12)
        #expect(try reread.dates(from: Self.from, through: Self.through).map(\.iso) == expected)
        let path = try temporaryFile(written, suffix: ".ics")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let oracle = try runOracle([repoRoot.appendingPathComponent("scripts/expand_series.py").path, path,
                                    Self.from.iso, Self.through.iso])
        #expect(oracle == expected)
    }

    @Test("EXDATE and RDATE carry TZID=Asia/Tokyo and the series' start time")
    func zonedExceptions() throws {
        let def = try SeriesFile.parse(try readRepoFile("calendars/jusou.ics"), file: "jusou.ics")
        let lines = ContentLines.unfold(try SeriesWriter.write(def))
        #expect(lines.contains("DTSTART;TZID=Asia/Tokyo:20260408T140000"))
        #expect(lines.contains("DTEND;TZID=Asia/Tokyo:20260408T160000"))
        #expect(lines.contains("EXDATE;TZID=Asia/Tokyo:20260812T140000"))
        #expect(lines.contains("RDATE;TZID=Asia/Tokyo:20260826T140000"))
        #expect(lines.contains("TZID:Asia/Tokyo"))
        #expect(lines.contains("X-KASANE-BODIES:jusou-kaigi,shien-kaigi"))
        #expect(!lines.contains { $0.hasPrefix("EXDATE:") || $0.hasPrefix("RDATE:") }, "no floating exceptions")
    }

    @Test("Edited definitions round-trip: several EXDATE/RDATE, no RRULE, no LOCATION/URL, skip")
    func editedDefinition() throws {
        var def = try SeriesFile.parse(try readRepoFile("calendars/yotaikyo.ics"), file: "yotaikyo.ics")
        def.exdates = [LocalDate(iso: "2026-08-19")!, LocalDate(iso: "2026-06-17")!]
        def.rdates = [LocalDate(iso: "2026-09-02")!, LocalDate(iso: "2026-07-01")!]
        def.series.location = nil
        def.series.onlineURL = "https://meet.example.jp/r/yotaikyo?room=1"
        def.series.onClosedDay = .skip
        let reread = try SeriesFile.parse(try SeriesWriter.write(def), file: "edited.ics")
        #expect(reread.series == def.series)
        #expect(reread.exdates.sorted() == def.exdates.sorted())
        #expect(reread.rdates.sorted() == def.rdates.sorted())
        #expect(try reread.dates(from: Self.from, through: Self.through)
            == def.dates(from: Self.from, through: Self.through))

        def.rrule = nil
        def.exdates = []
        def.rdates.sort()  // the writer writes them sorted
        let single = try SeriesFile.parse(try SeriesWriter.write(def), file: "single.ics")
        #expect(single == def)
        #expect(try single.dates(from: Self.from, through: Self.through).map(\.iso)
            == ["2026-04-15", "2026-07-01", "2026-09-02"])
    }

    @Test("A definition that could not be read back is refused with what is wrong", arguments: [
        ("first date not an occurrence", "not an occurrence of RRULE"),
        ("SECONDLY rule", "only FREQ=DAILY"),
        ("body id with a comma", "X-KASANE-BODIES"),
        ("too many items", "収まりません"),  // the shared fit problem, in Japanese (#13.3)
        ("bad URL", "absolute URI"),
    ])
    func refused(change: String, expected: String) throws {
        var def = try SeriesFile.parse(try readRepoFile("calendars/jusou.ics"), file: "jusou.ics")
        switch change {
        case "first date not an occurrence": def.firstDate = LocalDate(iso: "2026-04-09")!  // a Thursday
        case "SECONDLY rule": def.rrule = "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31"
        case "body id with a comma": def.series.bodies = ["jusou-kaigi,shien-kaigi"]
        case "too many items": def.series.capacity = 9
        default: def.series.onlineURL = "meet example"
        }
        #expect {
            _ = try SeriesWriter.write(def)
        } throws: { error in
            (error as? ICalendarWriteError).map { $0.subject == "series 'jusou'" && $0.message.contains(expected) } ?? false
        }
    }
}
