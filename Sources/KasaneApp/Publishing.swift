public import Foundation
public import KasaneCalendar
public import KasaneMail
public import KasaneCore
public import KasaneDocuments
public import KasaneStore
public import Logging

/// The schedule as it stands, turned into items to publish.
public struct PublishingContext: Sendable {
    public let scheduling: SchedulingContext
    public let publisher: CalendarPublisher
    public let current: [ItemToPublish]
    public let previous: [PublishedItem]

    /// The context of the workspace as it stands.
    /// - Throws: `StoreError`, `AppError` (`.noSecretariat`, an unknown body in a series).
    public init(store: any WorkspaceStore, config: CalendarConfiguration, clock: AppClock) throws {
        try self.init(scheduling: SchedulingContext(store: store, config: config, clock: clock),
                      sessions: store.sessions(), items: store.scheduledItems(),
                      previous: store.publishedItems(), clock: clock)
    }

    /// The context of a snapshot (read in the transaction that records what was sent).
    public init(snapshot: PublishSnapshot, config: CalendarConfiguration, clock: AppClock) throws {
        try self.init(scheduling: SchedulingContext(registry: snapshot.registry, caseFiles: snapshot.caseFiles,
                                                    config: config, today: clock.today),
                      sessions: snapshot.sessions, items: snapshot.items, previous: snapshot.published, clock: clock)
    }

    /// - Throws: `AppError.noSecretariat` when no agency holds the role 自治体 (R10).
    public init(scheduling: SchedulingContext, sessions stored: [Session], items: [ScheduledItem],
                previous: [PublishedItem], clock: AppClock) throws(AppError) {
        self.scheduling = scheduling
        let registry = scheduling.registry
        guard let organizer = CalendarPublisher.secretariat(in: registry) else { throw .noSecretariat }
        let domain = organizer.mailbox.split(separator: "@").last.map(String.init) ?? "kasane.invalid"
        publisher = CalendarPublisher(registry: registry, organizer: organizer, uidDomain: domain,
                                      now: clock.timestamp, today: scheduling.today)
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
    public func finished(_ key: String) -> Bool {
        guard !key.contains(ScheduledItem.carryMarker) else { return false }
        let parts = key.split(separator: "#")
        guard parts.count == 2, let seq = Int(parts[1]), let file = scheduling.files[String(parts[0])] else { return false }
        return file.decisions.contains { $0.decision.onEvent == seq }
    }

    /// #14.7: what each reader's copy of the calendars adds (the reminders and agenda links of
    /// `calendars/publishing.yaml`), with the meeting of every current item.
    public var readerCopies: ReaderCopies {
        let settings = scheduling.config.publishing
        guard settings.documents != nil else { return ReaderCopies(settings: settings, meetings: [:]) }
        var meetings: [String: String] = [:]
        for c in current { meetings[publisher.uid(for: c.item.calendarKey)] = c.session.id }
        return ReaderCopies(settings: settings, meetings: meetings)
    }

    /// The publishing run: the calendar objects as they stand and the messages to send.
    public func run() -> CalendarPublisher.Run {
        publisher.publish(current: current, previous: previous, finished: finished)
    }

    /// R10, R11: the 重層的支援会議 items to be invited that cannot be held lawfully.
    public var lawProblems: [LawProblem] {
        current.compactMap { c in
            guard c.session.date >= scheduling.today, !c.attendance.lawBlockers.isEmpty else { return nil }
            return LawProblem(triggerID: c.item.triggerID, sessionID: c.session.id, attendance: c.attendance)
        }
    }

    /// The calendar objects as they stand now, composed in memory from the published state without
    /// marking anyone as sent anything: what a feed shows (an unpublished change shows on the next
    /// read; `invite` later sends the same SEQUENCE, since it computes from the same published state).
    public func observed() -> [PublishedItem] {
        let held = Dictionary(previous.map { ($0.triggerID, $0.recipients) }, uniquingKeysWith: { a, _ in a })
        return run().items.map { item -> PublishedItem in
            var i = item
            i.recipients = held[item.triggerID] ?? [:]
            return i
        }
    }

    /// Stores the observed calendar objects (`kasane feeds`: publishing the feeds' state), without
    /// marking anyone as sent anything. Returns the items and the rows changed.
    public func observe(store: any WorkspaceStore) throws -> (items: [PublishedItem], changed: Int) {
        let items = observed()
        return (items, try store.savePublished(items, sentAt: publisher.now, recipients: false))
    }
}

/// What each reader's copy of the calendars adds to its events (#14.7): the workspace's reminders
/// and, when the documents are published at a base URL, the URL of the reader's own agenda of the
/// meeting each event belongs to (meeting id and reader id only, never a name).
public struct ReaderCopies: Sendable {
    public let settings: PublishingSettings
    /// The meeting (session id) of every current item, by event UID.
    let meetings: [String: String]

    public init(settings: PublishingSettings, meetings: [String: String]) {
        self.settings = settings
        self.meetings = meetings
    }

    /// Nothing added.
    public static let none = ReaderCopies(settings: .none, meetings: [:])

    /// What the copy of `reader` (`DocumentsLocation.readerKey`) adds to `events`.
    public func extras(reader: String, events: [CalendarEvent]) -> ReaderExtras {
        var links: [String: String] = [:]
        if let documents = settings.documents {
            for e in events {
                if let meeting = meetings[e.uid] { links[e.uid] = documents.agendaURL(meeting: meeting, reader: reader) }
            }
        }
        return ReaderExtras(reminders: settings.reminders, links: links)
    }
}

/// An SMTP relay to deliver invitations through (`--smtp HOST:PORT`): a local MTA in plain SMTP,
/// or the municipality's submission server with STARTTLS or implicit TLS and AUTH (#14.6).
public struct MailRelay: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Plain, STARTTLS or implicit TLS (`--smtp-security`).
    public var security: SMTPSecurity
    /// The login (`--smtp-user` with the password from a file or `KASANE_SMTP_PASSWORD`), or none.
    public var credentials: SMTPCredentials?
    /// The CA certificates (PEM) to trust instead of the system's (`--smtp-ca-file`).
    public var trustedCAFile: String?

    public init(host: String, port: Int, security: SMTPSecurity = .none, credentials: SMTPCredentials? = nil,
                trustedCAFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.trustedCAFile = trustedCAFile
    }

    /// The relay named by `HOST:PORT` (or `[IPv6]:PORT`). - Throws: `AppError.badRelay`.
    public init(parsing text: String) throws(AppError) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port) else { throw .badRelay(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .badRelay(text) }
        self.init(host: host, port: port)
    }

    /// The relay of the `invite` options: `--smtp`, `--smtp-security`, `--smtp-user`,
    /// `--smtp-auth`, `--smtp-password-file` (or `KASANE_SMTP_PASSWORD` in `environment`), `--smtp-ca-file`.
    /// The password never comes from a flag; a password file must not be readable by group or others.
    /// - Throws: `AppError` (`.badRelay`, `.unknownValue`, `.smtpAuthWithoutTLS`, `.smtpPasswordMissing`,
    ///   `.smtpPasswordFile`, `.smtpOptionWithoutUser`).
    public init(relay: String, security: String?, user: String?, mechanism: String?, passwordFile: String?,
                caFile: String?, environment: [String: String]) throws(AppError) {
        try self.init(parsing: relay)
        if let security {
            guard let value = SMTPSecurity(rawValue: security) else {
                throw .unknownValue(flag: "--smtp-security", text: security, allowed: SMTPSecurity.allCases.map(\.rawValue))
            }
            self.security = value
        }
        var chosen: SMTPAuthMechanism?
        if let mechanism {
            guard let value = SMTPAuthMechanism(rawValue: mechanism.uppercased()) else {
                throw .unknownValue(flag: "--smtp-auth", text: mechanism,
                                    allowed: SMTPAuthMechanism.allCases.map { $0.rawValue.lowercased() })
            }
            chosen = value
        }
        trustedCAFile = caFile
        guard let user else {
            if let flag = mechanism.map({ _ in "--smtp-auth" }) ?? passwordFile.map({ _ in "--smtp-password-file" }) {
                throw .smtpOptionWithoutUser(flag: flag)
            }
            return
        }
        guard self.security != .none else { throw .smtpAuthWithoutTLS }
        let password: String
        if let passwordFile {
            password = try Self.password(file: passwordFile)
        } else if let value = environment["KASANE_SMTP_PASSWORD"], !value.isEmpty {
            password = value
        } else {
            throw .smtpPasswordMissing
        }
        credentials = SMTPCredentials(user: user, password: password, mechanism: chosen)
    }

    /// The password in `path`: its first line, the file readable by its owner only (like libpq's
    /// `.pgpass`: mode 0600 or 0400).
    /// - Throws: `AppError.smtpPasswordFile` naming the file and the problem (never its content).
    static func password(file path: String) throws(AppError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .smtpPasswordFile(path: path, problem: .missing) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .smtpPasswordFile(path: path, problem: .notAFile) }
        let mode = Int(info.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .smtpPasswordFile(path: path, problem: .tooOpen(mode: mode)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .smtpPasswordFile(path: path, problem: .unreadable)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .smtpPasswordFile(path: path, problem: .unreadable) }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) } ?? ""
        guard !line.isEmpty else { throw .smtpPasswordFile(path: path, problem: .empty) }
        return line
    }

    /// The client for this relay, naming itself `heloName`.
    func delivery(heloName: String) -> SMTPDelivery {
        SMTPDelivery(host: host, port: port, heloName: heloName, security: security, credentials: credentials,
                     trustedCAFile: trustedCAFile)
    }
}

/// The invitation use case (`kasane invite`).
public enum Invitations {
    /// What one run sent.
    public struct Sent: Sendable {
        /// The publishing run (its `outgoing` messages).
        public let run: CalendarPublisher.Run
        /// The files written.
        public let written: [String]
        /// What the relay took from the outbox (`nil` without a relay): this run's messages and
        /// those an earlier run left queued or failed.
        public let delivery: Outbox.Delivery?
    }

    /// Writes, for each person, the invitations (REQUEST) and cancellations (CANCEL) that changed
    /// since the last run, as .ics and .eml under `out`, and records the run and every message in
    /// the outbox — read, write out and record in one transaction (issue 12.8; every file is
    /// prepared in memory first, so a failure writes nothing, #12.7). With a `relay`, the outbox
    /// is then delivered (`Outbox.deliver`): each message at most once, a stopped run resumed by
    /// the next one (#14.5).
    /// - Throws: `AppError.inviteBlocked` (nothing is written, recorded or sent while an item
    ///   cannot be held lawfully, R10, R11), `.unsafePersonID`, `.outsideOut`, `.notDelivered`
    ///   (the run is recorded; what is left stays in the outbox); `StoreError`; the templates'
    ///   and writers' errors.
    public static func send(store: any WorkspaceStore & OutboxStore, config: CalendarConfiguration, clock: AppClock,
                            out: String, relay: MailRelay?, templates: DocumentRenderer, logger: Logger) throws -> Sent {
        let now = clock.timestamp
        let (run, written) = try store.publishing(queued: relay != nil, at: now) { snapshot, first in
            let context = try PublishingContext(snapshot: snapshot, config: config, clock: clock)
            let problems = context.lawProblems
            guard problems.isEmpty else { throw AppError.inviteBlocked(problems) }
            let run = context.run()
            let (written, drafts) = try write(run, context: context, out: out, firstNumber: first, templates: templates,
                                              logger: logger)
            return (PublishRecord(items: run.items, sentAt: context.publisher.now), drafts, (run, written))
        }
        let delivery = try relay.map { try Outbox.deliver(store: store, relay: $0, clock: clock, logger: logger) }
        return Sent(run: run, written: written, delivery: delivery)
    }

    /// One file to write, prepared in memory first.
    struct PreparedFile {
        let path: String
        let data: Data
    }

    /// Prepares every message of `run` (numbered from `firstNumber` in the outbox), then writes
    /// the files; returns the paths written and the outbox drafts.
    static func write(_ run: CalendarPublisher.Run, context: PublishingContext, out: String, firstNumber: Int,
                      templates: DocumentRenderer, logger: Logger) throws -> (written: [String], drafts: [OutboxDraft]) {
        let registry = context.scheduling.registry
        let outFolder = URL(fileURLWithPath: out).standardizedFileURL
        let organizer = context.publisher.organizer
        // The run's time and a random part (ICALENDAR.md: Gmail drops a Message-ID it has seen,
        // even from a rebuilt workspace of the same domain).
        let runMark = String(context.publisher.now.seconds, radix: 36) + "-" + String(UInt32.random(in: .min ... .max), radix: 36)
        var prepared: [(ics: PreparedFile, eml: PreparedFile, draft: OutboxDraft)] = []
        let copies = context.readerCopies
        for message in run.outgoing {
            guard let person = registry.person(message.person) else { continue }
            let stem = "\(message.event.uid.split(separator: "@")[0])-\(message.event.sequence)-\(message.method.rawValue)"
            let ics = try ICalendarWriter.invitation(
                method: message.method, events: [message.event],
                extras: copies.extras(reader: DocumentsLocation.readerKey(person: person.id), events: [message.event]))
            // Unique for every message ever made: the outbox number is never reused.
            let messageID = "\(stem).\(person.id).\(firstNumber + prepared.count).\(runMark)@\(context.publisher.uidDomain)"
            let mail = try IMIPMail.message(
                from: organizer, to: CalendarAddress(name: person.name, mailbox: person.mailbox),
                subject: mailSubject(message),
                text: try mailText(message, person: person, context: context, templates: templates),
                method: message.method, calendar: ics, messageID: messageID, date: context.publisher.now,
                attachment: "invite.ics")
            let emlPath = try file(outFolder, person: person.id, "\(stem).eml")
            prepared.append((PreparedFile(path: try file(outFolder, person: person.id, "\(stem).ics"), data: Data(ics.utf8)),
                             PreparedFile(path: emlPath, data: Data(mail.utf8)),
                             OutboxDraft(messageID: messageID, triggerID: message.triggerID, personID: person.id,
                                         method: message.method, sequence: message.event.sequence,
                                         sender: organizer.mailbox, recipient: person.mailbox, path: emlPath, message: mail)))
        }
        var written: [String] = []
        for p in prepared {
            let folder = (p.ics.path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try p.ics.data.write(to: URL(fileURLWithPath: p.ics.path), options: .atomic)
            try p.eml.data.write(to: URL(fileURLWithPath: p.eml.path), options: .atomic)
            written += [p.ics.path, p.eml.path]
            logger.info("invitation written", metadata: ["invitation.trigger": "\(p.draft.triggerID)",
                                                         "invitation.method": "\(p.draft.method.rawValue)",
                                                         "person.id": "\(p.draft.personID)"])
        }
        return (written, prepared.map(\.draft))
    }

    /// `OUT/PERSON/NAME`, refused unless the person id is a valid id and the path stays inside `OUT`.
    /// - Throws: `AppError.unsafePersonID` (naming the id, never a name) or `.outsideOut`.
    public static func file(_ out: URL, person: PersonID, _ name: String) throws(AppError) -> String {
        guard IdentifierRule.isValid(person) else { throw .unsafePersonID(person) }
        let path = out.appendingPathComponent(person, isDirectory: true).appendingPathComponent(name).standardizedFileURL.path
        let root = out.path.hasSuffix("/") ? out.path : out.path + "/"
        guard path.hasPrefix(root), path.dropFirst(root.count).split(separator: "/").map(String.init) == [person, name] else {
            throw .outsideOut(path: path, out: out.path)
        }
        return path
    }

    /// The mail's subject (Japanese: the mail goes to the agencies' staff): 【ご案内】 a new
    /// invitation, 【変更】 an update, 【中止】 an item cancelled, 【出席取消し】 a person no longer
    /// asked to an item that goes on (#14.5).
    static func mailSubject(_ m: OutgoingInvitation) -> String {
        let mark = switch m.why {
        case .invited: "ご案内"
        case .itemChanged: "変更"
        case .itemCancelled: "中止"
        case .noLongerAttends: "出席取消し"
        }
        return "【\(mark)】\(m.event.summary) \(m.event.date.iso) \(m.event.start)"
    }

    /// The Japanese text/plain body, from `templates/mail.txt.mustache` (the recipient's copy of
    /// the item's agenda); a cancellation gets `templates/cancel.txt.mustache`.
    static func mailText(_ m: OutgoingInvitation, person: Person, context: PublishingContext,
                         templates: DocumentRenderer) throws -> String {
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
}
