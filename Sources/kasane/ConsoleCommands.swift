import ArgumentParser
import Foundation
import Hummingbird
import KasaneApp
import KasaneConsole
import KasaneMail
import KasaneStore
import KasaneWording
import Logging
import ServiceLifecycle
import UnixSignals

/// `kasane console`: the secretariat's web console, on its own port (loopback by default).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "事務局のコンソール（ブラウザで使う画面）を起動します。フィードとは別のポートで待ち受けます（Ctrl-C で停止）。",
        discussion: """
            アカウントは `kasane staff add ID --role 事務局|議長|閲覧` で作ります（パスワードは標準入力から）。
            既定では 127.0.0.1 だけで待ち受けます。庁内の PC から使うときは、同じマシンで HTTPS を終端して
            http://127.0.0.1:PORT に転送するリバースプロキシを置き、--behind-tls と --trust-forwarded-for を付けてください。
            「招待を送る」でメールも送るには、`kasane invite` と同じ --smtp HOST:PORT（と --smtp-security・--smtp-user・
            --smtp-password-file など）を付けて起動します。送信状況と再送はコンソールの「送信状況」の画面にあります。
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "待ち受けるアドレス。") var host = "127.0.0.1"
    @Option(help: "待ち受けるポート。") var port = 8090
    @Flag(help: "TLS を終端するプロキシの後ろで動かすとき: クッキーに Secure を付けます。") var behindTls = false
    @Flag(help: "ローカルのリバースプロキシの後ろで動かすとき: 接続元アドレスを X-Forwarded-For から取ります。")
    var trustForwardedFor = false
    @Option(help: "操作がないままこの分数が過ぎるとログアウトします。") var idleMinutes = 30
    @Option(help: "テンプレートのフォルダ（既定: $KASANE_TEMPLATES または ./templates。画面は その中の console/）。")
    var templates: String?
    @Option(help: "「招待を送る」が招待（.ics と .eml）を書き出すフォルダ。") var invitations = "out/invitations"
    @OptionGroup(title: "メールの送信（--smtp がなければ招待はファイルに書き出すだけです）") var mail: SMTPOptions
    @Option(help: "次第・議事録を PDF にするヘッドレス Chromium（既定: PATH の chromium があればそれ。なければ HTML だけ）。")
    var pdfRenderer: String?

    func validate() throws {
        guard (1...24 * 60).contains(idleMinutes) else {
            throw ValidationError(wording.say("--idle-minutes \(idleMinutes) は 1 から 1440 までの数で指定してください",
                                              en: "--idle-minutes \(idleMinutes) is outside 1–1440"))
        }
    }

    func run() async throws {
        // Wrong SMTP options (or an unusable password file) stop the console before it listens.
        let relay = try mail.mailRelay()
        let database = try workspace.openSQLite("console")
        let clock = try workspace.clock()
        let calendars = workspace.calendarSource
        // A missing or broken calendars folder stops the console at start, as it does `serve`.
        _ = try calendars.load()
        let configuration = ConsoleConfiguration(
            host: host, port: port, secureCookies: behindTls, trustForwardedFor: trustForwardedFor,
            idleSeconds: idleMinutes * 60,
            templatesFolder: templates ?? ProcessInfo.processInfo.environment["KASANE_TEMPLATES"] ?? "templates",
            invitationsFolder: invitations, relay: relay, language: wording.language,
            pdfRenderer: pdfRenderer ?? Self.chromiumOnPath())
        let app = try await Self.application(configuration: configuration, store: database, calendars: calendars,
                                             clock: clock)
        let shown = host.contains(":") ? "[\(host)]" : host
        print(wording.say("事務局のコンソールを http://\(shown):\(port)/ で開いています（Ctrl-C で停止）",
                          en: "the secretariat's console is at http://\(shown):\(port)/ (Ctrl-C to stop)"))
        print(relay.map { r in
            wording.say("「招待を送る」は SMTP サーバー \(r.host):\(r.port)（\(r.security.rawValue)）から送信します",
                        en: "「招待を送る」 delivers through the SMTP relay \(r.host):\(r.port) (\(r.security.rawValue))")
        } ?? wording.say("SMTP の設定がないため、「招待を送る」は招待をファイルに書き出すだけです（送信するには --smtp HOST:PORT）",
                         en: "no SMTP relay: 「招待を送る」 only writes the invitations as files (give --smtp HOST:PORT to send them)"))
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        print(wording.say("停止しました", en: "stopped"))
    }

    /// `chromium` (or `chromium-browser`) on PATH, when there is one.
    private static func chromiumOnPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The console, a broken page template reported as a refused input.
    private static func application(configuration: ConsoleConfiguration, store: AppDatabase, calendars: CalendarSource,
                                    clock: AppClock) async throws -> some ApplicationProtocol {
        do {
            return try await buildConsoleApplication(configuration: configuration, store: store, calendars: calendars,
                                                     clock: clock, logger: logger)
        } catch let error as ConsoleTemplateError {
            throw InputError(error.description)
        }
    }
}
