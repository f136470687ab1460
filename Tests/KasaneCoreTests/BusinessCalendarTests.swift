import Foundation
import Testing
import KasaneCore

@Suite("Business-day calendar")
struct BusinessCalendarTests {
    static let okinawa = try! LocalClosure(name: "慰霊の日", month: 6, day: 23)

    static func date(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return date
    }

    /// One day and what the national calendar says about it: `nil` when offices are open.
    struct Case: CustomTestStringConvertible, Sendable {
        let iso: String
        let reason: ClosureReason?
        let name: String?
        var testDescription: String { "\(iso) → \(name ?? "open")" }
    }

    static let nationalCases: [Case] = [
        Case(iso: "2026-11-23", reason: .nationalHoliday, name: "勤労感謝の日"),
        Case(iso: "2026-12-28", reason: nil, name: nil),
        Case(iso: "2026-12-29", reason: .yearEndClosure, name: "年末年始休業"),
        Case(iso: "2026-12-30", reason: .yearEndClosure, name: "年末年始休業"),
        Case(iso: "2026-12-31", reason: .yearEndClosure, name: "年末年始休業"),
        Case(iso: "2027-01-01", reason: .nationalHoliday, name: "元日"),
        Case(iso: "2027-01-02", reason: .yearEndClosure, name: "年末年始休業"),  // a Saturday
        Case(iso: "2027-01-03", reason: .yearEndClosure, name: "年末年始休業"),  // a Sunday
        Case(iso: "2027-01-04", reason: nil, name: nil),
        Case(iso: "2027-03-21", reason: .nationalHoliday, name: "春分の日"),  // a Sunday
        Case(iso: "2027-03-22", reason: .nationalHoliday, name: "春分の日 振替休日"),
        Case(iso: "2026-09-22", reason: .nationalHoliday, name: "国民の休日"),
        Case(iso: "2028-02-29", reason: nil, name: nil),
        Case(iso: "2027-03-31", reason: nil, name: nil),
        Case(iso: "2027-04-01", reason: nil, name: nil),
        Case(iso: "2026-06-23", reason: nil, name: nil),  // 慰霊の日 closes Okinawa only
        Case(iso: "2026-06-20", reason: .weekend, name: "土曜日"),
        Case(iso: "2026-06-21", reason: .weekend, name: "日曜日"),
    ]

    @Test("DOMAIN Calendar facts: closed on weekends, national holidays and 29 Dec – 3 Jan",
          arguments: nationalCases)
    func nationalClosures(_ c: Case) {
        let calendar = BusinessCalendar()
        let closed = calendar.closure(on: Self.date(c.iso))
        #expect(closed?.reason == c.reason)
        #expect(closed?.name == c.name)
        #expect(closed?.date == (c.reason == nil ? nil : Self.date(c.iso)))
        #expect(calendar.isBusinessDay(Self.date(c.iso)) == (c.reason == nil))
    }

    @Test("29 February 2028 is an ordinary Tuesday business day")
    func leapDay() {
        let leapDay = Self.date("2028-02-29")
        #expect(leapDay.weekday == .tuesday)
        #expect(BusinessCalendar().isBusinessDay(leapDay))
    }

    @Test("the fiscal year turns on 1 April, an ordinary business day")
    func fiscalYearBoundary() {
        let calendar = BusinessCalendar()
        #expect(Self.date("2027-03-31").fiscalYear == 2026)
        #expect(Self.date("2027-04-01").fiscalYear == 2027)
        #expect(calendar.isBusinessDay(Self.date("2027-03-31")))
        #expect(calendar.isBusinessDay(Self.date("2027-04-01")))
    }

    // MARK: - Local closures

    @Test("DOMAIN Calendar facts: Okinawa closes on 慰霊の日, 23 June, other prefectures do not")
    func okinawaIreiNoHi() {
        let day = Self.date("2026-06-23")
        let okinawa = BusinessCalendar(localClosures: [Self.okinawa])
        #expect(okinawa.closure(on: day) == ClosedDay(date: day, name: "慰霊の日", reason: .localClosure))
        #expect(!okinawa.isBusinessDay(day))
        #expect(BusinessCalendar().isBusinessDay(day))
        #expect(okinawa.nextBusinessDay(onOrAfter: day) == Self.date("2026-06-24"))
    }

    @Test("a national holiday or the year-end closure wins over a local closure on the same day")
    func localClosurePriority() throws {
        let calendar = BusinessCalendar(localClosures: [
            try LocalClosure(name: "県民の日", month: 11, day: 3),
            try LocalClosure(name: "御用納め", month: 12, day: 30),
            try LocalClosure(name: "慰霊の日", month: 6, day: 23),
        ])
        #expect(calendar.closure(on: Self.date("2026-11-03"))?.reason == .nationalHoliday)
        #expect(calendar.closure(on: Self.date("2026-12-30"))?.reason == .yearEndClosure)
        // 2029-06-23 is a Saturday: the closure names the day rather than the weekend.
        #expect(calendar.closure(on: Self.date("2029-06-23"))?.name == "慰霊の日")
    }

    @Test("a 29 February closure closes in leap years only")
    func leapDayClosure() throws {
        let calendar = BusinessCalendar(localClosures: [try LocalClosure(name: "閏日", month: 2, day: 29)])
        #expect(calendar.closure(on: Self.date("2028-02-29"))?.reason == .localClosure)
        #expect(calendar.isBusinessDay(Self.date("2027-02-26")))
        #expect(calendar.isBusinessDay(Self.date("2027-03-01")))
        #expect(try LocalClosure(name: "閏日", month: 2, day: 29).date(in: 2027) == nil)
    }

    @Test("a local closure on a day that exists in no year is refused",
          arguments: [(2, 30), (4, 31), (13, 1), (0, 10), (6, 0)])
    func impossibleClosure(month: Int, day: Int) {
        #expect(throws: BusinessCalendarError.impossibleClosureDay(name: "休業日", month: month, day: day)) {
            try LocalClosure(name: "休業日", month: month, day: day)
        }
    }

    @Test("a local closure needs a name")
    func blankClosureName() {
        #expect(throws: BusinessCalendarError.blankClosureName(month: 6, day: 23)) {
            try LocalClosure(name: "  ", month: 6, day: 23)
        }
    }

    @Test("local closures round-trip through JSON and decoding applies the same checks")
    func closureCoding() throws {
        let data = try JSONEncoder().encode([Self.okinawa])
        #expect(try JSONDecoder().decode([LocalClosure].self, from: data) == [Self.okinawa])
        let impossible = Data(#"{"name": "慰霊の日", "month": 6, "day": 31}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalClosure.self, from: impossible)
        }
    }

    // MARK: - Moving to business days

    @Test("next and previous business day step over closed runs", arguments: [
        ("2026-12-29", "2027-01-04", "2026-12-28"),
        ("2027-01-04", "2027-01-04", "2027-01-04"),
        ("2026-05-02", "2026-05-07", "2026-05-01"),
        ("2027-03-20", "2027-03-23", "2027-03-19"),
        ("2019-04-27", "2019-05-07", "2019-04-26"),
    ])
    func steppingToBusinessDays(from: String, next: String, previous: String) {
        let calendar = BusinessCalendar()
        #expect(calendar.nextBusinessDay(onOrAfter: Self.date(from)) == Self.date(next))
        #expect(calendar.previousBusinessDay(onOrBefore: Self.date(from)) == Self.date(previous))
    }

    @Test("scheduler rule: the next business day is never a weekend, a holiday or the year-end closure",
          arguments: [2000, 2019, 2026, 2027, 2099])
    func nextBusinessDayIsNeverClosed(year: Int) throws {
        let calendar = BusinessCalendar(localClosures: [Self.okinawa])
        var date = try #require(LocalDate(year: year, month: 1, day: 1))
        while date.year == year {
            let next = calendar.nextBusinessDay(onOrAfter: date)
            #expect(next >= date && date.days(until: next) <= 10)
            #expect(!next.weekday.isWeekend)
            #expect(JapaneseHolidays.holiday(on: next) == nil)
            #expect(!(next.month == 12 && next.day >= 29) && !(next.month == 1 && next.day <= 3))
            #expect(!(next.month == 6 && next.day == 23))
            date = date.adding(days: 1)
        }
    }

    @Test("business days from 25 December 2026 through 8 January 2027 skip the year-end closure")
    func businessDaysAcrossYearEnd() {
        let calendar = BusinessCalendar()
        let (start, end) = (Self.date("2026-12-25"), Self.date("2027-01-08"))
        let expected = [
            "2026-12-25", "2026-12-28", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08",
        ]
        #expect(calendar.businessDays(from: start, through: end).map(\.iso) == expected)
        #expect(calendar.businessDays(from: end, through: start).isEmpty)
    }

    // MARK: - Listing a year

    @Test("closedDays(in: 2026) lists holidays and the year-end closure, each date once")
    func closedDays2026() {
        let calendar = BusinessCalendar(localClosures: [Self.okinawa])
        let closed = calendar.closedDays(in: 2026)
        #expect(closed.map(\.date) == closed.map(\.date).sorted())
        #expect(Set(closed.map(\.date)).count == closed.count)
        #expect(!closed.contains { $0.reason == .weekend })

        let holidays = JapaneseHolidays.holidays(in: 2026)
        #expect(closed.filter { $0.reason == .nationalHoliday }.map(\.date) == holidays.map(\.date))
        // 1/2 (Fri), 1/3 (Sat), 12/29, 12/30, 12/31: 1/1 shows as 元日.
        let yearEnd = ["2026-01-02", "2026-01-03", "2026-12-29", "2026-12-30", "2026-12-31"]
        #expect(closed.filter { $0.reason == .yearEndClosure }.map(\.date.iso) == yearEnd)
        #expect(closed.filter { $0.reason == .localClosure }.map(\.date.iso) == ["2026-06-23"])
        #expect(closed.count == holidays.count + yearEnd.count + 1)
    }

    @Test("closed days with weekends and business days split every year exactly", arguments: [2026, 2027, 2028])
    func yearSplitsExactly(year: Int) throws {
        let calendar = BusinessCalendar()
        let first = try #require(LocalDate(year: year, month: 1, day: 1))
        let last = try #require(LocalDate(year: year, month: 12, day: 31))
        let closed = calendar.closedDays(in: year, includingWeekends: true)
        let open = calendar.businessDays(from: first, through: last)
        #expect(closed.count + open.count == first.days(until: last) + 1)
        #expect(Set(closed.map(\.date)).isDisjoint(with: open))
        #expect(closed.allSatisfy { calendar.closure(on: $0.date) == $0 })
    }
}
