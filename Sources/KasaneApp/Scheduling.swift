public import KasaneCore
public import KasaneStore
public import KasaneWording

/// Everything the scheduler needs, read from the workspace and the calendars folder.
public struct SchedulingContext: Sendable {
    public let registry: Registry
    public let files: [CaseNumber: CaseFile]
    public let triggers: [Trigger]
    public let config: CalendarConfiguration
    public let today: LocalDate

    /// The context of the workspace as it stands.
    /// - Throws: `StoreError`, or `AppError.unknownSeriesBody` for a series serving an unknown body.
    public init(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock) throws {
        try self.init(registry: store.registry(), caseFiles: store.caseFiles(), config: config, today: clock.today)
    }

    /// The context of a snapshot (read in the transaction that saves the result).
    /// - Throws: `AppError.unknownSeriesBody` for a series serving a body the registry does not know.
    public init(registry: Registry, caseFiles all: [CaseFile], config: CalendarConfiguration, today: LocalDate) throws(AppError) {
        try config.checkBodies(in: registry)
        self.registry = registry
        self.config = config
        self.today = today
        files = Dictionary(all.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        triggers = Triggers.open(in: all, policy: config.policy, calendar: config.calendar, today: today)
    }

    /// The people who must attend `trigger`'s item in `session`: the chair and required attendees.
    public func requiredPeople(_ trigger: Trigger, _ session: Session) -> Set<PersonID> {
        guard let file = files[trigger.caseNumber] else { return [] }
        return session.requiredPeople(for: trigger, caseFile: file, registry: registry)
    }

    /// R10, R11: why the 重層的支援会議 item cannot be held lawfully in `session` (no chair or no
    /// municipal staff within its scope), with how to fix it; `nil` when it can.
    public func lawProblem(_ item: ScheduledItem, in session: Session) -> LawProblem? {
        guard let file = files[item.caseNumber],
              let attendance = session.attendance(of: item, caseFile: file, registry: registry),
              !attendance.lawBlockers.isEmpty else { return nil }
        return LawProblem(triggerID: item.triggerID, sessionID: session.id, attendance: attendance)
    }

    /// The sessions a run works with: every record session as stored (R20: never regenerated
    /// from an edited series), the series' sessions up to the horizon, and stored ad hoc sessions.
    public func sessions(stored: [Session], until: LocalDate?) throws -> [Session] {
        let latestDue = triggers.map(\.dueOn).max() ?? today
        let horizon = max(until ?? today, latestDue, today).adding(days: Self.horizonDays)
        let earliest = min(stored.map(\.date).min() ?? today, today)
        let records = stored.filter { $0.isRecord(on: today) }
        let recordIDs = Set(records.map(\.id))
        let regular = try config.regularSessions(from: earliest, through: horizon).filter { !recordIDs.contains($0.id) }
        return records + regular + stored.filter { !$0.isRecord(on: today) && $0.kind == .adHoc }
    }

    /// How far past the latest due date the series are expanded.
    public static let horizonDays = 62
}

/// What one `schedule` run decided and saved.
public struct ScheduleOutcome: Sendable {
    /// The scheduler's result (the items saved, offers, moves, carried and unplaced items).
    public let result: ScheduleResult
    /// What was saved.
    public let report: ScheduleSaveReport
    /// R10, R11: 重層的支援会議 items not placed because they cannot be held lawfully.
    public let blocked: [LawProblem]
    /// Every session of the run, by id.
    public let sessions: [String: Session]
    public let context: SchedulingContext

    /// Whether something needs the secretariat (unplaced or blocked items).
    public var needsAttention: Bool { !result.unplaced.isEmpty || !blocked.isEmpty }
}

/// What a scheduling run would decide now, not saved (`Scheduling.preview`).
public struct SchedulePreview: Sendable {
    /// The scheduler's result (offers, unplaced items, …).
    public let result: ScheduleResult
    /// R10, R11: 重層的支援会議 items that cannot be held lawfully.
    public let blocked: [LawProblem]
    /// Every session of the run, by id.
    public let sessions: [String: Session]
    public let context: SchedulingContext
}

/// The scheduling use cases: `schedule`, and joint holdings (`meeting join` / `unjoin`).
public enum Scheduling {
    /// Places every open trigger into a session and saves the schedule, reading and saving in one
    /// transaction (issue 12.8). Items that cannot be held lawfully are left out (R10, R11) and
    /// reported in `blocked`; the rest is saved.
    /// - Throws: `StoreError`, `AppError` (an unknown body in a series), the series' errors.
    public static func schedule(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock,
                                until: LocalDate?, reschedule: Bool) throws -> ScheduleOutcome {
        let today = clock.today
        let (report, parts) = try store.updateSchedule(today: today) { snapshot in
            let run = try plan(snapshot, config: config, today: today, until: until, reschedule: reschedule)
            return (run.result.items, run.sessions, run)
        }
        return ScheduleOutcome(result: parts.result, report: report, blocked: parts.blocked, sessions: parts.byID,
                               context: parts.context)
    }

    /// What `schedule` would do now, without saving anything (the console's dashboard and meeting
    /// pages: unplaced items, items that cannot be held lawfully, joint-holding offers, #15).
    /// - Throws: `StoreError`, `AppError` (an unknown body in a series), the series' errors.
    public static func preview(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock)
        throws -> SchedulePreview {
        let snapshot = ScheduleSnapshot(registry: try store.registry(), caseFiles: try store.caseFiles(),
                                        sessions: try store.sessions(), items: try store.scheduledItems(),
                                        acceptances: try store.jointAcceptances())
        let run = try plan(snapshot, config: config, today: clock.today, until: nil, reschedule: false)
        return SchedulePreview(result: run.result, blocked: run.blocked, sessions: run.byID, context: run.context)
    }

    /// One scheduling run on `snapshot`: the result with the items that cannot be held lawfully
    /// left out (R10, R11) and listed in `blocked`.
    private static func plan(_ snapshot: ScheduleSnapshot, config: CalendarConfiguration, today: LocalDate,
                             until: LocalDate?, reschedule: Bool) throws
        -> (result: ScheduleResult, blocked: [LawProblem], byID: [String: Session], context: SchedulingContext,
            sessions: [Session]) {
        let context = try SchedulingContext(registry: snapshot.registry, caseFiles: snapshot.caseFiles,
                                            config: config, today: today)
        let sessions = try context.sessions(stored: snapshot.sessions, until: until)
        let input = ScheduleInput(
            triggers: context.triggers, sessions: sessions, existing: snapshot.items,
            registry: context.registry, caseFiles: context.files, calendar: context.config.calendar,
            today: context.today, until: until, reschedule: reschedule,
            requiredPeople: { [context] in context.requiredPeople($0, $1) },
            jointAcceptances: snapshot.acceptances)
        var result = Scheduler.schedule(input)
        let byID = Dictionary((sessions + result.newSessions).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var blocked: [LawProblem] = []
        result.items.removeAll { item in
            guard let session = byID[item.sessionID], !session.isRecord(on: today),
                  let problem = context.lawProblem(item, in: session) else { return false }
            blocked.append(problem)
            return true
        }
        return (result, blocked, byID, context, sessions + result.newSessions)
    }

    /// A joint holding accepted (R5).
    public struct JointHolding: Sendable {
        public let trigger: String
        public let body: MeetingBody
        public let session: Session
    }

    /// 合同開催を受ける (R5): holds `trigger`'s 重層的支援会議 item jointly in `meeting`, a session of
    /// an existing body (of `body` when the session serves several).
    /// - Throws: `AppError` (`.notOpenTrigger`, `.jointNotForSupportMeeting`, `.noSessionForJoin`,
    ///   `.jointTooLate`, `.notExistingBodySession`), `StoreError`.
    public static func join(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock,
                            meeting: String, trigger: String, body: BodyID?) throws -> JointHolding {
        let context = try SchedulingContext(store: store, config: config, clock: clock)
        guard let open = context.triggers.first(where: { $0.id == trigger }) else { throw AppError.notOpenTrigger(trigger) }
        guard open.meetingKind == .multiAgency else { throw AppError.jointNotForSupportMeeting(trigger: trigger) }
        let sessions = try context.sessions(stored: try store.sessions(), until: nil)
        guard let session = sessions.first(where: { $0.id == meeting }) else { throw AppError.noSessionForJoin(meeting: meeting) }
        guard session.date > context.today else { throw AppError.jointTooLate(meeting: meeting, date: session.date) }
        let existing = session.bodies.compactMap(context.registry.body).filter { $0.kind.isExisting }
        guard let chosen = body.map({ id in existing.first { $0.id == id } }) ?? existing.first else {
            throw AppError.notExistingBodySession(meeting: meeting, body: body)
        }
        try store.acceptJointHolding(
            JointAcceptance(triggerID: trigger, sessionID: session.id, body: chosen.id, acceptedOn: context.today),
            session: session)
        return JointHolding(trigger: trigger, body: chosen, session: session)
    }

    /// 合同開催の取りやめ (R5). - Throws: `AppError.noJointHolding`, `StoreError`.
    public static func unjoin(store: any WorkspaceStore, trigger: String) throws {
        guard try store.withdrawJointHolding(triggerID: trigger) else { throw AppError.noJointHolding(trigger: trigger) }
    }
}

/// A session's state as the secretariat reads it.
public enum MeetingState: Hashable, Sendable {
    /// As stored (予定, 開催済, 議事録確定).
    case stored(SessionState)
    /// 開催済: still planned, but a decision was recorded at it.
    case heldByDecision
    /// The day passed with nothing recorded.
    case passedUnrecorded

    /// The state of `session` on `today`.
    public init(_ session: Session, today: LocalDate, hasDecision: Bool) {
        if session.state == .planned && hasDecision { self = .heldByDecision }
        else if session.state == .planned && session.date < today { self = .passedUnrecorded }
        else { self = .stored(session.state) }
    }
}

extension MeetingState: Worded {
    public func words(in language: Language) -> String {
        switch (self, language) {
        case (.stored(let s), .ja): s.rawValue
        case (.stored(.planned), .en): "planned"
        case (.stored(.held), .en): "held"
        case (.stored(.minuted), .en): "minuted"
        case (.heldByDecision, .ja): SessionState.held.rawValue
        case (.heldByDecision, .en): "held"
        case (.passedUnrecorded, .ja): "日付経過（開催の記録なし）"
        case (.passedUnrecorded, .en): "day passed (no record of the meeting)"
        }
    }
}

/// The meeting use cases that read: `meeting list` and `meeting show`.
public enum Meetings {
    /// One row of `meeting list`.
    public struct Summary: Sendable {
        public let session: Session
        public let items: [ScheduledItem]
        public let state: MeetingState
    }

    /// Every stored session with its items, in the store's order.
    public static func list(store: any WorkspaceStore, clock: AppClock) throws -> [Summary] {
        let items = try store.scheduledItems()
        let decided = Set(try store.caseFiles().flatMap { $0.decisions.compactMap(\.decision.meeting) })
        return try store.sessions().map { s in
            Summary(session: s, items: items.filter { $0.sessionID == s.id }.sorted { $0.position < $1.position },
                    state: MeetingState(s, today: clock.today, hasDecision: decided.contains(s.id)))
        }
    }

    /// One session: every item with its trigger, placement and attendance.
    public struct Detail: Sendable {
        public struct Item: Sendable {
            public let item: ScheduledItem
            public let trigger: Trigger?
            public let attendance: ItemAttendance?
        }

        public let session: Session
        public let state: MeetingState
        public let items: [Item]
        public let registry: Registry
    }

    /// The session `id` with its items. - Throws: `AppError.noMeeting`, `StoreError`.
    public static func show(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock,
                            id: String) throws -> Detail {
        // One meeting's rows, not the city's (#13.4): its session, its items and their cases. A
        // decision taken at the meeting is on its agenda (R21), so its cases hold them all.
        guard let session = try store.session(id) else { throw AppError.noMeeting(id) }
        let items = try store.scheduledItems(inSession: id).sorted { $0.position < $1.position }
        let context = try SchedulingContext(registry: store.registry(), caseFiles: store.caseFiles(items.map(\.caseNumber)),
                                            config: config, today: clock.today)
        let decided = context.files.values.contains { $0.decisions.contains { $0.decision.meeting == id } }
        return Detail(
            session: session, state: MeetingState(session, today: context.today, hasDecision: decided),
            items: items.map { item in
                Detail.Item(item: item, trigger: context.triggers.first { $0.id == item.triggerID },
                            attendance: context.files[item.caseNumber].flatMap {
                                session.attendance(of: item, caseFile: $0, registry: context.registry)
                            })
            },
            registry: context.registry)
    }
}
