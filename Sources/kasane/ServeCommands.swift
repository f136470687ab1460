import ArgumentParser
import Foundation
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneServer
import KasaneStore
import KasaneStorePostgres
import KasaneWording
import Logging
import ServiceLifecycle
import UnixSignals

/// `kasane serve`: the agencies' feeds over HTTP until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "機関ごとのカレンダーフィードを、その機関だけが知る URL で配信します（Ctrl-C で正しく停止します）。",
        discussion: """
            経路: GET/HEAD /feeds/TOKEN.ics、/healthz、/robots.txt。フィードの URL は
            `kasane feed-token issue AGENCY` で発行します。読み出しはすべて監査ログに
            残ります（`kasane audit feeds`）。

            既定では 127.0.0.1 で待ち受けます。TLS には、同じマシンで HTTPS を終端して
            http://127.0.0.1:PORT に転送するリバースプロキシ（nginx、Caddy）を置き、
            --trust-forwarded-for を付けてください。監査ログと失敗回数の制限が本当の
            接続元アドレスを見るようになります。nginx では:
              location /feeds/ {
                proxy_pass http://127.0.0.1:8080;
                proxy_set_header X-Forwarded-For $remote_addr;
                access_log off;   # URL にトークンが含まれるため
              }
            --base-url（または KASANE_BASE_URL）に公開する https:// のアドレスを指定すると、
            `feed-token issue` が機関の購読する URL を表示します。
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "待ち受けるアドレス。") var host = "127.0.0.1"
    @Option(help: "待ち受けるポート。") var port = 8080
    @Option(help: "フィードの公開ベース URL（既定: $KASANE_BASE_URL、なければ http://HOST:PORT）。")
    var baseURL: String?
    @Flag(help: "ローカルのリバースプロキシの後ろで動かすとき: 接続元アドレスを X-Forwarded-For から取ります。")
    var trustForwardedFor = false
    @Option(help: "一つの TCP 接続元アドレスが同時に持てる接続の上限（ローカルのプロキシの後ろでは、その接続プールより大きく）。")
    var maxConnectionsPerAddress = 64
    @Option(help: .hidden) var staticFeed: String?

    func validate() throws {
        guard (1...100_000).contains(maxConnectionsPerAddress) else {
            throw ValidationError(wording.say(
                "--max-connections-per-address \(maxConnectionsPerAddress) は 1 から 100000 までの数で指定してください",
                en: "--max-connections-per-address \(maxConnectionsPerAddress) is outside 1–100000"))
        }
    }

    func run() async throws {
        let database = try workspace.open()
        // On PostgreSQL, other processes' commits arrive by LISTEN/NOTIFY (#16.3).
        (database as? PostgresStore)?.listenForChanges()
        let clock = try workspace.clock()
        let feeds: any FeedProvider
        if let staticFeed {
            feeds = try StaticFeedProvider(document: Self.staticDocument(staticFeed))
        } else {
            // The calendars folder is read once here: a missing or broken one stops `serve` at start (#12.3).
            feeds = try WorkspaceFeedProvider(store: database, calendars: workspace.calendarSource, clock: clock,
                                              logger: logger)
        }
        let configuration = ServerConfiguration(host: host, port: port, trustForwardedFor: trustForwardedFor,
                                                maxConnectionsPerAddress: maxConnectionsPerAddress)
        let active = try database.feedTokens(agency: nil).filter { $0.revokedAt == nil }.count
        let (host, baseURL) = (host, baseURL)
        // Said once the port is bound, with the port itself (the system's choice for `--port 0`),
        // and flushed at once: a supervisor or a test reading the output learns where to connect.
        let app = buildApplication(
            configuration: configuration, feeds: feeds, tokens: DatabaseTokenStore(database: database),
            audit: DatabaseAuditLog(database: database), clock: clock, logger: logger,
            onListening: { bound in
                let base = feedBaseURL(baseURL, default: "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)")
                print(wording.say("\(active) 機関のフィードを \(base)/feeds/TOKEN.ics で配信しています（ポート \(bound)、Ctrl-C で停止）",
                                  en: "serving \(active) agency feed(s) at \(base)/feeds/TOKEN.ics (port \(bound); Ctrl-C to stop)"))
                fflush(nil)  // every output stream: `stdout` itself is not concurrency-safe to name
            })
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        print(wording.say("停止しました", en: "stopped"))
    }

    /// The document served to every agency in benchmark mode (`--static-feed FILE`).
    static func staticDocument(_ path: String) throws -> FeedDocument {
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.cannotRead(path: path) }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        return FeedDocument(body: Array(data), lastModified: UTCTimestamp(seconds: Int(modified.timeIntervalSince1970)))
    }
}

/// `kasane feed-token issue|rotate|revoke AGENCY`: the capability URLs of the agencies' feeds.
struct FeedTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed-token",
        abstract: "機関のフィード URL の発行、更新、取消しと一覧（保存するのは各トークンのハッシュだけです）。",
        subcommands: [Issue.self, Rotate.self, Revoke.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "機関のフィード URL を発行し、一度だけ表示します（有効な URL があるときは断ります。rotate を使ってください）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "機関の id。") var agency: String
        @Option(help: "フィードの公開ベース URL（既定: $KASANE_BASE_URL、なければ http://127.0.0.1:8080）。")
        var baseURL: String?
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let base = try checkedFeedBaseURL(baseURL)
            let issued = try workspace.open().issueFeedToken(agency: agency, now: try workspace.clock().timestamp)
            logger.info("feed token issued", metadata: ["agency.id": "\(agency)", "feed.token_id": "\(issued.id)"])
            try printIssued(issued, revoked: [], base: base, json: json)
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "機関のフィード URL を取り消して新しく発行します（古い URL は次の要求から使えません）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "機関の id。") var agency: String
        @Option(help: "フィードの公開ベース URL（既定: $KASANE_BASE_URL、なければ http://127.0.0.1:8080）。")
        var baseURL: String?
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let base = try checkedFeedBaseURL(baseURL)
            let (issued, revoked) = try workspace.open().rotateFeedToken(agency: agency, now: try workspace.clock().timestamp)
            logger.info("feed token rotated", metadata: ["agency.id": "\(agency)", "feed.token_id": "\(issued.id)"])
            try printIssued(issued, revoked: revoked, base: base, json: json)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "機関のフィード URL を取り消します（次の要求から 404 になります）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "機関の id。") var agency: String

        func run() throws {
            let revoked = try workspace.open().revokeFeedTokens(agency: agency, now: try workspace.clock().timestamp)
            logger.info("feed token revoked", metadata: ["agency.id": "\(agency)"])
            print(revokedLine(revoked, agency: agency))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "フィードのトークンを id で一覧します（トークンそのものは表示しません）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "この機関のトークンだけ。") var agency: String?
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let tokens = try workspace.open().feedTokens(agency: agency)
            if json { return try printJSON(tokens) }
            printTable(wording.language == .ja ? ["id", "機関", "発行", "取消し"] : ["id", "agency", "issued", "revoked"], tokens.map {
                [$0.id, $0.agency, tokyoTime($0.issuedAt), $0.revokedAt.map(tokyoTime) ?? "-"]
            })
        }
    }
}

/// `kasane audit feeds`: who read which feed, when, and what was served.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "監査ログ。", subcommands: [Feeds.self])

    struct Feeds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "フィードの読み出し: 日時 (Asia/Tokyo)、機関、トークン id、接続元アドレス、状態、ETag。")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "この機関の読み出しだけ。") var agency: String?
        @Option(help: "この日以降の読み出しだけ（YYYY-MM-DD、Asia/Tokyo）。") var since: String?
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let from = try since.map { UTCTimestamp(seconds: try parseDate($0, flag: "--since").dayNumber * 86400 - 9 * 3600) }
            let rows = try workspace.open().feedAudit(agency: agency, since: from, limit: nil)
            if json { return try printJSON(rows.map(AuditRow.init)) }
            printTable(wording.language == .ja ? ["日時", "機関", "トークン", "接続元", "状態", "etag"]
                           : ["at", "agency", "token", "client", "status", "etag"], rows.map {
                [tokyoTime($0.at), $0.agency ?? "-", $0.tokenID ?? "-", $0.client, String($0.status), $0.etag ?? "-"]
            })
        }
    }

    /// An audit row as `--json` prints it.
    struct AuditRow: Encodable {
        let at: String, agency: String?, tokenID: String?, client: String, status: Int, etag: String?

        init(_ e: FeedAuditEntry) {
            at = tokyoTime(e.at)
            agency = e.agency
            tokenID = e.tokenID
            client = e.client
            status = e.status
            etag = e.etag
        }
    }
}

// MARK: - Helpers

/// The feed base URL from the flag, $KASANE_BASE_URL or the default, without a trailing slash.
func feedBaseURL(_ flag: String?, default fallback: String = "http://127.0.0.1:8080") -> String {
    var url = flag ?? ProcessInfo.processInfo.environment["KASANE_BASE_URL"] ?? fallback
    while url.hasSuffix("/") { url.removeLast() }
    return url
}

private func printIssued(_ issued: IssuedFeedToken, revoked: [String], base: String, json: Bool) throws {
    let url = "\(base)/feeds/\(issued.secret).ics"
    if json {
        struct Out: Encodable { let agency: String, tokenID: String, url: String, revoked: [String] }
        return try printJSON(Out(agency: issued.agency, tokenID: issued.id, url: url, revoked: revoked))
    }
    if !revoked.isEmpty { print(revokedLine(revoked, agency: issued.agency)) }
    print(wording.say("機関 \(issued.agency) のフィード URL（トークン \(issued.id)）。表示はこの一度だけです。秘密にしてください:",
                      en: "feed URL of agency \(issued.agency) (token \(issued.id)); shown once, keep it secret:"))
    print(url)
}

private func revokedLine(_ revoked: [String], agency: String) -> String {
    wording.say("機関 \(agency) のトークン \(revoked.joined(separator: ", ")) を取り消しました",
                en: "revoked \(revoked.joined(separator: ", ")) for agency \(agency)")
}

/// `2026-11-26 09:15:00` in Asia/Tokyo (UTC+9, no daylight saving).
func tokyoTime(_ t: UTCTimestamp) -> String {
    let local = UTCTimestamp(seconds: t.seconds + 9 * 3600)
    let s = local.secondOfDay
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(local.date) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
}
