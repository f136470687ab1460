import CLibical
public import KasaneCore

/// The time zone a series file's DTSTART was written in, when it is not Asia/Tokyo (or floating):
/// occurrences are expanded there and converted to Asia/Tokyo wall time.
public enum SeriesSourceZone: Hashable, Sendable {
    /// `DTSTART:…Z` (or `TZID=UTC`).
    case utc
    /// A TZID libical knows from its built-in zone data, e.g. `Asia/Seoul`.
    case named(String)
}

/// One occurrence moved or cancelled by a second VEVENT with the series' UID and a RECURRENCE-ID.
public struct SeriesOverride: Hashable, Sendable {
    /// The occurrence it replaces (the RECURRENCE-ID's date, Asia/Tokyo).
    public var original: LocalDate
    /// Where the occurrence is held instead; `nil` when it is cancelled (`STATUS:CANCELLED`).
    public var moved: Moved?

    /// The new date and times of a moved occurrence (Asia/Tokyo).
    public struct Moved: Hashable, Sendable {
        public var date: LocalDate
        public var start: TimeOfDay
        public var end: TimeOfDay

        /// A moved occurrence on `date`, `start`–`end` (Asia/Tokyo).
        public init(date: LocalDate, start: TimeOfDay, end: TimeOfDay) {
            self.date = date
            self.start = start
            self.end = end
        }
    }

    /// The override of the occurrence on `original`: moved, or cancelled when `moved` is nil.
    public init(original: LocalDate, moved: Moved?) {
        self.original = original
        self.moved = moved
    }
}

/// A standing series as read from `calendars/*.ics`: the series and its recurrence, ready to expand.
public struct SeriesDefinition: Hashable, Sendable {
    public var series: StandingSeries
    /// The first occurrence (DTSTART's date, Asia/Tokyo).
    public var firstDate: LocalDate
    /// The RRULE value, if any (FREQ=DAILY/WEEKLY/MONTHLY/YEARLY only).
    public var rrule: String?
    public var exdates: [LocalDate]
    public var rdates: [LocalDate]
    /// Occurrences moved or cancelled by RECURRENCE-ID overrides, at most one per original date.
    public var overrides: [SeriesOverride] = []
    /// Where DTSTART was written, when not in Asia/Tokyo: the RRULE is expanded there.
    public var sourceZone: SeriesSourceZone?
    /// DTSTART's date and time in `sourceZone` (the RRULE's own start), when `sourceZone` is set.
    var sourceStart: WallTime?

    /// A date and minutes after midnight, in some zone.
    struct WallTime: Hashable, Sendable {
        var date: LocalDate
        var minutes: Int
    }

    init(series: StandingSeries, firstDate: LocalDate, rrule: String?, exdates: [LocalDate], rdates: [LocalDate]) {
        self.series = series
        self.firstDate = firstDate
        self.rrule = rrule
        self.exdates = exdates
        self.rdates = rdates
    }

    /// The occurrence dates between `from` and `through` (inclusive), expanded by libical from
    /// `from` on (not from DTSTART), with RDATEs added and EXDATEs removed; at most `limit` dates
    /// inside the window. Overrides are not applied here: see `sessions(from:through:calendar:)`.
    /// - Throws: `CalendarFileError` when the rule cannot be expanded, when the window holds more
    ///   than `limit` occurrences, or when an occurrence falls at another Asia/Tokyo time than the
    ///   series' (a time zone with summer time).
    public func dates(from: LocalDate, through: LocalDate, limit: Int = 5000) throws -> [LocalDate] {
        var result: Set<LocalDate> = []
        if let rrule {
            for d in try Recurrence.expand(rrule: rrule, definition: self, from: from, through: through,
                                           limit: limit) where d >= from {
                result.insert(d)
            }
        } else if firstDate >= from && firstDate <= through {
            result.insert(firstDate)
        }
        for d in rdates where d >= from && d <= through { result.insert(d) }
        result.subtract(exdates)
        return result.sorted()
    }

    /// The sessions of the series from `from` through `through`: its occurrences, with
    /// RECURRENCE-ID overrides applied (a moved occurrence is held at the new date and time, its id
    /// naming that day — with the time too when the series already meets that day — and a
    /// cancelled one is removed), never on a closed day.
    /// - Throws: `CalendarFileError` as `dates(from:through:limit:)` does, and for an override
    ///   whose RECURRENCE-ID is not an occurrence of the series.
    public func sessions(from: LocalDate, through: LocalDate, calendar: BusinessCalendar) throws -> [Session] {
        var dates = Set(try dates(from: from, through: through))
        var moved: [Session] = []
        for o in overrides {
            let wasOccurrence: Bool
            if dates.remove(o.original) != nil {
                wasOccurrence = true
            } else if o.original < from || o.original > through {
                wasOccurrence = try !self.dates(from: o.original, through: o.original).isEmpty
            } else {
                wasOccurrence = false
            }
            guard wasOccurrence else {
                throw CalendarFileError(file: series.slug, problem: .notAnOccurrence(o.original))
            }
            guard let m = o.moved, m.date >= from, m.date <= through else { continue }
            var shifted = series
            shifted.start = m.start
            shifted.end = m.end
            guard var session = shifted.sessions(on: [m.date], calendar: calendar).first else { continue }
            session.note = "moved from \(o.original.iso) (RECURRENCE-ID)" + (session.note.map { "; \($0)" } ?? "")
            moved.append(session)
        }
        // Issue 11.8: an id names the day the session is held; a moved occurrence landing on a day
        // the series already meets takes the time too, so it never hides the other.
        let regular = series.sessions(on: dates.sorted(), calendar: calendar)
        var ids = Set(regular.map(\.id))
        for i in moved.indices where !ids.insert(moved[i].id).inserted {
            let t = moved[i].start
            moved[i].id += "-" + (t.hour < 10 ? "0" : "") + "\(t.hour)" + (t.minute < 10 ? "0" : "") + "\(t.minute)"
            ids.insert(moved[i].id)
        }
        return (regular + moved).sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
    }
}

/// The bounds of Kasane's series properties (README "Calendars folder").
public enum SeriesLimits {
    /// `X-KASANE-CAPACITY`: items per session.
    public static let capacity = 1...50
    /// `X-KASANE-MINUTES-PER-ITEM`: minutes per item segment.
    public static let minutesPerItem = 5...480
}

/// Reads standing series from iCalendar files with libical.
///
/// A series file holds one VEVENT with DTSTART/DTEND in Asia/Tokyo (or floating, UTC, or a TZID
/// libical knows, converted to Asia/Tokyo), an RRULE, optional RDATE/EXDATE, LOCATION, URL (the
/// online link), and Kasane's properties: `X-KASANE-SERIES` (short id), `X-KASANE-BODIES`
/// (comma-separated body ids), `X-KASANE-CAPACITY` (items per session, 1–50),
/// `X-KASANE-MINUTES-PER-ITEM` (5–480), `X-KASANE-ON-CLOSED-DAY` (`move` or `skip`). Further
/// VEVENTs with the same UID and a RECURRENCE-ID move or cancel one occurrence each.
public enum SeriesFile {
    /// The largest series file accepted (our own configuration; foreign data is never parsed here).
    public static let maximumSize = 256 * 1024

    /// Parses one series file.
    /// - Throws: `CalendarFileError` naming the missing or malformed property.
    public static func parse(_ text: String, file: String) throws(CalendarFileError) -> SeriesDefinition {
        func fail(_ problem: CalendarFileProblem) -> CalendarFileError { CalendarFileError(file: file, problem: problem) }
        guard text.utf8.count <= maximumSize else { throw fail(.tooLarge(limit: maximumSize)) }
        let allowedControls: Set<UInt32> = [0x09, 0x0A, 0x0D]
        let hasControl = text.unicodeScalars.contains { s in s.value < 0x20 && !allowedControls.contains(s.value) }
        guard !hasControl else {
            throw fail(.controlCharacters)
        }
        LibicalSetup.once()
        guard let root = icalparser_parse_string(text) else { throw fail(.notICalendar) }
        defer { icalcomponent_free(root) }
        var events: [OpaquePointer] = []
        var next = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
        while let e = next {
            events.append(e)
            next = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)
        }
        guard let event = events.first(where: { icalcomponent_get_first_property($0, ICAL_RECURRENCEID_PROPERTY) == nil })
            ?? events.first else {
            throw fail(.noEvent)
        }
        for e in events { if let error = firstParseError(e) { throw fail(.malformedICalendar(error)) } }

        var x: [String: String] = [:]
        var p = icalcomponent_get_first_property(event, ICAL_X_PROPERTY)
        while let prop = p {
            if let name = icalproperty_get_x_name(prop), let value = icalproperty_get_x(prop) {
                x[String(cString: name).uppercased()] = String(cString: value)
            }
            p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)
        }

        guard let uidC = icalcomponent_get_uid(event), !String(cString: uidC).isEmpty else { throw fail(.missingUID) }
        let uid = String(cString: uidC)
        let dtstart = icalcomponent_get_dtstart(event)
        let dtend = icalcomponent_get_dtend(event)
        guard icaltime_is_null_time(dtstart) == 0, dtstart.is_date == 0 else {
            throw fail(.startNotDateTime)
        }
        guard icaltime_is_null_time(dtend) == 0 else { throw fail(.missingEnd) }
        let zone = try sourceZone(icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY), dtstart, file: file)
        guard try sourceZone(icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY), dtend, file: file) == zone else {
            throw fail(.endInOtherZone)
        }
        guard let (first, startMinutes) = TokyoTime.convert(dtstart, from: zone),
              let (endDate, endMinutes) = TokyoTime.convert(dtend, from: zone),
              endDate == first, startMinutes < endMinutes else {
            throw fail(.notWithinOneDay)
        }
        let start = TimeOfDay(minutes: startMinutes), end = TimeOfDay(minutes: endMinutes)

        guard let slug = x["X-KASANE-SERIES"], CaseNumberRule.isValid(slug) else {
            throw fail(.invalidSeriesID)
        }
        let bodies = (x["X-KASANE-BODIES"] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
            .filter { !$0.isEmpty }
        guard !bodies.isEmpty else { throw fail(.missingBodies) }
        let capacity = try bounded("X-KASANE-CAPACITY", x["X-KASANE-CAPACITY"], SeriesLimits.capacity,
                                   what: .capacity, file: file)
        let perItem = try bounded("X-KASANE-MINUTES-PER-ITEM", x["X-KASANE-MINUTES-PER-ITEM"],
                                  SeriesLimits.minutesPerItem, what: .minutesPerItem, file: file)
        if let problem = fitProblem(capacity: capacity, perItem: perItem, start: start, end: end) {
            throw fail(problem)
        }
        let policyText = x["X-KASANE-ON-CLOSED-DAY"] ?? "move"
        guard let policy = ClosedDayPolicy(rawValue: policyText) else {
            throw fail(.invalidClosedDayPolicy(policyText))
        }

        var rrule: String?
        if let prop = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY),
           let v = icalproperty_get_value_as_string(prop) {
            let rule = String(cString: v)
            let freq = rule.split(separator: ";").first { $0.hasPrefix("FREQ=") }.map { String($0.dropFirst(5)) }
            guard let freq, ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(freq) else {
                throw fail(.unsupportedFrequency(rule: rule))
            }
            if let problem = RRuleCheck.problem(rule) { throw fail(.invalidRule(rule: rule, problem: problem)) }
            rrule = rule
        }
        func tokyoDate(_ p: OpaquePointer, _ t: icaltimetype, _ what: String) throws(CalendarFileError) -> LocalDate {
            if t.is_date != 0, let d = LocalDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)) { return d }
            guard let (d, _) = TokyoTime.convert(t, from: try sourceZone(p, t, file: file)) else {
                throw fail(.unreadableDate(property: what))
            }
            return d
        }
        var exdates: [LocalDate] = []
        var prop = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY)
        while let e = prop {
            exdates.append(try tokyoDate(e, icalproperty_get_exdate(e), "EXDATE"))
            prop = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)
        }
        var rdates: [LocalDate] = []
        prop = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY)
        while let r = prop {
            rdates.append(try tokyoDate(r, icalproperty_get_rdate(r).time, "RDATE"))
            prop = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)
        }
        var onlineURL: String?
        if let u = textValue(event, ICAL_URL_PROPERTY) {
            guard URLRule.isWebURL(u) else {
                throw fail(.invalidURL(u))
            }
            onlineURL = u
        }
        let series = StandingSeries(
            uid: uid, slug: slug, title: textValue(event, ICAL_SUMMARY_PROPERTY) ?? slug, bodies: bodies, start: start,
            end: end, capacity: capacity, minutesPerItem: perItem, location: textValue(event, ICAL_LOCATION_PROPERTY),
            onlineURL: onlineURL, onClosedDay: policy)
        var definition = SeriesDefinition(series: series, firstDate: first, rrule: rrule, exdates: exdates,
                                          rdates: rdates)
        if let zone {
            definition.sourceZone = zone
            definition.sourceStart = .init(
                date: LocalDate(year: Int(dtstart.year), month: Int(dtstart.month), day: Int(dtstart.day)) ?? first,
                minutes: Int(dtstart.hour) * 60 + Int(dtstart.minute))
        }
        for e in events where e != event {
            definition.overrides.append(try override(e, uid: uid, series: series, zone: zone, file: file))
        }
        guard Set(definition.overrides.map(\.original)).count == definition.overrides.count else {
            throw fail(.duplicateRecurrenceID)
        }
        return definition
    }

    /// A VEVENT that moves or cancels one occurrence of the series.
    private static func override(_ e: OpaquePointer, uid: String, series: StandingSeries, zone: SeriesSourceZone?,
                                 file: String) throws(CalendarFileError) -> SeriesOverride {
        func fail(_ problem: CalendarFileProblem) -> CalendarFileError { CalendarFileError(file: file, problem: problem) }
        let otherUID = icalcomponent_get_uid(e).map { String(cString: $0) } ?? ""
        guard otherUID == uid else {
            throw fail(.otherSeries(other: otherUID, uid: uid))
        }
        guard let rid = icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY) else {
            throw fail(.secondEventWithoutRecurrenceID(uid: uid))
        }
        if icalproperty_get_first_parameter(rid, ICAL_RANGE_PARAMETER) != nil {
            throw fail(.thisAndFuture)
        }
        let ridTime = icalcomponent_get_recurrenceid(e)
        let ridZone = try sourceZone(icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY), ridTime, file: file)
        guard let (original, _) = TokyoTime.convert(ridTime, from: ridTime.is_date != 0 ? nil : ridZone) else {
            throw fail(.unreadableRecurrenceID)
        }
        if icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED {
            return SeriesOverride(original: original, moved: nil)
        }
        let s = icalcomponent_get_dtstart(e), t = icalcomponent_get_dtend(e)
        guard icaltime_is_null_time(s) == 0, s.is_date == 0, icaltime_is_null_time(t) == 0 else {
            throw fail(.changeNeedsTimes(original))
        }
        let z = try sourceZone(icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY), s, file: file)
        guard let (date, startMinutes) = TokyoTime.convert(s, from: z),
              let (endDate, endMinutes) = TokyoTime.convert(t, from: try sourceZone(icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY), t, file: file)),
              endDate == date, startMinutes < endMinutes else {
            throw fail(.inChange(original, .notWithinOneDay))
        }
        let start = TimeOfDay(minutes: startMinutes), end = TimeOfDay(minutes: endMinutes)
        if let problem = fitProblem(capacity: series.capacity, perItem: series.minutesPerItem, start: start, end: end) {
            throw fail(.inChange(original, problem))
        }
        return SeriesOverride(original: original, moved: .init(date: date, start: start, end: end))
    }

    /// A whole-number property within `range`, or an error naming the property and the range.
    private static func bounded(_ name: String, _ value: String?, _ range: ClosedRange<Int>,
                                what: CalendarFileProblem.Quantity,
                                file: String) throws(CalendarFileError) -> Int {
        guard let value else {
            throw CalendarFileError(file: file, problem: .missingQuantity(property: name, what: what, range: range))
        }
        guard let n = Int(value), range.contains(n) else {
            throw CalendarFileError(file: file, problem: .quantityOutOfRange(property: name, value: value, what: what,
                                                                             range: range))
        }
        return n
    }

    /// Why `capacity` items of `perItem` minutes do not fit between `start` and `end`, if they do not.
    /// Both are bounded (`SeriesLimits`), so the product cannot overflow.
    static func fitProblem(capacity: Int, perItem: Int, start: TimeOfDay, end: TimeOfDay) -> CalendarFileProblem? {
        guard capacity * perItem > end.minutes - start.minutes else { return nil }
        return .itemsDoNotFit(capacity: capacity, perItem: perItem, start: start, end: end)
    }

    /// A TEXT property's value with RFC 5545 escapes undone (`\,` `\;` `\\` `\n`), or nil when empty.
    private static func textValue(_ event: OpaquePointer, _ kind: icalproperty_kind) -> String? {
        guard let p = icalcomponent_get_first_property(event, kind), let value = icalproperty_get_value(p) else {
            return nil
        }
        let raw: UnsafePointer<CChar>?
        switch icalvalue_isa(value) {
        case ICAL_TEXT_VALUE: raw = icalvalue_get_text(value)
        case ICAL_URI_VALUE: raw = icalvalue_get_uri(value)
        default: raw = icalvalue_as_ical_string(value)
        }
        guard let raw else { return nil }
        let s = String(cString: raw)
        return s.isEmpty ? nil : s
    }

    /// The zone a date-time property was written in: nil for Asia/Tokyo or floating, `.utc` for
    /// `…Z`, `.named` for another TZID libical knows.
    /// - Throws: `CalendarFileError` for a TZID libical has no data for.
    private static func sourceZone(_ property: OpaquePointer?, _ t: icaltimetype,
                                   file: String) throws(CalendarFileError) -> SeriesSourceZone? {
        if icaltime_is_utc(t) != 0 { return .utc }
        guard let property, let param = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
              let v = icalparameter_get_tzid(param) else { return nil }
        let tzid = String(cString: v)
        switch tzid {
        case "Asia/Tokyo", "Japan": return nil
        case "UTC", "Etc/UTC", "GMT", "Etc/GMT": return .utc
        default:
            guard icaltimezone_get_builtin_timezone(tzid) != nil else {
                throw CalendarFileError(file: file, problem: .unknownTimeZone(tzid))
            }
            return .named(tzid)
        }
    }

    /// libical records parse problems as X-LIC-ERROR properties; report the first.
    private static func firstParseError(_ comp: OpaquePointer) -> String? {
        guard let p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY),
              let v = icalproperty_get_xlicerror(p) else { return nil }
        return String(cString: v)
    }
}

/// Static checks of an RRULE before libical expands it (#12, found by fuzzing): libical 3.0
/// searches centuries ahead for a rule that can never occur (`BYDAY=7WE` took 2 s, `BYSETPOS=6`
/// with one weekday 1.7 s, `BYMONTH=2;BYMONTHDAY=30` 0.8 s per expansion), so values out of range
/// for the frequency and month/day pairs that never exist are refused first.
enum RRuleCheck {
    static let weekdays: Set<Substring> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// What is wrong with `rule`, in Japanese, or nil; parts libical reads are left to it.
    static func problem(_ rule: String) -> String? {
        var parts: [Substring: [Substring]] = [:]
        for part in rule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return "'\(part)' は KEY=VALUE の形ではありません" }
            guard parts[kv[0]] == nil else { return "\(kv[0]) が2回あります" }
            parts[kv[0]] = kv[1].split(separator: ",", omittingEmptySubsequences: false)
        }
        let freq = parts["FREQ"]?.first ?? ""
        func numbers(_ key: Substring, _ range: ClosedRange<Int>) -> [Int]?? {
            guard let values = parts[key] else { return .some(nil) }
            let ns = values.compactMap { Int($0) }
            guard ns.count == values.count, ns.allSatisfy({ $0 != 0 && range.contains(abs($0)) }) else { return nil }
            return .some(ns)
        }
        for key in ["BYHOUR", "BYMINUTE", "BYSECOND"] where parts[Substring(key)] != nil {
            return "\(key) は使えません: 系列は1日1回、DTSTART の時刻に開きます"
        }
        if let interval = parts["INTERVAL"] {
            guard interval.count == 1, let n = Int(interval[0]), (1...1000).contains(n) else {
                return "INTERVAL は 1〜1000 にしてください"
            }
        }
        guard let months = numbers("BYMONTH", 1...12) else { return "BYMONTH は 1〜12 にしてください" }
        if months?.contains(where: { $0 < 0 }) == true { return "BYMONTH は 1〜12 にしてください" }
        guard let monthDays = numbers("BYMONTHDAY", 1...31) else { return "BYMONTHDAY は ±1〜31 にしてください" }
        guard numbers("BYYEARDAY", 1...366) != nil else { return "BYYEARDAY は ±1〜366 にしてください" }
        guard numbers("BYWEEKNO", 1...53) != nil else { return "BYWEEKNO は ±1〜53 にしてください" }
        var weekdayCount = 0
        for day in parts["BYDAY"] ?? [] {
            guard day.count >= 2, weekdays.contains(day.suffix(2)) else { return "BYDAY '\(day)' は MO〜SU（序数つき可）にしてください" }
            let ordinal = day.dropLast(2)
            weekdayCount += 1
            guard !ordinal.isEmpty else { continue }
            let limit = freq == "MONTHLY" || (freq == "YEARLY" && months != nil) ? 5 : freq == "YEARLY" ? 53 : 0
            guard let n = Int(ordinal), n != 0, abs(n) <= limit else {
                return limit == 0 ? "FREQ=\(freq) の BYDAY に序数（\(day)）は付けられません"
                    : "BYDAY '\(day)' の序数は ±1〜\(limit) にしてください"
            }
        }
        if let months, let monthDays {
            let exists = months.contains { m in monthDays.contains { abs($0) <= LocalDate.daysIn(month: m, year: 2028) } }
            guard exists else { return "BYMONTH と BYMONTHDAY の組み合わせに実在する日がありません" }
        }
        if let positions = parts["BYSETPOS"] {
            // The fewest candidates a period is sure to hold bounds the positions that can occur.
            let candidates: Int
            switch freq {
            case "DAILY": candidates = 1
            case "WEEKLY": candidates = max(weekdayCount, 1)
            case "MONTHLY": candidates = weekdayCount > 0 ? 5 * weekdayCount : monthDays?.count ?? 31
            default: candidates = 366
            }
            guard case .some(.some) = numbers("BYSETPOS", 1...candidates) else {
                return "BYSETPOS は ±1〜\(candidates) にしてください（\(positions.joined(separator: ","))）"
            }
        }
        return nil
    }
}

/// Conversion of a wall-clock time in a series' zone to Asia/Tokyo (UTC+9, no summer time).
enum TokyoTime {
    /// Asia/Tokyo's offset from UTC, in minutes.
    static let offset = 9 * 60

    /// The Asia/Tokyo date and minutes after midnight of `t`, read as a time in `zone` (nil:
    /// already Asia/Tokyo or floating).
    static func convert(_ t: icaltimetype, from zone: SeriesSourceZone?) -> (LocalDate, Int)? {
        guard let date = LocalDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)),
              (0...23).contains(t.hour), (0...59).contains(t.minute) else { return nil }
        let minutes = Int(t.hour) * 60 + Int(t.minute)
        switch zone {
        case nil:
            return (date, minutes)
        case .utc:
            return shifted(date, minutes + offset)
        case .named(let tzid):
            guard let tz = icaltimezone_get_builtin_timezone(tzid) else { return nil }
            var local = t
            local.is_date = 0
            local.zone = tz
            let utc = icaltime_convert_to_zone(local, icaltimezone_get_utc_timezone())
            guard let d = LocalDate(year: Int(utc.year), month: Int(utc.month), day: Int(utc.day)) else { return nil }
            return shifted(d, Int(utc.hour) * 60 + Int(utc.minute) + offset)
        }
    }

    private static func shifted(_ date: LocalDate, _ minutes: Int) -> (LocalDate, Int) {
        let days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440)
        return (date.adding(days: days), minutes - days * 1440)
    }
}

/// RRULE expansion through libical's recurrence iterator.
enum Recurrence {
    /// The occurrence dates (Asia/Tokyo) of `definition`'s RRULE up to `through`, starting the
    /// iterator near `from` (libical's `icalrecur_iterator_set_start`) so a series begun years ago
    /// still yields this year's dates; at most `limit` dates.
    /// - Throws: `CalendarFileError` when the rule cannot be read, when more than `limit`
    ///   occurrences fall in the window, or when an occurrence is at another Asia/Tokyo time.
    static func expand(rrule: String, definition d: SeriesDefinition, from: LocalDate, through: LocalDate,
                       limit: Int) throws(CalendarFileError) -> [LocalDate] {
        let file = d.series.slug
        LibicalSetup.once()
        kasane_icalerror_clear()
        let recur = icalrecurrencetype_from_string(rrule)
        guard kasane_icalerrno() == ICAL_NO_ERROR, recur.freq != ICAL_NO_RECURRENCE else {
            throw CalendarFileError(file: file, problem: .unreadableRule(rrule))
        }
        let startDate = d.sourceStart?.date ?? d.firstDate
        let startMinutes = d.sourceStart?.minutes ?? d.series.start.minutes
        var dtstart = icaltime_null_time()
        dtstart.year = Int32(startDate.year)
        dtstart.month = Int32(startDate.month)
        dtstart.day = Int32(startDate.day)
        dtstart.hour = Int32(startMinutes / 60)
        dtstart.minute = Int32(startMinutes % 60)
        dtstart.is_date = 0
        guard let iterator = icalrecur_iterator_new(recur, dtstart) else {
            throw CalendarFileError(file: file, problem: .unexpandableRule(rrule))
        }
        defer { icalrecur_iterator_free(iterator) }
        // Start near the window (two days early: the source zone's date may differ from Tokyo's).
        // COUNT counts from DTSTART, so such rules are expanded from the start.
        let skipTo = from.adding(days: -2)
        if recur.count == 0, skipTo > startDate {
            var t = dtstart
            t.year = Int32(skipTo.year)
            t.month = Int32(skipTo.month)
            t.day = Int32(skipTo.day)
            _ = icalrecur_iterator_set_start(iterator, t)
        }
        var dates: [LocalDate] = []
        var before = 0
        while true {
            let t = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(t) != 0 { break }
            guard let (date, minutes) = TokyoTime.convert(t, from: d.sourceZone) else { break }
            if date > through { break }
            if date < from {
                before += 1
                guard before <= 100 * limit else {
                    throw CalendarFileError(file: file, problem: .tooManyBefore(rule: rrule, from: from, limit: limit))
                }
                continue
            }
            if dates.count == limit {
                throw CalendarFileError(file: file, problem: .tooManyWithin(rule: rrule, from: from, through: through,
                                                                            limit: limit))
            }
            guard minutes == d.series.start.minutes else {
                throw CalendarFileError(file: file, problem: .shiftedOccurrence(date: date, at: TimeOfDay(minutes: minutes),
                                                                                start: d.series.start))
            }
            dates.append(date)
        }
        return dates
    }
}

/// Process-wide libical settings, applied once before first use.
enum LibicalSetup {
    private static let done: Void = { icalerror_set_errors_are_fatal(0) }()
    static func once() { _ = done }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
