import CLibical
public import KasaneCore

/// A problem in a calendar file, located by file (and line when known), with how to fix it.
public struct CalendarFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
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

    /// The occurrence dates between `from` and `through` (inclusive), expanded by libical, with
    /// RDATEs added and EXDATEs removed; at most `limit` dates.
    /// - Throws: `CalendarFileError` when the rule cannot be expanded.
    public func dates(from: LocalDate, through: LocalDate, limit: Int = 5000) throws -> [LocalDate] {
        var result: Set<LocalDate> = []
        if let rrule {
            for d in try Recurrence.expand(rrule: rrule, firstDate: firstDate, start: series.start, through: through,
                                           limit: limit, file: series.slug) where d >= from {
                result.insert(d)
            }
        } else if firstDate >= from && firstDate <= through {
            result.insert(firstDate)
        }
        for d in rdates where d >= from && d <= through { result.insert(d) }
        result.subtract(exdates)
        return result.sorted()
    }
}

/// Reads standing series from iCalendar files with libical.
///
/// A series file holds one VEVENT with DTSTART/DTEND in Asia/Tokyo (or floating), an RRULE,
/// optional RDATE/EXDATE, LOCATION, URL (the online link), and Kasane's properties:
/// `X-KASANE-SERIES` (short id), `X-KASANE-BODIES` (comma-separated body ids),
/// `X-KASANE-CAPACITY` (items per session), `X-KASANE-MINUTES-PER-ITEM`,
/// `X-KASANE-ON-CLOSED-DAY` (`move` or `skip`).
public enum SeriesFile {
    /// The largest series file accepted (our own configuration; foreign data is never parsed here).
    public static let maximumSize = 256 * 1024

    /// Parses one series file.
    /// - Throws: `CalendarFileError` naming the missing or malformed property.
    public static func parse(_ text: String, file: String) throws(CalendarFileError) -> SeriesDefinition {
        func fail(_ message: String) -> CalendarFileError { CalendarFileError(file: file, message: message) }
        guard text.utf8.count <= maximumSize else { throw fail("larger than \(maximumSize) bytes") }
        let allowedControls: Set<UInt32> = [0x09, 0x0A, 0x0D]
        let hasControl = text.unicodeScalars.contains { s in s.value < 0x20 && !allowedControls.contains(s.value) }
        guard !hasControl else {
            throw fail("contains control characters")
        }
        LibicalSetup.once()
        guard let root = icalparser_parse_string(text) else { throw fail("not an iCalendar file (BEGIN:VCALENDAR…)") }
        defer { icalcomponent_free(root) }
        guard let event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT) else {
            throw fail("no VEVENT: a series file holds one VEVENT with the series' RRULE")
        }
        if let error = firstParseError(event) { throw fail("malformed iCalendar: \(error)") }

        func property(_ kind: icalproperty_kind) -> String? {
            guard let p = icalcomponent_get_first_property(event, kind), let v = icalproperty_get_value_as_string(p) else {
                return nil
            }
            let s = String(cString: v)
            return s.isEmpty ? nil : s
        }
        var x: [String: String] = [:]
        var p = icalcomponent_get_first_property(event, ICAL_X_PROPERTY)
        while let prop = p {
            if let name = icalproperty_get_x_name(prop), let value = icalproperty_get_x(prop) {
                x[String(cString: name).uppercased()] = String(cString: value)
            }
            p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)
        }

        guard let uidC = icalcomponent_get_uid(event), !String(cString: uidC).isEmpty else { throw fail("missing UID") }
        let uid = String(cString: uidC)
        let dtstart = icalcomponent_get_dtstart(event)
        let dtend = icalcomponent_get_dtend(event)
        guard icaltime_is_null_time(dtstart) == 0, dtstart.is_date == 0 else {
            throw fail("DTSTART must be a date-time such as DTSTART;TZID=Asia/Tokyo:20260408T140000")
        }
        guard icaltime_is_null_time(dtend) == 0 else { throw fail("missing DTEND (or DURATION)") }
        if let tzid = tzidParameter(event, ICAL_DTSTART_PROPERTY), tzid != "Asia/Tokyo" {
            throw fail("DTSTART uses TZID=\(tzid): Kasane series are in Asia/Tokyo")
        }
        guard let first = LocalDate(year: Int(dtstart.year), month: Int(dtstart.month), day: Int(dtstart.day)),
              let start = TimeOfDay(hour: Int(dtstart.hour), minute: Int(dtstart.minute)),
              let end = TimeOfDay(hour: Int(dtend.hour), minute: Int(dtend.minute)),
              dtend.year == dtstart.year, dtend.month == dtstart.month, dtend.day == dtstart.day, start < end else {
            throw fail("DTSTART/DTEND must be a time range within one day")
        }

        guard let slug = x["X-KASANE-SERIES"], CaseNumberRule.isValid(slug) else {
            throw fail("missing or invalid X-KASANE-SERIES (a short id of letters, digits and '-')")
        }
        let bodies = (x["X-KASANE-BODIES"] ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
            .filter { !$0.isEmpty }
        guard !bodies.isEmpty else { throw fail("missing X-KASANE-BODIES (the meeting bodies the series serves)") }
        guard let capacity = x["X-KASANE-CAPACITY"].flatMap({ Int($0) }), capacity >= 1 else {
            throw fail("missing or invalid X-KASANE-CAPACITY (items per session, at least 1)")
        }
        guard let perItem = x["X-KASANE-MINUTES-PER-ITEM"].flatMap({ Int($0) }), perItem >= 5 else {
            throw fail("missing or invalid X-KASANE-MINUTES-PER-ITEM (at least 5)")
        }
        guard capacity * perItem <= end.minutes - start.minutes else {
            throw fail("\(capacity) items × \(perItem) min do not fit between \(start) and \(end)")
        }
        let policyText = x["X-KASANE-ON-CLOSED-DAY"] ?? "move"
        guard let policy = ClosedDayPolicy(rawValue: policyText) else {
            throw fail("X-KASANE-ON-CLOSED-DAY must be 'move' or 'skip', not '\(policyText)'")
        }

        var rrule: String?
        if let prop = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY),
           let v = icalproperty_get_value_as_string(prop) {
            let rule = String(cString: v)
            let freq = rule.split(separator: ";").first { $0.hasPrefix("FREQ=") }.map { String($0.dropFirst(5)) }
            guard let freq, ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"].contains(freq) else {
                throw fail("RRULE '\(rule)': only FREQ=DAILY, WEEKLY, MONTHLY or YEARLY are accepted")
            }
            rrule = rule
        }
        var exdates: [LocalDate] = []
        var prop = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY)
        while let e = prop {
            let t = icalproperty_get_exdate(e)
            if let d = LocalDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)) { exdates.append(d) }
            prop = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)
        }
        var rdates: [LocalDate] = []
        prop = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY)
        while let r = prop {
            let t = icalproperty_get_rdate(r).time
            if let d = LocalDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)) { rdates.append(d) }
            prop = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)
        }
        let series = StandingSeries(
            uid: uid, slug: slug, title: property(ICAL_SUMMARY_PROPERTY) ?? slug, bodies: bodies, start: start, end: end,
            capacity: capacity, minutesPerItem: perItem, location: property(ICAL_LOCATION_PROPERTY),
            onlineURL: property(ICAL_URL_PROPERTY), onClosedDay: policy)
        return SeriesDefinition(series: series, firstDate: first, rrule: rrule, exdates: exdates, rdates: rdates)
    }

    private static func tzidParameter(_ event: OpaquePointer, _ kind: icalproperty_kind) -> String? {
        guard let p = icalcomponent_get_first_property(event, kind),
              let param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER),
              let v = icalparameter_get_tzid(param) else { return nil }
        return String(cString: v)
    }

    /// libical records parse problems as X-LIC-ERROR properties; report the first.
    private static func firstParseError(_ comp: OpaquePointer) -> String? {
        guard let p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY),
              let v = icalproperty_get_xlicerror(p) else { return nil }
        return String(cString: v)
    }
}

/// RRULE expansion through libical's recurrence iterator.
enum Recurrence {
    static func expand(rrule: String, firstDate: LocalDate, start: TimeOfDay, through: LocalDate, limit: Int,
                       file: String) throws(CalendarFileError) -> [LocalDate] {
        LibicalSetup.once()
        kasane_icalerror_clear()
        let recur = icalrecurrencetype_from_string(rrule)
        guard kasane_icalerrno() == ICAL_NO_ERROR, recur.freq != ICAL_NO_RECURRENCE else {
            throw CalendarFileError(file: file, message: "RRULE '\(rrule)' cannot be read")
        }
        var dtstart = icaltime_null_time()
        dtstart.year = Int32(firstDate.year)
        dtstart.month = Int32(firstDate.month)
        dtstart.day = Int32(firstDate.day)
        dtstart.hour = Int32(start.hour)
        dtstart.minute = Int32(start.minute)
        dtstart.is_date = 0
        guard let iterator = icalrecur_iterator_new(recur, dtstart) else {
            throw CalendarFileError(file: file, message: "RRULE '\(rrule)' cannot be expanded")
        }
        defer { icalrecur_iterator_free(iterator) }
        var dates: [LocalDate] = []
        while dates.count < limit {
            let t = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(t) != 0 { break }
            guard let d = LocalDate(year: Int(t.year), month: Int(t.month), day: Int(t.day)) else { break }
            if d > through { break }
            dates.append(d)
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
