import CLibical
import KasaneCore
import KasaneWording

/// Writes a standing series back as a series file, with libical, in the form
/// `SeriesFile.parse(_:file:)` reads: `SeriesFile.parse(SeriesWriter.write(d))` equals `d`.
///
/// The file holds the Asia/Tokyo VTIMEZONE (Kasane's own minimal one, as `ICalendarWriter`
/// writes) and one VEVENT: UID, DTSTAMP, DTSTART/DTEND with `;TZID=Asia/Tokyo`, the RRULE,
/// EXDATE and RDATE (each with `;TZID=Asia/Tokyo` and the series' start time), SUMMARY, LOCATION,
/// URL and the `X-KASANE-*` properties; then one VEVENT per RECURRENCE-ID override. Output is CRLF-terminated, folded at 75 octets without
/// splitting a UTF-8 character, and deterministic: DTSTAMP is the first date at 00:00:00Z (a
/// series definition carries no creation time), EXDATEs and RDATEs are written sorted and once.
public enum SeriesWriter {
    /// The PRODID of series files.
    public static let prodID = "-//Kasane//Standing series//JA"

    /// The text of a series file for `definition`.
    ///
    /// Text is cleaned as `ICalendarWriter` cleans it (control characters removed, line breaks
    /// become spaces).
    /// - Throws: `ICalendarWriteError` naming the series when the definition could not be read
    ///   back: an empty UID, an invalid slug, no bodies or a body id holding `,`, capacity or
    ///   minutes per item out of range, DTEND not after DTSTART within the day, a URL that is not
    ///   an absolute URI, an RRULE that is unreadable or not DAILY/WEEKLY/MONTHLY/YEARLY, or a
    ///   first date that is not itself an occurrence of the RRULE (libical would skip it while
    ///   other expanders include it).
    public static func write(_ definition: SeriesDefinition) throws(ICalendarWriteError) -> String {
        let s = definition.series
        let subject = "series '\(ICalendarText.singleLine(s.slug))'"
        func fail(_ message: String) -> ICalendarWriteError { ICalendarWriteError(subject: subject, message: message) }

        let uid = ICalendarText.singleLine(s.uid)
        guard !uid.isEmpty else { throw fail("UID is empty") }
        guard CaseNumberRule.isValid(s.slug) else {
            throw fail("X-KASANE-SERIES must be a short id of letters, digits and '-'")
        }
        let bodies = s.bodies.map(ICalendarText.singleLine)
        guard !bodies.isEmpty, bodies.allSatisfy({ !$0.isEmpty && !$0.contains(",") && $0 == $0.trimmedSpaces }) else {
            throw fail("X-KASANE-BODIES needs at least one body id, none empty or holding ',' or outer spaces")
        }
        guard SeriesLimits.capacity.contains(s.capacity) else {
            throw fail("X-KASANE-CAPACITY \(s.capacity) は範囲外です: \(SeriesLimits.capacity.lowerBound)〜"
                + "\(SeriesLimits.capacity.upperBound) にしてください")
        }
        guard SeriesLimits.minutesPerItem.contains(s.minutesPerItem) else {
            throw fail("X-KASANE-MINUTES-PER-ITEM \(s.minutesPerItem) は範囲外です: \(SeriesLimits.minutesPerItem.lowerBound)〜"
                + "\(SeriesLimits.minutesPerItem.upperBound) にしてください")
        }
        guard s.start.minutes >= 0, s.start < s.end, s.end.minutes < 1440 else {
            throw fail("DTEND \(s.end) must be after DTSTART \(s.start), both within one day")
        }
        if let problem = SeriesFile.fitProblem(capacity: s.capacity, perItem: s.minutesPerItem, start: s.start,
                                               end: s.end) {
            throw fail(problem.words(in: .ja))
        }
        let title = ICalendarText.singleLine(s.title)
        let location = s.location.map(ICalendarText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        var url: String?
        if let u = s.onlineURL, !u.isEmpty {
            guard URLRule.isWebURL(u) else {
                throw fail("URL '\(ICalendarText.singleLine(u))' is not an absolute URI such as https://example.jp/room")
            }
            url = u
        }

        LibicalSetup.once()
        var recur: icalrecurrencetype?
        if let rule = definition.rrule {
            kasane_icalerror_clear()
            let r = icalrecurrencetype_from_string(rule)
            guard kasane_icalerrno() == ICAL_NO_ERROR, r.freq != ICAL_NO_RECURRENCE else {
                throw fail("RRULE '\(ICalendarText.singleLine(rule))' cannot be read")
            }
            guard [ICAL_DAILY_RECURRENCE, ICAL_WEEKLY_RECURRENCE, ICAL_MONTHLY_RECURRENCE,
                   ICAL_YEARLY_RECURRENCE].contains(r.freq) else {
                throw fail("RRULE '\(ICalendarText.singleLine(rule))': only FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
            }
            if let problem = RRuleCheck.problem(rule) { throw fail("RRULE '\(ICalendarText.singleLine(rule))': \(problem)") }
            let first: [LocalDate]
            do {
                var asWritten = definition  // written in Asia/Tokyo
                asWritten.sourceZone = nil
                asWritten.sourceStart = nil
                first = try Recurrence.expand(rrule: rule, definition: asWritten, from: definition.firstDate,
                                              through: definition.firstDate, limit: 1)
            } catch {
                throw fail(error.message)
            }
            guard first == [definition.firstDate] else {
                throw fail("DTSTART \(definition.firstDate.iso) is not an occurrence of RRULE '\(rule)': "
                    + "start the series on its first occurrence")
            }
            recur = r
        }

        let root = ICalendarWriter.newComponent(ICAL_VCALENDAR_COMPONENT)
        defer { icalcomponent_free(root) }  // frees everything added below
        icalcomponent_add_property(root, icalproperty_new_version("2.0"))
        icalcomponent_add_property(root, icalproperty_new_prodid(prodID))
        icalcomponent_add_property(root, icalproperty_new_calscale("GREGORIAN"))
        ICalendarWriter.addTokyoTimeZone(to: root)

        let event = ICalendarWriter.newComponent(ICAL_VEVENT_COMPONENT)
        icalcomponent_add_component(root, event)  // owned by root from here on
        func add(_ property: OpaquePointer?) {
            if let property { icalcomponent_add_property(event, property) }
        }
        func addX(_ name: String, _ value: String) {
            guard let property = icalproperty_new_x(value) else { return }
            icalproperty_set_x_name(property, name)
            icalcomponent_add_property(event, property)
        }
        add(icalproperty_new_uid(uid))
        var stamp = ICalendarWriter.wallTime(definition.firstDate, minutes: 0)
        stamp.zone = icaltimezone_get_utc_timezone()
        add(icalproperty_new_dtstamp(stamp))
        add(zoned(icalproperty_new_dtstart(ICalendarWriter.wallTime(definition.firstDate, minutes: s.start.minutes))))
        add(zoned(icalproperty_new_dtend(ICalendarWriter.wallTime(definition.firstDate, minutes: s.end.minutes))))
        if let recur { add(icalproperty_new_rrule(recur)) }
        // libical 3.0.16 writes EXDATE/RDATE as floating times: the TZID parameter is added here.
        for d in Set(definition.exdates).sorted() {
            add(zoned(icalproperty_new_exdate(ICalendarWriter.wallTime(d, minutes: s.start.minutes))))
        }
        for d in Set(definition.rdates).sorted() {
            var value = icaldatetimeperiodtype()
            value.time = ICalendarWriter.wallTime(d, minutes: s.start.minutes)
            value.period = icalperiodtype_null_period()
            add(zoned(icalproperty_new_rdate(value)))
        }
        add(icalproperty_new_summary(title))
        if let location { add(icalproperty_new_location(location)) }
        if let url { add(icalproperty_new_url(url)) }
        addX("X-KASANE-SERIES", s.slug)
        addX("X-KASANE-BODIES", bodies.joined(separator: ","))
        addX("X-KASANE-CAPACITY", String(s.capacity))
        addX("X-KASANE-MINUTES-PER-ITEM", String(s.minutesPerItem))
        addX("X-KASANE-ON-CLOSED-DAY", s.onClosedDay.rawValue)

        // RECURRENCE-ID overrides: one VEVENT each, moving or cancelling one occurrence.
        for o in definition.overrides.sorted(by: { $0.original < $1.original }) {
            let override = ICalendarWriter.newComponent(ICAL_VEVENT_COMPONENT)
            icalcomponent_add_component(root, override)
            func addTo(_ property: OpaquePointer?) {
                if let property { icalcomponent_add_property(override, property) }
            }
            addTo(icalproperty_new_uid(uid))
            addTo(icalproperty_new_dtstamp(stamp))
            addTo(zoned(icalproperty_new_recurrenceid(ICalendarWriter.wallTime(o.original, minutes: s.start.minutes))))
            let m = o.moved ?? .init(date: o.original, start: s.start, end: s.end)
            guard SeriesFile.fitProblem(capacity: s.capacity, perItem: s.minutesPerItem, start: m.start,
                                        end: m.end) == nil, m.start < m.end else {
                throw fail("RECURRENCE-ID \(o.original.iso): \(m.start)〜\(m.end) に \(s.capacity) 件が収まりません")
            }
            addTo(zoned(icalproperty_new_dtstart(ICalendarWriter.wallTime(m.date, minutes: m.start.minutes))))
            addTo(zoned(icalproperty_new_dtend(ICalendarWriter.wallTime(m.date, minutes: m.end.minutes))))
            addTo(icalproperty_new_summary(title))
            if o.moved == nil { addTo(icalproperty_new_status(ICAL_STATUS_CANCELLED)) }
        }

        guard let buffer = icalcomponent_as_ical_string_r(root) else { fatalError("libical could not write") }
        defer { icalmemory_free_buffer(buffer) }
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: kasane_strlen(buffer)), as: UTF8.self)
    }

    // MARK: - Building (the same shapes as ICalendarWriter's)



    /// Adds `;TZID=Asia/Tokyo` to a property holding a floating wall-clock time.
    private static func zoned(_ property: OpaquePointer?) -> OpaquePointer? {
        if let property { icalproperty_add_parameter(property, icalparameter_new_tzid(ICalendarWriter.timeZoneID)) }
        return property
    }

}

extension String {
    /// Without leading and trailing spaces (as `SeriesFile.parse` trims body ids).
    fileprivate var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
