import Foundation
import KasaneTestSupport
import Testing

/// Issue 14, point 6: SMTP as municipalities run it. `invite --smtp` against a local aiosmtpd sink
/// that speaks STARTTLS or implicit TLS with a throw-away certificate made here (openssl) and
/// requires AUTH; the password comes from a 0600 file or `KASANE_SMTP_PASSWORD`, never a flag,
/// and appears nowhere.
@Suite("SMTP with TLS and AUTH against a local TLS sink (#14.6)")
struct SMTPTLSTests {
    static let user = "kasane-jimukyoku"
    static let password = "Tsuki-no-Usagi-8413"

    let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
               "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]

    /// A throw-away CA-less certificate for `localhost` and 127.0.0.1 (self-signed: trusted only
    /// when given as `--smtp-ca-file`), its key, and the sink's password file.
    final class Keys {
        let folder: URL
        var certificate: String { folder.appendingPathComponent("cert.pem").path }
        var key: String { folder.appendingPathComponent("key.pem").path }
        var sinkPassword: String { folder.appendingPathComponent("sink-password").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasane-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                                 "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "openssl could not make the test certificate")
            try (SMTPTLSTests.password + "\n").write(toFile: sinkPassword, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// A 0600 password file in the workspace holding `password`.
    func passwordFile(_ ws: Workspace, _ password: String = Self.password, mode: Int = 0o600) throws -> String {
        let path = try ws.write("smtp-password", password + "\n")
        #expect(chmod(path, mode_t(mode)) == 0)
        return path
    }

    func outbox(_ ws: Workspace) throws -> [[String: Any]] {
        try #require(try ws.ok(["outbox", "--json"], environment: env).json() as? [[String: Any]])
    }

    func scheduled() throws -> Workspace {
        let ws = try Workspace()
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        return ws
    }

    /// Nothing of the password in any output, the outbox, the workspace's bytes or the mails written.
    func expectNoPassword(_ ws: Workspace, _ results: [RunResult]) throws {
        for r in results {
            #expect(!r.stdout.contains(Self.password) && !r.stderr.contains(Self.password), "\(r)")
        }
        let files = FileManager.default.enumerator(atPath: ws.folder.path)?.allObjects as? [String] ?? []
        for file in files where !file.hasSuffix("smtp-password") {
            guard let data = FileManager.default.contents(atPath: ws.folder.appendingPathComponent(file).path) else { continue }
            #expect(data.range(of: Data(Self.password.utf8)) == nil, "the password is in \(file)")
        }
    }

    @Test("#14.6: STARTTLS + AUTH PLAIN delivers every message, the certificate verified against --smtp-ca-file")
    func startTLSPlain() throws {
        let keys = try Keys()
        let sink = try SMTPSinkProcess(options: ["--starttls", keys.certificate, keys.key, "--auth", Self.user, keys.sinkPassword])
        defer { sink.stop() }
        let ws = try scheduled()
        let r = try ws.ok(["invite", "--out", "inv", "--smtp", "localhost:\(sink.port)", "--smtp-security", "starttls",
                           "--smtp-user", Self.user, "--smtp-password-file", try passwordFile(ws), "--smtp-ca-file", keys.certificate],
                          environment: env.merging(["KASANE_LOG_LEVEL": "trace"]) { _, new in new })
        let rows = try outbox(ws)
        #expect(!rows.isEmpty && rows.allSatisfy { $0["state"] as? String == "sent" }, "\(rows)")
        let envelopes = try sink.envelopes()
        #expect(envelopes.count == rows.count)
        for e in envelopes {
            let auth = e["auth"] as? [String: Any]
            #expect(auth?["mechanism"] as? String == "PLAIN" && auth?["login"] as? String == Self.user, "\(e)")
        }
        try expectNoPassword(ws, [r])
    }

    @Test("#14.6: implicit TLS + AUTH LOGIN (the password from KASANE_SMTP_PASSWORD) delivers every message")
    func implicitTLSLogin() throws {
        let keys = try Keys()
        let sink = try SMTPSinkProcess(options: ["--tls", keys.certificate, keys.key, "--auth", Self.user, keys.sinkPassword,
                                             "--auth-mechanisms", "LOGIN"])
        defer { sink.stop() }
        let ws = try scheduled()
        let r = try ws.ok(["invite", "--out", "inv", "--smtp", "127.0.0.1:\(sink.port)", "--smtp-security", "tls",
                           "--smtp-user", Self.user, "--smtp-auth", "login", "--smtp-ca-file", keys.certificate],
                          environment: env.merging(["KASANE_SMTP_PASSWORD": Self.password, "KASANE_LOG_LEVEL": "trace"]) { _, new in new })
        let rows = try outbox(ws)
        #expect(!rows.isEmpty && rows.allSatisfy { $0["state"] as? String == "sent" }, "\(rows)")
        let envelopes = try sink.envelopes()
        #expect(envelopes.count == rows.count)
        #expect(envelopes.allSatisfy { ($0["auth"] as? [String: Any])?["mechanism"] as? String == "LOGIN" }, "\(envelopes)")
        try expectNoPassword(ws, [r])
    }

    @Test("#14.6: a wrong password is refused in Japanese, the message recorded failed, and the password shown nowhere")
    func wrongPassword() throws {
        let keys = try Keys()
        let sink = try SMTPSinkProcess(options: ["--starttls", keys.certificate, keys.key, "--auth", Self.user, keys.sinkPassword])
        defer { sink.stop() }
        let ws = try scheduled()
        let wrong = Self.password + "-wrong"
        let r = try ws.run(["invite", "--out", "inv", "--smtp", "localhost:\(sink.port)", "--smtp-security", "starttls",
                            "--smtp-user", Self.user, "--smtp-password-file", try passwordFile(ws, wrong),
                            "--smtp-ca-file", keys.certificate],
                           environment: env.merging(["KASANE_LOG_LEVEL": "trace"]) { _, new in new })
        #expect(r.status != 0)
        #expect(r.stderr.contains("送信できませんでした") && r.stderr.contains("認証 (AUTH)")
                    && r.stderr.contains("ユーザー名かパスワードが受け付けられませんでした") && r.stderr.contains("535"), "\(r)")
        let rows = try outbox(ws)
        #expect(rows.first?["state"] as? String == "failed", "\(rows)")
        #expect((rows.first?["failure"] as? String)?.contains("ユーザー名かパスワードが受け付けられませんでした") == true)
        #expect(rows.dropFirst().allSatisfy { $0["state"] as? String == "queued" })
        #expect(try sink.envelopes().isEmpty)
        #expect(!r.stderr.contains(wrong) && !r.stdout.contains(wrong))
        try expectNoPassword(ws, [r])
        let refusedLog = try String(contentsOfFile: sink.folder.appendingPathComponent("auth-refused.log").path, encoding: .utf8)
        #expect(refusedLog.contains(Self.user), "the sink saw the login attempt: \(refusedLog)")
    }

    @Test("#14.6: a certificate not trusted is refused by default, before anything is said in the session",
          arguments: ["starttls", "tls"])
    func untrustedCertificate(security: String) throws {
        let keys = try Keys()
        let sink = try SMTPSinkProcess(options: [security == "tls" ? "--tls" : "--starttls", keys.certificate, keys.key,
                                             "--auth", Self.user, keys.sinkPassword])
        defer { sink.stop() }
        let ws = try scheduled()
        let r = try ws.run(["invite", "--out", "inv", "--smtp", "localhost:\(sink.port)", "--smtp-security", security,
                            "--smtp-user", Self.user, "--smtp-password-file", try passwordFile(ws)], environment: env)
        #expect(r.status != 0)
        #expect(r.stderr.contains("SMTP TLS の確立") && r.stderr.contains("証明書を信頼できません")
                    && r.stderr.contains("--smtp-ca-file"), "\(r)")
        #expect((try outbox(ws).first?["failure"] as? String)?.contains("証明書を信頼できません") == true)
        #expect(try sink.envelopes().isEmpty)
        let log = sink.folder.appendingPathComponent("auth-refused.log").path
        #expect(!FileManager.default.fileExists(atPath: log), "no login was tried with an untrusted server")
        try expectNoPassword(ws, [r])
    }

    @Test("#14.6: STARTTLS asked for and not offered: refused, nothing sent in the clear")
    func startTLSNotOffered() throws {
        let sink = try SMTPSinkProcess()
        defer { sink.stop() }
        let ws = try scheduled()
        let r = try ws.run(["invite", "--out", "inv", "--smtp", "127.0.0.1:\(sink.port)", "--smtp-security", "starttls"],
                           environment: env)
        #expect(r.status != 0 && r.stderr.contains("STARTTLS に対応していません"), "\(r)")
        #expect(try sink.envelopes().isEmpty)
    }

    @Test("#14.6, bad input: password options refused before anything is sent",
          arguments: [
            (["--smtp-user", "u"], "暗号化なしではパスワードが平文で流れるため"),
            (["--smtp-user", "u", "--smtp-security", "starttls"], "KASANE_SMTP_PASSWORD"),
            (["--smtp-user", "u", "--smtp-security", "starttls", "--smtp-password-file", "OPEN"], "chmod 600"),
            (["--smtp-user", "u", "--smtp-security", "starttls", "--smtp-password-file", "nowhere"], "ファイルがありません"),
            (["--smtp-auth", "login", "--smtp-security", "starttls"], "--smtp-auth は --smtp-user と一緒に"),
            (["--smtp-security", "ssl"], "--smtp-security 'ssl' は使えない値です"),
          ])
    func badPasswordOptions(options: [String], message: String) throws {
        let sink = try SMTPSinkProcess()
        defer { sink.stop() }
        let ws = try scheduled()
        let open = try passwordFile(ws, mode: 0o644)
        let r = try ws.run(["invite", "--out", "inv", "--smtp", "127.0.0.1:\(sink.port)"] + options.map { $0 == "OPEN" ? open : $0 },
                           environment: env)
        #expect(r.status != 0 && r.stderr.contains(message), "\(r)")
        #expect(try outbox(ws).isEmpty, "nothing recorded")
        #expect(try sink.envelopes().isEmpty)
        try expectNoPassword(ws, [r])
    }
}
