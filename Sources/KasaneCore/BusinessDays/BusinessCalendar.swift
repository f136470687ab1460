/// A day a municipality closes every year on top of the national calendar, such as Okinawa's
/// 慰霊の日 on 23 June.
public struct LocalClosure: Hashable, Sendable, Codable {
    /// The name shown for the closed day, e.g. "慰霊の日".
    public let name: String
    /// The month, 1–12.
    public let month: Int
    /// The day of the month; 29 February is allowed and closes only in leap years.
    public let day: Int

    /// Creates a yearly closure.
    /// - Throws: `BusinessCalendarError` when the name is blank or the month and day exist in no year.
    public init(name: String, month: Int, day: Int) throws(BusinessCalendarError) {
        guard !name.allSatisfy(\.isWhitespace) else {
            throw .blankClosureName(month: month, day: day)
        }
        // 2000 is a leap year, so every day that exists in some year exists in it.
        guard LocalDate(year: 2000, month: month, day: day) != nil else {
            throw .impossibleClosureDay(name: name, month: month, day: day)
        }
        self.name = name
        self.month = month
        self.day = day
    }

    /// Decodes `{"name": …, "month": …, "day": …}` with the same checks as `init(name:month:day:)`.
    /// - Throws: `DecodingError.dataCorrupted` with the reason when a check fails.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let month = try container.decode(Int.self, forKey: .month)
        let day = try container.decode(Int.self, forKey: .day)
        do {
            try self.init(name: name, month: month, day: day)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// This closure's date in `year`, or `nil` when the day does not exist then (29 February).
    public func date(in year: Int) -> LocalDate? {
        LocalDate(year: year, month: month, day: day)
    }
}

/// Why the calendar module rejected its input, worded for the person who wrote it.
public enum BusinessCalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A local closure whose name is empty or only spaces.
    case blankClosureName(month: Int, day: Int)
    /// A local closure on a day that exists in no year, such as 2/30 or month 13.
    case impossibleClosureDay(name: String, month: Int, day: Int)

    /// The message to show.
    public var description: String {
        switch self {
        case let .blankClosureName(month, day):
            "The local closure on \(month)/\(day) has no name; please give the name to show for the day."
        case let .impossibleClosureDay(name, month, day):
            "The local closure '\(name)' is on \(month)/\(day), a day that does not exist; "
                + "please give a month 1–12 and a day of that month (2/29 closes in leap years only)."
        }
    }
}

/// Why an office is closed on a day.
public enum ClosureReason: String, Sendable, Codable {
    /// Saturday or Sunday.
    case weekend
    /// A national holiday: 国民の祝日, 振替休日 or 国民の休日.
    case nationalHoliday
    /// The year-end closure, 29 December to 3 January.
    case yearEndClosure
    /// A `LocalClosure` of the municipality.
    case localClosure
}

/// A day on which municipal offices are closed, with the name to show for it.
public struct ClosedDay: Hashable, Sendable {
    /// The closed day.
    public let date: LocalDate
    /// The holiday or closure name, or "土曜日" / "日曜日" for a plain weekend.
    public let name: String
    /// Why the offices are closed.
    public let reason: ClosureReason

    /// Creates a closed day; `BusinessCalendar` computes these.
    public init(date: LocalDate, name: String, reason: ClosureReason) {
        self.date = date
        self.name = name
        self.reason = reason
    }
}

/// When municipal offices are open: not on weekends, national holidays, the year-end closure
/// (29 December – 3 January) or the municipality's local closures (DOMAIN.md "Calendar facts").
public struct BusinessCalendar: Sendable {
    /// The name of the year-end closure.
    public static let yearEndClosureName = "年末年始休業"

    /// The municipality's yearly closures.
    public let localClosures: [LocalClosure]

    /// Creates a calendar with the national rules and `localClosures`.
    public init(localClosures: [LocalClosure] = []) {
        self.localClosures = localClosures
    }

    /// Why offices are closed on `date`, or `nil` when they are open.
    ///
    /// When several reasons apply, the most specific wins: a national holiday, then the year-end
    /// closure, then a local closure, then the weekend (so a Sunday 春分の日 shows as 春分の日).
    public func closure(on date: LocalDate) -> ClosedDay? {
        closure(on: date, holiday: JapaneseHolidays.holiday(on: date))
    }

    /// Whether offices are open on `date`.
    public func isBusinessDay(_ date: LocalDate) -> Bool {
        closure(on: date) == nil
    }

    /// `date` when it is a business day, else the first business day after it.
    /// Traps when no business day lies within 366 days, which only local closures on every weekday cause.
    public func nextBusinessDay(onOrAfter date: LocalDate) -> LocalDate {
        firstBusinessDay(from: date, step: 1)
    }

    /// `date` when it is a business day, else the last business day before it.
    /// Traps when no business day lies within 366 days, which only local closures on every weekday cause.
    public func previousBusinessDay(onOrBefore date: LocalDate) -> LocalDate {
        firstBusinessDay(from: date, step: -1)
    }

    /// Every closed day of `year`, sorted, each date once with its winning reason; weekends that
    /// are nothing else are left out unless `includingWeekends`.
    public func closedDays(in year: Int, includingWeekends: Bool = false) -> [ClosedDay] {
        guard let first = LocalDate(year: year, month: 1, day: 1),
              let last = LocalDate(year: year, month: 12, day: 31) else { return [] }
        let holidays = Dictionary(
            JapaneseHolidays.holidays(in: year).map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        return (first.dayNumber...last.dayNumber).compactMap { number in
            let date = LocalDate(dayNumber: number)
            guard let closed = closure(on: date, holiday: holidays[date]) else { return nil }
            return includingWeekends || closed.reason != .weekend ? closed : nil
        }
    }

    /// The business days from `start` through `end`, both included; empty when `end` is earlier.
    public func businessDays(from start: LocalDate, through end: LocalDate) -> [LocalDate] {
        guard start <= end else { return [] }
        return (start.dayNumber...end.dayNumber).map(LocalDate.init(dayNumber:)).filter(isBusinessDay)
    }

    // MARK: - Rules

    private func closure(on date: LocalDate, holiday: Holiday?) -> ClosedDay? {
        if let holiday {
            return ClosedDay(date: date, name: holiday.name, reason: .nationalHoliday)
        }
        if (date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3) {
            return ClosedDay(date: date, name: Self.yearEndClosureName, reason: .yearEndClosure)
        }
        if let local = localClosures.first(where: { $0.month == date.month && $0.day == date.day }) {
            return ClosedDay(date: date, name: local.name, reason: .localClosure)
        }
        if date.weekday.isWeekend {
            return ClosedDay(date: date, name: date.weekday.japanese + "曜日", reason: .weekend)
        }
        return nil
    }

    private func firstBusinessDay(from date: LocalDate, step: Int) -> LocalDate {
        var day = date
        // Weekends, holidays and the year-end closure close ten days in a row at most (Golden
        // Week 2019); only local closures covering every weekday could close a year, a setup error.
        for _ in 0..<366 {
            if isBusinessDay(day) { return day }
            day = day.adding(days: step)
        }
        preconditionFailure("No business day within a year of \(date.iso): the local closures close every weekday.")
    }
}
