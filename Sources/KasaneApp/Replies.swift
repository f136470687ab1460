import Crypto
import Foundation
import KasaneCalendar
public import KasaneCore
import KasaneMail
public import KasaneStore
public import Logging

/// The replies use cases (#14.1, #14.2, #14.4): reading invitees' answers from mails and .ics
/// files, and showing them.
public enum Replies {
    /// One input: where it came from (a path, or `stdin`) and its bytes, or why it could not be read.
    public struct Input: Sendable {
        public var source: String
        public var bytes: [UInt8]?

        public init(source: String, bytes: [UInt8]?) {
            self.source = source
            self.bytes = bytes
        }
    }

    /// What became of one input.
    public struct Read: Sendable {
        public let source: String
        public let record: ReplyRecord
    }

    /// The inputs named by `paths`: a file as it is; a Maildir (a folder with `cur/` or `new/`)
    /// its messages; another folder its `.eml` and `.ics` files. A file that cannot be read has
    /// no bytes (refused as unreadable). Larger files are not read past the mail size cap.
    public static func inputs(_ paths: [String]) -> [Input] {
        var found: [Input] = []
        let fm = FileManager.default
        func file(_ path: String) {
            guard let handle = FileHandle(forReadingAtPath: path) else { return found.append(Input(source: path, bytes: nil)) }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: MailReader.maximumSize + 1)) ?? nil
            found.append(Input(source: path, bytes: data.map { [UInt8]($0) } ?? (fm.isReadableFile(atPath: path) ? [] : nil)))
        }
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                found.append(Input(source: path, bytes: nil))
                continue
            }
            guard isFolder.boolValue else { file(path); continue }
            let url = URL(fileURLWithPath: path)
            let maildir = ["new", "cur"].filter { fm.fileExists(atPath: url.appendingPathComponent($0).path) }
            let folders = maildir.isEmpty ? [url] : maildir.map { url.appendingPathComponent($0) }
            for folder in folders {
                let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
                for name in names where !name.hasPrefix(".") && (!maildir.isEmpty || name.hasSuffix(".eml") || name.hasSuffix(".ics")) {
                    file(folder.appendingPathComponent(name).path)
                }
            }
        }
        return found
    }

    /// Reads every input, judges it against what was published (R21, R15: `ReplyRules`) and
    /// records them all in one transaction: applied answers, stale replies, COUNTER proposals,
    /// kept delegations, duplicates and refusals (a refusal keeps only the reason, the file's base
    /// name and the digest; nothing of it is applied). Logged without personal data.
    /// - Parameter parser: how each calendar is parsed (`ReplyParser.child` from the CLI: a child
    ///   process with limits, #14.3).
    public static func apply(_ inputs: [Input], store: any WorkspaceStore & ReplyStore, clock: AppClock,
                             parser: ReplyParser = .inProcess, logger: Logger) throws -> [Read] {
        let registry = try store.registry()
        let items = try store.publishedItems()
        let scheduled = try store.scheduledItems()
        let domain = CalendarPublisher.secretariat(in: registry)?.mailbox.split(separator: "@").last.map(String.init) ?? ""
        let now = clock.timestamp
        let digests = inputs.map { digest($0.bytes ?? []) }
        var seen = try store.knownReplyDigests(digests)
        var reads: [Read] = []
        for (input, digest) in zip(inputs, digests) {
            let source = (input.source as NSString).lastPathComponent
            var record = ReplyRecord(source: source, digest: digest, receivedAt: now, outcome: .duplicate)
            if input.bytes == nil {
                record.outcome = .refused(.badMail("read"))
            } else if seen.contains(digest) {
                record.outcome = .duplicate
            } else {
                seen.insert(digest)
                record = judge(input.bytes!, record: record, items: items, scheduled: scheduled, registry: registry,
                               domain: domain, parser: parser)
            }
            var metadata: Logger.Metadata = [
                "reply.source": "\(source)", "reply.digest": "\(digest.prefix(16))",
                "reply.outcome": "\(record.outcome.code)",
                "reply.trigger": "\(record.triggerID ?? "-")", "person.id": "\(record.personID ?? "-")",
            ]
            if case .refused(let why) = record.outcome {
                // The typed reason (no address: a refusal's sender is not trusted to be anyone).
                metadata["reply.reason"] = "\(why)"
                logger.warning("reply refused", metadata: metadata)
            } else {
                logger.info("reply read", metadata: metadata)
            }
            reads.append(Read(source: input.source, record: record))
        }
        try store.recordReplies(reads.map(\.record))
        return reads
    }

    static func judge(_ bytes: [UInt8], record: ReplyRecord, items: [PublishedItem], scheduled: [ScheduledItem],
                      registry: Registry, domain: String, parser: ReplyParser) -> ReplyRecord {
        var record = record
        let reply: ReceivedReply
        var sender: String?
        do {
            var calendar = bytes
            if MailReader.looksLikeMail(bytes) {
                let mail = try MailReader.read(bytes)
                guard let from = mail.from else { throw ReplyRefusal.badMail("From") }
                sender = from
                calendar = mail.calendars[0]
            }
            reply = try parser(calendar).get()
        } catch let refusal as ReplyRefusal {
            record.outcome = .refused(refusal)
            return record
        } catch {
            record.outcome = .refused(.notICalendar("?"))
            return record
        }
        let judged = ReplyRules.judge(reply, from: sender, items: items, registry: registry, uidDomain: domain)
        record.outcome = judged.outcome
        if case .refused = judged.outcome { return record }
        record.triggerID = judged.triggerID
        record.personID = judged.person
        record.partstat = reply.partstat
        record.sequence = reply.sequence
        switch judged.outcome {
        case .counter:
            let proposal = ["start": reply.proposedStart ?? "", "end": reply.proposedEnd ?? ""]
            record.proposal = (try? JSONEncoder().encode(proposal)).map { String(decoding: $0, as: UTF8.self) }
        case .applied, .delegationKept:
            guard let trigger = judged.triggerID, let person = judged.person else { break }
            var answered = AnswerState.delegated
            if case .applied(let state) = judged.outcome { answered = state }
            let when = items.first { $0.triggerID == trigger }?.event.when ?? ""
            record.answer = StoredAnswer(triggerID: trigger, personID: person, state: answered, sequence: reply.sequence,
                                         deputy: judged.deputy?.person, itemWhen: when, answeredAt: reply.stamp ?? record.receivedAt,
                                         receivedAt: record.receivedAt)
            if let deputy = judged.deputy {
                record.deputySession = scheduled.first { $0.calendarKey == trigger }?.sessionID
                record.deputyAgency = deputy.agency
            }
        default: break
        }
        return record
    }

    /// SHA-256 of `bytes`, hex.
    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// One person's answer to one item as the secretariat and the chair see it.
    public struct Answer: Sendable, Hashable {
        public let state: AnswerState
        public let deputy: PersonID?
        public let answeredAt: UTCTimestamp?
        /// An earlier answer no longer holds: the item's day, time or place changed since (R21).
        public let reset: Bool
    }

    /// The answers of everyone sent a REQUEST for the items `triggerIDs`: by item, then person.
    public static func answers(store: any WorkspaceStore & ReplyStore, triggerIDs: Set<String>) throws
        -> [String: [PersonID: Answer]] {
        let stored = Dictionary(try store.answers().map { ("\($0.triggerID)|\($0.personID)", $0) },
                                uniquingKeysWith: { a, _ in a })
        var result: [String: [PersonID: Answer]] = [:]
        for item in try store.publishedItems() where triggerIDs.contains(item.triggerID) && item.cancelledAt == nil {
            for (person, sent) in item.recipients where sent.method == .request {
                let s = stored["\(item.triggerID)|\(person)"]
                let holds = s.map { $0.itemWhen == item.event.when } ?? false
                result[item.triggerID, default: [:]][person] = holds
                    ? Answer(state: s!.state, deputy: s!.deputy, answeredAt: s!.answeredAt, reset: false)
                    : Answer(state: .needsAction, deputy: nil, answeredAt: nil, reset: s != nil)
            }
        }
        return result
    }

    /// Who has not answered (or whose answer no longer holds) for the items of meeting `id`, by
    /// item then person: for a reminder. - Throws: `AppError.noMeeting`, `StoreError`.
    public static func pending(store: any WorkspaceStore & ReplyStore, meeting id: String) throws
        -> [(triggerID: String, person: PersonID, reset: Bool)] {
        guard try store.session(id) != nil else { throw AppError.noMeeting(id) }
        let items = try store.scheduledItems(inSession: id).sorted { $0.position < $1.position }
        let answers = try answers(store: store, triggerIDs: Set(items.map(\.calendarKey)))
        return items.flatMap { item in
            (answers[item.calendarKey] ?? [:]).filter { $0.value.state == .needsAction }.sorted { $0.key < $1.key }
                .map { (item.calendarKey, $0.key, $0.value.reset) }
        }
    }
}
