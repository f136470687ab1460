import GRDB
public import KasaneCore

/// Behind `AppDatabase.changeToken()`: tells whether the workspace may have changed since the last look, cheaply enough to ask on
/// every HTTP request: SQLite's `PRAGMA data_version` on one dedicated read-only connection. The
/// number differs from the previous answer whenever another connection — of this process or of
/// another one, such as a `kasane feed-token revoke` — committed in between. It runs on the
/// calling thread (no transaction, no thread hop: a look at the WAL index in shared memory).
final class ChangeWatch: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.label = "kasane.change-watch"
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// The connection's data version: equal answers mean nothing was committed in between.
    /// - Throws: a storage error (the caller should treat it as "changed" or fail the request).
    func stamp() throws -> Int {
        try connection.inDatabase { db in
            try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        }
    }
}

extension AppDatabase {
    /// Every active (not revoked) feed token, by SHA-256: (token id, agency).
    public func activeFeedTokens() throws -> [String: (id: String, agency: AgencyID)] {
        try read { db in
            var tokens: [String: (id: String, agency: AgencyID)] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT token_hash, id, agency_id FROM feed_token WHERE revoked_at IS NULL
                """)
            while let row = try rows.next() { tokens[row["token_hash"]] = (id: row["id"], agency: row["agency_id"]) }
            return tokens
        }
    }
}
