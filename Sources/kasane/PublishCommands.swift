import ArgumentParser
import Foundation
import KasaneCalendar
import KasaneMail
import KasaneCore
import KasaneDocuments
import KasaneStore
import KasaneWording
import Logging

/// The schedule as it stands, turned into items to publish.
struct PublishingContext {
    let scheduling: SchedulingContext
    let publisher: CalendarPublisher
    let current: [ItemToPublish]
    let previous: [PublishedItem]

    init(workspace: WorkspaceOptions, database: AppDatabase, now: Date) throws {
        try self.init(scheduling: SchedulingContext(workspace: workspace, database: database),
                      sessions: database.sessions(), items: database.scheduledItems(),
                      previous: database.publishedItems(), now: now)
    }

    init(workspace: WorkspaceOptions, snapshot: AppDatabase.PublishSnapshot, now: Date) throws {
        try self.init(scheduling: SchedulingContext(registry: snapshot.registry, caseFiles: snapshot.caseFiles,
                                                    config: workspace.configuration(), today: workspace.todayDate()),
                      sessions: snapshot.sessions, items: snapshot.items, previous: snapshot.published, now: now)
    }

    init(scheduling: SchedulingContext, sessions stored: [Session], items: [ScheduledItem], previous: [PublishedItem],
         now: Date) throws {
        self.scheduling = scheduling
        let registry = scheduling.registry
        guard let organizer = CalendarPublisher.secretariat(in: registry) else {
            throw InputError("no agency holds the role 自治体 in the registry: the secretariat sends the invitations (R10)")
        }
        let domain = organizer.mailbox.split(separator: "@").last.map(String.init) ?? "kasane.invalid"
        publisher = CalendarPublisher(registry: registry, organizer: organizer, uidDomain: domain,
                                      now: UTCTimestamp(seconds: Int(now.timeIntervalSince1970)),
                                      today: scheduling.today)
        let sessions = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let triggers = Dictionary(scheduling.triggers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        current = items.compactMap { [scheduling] item in
            guard let session = sessions[item.sessionID], let file = scheduling.files[item.caseNumber],
                  let attendance = session.attendance(of: item, caseFile: file, registry: registry) else { return nil }
            return ItemToPublish(item: item, session: session, triggerKind: triggers[item.triggerID]?.kind,
                                 attendance: attendance)
        }
        self.previous = previous
    }

    /// Whether the item of calendar key `key` took place: its trigger was decided (a carried
    /// placement that is gone never took place: it is cancelled).
    func finished(_ key: String) -> Bool {
        guard !key.contains(ScheduledItem.carryMarker) else { return false }
        guard let id = TriggerID(key), let file = scheduling.files[id.caseNumber] else { return false }
        return file.decisions.contains { $0.decision.onEvent == id.sourceEvent }
    }

    func run() -> CalendarPublisher.Run {
        publisher.publish(current: current, previous: previous, finished: finished)
    }

    /// R10, R11: the 重層的支援会議 items to be invited that cannot be held lawfully, with how to fix each.
    var lawProblems: [String] {
        current.compactMap { c in
            guard c.session.date >= scheduling.today, !c.attendance.lawBlockers.isEmpty else { return nil }
            return "\(c.item.triggerID)（\(c.session.id)）: \(c.attendance.lawRemedy)"
        }
    }

    /// The calendar objects as they stand now, stored without marking anyone as sent anything
    /// (a feed reflects a change on the next read; `invite` later sends the same SEQUENCE).
    func observe(database: AppDatabase) throws -> (items: [PublishedItem], changed: Int) {
        let held = Dictionary(previous.map { ($0.triggerID, $0.recipients) }, uniquingKeysWith: { a, _ in a })
        let items = run().items.map { item -> PublishedItem in
            var i = item
            i.recipients = held[item.triggerID] ?? [:]
            return i
        }
        let changed = try database.savePublished(items, sentAt: publisher.now, recipients: false)
        return (items, changed)
    }
}

struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Write, for each person, the invitations (REQUEST) and cancellations (CANCEL) that changed since the last run, as .ics and ready-to-send .eml.")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The folder to write into.") var out = "out/invitations"
    @Option(help: "Also deliver each mail through this SMTP relay, HOST:PORT (a local MTA; no TLS/AUTH).")
    var smtp: String?
    @Flag(help: "Print JSON.") var json = false

    /// The relay from `--smtp HOST:PORT` (or `[IPv6]:PORT`).
    func relay(heloName: String) throws -> SMTPDelivery? {
        guard let smtp else { return nil }
        guard let colon = smtp.lastIndex(of: ":"), let port = Int(smtp[smtp.index(after: colon)...]),
              (1...65535).contains(port) else {
            throw InputError("--smtp '\(smtp)' must be HOST:PORT, e.g. 127.0.0.1:25")
        }
        var host = String(smtp[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw InputError("--smtp '\(smtp)' names no host") }
        return SMTPDelivery(host: host, port: port, heloName: heloName)
    }

    /// One file to write, prepared in memory first.
    struct PreparedFile {
        let path: String
        let data: Data
    }

    /// Prepares every file of the run (templates rendered, calendars and mails written) before any
    /// is written, so a failure writes nothing (#12.7); each file name is built from a validated
    /// id and its path is checked to stay inside `--out`.
    func run() throws {
        let database = try workspace.open()
        let now = Date()
        // Read, write out and record in one transaction (issue 12.8).
        let (run, written, delivered) = try database.publishing { snapshot in
            let context = try PublishingContext(workspace: workspace, snapshot: snapshot, now: now)
            let problems = context.lawProblems
            guard problems.isEmpty else {
                // Nothing is written or sent while an item cannot be held lawfully.
                throw InputError("次の重層的支援会議の議題は、議長（多機関協働事業者）または自治体職員が出席できないため招待できません"
                    + "（何も送っていません）:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
                    + "\n名簿を直して `kasane schedule` を実行し、もう一度 `kasane invite` を実行してください (R10, R11)")
            }
            let run = context.run()
            let (written, delivered) = try send(run, context: context)
            return (AppDatabase.PublishRecord(items: run.items, sentAt: context.publisher.now), (run, written, delivered))
        }
        if json { return try printJSON(run.outgoing.map { InvitationView($0) }) }
        if run.outgoing.isEmpty { return print("nothing changed since the last run: no invitation to send") }
        for m in run.outgoing {
            print("\(m.method.rawValue)  \(m.person)  \(m.triggerID)  SEQUENCE \(m.event.sequence)  \(m.event.date.iso) \(m.event.start)–\(m.event.end)  (\(wording(m.why)))")
        }
        print("\(written.count) files written under \(out)/" + (delivered.map { ", \($0) mails delivered" } ?? ""))
    }

    /// Writes each message as .ics and .eml (and delivers it when `--smtp` is given); returns the
    /// files written and the mails delivered (`nil` without `--smtp`).
    func send(_ run: CalendarPublisher.Run, context: PublishingContext) throws -> (written: [String], delivered: Int?) {
        let registry = context.scheduling.registry
        let delivery = try relay(heloName: context.publisher.uidDomain)
        let outFolder = URL(fileURLWithPath: out).standardizedFileURL
        var prepared: [(message: OutgoingInvitation, person: Person, ics: PreparedFile, eml: PreparedFile, mail: String)] = []
        for message in run.outgoing {
            guard let person = registry.person(message.person) else { continue }
            let stem = "\(message.event.uid.split(separator: "@")[0])-\(message.event.sequence)-\(message.method.rawValue)"
            let ics = try ICalendarWriter.invitation(method: message.method, events: [message.event])
            let mail = try IMIPMail.message(
                from: context.publisher.organizer, to: CalendarAddress(name: person.name, mailbox: person.mailbox),
                subject: mailSubject(message), text: try mailText(message, person: person, context: context),
                method: message.method,
                calendar: ics, messageID: "\(stem).\(person.id)@\(context.publisher.uidDomain)",
                date: context.publisher.now)
            prepared.append((message, person,
                             PreparedFile(path: try Self.file(outFolder, person: person.id, "\(stem).ics"), data: Data(ics.utf8)),
                             PreparedFile(path: try Self.file(outFolder, person: person.id, "\(stem).eml"), data: Data(mail.utf8)),
                             mail))
        }
        var written: [String] = []
        var delivered = 0
        for p in prepared {
            let folder = (p.ics.path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try p.ics.data.write(to: URL(fileURLWithPath: p.ics.path), options: .atomic)
            try p.eml.data.write(to: URL(fileURLWithPath: p.eml.path), options: .atomic)
            written += [p.ics.path, p.eml.path]
            if let delivery {
                do {
                    try delivery.send(from: context.publisher.organizer.mailbox, to: [p.person.mailbox], message: p.mail)
                    delivered += 1
                } catch {
                    // The files are written and the run is not recorded: the next run sends again.
                    throw InputError("\(p.eml.path): not delivered: \(error.description) (the files are kept; run again)")
                }
            }
            logger.info("invitation written", metadata: ["meeting.uid": "\(p.message.event.uid)",
                                                         "invitation.method": "\(p.message.method.rawValue)",
                                                         "person.id": "\(p.person.id)"])
        }
        return (written, delivery == nil ? nil : delivered)
    }

    /// `OUT/PERSON/NAME`, refused unless the person id is a valid id and the path stays inside `OUT`.
    /// - Throws: `InputError` naming the id (never a name).
    static func file(_ out: URL, person: PersonID, _ name: String) throws -> String {
        guard IdentifierRule.isValid(person) else {
            throw InputError("person id '\(TextRule.printable(person))' はファイル名に使えません（\(IdentifierRule.summary)）: "
                + "登録簿の id を直して registry import し直してください")
        }
        let path = out.appendingPathComponent(person, isDirectory: true).appendingPathComponent(name).standardizedFileURL.path
        let root = out.path.hasSuffix("/") ? out.path : out.path + "/"
        guard path.hasPrefix(root), path.dropFirst(root.count).split(separator: "/").map(String.init) == [person, name] else {
            throw InputError("\(path) は --out \(out.path) の外になります: 書き込みません")
        }
        return path
    }

    func mailSubject(_ m: OutgoingInvitation) -> String {
        let verb = m.method == .request ? "ご案内" : "取消し"
        return "【\(verb)】\(m.event.summary) \(m.event.date.iso) \(m.event.start)"
    }

    /// The Japanese text/plain body, from `templates/mail.txt.mustache` (the recipient's copy of
    /// the item's agenda); a cancellation gets `templates/cancel.txt.mustache`.
    func mailText(_ m: OutgoingInvitation, person: Person, context: PublishingContext) throws -> String {
        guard m.method == .request, let current = context.current.first(where: { $0.item.calendarKey == m.triggerID }) else {
            return try templates.renderCancellationMail(CancellationMail(
                recipientName: person.name, summary: m.event.summary, date: m.event.date, start: m.event.start,
                end: m.event.end))
        }
        let agenda = AgendaDocument(session: current.session, placements: [current.item],
                                    caseFiles: context.scheduling.files, registry: context.scheduling.registry,
                                    reader: .person(person.id))
        return try templates.renderInvitationMail(agenda)
    }

    var templates: DocumentRenderer {
        DocumentRenderer(templatesFolder: ProcessInfo.processInfo.environment["KASANE_TEMPLATES"] ?? "templates")
    }
}

/// One line of `invite --json`.
struct InvitationView: Encodable {
    let person: String, method: String, trigger: String, uid: String, sequence: Int, date: String, start: String
    let why: String

    init(_ m: OutgoingInvitation) {
        person = m.person
        method = m.method.rawValue
        trigger = m.triggerID
        uid = m.event.uid
        sequence = m.event.sequence
        date = m.event.date.iso
        start = m.event.start.description
        why = wording(m.why)
    }
}

/// Renders agency feeds from the published state, each agency on its own (#12.6): a value that
/// cannot be written fails that agency's feed only.
struct FeedRenderer {
    let registry: Registry
    let publisher: CalendarPublisher
    let items: [PublishedItem]

    /// Every agency's feed text, or why it could not be written; a failure is logged with the
    /// agency id and the error's subject (an event UID or field), never personal data.
    func feeds() -> [(agency: Agency, result: Result<String, any Error>)] {
        registry.agencies.map { agency in
            do {
                return (agency, .success(try ICalendarWriter.feed(
                    name: "\(agency.name) 会議予定 (Kasane)", events: publisher.feed(for: agency.id, items: items))))
            } catch {
                logger.error("feed not rendered", metadata: ["agency.id": "\(agency.id)", "feed.error": "\((error as? ICalendarWriteError)?.subject ?? "\(type(of: error))")"])
                return (agency, .failure(error))
            }
        }
    }
}

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Write one .ics feed per agency with every session item it attends (an agency whose feed cannot be written is reported and the others are still written).")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The folder to write into.") var out = "out/feeds"

    func run() throws {
        let database = try workspace.open()
        let context = try PublishingContext(workspace: workspace, database: database, now: Date())
        let renderer = FeedRenderer(registry: context.scheduling.registry, publisher: context.publisher,
                                    items: try context.observe(database: database).items)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var failed: [String] = []
        for (agency, result) in renderer.feeds() {
            guard case .success(let text) = result else {
                if case .failure(let error) = result { failed.append("\(agency.id) (\(error))") }
                continue
            }
            let path = (out as NSString).appendingPathComponent("\(agency.id).ics")
            let data = Data(text.utf8)
            if FileManager.default.contents(atPath: path) != data {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            print("\(path)  \(context.publisher.feed(for: agency.id, items: renderer.items).count) events")
        }
        if !failed.isEmpty {
            throw InputError("次の機関のフィードは書けませんでした（他の機関のフィードは書きました）: \(failed.joined(separator: "; "))")
        }
    }
}
