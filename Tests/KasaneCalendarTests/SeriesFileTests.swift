import Foundation
import KasaneCalendar
import KasaneCore
import Testing

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func readRepoFile(_ relative: String) throws -> String {
    try String(contentsOf: repoRoot.appendingPathComponent(relative), encoding: .utf8)
}

@Suite("Standing series from calendars/")
struct SeriesFileTests {
    static let shipped = ["calendars/jusou.ics", "calendars/chiiki-care.ics", "calendars/yotaikyo.ics"]

    @Test("The shipped 重層的支援会議 series: 2nd Wednesday 14:00–16:00, both bodies, capacity 4")
    func jusouSeries() throws {
        let def = try SeriesFile.parse(try readRepoFile("calendars/jusou.ics"), file: "jusou.ics")
        #expect(def.series.slug == "jusou")
        #expect(def.series.bodies == ["jusou-kaigi", "shien-kaigi"])
        #expect(def.series.start == TimeOfDay(hour: 14, minute: 0))
        #expect(def.series.end == TimeOfDay(hour: 16, minute: 0))
        #expect(def.series.capacity == 4)
        #expect(def.series.onClosedDay == .moveToNextBusinessDay)
        let dates = try def.dates(from: LocalDate(iso: "2026-07-01")!, through: LocalDate(iso: "2026-09-30")!)
        // 2026-08-12 is excluded (EXDATE) and 2026-08-26 added (RDATE).
        #expect(dates.map(\.iso) == ["2026-07-08", "2026-08-26", "2026-09-09"])
        #expect(dates.allSatisfy { $0.weekday == .wednesday })
    }

    @Test("libical's expansion agrees with recurring-ical-events over two years", arguments: shipped)
    func agreesWithIndependentExpander(file: String) throws {
        let def = try SeriesFile.parse(try readRepoFile(file), file: file)
        let ours = try def.dates(from: LocalDate(iso: "2026-04-01")!, through: LocalDate(iso: "2028-03-31")!).map(\.iso)
        let oracle = try runOracle([repoRoot.appendingPathComponent("scripts/expand_series.py").path,
                                    repoRoot.appendingPathComponent(file).path, "2026-04-01", "2028-03-31"])
        #expect(ours.count >= 12)
        #expect(ours == oracle)
    }

    @Test("Sessions never fall on a closed day: moved to the next business day or skipped")
    func closedDays() throws {
        let def = try SeriesFile.parse(try readRepoFile("calendars/jusou.ics"), file: "jusou.ics")
        let calendar = BusinessCalendar()
        let dates = [LocalDate(iso: "2026-09-23")!, LocalDate(iso: "2026-12-30")!, LocalDate(iso: "2027-01-13")!]
        let moved = def.series.sessions(on: dates, calendar: calendar)
        #expect(moved.map(\.date.iso) == ["2026-09-24", "2027-01-04", "2027-01-13"])
        // Issue 11.8: the id names the day the session is held, not the rule's day.
        #expect(moved[0].id == "jusou-2026-09-24")
        #expect(moved[0].note?.contains("秋分の日") == true)
        var skipping = def.series
        skipping.onClosedDay = .skip
        #expect(skipping.sessions(on: dates, calendar: calendar).map(\.date.iso) == ["2027-01-13"])
    }

    @Test("A bad series file is refused with what is wrong", arguments: [
        ("RRULE:FREQ=MONTHLY;BYDAY=2WE", "RRULE:FREQ=SECONDLY", "FREQ は DAILY・WEEKLY・MONTHLY・YEARLY"),
        ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:0", "X-KASANE-CAPACITY"),
        ("X-KASANE-CAPACITY:4", "X-KASANE-CAPACITY:9", "収まりません"),
        ("X-KASANE-ON-CLOSED-DAY:move", "X-KASANE-ON-CLOSED-DAY:later", "'move'（翌開庁日へ）か 'skip'"),
        ("X-KASANE-BODIES:jusou-kaigi,shien-kaigi", "X-KASANE-BODIES:,", "X-KASANE-BODIES"),
        ("DTSTART;TZID=Asia/Tokyo:20260408T140000", "DTSTART;TZID=Mars/Olympus:20260408T140000", "Asia/Tokyo"),
    ])
    func refused(original: String, replacement: String, expected: String) throws {
        let text = try readRepoFile("calendars/jusou.ics").replacingOccurrences(of: original, with: replacement)
        #expect(text.contains(replacement))
        do {
            _ = try SeriesFile.parse(text, file: "bad.ics")
            Issue.record("accepted a bad series file")
        } catch {
            #expect(error.description.hasPrefix("bad.ics: "))
            #expect(error.description.contains(expected))
        }
    }
}

/// Runs a Python oracle script and returns its output lines.
func runOracle(_ arguments: [String]) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw OracleError(message: "oracle \(arguments.first ?? "") failed (run `make setup` for the PyPI packages): "
            + String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

struct OracleError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
