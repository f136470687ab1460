import Foundation
import Logging
import HTTPTypes
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneDocuments
import KasaneStore
import KasaneWording

/// `dashboard.mustache`: open triggers (overdue and urgent first), items not placed, items that
/// cannot be held lawfully, joint-holding offers, and the replies missing for the next meetings.
/// Long lists come 50 rows a page (`Paging`).
struct DashboardPage: Sendable {
    struct TriggerRow: Sendable {
        let id: String, caseNumber: String, kind: String, meetingKind: String, due: String
        let overdue: Bool, urgent: Bool
        let placedIn: String?
    }
    struct ProblemRow: Sendable { let triggerID: String, caseNumber: String, words: String }
    /// A meeting still to come and who has not answered its invitation yet (R21, #14).
    struct MeetingReplies: Sendable {
        struct Item: Sendable {
            let triggerID: String, caseNumber: String
            /// Those without an answer: 「名前（id）」, joined.
            let people: String
            /// An earlier answer no longer holds: the item's day, time or place changed (R21).
            let reset: Bool
        }
        let id: String, title: String, date: String
        /// Items whose invitation is not sent yet (`nil` when none).
        let notInvited: Int?
        let items: [Item]
    }
    let chrome: Chrome
    let today: String
    let triggers: [TriggerRow]
    let triggerPaging: Paging?
    let unplaced: [ProblemRow]
    let unplacedPaging: Paging?
    let blocked: [ProblemRow]
    let blockedPaging: Paging?
    let offers: [OfferRow]
    let offerPaging: Paging?
    let replies: [MeetingReplies]
    let notice: Notice?
}

/// A joint-holding offer (R5) with its accept button.
struct OfferRow: Sendable {
    let triggerID: String, sessionID: String, bodyID: String, bodyName: String, date: String, reason: String
}

extension Console {
    func addDashboardRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/", .read) { request, _, signed in
            ConsoleResponses.html(.ok, try await dashboard(signed, request, notice: nil))
        }

        post(router, "/schedule", .secretariat) { request, _, signed, _ in
            do {
                let outcome = try Scheduling.schedule(store: store, config: try calendarConfiguration(), clock: clock,
                                                      until: nil, reschedule: false)
                let r = outcome.report
                logger.info("console schedule saved", metadata: ["staff.id": "\(signed.account.id)",
                                                                 "schedule.added": "\(r.itemsAdded)"])
                let text = "予定を保存しました。議題: 追加 \(r.itemsAdded)・移動 \(r.itemsMoved)・削除 \(r.itemsRemoved)、"
                    + "会議: 追加 \(r.sessionsAdded)・削除 \(r.sessionsRemoved)"
                    + (outcome.needsAttention ? "。配置できない議題があります（下の一覧）" : "")
                return ConsoleResponses.html(.ok, try await dashboard(signed, request, notice: Notice(text: text, isError: outcome.needsAttention)))
            } catch {
                return ConsoleResponses.html(.unprocessableContent,
                                             try await dashboard(signed, request, notice: Notice(text: words(error), isError: true)))
            }
        }

        // The same use case as `kasane invite [--smtp …]`: written, recorded in the outbox, then
        // (with the console's relay) delivered from the outbox, each message at most once (#15).
        // From a meeting's page (`meeting` in the form) the result shows on that page.
        post(router, "/invite", .secretariat) { request, _, signed, form in
            let relay = configuration.relay
            let status: HTTPResponse.Status
            let notice: Notice
            do {
                let sent = try await blocking { [self] in
                    try Invitations.send(store: store, config: try calendarConfiguration(), clock: clock,
                                         out: configuration.invitationsFolder, relay: relay, templates: documents,
                                         logger: logger)
                }
                logger.info("console invitations written", metadata: ["staff.id": "\(signed.account.id)",
                                                                      "files": "\(sent.written.count)"])
                let folder = configuration.invitationsFolder
                let written: ConsoleMessage = sent.run.outgoing.isEmpty ? .nothingToInvite
                    : relay == nil ? .writtenOnly(messages: sent.run.outgoing.count, files: sent.written.count, folder: folder)
                    : .written(messages: sent.run.outgoing.count, files: sent.written.count, folder: folder)
                let delivered = try sent.delivery.map { try deliveredWords($0, signed) }
                status = .ok
                notice = Notice(text: ([catalogue(written)] + [delivered].compactMap { $0 }).joined(separator: "。"),
                                isError: false)
            } catch AppError.notDelivered(_, let reason, let delivered, _) {
                // The run is recorded and its files written; what the relay did not take stays in the outbox.
                status = .badGateway
                notice = Notice(text: try stoppedWords(reason: reason, sent: delivered, signed), isError: true)
            } catch {
                status = .unprocessableContent
                notice = Notice(text: words(error), isError: true)
            }
            if let meeting = form["meeting"] {
                var r = try await meetingResponse(meeting, signed: signed, notice: notice)
                if r.status == .ok { r.status = status }
                return r
            }
            return ConsoleResponses.html(status, try await dashboard(signed, request, notice: notice))
        }

        post(router, "/joint", .secretariat) { request, _, signed, form in
            guard let meeting = form["meeting"], let trigger = form["trigger"] else {
                return messagePage(.unprocessableContent, catalogue(ConsoleMessage.required(label: "会議と開催契機")),
                                   title: "合同開催", signed: signed)
            }
            do {
                let joint = try Scheduling.join(store: store, config: try calendarConfiguration(), clock: clock,
                                                meeting: meeting, trigger: trigger, body: form["body"])
                logger.info("console joint holding accepted", metadata: ["staff.id": "\(signed.account.id)",
                                                                         "trigger.id": "\(trigger)"])
                let name = joint.body.name
                return ConsoleResponses.html(.ok, try await dashboard(signed, request, notice: Notice(
                    text: "\(trigger): \(name) との合同開催を受けました（\(joint.session.id)、\(joint.session.date.iso)）。"
                        + "事例の部分は重層的支援会議として開きます (R5)。「予定を組む」で議題が配置されます",
                    isError: false)))
            } catch {
                return ConsoleResponses.html(.unprocessableContent,
                                             try await dashboard(signed, request, notice: Notice(text: words(error), isError: true)))
            }
        }
    }

    /// The dashboard from the city's view: per request only the page's slice of each list.
    func dashboard(_ signed: Signed, _ request: Request, notice: Notice?) async throws -> String {
        let city = try await city()
        let (triggers, triggerPaging) = Paging.slice(city.triggers, request, parameter: "page", path: "/",
                                                     anchor: "h-triggers", label: "未処理の開催契機")
        let (unplaced, unplacedPaging) = Paging.slice(city.unplaced, request, parameter: "unplaced", path: "/",
                                                      anchor: "h-unplaced", label: "配置できない議題")
        let (blocked, blockedPaging) = Paging.slice(city.blocked, request, parameter: "blocked", path: "/",
                                                    anchor: "h-blocked", label: "法令どおりに開催できない議題")
        let (offers, offerPaging) = Paging.slice(city.offers, request, parameter: "offers", path: "/",
                                                 anchor: "h-offers", label: "合同開催の提案")
        let render = { @Sendable [self] (chrome: Chrome) in
            pages.render("dashboard", DashboardPage(
                chrome: chrome, today: clock.today.iso,
                triggers: triggers, triggerPaging: triggerPaging, unplaced: unplaced, unplacedPaging: unplacedPaging,
                blocked: blocked, blockedPaging: blockedPaging, offers: offers, offerPaging: offerPaging,
                replies: city.missingReplies, notice: notice))
        }
        guard notice == nil else { return render(chrome("ダッシュボード", signed)) }
        let key = "dashboard|\(triggerPaging?.page ?? 1)|\(unplacedPaging?.page ?? 1)|\(blockedPaging?.page ?? 1)|\(offerPaging?.page ?? 1)"
        return try await keptHTML(city, key, signed) { [self] in render(roleChrome("ダッシュボード", signed)) }
    }

    func offers(_ preview: SchedulePreview, registry: Registry, only: (JointOffer) -> Bool = { _ in true }) -> [OfferRow] {
        preview.result.offers.filter(only).map { o in
            OfferRow(triggerID: o.triggerID, sessionID: o.sessionID, bodyID: o.bodyID,
                     bodyName: registry.body(o.bodyID)?.name ?? o.bodyID,
                     date: preview.sessions[o.sessionID]?.date.iso ?? "", reason: catalogue(o.reason))
        }
    }
}
