import Foundation
import GRDB
public import KasaneCore

/// What saving a schedule changed in the workspace.
public struct ScheduleSaveReport: Hashable, Sendable, Codable {
    public var itemsAdded = 0
    public var itemsMoved = 0
    public var itemsRemoved = 0
    public var sessionsAdded = 0
    public var sessionsRemoved = 0

    public init() {}

    /// Whether the save changed nothing.
    public var isEmpty: Bool { self == ScheduleSaveReport() }
}

extension AppDatabase {
    // MARK: - Reads

    /// Every stored session (those holding items, and ad hoc sessions proposed), by date and time,
    /// with the deputies agencies send to it.
    public func sessions() throws -> [Session] {
        try read { db in
            var deputies: [String: [Deputy]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM deputy ORDER BY session_id, agency_id") {
                deputies[row["session_id"], default: []].append(Deputy(agency: row["agency_id"], person: row["person_id"]))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM session ORDER BY date, start_minute, id").map { row in
                var session = try Self.session(row)
                session.deputies = deputies[session.id] ?? []
                return session
            }
        }
    }

    /// Records that `agency` sends `person` to session `sessionID` (代理出席), or with `person`
    /// nil, that it no longer does.
    /// - Throws: `StoreError.invalidDeputy` when the session, the agency or the person is unknown,
    ///   or the person does not work for the agency.
    public func setDeputy(session sessionID: String, agency: AgencyID, person: PersonID?) throws {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [sessionID]) == true else {
                throw StoreError.invalidDeputy("no meeting '\(sessionID)': see `kasane meeting list`")
            }
            guard let person else {
                try db.execute(sql: "DELETE FROM deputy WHERE session_id = ? AND agency_id = ?", arguments: [sessionID, agency])
                return
            }
            let works = try String.fetchOne(db, sql: "SELECT agency_id FROM person WHERE id = ?", arguments: [person])
            guard works == agency else {
                throw StoreError.invalidDeputy(works == nil ? "unknown person '\(person)'"
                    : "'\(person)' works for '\(works!)', not '\(agency)': a deputy comes from the same agency")
            }
            try db.execute(sql: """
                INSERT INTO deputy (session_id, agency_id, person_id) VALUES (?, ?, ?)
                ON CONFLICT(session_id, agency_id) DO UPDATE SET person_id = excluded.person_id
                """, arguments: [sessionID, agency, person])
        }
    }

    /// Every scheduled item, by session date and time.
    public func scheduledItems() throws -> [ScheduledItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.* FROM session_item i JOIN session s ON s.id = i.session_id
                ORDER BY s.date, i.start_minute, i.trigger_id
                """).map(Self.item)
        }
    }

    // MARK: - Writes

    /// Replaces the stored schedule with `items` in one transaction: stores the sessions they use
    /// (and the ad hoc sessions in `sessions`), removes items no longer scheduled and sessions left
    /// empty. Writing the same schedule twice changes nothing.
    public func saveSchedule(items: [ScheduledItem], sessions: [Session]) throws -> ScheduleSaveReport {
        try write { db in
            var report = ScheduleSaveReport()
            let byID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let oldSessions = Dictionary(try Row.fetchAll(db, sql: "SELECT * FROM session").map(Self.session).map { ($0.id, $0) },
                                         uniquingKeysWith: { a, _ in a })
            let oldItems = Dictionary(try Row.fetchAll(db, sql: "SELECT * FROM session_item").map(Self.item).map { ($0.triggerID, $0) },
                                      uniquingKeysWith: { a, _ in a })
            let used = Set(items.map(\.sessionID))
            for id in used.sorted() {
                guard let s = byID[id] ?? oldSessions[id] else { continue }
                if oldSessions[id] == s { continue }
                if oldSessions[id] == nil { report.sessionsAdded += 1 }
                try Self.upsert(db, s)
            }
            let keep = Set(items.map(\.triggerID))
            for old in oldItems.values where !keep.contains(old.triggerID) {
                try db.execute(sql: "DELETE FROM session_item WHERE trigger_id = ?", arguments: [old.triggerID])
                report.itemsRemoved += 1
            }
            // Free every position that changes hands before writing, so UNIQUE(session, position) holds.
            let changed = items.filter { oldItems[$0.triggerID] != $0 }
            for item in changed where oldItems[item.triggerID] != nil {
                try db.execute(sql: "DELETE FROM session_item WHERE trigger_id = ?", arguments: [item.triggerID])
            }
            for item in changed {
                if let old = oldItems[item.triggerID] {
                    if old.sessionID != item.sessionID || old.position != item.position { report.itemsMoved += 1 }
                } else {
                    report.itemsAdded += 1
                }
                try db.execute(sql: """
                    INSERT INTO session_item (trigger_id, case_number, session_id, position, start_minute, end_minute,
                      meeting_kind, due_on, reason, invited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [item.triggerID, item.caseNumber, item.sessionID, item.position,
                                     item.start.minutes, item.end.minutes, item.meetingKind.rawValue, item.dueOn.iso,
                                     item.reason, item.invited])
            }
            // Sessions left without items are forgotten (invitations are the calendar issue's concern).
            for id in oldSessions.keys where !used.contains(id) {
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                report.sessionsRemoved += 1
            }
            return report
        }
    }

    // MARK: - Rows

    private static func upsert(_ db: Database, _ s: Session) throws {
        let bodies = String(decoding: try JSONEncoder().encode(s.bodies), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO session (id, kind, series_uid, title, bodies, date, start_minute, end_minute, capacity,
              minutes_per_item, location, online_url, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, series_uid = excluded.series_uid,
              title = excluded.title, bodies = excluded.bodies, date = excluded.date,
              start_minute = excluded.start_minute, end_minute = excluded.end_minute, capacity = excluded.capacity,
              minutes_per_item = excluded.minutes_per_item, location = excluded.location,
              online_url = excluded.online_url, note = excluded.note
            """, arguments: [s.id, s.kind.rawValue, s.seriesUID, s.title, bodies, s.date.iso, s.start.minutes,
                             s.end.minutes, s.capacity, s.minutesPerItem, s.location, s.onlineURL, s.note])
    }

    static func session(_ row: Row) throws -> Session {
        let bodies = try JSONDecoder().decode([BodyID].self, from: Data((row["bodies"] as String).utf8))
        guard let date = LocalDate(iso: row["date"]) else {
            throw StoreError.corruptRow(table: "session", key: row["id"])
        }
        return Session(id: row["id"], kind: SessionKind(rawValue: row["kind"]) ?? .adHoc, seriesUID: row["series_uid"],
                       title: row["title"], bodies: bodies, date: date, start: TimeOfDay(minutes: row["start_minute"]),
                       end: TimeOfDay(minutes: row["end_minute"]), capacity: row["capacity"],
                       minutesPerItem: row["minutes_per_item"], location: row["location"],
                       onlineURL: row["online_url"], note: row["note"])
    }

    static func item(_ row: Row) throws -> ScheduledItem {
        guard let due = LocalDate(iso: row["due_on"]), let kind = MeetingKind(rawValue: row["meeting_kind"]) else {
            throw StoreError.corruptRow(table: "session_item", key: row["trigger_id"])
        }
        return ScheduledItem(triggerID: row["trigger_id"], caseNumber: row["case_number"], sessionID: row["session_id"],
                             position: row["position"], start: TimeOfDay(minutes: row["start_minute"]),
                             end: TimeOfDay(minutes: row["end_minute"]), meetingKind: kind, dueOn: due,
                             reason: row["reason"], invited: row["invited"])
    }
}
