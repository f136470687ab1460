import Foundation
public import KasaneCore
public import KasaneStore
import PostgresNIO

extension PostgresStore {
    // MARK: - Reads

    public func sessions() throws -> [Session] {
        try read { tx in try Self.loadSessions(tx) }
    }

    static let sessionColumns = """
        id, kind, series_uid, title, bodies, date, start_minute, end_minute, capacity, minutes_per_item, location,
        online_url, note, state
        """

    static func loadSessions(_ tx: PostgresTransaction) throws -> [Session] {
        var deputies: [String: [Deputy]] = [:]
        for row in try tx.query("SELECT session_id, agency_id, person_id FROM deputy ORDER BY session_id, agency_id") {
            let (session, agency, person) = try row.decode((String, String, String).self)
            deputies[session, default: []].append(Deputy(agency: agency, person: person))
        }
        return try tx.query("SELECT \(unescaped: sessionColumns) FROM session ORDER BY date, start_minute, id").map { row in
            var session = try Self.session(row)
            session.deputies = deputies[session.id] ?? []
            return session
        }
    }

    public func jointAcceptances() throws -> [JointAcceptance] {
        try read { tx in try Self.loadAcceptances(tx) }
    }

    static func loadAcceptances(_ tx: PostgresTransaction) throws -> [JointAcceptance] {
        try tx.query("SELECT trigger_id, session_id, body_id, accepted_on FROM joint_acceptance ORDER BY trigger_id").map { row in
            let (trigger, session, body, on) = try row.decode((String, String, String, String).self)
            guard let day = LocalDate(iso: on) else { throw StoreError.corruptRow(table: "joint_acceptance", key: trigger) }
            return JointAcceptance(triggerID: trigger, sessionID: session, body: body, acceptedOn: day)
        }
    }

    public func scheduledItems() throws -> [ScheduledItem] {
        try read { tx in try Self.loadItems(tx) }
    }

    static let itemColumns = """
        i.trigger_id, i.case_number, i.session_id, i.position, i.start_minute, i.end_minute, i.meeting_kind, i.due_on,
        i.reason, i.invited, i.calendar_key, i.carried_from, i.joint_body
        """

    static func loadItems(_ tx: PostgresTransaction) throws -> [ScheduledItem] {
        try tx.query("""
            SELECT \(unescaped: itemColumns) FROM session_item i JOIN session s ON s.id = i.session_id AND s.tenant = i.tenant
            ORDER BY s.date, i.start_minute, i.trigger_id
            """).map(Self.item)
    }

    public func session(_ id: String) throws -> Session? {
        try read { tx in
            guard let row = try tx.query("SELECT \(unescaped: Self.sessionColumns) FROM session WHERE id = \(id)").first else {
                return nil
            }
            var session = try Self.session(row)
            session.deputies = try tx.query("SELECT agency_id, person_id FROM deputy WHERE session_id = \(id) ORDER BY agency_id")
                .map { row in
                    let (agency, person) = try row.decode((String, String).self)
                    return Deputy(agency: agency, person: person)
                }
            return session
        }
    }

    public func scheduledItems(inSession id: String) throws -> [ScheduledItem] {
        try read { tx in
            try tx.query("""
                SELECT \(unescaped: Self.itemColumns) FROM session_item i WHERE i.session_id = \(id)
                ORDER BY i.position, i.trigger_id
                """).map(Self.item)
        }
    }

    // MARK: - Writes

    public func setDeputy(session sessionID: String, agency: AgencyID, person: PersonID?) throws {
        try write { tx in
            guard try tx.value(Int.self, "SELECT 1 FROM session WHERE id = \(sessionID)") != nil else {
                throw StoreError.noSession(sessionID)
            }
            guard let person else {
                try tx.execute("DELETE FROM deputy WHERE session_id = \(sessionID) AND agency_id = \(agency)")
                return
            }
            let works = try tx.value(String.self, "SELECT agency_id FROM person WHERE id = \(person)")
            guard works == agency else {
                throw works.map { StoreError.deputyOfOtherAgency(person: person, worksFor: $0, agency: agency) }
                    ?? StoreError.unknownPerson(person)
            }
            try tx.execute("""
                INSERT INTO deputy (session_id, agency_id, person_id) VALUES (\(sessionID), \(agency), \(person))
                ON CONFLICT (tenant, session_id, agency_id) DO UPDATE SET person_id = excluded.person_id
                """)
        }
    }

    public func updateSchedule<T>(today: LocalDate,
                                  _ compute: (ScheduleSnapshot) throws -> (items: [ScheduledItem], sessions: [Session], extra: T))
        throws -> (report: ScheduleSaveReport, extra: T) {
        try write { tx in
            let snapshot = ScheduleSnapshot(
                registry: try Self.loadRegistry(tx), caseFiles: try Self.loadCaseFiles(tx, numbers: nil),
                sessions: try Self.loadSessions(tx), items: try Self.loadItems(tx), acceptances: try Self.loadAcceptances(tx))
            let computed = try compute(snapshot)
            let report = try Self.saveSchedule(tx, items: computed.items, sessions: computed.sessions, today: today)
            return (report, computed.extra)
        }
    }

    public func setState(_ state: SessionState, of sessionID: String, today: LocalDate) throws {
        try write { tx in
            guard let row = try tx.query("SELECT \(unescaped: Self.sessionColumns) FROM session WHERE id = \(sessionID)").first else {
                throw StoreError.noSession(sessionID)
            }
            let session = try Self.session(row)
            guard session.date <= today else { throw StoreError.sessionNotYetHeld(sessionID, date: session.date) }
            let order = SessionState.allCases
            guard order.firstIndex(of: state)! >= order.firstIndex(of: session.state)! else {
                throw StoreError.sessionStateFinal(sessionID, state: session.state)
            }
            try tx.execute("UPDATE session SET state = \(state.rawValue) WHERE id = \(sessionID)")
        }
    }

    public func acceptJointHolding(_ acceptance: JointAcceptance, session: Session) throws {
        try write { tx in
            if try tx.value(Int.self, "SELECT 1 FROM session WHERE id = \(session.id)") == nil {
                try Self.upsert(tx, session)
            }
            try tx.execute("""
                INSERT INTO joint_acceptance (trigger_id, session_id, body_id, accepted_on)
                VALUES (\(acceptance.triggerID), \(acceptance.sessionID), \(acceptance.body), \(acceptance.acceptedOn.iso))
                ON CONFLICT (tenant, trigger_id) DO UPDATE SET session_id = excluded.session_id, body_id = excluded.body_id,
                  accepted_on = excluded.accepted_on
                """)
        }
    }

    public func withdrawJointHolding(triggerID: String) throws -> Bool {
        try write { tx in try tx.execute("DELETE FROM joint_acceptance WHERE trigger_id = \(triggerID)") > 0 }
    }

    public func saveSchedule(items: [ScheduledItem], sessions: [Session], today: LocalDate) throws -> ScheduleSaveReport {
        try write { tx in try Self.saveSchedule(tx, items: items, sessions: sessions, today: today) }
    }

    /// `AppDatabase.saveSchedule`'s rules on PostgreSQL: records (R20) are never touched, positions
    /// that change hands are freed first, sessions left empty are forgotten unless held or accepted.
    static func saveSchedule(_ tx: PostgresTransaction, items: [ScheduledItem], sessions: [Session],
                             today: LocalDate) throws -> ScheduleSaveReport {
        let plan = SchedulePlan(
            oldSessions: try loadSessions(tx), oldItems: try tx.query("SELECT \(unescaped: itemColumns) FROM session_item i").map(item),
            accepted: Set(try tx.query("SELECT session_id FROM joint_acceptance").map { try $0.decode(String.self) }),
            items: items, sessions: sessions, today: today)
        for s in plan.sessionsToWrite { try upsert(tx, s) }
        for key in plan.itemsToDelete { try tx.execute("DELETE FROM session_item WHERE calendar_key = \(key)") }
        for item in plan.itemsToWrite {
            try tx.execute("""
                INSERT INTO session_item (trigger_id, calendar_key, case_number, session_id, position, start_minute,
                  end_minute, meeting_kind, due_on, reason, invited, carried_from, joint_body)
                VALUES (\(item.triggerID), \(item.calendarKey), \(item.caseNumber), \(item.sessionID), \(item.position),
                  \(item.start.minutes), \(item.end.minutes), \(item.meetingKind.rawValue), \(item.dueOn.iso),
                  \(item.reason.storedText), \(item.invited), \(item.carriedFrom), \(item.jointBody))
                """)
        }
        for id in plan.sessionsToDelete { try tx.execute("DELETE FROM session WHERE id = \(id)") }
        return plan.report
    }

    // MARK: - Rows

    private static func upsert(_ tx: PostgresTransaction, _ s: Session) throws {
        let bodies = String(decoding: try JSONEncoder().encode(s.bodies), as: UTF8.self)
        try tx.execute("""
            INSERT INTO session (id, kind, series_uid, title, bodies, date, start_minute, end_minute, capacity,
              minutes_per_item, location, online_url, note)
            VALUES (\(s.id), \(s.kind.rawValue), \(s.seriesUID), \(s.title), \(bodies), \(s.date.iso), \(s.start.minutes),
              \(s.end.minutes), \(s.capacity), \(s.minutesPerItem), \(s.location), \(s.onlineURL), \(s.note))
            ON CONFLICT (tenant, id) DO UPDATE SET kind = excluded.kind, series_uid = excluded.series_uid,
              title = excluded.title, bodies = excluded.bodies, date = excluded.date,
              start_minute = excluded.start_minute, end_minute = excluded.end_minute, capacity = excluded.capacity,
              minutes_per_item = excluded.minutes_per_item, location = excluded.location,
              online_url = excluded.online_url, note = excluded.note
            """)
    }

    static func session(_ row: PostgresRow) throws -> Session {
        let (id, kind, series, title, bodiesJSON, dateText, start, end, capacity, perItem, location, online, note, stateText) =
            try row.decode((String, String, String?, String, String, String, Int, Int, Int, Int, String?, String?, String?,
                            String).self)
        let bodies = try JSONDecoder().decode([BodyID].self, from: Data(bodiesJSON.utf8))
        guard let date = LocalDate(iso: dateText), let state = SessionState(rawValue: stateText) else {
            throw StoreError.corruptRow(table: "session", key: id)
        }
        var session = Session(id: id, kind: SessionKind(rawValue: kind) ?? .adHoc, seriesUID: series, title: title,
                              bodies: bodies, date: date, start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end),
                              capacity: capacity, minutesPerItem: perItem, location: location, onlineURL: online, note: note)
        session.state = state
        return session
    }

    static func item(_ row: PostgresRow) throws -> ScheduledItem {
        let (trigger, number, session, position, start, end, kindText, dueText, reason, invited, key, carried, joint) =
            try row.decode((String, String, String, Int, Int, Int, String, String, String, Bool, String, String?, String?).self)
        guard let due = LocalDate(iso: dueText), let kind = MeetingKind(rawValue: kindText) else {
            throw StoreError.corruptRow(table: "session_item", key: trigger)
        }
        return ScheduledItem(triggerID: trigger, caseNumber: number, sessionID: session, position: position,
                             start: TimeOfDay(minutes: start), end: TimeOfDay(minutes: end), meetingKind: kind, dueOn: due,
                             reason: PlacementReason(storedText: reason), invited: invited, calendarKey: key,
                             carriedFrom: carried, jointBody: joint)
    }
}
