import CLibical
import Foundation
import KasaneCalendar
import KasaneCore
import Testing

// MARK: - Sample events

enum Sample {
    static let organizer = CalendarAddress(name: "重層的支援 事務局", mailbox: "jimukyoku@city.example.jp")
    static let chair = CalendarAttendee(address: CalendarAddress(name: "相談支援包括化推進員", mailbox: "chair@npo.example.jp"),
                                        role: .chair, rsvp: false)
    static let kita = CalendarAttendee(
        address: CalendarAddress(name: "地域包括支援センター 北", mailbox: "kita@houkatsu.example.jp"), role: .required)
    static let shakyo = CalendarAttendee(address: CalendarAddress(name: "社会福祉協議会", mailbox: "csw@shakyo.example.jp"),
                                         role: .optional)
    static let stamp = UTCTimestamp(seconds: 1_780_000_000)  // 2026-05-28T20:26:40Z

    static func event(uid: String = "R08-0012-1@kasane.city.example.jp", sequence: Int = 0, date: String = "2026-07-08",
                      start: Int = 14 * 60, end: Int = 14 * 60 + 30, summary: String = "重層的支援会議 R08-0012 複合課題",
                      description: String = "ケース番号: R08-0012\n検討事項: 複合課題\n議題:\n・支援の方向性",
                      location: String? = "市役所 本庁舎 3階 第1会議室", url: String? = "https://meet.example.jp/r/abc",
                      status: CalendarEventStatus = .confirmed, organizer: CalendarAddress = organizer,
                      attendees: [CalendarAttendee] = [chair, kita, shakyo]) -> CalendarEvent {
        CalendarEvent(uid: uid, sequence: sequence, stamp: stamp, date: LocalDate(iso: date)!,
                      start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end), summary: summary,
                      description: description, location: location, url: url, status: status, organizer: organizer,
                      attendees: attendees)
    }

    /// About 300 octets of Japanese: SUMMARY and DESCRIPTION must fold several times.
    static let longJapanese = String(repeating: "重層的支援体制整備事業における多機関協働の会議です。", count: 12)

    /// Every character that needs care: controls, RFC 6868 `^` and `"`, TEXT specials.
    static let awkward = "a^b \"quoted\" x;y,z \\back\\slash\u{01}\u{07}\u{1B}[31m\u{7F}\u{85}end\ttab"
}

// MARK: - The normal form every reader is compared in (scripts/check_ics.py writes the same)

struct NormalCalendar: Codable, Equatable {
    var method: String?
    var name: String?
    var events: [NormalEvent]
}

struct NormalEvent: Codable, Equatable {
    var uid: String
    var sequence: Int
    var dtstart: String
    var dtend: String
    var status: String?
    var summary: String?
    var description: String?
    var location: String?
    var url: String?
    var organizer: String?
    var attendees: [NormalAttendee]
    /// #14.7: the event's VALARMs, in order.
    var alarms: [NormalAlarm] = []
}

struct NormalAlarm: Codable, Equatable {
    var action: String?
    /// An RFC 5545 duration: `-P1D`, `-PT1H`.
    var trigger: String
    var description: String?
}

struct NormalAttendee: Codable, Equatable {
    var address: String
    var role: String?
    var partstat: String?
    var cutype: String?
    var rsvp: Bool
    var cn: String?
}

extension NormalEvent {
    /// What a reader should find for `event` when its text needs no cleaning.
    init(expected e: CalendarEvent, method: ITIPMethod?, alarms: [NormalAlarm] = []) {
        func iso(_ date: LocalDate, _ minutes: Int) -> String {
            let day = date.adding(days: minutes / 1440), m = minutes % 1440
            return "\(day.iso)T\(TimeOfDay(minutes: m)):00+09:00"
        }
        uid = e.uid
        sequence = e.sequence
        dtstart = iso(e.date, e.start.minutes)
        dtend = iso(e.date, e.end.minutes)
        status = method == .cancel && e.status == .confirmed ? nil : e.status.rawValue
        summary = e.summary
        description = e.description.isEmpty ? nil : e.description
        location = e.location
        url = e.url
        organizer = "mailto:" + e.organizer.mailbox
        attendees = e.attendees.map {
            NormalAttendee(address: "mailto:" + $0.address.mailbox, role: $0.role.rawValue, partstat: $0.partstat,
                           cutype: $0.cutype, rsvp: $0.rsvp, cn: $0.address.name.isEmpty ? nil : $0.address.name)
        }
        self.alarms = alarms
    }
}

// MARK: - libical reader (the tests' own, independent of the writer's code paths)

enum LibicalReader {
    struct ReadError: Error, CustomStringConvertible { let description: String }

    /// Reads every VEVENT into the normal form, converting DTSTART/DTEND through the file's own
    /// VTIMEZONE to UTC and back to +09:00 (so a wrong VTIMEZONE shows up as a wrong time).
    static func read(_ text: String) throws -> NormalCalendar {
        icalerror_set_errors_are_fatal(0)
        guard let root = icalparser_parse_string(text) else { throw ReadError(description: "libical could not parse") }
        defer { icalcomponent_free(root) }
        if let error = firstError(root) { throw ReadError(description: "libical: \(error)") }
        func string(_ c: OpaquePointer, _ kind: icalproperty_kind) -> String? {
            guard let p = icalcomponent_get_first_property(c, kind) else { return nil }
            return icalproperty_get_value_as_string(p).map { String(cString: $0) }
        }
        var method: String?
        if let p = icalcomponent_get_first_property(root, ICAL_METHOD_PROPERTY) {
            method = String(cString: icalproperty_method_to_string(icalproperty_get_method(p)))
        }
        var name: String?
        if let p = icalcomponent_get_first_property(root, ICAL_NAME_PROPERTY), let v = icalproperty_get_name(p) {
            name = String(cString: v)
        }
        var events: [NormalEvent] = []
        var event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
        while let e = event {
            if let error = firstError(e) { throw ReadError(description: "libical: \(error)") }
            var attendees: [NormalAttendee] = []
            var p = icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY)
            while let a = p {
                func param(_ kind: icalparameter_kind) -> String? {
                    guard let q = icalproperty_get_first_parameter(a, kind) else { return nil }
                    if kind == ICAL_CN_PARAMETER { return icalparameter_get_cn(q).map { String(cString: $0) } }
                    return icalparameter_as_ical_string(q).map { String(String(cString: $0).split(separator: "=")[1]) }
                }
                attendees.append(NormalAttendee(
                    address: String(cString: icalproperty_get_attendee(a)), role: param(ICAL_ROLE_PARAMETER),
                    partstat: param(ICAL_PARTSTAT_PARAMETER), cutype: param(ICAL_CUTYPE_PARAMETER),
                    rsvp: param(ICAL_RSVP_PARAMETER) == "TRUE", cn: param(ICAL_CN_PARAMETER)))
                p = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY)
            }
            var alarms: [NormalAlarm] = []
            var alarm = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT)
            while let al = alarm {
                guard let t = icalcomponent_get_first_property(al, ICAL_TRIGGER_PROPERTY),
                      let text = icaldurationtype_as_ical_string_r(icalproperty_get_trigger(t).duration) else {
                    throw ReadError(description: "a VALARM without a relative TRIGGER")
                }
                defer { icalmemory_free_buffer(text) }
                alarms.append(NormalAlarm(action: string(al, ICAL_ACTION_PROPERTY), trigger: String(cString: text),
                                          description: icalcomponent_get_first_property(al, ICAL_DESCRIPTION_PROPERTY)
                                              .flatMap { icalproperty_get_description($0) }.map { String(cString: $0) }))
                alarm = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT)
            }
            let status = icalcomponent_get_first_property(e, ICAL_STATUS_PROPERTY)
                .map { String(cString: icalproperty_status_to_string(icalproperty_get_status($0))) }
            events.append(NormalEvent(
                uid: String(cString: icalcomponent_get_uid(e)), sequence: Int(icalcomponent_get_sequence(e)),
                dtstart: try tokyo(icalcomponent_get_dtstart(e)), dtend: try tokyo(icalcomponent_get_dtend(e)),
                status: status, summary: icalcomponent_get_summary(e).map { String(cString: $0) },
                description: icalcomponent_get_description(e).map { String(cString: $0) },
                location: icalcomponent_get_location(e).map { String(cString: $0) },
                url: string(e, ICAL_URL_PROPERTY), organizer: string(e, ICAL_ORGANIZER_PROPERTY), attendees: attendees,
                alarms: alarms))
            event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)
        }
        return NormalCalendar(method: method, name: name, events: events)
    }

    /// `2026-07-08T14:00:00+09:00` from a zoned time, by way of UTC.
    private static func tokyo(_ t: icaltimetype) throws -> String {
        guard let zone = t.zone, let tzid = icaltimezone_get_tzid(zone),
              String(cString: tzid) == "Asia/Tokyo" else {
            throw ReadError(description: "time not in the file's Asia/Tokyo VTIMEZONE")
        }
        let utc = Int(icaltime_as_timet_with_zone(t, t.zone))
        let local = UTCTimestamp(seconds: utc + 9 * 3600)
        return "\(local.date.iso)T\(TimeOfDay(minutes: local.secondOfDay / 60)):00+09:00"
    }

    private static func firstError(_ c: OpaquePointer) -> String? {
        guard let p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY),
              let v = icalproperty_get_xlicerror(p) else { return nil }
        return String(cString: v)
    }
}

// MARK: - Byte checks no parser does

enum ContentLines {
    /// Problems in the raw bytes: lines over 75 octets, bare CR or LF, a fold inside a UTF-8
    /// character, control characters, invalid UTF-8, DTEND not after DTSTART.
    static func problems(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var problems: [String] = []
        guard String(validating: bytes, as: UTF8.self) != nil else { return ["invalid UTF-8"] }
        if !text.hasSuffix("\r\n") { problems.append("does not end with CRLF") }
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                    lines.append(current)
                    current = []
                    i += 2
                    continue
                }
                problems.append("bare CR at byte \(i)")
            } else if b == 0x0A {
                problems.append("bare LF at byte \(i)")
            } else if b < 0x20 && b != 0x09 || b == 0x7F {
                problems.append("control character 0x\(String(b, radix: 16)) at byte \(i)")
            }
            current.append(b)
            i += 1
        }
        for (n, line) in lines.enumerated() {
            if line.count > 75 { problems.append("line \(n + 1) has \(line.count) octets") }
            // A continuation line starting with a UTF-8 continuation byte means a split character.
            if line.first == 0x20, line.count > 1, line[1] & 0xC0 == 0x80 {
                problems.append("line \(n + 1): fold splits a UTF-8 character")
            }
            if line.first == 0x20 || line.first == 0x09, n == 0 { problems.append("first line is a continuation") }
        }
        // Each piece between folds must itself be valid UTF-8.
        for (n, line) in lines.enumerated() {
            let piece = line.first == 0x20 ? Array(line.dropFirst()) : line
            if String(validating: piece, as: UTF8.self) == nil {
                problems.append("line \(n + 1) is not valid UTF-8 on its own (split character)")
            }
        }
        let unfolded = unfold(text)
        var starts: [String] = [], ends: [String] = []
        for line in unfolded {
            if line.hasPrefix("DTSTART;TZID=Asia/Tokyo:") { starts.append(String(line.split(separator: ":")[1])) }
            if line.hasPrefix("DTEND;TZID=Asia/Tokyo:") { ends.append(String(line.split(separator: ":")[1])) }
        }
        // The VTIMEZONE's own DTSTART is floating; events' DTSTART/DTEND are zoned and paired.
        if starts.count != ends.count { problems.append("\(starts.count) DTSTART but \(ends.count) DTEND") }
        for (s, e) in zip(starts, ends) where !(s < e) { problems.append("DTEND \(e) is not after DTSTART \(s)") }
        return problems
    }

    /// Content lines with folds undone.
    static func unfold(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !out.isEmpty {
                out[out.count - 1] += line.dropFirst()
            } else {
                out.append(line)
            }
        }
        return out
    }
}

// MARK: - Oracles

/// Writes `text` to a temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("kasane-\(UUID().uuidString)\(suffix)")
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The three Python parsers' readings of `text` (scripts/check_ics.py); `ical` is nil when not installed.
func pythonReadings(_ text: String) throws -> [String: NormalCalendar?] {
    let path = try temporaryFile(text, suffix: ".ics")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let output = try runOracle([repoRoot.appendingPathComponent("scripts/check_ics.py").path, path])
    return try JSONDecoder().decode([String: NormalCalendar?].self, from: Data(output.joined(separator: "\n").utf8))
}

/// Checks `text` as every test does: bytes, libical, and at least two independent parsers, all
/// agreeing with each other. Returns libical's reading.
@discardableResult
func checkEverywhere(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NormalCalendar {
    #expect(ContentLines.problems(text) == [], sourceLocation: sourceLocation)
    let ours = try LibicalReader.read(text)
    let readings = try pythonReadings(text)
    #expect(readings.compactMap { $0.value }.count >= 2, "at least two Python parsers", sourceLocation: sourceLocation)
    for (parser, reading) in readings.sorted(by: { $0.key < $1.key }) {
        guard let reading else { continue }
        #expect(reading == ours, "\(parser) disagrees with libical", sourceLocation: sourceLocation)
    }
    return ours
}
