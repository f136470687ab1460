import Foundation
import Logging
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneDocuments
import KasaneStore
import KasaneWording

/// `dashboard.mustache`: open triggers (overdue and urgent first), items not placed, items that
/// cannot be held lawfully, joint-holding offers.
struct DashboardPage: Sendable {
    struct TriggerRow: Sendable {
        let id: String, caseNumber: String, kind: String, meetingKind: String, due: String
        let overdue: Bool, urgent: Bool
        let placedIn: String?
    }
    struct ProblemRow: Sendable { let triggerID: String, caseNumber: String, words: String }
    let chrome: Chrome
    let today: String
    let triggers: [TriggerRow]
    /// Open triggers past the first `Console.dashboardRows` (listed on the meetings and case pages).
    let moreTriggers: Int?
    let unplaced: [ProblemRow]
    let blocked: [ProblemRow]
    let offers: [OfferRow]
    let notice: Notice?
}

/// A joint-holding offer (R5) with its accept button.
struct OfferRow: Sendable {
    let triggerID: String, sessionID: String, bodyID: String, bodyName: String, date: String, reason: String
}

extension Console {
    func addDashboardRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/", .read) { _, _, signed in
            ConsoleResponses.html(.ok, try dashboard(signed, notice: nil))
        }

        post(router, "/schedule", .secretariat) { _, _, signed, _ in
            do {
                let outcome = try Scheduling.schedule(store: store, config: try calendarConfiguration(), clock: clock,
                                                      until: nil, reschedule: false)
                let r = outcome.report
                logger.info("console schedule saved", metadata: ["staff.id": "\(signed.account.id)",
                                                                 "schedule.added": "\(r.itemsAdded)"])
                let text = "予定を保存しました。議題: 追加 \(r.itemsAdded)・移動 \(r.itemsMoved)・削除 \(r.itemsRemoved)、"
                    + "会議: 追加 \(r.sessionsAdded)・削除 \(r.sessionsRemoved)"
                    + (outcome.needsAttention ? "。配置できない議題があります（下の一覧）" : "")
                return ConsoleResponses.html(.ok, try dashboard(signed, notice: Notice(text: text, isError: outcome.needsAttention)))
            } catch {
                return ConsoleResponses.html(.unprocessableContent,
                                             try dashboard(signed, notice: Notice(text: words(error), isError: true)))
            }
        }

        post(router, "/invite", .secretariat) { _, _, signed, _ in
            do {
                let sent = try Invitations.send(store: store, config: try calendarConfiguration(), clock: clock,
                                               out: configuration.invitationsFolder, relay: nil, templates: documents,
                                               logger: logger)
                logger.info("console invitations written", metadata: ["staff.id": "\(signed.account.id)",
                                                                      "files": "\(sent.written.count)"])
                let text = sent.written.isEmpty
                    ? "送る招待はありません（前回から変わっていません）"
                    : "招待 \(sent.run.outgoing.count) 通を \(configuration.invitationsFolder) に書き出しました（ファイル \(sent.written.count)）"
                return ConsoleResponses.html(.ok, try dashboard(signed, notice: Notice(text: text, isError: false)))
            } catch {
                return ConsoleResponses.html(.unprocessableContent,
                                             try dashboard(signed, notice: Notice(text: words(error), isError: true)))
            }
        }

        post(router, "/joint", .secretariat) { _, _, signed, form in
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
                return ConsoleResponses.html(.ok, try dashboard(signed, notice: Notice(
                    text: "\(trigger): \(name) との合同開催を受けました（\(joint.session.id)、\(joint.session.date.iso)）。"
                        + "事例の部分は重層的支援会議として開きます (R5)。「予定を組む」で議題が配置されます",
                    isError: false)))
            } catch {
                return ConsoleResponses.html(.unprocessableContent,
                                             try dashboard(signed, notice: Notice(text: words(error), isError: true)))
            }
        }
    }

    /// The open triggers the dashboard lists (overdue and urgent first), so a city's page stays small.
    static let dashboardRows = 200

    func dashboard(_ signed: Signed, notice: Notice?) throws -> String {
        let preview = try schedulePreview()
        let today = clock.today
        let placed = Dictionary(try store.scheduledItems().map { ($0.triggerID, $0.sessionID) }, uniquingKeysWith: { a, _ in a })
        let triggers = preview.context.triggers.sorted {
            ($0.dueOn < today ? 0 : 1, $0.urgent ? 0 : 1, $0.dueOn, $0.id) < ($1.dueOn < today ? 0 : 1, $1.urgent ? 0 : 1, $1.dueOn, $1.id)
        }
        let byID = Dictionary(preview.context.triggers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let registry = preview.context.registry
        return pages.render("dashboard", DashboardPage(
            chrome: chrome("ダッシュボード", signed), today: today.iso,
            triggers: triggers.prefix(Self.dashboardRows).map {
                .init(id: $0.id, caseNumber: $0.caseNumber, kind: $0.kind.rawValue, meetingKind: $0.meetingKind.rawValue,
                      due: $0.dueOn.iso, overdue: $0.dueOn < today, urgent: $0.urgent, placedIn: placed[$0.id])
            },
            moreTriggers: triggers.count > Self.dashboardRows ? triggers.count - Self.dashboardRows : nil,
            unplaced: preview.result.unplaced.map {
                .init(triggerID: $0.triggerID, caseNumber: byID[$0.triggerID]?.caseNumber ?? "", words: catalogue($0.why))
            },
            blocked: preview.blocked.map {
                .init(triggerID: $0.triggerID, caseNumber: byID[$0.triggerID]?.caseNumber ?? "", words: catalogue($0))
            },
            offers: offers(preview, registry: registry),
            notice: notice))
    }

    func offers(_ preview: SchedulePreview, registry: Registry, only: (JointOffer) -> Bool = { _ in true }) -> [OfferRow] {
        preview.result.offers.filter(only).map { o in
            OfferRow(triggerID: o.triggerID, sessionID: o.sessionID, bodyID: o.bodyID,
                     bodyName: registry.body(o.bodyID)?.name ?? o.bodyID,
                     date: preview.sessions[o.sessionID]?.date.iso ?? "", reason: catalogue(o.reason))
        }
    }
}
