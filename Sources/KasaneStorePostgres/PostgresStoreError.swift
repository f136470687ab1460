public import KasaneStore

/// What went wrong with a PostgreSQL workspace, with what the operator can do about it (worded in
/// `KasaneWording/PostgresWording.swift`). Messages name the server as `user@host/database`,
/// never a password.
public enum PostgresStoreError: Error, Hashable, Sendable {
    /// `--db` / `KASANE_DB` is not a `postgresql://` URL this store understands.
    case badURL(String, problem: URLProblem)
    /// The password file (`--db-password-file`, `KASANE_DB_PASSWORD_FILE` or `PGPASSFILE`) cannot be used.
    case passwordFile(path: String, problem: PasswordFileProblem)
    /// The server could not be reached or refused the login (`reason`: the server's or the system's text).
    case cannotConnect(server: String, reason: String)
    /// The connection was lost during a command: the transaction was rolled back (by the server).
    /// `duringCommit`: lost while committing, so the server may or may not have committed it.
    case connectionLost(server: String, duringCommit: Bool)
    /// A command on PostgreSQL needs a tenant (municipality): `--tenant` or `KASANE_TENANT`.
    case noTenant
    /// The tenant id is not 1–32 lowercase letters, digits and hyphens.
    case badTenantID(String)
    /// No tenant has this id (or the connection may not see it).
    case unknownTenant(String)
    /// `tenant add` of an id that exists.
    case duplicateTenant(String)
    /// The database's schema is older than this Kasane: the owner role must migrate it first.
    case needsMigration(server: String, at: Int, current: Int)
    /// The database was migrated by a newer Kasane.
    case newerSchema(server: String, at: Int, current: Int)

    /// What is wrong with a database URL.
    public enum URLProblem: Hashable, Sendable {
        /// Not `postgresql://` or `postgres://`.
        case scheme
        /// No user name (`postgresql://USER@host/db`).
        case noUser
        /// No database name after the host.
        case noDatabase
        /// A password in the URL: it would end up in shell history and process lists.
        case passwordInURL
        /// The port is not a number from 1 to 65535.
        case badPort
        /// A query parameter other than `host` (a socket folder) or `sslmode=disable`.
        case unknownParameter(String)
    }

    /// What is wrong with a password file.
    public enum PasswordFileProblem: Hashable, Sendable {
        case unreadable
        /// Readable by others than its owner (it must be 0600 or stricter).
        case tooOpen
        /// A `PGPASSFILE` with no line for this host, port, database and user.
        case noEntry
    }
}

extension PostgresStoreError: StoreOutageError {
    /// The server could not be reached or the connection was lost: it may come back by itself.
    public var isOutage: Bool {
        switch self {
        case .cannotConnect, .connectionLost: true
        default: false
        }
    }
}
