import Foundation
import PostgresNIO

/// Where a PostgreSQL workspace is: a `postgresql://USER@HOST[:PORT]/DATABASE` URL (with
/// `?host=/socket/folder` for a Unix socket), and the password from a file, never from the URL or
/// a flag (they end up in shell history, process lists and logs).
public struct PostgresLocation: Sendable, Hashable {
    public var user: String
    /// A TCP host, or nil with `socketFolder`.
    public var host: String?
    public var port: Int
    /// The folder of the server's Unix socket (`?host=/folder`).
    public var socketFolder: String?
    public var database: String

    /// Whether `text` names a PostgreSQL database (and not an SQLite file).
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `text`. - Throws: `PostgresStoreError.badURL`.
    public init(url text: String) throws {
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw PostgresStoreError.badURL(Self.redacted(text), problem: .scheme)
        }
        if url.password != nil { throw PostgresStoreError.badURL(Self.redacted(text), problem: .passwordInURL) }
        guard let user = url.user?.removingPercentEncoding, !user.isEmpty else {
            throw PostgresStoreError.badURL(text, problem: .noUser)
        }
        let database = String(url.path.dropFirst())
        guard !database.isEmpty else { throw PostgresStoreError.badURL(text, problem: .noDatabase) }
        self.user = user
        self.database = database.removingPercentEncoding ?? database
        port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresStoreError.badURL(text, problem: .badPort) }
        host = url.host.flatMap { $0.isEmpty ? nil : $0 }
        for item in url.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("host", let value?) where value.hasPrefix("/"):
                socketFolder = value
            case ("sslmode", "disable"):
                continue
            default:
                throw PostgresStoreError.badURL(text, problem: .unknownParameter(item.name))
            }
        }
        if socketFolder == nil && host == nil { host = "localhost" }
    }

    /// `user@host/database`: how messages name the server.
    public var server: String {
        "\(user)@\(socketFolder ?? host ?? "localhost")\(socketFolder == nil && port != 5432 ? ":\(port)" : "")/\(database)"
    }

    /// The URL with anything after `://` and before `@` left out (a password someone put there).
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex) else {
            return text
        }
        return String(text[..<scheme.upperBound]) + "…" + String(text[at.lowerBound...])
    }

    /// The password for this location: the first line of `passwordFile` when given, else the
    /// matching line of the `PGPASSFILE` file (libpq's format, `*` matching anything), else none.
    /// Either file must be readable by its owner only.
    /// - Throws: `PostgresStoreError.passwordFile`.
    package func password(passwordFile: String?, environment: [String: String]) throws -> String? {
        if let passwordFile {
            let text = try Self.privateFile(passwordFile)
            return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        }
        guard let pgpass = environment["PGPASSFILE"], !pgpass.isEmpty else { return nil }
        let text = try Self.privateFile(pgpass)
        let hostField = socketFolder ?? host ?? "localhost"
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [hostField, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        throw PostgresStoreError.passwordFile(path: pgpass, problem: .noEntry)
    }

    /// The fields of a `.pgpass` line (`:` separates, `\` escapes).
    static func pgpassFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == ":" {
                fields.append(current)
                current = ""
            } else { current.append(c) }
        }
        fields.append(current)
        return fields
    }

    private static func privateFile(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw PostgresStoreError.passwordFile(path: path, problem: .unreadable)
        }
        guard info.st_mode & 0o077 == 0 else { throw PostgresStoreError.passwordFile(path: path, problem: .tooOpen) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The connection configuration (TLS off: a local socket or a loopback port).
    func configuration(password: String?) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketFolder {
            configuration = .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password,
                                  database: database)
        } else {
            configuration = .init(host: host ?? "localhost", port: port, username: user, password: password,
                                  database: database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}

/// Tenant ids: what `--tenant` names.
public enum PostgresTenant {
    /// Whether `id` is 1–32 lowercase ASCII letters, digits and hyphens, not starting with a hyphen
    /// (the schema's CHECK; it is also what makes `SET LOCAL kasane.tenant = '…'` safe).
    public static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...32).contains(bytes.count), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { b in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
                || b == UInt8(ascii: "-")
        }
    }
}
