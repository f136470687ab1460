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
    /// Stored sessions whose day, time, place or capacity changed (a series edited).
    public var sessionsChanged = 0
    /// Items kept in place whose time, meeting kind or due date changed.
    public var itemsUpdated = 0

    public init() {}

    /// Whether the save changed nothing.
    public var isEmpty: Bool { self == ScheduleSaveReport() }
}

extension AppDatabase {
    // MARK: - Reads

    /// Every stored session (those holding items, and ad hoc sessions proposed), by date and time,
    /// with the deputies agencies send to it.
    public func sessions() throws -> [Session] {
        try read { db in try Self.loadSessions(db) }
    }

    static func loadSessions(_ db: Database) throws -> [Session] {
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

    /// The joint-holding offers the secretariat accepted (R5).
    public func jointAcceptances() throws -> [JointAcceptance] {
        try read { db in try Self.loadAcceptances(db) }
    }

    static func loadAcceptances(_ db: Database) throws -> [JointAcceptance] {
        try Row.fetchAll(db, sql: "SELECT * FROM joint_acceptance ORDER BY trigger_id").map { row in
            guard let on = LocalDate(iso: row["accepted_on"]) else {
                throw StoreError.corruptRow(table: "joint_acceptance", key: row["trigger_id"])
            }
            return JointAcceptance(triggerID: row["trigger_id"], sessionID: row["session_id"], body: row["body_id"],
                                   acceptedOn: on)
        }
    }

    /// Records that `agency` sends `person` to session `sessionID` (代理出席), or with `person`
    /// nil, that it no longer does.
    /// - Throws: `StoreError.noSession`, `.unknownPerson`, or `.deputyOfOtherAgency` when the
    ///   person does not work for the agency.
    public func setDeputy(session sessionID: String, agency: AgencyID, person: PersonID?) throws {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [sessionID]) == true else {
                throw StoreError.noSession(sessionID)
            }
            guard let person else {
                try db.execute(sql: "DELETE FROM deputy WHERE session_id = ? AND agency_id = ?", arguments: [sessionID, agency])
                return
            }
            let works = try String.fetchOne(db, sql: "SELECT agency_id FROM person WHERE id = ?", arguments: [person])
            guard works == agency else {
                throw works.map { StoreError.deputyOfOtherAgency(person: person, worksFor: $0, agency: agency) }
                    ?? StoreError.unknownPerson(person)
            }
            try db.execute(sql: """
                INSERT INTO deputy (session_id, agency_id, person_id) VALUES (?, ?, ?)
                ON CONFLICT(session_id, agency_id) DO UPDATE SET person_id = excluded.person_id
                """, arguments: [sessionID, agency, person])
        }
    }

    /// Every scheduled item, by session date and time; the items of held sessions included (R20).
    /// Session `id` with its deputies, or nil.
    public func session(_ id: String) throws -> Session? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id]) else { return nil }
            var session = try Self.session(row)
            session.deputies = try Row.fetchAll(db, sql: "SELECT * FROM deputy WHERE session_id = ? ORDER BY agency_id",
                                                arguments: [id]).map { Deputy(agency: $0["agency_id"], person: $0["person_id"]) }
            return session
        }
    }

    /// The items of session `id`, by position.
    public func scheduledItems(inSession id: String) throws -> [ScheduledItem] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM session_item WHERE session_id = ? ORDER BY position, trigger_id",
                             arguments: [id]).map(Self.item)
        }
    }

    public func scheduledItems() throws -> [ScheduledItem] {
        try read { db in try Self.loadItems(db) }
    }

    static func loadItems(_ db: Database) throws -> [ScheduledItem] {
        try Row.fetchAll(db, sql: """
            SELECT i.* FROM session_item i JOIN session s ON s.id = i.session_id
            ORDER BY s.date, i.start_minute, i.trigger_id
            """).map(Self.item)
    }

    // MARK: - Writes

    /// What `schedule` works from (`KasaneStore.ScheduleSnapshot`).
    public typealias ScheduleSnapshot = KasaneStore.ScheduleSnapshot

    /// Reads the workspace, lets `compute` work out the schedule, and saves it, all in one
    /// transaction, so no other command's write (an `invite` marking items invited, a decision)
    /// can fall between the read and the write and be lost (issue 12.8).
    /// - Parameter today: sessions on or before it, and held ones, are records (R20): kept as they are.
    public func updateSchedule<T>(today: LocalDate,
                                  _ compute: (ScheduleSnapshot) throws -> (items: [ScheduledItem], sessions: [Session], extra: T))
        throws -> (report: ScheduleSaveReport, extra: T) {
        try write { db in
            let snapshot = ScheduleSnapshot(
                registry: try Self.loadRegistry(db), caseFiles: try Self.loadCaseFiles(db),
                sessions: try Self.loadSessions(db), items: try Self.loadItems(db),
                acceptances: try Self.loadAcceptances(db))
            let computed = try compute(snapshot)
            let report = try Self.saveSchedule(db, items: computed.items, sessions: computed.sessions, today: today)
            return (report, computed.extra)
        }
    }

    /// Marks a session held or minuted (R20).
    /// - Throws: `StoreError.noSession`, `.sessionNotYetHeld` (its day has not come),
    ///   `.sessionStateFinal`
    ///   or the change goes backwards.
    public func setState(_ state: SessionState, of sessionID: String, today: LocalDate) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [sessionID]) else {
                throw StoreError.noSession(sessionID)
            }
            let session = try Self.session(row)
            guard session.date <= today else {
                throw StoreError.sessionNotYetHeld(sessionID, date: session.date)
            }
            let order = SessionState.allCases
            guard order.firstIndex(of: state)! >= order.firstIndex(of: session.state)! else {
                throw StoreError.sessionStateFinal(sessionID, state: session.state)
            }
            try db.execute(sql: "UPDATE session SET state = ? WHERE id = ?", arguments: [state.rawValue, sessionID])
        }
    }

    /// Records that the secretariat accepts holding the item of `acceptance.triggerID` jointly in
    /// `session`, a session of an existing body (R5); the session is stored so `schedule` finds it.
    public func acceptJointHolding(_ acceptance: JointAcceptance, session: Session) throws {
        try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM session WHERE id = ?", arguments: [session.id]) == nil {
                try Self.upsert(db, session)
            }
            try db.execute(sql: """
                INSERT INTO joint_acceptance (trigger_id, session_id, body_id, accepted_on) VALUES (?, ?, ?, ?)
                ON CONFLICT(trigger_id) DO UPDATE SET session_id = excluded.session_id, body_id = excluded.body_id,
                  accepted_on = excluded.accepted_on
                """, arguments: [acceptance.triggerID, acceptance.sessionID, acceptance.body, acceptance.acceptedOn.iso])
        }
    }

    /// Withdraws the acceptance of joint holding for `triggerID`; `false` when there was none.
    public func withdrawJointHolding(triggerID: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM joint_acceptance WHERE trigger_id = ?", arguments: [triggerID])
            return db.changesCount > 0
        }
    }

    /// Replaces the stored schedule with `items` in one transaction: stores the sessions they use
    /// (and the ad hoc sessions in `sessions`), removes items no longer scheduled and sessions left
    /// empty. Writing the same schedule twice changes nothing. Sessions on or before `today` and
    /// held ones are records (R20): they, their items and their state are never changed here.
    public func saveSchedule(items: [ScheduledItem], sessions: [Session], today: LocalDate) throws -> ScheduleSaveReport {
        try write { db in try Self.saveSchedule(db, items: items, sessions: sessions, today: today) }
    }

    static func saveSchedule(_ db: Database, items: [ScheduledItem], sessions: [Session],
                             today: LocalDate) throws -> ScheduleSaveReport {
        let plan = SchedulePlan(
            oldSessions: try Row.fetchAll(db, sql: "SELECT * FROM session").map(Self.session),
            oldItems: try Row.fetchAll(db, sql: "SELECT * FROM session_item").map(Self.item),
            accepted: Set(try String.fetchAll(db, sql: "SELECT session_id FROM joint_acceptance")),
            items: items, sessions: sessions, today: today)
        for s in plan.sessionsToWrite { try Self.upsert(db, s) }
        for key in plan.itemsToDelete {
            try db.execute(sql: "DELETE FROM session_item WHERE calendar_key = ?", arguments: [key])
        }
        for item in plan.itemsToWrite {
            try db.execute(sql: """
                INSERT INTO session_item (trigger_id, calendar_key, case_number, session_id, position, start_minute,
                  end_minute, meeting_kind, due_on, reason, invited, carried_from, joint_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [item.triggerID, item.calendarKey, item.caseNumber, item.sessionID, item.position,
                                 item.start.minutes, item.end.minutes, item.meetingKind.rawValue, item.dueOn.iso,
                                 item.reason.storedText, item.invited, item.carriedFrom, item.jointBody])
        }
        for id in plan.sessionsToDelete { try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id]) }
        return plan.report
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
        var session = Session(id: row["id"], kind: SessionKind(rawValue: row["kind"]) ?? .adHoc, seriesUID: row["series_uid"],
                              title: row["title"], bodies: bodies, date: date, start: TimeOfDay(minutes: row["start_minute"]),
                              end: TimeOfDay(minutes: row["end_minute"]), capacity: row["capacity"],
                              minutesPerItem: row["minutes_per_item"], location: row["location"],
                              onlineURL: row["online_url"], note: row["note"])
        guard let state = SessionState(rawValue: row["state"]) else {
            throw StoreError.corruptRow(table: "session", key: row["id"])
        }
        session.state = state
        return session
    }

    static func item(_ row: Row) throws -> ScheduledItem {
        guard let due = LocalDate(iso: row["due_on"]), let kind = MeetingKind(rawValue: row["meeting_kind"]) else {
            throw StoreError.corruptRow(table: "session_item", key: row["trigger_id"])
        }
        return ScheduledItem(triggerID: row["trigger_id"], caseNumber: row["case_number"], sessionID: row["session_id"],
                             position: row["position"], start: TimeOfDay(minutes: row["start_minute"]),
                             end: TimeOfDay(minutes: row["end_minute"]), meetingKind: kind, dueOn: due,
                             reason: PlacementReason(storedText: row["reason"]), invited: row["invited"], calendarKey: row["calendar_key"],
                             carriedFrom: row["carried_from"], jointBody: row["joint_body"])
    }
}
