import Crypto
import Foundation
import GRDB
public import KasaneCore

/// The secret part of an agency's capability URL (`/feeds/TOKEN.ics`): 256 random bits in
/// base64url (43 characters). Only its SHA-256 is stored; the token itself is shown once.
public enum FeedTokenSecret {
    /// The length of a token in characters (32 bytes in unpadded base64url).
    public static let length = 43

    /// The lowercase hex SHA-256 of a token: what `feed_token.token_hash` holds.
    public static func hash(_ token: some StringProtocol) -> String {
        hex(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether `text` has the shape of a token (43 base64url characters), before any lookup.
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= length else { return false }
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            default:
                return false
            }
        }
        return count == length
    }

    /// A new token from the system's secure random source.
    package static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: rng.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A new token id (`ft-` and 12 hex digits): what audit rows and logs name instead of the token.
    package static func generateID() -> String {
        var rng = SystemRandomNumberGenerator()
        let value: UInt64 = rng.next() & 0xFFFF_FFFF_FFFF
        let digits = String(value, radix: 16)
        return "ft-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let table = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A token just issued: the only moment the secret exists outside the subscriber's calendar.
public struct IssuedFeedToken: Sendable {
    /// The token id, as the audit log and `kasane feed-token` name it.
    public let id: String
    public let agency: AgencyID
    /// The raw token, to be put into the feed URL once and never stored.
    public let secret: String
    public let issuedAt: UTCTimestamp

    package init(id: String, agency: AgencyID, secret: String, issuedAt: UTCTimestamp) {
        self.id = id
        self.agency = agency
        self.secret = secret
        self.issuedAt = issuedAt
    }
}

/// A stored feed token (its id and state; the secret is not recoverable).
public struct FeedTokenInfo: Hashable, Sendable, Codable {
    public let id: String
    public let agency: AgencyID
    public let issuedAt: UTCTimestamp
    public let revokedAt: UTCTimestamp?

    package init(id: String, agency: AgencyID, issuedAt: UTCTimestamp, revokedAt: UTCTimestamp?) {
        self.id = id
        self.agency = agency
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
    }
}

/// One feed read as the audit log records it: a token id, never the token.
public struct FeedAuditEntry: Hashable, Sendable, Codable {
    public var at: UTCTimestamp
    /// The agency whose feed was asked for; nil when the token matched nothing.
    public var agency: AgencyID?
    /// The id of the token presented; nil when it matched nothing.
    public var tokenID: String?
    /// The client's address as the server saw it.
    public var client: String
    /// The HTTP status sent.
    public var status: Int
    /// The ETag served (or confirmed by a 304).
    public var etag: String?

    public init(at: UTCTimestamp, agency: AgencyID?, tokenID: String?, client: String, status: Int, etag: String?) {
        self.at = at
        self.agency = agency
        self.tokenID = tokenID
        self.client = client
        self.status = status
        self.etag = etag
    }
}

/// Why a feed-token command was refused, with what to do instead.
public enum FeedTokenError: Error, Hashable, Sendable {
    /// The agency is not in the registry.
    case unknownAgency(AgencyID)
    /// The agency already has an active token (rotate instead).
    case alreadyIssued(AgencyID, tokenID: String)
    /// The agency has no active token to revoke.
    case noActiveToken(AgencyID)
}

extension AppDatabase {
    // MARK: - Reads

    /// The active (not revoked) token with this SHA-256, as (token id, agency); nil otherwise.
    public func activeFeedToken(hash: String) throws -> (id: String, agency: AgencyID)? {
        try read { db in
            // Asked on every feed request: a cached statement skips the SQL compiler.
            let statement = try db.cachedStatement(sql: """
                SELECT id, agency_id FROM feed_token WHERE token_hash = ? AND revoked_at IS NULL
                """)
            return try Row.fetchOne(statement, arguments: [hash]).map { (id: $0["id"], agency: $0["agency_id"]) }
        }
    }

    /// The feed tokens of one agency (or all), oldest first.
    public func feedTokens(agency: AgencyID? = nil) throws -> [FeedTokenInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, agency_id, issued_at, revoked_at FROM feed_token
                WHERE ?1 IS NULL OR agency_id = ?1 ORDER BY issued_at, id
                """, arguments: [agency]).map(Self.tokenInfo)
        }
    }

    /// The audit rows of feed reads, oldest first, optionally for one agency and from a moment on.
    public func feedAudit(agency: AgencyID? = nil, since: UTCTimestamp? = nil, limit: Int? = nil) throws -> [FeedAuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, agency_id, token_id, client, status, etag FROM feed_audit
                WHERE (?1 IS NULL OR agency_id = ?1) AND (?2 IS NULL OR at >= ?2)
                ORDER BY id LIMIT ?3
                """, arguments: [agency, since?.seconds, limit ?? -1]).map { row in
                FeedAuditEntry(at: UTCTimestamp(seconds: row["at"]), agency: row["agency_id"],
                               tokenID: row["token_id"], client: row["client"], status: row["status"],
                               etag: row["etag"])
            }
        }
    }

    private static func tokenInfo(_ row: Row) -> FeedTokenInfo {
        FeedTokenInfo(id: row["id"], agency: row["agency_id"], issuedAt: UTCTimestamp(seconds: row["issued_at"]),
                      revokedAt: (row["revoked_at"] as Int?).map(UTCTimestamp.init(seconds:)))
    }

    // MARK: - Writes

    /// Issues the agency's feed token; the returned secret is the only copy.
    /// - Throws: `FeedTokenError.unknownAgency`, or `.alreadyIssued` when one is active (rotate instead).
    public func issueFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> IssuedFeedToken {
        try write { db in
            try Self.requireAgency(db, agency)
            if let id = try String.fetchOne(db, sql: """
                SELECT id FROM feed_token WHERE agency_id = ? AND revoked_at IS NULL ORDER BY issued_at LIMIT 1
                """, arguments: [agency]) {
                throw FeedTokenError.alreadyIssued(agency, tokenID: id)
            }
            return try Self.insertToken(db, agency: agency, now: now)
        }
    }

    /// Revokes the agency's active tokens and issues a new one, in one transaction: the old URL
    /// fails from the next request on.
    /// - Returns: the new token and the ids of the tokens revoked.
    /// - Throws: `FeedTokenError.unknownAgency`.
    public func rotateFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> (issued: IssuedFeedToken, revoked: [String]) {
        try write { db in
            try Self.requireAgency(db, agency)
            let revoked = try Self.revokeAll(db, agency: agency, now: now)
            return (try Self.insertToken(db, agency: agency, now: now), revoked)
        }
    }

    /// Revokes the agency's active tokens.
    /// - Returns: the ids revoked.
    /// - Throws: `FeedTokenError.unknownAgency`, or `.noActiveToken` when there was none.
    public func revokeFeedTokens(agency: AgencyID, now: UTCTimestamp) throws -> [String] {
        try write { db in
            try Self.requireAgency(db, agency)
            let revoked = try Self.revokeAll(db, agency: agency, now: now)
            if revoked.isEmpty { throw FeedTokenError.noActiveToken(agency) }
            return revoked
        }
    }

    /// Appends feed reads to the audit log in one transaction.
    public func recordFeedReads(_ entries: [FeedAuditEntry]) throws {
        guard !entries.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO feed_audit (at, agency_id, token_id, client, status, etag) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for e in entries {
                try statement.execute(arguments: [e.at.seconds, e.agency, e.tokenID, e.client, e.status, e.etag])
            }
        }
    }

    private static func requireAgency(_ db: Database, _ agency: AgencyID) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM agency WHERE id = ?", arguments: [agency]) == true else {
            throw FeedTokenError.unknownAgency(agency)
        }
    }

    private static func revokeAll(_ db: Database, agency: AgencyID, now: UTCTimestamp) throws -> [String] {
        let ids = try String.fetchAll(db, sql: """
            SELECT id FROM feed_token WHERE agency_id = ? AND revoked_at IS NULL ORDER BY issued_at, id
            """, arguments: [agency])
        try db.execute(sql: "UPDATE feed_token SET revoked_at = ? WHERE agency_id = ? AND revoked_at IS NULL",
                       arguments: [now.seconds, agency])
        return ids
    }

    private static func insertToken(_ db: Database, agency: AgencyID, now: UTCTimestamp) throws -> IssuedFeedToken {
        let secret = FeedTokenSecret.generate()
        let id = FeedTokenSecret.generateID()
        try db.execute(sql: """
            INSERT INTO feed_token (id, agency_id, token_hash, issued_at) VALUES (?, ?, ?, ?)
            """, arguments: [id, agency, FeedTokenSecret.hash(secret), now.seconds])
        return IssuedFeedToken(id: id, agency: agency, secret: secret, issuedAt: now)
    }
}
