public import KasaneApp
public import KasaneWording

/// Where the console listens and its session and login limits (#15).
public struct ConsoleConfiguration: Sendable {
    /// Loopback by default: the console is for the office network behind a reverse proxy.
    public var host: String
    public var port: Int
    /// Set the `Secure` attribute on cookies (behind a TLS-terminating proxy).
    public var secureCookies: Bool
    /// Take the client address from the last `X-Forwarded-For` entry when the peer is loopback.
    public var trustForwardedFor: Bool
    /// A session ends after this many seconds without a request.
    public var idleSeconds: Int
    /// Failed logins allowed per account, and per client address, within `loginWindowSeconds`.
    public var loginFailuresPerAccount: Int
    public var loginFailuresPerAddress: Int
    public var loginWindowSeconds: Int
    /// The folder of the document templates; the console's pages are in its `console/` folder.
    public var templatesFolder: String
    /// Where `招待を送る` writes the invitations (.ics and .eml per person).
    public var invitationsFolder: String
    /// The SMTP relay `招待を送る` and `未送信を再送` deliver the outbox through (`kasane console
    /// --smtp …`, built once at start); `nil`: invitations are written as files only.
    public var relay: MailRelay?
    /// The language of the worded refusals (the pages themselves are Japanese).
    public var language: Language
    /// A headless Chromium that turns a printable page into PDF (`--print-to-pdf`), when the
    /// machine has one; without it the documents are HTML only (printed from the browser).
    public var pdfRenderer: String?

    public init(host: String = "127.0.0.1", port: Int = 8090, secureCookies: Bool = false,
                trustForwardedFor: Bool = false, idleSeconds: Int = 30 * 60, loginFailuresPerAccount: Int = 5,
                loginFailuresPerAddress: Int = 20, loginWindowSeconds: Int = 15 * 60,
                templatesFolder: String = "templates", invitationsFolder: String = "out/invitations",
                relay: MailRelay? = nil, language: Language = .ja, pdfRenderer: String? = nil) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.idleSeconds = idleSeconds
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginFailuresPerAddress = loginFailuresPerAddress
        self.loginWindowSeconds = loginWindowSeconds
        self.templatesFolder = templatesFolder
        self.invitationsFolder = invitationsFolder
        self.relay = relay
        self.language = language
        self.pdfRenderer = pdfRenderer
    }
}
