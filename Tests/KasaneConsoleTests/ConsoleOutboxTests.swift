import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneConsole
import KasaneCore
import KasaneStore
import KasaneTestSupport
import KasaneWording
import Testing

/// Issue 15: 「招待を送る」 delivers through the console's relay with the same use case as
/// `kasane invite --smtp` (`Invitations.send`, then `Outbox.deliver`), and the 送信状況 page lists
/// the outbox and resumes what is left (「未送信を再送」), against a local SMTP sink
/// (`scripts/smtp_sink.py`, PyPI aiosmtpd).
@Suite("Console: invitations through the relay, the outbox page and resending (#15)")
struct ConsoleOutboxTests {
    /// Runs `body` with a local SMTP sink (refusing the `failNth` messages with 451) and the
    /// harness whose console relays to it; the sink stops after.
    static func withSink(failNth: [Int] = [], _ body: (SMTPSinkProcess, ConsoleHarness) async throws -> Void) async throws {
        let sink = try SMTPSinkProcess(failNth: failNth)
        defer { sink.stop() }
        try await body(sink, try ConsoleHarness(configuration: .init(relay: MailRelay(host: "127.0.0.1", port: sink.port))))
    }

    /// The outbox's states, by number.
    static func states(_ h: ConsoleHarness) throws -> [OutboxState] {
        try Outbox.list(store: h.store, failedOnly: false).map(\.state)
    }

    @Test("#15 招待を送る with a relay sends N messages (the sink counts exactly N); a second press sends 0, nothing twice")
    func inviteSendsOnce() async throws {
        try await Self.withSink { sink, h in
            try await h.app().test(.router) { client in
                var b = Browser()
                try await b.login(client, "sec")
                let first = try await b.post(client, "/invite", [])
                let body = String(buffer: first.body)
                #expect(first.status == .ok, "\(body)")
                let entries = try Outbox.list(store: h.store, failedOnly: false)
                let n = entries.count
                try #require(n > 0, "the demo invites somebody")
                #expect(entries.allSatisfy { $0.state == .sent })
                #expect(body.contains("招待 \(n) 通を") && body.contains("送信箱に記録しました"), "\(body)")
                #expect(body.contains("メールを \(n) 通送信しました。送信箱に残っているもの: 送信待ち 0 通・失敗 0 通"), "\(body)")
                let received = try sink.messageIDs()
                #expect(received.count == n, "the sink got exactly the \(n) messages of the outbox")
                #expect(Set(received) == Set(entries.map { "<\($0.draft.messageID)>" }))
                #expect(try sink.envelopes().compactMap { ($0["rcpt_tos"] as? [String])?.first }
                            .sorted() == entries.map(\.draft.recipient).sorted())

                let second = try await b.post(client, "/invite", [])
                let again = String(buffer: second.body)
                #expect(second.status == .ok)
                #expect(again.contains("送る招待はありません") && again.contains("メールを 0 通送信しました"), "\(again)")
                #expect(try sink.messageIDs().count == n, "a second press sends nothing")
                #expect(try Outbox.list(store: h.store, failedOnly: false).count == n)
            }
        }
    }

    @Test("#15 招待を送る from a meeting's page: the result shows on that page, which links to its 送信状況")
    func inviteFromTheMeetingPage() async throws {
        try await Self.withSink { _, h in
            let meeting = try h.meetingWithItems()
            try await h.app().test(.router) { client in
                var b = Browser()
                try await b.login(client, "sec")
                let page = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
                #expect(page.contains("name=\"meeting\" value=\"\(meeting.id)\""))
                #expect(page.contains("href=\"/outbox?meeting=\(meeting.id)\""))
                let r = try await b.post(client, "/invite", [("meeting", meeting.id)])
                let body = String(buffer: r.body)
                #expect(r.status == .ok)
                #expect(body.contains("<h1>会議 \(meeting.id)") && body.contains("通送信しました"), "\(body)")
                let keys = Set(try h.store.scheduledItems(inSession: meeting.id).map(\.calendarKey))
                let mine = try Outbox.list(store: h.store, failedOnly: false).filter { keys.contains($0.draft.triggerID) }
                #expect(!mine.isEmpty)
                let listed = String(buffer: try await b.get(client, "/outbox?meeting=\(meeting.id)").body)
                for e in mine { #expect(listed.contains("<td>\(e.number)</td>")) }
                let others = try Outbox.list(store: h.store, failedOnly: false).filter { !keys.contains($0.draft.triggerID) }
                for e in others { #expect(!listed.contains("<td>\(e.number)</td>")) }
            }
        }
    }

    @Test("#15 the relay refuses the 1st message (451): the page names the reason and what is left; 未送信を再送 sends the rest and the refused one once")
    func stoppedThenResent() async throws {
        try await Self.withSink(failNth: [1]) { sink, h in
            try await h.app().test(.router) { client in
                var b = Browser()
                try await b.login(client, "sec")
                let first = try await b.post(client, "/invite", [])
                let body = String(buffer: first.body)
                #expect(first.status == .badGateway)
                let n = try Self.states(h).count
                try #require(n > 1)
                #expect(try Self.states(h) == [.failed] + Array(repeating: .queued, count: n - 1))
                #expect(body.contains("送信が途中で止まりました: SMTP 本文の送信: サーバーが 451 で断りました"), "\(body)")
                #expect(body.contains("今回 0 通を送信し、送信箱に送信待ち \(n - 1) 通・失敗 1 通が残っています"), "\(body)")
                #expect(try sink.messageIDs().isEmpty)

                let outbox = String(buffer: try await b.get(client, "/outbox").body)
                #expect(outbox.contains("SMTP サーバー 127.0.0.1:\(sink.port)（none）"))
                #expect(outbox.contains("未送信を再送（\(n) 通）"))
                #expect(outbox.contains(escaped(Catalogue(.ja)(OutboxState.failed))))
                #expect(outbox.contains("451"), "the failure's reason is listed")
                let failed = String(buffer: try await b.get(client, "/outbox?failed=1").body)
                #expect(failed.components(separatedBy: "<tr class=\"overdue\">").count - 1 == 1, "only the failed one")

                let resent = try await b.post(client, "/outbox/resend", [])
                let text = String(buffer: resent.body)
                #expect(resent.status == .ok)
                #expect(text.contains("メールを \(n) 通送信しました（うち 1 通は失敗した分の再送）"), "\(text)")
                #expect(try Self.states(h) == Array(repeating: .sent, count: n))
                let received = try sink.messageIDs()
                #expect(received.count == n && Set(received).count == n, "every message once")
                #expect(!text.contains("未送信を再送（"), "nothing left: no button")

                let again = try await b.post(client, "/outbox/resend", [])
                #expect(String(buffer: again.body).contains("メールを 0 通送信しました"))
                #expect(try sink.messageIDs().count == n, "a second press sends nothing")
            }
        }
    }

    /// Who may not resend: 閲覧 and 議長 (403 by role), 事務局 without or with a forged token (403 by CSRF).
    static let refusals: [(account: String, token: String?, words: String)] = [
        ("viewer", nil, "あなたの役割: 閲覧"), ("chair", nil, "あなたの役割: 議長"),
        ("sec", "", "確認用トークンが合いません"), ("sec", "forged-token-forged-token-forged-token-xx", "確認用トークンが合いません"),
    ]

    @Test("#15 未送信を再送: 閲覧 and 議長 get 403 (the page too), a missing or forged CSRF token 403; nothing is sent",
          arguments: refusals)
    func resendRefused(_ refusal: (account: String, token: String?, words: String)) async throws {
        try await Self.withSink(failNth: [1]) { sink, h in
            try await h.app().test(.router) { client in
                var sec = Browser()
                try await sec.login(client, "sec")
                #expect(try await sec.post(client, "/invite", []).status == .badGateway)
            }
            let before = try Self.states(h)
            try #require(before.contains(.queued))
            try await h.app().test(.router) { client in
                var b = Browser()
                try await b.login(client, refusal.account)
                if refusal.account != "sec" {
                    let page = try await b.get(client, "/outbox")
                    #expect(page.status == .forbidden)
                    #expect(!String(buffer: try await b.get(client, "/").body).contains("href=\"/outbox\""))
                }
                if let token = refusal.token { b.csrf = token }
                let r = try await b.post(client, "/outbox/resend", [], csrf: refusal.token != "")
                #expect(r.status == .forbidden)
                #expect(String(buffer: r.body).contains(refusal.words))
            }
            #expect(try Self.states(h) == before, "nothing moved in the outbox")
            #expect(try sink.messageIDs().isEmpty, "nothing reached the sink")
        }
    }

    @Test("#15 without a relay: 招待を送る writes files only and says so; 送信状況 says there is no SMTP, has no button, and a direct POST is refused")
    func withoutRelay() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let invite = String(buffer: try await b.post(client, "/invite", []).body)
            #expect(invite.contains("SMTP の設定がないため、メールは送っていません"), "\(invite)")
            let entries = try Outbox.list(store: h.store, failedOnly: false)
            #expect(!entries.isEmpty && entries.allSatisfy { $0.state == .written })
            let page = try await b.get(client, "/outbox")
            let body = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(body.contains("SMTP の設定なしで起動しているため、メールは送れません"))
            #expect(!body.contains("action=\"/outbox/resend\""))
            #expect(body.contains(escaped(Catalogue(.ja)(OutboxState.written))))
            let r = try await b.post(client, "/outbox/resend", [])
            #expect(r.status == .unprocessableContent)
            #expect(String(buffer: r.body).contains(escaped(Catalogue(.ja)(ConsoleMessage.noRelay))))
            #expect(try Outbox.list(store: h.store, failedOnly: false) == entries)
        }
    }
}
