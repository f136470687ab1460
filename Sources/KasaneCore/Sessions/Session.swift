/// What a standing series does when a date falls on a closed day.
public enum ClosedDayPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Hold the session on the next business day instead.
    case moveToNextBusinessDay = "move"
    /// Do not hold the session that time.
    case skip = "skip"
}

/// A wall-clock time of day in Asia/Tokyo, in minutes after midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    /// Creates a time; `nil` outside 00:00–24:00.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    public init(minutes: Int) { self.minutes = minutes }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public func adding(minutes m: Int) -> TimeOfDay { TimeOfDay(minutes: minutes + m) }
}

/// A standing meeting series (定期開催) from `calendars/`: which bodies it serves, its time,
/// capacity and place. The dates come from the series' RRULE/RDATE/EXDATE.
public struct StandingSeries: Hashable, Sendable, Codable {
    /// The series' iCalendar UID; session ids derive from it.
    public var uid: String
    /// A short id for file names and session ids (`jusou`), from X-KASANE-SERIES.
    public var slug: String
    public var title: String
    /// The meeting bodies it serves: 重層的支援会議, 支援会議, both, or an existing body (R5).
    public var bodies: [BodyID]
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// Items per session.
    public var capacity: Int
    /// Minutes per item segment.
    public var minutesPerItem: Int
    public var location: String?
    public var onlineURL: String?
    public var onClosedDay: ClosedDayPolicy

    public init(uid: String, slug: String, title: String, bodies: [BodyID], start: TimeOfDay, end: TimeOfDay,
                capacity: Int, minutesPerItem: Int, location: String?, onlineURL: String?,
                onClosedDay: ClosedDayPolicy) {
        self.uid = uid
        self.slug = slug
        self.title = title
        self.bodies = bodies
        self.start = start
        self.end = end
        self.capacity = capacity
        self.minutesPerItem = minutesPerItem
        self.location = location
        self.onlineURL = onlineURL
        self.onClosedDay = onClosedDay
    }

    /// The sessions of this series on `dates` (its expanded occurrences), with closed days moved
    /// or skipped per `onClosedDay`. Never on a closed day.
    public func sessions(on dates: [LocalDate], calendar: BusinessCalendar) -> [Session] {
        var taken: Set<LocalDate> = []
        var result: [Session] = []
        for original in dates.sorted() {
            var date = original
            var note: String?
            if let closed = calendar.closure(on: original) {
                switch onClosedDay {
                case .skip: continue
                case .moveToNextBusinessDay:
                    date = calendar.nextBusinessDay(onOrAfter: original)
                    note = "moved from \(original.iso) (\(closed.name))"
                }
            }
            guard taken.insert(date).inserted else { continue }
            // The id names the day the session is held, never the rule's day (issue 11.8).
            result.append(Session(id: "\(slug)-\(date.iso)", kind: .regular, seriesUID: uid, title: title,
                                  bodies: bodies, date: date, start: start, end: end, capacity: capacity,
                                  minutesPerItem: minutesPerItem, location: location, onlineURL: onlineURL,
                                  note: note))
        }
        return result
    }
}

/// Where a session stands in its life (R20): planned, then held, then its minutes confirmed.
/// A held or minuted session — and any session whose day has come — is a record: scheduling
/// never moves, removes or cancels it.
public enum SessionState: String, Hashable, Sendable, Codable, CaseIterable {
    /// 予定: not held yet.
    case planned = "予定"
    /// 開催済: the meeting took place (`kasane meeting held`, or a decision was recorded at it).
    case held = "開催済"
    /// 議事録確定: the minutes were confirmed.
    case minuted = "議事録確定"
}

/// Whether a session is a regular one from a series, or ad hoc (随時開催).
public enum SessionKind: String, Hashable, Sendable, Codable {
    case regular = "定例"
    case adHoc = "随時"
}

/// One meeting on one day: a series occurrence or an ad hoc meeting.
public struct Session: Hashable, Sendable, Codable {
    /// Stable id: `<series slug>-<date held>` or `adhoc-<date>-<time>`.
    public var id: String
    public var kind: SessionKind
    public var seriesUID: String?
    public var title: String
    public var bodies: [BodyID]
    public var date: LocalDate
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var capacity: Int
    public var minutesPerItem: Int
    public var location: String?
    public var onlineURL: String?
    /// Why the date differs from the series' rule, when it does.
    public var note: String?
    /// 代理出席: agencies sending another of their people to this session (set by the secretariat).
    public var deputies: [Deputy] = []
    /// Planned, held or minuted (R20).
    public var state: SessionState = .planned

    private enum CodingKeys: String, CodingKey {
        case id, kind, seriesUID, title, bodies, date, start, end, capacity, minutesPerItem, location, onlineURL, note
        case state
    }

    public init(id: String, kind: SessionKind, seriesUID: String?, title: String, bodies: [BodyID], date: LocalDate,
                start: TimeOfDay, end: TimeOfDay, capacity: Int, minutesPerItem: Int, location: String?,
                onlineURL: String?, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.seriesUID = seriesUID
        self.title = title
        self.bodies = bodies
        self.date = date
        self.start = start
        self.end = end
        self.capacity = capacity
        self.minutesPerItem = minutesPerItem
        self.location = location
        self.onlineURL = onlineURL
        self.note = note
    }

    /// Whether the session serves `body`.
    public func serves(_ body: BodyID) -> Bool { bodies.contains(body) }

    /// R20: whether the session is a record on `today` — its day has come, or it was held. Such
    /// a session and its items are never moved, removed or cancelled.
    public func isRecord(on today: LocalDate) -> Bool { date <= today || state != .planned }

    /// Whether the meeting has taken place on `today`: held, minuted, or its day has passed.
    public func hasTakenPlace(on today: LocalDate) -> Bool { date < today || state != .planned }
}
