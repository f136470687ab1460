import Foundation
import HTTPTypes
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneMail
import KasaneStore
import KasaneWording
import Logging
import NIOPosix

/// `outbox.mustache` (事務局 only): every message `招待を送る` (or `kasane invite`) recorded and
/// where it stands, newest first, 50 a page — what `kasane outbox [--failed]` lists — with the
/// 「未送信を再送」 button when the console has a relay and something is left to send (#15).
struct OutboxPage: Sendable {
    struct Row: Sendable {
        let number: Int, state: String, problem: Bool, recipient: String, person: String, triggerID: String
        let method: String, sequence: Int, time: String, attempts: Int
        /// The relay's reply (sent) or why the last attempt failed.
        let detail: String?
    }
    let chrome: Chrome
    /// Only the failed messages and those cut off while sending (`?failed=1`).
    let failedOnly: Bool
    /// The meeting the list is narrowed to (`?meeting=ID`), when it is.
    let meeting: String?
    /// `host:port（security）` of the console's relay; `nil` without `--smtp`.
    let relay: String?
    /// Messages queued or failed: what 「未送信を再送」 would hand to the relay.
    let pending: Int
    let canResend: Bool
    let paging: Paging?
    let rows: [Row]
    let notice: Notice?
}

extension Console {
    func addOutboxRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/outbox", .secretariat) { request, _, signed in
            ConsoleResponses.html(.ok, try outboxPage(signed, request, notice: nil))
        }

        // Resumes the delivery of what is queued or failed through the same use case as `invite
        // --smtp` (`Outbox.deliver`): each message at most once, a cut-off one never on its own.
        post(router, "/outbox/resend", .secretariat) { request, _, signed, _ in
            guard let relay = configuration.relay else {
                logger.notice("console resend refused without a relay", metadata: ["staff.id": "\(signed.account.id)"])
                return ConsoleResponses.html(.unprocessableContent, try outboxPage(
                    signed, request, notice: Notice(text: catalogue(ConsoleMessage.noRelay), isError: true)))
            }
            do {
                let delivery = try await blocking { [self] in
                    try Outbox.deliver(store: store, relay: relay, clock: clock, logger: logger)
                }
                return ConsoleResponses.html(.ok, try outboxPage(signed, request, notice: Notice(
                    text: try deliveredWords(delivery, signed), isError: false)))
            } catch AppError.notDelivered(_, let reason, let delivered, _) {
                return ConsoleResponses.html(.badGateway, try outboxPage(signed, request, notice: Notice(
                    text: try stoppedWords(reason: reason, sent: delivered, signed), isError: true)))
            }
        }
    }

    /// `work` on the blocking thread pool: a delivery pass waits on the relay over the network.
    func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// What a delivery pass did, with what the outbox holds after it: left queued, failed, cut off.
    func deliveredWords(_ delivery: Outbox.Delivery, _ signed: Signed) throws -> String {
        let left = try leftInOutbox(sent: delivery.delivered.count, signed)
        return catalogue(ConsoleMessage.delivered(sent: delivery.delivered.count, retried: delivery.retried,
                                                  queued: left.queued, failed: left.failed, uncertain: left.uncertain))
    }

    /// A pass that stopped at a message the relay did not take (`reason`, the SMTP error's words).
    func stoppedWords(reason: String, sent: Int, _ signed: Signed) throws -> String {
        let left = try leftInOutbox(sent: sent, signed)
        return catalogue(ConsoleMessage.deliveryStopped(reason: reason, sent: sent, queued: left.queued,
                                                        failed: left.failed, uncertain: left.uncertain))
    }

    /// The outbox's messages still queued, failed, and cut off while sending (`sending`), logged
    /// with the pass's count (numbers only).
    private func leftInOutbox(sent: Int, _ signed: Signed) throws -> (queued: Int, failed: Int, uncertain: Int) {
        let states = Dictionary(grouping: try Outbox.list(store: store, failedOnly: false), by: \.state)
        let left = (states[.queued]?.count ?? 0, states[.failed]?.count ?? 0, states[.sending]?.count ?? 0)
        logger.info("console delivery pass", metadata: [
            "staff.id": "\(signed.account.id)", "outbox.sent": "\(sent)", "outbox.queued": "\(left.0)",
            "outbox.failed": "\(left.1)", "outbox.sending": "\(left.2)"])
        return left
    }

    func outboxPage(_ signed: Signed, _ request: Request, notice: Notice?) throws -> String {
        let failedOnly = request.uri.queryParameters.get("failed") == "1"
        let meeting = request.uri.queryParameters.get("meeting").flatMap { $0.isEmpty ? nil : String($0) }
        let all = try Outbox.list(store: store, failedOnly: false)
        let pending = all.filter { $0.state == .queued || $0.state == .failed }.count
        var entries = failedOnly ? try Outbox.list(store: store, failedOnly: true) : all
        if let meeting {
            let keys = Set(try store.scheduledItems().filter { $0.sessionID == meeting }.map(\.calendarKey))
            entries = entries.filter { keys.contains($0.draft.triggerID) }
        }
        let rows = entries.reversed().map { e in
            OutboxPage.Row(
                number: e.number, state: catalogue(e.state), problem: e.state == .failed || e.state == .sending,
                recipient: e.draft.recipient, person: e.draft.personID, triggerID: e.draft.triggerID,
                method: e.draft.method == .cancel ? "取消し" : "招待", sequence: e.draft.sequence,
                time: Self.tokyoTime((e.lastAttemptAt ?? e.queuedAt).seconds), attempts: e.attempts,
                detail: e.state == .sent ? e.serverReply : e.failure)
        }
        var query = [failedOnly ? "failed=1" : nil, meeting.map { "meeting=\(Self.queryValue($0))" }].compactMap { $0 }
            .joined(separator: "&")
        query = query.isEmpty ? "/outbox" : "/outbox?\(query)"
        let (listed, paging) = Paging.slice(Array(rows), request, parameter: "page", path: query, anchor: "h-outbox",
                                            label: "送信箱")
        let relay = configuration.relay.map { "\($0.host):\($0.port)（\($0.security.rawValue)）" }
        return pages.render("outbox", OutboxPage(
            chrome: chrome("送信状況", signed), failedOnly: failedOnly, meeting: meeting, relay: relay,
            pending: pending, canResend: relay != nil && pending > 0, paging: paging, rows: listed, notice: notice))
    }

    /// `text` percent-encoded for a query value.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_."))) ?? ""
    }
}
