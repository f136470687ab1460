/// A UTC instant to the second, for DTSTAMP and Last-Modified (no Foundation in the core).
public struct UTCTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    public var date: LocalDate { LocalDate(dayNumber: Int((Double(seconds) / 86400).rounded(.down))) }
    public var secondOfDay: Int { ((seconds % 86400) + 86400) % 86400 }

    /// iCalendar form: `20261126T091500Z`.
    public var iCalendar: String {
        let d = date, s = secondOfDay
        func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        return "\(pad(d.year, 4))\(pad(d.month, 2))\(pad(d.day, 2))T\(pad(s / 3600, 2))\(pad(s / 60 % 60, 2))\(pad(s % 60, 2))Z"
    }

    public var description: String { iCalendar }

    public static func < (lhs: UTCTimestamp, rhs: UTCTimestamp) -> Bool { lhs.seconds < rhs.seconds }
}

/// Someone in a calendar object: the organizer or an attendee. Agency staff only, never a
/// household member (the person, 本人, is never put into a calendar object).
public struct CalendarAddress: Hashable, Sendable, Codable {
    public var name: String
    public var mailbox: String

    public init(name: String, mailbox: String) {
        self.name = name
        self.mailbox = mailbox
    }
}

/// An ATTENDEE line (RFC 5545 §3.8.4.1, RFC 5546).
public struct CalendarAttendee: Hashable, Sendable, Codable {
    public var address: CalendarAddress
    /// CHAIR, REQ-PARTICIPANT or OPT-PARTICIPANT.
    public var role: AttendeeRole
    /// INDIVIDUAL for people.
    public var cutype: String
    public var partstat: String
    public var rsvp: Bool

    public init(address: CalendarAddress, role: AttendeeRole, cutype: String = "INDIVIDUAL",
                partstat: String = "NEEDS-ACTION", rsvp: Bool = true) {
        self.address = address
        self.role = role
        self.cutype = cutype
        self.partstat = partstat
        self.rsvp = rsvp
    }
}

/// STATUS of an event.
public enum CalendarEventStatus: String, Hashable, Sendable, Codable {
    case confirmed = "CONFIRMED"
    case tentative = "TENTATIVE"
    case cancelled = "CANCELLED"
}

/// One VEVENT Kasane writes: one case item's time segment in a session. Its text carries only
/// the case number, the trigger and the agenda headings — no personal data (privacy rule).
public struct CalendarEvent: Hashable, Sendable, Codable {
    /// Stable per item (derived from the trigger id), so a moved item keeps its UID.
    public var uid: String
    public var sequence: Int
    public var stamp: UTCTimestamp
    public var date: LocalDate
    /// Wall-clock times in Asia/Tokyo.
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var summary: String
    public var description: String
    public var location: String?
    public var url: String?
    public var status: CalendarEventStatus
    public var organizer: CalendarAddress
    public var attendees: [CalendarAttendee]

    public init(uid: String, sequence: Int, stamp: UTCTimestamp, date: LocalDate, start: TimeOfDay, end: TimeOfDay,
                summary: String, description: String, location: String?, url: String?, status: CalendarEventStatus,
                organizer: CalendarAddress, attendees: [CalendarAttendee]) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.date = date
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.status = status
        self.organizer = organizer
        self.attendees = attendees
    }
}

/// The iTIP method of an invitation (RFC 5546).
public enum ITIPMethod: String, Hashable, Sendable, Codable {
    case request = "REQUEST"
    case cancel = "CANCEL"
}
