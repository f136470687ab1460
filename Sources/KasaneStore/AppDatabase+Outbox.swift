import Foundation
import GRDB
public import KasaneCore

extension AppDatabase: OutboxStore {
    /// Reads the schedule, lets `body` prepare the messages and records the run and the messages
    /// in the outbox, in one IMMEDIATE transaction (`OutboxStore.publishing(queued:at:_:)`).
    public func publishing<T>(
        queued: Bool, at now: UTCTimestamp,
        _ body: (PublishSnapshot, _ firstNumber: Int) throws -> (record: PublishRecord, drafts: [OutboxDraft], extra: T)
    ) throws -> T {
        try write { db in
            let snapshot = PublishSnapshot(
                registry: try Self.loadRegistry(db), caseFiles: try Self.loadCaseFiles(db),
                sessions: try Self.loadSessions(db), items: try Self.loadItems(db), published: try Self.loadPublished(db))
            // AUTOINCREMENT: a number is never given twice, even after rows are gone.
            let used = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") ?? 0
            let first = max(used, try Int.fetchOne(db, sql: "SELECT max(id) FROM outbox") ?? 0) + 1
            let (record, drafts, extra) = try body(snapshot, first)
            try Self.savePublished(db, record.items, sentAt: record.sentAt, recipients: true)
            for (offset, d) in drafts.enumerated() {
                try db.execute(sql: """
                    INSERT INTO outbox (id, message_id, trigger_id, person_id, method, sequence, sender, recipient, path,
                      message, state, queued_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [first + offset, d.messageID, d.triggerID, d.personID, d.method.rawValue, d.sequence,
                                     d.sender, d.recipient, d.path, d.message,
                                     (queued ? OutboxState.queued : .written).rawValue, now.seconds])
            }
            return extra
        }
    }

    /// The recorded messages in `states` (all when `nil`), by number.
    public func outbox(states: Set<OutboxState>?) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id").compactMap { row -> OutboxEntry? in
                guard let state = OutboxState(rawValue: row["state"]), states?.contains(state) ?? true else { return nil }
                guard let method = ITIPMethod(rawValue: row["method"]) else {
                    throw StoreError.corruptRow(table: "outbox", key: "\(row["id"] as Int)")
                }
                let draft = OutboxDraft(
                    messageID: row["message_id"], triggerID: row["trigger_id"], personID: row["person_id"], method: method,
                    sequence: row["sequence"], sender: row["sender"], recipient: row["recipient"], path: row["path"],
                    message: row["message"])
                return OutboxEntry(number: row["id"], draft: draft, state: state, attempts: row["attempts"],
                                   queuedAt: UTCTimestamp(seconds: row["queued_at"]),
                                   lastAttemptAt: (row["last_attempt_at"] as Int?).map(UTCTimestamp.init(seconds:)),
                                   serverReply: row["server_reply"], failure: row["failure"])
            }
        }
    }

    /// Claims message `number` for one more attempt; `false` when it is no longer queued or failed
    /// (another run took it).
    public func markSending(_ number: Int, at now: UTCTimestamp) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?
                WHERE id = ? AND state IN ('queued', 'failed')
                """, arguments: [now.seconds, number])
            return db.changesCount == 1
        }
    }

    /// Marks message `number` as accepted with the relay's `reply`.
    public func markSent(_ number: Int, reply: String, at now: UTCTimestamp) throws {
        try updateOutbox(number, sql: """
            UPDATE outbox SET state = 'sent', server_reply = ?, failure = NULL, last_attempt_at = ?
            WHERE id = ? AND state = 'sending'
            """, [reply, now.seconds, number])
    }

    /// Marks message `number` as failed with `reason`.
    public func markFailed(_ number: Int, reason: String, at now: UTCTimestamp) throws {
        try updateOutbox(number, sql: """
            UPDATE outbox SET state = 'failed', failure = ?, last_attempt_at = ? WHERE id = ? AND state = 'sending'
            """, [reason, now.seconds, number])
    }

    /// One state change of one message; a message not in the state the change starts from is a
    /// corrupt row (another process moved it).
    private func updateOutbox(_ number: Int, sql: String, _ arguments: StatementArguments) throws {
        try write { db in
            try db.execute(sql: sql, arguments: arguments)
            guard db.changesCount == 1 else { throw StoreError.corruptRow(table: "outbox", key: "\(number)") }
        }
    }
}
