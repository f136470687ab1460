import Foundation
import GRDB
public import KasaneCore

extension AppDatabase {
    // MARK: - Reads

    /// What was last published for every item, with who holds which version.
    public func publishedItems() throws -> [PublishedItem] {
        try read { db in try Self.loadPublished(db) }
    }

    static func loadPublished(_ db: Database) throws -> [PublishedItem] {
            var recipients: [String: [PersonID: SentInvitation]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM invitation") {
                guard let method = ITIPMethod(rawValue: row["method"]) else { continue }
                recipients[row["trigger_id"], default: [:]][row["person_id"]] =
                    SentInvitation(method: method, sequence: row["sequence"])
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM item_calendar ORDER BY trigger_id").map { row in
                let json: String = row["event"]
                let event = try JSONDecoder().decode(CalendarEvent.self, from: Data(json.utf8))
                return PublishedItem(triggerID: row["trigger_id"], event: event, contentHash: row["content_hash"],
                                     cancelledAt: (row["cancelled_at"] as Int?).map(UTCTimestamp.init(seconds:)),
                                     recipients: recipients[row["trigger_id"]] ?? [:])
            }
    }

    /// What `invite` works from (`KasaneStore.PublishSnapshot`).
    public typealias PublishSnapshot = KasaneStore.PublishSnapshot
    /// What a publishing run records (`KasaneStore.PublishRecord`).
    public typealias PublishRecord = KasaneStore.PublishRecord

    /// Reads the schedule, lets `body` write the messages out, and records what was sent — one
    /// transaction, so a `schedule` cannot move an item between what `invite` read and what it
    /// recorded (issue 12.8). When `body` throws, nothing is recorded (the next run sends again).
    public func publishing<T>(_ body: (PublishSnapshot) throws -> (record: PublishRecord, extra: T)) throws -> T {
        try write { db in
            let snapshot = PublishSnapshot(
                registry: try Self.loadRegistry(db), caseFiles: try Self.loadCaseFiles(db),
                sessions: try Self.loadSessions(db), items: try Self.loadItems(db), published: try Self.loadPublished(db))
            let (record, extra) = try body(snapshot)
            try Self.savePublished(db, record.items, sentAt: record.sentAt, recipients: true)
            return extra
        }
    }

    // MARK: - Writes

    /// Stores a publishing run in one transaction (call it after the messages were written out,
    /// so a failed write is retried by the next run). With `recipients: false` (feeds) only the
    /// calendar objects are stored: nobody is marked as sent anything. Returns the rows changed.
    @discardableResult
    public func savePublished(_ items: [PublishedItem], sentAt: UTCTimestamp, recipients: Bool = true) throws -> Int {
        try write { db in try Self.savePublished(db, items, sentAt: sentAt, recipients: recipients) }
    }

    @discardableResult
    static func savePublished(_ db: Database, _ items: [PublishedItem], sentAt: UTCTimestamp, recipients: Bool) throws -> Int {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var changed = 0
            let old = Dictionary(try Row.fetchAll(db, sql: "SELECT trigger_id, content_hash, sequence, cancelled_at FROM item_calendar")
                .map { row -> (String, String) in
                    (row["trigger_id"], "\(row["content_hash"] as String)|\(row["sequence"] as Int)|\((row["cancelled_at"] as Int?) ?? -1)")
                }, uniquingKeysWith: { a, _ in a })
            var sent: [String: SentInvitation] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM invitation") {
                if let m = ITIPMethod(rawValue: row["method"]) {
                    sent["\(row["trigger_id"] as String)|\(row["person_id"] as String)"] = SentInvitation(method: m, sequence: row["sequence"])
                }
            }
            for item in items {
                let key = "\(item.contentHash)|\(item.event.sequence)|\(item.cancelledAt?.seconds ?? -1)"
                if old[item.triggerID] != key {
                    let json = String(decoding: try encoder.encode(item.event), as: UTF8.self)
                    try db.execute(sql: """
                        INSERT INTO item_calendar (trigger_id, uid, sequence, content_hash, changed_at, cancelled_at, event)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(trigger_id) DO UPDATE SET sequence = excluded.sequence,
                          content_hash = excluded.content_hash, changed_at = excluded.changed_at,
                          cancelled_at = excluded.cancelled_at, event = excluded.event
                        """, arguments: [item.triggerID, item.event.uid, item.event.sequence, item.contentHash,
                                         item.event.stamp.seconds, item.cancelledAt?.seconds, json])
                    changed += 1
                }
                for (person, invitation) in item.recipients
                    where recipients && sent["\(item.triggerID)|\(person)"] != invitation {
                    try db.execute(sql: """
                        INSERT INTO invitation (trigger_id, person_id, method, sequence, sent_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(trigger_id, person_id) DO UPDATE SET method = excluded.method,
                          sequence = excluded.sequence, sent_at = excluded.sent_at
                        """, arguments: [item.triggerID, person, invitation.method.rawValue, invitation.sequence,
                                         sentAt.seconds])
                    changed += 1
                }
            }
            // Items whose invitations went out are not moved by `schedule` unless asked (--reschedule).
            for item in items where recipients && item.cancelledAt == nil && !item.recipients.isEmpty {
                try db.execute(sql: "UPDATE session_item SET invited = 1 WHERE calendar_key = ? AND invited = 0",
                               arguments: [item.triggerID])
            }
            return changed
    }
}
