/// What a workspace adds to its calendars besides the items themselves (#14.7), from
/// `calendars/publishing.yaml`: reminders (VALARM) and, when the secretariat publishes the
/// documents at a base URL, a link from every event to the reader's own agenda.
///
/// Neither is part of an item's content (`CalendarPublisher.contentHash`): turning them on or off,
/// or moving the documents, raises no SEQUENCE, sends no message and keeps every answer (R21).
public struct PublishingSettings: Hashable, Sendable {
    public var reminders: CalendarReminders
    /// Where the documents are published; nil: no link.
    public var documents: DocumentsLocation?

    public init(reminders: CalendarReminders = .none, documents: DocumentsLocation? = nil) {
        self.reminders = reminders
        self.documents = documents
    }

    /// Nothing added.
    public static let none = PublishingSettings()

    /// Whether anything is added to the calendars.
    public var isActive: Bool { !reminders.alarms(summary: "").isEmpty || documents != nil }
}

/// The reminders added to every event that goes on (not to a CANCEL nor a cancelled event).
public struct CalendarReminders: Hashable, Sendable {
    /// An alarm the day before the start (`TRIGGER;RELATED=START:-P1D`).
    public var dayBefore: Bool
    /// An alarm an hour before the start (`TRIGGER;RELATED=START:-PT1H`).
    public var hourBefore: Bool

    public init(dayBefore: Bool = false, hourBefore: Bool = false) {
        self.dayBefore = dayBefore
        self.hourBefore = hourBefore
    }

    /// No reminders.
    public static let none = CalendarReminders()

    /// The alarms of an event whose SUMMARY is `summary`, earliest first. Their text is what is due
    /// and the SUMMARY itself: nothing the event does not already show (no personal data).
    public func alarms(summary: String) -> [CalendarAlarm] {
        func text(_ due: String) -> String { summary.isEmpty ? due : "\(due): \(summary)" }
        return (dayBefore ? [CalendarAlarm(minutesBefore: 1440, description: text("会議の前日です"))] : [])
            + (hourBefore ? [CalendarAlarm(minutesBefore: 60, description: text("会議の1時間前です"))] : [])
    }
}

/// One VALARM: `ACTION:DISPLAY`, `TRIGGER;RELATED=START` at `minutesBefore` before the start.
public struct CalendarAlarm: Hashable, Sendable {
    /// Minutes before the event's start (1440: the day before).
    public var minutesBefore: Int
    /// The text shown (Japanese; only what the SUMMARY shows).
    public var description: String

    public init(minutesBefore: Int, description: String) {
        self.minutesBefore = minutesBefore
        self.description = description
    }
}

/// Where the secretariat publishes the documents (`documents.baseURL`): each reader's copy of a
/// meeting's agenda is `<baseURL><meeting>-agenda-<reader>.html`, named as
/// `kasane agenda MEETING --all --format html` names the files it writes. The URL holds the
/// meeting id and the reader's id only (a person id, `agency-<agency id>` or `master`), never a name.
public struct DocumentsLocation: Hashable, Sendable {
    /// The base URL, ending with `/`.
    public let baseURL: String

    /// The location at `baseURL` (a `/` is added when it does not end with one); nil when
    /// `DocumentsLocation.problem(baseURL)` finds a problem.
    public init?(baseURL: String) {
        guard Self.problem(baseURL) == nil else { return nil }
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// Why `url` cannot be the documents' base URL: it must be an absolute `https://` URL (or
    /// `http://` to `localhost`, `127.0.0.1` or `[::1]`, for a trial) with a host, without user or
    /// password, query (`?`) or fragment (`#`), in printable ASCII (`URLRule`).
    public static func problem(_ url: String) -> DocumentsURLProblem? {
        guard URLRule.isWebURL(url) else { return .notWebURL }
        if url.contains("?") { return .query }
        if url.contains("#") { return .fragment }
        let lower = url.lowercased()
        let https = lower.hasPrefix("https://")
        let authority = url.dropFirst(https ? 8 : 7).prefix { $0 != "/" }
        if authority.contains("@") { return .userInfo }
        var host = authority
        if let bracket = host.firstIndex(of: "]") {
            host = host[...bracket]
        } else if let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        if authority.count > host.count {
            let port = authority.dropFirst(host.count)
            guard port.first == ":", let n = Int(port.dropFirst()), (1...65535).contains(n) else { return .port }
        }
        if !https && !["localhost", "127.0.0.1", "[::1]"].contains(host.lowercased()) { return .notHTTPS }
        return nil
    }

    /// The file name of one copy of a meeting's document: `<meeting>-<kind>-<reader>.<ext>`, where
    /// `reader` is `DocumentsLocation.readerKey` of the reader.
    public static func fileName(meeting: String, kind: String, reader: String, fileExtension: String) -> String {
        "\(meeting)-\(kind)-\(reader).\(fileExtension)"
    }

    /// The reader part of a copy's file name: `master`, the person id, or `agency-<agency id>`.
    public static func readerKey(person: PersonID) -> String { person }
    /// The reader part of an agency's copy.
    public static func readerKey(agency: AgencyID) -> String { "agency-\(agency)" }
    /// The reader part of the secretariat's master copy.
    public static let masterKey = "master"

    /// The URL of `reader`'s copy of the agenda of meeting `meeting` (HTML).
    public func agendaURL(meeting: String, reader: String) -> String {
        baseURL + Self.fileName(meeting: meeting, kind: "agenda", reader: reader, fileExtension: "html")
    }
}

/// Why a URL cannot be the documents' base URL (`DocumentsLocation.problem`).
public enum DocumentsURLProblem: String, Hashable, Sendable, CaseIterable {
    /// Not an absolute http(s) URL with a host in printable ASCII.
    case notWebURL
    /// `http://` to another host than this machine.
    case notHTTPS
    /// Holds a query (`?`).
    case query
    /// Holds a fragment (`#`).
    case fragment
    /// Holds a user or password (`user@host`).
    case userInfo
    /// A port that is not a number from 1 to 65535.
    case port
}
