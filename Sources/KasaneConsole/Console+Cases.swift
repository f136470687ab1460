import Foundation
import Logging
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// `cases.mustache`: every case, without personal data.
struct CasesPage: Sendable {
    struct Row: Sendable { let number: String, status: String, openedOn: String, referredBy: String, fields: String }
    let chrome: Chrome
    let paging: Paging?
    let rows: [Row]
}

/// `case.mustache`: a case's timeline; its members' personal details only once revealed.
struct CasePage: Sendable {
    struct Member: Sendable {
        let key: String, relation: String, principal: Bool
        /// Only when revealed.
        let name: String?, born: String?, address: String?, circumstances: String?
    }
    struct Line: Sendable { let date: String, kind: String, text: String }
    let chrome: Chrome
    let number: String, status: String, openedOn: String, referredBy: String, fields: String, agencies: String
    let members: [Member]
    let revealed: Bool
    let timeline: [Line]
    let events: [CaseFileView.EventView]
}

/// `audit.mustache`: who revealed which case's details, when.
struct AuditPage: Sendable {
    struct Row: Sendable { let at: String, staffID: String, caseNumber: String }
    let chrome: Chrome
    let rows: [Row]
}

extension Console {
    func addCaseRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/cases", .read) { request, _, signed in
            // The list is worked out once per workspace change (the city's view), 50 a page.
            let rows = try await city().caseRows.value(for: "") { [self] in
                try Cases(store: store, clock: clock).list().map {
                    CasesPage.Row(number: $0.number, status: $0.status, openedOn: $0.openedOn, referredBy: $0.referredBy,
                                  fields: catalogue.list($0.fields))
                }
            }
            let (listed, paging) = Paging.slice(rows, request, parameter: "page", path: "/cases", anchor: "main", label: "事例")
            return ConsoleResponses.html(.ok, pages.render("cases", CasesPage(chrome: chrome("事例", signed), paging: paging,
                                                                              rows: listed)))
        }

        get(router, "/cases/:number", .read) { _, context, signed in
            try casePage(context.parameters.get("number") ?? "", signed: signed, reveal: false)
        }

        // Only the secretariat reveals; each reveal is audited (who, when, which case) before the
        // details are sent. A POST, so the details are never behind a URL that a history keeps.
        post(router, "/cases/:number/reveal", .secretariat) { _, context, signed, _ in
            let number = context.parameters.get("number") ?? ""
            guard (try? store.caseFile(number)) != nil else {
                return messagePage(.notFound, catalogue(ConsoleMessage.notFound), title: "事例", signed: signed, back: "/cases")
            }
            try store.recordReveal(RevealAuditEntry(staffID: signed.account.id, caseNumber: number, revealedAt: now))
            logger.notice("console personal details revealed", metadata: ["staff.id": "\(signed.account.id)",
                                                                          "case.number": "\(number)"])
            return try casePage(number, signed: signed, reveal: true)
        }

        get(router, "/audit", .secretariat) { _, _, signed in
            let rows = try store.revealAudit(limit: 500).map {
                AuditPage.Row(at: Self.tokyoTime($0.revealedAt), staffID: $0.staffID, caseNumber: $0.caseNumber)
            }
            return ConsoleResponses.html(.ok, pages.render("audit", AuditPage(chrome: chrome("閲覧の記録", signed), rows: rows)))
        }
    }

    func casePage(_ number: String, signed: Signed, reveal: Bool) throws -> Response {
        let view: CaseFileView
        do {
            view = try Cases(store: store, clock: clock).show(number)
        } catch let error as StoreError {
            return messagePage(.notFound, words(error), title: "事例", signed: signed, back: "/cases")
        }
        var timeline: [CasePage.Line] = [.init(date: view.openedOn, kind: "開始", text: "紹介: \(view.referredBy)")]
        timeline += view.consents.map {
            .init(date: $0.grantedOn, kind: "同意", text: "世帯員 \($0.member)（\($0.form)）"
                + ($0.withdrawnOn.map { "・\($0) に撤回" } ?? ""))
        }
        timeline += view.plans.map {
            .init(date: $0.draftedOn, kind: "プラン", text: "\($0.kind)プラン 第\($0.version)版（\($0.state)）"
                + ($0.approvedOn.map { "・承認 \($0)" } ?? "")
                + ($0.supportDecisionOn.map { "・支援決定 \($0)" } ?? "") + ($0.reportedOn.map { "・報告 \($0)" } ?? ""))
        }
        timeline += view.contacts.map {
            .init(date: $0.date, kind: "連絡", text: "\($0.method)・" + ($0.reached ? "連絡がついた" : "連絡がつかなかった"))
        }
        timeline += view.decisions.map {
            .init(date: $0.decision.decidedOn.iso, kind: "決定",
                  text: $0.decision.outcome.rawValue + ($0.decision.meeting.map { "（\($0)）" } ?? ""))
        }
        timeline.sort { $0.date < $1.date }
        let page = CasePage(
            chrome: chrome("事例 \(view.number)", signed), number: view.number, status: view.status, openedOn: view.openedOn,
            referredBy: view.referredBy, fields: catalogue.list(view.fields), agencies: catalogue.list(view.involvedAgencies),
            members: view.members.map {
                .init(key: $0.key, relation: $0.relation, principal: $0.principal, name: reveal ? $0.name : nil,
                      born: reveal ? $0.born : nil, address: reveal ? $0.address : nil,
                      circumstances: reveal ? $0.circumstances : nil)
            },
            revealed: reveal, timeline: timeline, events: view.events)
        return ConsoleResponses.html(.ok, pages.render("case", page))
    }

    /// Unix seconds as `2026-11-26 20:06` in Asia/Tokyo.
    static func tokyoTime(_ seconds: Int) -> String {
        let local = seconds + 9 * 3600
        let date = LocalDate(dayNumber: Int((Double(local) / 86400).rounded(.down)))
        let second = ((local % 86400) + 86400) % 86400
        let h = second / 3600, m = (second % 3600) / 60
        return "\(date.iso) " + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
