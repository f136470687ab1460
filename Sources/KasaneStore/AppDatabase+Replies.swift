import Foundation
import GRDB
import KasaneCore

extension AppDatabase: ReplyStore {
    /// Every answer in force, by item and person.
    public func answers() throws -> [StoredAnswer] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reply ORDER BY trigger_id, person_id").map { row in
                guard let state = AnswerState(rawValue: row["partstat"]) else {
                    throw StoreError.corruptRow(table: "reply", key: "\(row["trigger_id"] as String)/\(row["person_id"] as String)")
                }
                return StoredAnswer(triggerID: row["trigger_id"], personID: row["person_id"], state: state,
                                    sequence: row["sequence"], deputy: row["deputy_person_id"], itemWhen: row["item_when"],
                                    answeredAt: UTCTimestamp(seconds: row["answered_at"]),
                                    receivedAt: UTCTimestamp(seconds: row["received_at"]))
            }
        }
    }

    /// Those of `digests` already in the reply log.
    public func knownReplyDigests(_ digests: [String]) throws -> Set<String> {
        guard !digests.isEmpty else { return [] }
        return try read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT digest FROM reply_log WHERE digest IN (\(databaseQuestionMarks(count: digests.count)))",
                                    arguments: StatementArguments(digests)))
        }
    }

    /// The log rows, answers and deputies of one run, in one IMMEDIATE transaction.
    public func recordReplies(_ records: [ReplyRecord]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try write { db in
            for r in records {
                let outcome = String(decoding: try encoder.encode(r.outcome), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO reply_log (received_at, source, digest, outcome, reason, trigger_id, person_id, partstat,
                      sequence, proposal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [r.receivedAt.seconds, r.source, r.digest, r.outcome.code, outcome,
                                     r.triggerID, r.personID, r.partstat, r.sequence, r.proposal])
                if let a = r.answer {
                    try db.execute(sql: """
                        INSERT INTO reply (trigger_id, person_id, partstat, sequence, deputy_person_id, item_when, answered_at,
                          received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(trigger_id, person_id) DO UPDATE SET partstat = excluded.partstat,
                          sequence = excluded.sequence, deputy_person_id = excluded.deputy_person_id, item_when = excluded.item_when,
                          answered_at = excluded.answered_at, received_at = excluded.received_at
                        """, arguments: [a.triggerID, a.personID, a.state.rawValue, a.sequence, a.deputy, a.itemWhen,
                                         a.answeredAt.seconds, a.receivedAt.seconds])
                }
                if let session = r.deputySession, let agency = r.deputyAgency, let person = r.answer?.deputy {
                    try db.execute(sql: """
                        INSERT INTO deputy (session_id, agency_id, person_id) VALUES (?, ?, ?)
                        ON CONFLICT(session_id, agency_id) DO UPDATE SET person_id = excluded.person_id
                        """, arguments: [session, agency, person])
                }
            }
        }
    }
}
