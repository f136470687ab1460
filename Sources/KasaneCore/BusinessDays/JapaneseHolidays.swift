/// A Japanese national holiday: a day that 国民の祝日に関する法律 (or a one-off law) makes a holiday.
public struct Holiday: Hashable, Sendable, CustomStringConvertible {
    /// The day of the holiday.
    public let date: LocalDate
    /// The Japanese name as the PyPI package `jpholiday` spells it: "元日", "春分の日",
    /// "国民の休日", and for a substitute holiday the holiday it replaces, "春分の日 振替休日".
    public let name: String

    /// Creates a holiday; the calendar computes these, tests and fixtures build them.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }

    /// `YYYY-MM-DD name`.
    public var description: String { "\(date.iso) \(name)" }
}

/// The national holidays of Japan, computed from 国民の祝日に関する法律 without I/O.
///
/// The rules carry their changes from 2000 on: Happy Monday days (成人の日 and 体育の日 from 2000,
/// 海の日 and 敬老の日 from 2003), 昭和の日 and みどりの日 on 5/4 from 2007, 山の日 from 2016, the
/// 2019 accession days, 天皇誕生日 on 2/23 from 2020, the 2020 and 2021 Olympic moves, 振替休日 and
/// 国民の休日. Checked against `jpholiday` for every year 2000–2099; other years use the same rules
/// extended (those in force in 2000 backward, today's forward), which is not history before 2000.
public enum JapaneseHolidays {
    /// The holidays of `year`, sorted by date; empty outside the years `LocalDate` supports.
    public static func holidays(in year: Int) -> [Holiday] {
        guard (1...9999).contains(year) else { return [] }
        let statutory = statutoryHolidays(in: year)
        let statutoryDays = Set(statutory.map(\.date))
        let substitutes = substituteHolidays(for: statutory, statutoryDays: statutoryDays)
        let taken = statutoryDays.union(substitutes.map(\.date))
        let between = citizensHolidays(statutoryDays: statutoryDays, taken: taken)
        return (statutory + substitutes + between).sorted { $0.date < $1.date }
    }

    /// The holiday on `date`, or `nil` when `date` is not a national holiday.
    public static func holiday(on date: LocalDate) -> Holiday? {
        guard tabulatedYears.contains(date.year) else { return holidays(in: date.year).first { $0.date == date } }
        return table[date.dayNumber]
    }

    /// The years whose holidays `table` holds: worked out once, as the scheduler asks about the
    /// same days many times.
    private static let tabulatedYears = 1990...2150

    private static let table: [Int: Holiday] = Dictionary(
        tabulatedYears.flatMap(holidays(in:)).map { ($0.date.dayNumber, $0) }, uniquingKeysWith: { first, _ in first })

    // MARK: - 国民の祝日

    /// The days named by the law itself (第2条, the Olympic special measures and the 2019 laws
    /// that deem their days 国民の祝日), before 振替休日 and 国民の休日 are added.
    static func statutoryHolidays(in year: Int) -> [Holiday] {
        var days: [Holiday] = []
        func add(_ month: Int, _ day: Int, _ name: String) {
            if let date = LocalDate(year: year, month: month, day: day) {
                days.append(Holiday(date: date, name: name))
            }
        }
        func monday(_ nth: Int, of month: Int) -> Int {
            let first = LocalDate(year: year, month: month, day: 1)!.weekday.rawValue
            return 1 + (8 - first) % 7 + 7 * (nth - 1)
        }
        let equinox = equinoxDays(in: year)

        add(1, 1, "元日")
        add(1, monday(2, of: 1), "成人の日")
        add(2, 11, "建国記念の日")
        if year >= 2020 { add(2, 23, "天皇誕生日") }
        add(3, equinox.march, "春分の日")
        add(4, 29, year >= 2007 ? "昭和の日" : "みどりの日")
        if year == 2019 { add(5, 1, "天皇の即位の日") }
        add(5, 3, "憲法記念日")
        if year >= 2007 { add(5, 4, "みどりの日") }
        add(5, 5, "こどもの日")
        switch year {
        case 2020: add(7, 23, "海の日")
        case 2021: add(7, 22, "海の日")
        case ..<2003: add(7, 20, "海の日")
        default: add(7, monday(3, of: 7), "海の日")
        }
        switch year {
        case ..<2016: break
        case 2020: add(8, 10, "山の日")
        case 2021: add(8, 8, "山の日")
        default: add(8, 11, "山の日")
        }
        add(9, year >= 2003 ? monday(3, of: 9) : 15, "敬老の日")
        add(9, equinox.september, "秋分の日")
        switch year {
        case ..<2020: add(10, monday(2, of: 10), "体育の日")
        case 2020: add(7, 24, "スポーツの日")
        case 2021: add(7, 23, "スポーツの日")
        default: add(10, monday(2, of: 10), "スポーツの日")
        }
        if year == 2019 { add(10, 22, "即位礼正殿の儀") }
        add(11, 3, "文化の日")
        add(11, 23, "勤労感謝の日")
        if year <= 2018 { add(12, 23, "天皇誕生日") }
        return days
    }

    // MARK: - 振替休日 and 国民の休日

    /// 振替休日 (第3条第2項, as in force from 2007): a 国民の祝日 on a Sunday makes the nearest
    /// following day that is not a 国民の祝日 a holiday. (Until 2006 only the next day qualified;
    /// no Sunday holiday of 2000–2006 was followed by a 国民の祝日, so the days are the same.)
    static func substituteHolidays(for statutory: [Holiday], statutoryDays: Set<LocalDate>) -> [Holiday] {
        statutory.compactMap { holiday in
            guard holiday.date.weekday == .sunday else { return nil }
            var day = holiday.date.adding(days: 1)
            while statutoryDays.contains(day) { day = day.adding(days: 1) }
            return Holiday(date: day, name: "\(holiday.name) 振替休日")
        }
    }

    /// 国民の休日 (第3条第3項): a day whose previous and next days are both 国民の祝日 and that is not
    /// a holiday already; before 2007 the law also excluded Sundays.
    static func citizensHolidays(statutoryDays: Set<LocalDate>, taken: Set<LocalDate>) -> [Holiday] {
        statutoryDays.sorted().compactMap { before in
            let day = before.adding(days: 1)
            guard statutoryDays.contains(day.adding(days: 1)), !taken.contains(day),
                  day.year >= 2007 || day.weekday != .sunday else { return nil }
            return Holiday(date: day, name: "国民の休日")
        }
    }

    // MARK: - 春分の日 and 秋分の日

    /// The March and September equinox days in Japan: the date published in the 暦要項 of the
    /// National Astronomical Observatory of Japan where one exists, else the usual forecast formula.
    static func equinoxDays(in year: Int) -> (march: Int, september: Int) {
        publishedEquinoxDays[year] ?? formulaEquinoxDays(in: year)
    }

    /// The forecast formula for 1980–2099, in exact integer arithmetic:
    /// `floor(20.8431 + 0.242194·(Y−1980)) − floor((Y−1980)/4)` for March, 23.2488 for September.
    static func formulaEquinoxDays(in year: Int) -> (march: Int, september: Int) {
        let n = year - 1980
        func day(_ base: Int) -> Int {
            floorDivide(base + 242_194 * n, 1_000_000) - floorDivide(n, 4)
        }
        return (day(20_843_100), day(23_248_800))
    }

    /// Equinox days published in the 暦要項 (each February for the next year), 2000–2027; they win
    /// over the formula. All of them match it; add each new publication, since a forecast can be
    /// off by a day when the equinox falls near midnight JST (September 2074: minutes after it).
    static let publishedEquinoxDays: [Int: (march: Int, september: Int)] = [
        2000: (20, 23), 2001: (20, 23), 2002: (21, 23), 2003: (21, 23), 2004: (20, 23),
        2005: (20, 23), 2006: (21, 23), 2007: (21, 23), 2008: (20, 23), 2009: (20, 23),
        2010: (21, 23), 2011: (21, 23), 2012: (20, 22), 2013: (20, 23), 2014: (21, 23),
        2015: (21, 23), 2016: (20, 22), 2017: (20, 23), 2018: (21, 23), 2019: (21, 23),
        2020: (20, 22), 2021: (20, 23), 2022: (21, 23), 2023: (21, 23), 2024: (20, 22),
        2025: (20, 23), 2026: (20, 23), 2027: (21, 23),
    ]

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
