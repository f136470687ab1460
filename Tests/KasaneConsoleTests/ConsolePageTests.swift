import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneConsole
import KasaneCore
import KasaneStore
import KasaneWording
import KasaneYAML
import Testing

extension ConsoleHarness {
    /// The first stored meeting with items.
    func meetingWithItems() throws -> Session {
        try #require(try store.sessions().sorted { $0.date < $1.date }.first { !(try store.scheduledItems(inSession: $0.id)).isEmpty })
    }

    /// Every GET page of the console for this workspace: the fixed pages, every meeting, every
    /// case, the decision forms and every document preview and printable copy.
    func everyPage() throws -> [String] {
        var pages = consolePages
        for s in try store.sessions() {
            pages += ["/meetings/\(s.id)", "/meetings/\(s.id)/documents?kind=agenda", "/meetings/\(s.id)/documents?kind=minutes",
                      "/meetings/\(s.id)/print?kind=agenda&reader=master", "/meetings/\(s.id)/print?kind=minutes&reader=master"]
            for p in try MeetingDocuments(meeting: s.id, store: store).attendees {
                pages.append("/meetings/\(s.id)/print?kind=agenda&reader=person:\(p)")
            }
        }
        pages += try store.caseFiles().map { "/cases/\($0.number)" }
        return pages
    }
}

@Suite("Console pages through the router (#15)")
struct ConsolePageTests {
    @Test("#15 pages: every page answers 200 for the secretariat, Japanese, no-store, never framed by others")
    func everyPageAnswers() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            for path in try h.everyPage() {
                let r = try await b.get(client, path)
                #expect(r.status == .ok, "\(path)")
                #expect(r.headers[.cacheControl] == "no-store", "\(path)")
                #expect(r.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                let body = String(buffer: r.body)
                #expect(body.contains("lang=\"ja\""), "\(path)")
                let framing = r.headers[HTTPField.Name("X-Frame-Options")!]
                #expect(framing == (path.contains("/print?") ? "SAMEORIGIN" : "DENY"), "\(path)")
            }
            let css = try await b.get(client, "/static/console.css")
            #expect(String(buffer: css.body).contains("@media print"))
            #expect(String(buffer: css.body).contains("size: A4"))
        }
    }

    @Test("#15 privacy canary: no page holds a household member's name, birth, address or circumstances until revealed")
    func canaryScan() async throws {
        let h = try ConsoleHarness()
        let canaries = try h.personalDetails()
        #expect(canaries.count >= 10)
        try await h.app().test(.router) { client in
            for account in ["sec", "chair", "viewer"] {
                var b = Browser()
                try await b.login(client, account)
                for path in try h.everyPage() {
                    let body = String(buffer: try await b.get(client, path).body)
                    for canary in canaries {
                        #expect(!body.contains(canary), "\(account) \(path) shows a personal detail")
                    }
                }
            }
        }
    }

    @Test("#15 reveal: only the secretariat reveals; the details show after 表示, the reveal is audited (who, when, which case) and hidden again on the next view")
    func revealAndHide() async throws {
        let h = try ConsoleHarness()
        let number = "R8-1"
        let name = try #require(try h.store.memberDetails(of: number).values.first?.name)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let hidden = String(buffer: try await b.get(client, "/cases/\(number)").body)
            #expect(hidden.contains("個人情報を表示"))
            #expect(!hidden.contains(name))
            let shown = try await b.post(client, "/cases/\(number)/reveal", [])
            #expect(shown.status == .ok)
            #expect(String(buffer: shown.body).contains(name))
            #expect(String(buffer: shown.body).contains("個人情報を隠す"))
            let again = String(buffer: try await b.get(client, "/cases/\(number)").body)
            #expect(!again.contains(name))
            let audit = try h.store.revealAudit(limit: 10)
            #expect(audit.count == 1)
            #expect(audit.first?.staffID == "sec")
            #expect(audit.first?.caseNumber == number)
            #expect(audit.first?.revealedAt == Int(h.wall.now.timeIntervalSince1970))
            let page = String(buffer: try await b.get(client, "/audit").body)
            #expect(page.contains("<td>sec</td>"))
            #expect(page.contains(">\(number)</a>"))
            #expect(!page.contains(name))
        }
    }

    @Test("#15 dashboard: open triggers with overdue and urgent first, unplaced and unlawful items listed")
    func dashboard() async throws {
        let h = try ConsoleHarness()
        let preview = try Scheduling.preview(store: h.store, config: h.calendars.load(), clock: h.consoleClock)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let body = String(buffer: try await b.get(client, "/").body)
            #expect(body.contains("未処理の開催契機"))
            for t in preview.context.triggers { #expect(body.contains("<td>\(t.id)</td>"), "\(t.id)") }
            // Overdue, then urgent, then by due date.
            let today = ConsoleHarness.today
            let order = preview.context.triggers.sorted {
                ($0.dueOn < today ? 0 : 1, $0.urgent ? 0 : 1, $0.dueOn, $0.id) < ($1.dueOn < today ? 0 : 1, $1.urgent ? 0 : 1, $1.dueOn, $1.id)
            }.map(\.id)
            let positions = order.compactMap { body.range(of: "<td>\($0)</td>")?.lowerBound }
            #expect(positions == positions.sorted())
            #expect(body.contains("配置できない議題"))
            #expect(body.contains("法令どおりに開催できない議題"))
            for u in preview.result.unplaced { #expect(body.contains(u.triggerID)) }
            for p in preview.blocked { #expect(body.contains(p.triggerID)) }
        }
    }

    @Test("#15 meeting page: items with attendees and roles, exclusions with reasons and remedies, secretariat's buttons")
    func meetingPage() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        let detail = try Meetings.show(store: h.store, config: h.calendars.load(), clock: h.consoleClock, id: meeting.id)
        let c = Catalogue(.ja)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let body = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(body.contains("会議 \(meeting.id)"))
            for item in detail.items {
                #expect(body.contains(item.item.triggerID))
                for a in item.attendance?.attendees ?? [] {
                    #expect(body.contains("（\(a.person)）"))
                    #expect(body.contains(c(a.role)))
                }
                for e in item.attendance?.exclusions ?? [] {
                    #expect(body.contains(escaped(c(e))))
                    if let remedy = e.remedy { #expect(body.contains(escaped(c(remedy)))) }
                }
            }
            #expect(body.contains("予定を組む"))
            #expect(body.contains("招待を送る"))
            var viewer = Browser()
            try await viewer.login(client, "viewer")
            let seen = String(buffer: try await viewer.get(client, "/meetings/\(meeting.id)").body)
            #expect(!seen.contains("予定を組む"))
            #expect(!seen.contains("/decide"))
            let missing = try await viewer.get(client, "/meetings/no-such-meeting")
            #expect(missing.status == .notFound)
        }
    }

    @Test("#15 meetings: the month calendar shows each meeting on its day and the list shows every meeting")
    func calendar() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        let month = "\(meeting.date.year)-" + (meeting.date.month < 10 ? "0" : "") + "\(meeting.date.month)"
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            let body = String(buffer: try await b.get(client, "/meetings?month=\(month)").body)
            #expect(body.contains("<caption>\(meeting.date.year)年\(meeting.date.month)月</caption>"))
            #expect(body.contains("class=\"meeting\" href=\"/meetings/\(meeting.id)\""))
            for s in try h.store.sessions() { #expect(body.contains("<a href=\"/meetings/\(s.id)\">\(s.id)</a>")) }
        }
    }

    @Test("#15 documents: the preview frames the printable copy; a 閲覧 account gets its own copies but not the master")
    func documents() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let preview = String(buffer: try await b.get(client, "/meetings/\(meeting.id)/documents?kind=agenda").body)
            #expect(preview.contains("<iframe"))
            #expect(preview.contains("/meetings/\(meeting.id)/print?kind=agenda&amp;reader=master"))
            let master = try await b.get(client, "/meetings/\(meeting.id)/print?kind=agenda&reader=master")
            #expect(master.status == .ok)
            #expect(String(buffer: master.body).contains("size: A4"))
            #expect(String(buffer: master.body).contains("非公開"))
            var viewer = Browser()
            try await viewer.login(client, "viewer")
            let refused = try await viewer.get(client, "/meetings/\(meeting.id)/print?kind=agenda&reader=master")
            #expect(refused.status == .forbidden)
            let own = String(buffer: try await viewer.get(client, "/meetings/\(meeting.id)/documents?kind=agenda").body)
            #expect(!own.contains("reader=master"))
        }
    }

    @Test("#15 report: the indicators of `kasane report` in a table and an SVG bar chart by month; a bad year is refused in Japanese")
    func report() async throws {
        let h = try ConsoleHarness()
        let indicators = try Reports(store: h.store).yearly(fiscalYear: 2026)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            let body = String(buffer: try await b.get(client, "/report?year=2026").body)
            #expect(body.contains("<svg"))
            #expect(body.components(separatedBy: "<rect").count - 1 == 12)
            for i in ReportIndicator.allCases {
                #expect(body.contains("<th scope=\"row\">\(Catalogue(.ja)(i))</th><td class=\"number\">\(i.value(in: indicators))</td>"))
            }
            let bad = try await b.get(client, "/report?year=1999")
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(escaped(Catalogue(.ja)(ReportError.fiscalYearOutOfRange(1999)))))
        }
    }

    @Test("#15 live: a change made through another connection (the CLI in another process) shows on the next request")
    func reflectsOtherProcess() async throws {
        let h = try ConsoleHarness()
        let other = try AppDatabase(path: h.folder.path("kasane.sqlite"), access: .write, chainKeyPath: h.folder.path("chain.key"))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "viewer")
            let before = String(buffer: try await b.get(client, "/cases").body)
            #expect(!before.contains("R8-99"))
            _ = try Cases(store: other, clock: .pinned(to: ConsoleHarness.today)).open(
                number: "R8-99", openedOn: nil, referredBy: "houkatsu-chuo", fields: [.elderly], involvedAgencies: ["houkatsu-chuo"])
            let after = String(buffer: try await b.get(client, "/cases").body)
            #expect(after.contains(">R8-99</a>"))
        }
    }
}

extension ConsolePageTests {
    @Test("#15 live: the dashboard's kept preview follows a case imported through another connection and an edit of the calendars folder")
    func dashboardFollowsChanges() async throws {
        let h = try ConsoleHarness()
        let other = try AppDatabase(path: h.folder.path("kasane.sqlite"), access: .write, chainKeyPath: h.folder.path("chain.key"))
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let before = String(buffer: try await b.get(client, "/").body)
            #expect(!before.contains("<td>R8-8#4</td>"))
            #expect(before.contains("合同開催を受ける（R8-7#4）"))
            let text = try readInput(ConsoleHarness.jointCasePath).replacingOccurrences(of: "R8-7", with: "R8-8")
            _ = try other.importCases(CaseImportFile.parse(text, file: "joint-case.yaml"), today: ConsoleHarness.today,
                                      now: h.wall.now)
            let after = String(buffer: try await b.get(client, "/").body)
            #expect(after.contains("<td>R8-8#4</td>"))
            try FileManager.default.removeItem(atPath: h.calendars.folder + "/chiiki-care.ics")
            let withoutSeries = String(buffer: try await b.get(client, "/").body)
            #expect(!withoutSeries.contains("合同開催を受ける"))
        }
    }
}

/// `text` as Mustache escapes it in HTML.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

@Suite("Console documents as PDF (#15)")
struct ConsolePDFTests {
    static let chromium = "/usr/bin/chromium"

    @Test("#15 PDF: with a renderer (Debian's chromium) the printable copy also comes as a PDF; the master stays with 事務局 and 議長",
          .enabled(if: FileManager.default.isExecutableFile(atPath: chromium)))
    func pdf() async throws {
        let h = try ConsoleHarness(configuration: .init(pdfRenderer: Self.chromium))
        let meeting = try h.meetingWithItems()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let preview = String(buffer: try await b.get(client, "/meetings/\(meeting.id)/documents?kind=agenda").body)
            #expect(preview.contains("PDF で開く"))
            let r = try await b.get(client, "/meetings/\(meeting.id)/pdf?kind=agenda&reader=master")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/pdf")
            #expect(r.headers[.contentDisposition] == "inline; filename=\"\(meeting.id)-agenda-master.pdf\"")
            #expect(Array(String(buffer: r.body).utf8.prefix(5)) == Array("%PDF-".utf8))
            var viewer = Browser()
            try await viewer.login(client, "viewer")
            let refused = try await viewer.get(client, "/meetings/\(meeting.id)/pdf?kind=agenda&reader=master")
            #expect(refused.status == .forbidden)
        }
    }

    @Test("#15 PDF: without a renderer there is no PDF link and the PDF route answers 404")
    func noRenderer() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let preview = String(buffer: try await b.get(client, "/meetings/\(meeting.id)/documents?kind=agenda").body)
            #expect(!preview.contains("PDF で開く"))
            let r = try await b.get(client, "/meetings/\(meeting.id)/pdf?kind=agenda&reader=master")
            #expect(r.status == .notFound)
        }
    }
}
