import ArgumentParser
import KasaneCore
import KasaneStore
import KasaneWording
import Logging

/// Everything the scheduler needs, read from the workspace and the calendars folder.
struct SchedulingContext {
    let registry: Registry
    let files: [CaseNumber: CaseFile]
    let triggers: [Trigger]
    let config: CalendarConfiguration
    let today: LocalDate

    init(workspace: WorkspaceOptions, database: AppDatabase) throws {
        try self.init(registry: database.registry(), caseFiles: database.caseFiles(),
                      config: workspace.configuration(), today: workspace.todayDate())
    }

    init(registry: Registry, caseFiles all: [CaseFile], config: CalendarConfiguration, today: LocalDate) throws {
        try config.checkBodies(in: registry)
        self.registry = registry
        self.config = config
        self.today = today
        files = Dictionary(all.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        triggers = Triggers.open(in: all, policy: config.policy, calendar: config.calendar, today: today)
    }

    /// The people who must attend `trigger`'s item in `session`: the chair and required attendees.
    func requiredPeople(_ trigger: Trigger, _ session: Session) -> Set<PersonID> {
        guard let file = files[trigger.caseNumber] else { return [] }
        return session.requiredPeople(for: trigger, caseFile: file, registry: registry)
    }

    /// R10, R11: why the 重層的支援会議 item cannot be held lawfully in `session` (no chair or no
    /// municipal staff within its scope), with how to fix it; `nil` when it can.
    func lawProblem(_ item: ScheduledItem, in session: Session) -> String? {
        guard let file = files[item.caseNumber],
              let attendance = session.attendance(of: item, caseFile: file, registry: registry),
              !attendance.lawBlockers.isEmpty else { return nil }
        let what = attendance.lawBlockers.map { wording($0) }.joined(separator: "; ")
        return "\(item.triggerID) は \(session.id) で重層的支援会議として開催できません（\(what)）。\(attendance.lawRemedy)"
    }

    /// The sessions a run works with: every record session as stored (R20: never regenerated
    /// from an edited series), the series' sessions up to the horizon, and stored ad hoc sessions.
    func sessions(stored: [Session], until: LocalDate?) throws -> [Session] {
        let latestDue = triggers.map(\.dueOn).max() ?? today
        let horizon = max(until ?? today, latestDue, today).adding(days: Self.horizonDays)
        let earliest = min(stored.map(\.date).min() ?? today, today)
        let records = stored.filter { $0.isRecord(on: today) }
        let recordIDs = Set(records.map(\.id))
        let regular = try config.regularSessions(from: earliest, through: horizon).filter { !recordIDs.contains($0.id) }
        return records + regular + stored.filter { !$0.isRecord(on: today) && $0.kind == .adHoc }
    }

    /// How far past the latest due date the series are expanded.
    static let horizonDays = 62
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Place every open trigger into a session: the earliest fitting regular session before its due date, or an ad hoc one.",
        discussion: """
            Sessions whose day has come, and held ones, are records (R20): never moved, removed or cancelled.
            An item left undecided at a held session is carried over to the next fitting session.
            A 重層的支援会議 item with no chair or no municipal staff within its scope is not placed (R10, R11):
            the command says how to fix it and exits with status 1 after saving the rest.
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Do not place items into sessions after this date.") var until: String?
    @Flag(help: "Also move items whose invitations were already sent.") var reschedule = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let database = try workspace.open()
        let config = try workspace.configuration()
        let today = try workspace.todayDate()
        let untilDate = try until.map { try parseDate($0, flag: "--until") }
        // Read, schedule and save in one transaction (issue 12.8).
        let (report, outcome) = try database.updateSchedule(today: today) { snapshot in
            let context = try SchedulingContext(registry: snapshot.registry, caseFiles: snapshot.caseFiles,
                                                config: config, today: today)
            let sessions = try context.sessions(stored: snapshot.sessions, until: untilDate)
            let input = ScheduleInput(
                triggers: context.triggers, sessions: sessions, existing: snapshot.items,
                registry: context.registry, caseFiles: context.files, calendar: context.config.calendar,
                today: context.today, until: untilDate, reschedule: reschedule,
                requiredPeople: { [context] in context.requiredPeople($0, $1) },
                jointAcceptances: snapshot.acceptances)
            var result = Scheduler.schedule(input)
            let byID = Dictionary((sessions + result.newSessions).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var blocked: [Unplaced] = []
            result.items.removeAll { item in
                guard let session = byID[item.sessionID], !session.isRecord(on: today),
                      let problem = context.lawProblem(item, in: session) else { return false }
                blocked.append(Unplaced(triggerID: item.triggerID, why: .worded(problem)))
                return true
            }
            let outcome = ScheduleOutcome(result: result, blocked: blocked, sessions: byID, context: context)
            return (result.items, sessions + result.newSessions, outcome)
        }
        logger.info("schedule saved", metadata: ["schedule.added": "\(report.itemsAdded)",
                                                 "schedule.moved": "\(report.itemsMoved)"])
        if json {
            try printJSON(ScheduleView(result: outcome.result, report: report, blocked: outcome.blocked))
        } else {
            outcome.printHuman(report: report, today: today)
        }
        if !outcome.blocked.isEmpty {
            throw InputError("\(outcome.blocked.count) 件の重層的支援会議の議題は法令どおりに開催できないため配置していません"
                + "（他の議題の予定は保存しました）。上の説明に従って名簿を直し、もう一度 `kasane schedule` を実行してください (R10, R11)")
        }
    }
}

/// What one `schedule` run decided, for printing.
struct ScheduleOutcome {
    let result: ScheduleResult
    let blocked: [Unplaced]
    let sessions: [String: Session]
    let context: SchedulingContext

    func printHuman(report: ScheduleSaveReport, today: LocalDate) {
        let attention = !result.unplaced.isEmpty || !blocked.isEmpty
        if report.isEmpty {
            print(attention ? "保存した予定に変更はありません（要対応の議題があります。下を見てください）" : "schedule unchanged")
        } else {
            print("items: \(report.itemsAdded) added, \(report.itemsMoved) moved, \(report.itemsRemoved) removed; "
                + "sessions: \(report.sessionsAdded) added, \(report.sessionsRemoved) removed"
                + (report.sessionsChanged > 0 ? ", \(report.sessionsChanged) changed (日時・場所・定員の変更)" : "")
                + (report.itemsUpdated > 0 ? "; \(report.itemsUpdated) items updated in place (時間・会議の種類・期限)" : ""))
        }
        for item in result.items {
            guard let s = sessions[item.sessionID], !s.isRecord(on: today) else { continue }
            print("\(item.triggerID)  → \(item.sessionID)  \(s.date.iso) \(item.start)–\(item.end)  due \(item.dueOn.iso)")
            print("    \(wording(item.reason))")
            if let trigger = context.triggers.first(where: { $0.id == item.triggerID }), trigger.meetingKind == .supportMeeting {
                print("    \(trigger.meetingExplanation)")
            }
        }
        for s in result.newSessions { print("proposed ad hoc session \(s.id) (\(s.title)) on \(s.date.iso) \(s.start)") }
        for o in result.offers {
            print("joint holding offered: \(o.triggerID) with \(o.sessionID) (\(o.bodyID)) — \(wording(o.reason))")
            print("    受ける場合: kasane meeting join \(o.sessionID) \(o.triggerID)")
        }
        for m in result.moved { print("moved \(m.triggerID): \(m.fromSession) → \(m.toSession) — \(wording(m.why))") }
        for c in result.carried { print("繰越し \(c.triggerID): \(c.fromSession) → \(c.toSession) — \(wording(c.why))") }
        for u in result.unplaced { print("NOT PLACED \(u.triggerID): \(wording(u.why))") }
        for b in blocked { print("配置せず（開催できません） \(wording(b.why))") }
    }
}

/// `schedule --json`: the result and what was saved.
struct ScheduleView: Encodable {
    let result: ScheduleResult
    let saved: ScheduleSaveReport
    /// 重層的支援会議 items not placed because they cannot be held lawfully (R10, R11).
    let blocked: [Unplaced]

    init(result: ScheduleResult, report: ScheduleSaveReport, blocked: [Unplaced]) {
        self.result = result
        saved = report
        self.blocked = blocked
    }
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Scheduled sessions and their items.",
        subcommands: [List.self, Show.self, DeputyCommand.self, Held.self, Minuted.self, Join.self, Unjoin.self])

    struct Held: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "開催済みにする: the meeting took place (R20). From then on it is a record; a decision marks it too.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The meeting id.") var meeting: String

        func run() throws {
            try workspace.open().setState(.held, of: meeting, today: try workspace.todayDate())
            print("\(meeting): 開催済み（記録として保存されます。予定の組み直しで動かされることはありません）")
        }
    }

    struct Minuted: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "議事録確定: the minutes of a held meeting are confirmed (R20).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The meeting id.") var meeting: String

        func run() throws {
            try workspace.open().setState(.minuted, of: meeting, today: try workspace.todayDate())
            print("\(meeting): 議事録確定")
        }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "合同開催を受ける (R5): hold an item jointly in a session of an existing body (地域ケア会議, …); the case part sits as 重層的支援会議 with its own members only.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The existing body's session (see the offers printed by `kasane schedule`).") var meeting: String
        @Argument(help: "The trigger id of the item, e.g. R8-1#6.") var trigger: String
        @Option(help: "The existing body, when the session serves several.") var body: String?

        func run() throws {
            let database = try workspace.open()
            let context = try SchedulingContext(workspace: workspace, database: database)
            guard let open = context.triggers.first(where: { $0.id == trigger }) else {
                throw InputError("'\(trigger)' は未決定の開催契機ではありません。`kasane triggers` で id を確かめてください")
            }
            guard open.meetingKind == .multiAgency else {
                throw InputError("\(trigger) は支援会議の議題です。支援会議は任命された構成員だけで開くため、合同開催はできません (R2, R5)")
            }
            let sessions = try context.sessions(stored: try database.sessions(), until: nil)
            guard let session = sessions.first(where: { $0.id == meeting }) else {
                throw InputError("会議 '\(meeting)' は calendars/ の予定にも保存された会議にもありません。`kasane schedule` が示した合同開催の提案の会議 id を指定してください")
            }
            guard session.date > context.today else {
                throw InputError("会議 \(meeting) の日 (\(session.date.iso)) は過ぎています。合同開催は会議の前に決めてください (R5)")
            }
            let existing = session.bodies.compactMap(context.registry.body).filter { $0.kind.isExisting }
            guard let chosen = body.map({ id in existing.first { $0.id == id } }) ?? existing.first else {
                throw InputError("会議 \(meeting) は既存の会議体（地域ケア会議など）の会議ではありません"
                    + (body.map { "（--body \($0) はこの会議の会議体ではありません）" } ?? "") + " (R5)")
            }
            try database.acceptJointHolding(
                JointAcceptance(triggerID: trigger, sessionID: session.id, body: chosen.id, acceptedOn: context.today),
                session: session)
            print("\(trigger): \(chosen.name) との合同開催を受けました（\(session.id)、\(session.date.iso)）。"
                + "事例の部分は重層的支援会議として開き、\(chosen.name) だけの構成員は同意か臨時構成員の任命がない限り同席しません (R5)")
            print("`kasane schedule` で議題が配置されます")
        }
    }

    struct Unjoin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "合同開催の取りやめ: withdraw an accepted joint holding (R5).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The trigger id of the item.") var trigger: String

        func run() throws {
            guard try workspace.open().withdrawJointHolding(triggerID: trigger) else {
                throw InputError("\(trigger) に受けた合同開催はありません")
            }
            print("\(trigger): 合同開催を取りやめました。`kasane schedule` で配置し直されます")
        }
    }

    struct DeputyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deputy",
            abstract: "代理出席: an agency sends another of its people to a meeting; the deputy must be in scope too (R15).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The meeting id.") var meeting: String
        @Option(help: "The agency sending a deputy.") var agency: String
        @Option(help: "The person it sends (one of its own).") var person: String?
        @Flag(help: "The agency's usual people attend again.") var clear = false

        func validate() throws {
            guard (person == nil) == clear else { throw ValidationError("give --person, or --clear") }
        }

        func run() throws {
            let database = try workspace.open()
            try database.setDeputy(session: meeting, agency: agency, person: clear ? nil : person)
            print(clear ? "\(agency): its usual people attend \(meeting)" : "\(agency) sends \(person!) to \(meeting)")
            print("run `kasane meeting show \(meeting)` to see the attendees, and `kasane invite` to update invitations")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sessions that hold items.")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let database = try workspace.open()
            let items = try database.scheduledItems()
            let today = try workspace.todayDate()
            let decided = Set(try database.caseFiles().flatMap { $0.decisions.compactMap(\.decision.meeting) })
            let rows = try database.sessions().map { s in
                MeetingSummary(session: s, items: items.filter { $0.sessionID == s.id },
                               state: s.displayState(today: today, hasDecision: decided.contains(s.id)))
            }
            if json { return try printJSON(rows) }
            printTable(["meeting", "date", "time", "kind", "state", "title", "items"], rows.map {
                [$0.id, "\($0.date) (\($0.weekday))", "\($0.start)–\($0.end)", $0.kind, $0.state, $0.title,
                 $0.items.joined(separator: ", ")]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session: every item with its trigger, due date, why it is there, and who may attend (with the rules).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The meeting id (see `kasane meeting list`).") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let database = try workspace.open()
            let context = try SchedulingContext(workspace: workspace, database: database)
            guard let session = try database.sessions().first(where: { $0.id == id }) else {
                throw InputError("no meeting '\(id)': see `kasane meeting list`")
            }
            let items = try database.scheduledItems().filter { $0.sessionID == id }
            let decided = context.files.values.contains { $0.decisions.contains { $0.decision.meeting == id } }
            let view = MeetingView(session: session, items: items, context: context, hasDecision: decided)
            if json { return try printJSON(view) }
            view.printHuman(registry: context.registry)
        }
    }
}

/// One row of `meeting list`.
struct MeetingSummary: Encodable {
    let id: String, date: String, weekday: String, start: String, end: String, kind: String, title: String
    let state: String
    let items: [String]

    init(session s: Session, items: [ScheduledItem], state: String) {
        self.state = state
        id = s.id
        date = s.date.iso
        weekday = s.date.weekday.japanese
        start = s.start.description
        end = s.end.description
        kind = s.kind.rawValue
        title = s.title
        self.items = items.sorted { $0.position < $1.position }.map(\.triggerID)
    }
}

extension Session {
    /// The state as the secretariat reads it: 予定, 開催済 (marked, or a decision was recorded),
    /// 議事録確定, or 日付経過 (the day passed with nothing recorded).
    func displayState(today: LocalDate, hasDecision: Bool) -> String {
        if state == .planned && hasDecision { return SessionState.held.rawValue }
        if state == .planned && date < today { return "日付経過（開催の記録なし）" }
        return state.rawValue
    }
}

/// `meeting show`: the session, each item's trigger and placement, and its attendance.
struct MeetingView: Encodable {
    struct Item: Encodable {
        let item: ScheduledItem
        let trigger: Trigger?
        let agenda: [String]
        let attendance: ItemAttendance?
    }

    let session: Session
    let state: String
    let items: [Item]

    init(session: Session, items: [ScheduledItem], context: SchedulingContext, hasDecision: Bool) {
        self.session = session
        state = session.displayState(today: context.today, hasDecision: hasDecision)
        self.items = items.sorted { $0.position < $1.position }.map { item in
            let trigger = context.triggers.first { $0.id == item.triggerID }
            let attendance = context.files[item.caseNumber].flatMap {
                session.attendance(of: item, caseFile: $0, registry: context.registry)
            }
            return Item(item: item, trigger: trigger, agenda: trigger?.agenda ?? [], attendance: attendance)
        }
    }

    func printHuman(registry: Registry) {
        print("\(session.id)  \(session.title)  [\(session.kind.rawValue)]  \(state)")
        print("\(session.date.iso) (\(session.date.weekday.japanese)) \(session.start)–\(session.end)"
            + (session.location.map { "  \($0)" } ?? "") + (session.onlineURL.map { "  \($0)" } ?? ""))
        if let note = session.note { print("note: \(note)") }
        for i in items {
            let kind = i.trigger?.kind.rawValue ?? "(decided)"
            print("\nitem \(i.item.position + 1)  \(i.item.start)–\(i.item.end)  \(i.item.caseNumber)  \(kind)  "
                + "\(i.item.meetingKind.rawValue)  due \(i.item.dueOn.iso)\(i.item.invited ? "  invited" : "")")
            print("  placed: \(wording(i.item.reason))")
            if let t = i.trigger, t.meetingKind == .supportMeeting { print("  \(t.meetingExplanation)") }
            if let joint = i.item.jointBody { print("  合同開催（\(registry.body(joint)?.name ?? joint)、事務局が承諾） (R5)") }
            if let att = i.attendance, !att.lawBlockers.isEmpty {
                print("  !! 法令どおりに開催できません: \(att.lawRemedy)")
            }
            for a in i.agenda { print("  議題: \(a)") }
            guard let att = i.attendance else { continue }
            for a in att.attendees {
                let name = registry.person(a.person)?.name ?? a.person
                let agency = registry.agency(a.agency)?.name ?? a.agency
                print("  + \(name) (\(agency)) \(a.role.rawValue) — \(a.reasons.map { wording($0) }.joined(separator: "; "))")
            }
            if let p = att.principal { print("  + 本人 (member \(p)) — attends because it helps them (R14)") }
            for e in att.exclusions {
                print("  - \(wording(e))" + (e.remedy.map { " → \(wording($0))" } ?? ""))
            }
            for f in att.flags { print("  ! \(wording(f))") }
        }
    }
}
