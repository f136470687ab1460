import Foundation
import HTTPTypes
import NIOCore
public import Hummingbird
public import KasaneApp
import KasaneCore
import KasaneDocuments
public import KasaneStore
import KasaneWording
public import Logging

/// Builds the secretariat's console: the same function `kasane console` and the tests use.
///
/// Every page reads the workspace as it is at the request (a change made by the CLI in another
/// process shows on the next request): what is made from the whole city is worked out once per
/// workspace change and shared between requests (`CityView`); every action goes through the application layer's use
/// cases (`Scheduling`, `Meetings`, `Invitations`, `Outbox`, `Cases`, `Decisions`, `MeetingDocuments`,
/// `Reports`). Roles are checked on the server for every route; every POST carries the session's
/// CSRF token. The log names routes and account ids, never a person's details.
/// - Throws: `ConsoleTemplateError` when a page template is missing or broken.
public func buildConsoleApplication(
    configuration: ConsoleConfiguration, store: AppDatabase, calendars: CalendarSource, clock: AppClock,
    logger: Logger
) async throws -> some ApplicationProtocol {
    let console = Console(configuration: configuration, store: store, calendars: calendars, clock: clock,
                          logger: logger, pages: try await Pages(folder: configuration.templatesFolder))
    let router = Router(context: ConsoleRequestContext.self)
    console.addRoutes(to: router)
    return Application(router: router,
                       configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
                       logger: logger)
}

/// What the console may let a role do.
enum Permission: Sendable {
    /// Read the pages (no personal details).
    case read
    /// Record a decision, read the master copies (議長, 事務局).
    case decide
    /// Everything else that writes, and revealing personal details (事務局 only).
    case secretariat

    func allows(_ role: StaffRole) -> Bool {
        switch self {
        case .read: true
        case .decide: role == .secretariat || role == .chair
        case .secretariat: role == .secretariat
        }
    }
}

/// The signed-in user of a request.
struct Signed: Sendable {
    let account: StaffAccount
    let session: StaffSession
}

/// The common part of every signed-in page: who is signed in, the CSRF token for its forms, and
/// what the navigation may offer.
struct Chrome: Sendable {
    let title: String
    let staffID: String
    let role: String
    let csrf: String
    let isSecretariat: Bool
    let canDecide: Bool
}

extension Chrome {
    /// The chrome of a page kept between requests, before the request's is filled in.
    static let unset = Chrome(title: "", staffID: "", role: "", csrf: "", isSecretariat: false, canDecide: false)
}

/// A message on a page (a refusal or a result).
struct Notice: Sendable {
    let text: String
    let isError: Bool
}

/// The console: its configuration, the workspace, the pages and the login limiter.
struct Console: Sendable {
    static let sessionCookie = "kasane_session"
    static let loginCookie = "kasane_login"

    let configuration: ConsoleConfiguration
    let store: AppDatabase
    let calendars: CalendarSource
    let clock: AppClock
    let logger: Logger
    let pages: Pages
    let limiter: LoginLimiter
    let catalogue: Catalogue
    let memo = ConsoleMemo()

    init(configuration: ConsoleConfiguration, store: AppDatabase, calendars: CalendarSource, clock: AppClock,
         logger: Logger, pages: Pages) {
        self.configuration = configuration
        self.store = store
        self.calendars = calendars
        self.clock = clock
        self.logger = logger
        self.pages = pages
        limiter = LoginLimiter(perAccount: configuration.loginFailuresPerAccount,
                               perAddress: configuration.loginFailuresPerAddress,
                               window: configuration.loginWindowSeconds)
        catalogue = Catalogue(configuration.language)
    }

    var now: Int { clock.timestamp.seconds }

    /// The calendars folder as it is now (loaded again when a file in it changed).
    func calendarConfiguration() throws -> CalendarConfiguration { try memo.calendarConfiguration(calendars) }

    var documents: DocumentRenderer { DocumentRenderer(templatesFolder: configuration.templatesFolder) }

    func chrome(_ title: String, _ signed: Signed) -> Chrome {
        Chrome(title: title, staffID: signed.account.id, role: signed.account.role.rawValue,
               csrf: signed.session.csrfToken, isSecretariat: signed.account.role == .secretariat,
               canDecide: Permission.decide.allows(signed.account.role))
    }

    // MARK: - Guarding every route

    typealias Handler = @Sendable (Request, ConsoleRequestContext, Signed) async throws -> Response
    typealias FormHandler = @Sendable (Request, ConsoleRequestContext, Signed, Form) async throws -> Response

    /// A GET route for signed-in users with `permission`.
    func get(_ router: Router<ConsoleRequestContext>, _ path: String, _ permission: Permission,
             _ body: @escaping Handler) {
        router.get(RouterPath(path)) { request, context in
            await guarded(request, context, route: path, permission, form: nil) { signed, _ in
                try await body(request, context, signed)
            }
        }
    }

    /// A POST route for signed-in users with `permission`, its form checked for the CSRF token first.
    func post(_ router: Router<ConsoleRequestContext>, _ path: String, _ permission: Permission,
              _ body: @escaping FormHandler) {
        router.post(RouterPath(path)) { request, context in
            let form = await Self.readForm(request)
            return await guarded(request, context, route: path, permission, form: form) { signed, form in
                try await body(request, context, signed, form ?? Form(""))
            }
        }
    }

    static func readForm(_ request: Request) async -> Form {
        guard let buffer = try? await request.body.collect(upTo: 256 * 1024) else { return Form("") }
        return Form(String(buffer: buffer))
    }

    /// The session of the request's cookie, when it is live (not expired, account enabled).
    func liveSession(_ request: Request) throws -> (Signed?, expired: Bool) {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty, token.utf8.count <= 64 else {
            return (nil, false)
        }
        let hash = ConsoleToken.hash(token)
        guard let (session, account) = try store.staffSession(tokenHash: hash) else { return (nil, false) }
        if account.disabledAt != nil || now - session.lastSeenAt > configuration.idleSeconds {
            try store.deleteStaffSession(tokenHash: hash)
            return (nil, true)
        }
        if now - session.lastSeenAt >= 15 { try store.touchStaffSession(tokenHash: hash, now: now) }
        return (Signed(account: account, session: session), false)
    }

    private func guarded(_ request: Request, _ context: ConsoleRequestContext, route: String, _ permission: Permission,
                         form: Form?, _ body: (Signed, Form?) async throws -> Response) async -> Response {
        do {
            let (found, expired) = try liveSession(request)
            guard let signed = found else {
                if expired { logger.notice("console session expired", metadata: ["route": "\(route)"]) }
                if form != nil {
                    logger.notice("console POST without a session refused", metadata: ["route": "\(route)"])
                }
                var r = ConsoleResponses.redirect(expired ? "/login?expired=1" : "/login")
                r.setCookie(clearedCookie(Self.sessionCookie))
                return r
            }
            guard permission.allows(signed.account.role) else {
                logger.notice("console action refused for the role", metadata: [
                    "route": "\(route)", "staff.id": "\(signed.account.id)", "staff.role": "\(signed.account.role)"])
                return messagePage(.forbidden, catalogue(ConsoleMessage.forbidden(role: signed.account.role)),
                                   title: "権限がありません", signed: signed)
            }
            if let form {
                guard let sent = form["csrf"], ConsoleToken.equal(sent, signed.session.csrfToken) else {
                    logger.notice("console form with a wrong CSRF token refused", metadata: [
                        "route": "\(route)", "staff.id": "\(signed.account.id)"])
                    return messagePage(.forbidden, catalogue(ConsoleMessage.csrfRefused), title: "確認できません",
                                       signed: signed)
                }
            }
            return try await body(signed, form)
        } catch {
            logger.error("console request failed", metadata: ["route": "\(route)", "error.type": "\(type(of: error))"])
            return ConsoleResponses.html(.internalServerError, pages.render("message", MessagePage(
                chrome: nil, heading: "エラー", notice: Notice(text: catalogue(ConsoleMessage.internalError), isError: true),
                back: "/")))
        }
    }

    /// A page with one message (a refusal, a result, or an error) and a link back.
    func messagePage(_ status: HTTPResponse.Status, _ text: String, title: String, signed: Signed?,
                     isError: Bool = true, back: String = "/") -> Response {
        ConsoleResponses.html(status, pages.render("message", MessagePage(
            chrome: signed.map { chrome(title, $0) }, heading: title, notice: Notice(text: text, isError: isError),
            back: back)))
    }

    /// The words of a refusal from a use case, as the CLI words it.
    func words(_ error: any Error) -> String {
        if let e = error as? LocatedError, let store = e.storeError {
            return (e.source.map { "\($0): " } ?? "") + catalogue(store)
        }
        if let e = error as? LocatedError { return (e.source.map { "\($0): " } ?? "") + e.message }
        if let worded = error as? any Worded { return worded.words(in: catalogue.language) }
        return catalogue(ConsoleMessage.internalError)
    }

    func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: "/", secure: configuration.secureCookies, httpOnly: true,
               sameSite: .strict)
    }

    func clearedCookie(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true,
               sameSite: .strict)
    }

    // MARK: - Routes

    func addRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/static/console.css") { _, _ in ConsoleResponses.css(pages.stylesheet) }
        router.get("/healthz") { _, _ in Response(status: .ok, body: .init(byteBuffer: .init(string: "ok\n"))) }
        addLoginRoutes(to: router)
        addDashboardRoutes(to: router)
        addMeetingRoutes(to: router)
        addCaseRoutes(to: router)
        addDocumentRoutes(to: router)
        addDecisionRoutes(to: router)
        addReportRoutes(to: router)
        addOutboxRoutes(to: router)
    }
}

/// `message.mustache`.
struct MessagePage: Sendable {
    let chrome: Chrome?
    let heading: String
    let notice: Notice
    let back: String
}
