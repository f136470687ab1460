import Crypto
public import Foundation
import HummingbirdBcrypt
import HummingbirdOTP
public import KasaneStore

/// The console's account use cases (`kasane staff add|disable|reset`): bcrypt hashes only, an
/// optional TOTP second factor.
public struct StaffAccounts: Sendable {
    public let store: any StaffStore
    public let clock: @Sendable () -> Date
    /// bcrypt's cost (12 in use; the tests lower it).
    public let cost: UInt8

    public static let minimumPasswordLength = 12

    public init(store: any StaffStore, clock: @escaping @Sendable () -> Date = { Date() }, cost: UInt8 = 12) {
        self.store = store
        self.clock = clock
        self.cost = cost
    }

    /// Adds account `id` with `role`; with `totp`, returns the new TOTP secret (base32) to enrol.
    /// - Throws: `StaffAccountProblem`, `StaffStoreError.duplicateStaff`.
    @discardableResult
    public func add(_ id: String, role: StaffRole, password: String, totp: Bool) throws -> String? {
        try Self.check(id: id)
        let hash = try hashed(password)
        let secret = totp ? Self.newTOTPSecret() : nil
        try store.addStaff(StaffAccount(id: id, role: role, passwordHash: hash, totpSecret: secret), now: now)
        return secret
    }

    /// Disables account `id` and ends its sessions. - Throws: `StaffStoreError.noStaff`.
    public func disable(_ id: String) throws {
        try store.disableStaff(id, now: now)
    }

    /// Sets a new password (and a new TOTP secret with `totp`), enables the account, ends its sessions.
    /// - Throws: `StaffAccountProblem`, `StaffStoreError.noStaff`.
    @discardableResult
    public func reset(_ id: String, password: String, totp: Bool) throws -> String? {
        let hash = try hashed(password)
        let secret = totp ? Self.newTOTPSecret() : nil
        try store.resetStaff(id, passwordHash: hash, totpSecret: secret, now: now)
        return secret
    }

    /// The account `id` when `password` (and `code`, when it has a second factor) are right and
    /// it is not disabled; nil otherwise. A missing account still costs one bcrypt verification.
    public func verify(_ id: String, password: String, code: String?) throws -> StaffAccount? {
        guard let account = try store.staff(id) else {
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: account.passwordHash), account.disabledAt == nil else { return nil }
        if let secret = account.totpSecret {
            guard let code, let entered = Int(code.trimmingCharacters(in: .whitespaces)), code.count == 6 else { return nil }
            let totp = TOTP(secret: secret)
            let date = clock()
            guard [-30.0, 0, 30].contains(where: { totp.compute(date: date.addingTimeInterval($0)) == entered }) else {
                return nil
            }
        }
        return account
    }

    /// The authenticator URL of a secret (for enrolment).
    public static func authenticatorURL(secret: String, id: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: id, issuer: "Kasane")
    }

    private var now: Int { Int(clock().timeIntervalSince1970) }

    private func hashed(_ password: String) throws(StaffAccountProblem) -> String {
        guard !password.isEmpty else { throw .noPassword }
        guard password.count >= Self.minimumPasswordLength else { throw .passwordTooShort(minimum: Self.minimumPasswordLength) }
        guard password.utf8.count <= 72 else { throw .passwordTooLong }
        return Bcrypt.hash(password, cost: cost)
    }

    static func check(id: String) throws(StaffAccountProblem) {
        let allowed = id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
        guard (1...64).contains(id.utf8.count), allowed else { throw .badID(id) }
    }

    /// A hash no password matches quickly (equalises the time of unknown accounts).
    private static let dummyHash = Bcrypt.hash("kasane-no-such-account", cost: 10)

    /// 20 random bytes in base32 (RFC 4648, no padding): 32 characters.
    static func newTOTPSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var rng = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(rng.next() % 32)] })
    }
}

/// Random tokens for cookies and forms: 256 bits in base64url (43 characters).
enum ConsoleToken {
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: rng.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Lowercase hex SHA-256: what the store keeps of a session token.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time independent of where the first difference is.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
