import Synchronization

/// Failed logins counted per account and per client address over a sliding window (#15):
/// past the limit, logins are refused until old failures leave the window.
final class LoginLimiter: Sendable {
    private let failures = Mutex<[String: [Int]]>([:])
    let perAccount: Int, perAddress: Int, window: Int

    init(perAccount: Int, perAddress: Int, window: Int) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Whether a login for `account` from `address` is refused now.
    func blocked(account: String, address: String, now: Int) -> Bool {
        let (byAccount, byAddress) = failures.withLock { table in
            (table["a:" + account, default: []].filter { $0 > now - window }.count,
             table["p:" + address, default: []].filter { $0 > now - window }.count)
        }
        return byAccount >= perAccount || byAddress >= perAddress
    }

    /// Counts one failed login.
    func fail(account: String, address: String, now: Int) {
        failures.withLock { table in
            for key in ["a:" + account, "p:" + address] {
                table[key] = table[key, default: []].filter { $0 > now - self.window } + [now]
            }
        }
    }

    /// Forgets the failures of `account` after a successful login.
    func succeed(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: "a:" + account) }
    }
}
