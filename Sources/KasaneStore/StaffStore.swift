public import KasaneCore

/// What a console account may do (#15): 事務局 everything, 議長 read and decide, 閲覧 read only.
public enum StaffRole: String, CaseIterable, Hashable, Sendable, Codable {
    /// The secretariat: schedules, invites, marks meetings held, accepts joint holdings, reveals
    /// personal details, records decisions.
    case secretariat = "事務局"
    /// The chair: reads every page and records decisions.
    case chair = "議長"
    /// Read only: never writes, never sees personal details.
    case viewer = "閲覧"
}

/// A console account as stored: the bcrypt hash of its password, never the password.
public struct StaffAccount: Hashable, Sendable {
    public var id: String
    public var role: StaffRole
    /// bcrypt (`$2b$…`).
    public var passwordHash: String
    /// The base32 TOTP secret, when the account uses a second factor.
    public var totpSecret: String?
    /// When the account was disabled (Unix seconds); nil while it may log in.
    public var disabledAt: Int?

    public init(id: String, role: StaffRole, passwordHash: String, totpSecret: String? = nil, disabledAt: Int? = nil) {
        self.id = id
        self.role = role
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.disabledAt = disabledAt
    }
}

/// A console session as stored: the SHA-256 of its cookie token, never the token.
public struct StaffSession: Hashable, Sendable {
    public var tokenHash: String
    public var staffID: String
    /// The session's CSRF token (put in every state-changing form).
    public var csrfToken: String
    public var createdAt: Int
    public var lastSeenAt: Int

    public init(tokenHash: String, staffID: String, csrfToken: String, createdAt: Int, lastSeenAt: Int) {
        self.tokenHash = tokenHash
        self.staffID = staffID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// One reveal of a case's personal details on the console: who, when, which case.
public struct RevealAuditEntry: Hashable, Sendable {
    public var staffID: String
    public var caseNumber: CaseNumber
    /// Unix seconds.
    public var revealedAt: Int

    public init(staffID: String, caseNumber: CaseNumber, revealedAt: Int) {
        self.staffID = staffID
        self.caseNumber = caseNumber
        self.revealedAt = revealedAt
    }
}

/// A refused account change, worded by the catalogue (`ConsoleWording.swift`).
public enum StaffStoreError: Error, Hashable, Sendable {
    /// An account with this id exists already.
    case duplicateStaff(String)
    /// No account has this id.
    case noStaff(String)
}

/// A refused account request, worded by the catalogue (`ConsoleWording.swift`).
public enum StaffAccountProblem: Error, Hashable, Sendable {
    /// The id is not 1–64 letters, digits, `-`, `_` or `.`.
    case badID(String)
    /// The password is shorter than `minimum` characters.
    case passwordTooShort(minimum: Int)
    /// The password is longer than bcrypt reads (72 bytes).
    case passwordTooLong
    /// The password is missing (empty input).
    case noPassword
}

/// The console's accounts, sessions and reveal audit (#15): a store of its own, apart from the
/// workspace's domain reads and writes (`WorkspaceStore`).
public protocol StaffStore: Sendable {
    /// Adds an account. - Throws: `StaffStoreError.duplicateStaff`.
    func addStaff(_ account: StaffAccount, now: Int) throws
    /// The account `id`, disabled or not.
    func staff(_ id: String) throws -> StaffAccount?
    /// Every account, by id.
    func staffAccounts() throws -> [StaffAccount]
    /// Disables the account and ends its sessions. - Throws: `StaffStoreError.noStaff`.
    func disableStaff(_ id: String, now: Int) throws
    /// Sets a new password hash (and TOTP secret), enables the account and ends its sessions.
    /// - Throws: `StaffStoreError.noStaff`.
    func resetStaff(_ id: String, passwordHash: String, totpSecret: String?, now: Int) throws
    /// Stores a new session.
    func createStaffSession(_ session: StaffSession) throws
    /// The session whose token hashes to `tokenHash`, with its account.
    func staffSession(tokenHash: String) throws -> (session: StaffSession, account: StaffAccount)?
    /// Records activity on a session.
    func touchStaffSession(tokenHash: String, now: Int) throws
    /// Ends a session.
    func deleteStaffSession(tokenHash: String) throws
    /// Appends one reveal to the audit.
    func recordReveal(_ entry: RevealAuditEntry) throws
    /// The reveal audit, newest first, at most `limit` entries.
    func revealAudit(limit: Int) throws -> [RevealAuditEntry]
}
