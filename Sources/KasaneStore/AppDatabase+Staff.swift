import GRDB
public import KasaneCore

/// The console's accounts, sessions and reveal audit in the workspace (migration v9).
extension AppDatabase: StaffStore {
    public func addStaff(_ account: StaffAccount, now: Int) throws {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM console_staff WHERE id = ?", arguments: [account.id]) == true {
                throw StaffStoreError.duplicateStaff(account.id)
            }
            try db.execute(sql: """
                INSERT INTO console_staff (id, role, password_hash, totp_secret, disabled_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, NULL, ?, ?)
                """, arguments: [account.id, account.role.rawValue, account.passwordHash, account.totpSecret, now, now])
        }
    }

    public func staff(_ id: String) throws -> StaffAccount? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM console_staff WHERE id = ?", arguments: [id]).map(Self.account)
        }
    }

    public func staffAccounts() throws -> [StaffAccount] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM console_staff ORDER BY id").map(Self.account) }
    }

    public func disableStaff(_ id: String, now: Int) throws {
        try write { db in
            try db.execute(sql: "UPDATE console_staff SET disabled_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [now, now, id])
            guard db.changesCount == 1 else { throw StaffStoreError.noStaff(id) }
            try db.execute(sql: "DELETE FROM console_session WHERE staff_id = ?", arguments: [id])
        }
    }

    public func resetStaff(_ id: String, passwordHash: String, totpSecret: String?, now: Int) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE console_staff SET password_hash = ?, totp_secret = ?, disabled_at = NULL, updated_at = ?
                WHERE id = ?
                """, arguments: [passwordHash, totpSecret, now, id])
            guard db.changesCount == 1 else { throw StaffStoreError.noStaff(id) }
            try db.execute(sql: "DELETE FROM console_session WHERE staff_id = ?", arguments: [id])
        }
    }

    public func createStaffSession(_ session: StaffSession) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO console_session (token_hash, staff_id, csrf_token, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.staffID, session.csrfToken, session.createdAt,
                                 session.lastSeenAt])
        }
    }

    public func staffSession(tokenHash: String) throws -> (session: StaffSession, account: StaffAccount)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.token_hash, s.staff_id, s.csrf_token, s.created_at, s.last_seen_at, a.*
                FROM console_session s JOIN console_staff a ON a.id = s.staff_id WHERE s.token_hash = ?
                """, arguments: [tokenHash]) else { return nil }
            let session = StaffSession(tokenHash: row["token_hash"], staffID: row["staff_id"], csrfToken: row["csrf_token"],
                                       createdAt: row["created_at"], lastSeenAt: row["last_seen_at"])
            return (session, Self.account(row))
        }
    }

    public func touchStaffSession(tokenHash: String, now: Int) throws {
        try write { db in
            try db.execute(sql: "UPDATE console_session SET last_seen_at = ? WHERE token_hash = ?",
                           arguments: [now, tokenHash])
        }
    }

    public func deleteStaffSession(tokenHash: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM console_session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func recordReveal(_ entry: RevealAuditEntry) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO console_reveal_audit (staff_id, case_number, revealed_at) VALUES (?, ?, ?)",
                           arguments: [entry.staffID, entry.caseNumber, entry.revealedAt])
        }
    }

    public func revealAudit(limit: Int) throws -> [RevealAuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT staff_id, case_number, revealed_at FROM console_reveal_audit ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map {
                RevealAuditEntry(staffID: $0["staff_id"], caseNumber: $0["case_number"], revealedAt: $0["revealed_at"])
            }
        }
    }

    private static func account(_ row: Row) -> StaffAccount {
        StaffAccount(id: row["id"], role: StaffRole(rawValue: row["role"]) ?? .viewer, passwordHash: row["password_hash"],
                     totpSecret: row["totp_secret"], disabledAt: row["disabled_at"])
    }
}
