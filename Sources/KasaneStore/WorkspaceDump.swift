/// Every stored row of one workspace, as stored (issue 16.5): what `kasane workspace export`
/// writes and `kasane workspace import` reads, to move a municipality between an SQLite file and a
/// PostgreSQL tenant with byte-identical case events (kind, payload, time and hash as text), so
/// the chain verifies on both sides under the same key. It holds household members' personal
/// data: the file is written 0600 and is for moving a workspace, not for handing out.
public struct WorkspaceDump: Codable, Sendable, Hashable {
    /// The format of this file.
    public static let currentFormat = "kasane-workspace-dump-1"
    public var format: String
    /// The chain key's fingerprint: an import refuses a workspace sealed with another key.
    public var chainKeyFingerprint: String
    /// The rows of each table of `WorkspaceDump.tables`, by table name, in key order.
    public var tables: [String: [[DumpValue]]]

    public init(chainKeyFingerprint: String, tables: [String: [[DumpValue]]]) {
        format = Self.currentFormat
        self.chainKeyFingerprint = chainKeyFingerprint
        self.tables = tables
    }

    /// One table as both stores hold it: its columns (those marked `bool` are 0/1 in SQLite,
    /// booleans in PostgreSQL) and the order rows are read in. `case_number` stands for the case's
    /// row id where the table refers to a case (`caseColumn`): ids are the store's own.
    public struct Table: Sendable {
        public let name: String
        public let columns: [String]
        public let bools: Set<String>
        public let order: String
        /// The column holding the case's row id in the store (`case_id`), exported as its number.
        public let caseColumn: String?
    }

    /// The tables, parents first (the order of an import).
    public static let tables: [Table] = [
        Table(name: "agency", columns: ["id", "name", "field", "kind", "mailbox", "position"], bools: [], order: "id",
              caseColumn: nil),
        Table(name: "agency_role", columns: ["agency_id", "role"], bools: [], order: "agency_id, role", caseColumn: nil),
        Table(name: "person", columns: ["id", "name", "mailbox", "agency_id", "title", "position"], bools: [], order: "id",
              caseColumn: nil),
        Table(name: "body", columns: ["id", "name", "kind", "position"], bools: [], order: "id", caseColumn: nil),
        Table(name: "body_member", columns: ["body_id", "person_id", "position", "appointed_on",
                                             "confidentiality_acknowledged_on", "appointment_ends_on", "temporary"],
              bools: ["temporary"], order: "body_id, person_id", caseColumn: nil),
        Table(name: "case_file", columns: ["number", "opened_on"], bools: [], order: "id", caseColumn: nil),
        Table(name: "household_member", columns: ["case_number", "key", "name", "birth_date", "address", "circumstances"],
              bools: [], order: "case_id, key", caseColumn: "case_id"),
        Table(name: "case_event", columns: ["case_number", "seq", "kind", "payload", "recorded_at", "hash"], bools: [],
              order: "case_id, seq", caseColumn: "case_id"),
        Table(name: "session", columns: ["id", "kind", "series_uid", "title", "bodies", "date", "start_minute", "end_minute",
                                         "capacity", "minutes_per_item", "location", "online_url", "note", "state"],
              bools: [], order: "id", caseColumn: nil),
        Table(name: "session_item", columns: ["session_id", "trigger_id", "calendar_key", "case_number", "position",
                                              "start_minute", "end_minute", "meeting_kind", "due_on", "reason", "invited",
                                              "carried_from", "joint_body"],
              bools: ["invited"], order: "session_id, trigger_id", caseColumn: nil),
        Table(name: "joint_acceptance", columns: ["trigger_id", "session_id", "body_id", "accepted_on"], bools: [],
              order: "trigger_id", caseColumn: nil),
        Table(name: "deputy", columns: ["session_id", "agency_id", "person_id"], bools: [], order: "session_id, agency_id",
              caseColumn: nil),
        Table(name: "item_calendar", columns: ["trigger_id", "uid", "sequence", "content_hash", "changed_at", "cancelled_at",
                                               "event"], bools: [], order: "trigger_id", caseColumn: nil),
        Table(name: "invitation", columns: ["trigger_id", "person_id", "method", "sequence", "sent_at"], bools: [],
              order: "trigger_id, person_id", caseColumn: nil),
        Table(name: "feed_token", columns: ["id", "agency_id", "token_hash", "issued_at", "revoked_at"], bools: [],
              order: "id", caseColumn: nil),
        Table(name: "feed_audit", columns: ["at", "agency_id", "token_id", "client", "status", "etag"], bools: [],
              order: "id", caseColumn: nil),
    ]

    /// The number of rows of `table`.
    public func count(_ table: String) -> Int { tables[table]?.count ?? 0 }
}

/// One stored value: NULL, an integer (booleans as 0/1) or text.
public enum DumpValue: Codable, Sendable, Hashable {
    case null
    case int(Int)
    case text(String)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let i = try? c.decode(Int.self) { self = .int(i) } else {
            self = .text(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .int(let i): try c.encode(i)
        case .text(let t): try c.encode(t)
        }
    }
}

/// Why a workspace dump cannot be imported.
public enum WorkspaceDumpError: Error, Hashable, Sendable {
    /// The file is not a dump this Kasane reads.
    case unknownFormat(String)
    /// The target already holds a registry or cases: an import goes into an empty workspace only.
    case targetNotEmpty
    /// The target's chain key is not the one the dump's events were sealed with.
    case otherChainKey
    /// The SQLite workspace has events from before the keyed chain (anchors), which a PostgreSQL
    /// tenant cannot hold.
    case legacyAnchors(Int)
}

/// A store whose rows can be copied whole (`kasane workspace export|import`).
public protocol WorkspaceCopying: WorkspaceStore {
    /// Every row, as stored, in one read.
    func exportDump() throws -> WorkspaceDump
    /// Writes every row of `dump` into this (empty) workspace in one transaction.
    /// - Throws: `WorkspaceDumpError`; nothing is written then.
    func importDump(_ dump: WorkspaceDump) throws
}
