import CLibical
public import KasaneCore

/// Reads an iTIP REPLY or COUNTER that came from outside (#14.1, #14.3): untrusted bytes are
/// pre-checked (size, UTF-8, unfolded line length, control characters) before libical sees them;
/// nothing is normalised, merged or expanded (a reply's RRULE is never read).
public enum ReplyReader {
    /// The largest calendar accepted.
    public static let maximumSize = 256 * 1024
    /// The longest unfolded content line accepted (octets).
    public static let maximumLine = 8 * 1024

    /// The first problem of `bytes` as a calendar, or nil: size, then line by line UTF-8,
    /// control characters (TAB, CR, LF allowed) and unfolded length.
    public static func precheck(_ bytes: [UInt8]) -> ReplyRefusal? {
        guard bytes.count <= maximumSize else { return .tooLarge(bytes: bytes.count, limit: maximumSize) }
        var line = 1
        var unfolded = 0
        var start = 0
        var i = 0
        func checkLine(_ range: Range<Int>) -> ReplyRefusal? {
            let slice = bytes[range]
            guard String(validating: slice, as: UTF8.self) != nil else { return .notUTF8(line: line) }
            if slice.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0D || $0 == 0x7F }) {
                return .controlCharacter(line: line)
            }
            let folded = slice.first == 0x20 || slice.first == 0x09
            let length = slice.count - (slice.last == 0x0D ? 1 : 0)
            unfolded = folded ? unfolded + length - 1 : length
            return unfolded > maximumLine ? .lineTooLong(line: line, limit: maximumLine) : nil
        }
        while i < bytes.count {
            if bytes[i] == 0x0A {
                if let problem = checkLine(start..<i) { return problem }
                line += 1
                start = i + 1
            }
            i += 1
        }
        return start < bytes.count ? checkLine(start..<bytes.count) : nil
    }

    /// The reply in `bytes`. - Throws: `ReplyRefusal` (the pre-checks', or what libical or the
    /// iTIP rules refuse: not REPLY/COUNTER, not exactly one VEVENT with a UID and one ATTENDEE).
    public static func read(_ bytes: [UInt8]) throws(ReplyRefusal) -> ReceivedReply {
        if let problem = precheck(bytes) { throw problem }
        let text = String(decoding: bytes, as: UTF8.self)
        LibicalSetup.once()
        guard let root = icalparser_parse_string(text) else { throw .notICalendar("BEGIN:VCALENDAR") }
        defer { icalcomponent_free(root) }
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else { throw .notICalendar("VCALENDAR") }
        let method: ReceivedReply.Method
        switch icalcomponent_get_method(root) {
        case ICAL_METHOD_REPLY: method = .reply
        case ICAL_METHOD_COUNTER: method = .counter
        case ICAL_METHOD_NONE: throw .notAReply(method: "-")
        case let other: throw .notAReply(method: icalproperty_method_to_string(other).map { String(cString: $0) } ?? "?")
        }
        var events: [OpaquePointer] = []
        var next = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
        while let e = next, events.count < 2 {
            events.append(e)
            next = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)
        }
        guard events.count == 1, let event = events.first else { throw .notICalendar("VEVENT") }
        if let p = icalcomponent_get_first_property(event, ICAL_XLICERROR_PROPERTY), let v = icalproperty_get_xlicerror(p) {
            throw .notICalendar(String(cString: v).prefix(120).description)
        }
        guard let uidC = icalcomponent_get_uid(event), !String(cString: uidC).isEmpty else { throw .notICalendar("UID") }
        var attendees: [OpaquePointer] = []
        var a = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY)
        while let p = a {
            attendees.append(p)
            a = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)
        }
        guard attendees.count == 1, let attendee = attendees.first else { throw .attendeeCount(attendees.count) }
        guard let address = icalproperty_get_attendee(attendee).flatMap({ mailbox(String(cString: $0)) }) else {
            throw .notICalendar("ATTENDEE")
        }
        let partstat = icalproperty_get_parameter_as_string(attendee, "PARTSTAT").map { String(cString: $0) }
        let delegatedTo = icalproperty_get_parameter_as_string(attendee, "DELEGATED-TO").flatMap { mailbox(String(cString: $0)) }
        var stamp: UTCTimestamp?
        if icalcomponent_get_first_property(event, ICAL_DTSTAMP_PROPERTY) != nil {
            let t = icalcomponent_get_dtstamp(event)
            if icaltime_is_null_time(t) == 0 { stamp = UTCTimestamp(seconds: Int(icaltime_as_timet(t))) }
        }
        func timeText(_ kind: icalproperty_kind) -> String? {
            guard let p = icalcomponent_get_first_property(event, kind), let v = icalproperty_get_value_as_string(p) else {
                return nil
            }
            return String(cString: v)
        }
        return ReceivedReply(
            method: method, uid: String(cString: uidC), sequence: max(0, Int(icalcomponent_get_sequence(event))),
            attendee: address, partstat: partstat ?? (method == .counter ? "" : "NEEDS-ACTION"), delegatedTo: delegatedTo,
            stamp: stamp, proposedStart: method == .counter ? timeText(ICAL_DTSTART_PROPERTY) : nil,
            proposedEnd: method == .counter ? timeText(ICAL_DTEND_PROPERTY) : nil)
    }

    /// `mailto:a@b` (any case, optional quotes) as a lower-cased plain mailbox, or nil.
    static func mailbox(_ value: String) -> String? {
        var v = Substring(value)
        if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = v.dropFirst().dropLast() }
        if v.lowercased().hasPrefix("mailto:") { v = v.dropFirst(7) }
        let address = v.lowercased()
        return Mailbox.isValid(address) ? address : nil
    }
}
