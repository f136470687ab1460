/// 和暦: the Japanese era names that documents use for dates and fiscal years
/// (「令和8年1月14日（水）」, 「令和8年度」).
///
/// Only the eras since the Gregorian calendar was adopted are known (明治6年 = 1873 onwards):
/// before that day Japan counted lunisolar months, and a Gregorian day has no simple 和暦 form.
/// Formatting such an early date falls back to the Western year (「1870年1月1日（土）」).
public enum JapaneseEra: String, Hashable, Sendable, CaseIterable, Comparable {
    /// 明治: from 1868-01-25 (counted from 1873-01-01 here, see the type's notes).
    case meiji = "明治"
    /// 大正: from 1912-07-30.
    case taisho = "大正"
    /// 昭和: from 1926-12-25.
    case showa = "昭和"
    /// 平成: from 1989-01-08 (1989-01-07 is 昭和64年).
    case heisei = "平成"
    /// 令和: from 2019-05-01 (2019-04-30 is 平成31年).
    case reiwa = "令和"

    /// The first day of the era (Gregorian).
    public var firstDay: LocalDate {
        switch self {
        case .meiji: LocalDate(year: 1868, month: 1, day: 25)!
        case .taisho: LocalDate(year: 1912, month: 7, day: 30)!
        case .showa: LocalDate(year: 1926, month: 12, day: 25)!
        case .heisei: LocalDate(year: 1989, month: 1, day: 8)!
        case .reiwa: LocalDate(year: 2019, month: 5, day: 1)!
        }
    }

    /// The first day a Gregorian date is given in 和暦: 1873-01-01 (明治6年1月1日).
    public static let firstGregorianDay = LocalDate(year: 1873, month: 1, day: 1)!

    /// The era in force on `date`, or `nil` before `firstGregorianDay`.
    public static func era(of date: LocalDate) -> JapaneseEra? {
        guard date >= firstGregorianDay else { return nil }
        return allCases.last { $0.firstDay <= date }
    }

    /// The year of the era that Gregorian year `year` is (1 for the year the era began), or `nil`
    /// when the era had not begun by the end of that year.
    public func year(ofGregorian year: Int) -> Int? {
        let n = year - firstDay.year + 1
        return n >= 1 ? n : nil
    }

    /// 「元」 for year 1, the number otherwise: `令和元年`, `令和8年`.
    public static func yearText(_ year: Int) -> String { year == 1 ? "元" : String(year) }

    /// `令和8年1月14日（水）` (full-width parentheses); without the weekday when `weekday` is false:
    /// `令和元年5月1日`. Dates before 1873 come out in the Western year: `1870年1月1日（土）`.
    public static func format(_ date: LocalDate, weekday: Bool = true) -> String {
        let yearPart: String
        if let era = era(of: date), let n = era.year(ofGregorian: date.year) {
            yearPart = era.rawValue + yearText(n) + "年"
        } else {
            yearPart = "\(date.year)年"
        }
        let day = "\(yearPart)\(date.month)月\(date.day)日"
        return weekday ? day + "（\(date.weekday.japanese)）" : day
    }

    /// The fiscal year (April to March) `date` belongs to, named in 和暦: 2027-03-31 → `令和8年度`.
    public static func fiscalYear(_ date: LocalDate) -> String { fiscalYear(startingIn: date.fiscalYear) }

    /// The fiscal year that starts on 1 April of Gregorian year `year`, named in 和暦: 2026 → `令和8年度`.
    ///
    /// A fiscal year is named by the era in force at the end of its starting calendar year
    /// (31 December). So FY2019 (2019-04-01 – 2020-03-31) is `令和元年度`, as ministries name it in
    /// their settlements (令和元年度決算), even though documents written before 2019-05-01 called it
    /// 平成31年度; FY1988 is `昭和63年度` and FY1989 `平成元年度`. Before 1873 the Western year is used
    /// (`1870年度`).
    public static func fiscalYear(startingIn year: Int) -> String {
        guard let december = LocalDate(year: year, month: 12, day: 31), let era = era(of: december),
              let n = era.year(ofGregorian: year) else { return "\(year)年度" }
        return era.rawValue + yearText(n) + "年度"
    }

    /// A time of day as documents write it: `14:00`, `9:30` (no leading zero on the hour).
    public static func time(_ time: TimeOfDay) -> String {
        "\(time.hour):" + (time.minute < 10 ? "0" : "") + "\(time.minute)"
    }

    /// A span of time: `14:00〜16:00` (wave dash).
    public static func timeRange(_ start: TimeOfDay, _ end: TimeOfDay) -> String {
        time(start) + "〜" + time(end)
    }

    /// Chronological order.
    public static func < (lhs: JapaneseEra, rhs: JapaneseEra) -> Bool { lhs.firstDay < rhs.firstDay }
}
