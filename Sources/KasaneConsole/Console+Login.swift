import Foundation
import Logging
import HTTPTypes
import Hummingbird
import KasaneApp
import KasaneStore
import KasaneWording

/// `login.mustache`.
struct LoginPage: Sendable {
    let loginToken: String
    let id: String
    let notice: Notice?
    /// The message beside the account field (wrong credentials are never said to be one field's).
    let idError: String?
    let passwordError: String?
}

extension Console {
    func addLoginRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/login") { request, _ in
            let expired = request.uri.queryParameters.get("expired") != nil
            return loginPage(request, notice: expired ? Notice(text: catalogue(ConsoleMessage.sessionExpired), isError: false) : nil)
        }

        router.post("/login") { request, context in
            let form = await Self.readForm(request)
            let id = form["id"] ?? ""
            // Login CSRF: the form's token must be the one of the login cookie (double submit).
            guard let cookie = request.cookies[Self.loginCookie]?.value, let sent = form["login_token"],
                  ConsoleToken.equal(cookie, sent) else {
                logger.notice("console login form with a wrong token refused")
                return loginPage(request, status: .forbidden,
                                 notice: Notice(text: catalogue(ConsoleMessage.csrfRefused), isError: true))
            }
            let address = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
            if limiter.blocked(account: id, address: address, now: now) {
                logger.notice("console login refused: too many failures")
                return ConsoleResponses.html(.tooManyRequests, pages.render("login", LoginPage(
                    loginToken: cookie, id: id, notice: Notice(
                        text: catalogue(ConsoleMessage.loginBlocked(minutes: configuration.loginWindowSeconds / 60)),
                        isError: true), idError: nil, passwordError: nil)))
            }
            var idError: String?, passwordError: String?
            if id.isEmpty { idError = catalogue(ConsoleMessage.required(label: "アカウント")) }
            if (form.raw("password") ?? "").isEmpty { passwordError = catalogue(ConsoleMessage.required(label: "パスワード")) }
            if idError != nil || passwordError != nil {
                return ConsoleResponses.html(.unprocessableContent, pages.render("login", LoginPage(
                    loginToken: cookie, id: id, notice: nil, idError: idError, passwordError: passwordError)))
            }
            let accounts = StaffAccounts(store: store, clock: clock.now)
            guard let account = try accounts.verify(id, password: form.raw("password") ?? "", code: form["code"]) else {
                limiter.fail(account: id, address: address, now: now)
                logger.notice("console login failed")
                return ConsoleResponses.html(.unauthorized, pages.render("login", LoginPage(
                    loginToken: cookie, id: id, notice: Notice(text: catalogue(ConsoleMessage.loginFailed), isError: true),
                    idError: nil, passwordError: nil)))
            }
            limiter.succeed(account: id)
            // Session fixation: whatever session cookie came with the request is ended, and the
            // session is always a new random token chosen here.
            if let old = request.cookies[Self.sessionCookie]?.value, !old.isEmpty, old.utf8.count <= 64 {
                try store.deleteStaffSession(tokenHash: ConsoleToken.hash(old))
            }
            let token = ConsoleToken.generate()
            try store.createStaffSession(StaffSession(tokenHash: ConsoleToken.hash(token), staffID: account.id,
                                                      csrfToken: ConsoleToken.generate(), createdAt: now, lastSeenAt: now))
            logger.info("console login", metadata: ["staff.id": "\(account.id)", "staff.role": "\(account.role)"])
            var r = ConsoleResponses.redirect("/")
            r.setCookie(self.cookie(Self.sessionCookie, token))
            r.setCookie(clearedCookie(Self.loginCookie))
            return r
        }

        post(router, "/logout", .read) { request, _, signed, _ in
            try store.deleteStaffSession(tokenHash: signed.session.tokenHash)
            logger.info("console logout", metadata: ["staff.id": "\(signed.account.id)"])
            var r = ConsoleResponses.redirect("/login")
            r.setCookie(clearedCookie(Self.sessionCookie))
            return r
        }
    }

    /// The login page with a login token (a new one when the request has none).
    func loginPage(_ request: Request, status: HTTPResponse.Status = .ok, notice: Notice?) -> Response {
        let existing = request.cookies[Self.loginCookie]?.value
        let token = existing.flatMap { $0.utf8.count == 43 ? $0 : nil } ?? ConsoleToken.generate()
        var r = ConsoleResponses.html(status, pages.render("login", LoginPage(
            loginToken: token, id: "", notice: notice, idError: nil, passwordError: nil)))
        r.setCookie(cookie(Self.loginCookie, token))
        return r
    }
}
