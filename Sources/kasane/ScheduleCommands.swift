import ArgumentParser
import KasaneCore
import KasaneStore
import Logging

/// Everything the scheduler needs, read from the workspace and the calendars folder.
struct SchedulingContext {
    let registry: Registry
    let files: [CaseNumber: CaseFile]
    let triggers: [Trigger]
    let config: CalendarConfiguration
    let today: LocalDate

    init(workspace: WorkspaceOptions, database: AppDatabase) throws {
        config = try workspace.configuration()
        today = try workspace.todayDate()
        registry = try database.registry()
        try config.checkBodies(in: registry)
        let all = try database.caseFiles()
        files = Dictionary(all.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        triggers = Triggers.open(in: all, policy: config.policy, calendar: config.calendar, today: today)
    }

    /// The people who must attend `trigger`'s item in `session`: the chair and required attendees.
    func requiredPeople(_ trigger: Trigger, _ session: Session) -> Set<PersonID> {
        guard let file = files[trigger.caseNumber] else { return [] }
        return session.requiredPeople(for: trigger, caseFile: file, registry: registry)
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Place every open trigger into a session: the earliest fitting regular session before its due date, or an ad hoc one.")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Do not place items into sessions after this date.") var until: String?
    @Flag(help: "Also move items whose invitations were already sent.") var reschedule = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let database = try workspace.open()
        let context = try SchedulingContext(workspace: workspace, database: database)
        let untilDate = try until.map { try parseDate($0, flag: "--until") }
        let stored = try database.sessions()
        let existing = try database.scheduledItems()
        let latestDue = context.triggers.map(\.dueOn).max() ?? context.today
        let horizon = max(untilDate ?? context.today, latestDue, context.today).adding(days: 62)
        let earliest = min(stored.map(\.date).min() ?? context.today, context.today)
        let regular = try context.config.regularSessions(from: earliest, through: horizon)
        let input = ScheduleInput(
            triggers: context.triggers, sessions: regular + stored.filter { $0.kind == .adHoc }, existing: existing,
            registry: context.registry, caseFiles: context.files, calendar: context.config.calendar,
            today: context.today, until: untilDate, reschedule: reschedule,
            requiredPeople: { [context] in context.requiredPeople($0, $1) })
        let result = Scheduler.schedule(input)
        let report = try database.saveSchedule(items: result.items, sessions: regular + stored + result.newSessions)
        logger.info("schedule saved", metadata: ["schedule.added": "\(report.itemsAdded)",
                                                 "schedule.moved": "\(report.itemsMoved)"])
        if json { return try printJSON(ScheduleView(result: result, report: report)) }
        print(report.isEmpty ? "schedule unchanged" :
            "items: \(report.itemsAdded) added, \(report.itemsMoved) moved, \(report.itemsRemoved) removed; "
            + "sessions: \(report.sessionsAdded) added, \(report.sessionsRemoved) removed")
        let sessions = Dictionary((regular + stored + result.newSessions).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for item in result.items where item.dueOn >= context.today || sessions[item.sessionID].map({ $0.date > context.today }) == true {
            let s = sessions[item.sessionID]
            print("\(item.triggerID)  → \(item.sessionID)  \(s?.date.iso ?? "") \(item.start)–\(item.end)  due \(item.dueOn.iso)")
            print("    \(item.reason)")
        }
        for s in result.newSessions { print("proposed ad hoc session \(s.id) (\(s.title)) on \(s.date.iso) \(s.start)") }
        for o in result.offers { print("joint holding offered: \(o.triggerID) with \(o.sessionID) (\(o.bodyID)) — \(o.reason)") }
        for m in result.moved { print("moved \(m.triggerID): \(m.fromSession) → \(m.toSession) — \(m.why)") }
        for u in result.unplaced { print("NOT PLACED \(u.triggerID): \(u.why)") }
    }
}

/// `schedule --json`: the result and what was saved.
struct ScheduleView: Encodable {
    let result: ScheduleResult
    let saved: ScheduleSaveReport

    init(result: ScheduleResult, report: ScheduleSaveReport) {
        self.result = result
        saved = report
    }
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Scheduled sessions and their items.",
        subcommands: [List.self, Show.self, DeputyCommand.self])

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
            let rows = try database.sessions().map { s in
                MeetingSummary(session: s, items: items.filter { $0.sessionID == s.id })
            }
            if json { return try printJSON(rows) }
            printTable(["meeting", "date", "time", "kind", "title", "items"], rows.map {
                [$0.id, "\($0.date) (\($0.weekday))", "\($0.start)–\($0.end)", $0.kind, $0.title,
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
            let view = MeetingView(session: session, items: items, context: context)
            if json { return try printJSON(view) }
            view.printHuman(registry: context.registry)
        }
    }
}

/// One row of `meeting list`.
struct MeetingSummary: Encodable {
    let id: String, date: String, weekday: String, start: String, end: String, kind: String, title: String
    let items: [String]

    init(session s: Session, items: [ScheduledItem]) {
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

/// `meeting show`: the session, each item's trigger and placement, and its attendance.
struct MeetingView: Encodable {
    struct Item: Encodable {
        let item: ScheduledItem
        let trigger: Trigger?
        let agenda: [String]
        let attendance: ItemAttendance?
    }

    let session: Session
    let items: [Item]

    init(session: Session, items: [ScheduledItem], context: SchedulingContext) {
        self.session = session
        self.items = items.sorted { $0.position < $1.position }.map { item in
            let trigger = context.triggers.first { $0.id == item.triggerID }
            let attendance = context.files[item.caseNumber].flatMap {
                session.attendance(of: item, caseFile: $0, registry: context.registry)
            }
            return Item(item: item, trigger: trigger, agenda: trigger?.agenda ?? [], attendance: attendance)
        }
    }

    func printHuman(registry: Registry) {
        print("\(session.id)  \(session.title)  [\(session.kind.rawValue)]")
        print("\(session.date.iso) (\(session.date.weekday.japanese)) \(session.start)–\(session.end)"
            + (session.location.map { "  \($0)" } ?? "") + (session.onlineURL.map { "  \($0)" } ?? ""))
        if let note = session.note { print("note: \(note)") }
        for i in items {
            let kind = i.trigger?.kind.rawValue ?? "(decided)"
            print("\nitem \(i.item.position + 1)  \(i.item.start)–\(i.item.end)  \(i.item.caseNumber)  \(kind)  "
                + "\(i.item.meetingKind.rawValue)  due \(i.item.dueOn.iso)\(i.item.invited ? "  invited" : "")")
            print("  placed: \(i.item.reason)")
            for a in i.agenda { print("  議題: \(a)") }
            guard let att = i.attendance else { continue }
            for a in att.attendees {
                let name = registry.person(a.person)?.name ?? a.person
                let agency = registry.agency(a.agency)?.name ?? a.agency
                print("  + \(name) (\(agency)) \(a.role.rawValue) — \(a.reasons.map(\.text).joined(separator: "; "))")
            }
            if let p = att.principal { print("  + 本人 (member \(p)) — attends because it helps them (R14)") }
            for e in att.exclusions {
                print("  - \(e.message)" + (e.remedy.map { " → \($0.text)" } ?? ""))
            }
            for f in att.flags { print("  ! \(f.reason)") }
        }
    }
}
