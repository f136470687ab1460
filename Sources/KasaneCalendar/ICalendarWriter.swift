import CLibical
public import KasaneCore

/// Writes Kasane's calendar objects with libical: iTIP invitations (RFC 5546) and subscription
/// feeds (RFC 7986).
///
/// Output is CRLF-terminated, folded at 75 octets without splitting a UTF-8 character, and
/// deterministic: the same events give byte-identical text (nothing reads the clock; DTSTAMP is
/// each event's `stamp`). Times are Asia/Tokyo wall-clock times with Kasane's own minimal
/// `VTIMEZONE` (`TZID:Asia/Tokyo`, +0900, no daylight time), never libical's built-in zone.
///
/// Text is cleaned before it reaches libical: control characters are removed (DESCRIPTION keeps
/// line breaks, written as `\n`; elsewhere a line break or TAB becomes a space), and `^` in a
/// parameter value such as CN is written `^^` (RFC 6868). Addresses must be plain `local@domain`
/// mailboxes and URLs absolute URIs, or writing fails.
///
/// A reader's copy may add `ReaderExtras` (#14.7): a VALARM per reminder and a URL to the
/// reader's agenda on every event that goes on; a CANCEL and a cancelled event carry neither.
public enum ICalendarWriter {
    /// The PRODID Kasane writes unless told otherwise.
    public static let defaultProdID = "-//Kasane//Kasane//JA"
    /// The only zone Kasane writes times in.
    public static let timeZoneID = "Asia/Tokyo"

    /// An iTIP message: `METHOD:REQUEST` or `METHOD:CANCEL`, the Asia/Tokyo VTIMEZONE and one
    /// VEVENT per event, each with `CLASS:CONFIDENTIAL`.
    ///
    /// STATUS is written as the event says, with one exception: in a CANCEL, an event whose status
    /// is `.confirmed` is written without STATUS. That is how one person is uninvited (RFC 5546
    /// §3.2.5: a CANCEL to that person only, the meeting itself goes on); a cancelled meeting is
    /// a CANCEL of an event whose status is `.cancelled`.
    /// - Parameter extras: the reminders and agenda links of the reader the message goes to
    ///   (ignored in a CANCEL).
    /// - Throws: `ICalendarWriteError` naming the event UID when an address is not a plain
    ///   mailbox, a URL is not an absolute URI, the UID is empty, SEQUENCE is negative, DTEND is not
    ///   after DTSTART, or a CUTYPE/PARTSTAT is not a token.
    public static func invitation(method: ITIPMethod, events: [CalendarEvent], extras: ReaderExtras = .none,
                                  prodID: String = defaultProdID) throws(ICalendarWriteError) -> String {
        let prodID = try checkedProdID(prodID)
        LibicalSetup.once()
        let root = newComponent(ICAL_VCALENDAR_COMPONENT)
        defer { icalcomponent_free(root) }  // also frees the VTIMEZONE added below
        addCalendarHeader(to: root, prodID: prodID)
        icalcomponent_add_property(root, icalproperty_new_method(method == .request ? ICAL_METHOD_REQUEST : ICAL_METHOD_CANCEL))
        addTokyoTimeZone(to: root)
        return try render(root, events: events, method: method, extras: extras)
    }

    /// A subscription feed: no METHOD, with NAME and X-WR-CALNAME, `X-WR-TIMEZONE:Asia/Tokyo`,
    /// REFRESH-INTERVAL and X-PUBLISHED-TTL of `refreshMinutes`, the Asia/Tokyo VTIMEZONE and one
    /// VEVENT per event (STATUS always as the event says, so removed items show as CANCELLED).
    ///
    /// X-WR-CALNAME is written by libical without escaping `,` and `;`, so there they become the
    /// full-width `，` and `；`; NAME carries the name exactly.
    /// - Parameter extras: the reminders and agenda links of the feed's reader (not on cancelled events).
    /// - Throws: `ICalendarWriteError` as `invitation(method:events:extras:prodID:)` does, and when
    ///   `refreshMinutes` is less than 1.
    public static func feed(name: String, events: [CalendarEvent], refreshMinutes: Int = 60,
                            extras: ReaderExtras = .none,
                            prodID: String = defaultProdID) throws(ICalendarWriteError) -> String {
        let prodID = try checkedProdID(prodID)
        let name = ICalendarText.singleLine(name)
        guard refreshMinutes >= 1, refreshMinutes <= 525_600 else {
            throw ICalendarWriteError(subject: "feed '\(name)'", problem: .refreshInterval(minutes: refreshMinutes))
        }
        LibicalSetup.once()
        let root = newComponent(ICAL_VCALENDAR_COMPONENT)
        defer { icalcomponent_free(root) }  // also frees the VTIMEZONE added below
        addCalendarHeader(to: root, prodID: prodID)
        icalcomponent_add_property(root, icalproperty_new_name(name))
        let legacyName = name.replacingAll(",", with: "，").replacingAll(";", with: "；")
        addX(root, "X-WR-CALNAME", legacyName)
        addX(root, "X-WR-TIMEZONE", timeZoneID)
        let refresh = icaldurationtype_from_int(Int32(refreshMinutes * 60))
        if let interval = icalproperty_new_refreshinterval(refresh) {
            icalproperty_add_parameter(interval, icalparameter_new_value(ICAL_VALUE_DURATION))
            icalcomponent_add_property(root, interval)
        }
        if let ttl = icaldurationtype_as_ical_string_r(refresh) {
            defer { icalmemory_free_buffer(ttl) }
            addX(root, "X-PUBLISHED-TTL", String(cString: ttl))
        }
        addTokyoTimeZone(to: root)
        return try render(root, events: events, method: nil, extras: extras)
    }

    // MARK: - Building

    private static func checkedProdID(_ prodID: String) throws(ICalendarWriteError) -> String {
        let clean = ICalendarText.singleLine(prodID)
        guard !clean.isEmpty else { throw ICalendarWriteError(subject: "PRODID", problem: .emptyProdID) }
        return clean
    }

    /// A new component; the caller frees it or adds it to a parent that does.
    static func newComponent(_ kind: icalcomponent_kind) -> OpaquePointer {
        guard let component = icalcomponent_new(kind) else { fatalError("libical could not allocate a component") }
        return component
    }

    private static func addCalendarHeader(to root: OpaquePointer, prodID: String) {
        icalcomponent_add_property(root, icalproperty_new_prodid(prodID))
        icalcomponent_add_property(root, icalproperty_new_version("2.0"))
        icalcomponent_add_property(root, icalproperty_new_calscale("GREGORIAN"))
    }

    private static func addX(_ component: OpaquePointer, _ name: String, _ value: String) {
        guard let property = icalproperty_new_x(value) else { return }
        icalproperty_set_x_name(property, name)
        icalcomponent_add_property(component, property)
    }

    /// `VTIMEZONE` `TZID:Asia/Tokyo` with one STANDARD observance at +0900 since 1970.
    static func addTokyoTimeZone(to root: OpaquePointer) {
        let zone = newComponent(ICAL_VTIMEZONE_COMPONENT)
        icalcomponent_add_component(root, zone)  // owned by root from here on
        icalcomponent_add_property(zone, icalproperty_new_tzid(timeZoneID))
        let standard = newComponent(ICAL_XSTANDARD_COMPONENT)
        icalcomponent_add_component(zone, standard)
        icalcomponent_add_property(standard, icalproperty_new_dtstart(wallTime(LocalDate(dayNumber: 0), minutes: 0)))
        icalcomponent_add_property(standard, icalproperty_new_tzoffsetfrom(9 * 3600))
        icalcomponent_add_property(standard, icalproperty_new_tzoffsetto(9 * 3600))
        icalcomponent_add_property(standard, icalproperty_new_tzname("JST"))
    }

    /// The calendar `root` (header and VTIMEZONE) with one VEVENT per event before its
    /// `END:VCALENDAR`: the text libical writes for the whole tree, but each VEVENT is built,
    /// written and freed in turn, so 10,000 events never sit in memory as one tree.
    private static func render(_ root: OpaquePointer, events: [CalendarEvent], method: ITIPMethod?,
                               extras: ReaderExtras) throws(ICalendarWriteError) -> String {
        let end = "END:VCALENDAR\r\n"
        var out = serialize(root, dropping: end)
        out.reserveCapacity(out.utf8.count + events.count * 1500 + end.utf8.count)
        for e in events {
            let prepared = try PreparedEvent(e, method: method, extras: extras)
            let event = newComponent(ICAL_VEVENT_COMPONENT)
            defer { icalcomponent_free(event) }
            addEvent(prepared, to: event)
            out += serialize(event)
        }
        out += end
        return out
    }

    private static func addEvent(_ e: PreparedEvent, to event: OpaquePointer) {
        func add(_ property: OpaquePointer?) {
            if let property { icalcomponent_add_property(event, property) }
        }
        add(icalproperty_new_uid(e.uid))
        add(icalproperty_new_sequence(Int32(e.sequence)))
        add(icalproperty_new_dtstamp(utcTime(e.stamp)))
        add(zoned(icalproperty_new_dtstart(wallTime(e.date, minutes: e.startMinutes))))
        add(zoned(icalproperty_new_dtend(wallTime(e.date, minutes: e.endMinutes))))
        add(icalproperty_new_summary(e.summary))
        if !e.description.isEmpty { add(icalproperty_new_description(e.description)) }
        if let location = e.location { add(icalproperty_new_location(location)) }
        if let url = e.url { add(icalproperty_new_url(url)) }
        if let conference = e.conference, let property = icalproperty_new_conference(conference) {
            icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_URI))
            add(property)
        }
        if let status = e.status { add(icalproperty_new_status(status)) }
        add(icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL))
        add(address(icalproperty_new_organizer("mailto:" + e.organizer.mailbox), name: e.organizer.name))
        for a in e.attendees {
            guard let property = address(icalproperty_new_attendee("mailto:" + a.mailbox), name: a.name) else { continue }
            icalproperty_add_parameter(property, a.cutype == "INDIVIDUAL" ? icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL)
                : icalparameter_new_from_value_string(ICAL_CUTYPE_PARAMETER, a.cutype))
            icalproperty_add_parameter(property, icalparameter_new_role(a.role))
            icalproperty_add_parameter(property, a.partstat == "NEEDS-ACTION" ? icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION)
                : icalparameter_new_from_value_string(ICAL_PARTSTAT_PARAMETER, a.partstat))
            if a.rsvp { icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE)) }
            add(property)
        }
        for alarm in e.alarms {
            let component = newComponent(ICAL_VALARM_COMPONENT)
            icalcomponent_add_component(event, component)  // owned by the event from here on
            icalcomponent_add_property(component, icalproperty_new_action(ICAL_ACTION_DISPLAY))
            if let trigger = icalproperty_new_trigger(icaltriggertype_from_int(Int32(-alarm.minutesBefore * 60))) {
                icalproperty_add_parameter(trigger, icalparameter_new_related(ICAL_RELATED_START))
                icalcomponent_add_property(component, trigger)
            }
            icalcomponent_add_property(component, icalproperty_new_description(alarm.description))
        }
    }

    /// Adds `;TZID=Asia/Tokyo` to a DTSTART/DTEND holding a floating wall-clock time.
    private static func zoned(_ property: OpaquePointer?) -> OpaquePointer? {
        if let property { icalproperty_add_parameter(property, icalparameter_new_tzid(timeZoneID)) }
        return property
    }

    private static func address(_ property: OpaquePointer?, name: String) -> OpaquePointer? {
        if let property, !name.isEmpty { icalproperty_add_parameter(property, icalparameter_new_cn(name)) }
        return property
    }

    /// A floating date-time `minutes` after midnight of `date` (1440 is the next midnight).
    static func wallTime(_ date: LocalDate, minutes: Int) -> icaltimetype {
        let day = date.adding(days: minutes / 1440)
        var t = icaltime_null_time()
        t.year = Int32(day.year)
        t.month = Int32(day.month)
        t.day = Int32(day.day)
        t.hour = Int32(minutes % 1440 / 60)
        t.minute = Int32(minutes % 60)
        t.second = 0
        t.is_date = 0
        return t
    }

    private static func utcTime(_ stamp: UTCTimestamp) -> icaltimetype {
        var t = wallTime(stamp.date, minutes: 0)
        let s = stamp.secondOfDay
        t.hour = Int32(s / 3600)
        t.minute = Int32(s / 60 % 60)
        t.second = Int32(s % 60)
        t.zone = icaltimezone_get_utc_timezone()
        return t
    }

    /// The text of `component`, less `suffix` (which it must end with).
    private static func serialize(_ component: OpaquePointer, dropping suffix: String = "") -> String {
        guard let buffer = icalcomponent_as_ical_string_r(component) else { fatalError("libical could not write") }
        defer { icalmemory_free_buffer(buffer) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: kasane_strlen(buffer))
        guard bytes.count >= suffix.utf8.count, bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) else {
            fatalError("libical's text does not end with \(suffix)")
        }
        return String(decoding: bytes.dropLast(suffix.utf8.count), as: UTF8.self)
    }
}

/// An event checked and cleaned, ready for libical (which then cannot fail on it).
private struct PreparedEvent {
    struct Attendee {
        var name, mailbox: String
        var role: icalparameter_role
        var cutype, partstat: String
        var rsvp: Bool
    }

    var uid: String
    var sequence: Int
    var stamp: UTCTimestamp
    var date: LocalDate
    var startMinutes, endMinutes: Int
    var summary, description: String
    var location, url: String?
    /// The online link, written as CONFERENCE when URL links to the reader's agenda instead.
    var conference: String?
    var status: icalproperty_status?
    var alarms: [CalendarAlarm] = []
    var organizer: CalendarAddress
    var attendees: [Attendee]

    init(_ e: CalendarEvent, method: ITIPMethod?, extras: ReaderExtras) throws(ICalendarWriteError) {
        uid = ICalendarText.singleLine(e.uid)
        let subject = "event '\(uid)'"
        func fail(_ problem: ICalendarWriteProblem) -> ICalendarWriteError { ICalendarWriteError(subject: subject, problem: problem) }
        guard !uid.isEmpty else { throw ICalendarWriteError(subject: "event '\(e.summary)'", problem: .emptyUID) }
        guard e.sequence >= 0, e.sequence <= Int(Int32.max) else { throw fail(.sequenceOutOfRange(e.sequence)) }
        guard e.start.minutes >= 0, e.start.minutes < e.end.minutes, e.end.minutes <= 1440 else {
            throw fail(.endNotAfterStart(start: e.start, end: e.end, date: e.date))
        }
        sequence = e.sequence
        stamp = e.stamp
        date = e.date
        startMinutes = e.start.minutes
        endMinutes = e.end.minutes
        summary = ICalendarText.singleLine(e.summary)
        description = ICalendarText.multiLine(e.description)
        location = e.location.map(ICalendarText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        if let url = e.url, !url.isEmpty {
            guard ICalendarText.isPlainURI(url) else {
                throw fail(.notAbsoluteURI(url))
            }
            self.url = url
        }
        // #14.7: reminders and the agenda link only on an event that goes on.
        if method != .cancel && e.status != .cancelled {
            alarms = extras.reminders.alarms(summary: summary).map {
                CalendarAlarm(minutesBefore: $0.minutesBefore, description: ICalendarText.singleLine($0.description))
            }
            if let link = extras.links[e.uid] {
                guard ICalendarText.isPlainURI(link) else { throw fail(.notAbsoluteURI(link)) }
                if let online = url, online != link { conference = online }
                url = link
            }
        }
        switch (e.status, method) {
        case (.confirmed, .cancel?): status = nil  // uninviting one person: no STATUS
        case (.confirmed, _): status = ICAL_STATUS_CONFIRMED
        case (.tentative, _): status = ICAL_STATUS_TENTATIVE
        case (.cancelled, _): status = ICAL_STATUS_CANCELLED
        }
        func checkedAddress(_ a: CalendarAddress, _ who: ICalendarWriteProblem.Party) throws(ICalendarWriteError) -> CalendarAddress {
            guard Mailbox.isValid(a.mailbox) else { throw fail(.notPlainMailbox(who, mailbox: a.mailbox)) }
            return CalendarAddress(name: ICalendarText.parameterValue(a.name), mailbox: a.mailbox)
        }
        organizer = try checkedAddress(e.organizer, .organizer)
        attendees = []
        for a in e.attendees {
            let address = try checkedAddress(a.address, .attendee)
            guard ICalendarText.isToken(a.cutype), ICalendarText.isToken(a.partstat) else {
                throw fail(.notTokens(mailbox: a.address.mailbox, cutype: a.cutype, partstat: a.partstat))
            }
            let role = switch a.role {
            case .chair: ICAL_ROLE_CHAIR
            case .required: ICAL_ROLE_REQPARTICIPANT
            case .optional: ICAL_ROLE_OPTPARTICIPANT
            }
            attendees.append(Attendee(name: address.name, mailbox: address.mailbox, role: role,
                                      cutype: a.cutype.uppercased(), partstat: a.partstat.uppercased(), rsvp: a.rsvp))
        }
    }
}

/// What one reader's copy of a calendar adds to its events (#14.7): the workspace's reminders and
/// a link to the reader's own agenda, by event UID. Neither goes into a CANCEL or a cancelled event.
public struct ReaderExtras: Hashable, Sendable {
    public var reminders: CalendarReminders
    /// The URL of the reader's agenda, by event UID (written as the event's URL; an online link
    /// the event had moves to CONFERENCE, RFC 7986).
    public var links: [String: String]

    public init(reminders: CalendarReminders = .none, links: [String: String] = [:]) {
        self.reminders = reminders
        self.links = links
    }

    /// Nothing added.
    public static let none = ReaderExtras()
}
