import Foundation
import Testing
@testable import KasaneCore

@Suite("Japanese national holidays")
struct HolidayTests {
    /// One holiday question: the day and the name expected, or `nil` for an ordinary day.
    struct Case: CustomTestStringConvertible, Sendable {
        let iso: String
        let name: String?
        let rule: String
        var testDescription: String { "\(iso) \(name ?? "no holiday"): \(rule)" }
    }

    static let cases: [Case] = [
        Case(iso: "2026-11-23", name: "勤労感謝の日", rule: "fixed day"),
        Case(iso: "2026-01-12", name: "成人の日", rule: "Happy Monday: 2nd Monday of January"),
        Case(iso: "2002-07-20", name: "海の日", rule: "海の日 on 7/20 before 2003"),
        Case(iso: "2003-07-21", name: "海の日", rule: "海の日 3rd Monday of July from 2003"),
        Case(iso: "2002-09-15", name: "敬老の日", rule: "敬老の日 on 9/15 before 2003"),
        Case(iso: "2002-09-16", name: "敬老の日 振替休日", rule: "振替休日 for a Sunday 敬老の日"),
        Case(iso: "2003-09-15", name: "敬老の日", rule: "敬老の日 3rd Monday of September from 2003"),
        Case(iso: "2006-04-29", name: "みどりの日", rule: "4/29 is みどりの日 until 2006"),
        Case(iso: "2006-05-04", name: "国民の休日", rule: "5/4 between two holidays until 2006"),
        Case(iso: "2007-04-29", name: "昭和の日", rule: "4/29 is 昭和の日 from 2007"),
        Case(iso: "2007-05-04", name: "みどりの日", rule: "みどりの日 moves to 5/4 from 2007"),
        Case(iso: "2008-05-06", name: "みどりの日 振替休日", rule: "振替休日 skips holidays from 2007"),
        Case(iso: "2015-08-11", name: nil, rule: "no 山の日 before 2016"),
        Case(iso: "2016-08-11", name: "山の日", rule: "山の日 from 2016"),
        Case(iso: "2018-12-23", name: "天皇誕生日", rule: "天皇誕生日 on 12/23 until 2018"),
        Case(iso: "2018-12-24", name: "天皇誕生日 振替休日", rule: "振替休日 for a Sunday holiday"),
        Case(iso: "2019-02-23", name: nil, rule: "no 天皇誕生日 in 2019"),
        Case(iso: "2019-12-23", name: nil, rule: "no 天皇誕生日 in 2019"),
        Case(iso: "2019-04-30", name: "国民の休日", rule: "国民の休日 before 天皇の即位の日"),
        Case(iso: "2019-05-01", name: "天皇の即位の日", rule: "2019 one-off holiday"),
        Case(iso: "2019-05-02", name: "国民の休日", rule: "国民の休日 after 天皇の即位の日"),
        Case(iso: "2019-05-06", name: "こどもの日 振替休日", rule: "振替休日 for a Sunday こどもの日"),
        Case(iso: "2019-10-14", name: "体育の日", rule: "体育の日 until 2019"),
        Case(iso: "2019-10-22", name: "即位礼正殿の儀", rule: "2019 one-off holiday"),
        Case(iso: "2020-02-23", name: "天皇誕生日", rule: "天皇誕生日 on 2/23 from 2020"),
        Case(iso: "2020-02-24", name: "天皇誕生日 振替休日", rule: "振替休日 for a Sunday holiday"),
        Case(iso: "2020-07-20", name: nil, rule: "2020 Olympics moved 海の日"),
        Case(iso: "2020-07-23", name: "海の日", rule: "2020 Olympics moved 海の日"),
        Case(iso: "2020-07-24", name: "スポーツの日", rule: "2020 Olympics moved スポーツの日"),
        Case(iso: "2020-08-10", name: "山の日", rule: "2020 Olympics moved 山の日"),
        Case(iso: "2020-08-11", name: nil, rule: "2020 Olympics moved 山の日"),
        Case(iso: "2020-10-12", name: nil, rule: "2020 Olympics moved スポーツの日"),
        Case(iso: "2021-07-22", name: "海の日", rule: "2021 Olympics moved 海の日"),
        Case(iso: "2021-07-23", name: "スポーツの日", rule: "2021 Olympics moved スポーツの日"),
        Case(iso: "2021-08-08", name: "山の日", rule: "2021 Olympics moved 山の日"),
        Case(iso: "2021-08-09", name: "山の日 振替休日", rule: "振替休日 for the moved 山の日"),
        Case(iso: "2021-10-11", name: nil, rule: "2021 Olympics moved スポーツの日"),
        Case(iso: "2022-10-10", name: "スポーツの日", rule: "スポーツの日 2nd Monday of October"),
        Case(iso: "2024-09-22", name: "秋分の日", rule: "published 秋分の日 on 9/22"),
        Case(iso: "2026-05-06", name: "憲法記念日 振替休日", rule: "振替休日 after 5/4 and 5/5"),
        Case(iso: "2026-09-22", name: "国民の休日", rule: "国民の休日 between 敬老の日 and 秋分の日"),
        Case(iso: "2027-03-21", name: "春分の日", rule: "published 春分の日 on 3/21"),
        Case(iso: "2027-03-22", name: "春分の日 振替休日", rule: "振替休日 for a Sunday 春分の日"),
        Case(iso: "2092-03-19", name: "春分の日", rule: "equinox formula: 春分の日 on 3/19"),
        Case(iso: "2028-02-29", name: nil, rule: "leap day is an ordinary day"),
    ]

    @Test("holiday(on:) follows the law", arguments: cases)
    func holidayOnDate(_ c: Case) throws {
        let date = try #require(LocalDate(iso: c.iso))
        #expect(JapaneseHolidays.holiday(on: date)?.name == c.name)
    }

    @Test("2026 matches the sample list of ICALENDAR.md")
    func sample2026() {
        let expected = [
            "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06",
            "07-20", "08-11", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23",
        ].map { "2026-\($0)" }
        #expect(JapaneseHolidays.holidays(in: 2026).map(\.date.iso) == expected)
    }

    @Test("every year 2000–2099 equals the jpholiday table, dates and names")
    func matchesJPHoliday() throws {
        let oracle = try Self.jpholidayTable()
        #expect(oracle.keys.sorted() == Array(2000...2099))
        #expect(oracle.values.map(\.count).reduce(0, +) > 1_700)
        for year in 2000...2099 {
            let ours = JapaneseHolidays.holidays(in: year).map { "\($0.date.iso)\t\($0.name)" }
            #expect(ours == oracle[year, default: []], "year \(year)")
        }
    }

    @Test("holiday(on:) agrees with holidays(in:) on every day", arguments: [2019, 2020, 2021, 2026, 2099])
    func dayByDayAgreesWithYear(year: Int) throws {
        let list = JapaneseHolidays.holidays(in: year)
        #expect(Set(list.map(\.date)).count == list.count, "each date once")
        let holidays = Dictionary(list.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        var date = try #require(LocalDate(year: year, month: 1, day: 1))
        while date.year == year {
            #expect(JapaneseHolidays.holiday(on: date) == holidays[date], "\(date)")
            date = date.adding(days: 1)
        }
    }

    @Test("the equinox formula reproduces every published 暦要項 date")
    func formulaMatchesPublishedEquinoxes() {
        #expect(JapaneseHolidays.publishedEquinoxDays.count == 28)
        for (year, published) in JapaneseHolidays.publishedEquinoxDays {
            let formula = JapaneseHolidays.formulaEquinoxDays(in: year)
            #expect(formula == published, "year \(year)")
        }
    }

    @Test("years beyond LocalDate have no holidays rather than a crash", arguments: [0, 10_000])
    func unsupportedYears(year: Int) {
        #expect(JapaneseHolidays.holidays(in: year).isEmpty)
    }

    /// The fixture written by scripts/gen_holiday_table.py, as `date<TAB>name` lines by year.
    static func jpholidayTable() throws -> [Int: [String]] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/jpholiday-2000-2099.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var byYear: [Int: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let year = try #require(Int(line.prefix(4)), "bad fixture line \(line)")
            byYear[year, default: []].append(String(line))
        }
        return byYear
    }
}
