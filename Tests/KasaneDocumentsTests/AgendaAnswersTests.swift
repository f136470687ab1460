import Foundation
import KasaneCore
import KasaneDocuments
import Testing

/// Issue 14, point 4: 出欠 on the master agenda and the chair's copy, per person and item, with
/// the time of the answer; agencies' own copies (and other attendees') never show them.
@Suite("出欠 on the master agenda and the chair's copy (#14.4)")
struct AgendaAnswersTests {
    let renderer = DocumentRenderer(templatesFolder: DocumentFixtures.templatesFolder)

    /// 2026-12-01 01:30 UTC = 令和8年12月1日 10:30 Japan time.
    static let at = UTCTimestamp(seconds: 1_796_088_600)

    /// Item 1 (R8-3#5): one of each answer; item 2 (R8-7#9): the chair accepted, the others not yet.
    static let answers: [String: [PersonID: AgendaAnswer]] = [
        "R8-3#5": [
            "p-shakyo": AgendaAnswer(state: .accepted, answeredAt: at),
            "p-city": AgendaAnswer(state: .delegated, deputy: "p-sumai", answeredAt: at),
            "p-houkatsu": AgendaAnswer(state: .tentative, answeredAt: at),
            "p-hostile": AgendaAnswer(state: .declined, answeredAt: at),
        ],
        "R8-7#9": [
            "p-shakyo": AgendaAnswer(state: .accepted, answeredAt: at),
            "p-city": AgendaAnswer(state: .needsAction),
            "p-sumai": AgendaAnswer(state: .needsAction),
        ],
    ]

    func agenda(_ reader: Reader) -> AgendaDocument {
        AgendaDocument(session: DocumentFixtures.session, items: [DocumentFixtures.suspensionItem, DocumentFixtures.planItem],
                       registry: DocumentFixtures.registry, reader: reader, answers: Self.answers)
    }

    func line(_ text: String, _ name: String, item caseNumber: String) -> String? {
        let section = text.components(separatedBy: "### ").first { $0.contains("事例 \(caseNumber)") } ?? ""
        return section.split(separator: "\n").first { $0.hasPrefix("- ") && $0.contains(name) }.map(String.init)
    }

    @Test("#14.4: the master copy shows each person's 出欠 per item (回答なし, 出席, 欠席, 未定, 代理: name) with the time",
          arguments: [DocumentFormat.markdown, .html])
    func masterShowsEveryAnswer(format: DocumentFormat) throws {
        let text = try renderer.render(agenda(.master), format: format)
        if format == .markdown {
            #expect(line(text, "佐藤 一郎", item: "R8-3") == "- 佐藤 一郎（かさね市社会福祉協議会） — 議長 — 出欠: 出席（令和8年12月1日 10:30 回答）")
            #expect(line(text, "市川 花子", item: "R8-3")?.hasSuffix("— 出欠: 代理: 鈴木 三郎（令和8年12月1日 10:30 回答）") == true)
            #expect(line(text, "高橋 次郎", item: "R8-3")?.hasSuffix("— 出欠: 未定（令和8年12月1日 10:30 回答）") == true)
            #expect(line(text, "四郎", item: "R8-3")?.contains("— 出欠: 欠席（令和8年12月1日 10:30 回答）") == true,
                    "\(text)")
            #expect(line(text, "市川 花子", item: "R8-7")?.hasSuffix("— 出欠: 回答なし") == true, "no time without an answer")
            #expect(line(text, "本人", item: "R8-3")?.contains("出欠") == false, "本人 is not invited by mail")
        } else {
            #expect(text.contains("— 議長 — 出欠: 出席（令和8年12月1日 10:30 回答）</li>"))
            #expect(text.contains("出欠: 代理: 鈴木 三郎（令和8年12月1日 10:30 回答）") && text.contains("出欠: 回答なし</li>"))
        }
    }

    @Test("#14.4: the chair's copy shows the 出欠 of the items they chair")
    func chairSeesAnswers() throws {
        let text = try renderer.render(agenda(.person("p-shakyo")), format: .markdown)
        #expect(line(text, "高橋 次郎", item: "R8-3")?.hasSuffix("— 出欠: 未定（令和8年12月1日 10:30 回答）") == true, "\(text)")
        #expect(line(text, "鈴木 三郎", item: "R8-7")?.hasSuffix("— 出欠: 回答なし") == true)
    }

    @Test("#14.4: an agency's copy and another attendee's copy show no answers, not even their own",
          arguments: [Reader.agency("hostile"), .agency("city"), .agency("houkatsu"), .person("p-city"), .person("p-houkatsu")])
    func othersSeeNoAnswers(reader: Reader) throws {
        for format in [DocumentFormat.markdown, .html] {
            let text = try renderer.render(agenda(reader), format: format)
            #expect(text.contains("事例 R8-") || text.contains("R8-"), "the copy lists the reader's items")
            #expect(!text.contains("出欠") && !text.contains("回答") && !text.contains("代理: "), "\(reader): \(text)")
        }
    }

    @Test("#14.4: without answers the copies are as before (the expected outputs hold)")
    func noAnswersNoChange() throws {
        let with = try renderer.render(AgendaDocument(session: DocumentFixtures.session,
                                                      items: [DocumentFixtures.suspensionItem, DocumentFixtures.planItem],
                                                      registry: DocumentFixtures.registry, reader: .master, answers: [:]),
                                       format: .markdown)
        #expect(with == (try renderer.render(DocumentFixtures.agenda(for: .master), format: .markdown)))
        #expect(!with.contains("出欠"))
    }
}
