public import KasaneCore
public import KasaneWording

/// A problem in a calendar file, located by file, typed; its words (Japanese by default) say
/// how to fix it.
public struct CalendarFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// What is wrong, typed.
    public let problem: CalendarFileProblem

    public init(file: String, problem: CalendarFileProblem) {
        self.file = file
        self.problem = problem
    }

    /// The message in Japanese, without the file.
    public var message: String { problem.words(in: .ja) }

    /// `file: message`, in Japanese.
    public var description: String { words(in: .ja) }
}

extension CalendarFileError: Worded {
    /// `file: message` in `language`.
    public func words(in language: Language) -> String { "\(file): \(problem.words(in: language))" }
}

/// What is wrong in a series file (`calendars/*.ics`), typed.
public indirect enum CalendarFileProblem: Hashable, Sendable {
    /// A whole-number setting of a series.
    public enum Quantity: String, Hashable, Sendable, CaseIterable {
        /// X-KASANE-CAPACITY: the items one meeting handles.
        case capacity
        /// X-KASANE-MINUTES-PER-ITEM: the minutes per item.
        case minutesPerItem
    }

    /// Larger than `limit` bytes.
    case tooLarge(limit: Int)
    /// Control characters other than tab and line breaks.
    case controlCharacters
    /// Not an iCalendar file.
    case notICalendar
    /// No VEVENT.
    case noEvent
    /// libical's parse problem (its own English words).
    case malformedICalendar(String)
    /// No UID.
    case missingUID
    /// DTSTART is not a date-time.
    case startNotDateTime
    /// No DTEND (or DURATION).
    case missingEnd
    /// DTEND in another time zone than DTSTART.
    case endInOtherZone
    /// DTSTART–DTEND is not a time range within one day (Asia/Tokyo).
    case notWithinOneDay
    /// X-KASANE-SERIES missing or invalid.
    case invalidSeriesID
    /// X-KASANE-BODIES missing.
    case missingBodies
    /// `property` missing: `what` must be given in `range`.
    case missingQuantity(property: String, what: Quantity, range: ClosedRange<Int>)
    /// `property`'s `value` out of `range`.
    case quantityOutOfRange(property: String, value: String, what: Quantity, range: ClosedRange<Int>)
    /// `capacity` items of `perItem` minutes do not fit between `start` and `end`.
    case itemsDoNotFit(capacity: Int, perItem: Int, start: TimeOfDay, end: TimeOfDay)
    /// X-KASANE-ON-CLOSED-DAY is neither move nor skip.
    case invalidClosedDayPolicy(String)
    /// An RRULE frequency other than DAILY, WEEKLY, MONTHLY, YEARLY.
    case unsupportedFrequency(rule: String)
    /// An RRULE part out of range (`problem` from the static check, Japanese).
    case invalidRule(rule: String, problem: String)
    /// libical cannot read the RRULE.
    case unreadableRule(String)
    /// libical cannot expand the RRULE.
    case unexpandableRule(String)
    /// More than `limit` occurrences before `from`: the expansion stopped.
    case tooManyBefore(rule: String, from: LocalDate, limit: Int)
    /// More than `limit` occurrences between `from` and `through`.
    case tooManyWithin(rule: String, from: LocalDate, through: LocalDate, limit: Int)
    /// The occurrence on `date` falls at `at` in Asia/Tokyo, not at the series' start (DST zone).
    case shiftedOccurrence(date: LocalDate, at: TimeOfDay, start: TimeOfDay)
    /// `property` (EXDATE, RDATE) has an unreadable date-time.
    case unreadableDate(property: String)
    /// URL not an absolute http(s) URL without spaces.
    case invalidURL(String)
    /// Two VEVENTs with one RECURRENCE-ID.
    case duplicateRecurrenceID
    /// A VEVENT of another series (`other`) in the file of series `uid`.
    case otherSeries(other: String, uid: String)
    /// A second VEVENT of `uid` without RECURRENCE-ID.
    case secondEventWithoutRecurrenceID(uid: String)
    /// RECURRENCE-ID;RANGE=THISANDFUTURE.
    case thisAndFuture
    /// RECURRENCE-ID unreadable.
    case unreadableRecurrenceID
    /// RECURRENCE-ID `original` is not an occurrence of the series.
    case notAnOccurrence(LocalDate)
    /// The change of `original` has neither new times nor STATUS:CANCELLED.
    case changeNeedsTimes(LocalDate)
    /// The change of `original`: `problem`.
    case inChange(LocalDate, CalendarFileProblem)
    /// TZID unknown to libical.
    case unknownTimeZone(String)
}

extension CalendarFileProblem.Quantity: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.capacity, .ja): "1回の会議で扱う件数"
        case (.capacity, .en): "the number of items one meeting handles"
        case (.minutesPerItem, .ja): "1件あたりの分数"
        case (.minutesPerItem, .en): "the minutes per item"
        }
    }
}

extension CalendarFileProblem: Worded {
    public func words(in language: Language) -> String {
        let c = Catalogue(language)
        switch (self, language) {
        case (.tooLarge(let limit), .ja): return "\(limit) バイトを超えています: 1つの系列だけを書いてください"
        case (.tooLarge(let limit), .en): return "larger than \(limit) bytes: write one series per file"
        case (.controlCharacters, .ja): return "制御文字があります: 取り除いてください（タブと改行だけが使えます）"
        case (.controlCharacters, .en): return "contains control characters: remove them (only tab and line breaks)"
        case (.notICalendar, .ja): return "iCalendar ファイルではありません: BEGIN:VCALENDAR から書いてください"
        case (.notICalendar, .en): return "not an iCalendar file (BEGIN:VCALENDAR…)"
        case (.noEvent, .ja): return "VEVENT がありません: 系列ファイルには系列の RRULE を持つ VEVENT を1つ書きます"
        case (.noEvent, .en): return "no VEVENT: a series file holds one VEVENT with the series' RRULE"
        case (.malformedICalendar(let problem), .ja): return "iCalendar として読めません: \(problem)"
        case (.malformedICalendar(let problem), .en): return "malformed iCalendar: \(problem)"
        case (.missingUID, .ja): return "UID がありません: 系列ごとに一意の UID を書いてください"
        case (.missingUID, .en): return "missing UID"
        case (.startNotDateTime, .ja): return "DTSTART は DTSTART;TZID=Asia/Tokyo:20260408T140000 のような日時で書いてください"
        case (.startNotDateTime, .en): return "DTSTART must be a date-time such as DTSTART;TZID=Asia/Tokyo:20260408T140000"
        case (.missingEnd, .ja): return "DTEND（または DURATION）がありません: 会議の終了時刻を書いてください"
        case (.missingEnd, .en): return "missing DTEND (or DURATION)"
        case (.endInOtherZone, .ja): return "DTEND は DTSTART と同じタイムゾーンで書いてください（TZID=Asia/Tokyo を推奨）"
        case (.endInOtherZone, .en): return "write DTEND in the time zone of DTSTART (TZID=Asia/Tokyo recommended)"
        case (.notWithinOneDay, .ja): return "DTSTART/DTEND は同じ日の中の時間帯にしてください (Asia/Tokyo)"
        case (.notWithinOneDay, .en): return "DTSTART/DTEND must be a time range within one day (Asia/Tokyo)"
        case (.invalidSeriesID, .ja): return "X-KASANE-SERIES がないか不正です: 英数字と - の短い id を書いてください"
        case (.invalidSeriesID, .en): return "missing or invalid X-KASANE-SERIES (a short id of letters, digits and '-')"
        case (.missingBodies, .ja): return "X-KASANE-BODIES がありません: 系列が受け持つ会議体の id を書いてください"
        case (.missingBodies, .en): return "missing X-KASANE-BODIES (the meeting bodies the series serves)"
        case (.missingQuantity(let name, let what, let range), .ja):
            return "\(name) がありません: \(c(what))を \(range.lowerBound)〜\(range.upperBound) の整数で書いてください（既定値はありません）"
        case (.missingQuantity(let name, let what, let range), .en):
            return "missing \(name): give \(c(what)) as a whole number from \(range.lowerBound) to \(range.upperBound) (no default)"
        case (.quantityOutOfRange(let name, let value, let what, let range), .ja):
            return "\(name) '\(ICalendarText.singleLine(value))' は範囲外です: \(c(what))を \(range.lowerBound)〜\(range.upperBound) の整数で書いてください"
        case (.quantityOutOfRange(let name, let value, let what, let range), .en):
            return "\(name) '\(ICalendarText.singleLine(value))' is out of range: give \(c(what)) as a whole number from "
                + "\(range.lowerBound) to \(range.upperBound)"
        case (.itemsDoNotFit(let capacity, let perItem, let start, let end), .ja):
            let available = end.minutes - start.minutes
            return "\(capacity) 件 × \(perItem) 分 = \(capacity * perItem) 分は \(start)〜\(end) の \(available) 分に収まりません。"
                + "X-KASANE-CAPACITY を \(max(available / perItem, 0)) 以下にする（既定値はなく、"
                + "\(SeriesLimits.capacity.lowerBound)〜\(SeriesLimits.capacity.upperBound) で指定）、"
                + "X-KASANE-MINUTES-PER-ITEM を短くする、または DTEND を遅らせてください"
        case (.itemsDoNotFit(let capacity, let perItem, let start, let end), .en):
            let available = end.minutes - start.minutes
            return "\(capacity) items × \(perItem) min do not fit between \(start) and \(end) (\(available) min): set "
                + "X-KASANE-CAPACITY to \(max(available / perItem, 0)) or less (no default, "
                + "\(SeriesLimits.capacity.lowerBound)–\(SeriesLimits.capacity.upperBound)), shorten "
                + "X-KASANE-MINUTES-PER-ITEM, or end later (DTEND)"
        case (.invalidClosedDayPolicy(let s), .ja):
            return "X-KASANE-ON-CLOSED-DAY は 'move'（翌開庁日へ）か 'skip'（取りやめ）にしてください（'\(ICalendarText.singleLine(s))' と書かれています）"
        case (.invalidClosedDayPolicy(let s), .en):
            return "X-KASANE-ON-CLOSED-DAY must be 'move' or 'skip', not '\(ICalendarText.singleLine(s))'"
        case (.unsupportedFrequency(let rule), .ja): return "RRULE '\(rule)': FREQ は DAILY・WEEKLY・MONTHLY・YEARLY のいずれかにしてください"
        case (.unsupportedFrequency(let rule), .en): return "RRULE '\(rule)': only FREQ=DAILY, WEEKLY, MONTHLY or YEARLY are accepted"
        case (.invalidRule(let rule, let problem), .ja): return "RRULE '\(rule)': \(problem)"
        case (.invalidRule(let rule, let problem), .en): return "RRULE '\(rule)' is refused (in Japanese: \(problem))"
        case (.unreadableRule(let rule), .ja): return "RRULE '\(rule)' が読めません: RFC 5545 の形で書いてください"
        case (.unreadableRule(let rule), .en): return "RRULE '\(rule)' cannot be read"
        case (.unexpandableRule(let rule), .ja): return "RRULE '\(rule)' を展開できません: RRULE を見直してください"
        case (.unexpandableRule(let rule), .en): return "RRULE '\(rule)' cannot be expanded"
        case (.tooManyBefore(let rule, let from, let limit), .ja):
            return "RRULE '\(rule)': \(from.iso) より前に \(100 * limit) 回を超える回があり、展開を打ち切りました: DTSTART を最近の回に移してください"
        case (.tooManyBefore(let rule, let from, let limit), .en):
            return "RRULE '\(rule)': more than \(100 * limit) occurrences before \(from.iso), expansion stopped: move DTSTART "
                + "to a recent occurrence"
        case (.tooManyWithin(let rule, let from, let through, let limit), .ja):
            return "RRULE '\(rule)': \(from.iso)〜\(through.iso) に \(limit) 回を超える回があり、展開を打ち切りました: "
                + "RRULE（FREQ/INTERVAL/COUNT）を見直すか期間を短くしてください"
        case (.tooManyWithin(let rule, let from, let through, let limit), .en):
            return "RRULE '\(rule)': more than \(limit) occurrences from \(from.iso) to \(through.iso), expansion stopped: "
                + "check FREQ/INTERVAL/COUNT or shorten the period"
        case (.shiftedOccurrence(let date, let at, let start), .ja):
            return "\(date.iso) の回は Asia/Tokyo で \(at) になり、系列の開始 \(start) と違います（夏時間のあるタイムゾーン）: "
                + "DTSTART;TZID=Asia/Tokyo で書いてください"
        case (.shiftedOccurrence(let date, let at, let start), .en):
            return "the occurrence on \(date.iso) falls at \(at) in Asia/Tokyo, not at the series' start \(start) (a zone with "
                + "daylight saving time): write DTSTART;TZID=Asia/Tokyo"
        case (.unreadableDate(let property), .ja): return "\(property) の日時が読めません: 20260408 や 20260408T140000 の形で書いてください"
        case (.unreadableDate(let property), .en): return "the date-time of \(property) cannot be read"
        case (.invalidURL(let url), .ja):
            return "URL '\(ICalendarText.singleLine(url))' は使えません: 空白や制御文字を含まない http:// または "
                + "https:// で始まる絶対 URL にしてください（例: https://meet.example.jp/room）"
        case (.invalidURL(let url), .en):
            return "URL '\(ICalendarText.singleLine(url))' cannot be used: give an absolute http:// or https:// URL without "
                + "spaces or control characters (e.g. https://meet.example.jp/room)"
        case (.duplicateRecurrenceID, .ja): return "同じ RECURRENCE-ID の VEVENT が2つあります: 1回の変更は1つの VEVENT にまとめてください"
        case (.duplicateRecurrenceID, .en): return "two VEVENTs have the same RECURRENCE-ID: put one change in one VEVENT"
        case (.otherSeries(let other, let uid), .ja):
            return "VEVENT '\(ICalendarText.singleLine(other))': 系列ファイルには1つの系列（UID \(uid)）だけを書きます。"
                + "別の系列は別の .ics ファイルにしてください"
        case (.otherSeries(let other, let uid), .en):
            return "VEVENT '\(ICalendarText.singleLine(other))': a series file holds one series (UID \(uid)); put another series "
                + "in its own .ics file"
        case (.secondEventWithoutRecurrenceID(let uid), .ja):
            return "UID \(uid) の VEVENT が2つあり、2つ目に RECURRENCE-ID がありません: 変更する回の元の日時を RECURRENCE-ID に書いてください"
        case (.secondEventWithoutRecurrenceID(let uid), .en):
            return "a second VEVENT of UID \(uid) has no RECURRENCE-ID: give the original date-time of the occurrence it changes"
        case (.thisAndFuture, .ja): return "RECURRENCE-ID;RANGE=THISANDFUTURE は扱えません: 以降の回を変えるには RRULE を直してください"
        case (.thisAndFuture, .en): return "RECURRENCE-ID;RANGE=THISANDFUTURE is not accepted: change the RRULE to change later occurrences"
        case (.unreadableRecurrenceID, .ja): return "RECURRENCE-ID の日時が読めません"
        case (.unreadableRecurrenceID, .en): return "the date-time of RECURRENCE-ID cannot be read"
        case (.notAnOccurrence(let date), .ja):
            return "RECURRENCE-ID \(date.iso) は系列の回ではありません: RRULE/RDATE で開かれる回の日付（元の日時）を書いてください"
        case (.notAnOccurrence(let date), .en):
            return "RECURRENCE-ID \(date.iso) is not an occurrence of the series: give the original date of an occurrence of "
                + "the RRULE/RDATE"
        case (.changeNeedsTimes(let date), .ja):
            return "RECURRENCE-ID \(date.iso) の VEVENT に新しい DTSTART/DTEND（日時）を書くか、STATUS:CANCELLED で取りやめてください"
        case (.changeNeedsTimes(let date), .en):
            return "the VEVENT of RECURRENCE-ID \(date.iso) needs a new DTSTART/DTEND, or STATUS:CANCELLED to cancel it"
        case (.inChange(let date, let problem), _): return "RECURRENCE-ID \(date.iso): \(c(problem))"
        case (.unknownTimeZone(let tzid), .ja):
            return "TZID=\(tzid) は libical の知らないタイムゾーンです: DTSTART;TZID=Asia/Tokyo:20260408T140000 のように Asia/Tokyo で書いてください"
        case (.unknownTimeZone(let tzid), .en):
            return "TZID=\(tzid) is a time zone libical does not know: write Asia/Tokyo, e.g. DTSTART;TZID=Asia/Tokyo:20260408T140000"
        }
    }
}
