import Foundation
import Logging
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// `meetings.mustache`: a month calendar (Monday first) and the list of every meeting.
struct MeetingsPage: Sendable {
    struct Day: Sendable {
        let day: Int?
        let date: String
        let isToday: Bool
        let meetings: [Link]
    }
    struct Week: Sendable { let days: [Day] }
    struct Link: Sendable { let id: String, title: String, start: String }
    struct Row: Sendable {
        let id: String, date: String, weekday: String, time: String, kind: String, title: String, state: String
        let items: Int
    }
    let chrome: Chrome
    let month: String
    let previousMonth: String, nextMonth: String
    let weeks: [Week]
    let paging: Paging?
    let rows: [Row]
}

/// `meeting.mustache`: one meeting with its items, attendees, exclusions, 出欠 answers, deputies,
/// offers and the secretariat's buttons. Kept in the city's view (`CityView.meetings`); the chrome
/// and the notice are the request's.
struct MeetingPage: Sendable {
    struct Attendee: Sendable { let person: String, name: String, agency: String, role: String, reasons: String }
    /// One person's 出欠 for the item (R21, #14): 回答なし, 出席, 欠席, 未定 or 代理: name, with when.
    struct Answer: Sendable { let person: String, name: String, words: String, at: String?, reset: Bool }
    struct Exclusion: Sendable { let words: String, remedy: String? }
    struct Item: Sendable {
        let number: Int, triggerID: String, caseNumber: String, kind: String, meetingKind: String
        let time: String, due: String, invited: Bool, reason: String
        let jointBody: String?
        let lawProblem: String?
        let attendees: [Attendee]
        let principal: String?
        let exclusions: [Exclusion]
        let flags: [String]
        let agenda: [String]
        let answers: [Answer]
        let decidable: Bool
    }
    struct DeputyRow: Sendable { let agency: String, person: String }
    var chrome: Chrome
    let id: String, title: String, kind: String, state: String, date: String, time: String
    let location: String?, note: String?
    let items: [Item]
    let deputies: [DeputyRow]
    let offers: [OfferRow]
    let canMarkHeld: Bool, canMarkMinuted: Bool
    var notice: Notice?
}

extension Console {
    func addMeetingRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/meetings", .read) { request, _, signed in
            let today = clock.today
            var year = today.year, month = today.month
            if let text = request.uri.queryParameters.get("month") {
                let parts = text.split(separator: "-").compactMap { Int($0) }
                if parts.count == 2, LocalDate(year: parts[0], month: parts[1], day: 1) != nil { (year, month) = (parts[0], parts[1]) }
            }
            return ConsoleResponses.html(.ok, try await meetingsPage(signed, request, year: year, month: month))
        }

        get(router, "/meetings/:id", .read) { _, context, signed in
            let id = context.parameters.get("id") ?? ""
            return try await meetingResponse(id, signed: signed, notice: nil)
        }

        post(router, "/meetings/:id/held", .secretariat) { _, context, signed, _ in
            try await record(.held, context: context, signed: signed)
        }
        post(router, "/meetings/:id/minuted", .secretariat) { _, context, signed, _ in
            try await record(.minuted, context: context, signed: signed)
        }
    }

    private func record(_ state: SessionState, context: ConsoleRequestContext, signed: Signed) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        do {
            try Meetings.record(state, of: id, store: store, clock: clock)
            logger.info("console meeting recorded", metadata: ["staff.id": "\(signed.account.id)", "meeting.id": "\(id)",
                                                               "meeting.state": "\(state)"])
            return try await meetingResponse(id, signed: signed, notice: Notice(
                text: state == .held ? "\(id): 開催済みにしました（記録として保存されます）" : "\(id): 議事録を確定しました",
                isError: false))
        } catch let error as StoreError where error == .noSession(id) {
            return messagePage(.notFound, words(error), title: "会議", signed: signed, back: "/meetings")
        } catch {
            var r = try await meetingResponse(id, signed: signed, notice: Notice(text: words(error), isError: true))
            r.status = .unprocessableContent
            return r
        }
    }

    /// The month calendar and the list (50 a page, from the page of the next meeting) from the
    /// city's view (`Meetings.list` worked out once per workspace change).
    func meetingsPage(_ signed: Signed, _ request: Request, year: Int, month: Int) async throws -> String {
        let rows = try await city().meetingList.value(for: "") { [self] in
            try Meetings.list(store: store, clock: clock).sorted {
                ($0.session.date, $0.session.start.minutes, $0.session.id) < ($1.session.date, $1.session.start.minutes, $1.session.id)
            }
        }
        let first = LocalDate(year: year, month: month, day: 1)!
        let days = LocalDate.daysIn(month: month, year: year)
        let lead = (first.weekday.rawValue + 6) % 7
        var cells: [MeetingsPage.Day] = Array(repeating: .init(day: nil, date: "", isToday: false, meetings: []), count: lead)
        for d in 1...days {
            let date = LocalDate(year: year, month: month, day: d)!
            cells.append(.init(day: d, date: date.iso, isToday: date == clock.today, meetings: rows.filter { $0.session.date == date }.map {
                .init(id: $0.session.id, title: $0.session.title, start: $0.session.start.description)
            }))
        }
        while cells.count % 7 != 0 { cells.append(.init(day: nil, date: "", isToday: false, meetings: [])) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { MeetingsPage.Week(days: Array(cells[$0..<$0 + 7])) }
        func label(_ y: Int, _ m: Int) -> String { "\(y)-" + (m < 10 ? "0\(m)" : "\(m)") }
        let previous = month == 1 ? label(year - 1, 12) : label(year, month - 1)
        let next = month == 12 ? label(year + 1, 1) : label(year, month + 1)
        let upcoming = rows.firstIndex { $0.session.date >= clock.today } ?? 0
        let (listed, paging) = Paging.slice(rows, request, parameter: "page", path: "/meetings?month=\(label(year, month))",
                                            anchor: "h-list", label: "会議の一覧", defaultIndex: upcoming)
        return pages.render("meetings", MeetingsPage(
            chrome: chrome("会議", signed), month: "\(year)年\(month)月", previousMonth: previous, nextMonth: next, weeks: weeks,
            paging: paging,
            rows: listed.map { r in
                .init(id: r.session.id, date: r.session.date.iso, weekday: r.session.date.weekday.japanese,
                      time: "\(r.session.start)–\(r.session.end)", kind: r.session.kind.rawValue, title: r.session.title,
                      state: catalogue(r.state), items: r.items.count)
            }))
    }

    /// Meeting `id`'s page from the city's view (worked out once per workspace change), with the
    /// request's chrome and notice; 404 for an unknown meeting.
    func meetingResponse(_ id: String, signed: Signed, notice: Notice?) async throws -> Response {
        let city = try await city()
        var page: MeetingPage
        do {
            page = try await city.meetings.value(for: id) { [self] in try meetingPage(id, city: city) }
        } catch let error as AppError {
            return messagePage(.notFound, words(error), title: "会議", signed: signed, back: "/meetings")
        }
        guard notice == nil else {
            page.chrome = chrome("会議 \(page.id)", signed)
            page.notice = notice
            return ConsoleResponses.html(.ok, pages.render("meeting", page))
        }
        page.chrome = roleChrome("会議 \(page.id)", signed)
        let kept = page
        return ConsoleResponses.html(.ok, try await keptHTML(city, "meeting|\(id)", signed) { [self] in
            pages.render("meeting", kept)
        })
    }

    /// The page of meeting `id` (`Meetings.show`, the 出欠 answers and the offers of the city's view).
    private func meetingPage(_ id: String, city: CityView) throws -> MeetingPage {
        let config = try calendarConfiguration()
        let detail = try Meetings.show(store: store, config: config, clock: clock, id: id)
        let registry = detail.registry
        let preview = city.preview
        let triggers = Set(detail.items.map(\.item.triggerID))
        let session = detail.session
        let items = detail.items.map { i -> MeetingPage.Item in
            let att = i.attendance
            return MeetingPage.Item(
                number: i.item.position + 1, triggerID: i.item.triggerID, caseNumber: i.item.caseNumber,
                kind: i.trigger?.kind.rawValue ?? "（決定済み）", meetingKind: i.item.meetingKind.rawValue,
                time: "\(i.item.start)–\(i.item.end)", due: i.item.dueOn.iso, invited: i.item.invited,
                reason: catalogue(i.item.reason),
                jointBody: i.item.jointBody.map { registry.body($0)?.name ?? $0 },
                lawProblem: att.flatMap { $0.lawBlockers.isEmpty ? nil : $0.lawRemedies.map { catalogue($0) }.joined(separator: "。") },
                attendees: att?.attendees.map { a in
                    .init(person: a.person, name: registry.person(a.person)?.name ?? a.person,
                          agency: registry.agency(a.agency)?.name ?? a.agency, role: catalogue(a.role),
                          reasons: a.reasons.map { catalogue($0) }.joined(separator: "；"))
                } ?? [],
                principal: att?.principal.map { "本人（世帯員 \($0)）— 本人のためになるので出席します (R14)" },
                exclusions: att?.exclusions.map { .init(words: catalogue($0), remedy: $0.remedy.map { catalogue($0) }) } ?? [],
                flags: att?.flags.map { catalogue($0) } ?? [],
                agenda: i.trigger?.agenda ?? [],
                answers: (city.answers[i.item.calendarKey] ?? [:]).sorted { $0.key < $1.key }.map { person, answer in
                    .init(person: person, name: registry.person(person)?.name ?? person,
                          words: answerWords(answer, registry: registry),
                          at: answer.answeredAt.map { Self.tokyoTime($0.seconds) }, reset: answer.reset)
                },
                decidable: i.trigger != nil)
        }
        return MeetingPage(
            chrome: .unset, id: session.id, title: session.title, kind: session.kind.rawValue,
            state: catalogue(detail.state), date: "\(session.date.iso)（\(session.date.weekday.japanese)）",
            time: "\(session.start)–\(session.end)", location: session.location, note: session.note, items: items,
            deputies: session.deputies.map { .init(agency: registry.agency($0.agency)?.name ?? $0.agency,
                                                   person: registry.person($0.person)?.name ?? $0.person) },
            offers: offers(preview, registry: registry) { triggers.contains($0.triggerID) || $0.sessionID == session.id },
            canMarkHeld: session.state == .planned && session.date <= clock.today,
            canMarkMinuted: session.state == .held,
            notice: nil)
    }
}
