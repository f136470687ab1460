import Foundation
public import KasaneCore
public import KasaneStore
import PostgresNIO

extension PostgresStore {
    // MARK: - Publishing

    public func publishedItems() throws -> [PublishedItem] {
        try read { tx in try Self.loadPublished(tx) }
    }

    static func loadPublished(_ tx: PostgresTransaction) throws -> [PublishedItem] {
        var recipients: [String: [PersonID: SentInvitation]] = [:]
        for row in try tx.query("SELECT trigger_id, person_id, method, sequence FROM invitation") {
            let (trigger, person, methodText, sequence) = try row.decode((String, String, String, Int).self)
            guard let method = ITIPMethod(rawValue: methodText) else { continue }
            recipients[trigger, default: [:]][person] = SentInvitation(method: method, sequence: sequence)
        }
        return try tx.query("SELECT trigger_id, content_hash, cancelled_at, event FROM item_calendar ORDER BY trigger_id")
            .map { row in
                let (trigger, hash, cancelled, json) = try row.decode((String, String, Int?, String).self)
                let event = try JSONDecoder().decode(CalendarEvent.self, from: Data(json.utf8))
                return PublishedItem(triggerID: trigger, event: event, contentHash: hash,
                                     cancelledAt: cancelled.map(UTCTimestamp.init(seconds:)),
                                     recipients: recipients[trigger] ?? [:])
            }
    }

    public func publishing<T>(_ body: (PublishSnapshot) throws -> (record: PublishRecord, extra: T)) throws -> T {
        try write { tx in
            let snapshot = PublishSnapshot(
                registry: try Self.loadRegistry(tx), caseFiles: try Self.loadCaseFiles(tx, numbers: nil),
                sessions: try Self.loadSessions(tx), items: try Self.loadItems(tx), published: try Self.loadPublished(tx))
            let (record, extra) = try body(snapshot)
            try Self.savePublished(tx, record.items, sentAt: record.sentAt, recipients: true)
            return extra
        }
    }

    @discardableResult
    public func savePublished(_ items: [PublishedItem], sentAt: UTCTimestamp, recipients: Bool) throws -> Int {
        try write { tx in try Self.savePublished(tx, items, sentAt: sentAt, recipients: recipients) }
    }

    /// `AppDatabase.savePublished` on PostgreSQL: only what differs is written; returns the rows changed.
    @discardableResult
    static func savePublished(_ tx: PostgresTransaction, _ items: [PublishedItem], sentAt: UTCTimestamp,
                              recipients: Bool) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var changed = 0
        var old: [String: String] = [:]
        for row in try tx.query("SELECT trigger_id, content_hash, sequence, cancelled_at FROM item_calendar") {
            let (trigger, hash, sequence, cancelled) = try row.decode((String, String, Int, Int?).self)
            old[trigger] = "\(hash)|\(sequence)|\(cancelled ?? -1)"
        }
        var sent: [String: SentInvitation] = [:]
        for row in try tx.query("SELECT trigger_id, person_id, method, sequence FROM invitation") {
            let (trigger, person, method, sequence) = try row.decode((String, String, String, Int).self)
            if let m = ITIPMethod(rawValue: method) { sent["\(trigger)|\(person)"] = SentInvitation(method: m, sequence: sequence) }
        }
        for item in items {
            if old[item.triggerID] != "\(item.contentHash)|\(item.event.sequence)|\(item.cancelledAt?.seconds ?? -1)" {
                let json = String(decoding: try encoder.encode(item.event), as: UTF8.self)
                try tx.execute("""
                    INSERT INTO item_calendar (trigger_id, uid, sequence, content_hash, changed_at, cancelled_at, event)
                    VALUES (\(item.triggerID), \(item.event.uid), \(item.event.sequence), \(item.contentHash),
                      \(item.event.stamp.seconds), \(item.cancelledAt?.seconds), \(json))
                    ON CONFLICT (tenant, trigger_id) DO UPDATE SET sequence = excluded.sequence,
                      content_hash = excluded.content_hash, changed_at = excluded.changed_at,
                      cancelled_at = excluded.cancelled_at, event = excluded.event
                    """)
                changed += 1
            }
            for (person, invitation) in item.recipients.sorted(by: { $0.key < $1.key })
                where recipients && sent["\(item.triggerID)|\(person)"] != invitation {
                try tx.execute("""
                    INSERT INTO invitation (trigger_id, person_id, method, sequence, sent_at)
                    VALUES (\(item.triggerID), \(person), \(invitation.method.rawValue), \(invitation.sequence), \(sentAt.seconds))
                    ON CONFLICT (tenant, trigger_id, person_id) DO UPDATE SET method = excluded.method,
                      sequence = excluded.sequence, sent_at = excluded.sent_at
                    """)
                changed += 1
            }
        }
        for item in items where recipients && item.cancelledAt == nil && !item.recipients.isEmpty {
            try tx.execute("UPDATE session_item SET invited = true WHERE calendar_key = \(item.triggerID) AND NOT invited")
        }
        return changed
    }

    // MARK: - Feed tokens and audit

    public func activeFeedToken(hash: String) throws -> (id: String, agency: AgencyID)? {
        try read { tx in
            try tx.query("SELECT id, agency_id FROM feed_token WHERE token_hash = \(hash) AND revoked_at IS NULL").first.map {
                let (id, agency) = try $0.decode((String, String).self)
                return (id: id, agency: agency)
            }
        }
    }

    public func activeFeedTokens() throws -> [String: (id: String, agency: AgencyID)] {
        try read { tx in
            var tokens: [String: (id: String, agency: AgencyID)] = [:]
            for row in try tx.query("SELECT token_hash, id, agency_id FROM feed_token WHERE revoked_at IS NULL") {
                let (hash, id, agency) = try row.decode((String, String, String).self)
                tokens[hash] = (id: id, agency: agency)
            }
            return tokens
        }
    }

    public func feedTokens(agency: AgencyID?) throws -> [FeedTokenInfo] {
        try read { tx in
            try tx.query("""
                SELECT id, agency_id, issued_at, revoked_at FROM feed_token
                WHERE \(agency)::text IS NULL OR agency_id = \(agency) ORDER BY issued_at, id
                """).map { row in
                let (id, agency, issued, revoked) = try row.decode((String, String, Int, Int?).self)
                return FeedTokenInfo(id: id, agency: agency, issuedAt: UTCTimestamp(seconds: issued),
                                     revokedAt: revoked.map(UTCTimestamp.init(seconds:)))
            }
        }
    }

    public func feedAudit(agency: AgencyID?, since: UTCTimestamp?, limit: Int?) throws -> [FeedAuditEntry] {
        try read { tx in
            try tx.query("""
                SELECT at, agency_id, token_id, client, status, etag FROM feed_audit
                WHERE (\(agency)::text IS NULL OR agency_id = \(agency)) AND (\(since?.seconds)::bigint IS NULL OR at >= \(since?.seconds))
                ORDER BY id LIMIT \(limit)
                """).map { row in
                let (at, agency, token, client, status, etag) = try row.decode((Int, String?, String?, String, Int, String?).self)
                return FeedAuditEntry(at: UTCTimestamp(seconds: at), agency: agency, tokenID: token, client: client,
                                      status: status, etag: etag)
            }
        }
    }

    public func issueFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> IssuedFeedToken {
        try write { tx in
            try Self.requireAgency(tx, agency)
            if let id = try tx.value(String.self, """
                SELECT id FROM feed_token WHERE agency_id = \(agency) AND revoked_at IS NULL ORDER BY issued_at LIMIT 1
                """) {
                throw FeedTokenError.alreadyIssued(agency, tokenID: id)
            }
            return try Self.insertToken(tx, agency: agency, now: now)
        }
    }

    public func rotateFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> (issued: IssuedFeedToken, revoked: [String]) {
        try write { tx in
            try Self.requireAgency(tx, agency)
            let revoked = try Self.revokeAll(tx, agency: agency, now: now)
            return (try Self.insertToken(tx, agency: agency, now: now), revoked)
        }
    }

    public func revokeFeedTokens(agency: AgencyID, now: UTCTimestamp) throws -> [String] {
        try write { tx in
            try Self.requireAgency(tx, agency)
            let revoked = try Self.revokeAll(tx, agency: agency, now: now)
            if revoked.isEmpty { throw FeedTokenError.noActiveToken(agency) }
            return revoked
        }
    }

    public func recordFeedReads(_ entries: [FeedAuditEntry]) throws {
        guard !entries.isEmpty else { return }
        try write(notify: false) { tx in
            for e in entries {
                try tx.execute("""
                    INSERT INTO feed_audit (at, agency_id, token_id, client, status, etag)
                    VALUES (\(e.at.seconds), \(e.agency), \(e.tokenID), \(e.client), \(e.status), \(e.etag))
                    """)
            }
        }
    }

    private static func requireAgency(_ tx: PostgresTransaction, _ agency: AgencyID) throws {
        guard try tx.value(Int.self, "SELECT 1 FROM agency WHERE id = \(agency)") != nil else {
            throw FeedTokenError.unknownAgency(agency)
        }
    }

    private static func revokeAll(_ tx: PostgresTransaction, agency: AgencyID, now: UTCTimestamp) throws -> [String] {
        try tx.query("""
            UPDATE feed_token SET revoked_at = \(now.seconds) WHERE agency_id = \(agency) AND revoked_at IS NULL
            RETURNING id, issued_at
            """).map { try $0.decode((String, Int).self) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map { $0.0 }
    }

    private static func insertToken(_ tx: PostgresTransaction, agency: AgencyID, now: UTCTimestamp) throws -> IssuedFeedToken {
        let secret = FeedTokenSecret.generate()
        let id = FeedTokenSecret.generateID()
        try tx.execute("""
            INSERT INTO feed_token (id, agency_id, token_hash, issued_at)
            VALUES (\(id), \(agency), \(FeedTokenSecret.hash(secret)), \(now.seconds))
            """)
        return IssuedFeedToken(id: id, agency: agency, secret: secret, issuedAt: now)
    }
}
