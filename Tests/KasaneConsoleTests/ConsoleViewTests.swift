import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
@testable import KasaneConsole
import KasaneCore
import KasaneStore
import KasaneWording
import KasaneYAML
import Synchronization
import Testing

/// The city's view kept between requests (#15 performance), the pages that page their long lists,
/// and the 出欠 answers on the dashboard and the meeting page (#15 会議, ダッシュボード; R21, #14).
@Suite("Console: the shared city view, paging and 出欠 (#15)")
struct ConsoleViewTests {
    /// Makes every test reply's digest (64 characters, as the log requires) a new one.
    static let digests = Atomic<Int>(0)

    /// An answer in force for `person` to the published `item`, as `kasane replies` records it.
    static func answer(_ item: PublishedItem, _ person: PersonID, _ state: AnswerState, deputy: PersonID? = nil,
                       when: String? = nil, at seconds: Int = 1_795_000_000) -> ReplyRecord {
        let stored = StoredAnswer(triggerID: item.triggerID, personID: person, state: state,
                                  sequence: item.recipients[person]?.sequence ?? 0, deputy: deputy,
                                  itemWhen: when ?? item.event.when, answeredAt: UTCTimestamp(seconds: seconds),
                                  receivedAt: UTCTimestamp(seconds: seconds))
        return ReplyRecord(source: "test-\(person).ics", digest: String(format: "%064d", digests.add(1, ordering: .relaxed).newValue),
                           receivedAt: UTCTimestamp(seconds: seconds), outcome: .applied(state),
                           triggerID: item.triggerID, personID: person, partstat: state.rawValue,
                           sequence: stored.sequence, answer: stored)
    }

    /// The published items of `meeting` sent as a REQUEST to someone, with their recipients by id.
    static func requested(_ store: AppDatabase, in meeting: String) throws -> [PublishedItem] {
        let keys = Set(try store.scheduledItems(inSession: meeting).filter(\.invited).map(\.calendarKey))
        return try store.publishedItems().filter {
            keys.contains($0.triggerID) && $0.cancelledAt == nil && $0.recipients.values.contains { $0.method == .request }
        }
    }

    /// The first meeting still to come whose invitations went out, after 招待を送る.
    static func invitedMeeting(_ h: ConsoleHarness) throws -> (Session, PublishedItem) {
        for s in try h.store.sessions().sorted(by: { $0.date < $1.date }) where s.date >= ConsoleHarness.today {
            if let item = try requested(h.store, in: s.id).first { return (s, item) }
        }
        Issue.record("no meeting to come has an invitation sent")
        throw CancellationError()
    }

    @Test("#15 会議 / #14.4 meeting page: 出欠 per attendee and item — 回答なし, 出席, 欠席, 未定, 代理: name, with when; a reply recorded by another process shows on the next request (#15.3)")
    func meetingAnswers() async throws {
        let h = try ConsoleHarness()
        let other = try AppDatabase(path: h.folder.path("kasane.sqlite"), access: .write, chainKeyPath: h.folder.path("chain.key"))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let invite = try await b.post(client, "/invite", [])
            #expect(invite.status == .ok, "\(String(buffer: invite.body))")
            let (meeting, item) = try Self.invitedMeeting(h)
            let people = item.recipients.filter { $0.value.method == .request }.keys.sorted()
            try #require(people.count >= 2)
            let registry = try h.store.registry()
            let before = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(before.contains("<h3>出欠</h3>"))
            #expect(before.contains("（\(people[0])）</td><td>回答なし"))

            // Another process (`kasane replies`) records: the first accepts, the second delegates.
            let deputy = try #require(registry.people.first { !people.contains($0.id) })
            try other.recordReplies([
                Self.answer(item, people[0], .accepted, at: 1_795_000_000),
                Self.answer(item, people[1], .delegated, deputy: deputy.id, at: 1_795_003_600),
            ])
            let after = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(after.contains("（\(people[0])）</td><td>出席</td><td>\(Console.tokyoTime(1_795_000_000))</td>"))
            #expect(after.contains("（\(people[1])）</td><td>代理: \(escaped(deputy.name))</td><td>\(Console.tokyoTime(1_795_003_600))</td>"))
            for p in people.dropFirst(2) { #expect(after.contains("（\(p)）</td><td>回答なし</td><td>—</td>")) }

            // An answer to an earlier day or time no longer holds (R21): 回答なし, said why.
            try other.recordReplies([Self.answer(item, people[0], .declined, when: "an earlier time")])
            let reset = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(reset.contains("（\(people[0])）</td><td>回答なし（日時・場所の変更で前の回答は無効です）"))
        }
    }

    @Test("#15 ダッシュボード: the replies missing for the next meetings, by meeting and item, follow replies recorded by another process (#15.3)",
          arguments: [AnswerState.accepted, .declined, .tentative])
    func dashboardMissingReplies(state: AnswerState) async throws {
        let h = try ConsoleHarness()
        let other = try AppDatabase(path: h.folder.path("kasane.sqlite"), access: .write, chainKeyPath: h.folder.path("chain.key"))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            let empty = String(buffer: try await b.get(client, "/").body)
            #expect(empty.contains("次の会議の出欠で回答のない人"))
            #expect(empty.contains("招待をまだ送っていない議題が"))
            var sec = Browser()
            try await sec.login(client, "sec")
            _ = try await sec.post(client, "/invite", [])
            let (meeting, item) = try Self.invitedMeeting(h)
            let person = try #require(item.recipients.filter { $0.value.method == .request }.keys.sorted().first)
            let name = try #require(try h.store.registry().person(person)).name
            let missing = String(buffer: try await b.get(client, "/").body)
            #expect(missing.contains("<a href=\"/meetings/\(meeting.id)\">\(meeting.id)</a>"))
            let line = try #require(Self.line(of: item.triggerID, in: missing))
            #expect(line.contains("回答なし: ") && line.contains("\(escaped(name))（\(person)）"))

            try other.recordReplies([Self.answer(item, person, state)])
            let answered = String(buffer: try await b.get(client, "/").body)
            #expect(!(Self.line(of: item.triggerID, in: answered) ?? "").contains("（\(person)）"))
        }
    }

    /// The dashboard's 出欠 entry of item `trigger`.
    static func line(of trigger: String, in page: String) -> String? {
        guard let section = page.range(of: "id=\"h-replies\"") else { return nil }
        return page[section.upperBound...].components(separatedBy: "<li>").first { $0.hasPrefix("<strong>\(trigger)</strong>") }
    }

    @Test("#15 performance: more than 50 open triggers come 50 a page with 前へ/次へ links, overdue and urgent first across pages")
    func dashboardPages() async throws {
        let h = try ConsoleHarness()
        let text = try readInput(ConsoleHarness.jointCasePath)
        for n in 0..<60 {
            _ = try h.store.importCases(CaseImportFile.parse(text.replacingOccurrences(of: "R8-7", with: "R8-\(100 + n)"),
                                                             file: "joint-case.yaml"),
                                        today: ConsoleHarness.today, now: h.wall.now)
        }
        let preview = try Scheduling.preview(store: h.store, config: h.calendars.load(), clock: h.consoleClock)
        let today = ConsoleHarness.today
        let order = preview.context.triggers.sorted {
            ($0.dueOn < today ? 0 : 1, $0.urgent ? 0 : 1, $0.dueOn, $0.id) < ($1.dueOn < today ? 0 : 1, $1.urgent ? 0 : 1, $1.dueOn, $1.id)
        }.map(\.id)
        try #require(order.count > 50 && order.count <= 150)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            var seen: [String] = []
            let pages = (order.count + 49) / 50
            for page in 1...pages {
                let body = String(buffer: try await b.get(client, "/?page=\(page)").body)
                let rows = order.filter { body.contains("<td>\($0)</td>") }
                #expect(rows.count == (page < pages ? 50 : order.count - 50 * (pages - 1)), "page \(page)")
                seen += rows
                #expect(body.contains("\(order.count) 件中 \((page - 1) * 50 + 1)〜"))
                #expect(body.contains("href=\"/?page=\(page + 1)#h-triggers\" rel=\"next\">次へ</a>") == (page < pages))
                #expect(body.contains("href=\"/?page=\(page - 1)#h-triggers\" rel=\"prev\">前へ</a>") == (page > 1))
            }
            #expect(seen == order)
            // A page number out of range shows the nearest page; the first page is the default.
            let first = String(buffer: try await b.get(client, "/").body)
            let zero = String(buffer: try await b.get(client, "/?page=0").body)
            #expect(first.contains("<td>\(order[0])</td>") && zero.contains("<td>\(order[0])</td>"))
            let far = String(buffer: try await b.get(client, "/?page=999").body)
            #expect(far.contains("<td>\(order.last!)</td>"))
            // The cases list pages the same way.
            let cases = String(buffer: try await b.get(client, "/cases").body)
            #expect(cases.contains("rel=\"next\">次へ</a>"))
        }
    }

    @Test("#15 performance: concurrent requests for a stale view wait for one computation; a failed one is not kept")
    func sharedWork() async throws {
        let work = SharedWork<Int>(limit: 1)
        final class Runs: Sendable { let count = Mutex(0) }
        let runs = Runs()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await work.value(for: "v1") {
                        runs.count.withLock { $0 += 1 }
                        Thread.sleep(forTimeInterval: 0.2)
                        return 42
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 42, count: 20))
        #expect(runs.count.withLock { $0 } == 1)
        // The same key again: kept. A new key: worked out again, the old one dropped.
        #expect(try await work.value(for: "v1") { 0 } == 42)
        #expect(try await work.value(for: "v2") { 7 } == 7)
        #expect(try await work.value(for: "v1") { 1 } == 1)
        struct Broken: Error {}
        await #expect(throws: Broken.self) { try await work.value(for: "v3") { throw Broken() } }
        #expect(try await work.value(for: "v3") { 3 } == 3)
    }

    @Test("#15.3 live: the kept meeting page follows the meeting marked held by another process")
    func meetingPageFollowsChanges() async throws {
        let (h, meeting, _) = try ConsoleActionTests.onMeetingDay()
        let other = try AppDatabase(path: h.folder.path("kasane.sqlite"), access: .write, chainKeyPath: h.folder.path("chain.key"))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let before = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(before.contains("開催済みにする"))
            try Meetings.record(.held, of: meeting.id, store: other, clock: h.consoleClock)
            let after = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(!after.contains("開催済みにする"))
            #expect(after.contains("議事録を確定する"))
        }
    }

    @Test("#15 performance: a page kept rendered for a role carries each session's own CSRF token and account, never another's")
    func keptPagesPerSession() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        try await h.app().test(.router) { client in
            var first = Browser(), second = Browser(), chair = Browser()
            try await first.login(client, "sec")
            try await second.login(client, "sec")
            try await chair.login(client, "chair")
            #expect(first.csrf != second.csrf && !first.csrf.isEmpty)
            for path in ["/", "/meetings/\(meeting.id)"] {
                for _ in 0..<2 {
                    let a = String(buffer: try await first.get(client, path).body)
                    let b = String(buffer: try await second.get(client, path).body)
                    let c = String(buffer: try await chair.get(client, path).body)
                    #expect(a.contains("value=\"\(first.csrf)\"") && !a.contains(second.csrf), "\(path)")
                    #expect(b.contains("value=\"\(second.csrf)\"") && !b.contains(first.csrf), "\(path)")
                    #expect(!c.contains(first.csrf) && !c.contains(second.csrf) && c.contains("chair"), "\(path)")
                    #expect(!c.contains("予定を組む") && a.contains("予定を組む"), "\(path)")
                    for page in [a, b, c] { #expect(!page.contains("placeholder-7f3a"), "\(path)") }
                }
            }
            // A POST with the token read from a kept page is accepted.
            let r = try await first.post(client, "/schedule", [])
            #expect(r.status == .ok)
        }
    }
}
