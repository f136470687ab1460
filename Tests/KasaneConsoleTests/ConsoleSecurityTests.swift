import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import KasaneApp
import KasaneConsole
import KasaneCore
import KasaneStore
import Testing

/// Every page of the console, as the secretariat opens it (#15).
let consolePages = ["/", "/meetings", "/meetings?month=2026-12", "/cases", "/report", "/audit", "/outbox", "/outbox?failed=1"]

/// Every state-changing action with a valid form except for the CSRF token (#15).
func consoleActions(_ h: ConsoleHarness) throws -> [(String, [(String, String)])] {
    let meeting = try #require(try h.store.sessions().first { !(try h.store.scheduledItems(inSession: $0.id)).isEmpty })
    let number = try #require(try h.store.caseFiles().first?.number)
    return [
        ("/schedule", []), ("/invite", []), ("/joint", [("meeting", meeting.id), ("trigger", "x")]),
        ("/meetings/\(meeting.id)/held", []), ("/meetings/\(meeting.id)/minuted", []),
        ("/cases/\(number)/reveal", []), ("/outbox/resend", []),
        ("/meetings/\(meeting.id)/items/1/decide", [("outcome", "モニタリング実施"), ("by", "sec")]),
    ]
}

/// What a refused request must leave as it was: the workspace version, the reveal audit, the
/// joint acceptances and the meetings' states.
func footprint(_ h: ConsoleHarness) throws -> [String] {
    [String(try h.store.workspaceVersion()), String(try h.store.revealAudit(limit: 1000).count),
     String(try h.store.jointAcceptances().count), try h.store.sessions().map(\.state.rawValue).joined()]
}

@Suite("Console: accounts, sessions, CSRF and roles (#15)")
struct ConsoleSecurityTests {
    @Test("#15 login: the login page sets a login cookie; the session cookie is HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP")
    func loginCookies() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("ログイン"))
            let login = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("kasane_login=") })
            #expect(login.contains("HttpOnly") && login.contains("SameSite=Strict"))
            var b = Browser()
            let r = try await b.login(client, "sec")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/")
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("kasane_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            #expect(!b.csrf.isEmpty)
        }
    }

    @Test("#15 behind TLS: the session cookie is Secure")
    func secureCookie() async throws {
        let h = try ConsoleHarness(configuration: .init(secureCookies: true))
        try await h.app().test(.router) { client in
            var b = Browser()
            let r = try await b.login(client, "sec")
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("kasane_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test("#15 login: a wrong password is refused in Japanese, the account kept in the form, no session written")
    func wrongPassword() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            let r = try await b.login(client, "sec", password: "wrong password 123")
            #expect(r.status == .unauthorized)
            let body = String(buffer: r.body)
            #expect(body.contains("アカウント、パスワード、または確認コードが違います"))
            #expect(body.contains("value=\"sec\""))
            #expect(b.cookies["kasane_session"] == nil)
            let sessions = try h.sessionCount()
            #expect(sessions == 0)
        }
    }

    @Test("#15 login: an empty password gets its message beside the field, the account kept")
    func emptyPassword() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            let r = try await b.login(client, "sec", password: "")
            #expect(r.status == .unprocessableContent)
            let body = String(buffer: r.body)
            #expect(body.contains("id=\"password-error\">パスワードを入力してください"))
            #expect(body.contains("value=\"sec\""))
        }
    }

    @Test("#15 login CSRF: a login POST without the login page's token is refused with 403")
    func loginCSRF() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            let r = try await b.post(client, "/login", [("id", "sec"), ("password", ConsoleHarness.password)], csrf: false)
            #expect(r.status == .forbidden)
            #expect(b.cookies["kasane_session"] == nil)
        }
    }

    @Test("#15 rate limit per account: after 5 failures even the right password is refused (429) for a while")
    func rateLimitPerAccount() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            for _ in 0..<5 {
                var b = Browser()
                let r = try await b.login(client, "sec", password: "wrong password 123")
                #expect(r.status == .unauthorized)
            }
            var b = Browser()
            let blocked = try await b.login(client, "sec")
            #expect(blocked.status == .tooManyRequests)
            #expect(String(buffer: blocked.body).contains("分ほど待ってから"))
            #expect(b.cookies["kasane_session"] == nil)
            h.wall.advance(16 * 60)
            var later = Browser()
            let ok = try await later.login(client, "sec")
            #expect(ok.status == .seeOther)
        }
    }

    @Test("#15 rate limit per address: failures on several accounts from one address block the address")
    func rateLimitPerAddress() async throws {
        let h = try ConsoleHarness(configuration: .init(loginFailuresPerAddress: 3))
        try await h.app().test(.router) { client in
            for id in ["a1", "a2", "a3"] {
                var b = Browser()
                _ = try await b.login(client, id, password: "wrong password 123")
            }
            var b = Browser()
            let r = try await b.login(client, "chair")
            #expect(r.status == .tooManyRequests)
        }
    }

    @Test("#15 session fixation: a session cookie chosen before login is never the one after it, and never signs in")
    func sessionFixation() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            let planted = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            b.cookies["kasane_session"] = planted
            let r = try await b.login(client, "sec")
            #expect(r.status == .seeOther)
            let issued = try #require(b.cookies["kasane_session"])
            #expect(issued != planted)
            var attacker = Browser()
            attacker.cookies["kasane_session"] = planted
            let page = try await attacker.get(client, "/")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
        }
    }

    @Test("#15 no session: every page redirects to the login page", arguments: consolePages)
    func pagesNeedLogin(_ path: String) async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            let r = try await client.execute(uri: path, method: .get)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/login")
        }
    }

    @Test("#15 no session: every action redirects to the login page and writes nothing")
    func actionsNeedLogin() async throws {
        let h = try ConsoleHarness()
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            for (path, fields) in try consoleActions(h) {
                var b = Browser()
                let r = try await b.post(client, path, fields, csrf: false)
                #expect(r.status == .seeOther, "\(path)")
                #expect(r.headers[.location] == "/login", "\(path)")
            }
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 CSRF: a missing or forged token on every action gets 403 and writes nothing", arguments: [nil, "forged-token-forged-token-forged-token-xx"])
    func csrfRefused(_ token: String?) async throws {
        let h = try ConsoleHarness()
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let real = b.csrf
            for (path, fields) in try consoleActions(h) {
                b.csrf = token ?? ""
                let r = try await b.post(client, path, fields, csrf: token != nil)
                #expect(r.status == .forbidden, "\(path)")
                #expect(String(buffer: r.body).contains("確認用トークンが合いません"), "\(path)")
            }
            b.csrf = real
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 roles: a 閲覧 account's direct POSTs to every action get 403 and write nothing")
    func viewerCannotWrite() async throws {
        let h = try ConsoleHarness()
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            for (path, fields) in try consoleActions(h) {
                let r = try await b.post(client, path, fields)
                #expect(r.status == .forbidden, "\(path)")
                #expect(String(buffer: r.body).contains("あなたの役割: 閲覧"), "\(path)")
            }
            let audit = try await b.get(client, "/audit")
            #expect(audit.status == .forbidden)
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 roles: a 議長 may not reveal personal details, schedule, invite or mark held (403)")
    func chairCannotReveal() async throws {
        let h = try ConsoleHarness()
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            for (path, fields) in try consoleActions(h) where !path.hasSuffix("/decide") {
                let r = try await b.post(client, path, fields)
                #expect(r.status == .forbidden, "\(path)")
            }
            let number = try #require(try h.store.caseFiles().first?.number)
            let page = try await b.get(client, "/cases/\(number)")
            #expect(!String(buffer: page.body).contains("/reveal"))
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 expiry: a session idle longer than the limit is ended and sent to the login page with a message")
    func idleExpiry() async throws {
        let h = try ConsoleHarness(configuration: .init(idleSeconds: 600))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            h.wall.advance(300)
            let still = try await b.get(client, "/")
            #expect(still.status == .ok)
            h.wall.advance(601)
            let expired = try await b.get(client, "/")
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/login?expired=1")
            let sessions = try h.sessionCount()
            #expect(sessions == 0)
            let login = try await b.get(client, "/login?expired=1")
            #expect(String(buffer: login.body).contains("しばらく操作がなかったため"))
        }
    }

    @Test("#15 logout ends the session: the old cookie no longer signs in")
    func logout() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let old = try #require(b.cookies["kasane_session"])
            let r = try await b.post(client, "/logout", [])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/login")
            var replay = Browser()
            replay.cookies["kasane_session"] = old
            let page = try await replay.get(client, "/")
            #expect(page.status == .seeOther)
        }
    }

    @Test("#15 staff disable ends the account's sessions; reset enables it with the new password only")
    func disableAndReset() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            try StaffAccounts(store: h.store, cost: 4).disable("chair")
            let page = try await b.get(client, "/")
            #expect(page.status == .seeOther)
            var again = Browser()
            let refused = try await again.login(client, "chair")
            #expect(refused.status == .unauthorized)
            try StaffAccounts(store: h.store, cost: 4).reset("chair", password: "a brand new password", totp: false)
            var old = Browser()
            let oldPassword = try await old.login(client, "chair")
            #expect(oldPassword.status == .unauthorized)
            var fresh = Browser()
            let ok = try await fresh.login(client, "chair", password: "a brand new password")
            #expect(ok.status == .seeOther)
        }
    }

    @Test("#15 TOTP: an account with a second factor needs the current code")
    func totp() async throws {
        let h = try ConsoleHarness()
        let secret = try #require(try StaffAccounts(store: h.store, cost: 4).add("otp", role: .viewer,
                                                                                  password: ConsoleHarness.password, totp: true))
        try await h.app().test(.router) { client in
            var without = Browser()
            let refused = try await without.login(client, "otp")
            #expect(refused.status == .unauthorized)
            var wrong = Browser()
            let code = TOTP(secret: secret).compute(date: h.wall.now)
            let bad = try await wrong.login(client, "otp", code: String(format: "%06d", (code + 1) % 1_000_000))
            #expect(bad.status == .unauthorized)
            var right = Browser()
            let ok = try await right.login(client, "otp", code: String(format: "%06d", code))
            #expect(ok.status == .seeOther)
        }
    }

    @Test("#15 accounts: bcrypt hashes only; a short password, a bad id and a duplicate are refused in Japanese")
    func accountRules() throws {
        let h = try ConsoleHarness()
        let stored = try #require(try h.store.staff("sec"))
        #expect(stored.passwordHash.hasPrefix("$2"))
        #expect(!stored.passwordHash.contains(ConsoleHarness.password))
        let accounts = StaffAccounts(store: h.store, cost: 4)
        #expect(throws: StaffAccountProblem.passwordTooShort(minimum: 12)) {
            try accounts.add("new", role: .viewer, password: "short", totp: false)
        }
        #expect(throws: StaffAccountProblem.badID("山田 太郎")) {
            try accounts.add("山田 太郎", role: .viewer, password: ConsoleHarness.password, totp: false)
        }
        #expect(throws: StaffStoreError.duplicateStaff("sec")) {
            try accounts.add("sec", role: .viewer, password: ConsoleHarness.password, totp: false)
        }
        #expect(try h.store.staff("new") == nil)
    }

    @Test("#15 storage: migration v9 has its exact name, and the reveal audit refuses UPDATE and DELETE")
    func migration() throws {
        let h = try ConsoleHarness()
        let queue = try DatabaseQueue(path: h.folder.path("kasane.sqlite"))
        let names = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(names.contains("v9: console staff, sessions and reveal audit"))
        try h.store.recordReveal(RevealAuditEntry(staffID: "sec", caseNumber: "R8-1", revealedAt: 1))
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "DELETE FROM console_reveal_audit") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { try $0.execute(sql: "UPDATE console_reveal_audit SET staff_id = 'x'") }
        }
    }
}

extension ConsoleHarness {
    /// The number of stored console sessions.
    func sessionCount() throws -> Int {
        let queue = try DatabaseQueue(path: folder.path("kasane.sqlite"))
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM console_session") ?? 0 }
    }
}
