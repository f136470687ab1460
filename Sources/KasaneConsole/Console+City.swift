import Foundation
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// The whole city as the console's pages show it, worked out once per workspace change and shared
/// by every request until the workspace version, the day or the calendars folder moves (#15
/// performance, #15.3): the scheduling preview, the dashboard's rows (sorted, worded), the 出欠
/// answers of every item, and — worked out when first asked for — each meeting's page, the
/// meetings list and the cases list. A request then only checks its session, looks up and renders.
final class CityView: Sendable {
    let preview: SchedulePreview
    /// Open triggers, overdue first, then urgent, then by due date.
    let triggers: [DashboardPage.TriggerRow]
    let unplaced: [DashboardPage.ProblemRow]
    let blocked: [DashboardPage.ProblemRow]
    let offers: [OfferRow]
    /// 出欠 (R21, #14) of every item sent a REQUEST, by calendar key then person.
    let answers: [String: [PersonID: Replies.Answer]]
    /// The next meetings still to come, with the replies still missing.
    let missingReplies: [DashboardPage.MeetingReplies]
    /// Each meeting's page (its chrome and notice filled in per request).
    let meetings = SharedWork<MeetingPage>(limit: 512)
    let meetingList = SharedWork<[Meetings.Summary]>(limit: 1)
    let caseRows = SharedWork<[CasesPage.Row]>(limit: 1)
    /// GET pages rendered for a role, the account and CSRF token left as placeholders
    /// (`Console.keptHTML`): rendering through Mustache is most of a page's cost.
    let rendered = SharedWork<String>(limit: 512)

    init(preview: SchedulePreview, triggers: [DashboardPage.TriggerRow], unplaced: [DashboardPage.ProblemRow],
         blocked: [DashboardPage.ProblemRow], offers: [OfferRow], answers: [String: [PersonID: Replies.Answer]],
         missingReplies: [DashboardPage.MeetingReplies]) {
        self.preview = preview
        self.triggers = triggers
        self.unplaced = unplaced
        self.blocked = blocked
        self.offers = offers
        self.answers = answers
        self.missingReplies = missingReplies
    }
}

/// The 前へ/次へ links of a long list (50 rows a page).
struct Paging: Sendable {
    /// What the list is, for the navigation's accessible name.
    let label: String
    let page: Int, pages: Int, total: Int, from: Int, to: Int
    let previous: String?, next: String?

    static let rows = 50

    /// Page `request`'s `parameter` of `rows` (when absent, the page holding row `defaultIndex`;
    /// out of range, the nearest page), with the links to the pages before and after
    /// (`path?parameter=N#anchor`); `nil` when one page holds all.
    static func slice<T>(_ rows: [T], _ request: Request, parameter: String, path: String, anchor: String,
                         label: String, defaultIndex: Int = 0) -> ([T], Paging?) {
        guard rows.count > Self.rows else { return (rows, nil) }
        let pages = (rows.count + Self.rows - 1) / Self.rows
        let asked = request.uri.queryParameters.get(parameter).flatMap { Int($0) } ?? defaultIndex / Self.rows + 1
        let page = min(max(asked, 1), pages)
        let from = (page - 1) * Self.rows
        let to = min(from + Self.rows, rows.count)
        let link = { (n: Int) in "\(path)\(path.contains("?") ? "&" : "?")\(parameter)=\(n)#\(anchor)" }
        return (Array(rows[from..<to]), Paging(
            label: label, page: page, pages: pages, total: rows.count, from: from + 1, to: to,
            previous: page > 1 ? link(page - 1) : nil, next: page < pages ? link(page + 1) : nil))
    }
}

extension Console {
    /// How many meetings still to come the dashboard lists the missing replies of.
    static let nextMeetings = 5

    /// The city's view now: the one kept when nothing it was made from moved, else worked out
    /// again once, every concurrent request waiting for that one run.
    func city() async throws -> CityView {
        let key = "\(try store.workspaceVersion())|\(clock.today.iso)|\(calendars.state())"
        return try await memo.city.value(for: key) { [self] in try makeCity() }
    }

    private func makeCity() throws -> CityView {
        let preview = try Scheduling.preview(store: store, config: try calendarConfiguration(), clock: clock)
        let today = clock.today
        let items = try store.scheduledItems()
        let placed = Dictionary(items.map { ($0.triggerID, $0.sessionID) }, uniquingKeysWith: { a, _ in a })
        let byID = Dictionary(preview.context.triggers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let registry = preview.context.registry
        let triggers = preview.context.triggers.sorted {
            ($0.dueOn < today ? 0 : 1, $0.urgent ? 0 : 1, $0.dueOn, $0.id) < ($1.dueOn < today ? 0 : 1, $1.urgent ? 0 : 1, $1.dueOn, $1.id)
        }
        let answers = try Replies.answers(store: store, triggerIDs: Set(items.map(\.calendarKey)))
        let byMeeting = Dictionary(grouping: items, by: \.sessionID)
        let next = try store.sessions()
            .filter { $0.state == .planned && $0.date >= today && byMeeting[$0.id] != nil }
            .sorted { ($0.date, $0.start.minutes, $0.id) < ($1.date, $1.start.minutes, $1.id) }
            .prefix(Self.nextMeetings)
        return CityView(
            preview: preview,
            triggers: triggers.map {
                .init(id: $0.id, caseNumber: $0.caseNumber, kind: $0.kind.rawValue, meetingKind: $0.meetingKind.rawValue,
                      due: $0.dueOn.iso, overdue: $0.dueOn < today, urgent: $0.urgent, placedIn: placed[$0.id])
            },
            unplaced: preview.result.unplaced.map {
                .init(triggerID: $0.triggerID, caseNumber: byID[$0.triggerID]?.caseNumber ?? "", words: catalogue($0.why))
            },
            blocked: preview.blocked.map {
                .init(triggerID: $0.triggerID, caseNumber: byID[$0.triggerID]?.caseNumber ?? "", words: catalogue($0))
            },
            offers: offers(preview, registry: registry),
            answers: answers,
            missingReplies: next.map { session in
                let mine = (byMeeting[session.id] ?? []).sorted { $0.position < $1.position }
                return DashboardPage.MeetingReplies(
                    id: session.id, title: session.title,
                    date: "\(session.date.iso)（\(session.date.weekday.japanese)） \(session.start)",
                    notInvited: mine.contains { !$0.invited } ? mine.filter { !$0.invited }.count : nil,
                    items: mine.filter(\.invited).compactMap { item in
                        let missing = (answers[item.calendarKey] ?? [:]).filter { $0.value.state == .needsAction }
                            .sorted { $0.key < $1.key }
                        guard !missing.isEmpty else { return nil }
                        return .init(triggerID: item.triggerID, caseNumber: item.caseNumber,
                                     people: missing.map { registry.person($0.key).map { p in "\(p.name)（\(p.id)）" } ?? $0.key }
                                        .joined(separator: "、"),
                                     reset: missing.contains { $0.value.reset })
                    })
            })
    }

    /// The account and CSRF token of a kept page's chrome, put in per request.
    static let staffPlaceholder = "kasane-staff-placeholder-7f3a", csrfPlaceholder = "kasane-csrf-placeholder-7f3a"

    /// The chrome of a page kept for every account of `signed`'s role.
    func roleChrome(_ title: String, _ signed: Signed) -> Chrome {
        Chrome(title: title, staffID: Self.staffPlaceholder, role: signed.account.role.rawValue, csrf: Self.csrfPlaceholder,
               isSecretariat: signed.account.role == .secretariat, canDecide: Permission.decide.allows(signed.account.role))
    }

    /// Page `key` rendered once per workspace change and role (`render` given the role's chrome),
    /// with `signed`'s account and CSRF token put in.
    func keptHTML(_ city: CityView, _ key: String, _ signed: Signed,
                  _ render: @escaping @Sendable () throws -> String) async throws -> String {
        let html = try await city.rendered.value(for: "\(signed.account.role.rawValue)|\(key)", render)
        return html.replacingOccurrences(of: Self.staffPlaceholder, with: Self.escape(signed.account.id))
            .replacingOccurrences(of: Self.csrfPlaceholder, with: Self.escape(signed.session.csrfToken))
    }

    /// `text` HTML-escaped as Mustache escapes it.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// 出欠 as the console and `kasane meeting show` word it: 回答なし, 出席, 欠席, 未定, 代理: name.
    func answerWords(_ answer: Replies.Answer, registry: Registry) -> String {
        let deputy = answer.deputy.map { registry.person($0)?.name ?? $0 }
        return catalogue(answer.state) + (answer.state == .delegated ? (deputy.map { ": \($0)" } ?? "") : "")
    }
}
