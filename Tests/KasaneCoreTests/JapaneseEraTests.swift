import KasaneCore
import Testing

@Suite("JapaneseEra: 和暦 dates, fiscal years and times for documents")
struct JapaneseEraTests {
    private static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("A date in 和暦 with the weekday in full-width parentheses", arguments: [
        ("2026-01-14", "令和8年1月14日（水）"),
        ("2026-12-09", "令和8年12月9日（水）"),
        ("2019-05-01", "令和元年5月1日（水）"),
        ("2019-04-30", "平成31年4月30日（火）"),
        ("2020-01-01", "令和2年1月1日（水）"),
        ("1989-01-08", "平成元年1月8日（日）"),
        ("1989-01-07", "昭和64年1月7日（土）"),
        ("1926-12-25", "昭和元年12月25日（土）"),
        ("1926-12-24", "大正15年12月24日（金）"),
        ("1912-07-30", "大正元年7月30日（火）"),
        ("1912-07-29", "明治45年7月29日（月）"),
        ("1873-01-01", "明治6年1月1日（水）"),
        ("1872-12-31", "1872年12月31日（火）"),
        ("2028-02-29", "令和10年2月29日（火）"),
    ])
    func dates(iso: String, expected: String) {
        #expect(JapaneseEra.format(Self.day(iso)) == expected)
    }

    @Test("Without the weekday")
    func withoutWeekday() {
        #expect(JapaneseEra.format(Self.day("2019-05-01"), weekday: false) == "令和元年5月1日")
        #expect(JapaneseEra.format(Self.day("2027-03-31"), weekday: false) == "令和9年3月31日")
    }

    @Test("The era in force on each side of a boundary", arguments: [
        ("2019-04-30", JapaneseEra.heisei), ("2019-05-01", .reiwa),
        ("1989-01-07", .showa), ("1989-01-08", .heisei),
        ("1926-12-24", .taisho), ("1926-12-25", .showa),
        ("1912-07-29", .meiji), ("1912-07-30", .taisho),
    ])
    func boundaries(iso: String, era: JapaneseEra) {
        #expect(JapaneseEra.era(of: Self.day(iso)) == era)
    }

    @Test("No era before the Gregorian calendar was adopted (1873)")
    func beforeGregorian() {
        #expect(JapaneseEra.era(of: Self.day("1872-12-31")) == nil)
        #expect(JapaneseEra.era(of: Self.day("1873-01-01")) == .meiji)
    }

    @Test("The fiscal year (April–March) in 和暦", arguments: [
        ("2027-03-31", "令和8年度"),
        ("2027-04-01", "令和9年度"),
        ("2026-04-01", "令和8年度"),
        ("2026-03-31", "令和7年度"),
        // FY2019 is named 令和元年度 on both sides of the era change (documented choice).
        ("2019-03-31", "平成30年度"),
        ("2019-04-01", "令和元年度"),
        ("2019-04-30", "令和元年度"),
        ("2019-05-01", "令和元年度"),
        ("2020-03-31", "令和元年度"),
        ("2020-04-01", "令和2年度"),
        // 平成 began in January 1989, inside FY1988, which kept its 昭和 name.
        ("1989-01-07", "昭和63年度"),
        ("1989-01-08", "昭和63年度"),
        ("1989-04-01", "平成元年度"),
    ])
    func fiscalYears(iso: String, expected: String) {
        #expect(JapaneseEra.fiscalYear(Self.day(iso)) == expected)
    }

    @Test("A fiscal year named by its starting year")
    func fiscalYearByNumber() {
        #expect(JapaneseEra.fiscalYear(startingIn: 2024) == "令和6年度")
        #expect(JapaneseEra.fiscalYear(startingIn: 2026) == "令和8年度")
        #expect(JapaneseEra.fiscalYear(startingIn: 1870) == "1870年度")
    }

    @Test("Times without a leading zero on the hour", arguments: [
        (14 * 60, "14:00"), (9 * 60 + 30, "9:30"), (0, "0:00"), (13 * 60 + 5, "13:05"),
    ])
    func times(minutes: Int, expected: String) {
        #expect(JapaneseEra.time(TimeOfDay(minutes: minutes)) == expected)
    }

    @Test("A span of time with a wave dash")
    func timeRange() {
        #expect(JapaneseEra.timeRange(TimeOfDay(minutes: 14 * 60), TimeOfDay(minutes: 14 * 60 + 30)) == "14:00〜14:30")
    }

    @Test("元 only for year 1")
    func gannen() {
        #expect(JapaneseEra.yearText(1) == "元")
        #expect(JapaneseEra.yearText(2) == "2")
    }
}
