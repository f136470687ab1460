import Foundation
import KasaneCore
import KasaneDocuments
import Testing

/// Every template of the real `templates/` folder, rendered from fixed view models and compared
/// with the whole expected output (STYLE.md §12). `KASANE_RECORD=1` rewrites `Expected/`.
@Suite("Templates: exact output from the real templates/ folder")
struct TemplateOutputTests {
    let renderer = DocumentRenderer(templatesFolder: DocumentFixtures.templatesFolder)

    @Test("the cancellation mail comes from templates/cancel.txt.mustache, in Japanese with 和暦 (issue 13), naming no attachment (#14.5)")
    func cancellationMail() throws {
        let text = try renderer.renderCancellationMail(CancellationMail(
            recipientName: "新垣 恵", summary: "重層的支援会議 R8-1 プラン策定時", date: LocalDate(iso: "2026-12-09")!,
            start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870)))
        #expect(text == """
            新垣 恵 様

            次の会議の案内を取り消します。カレンダーに登録済みの場合は、この予定を削除してください
            （メールソフトによっては自動で削除されます）。

            件名: 重層的支援会議 R8-1 プラン策定時
            日時: 令和8年12月9日（水） \(JapaneseEra.timeRange(TimeOfDay(minutes: 840), TimeOfDay(minutes: 870)))

            重層的支援体制整備事業 事務局

            """)
    }

    @Test("agenda.md.mustache, master copy (非公開, every item, exclusions and notices)")
    func agendaMarkdownMaster() throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .master), format: .markdown)
        #expect(text == (try DocumentFixtures.expected("agenda-master.md", actual: text)))
    }

    @Test("agenda.md.mustache, a person's copy (R15: only their item)")
    func agendaMarkdownPerson() throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .person("p-houkatsu")), format: .markdown)
        #expect(text == (try DocumentFixtures.expected("agenda-person.md", actual: text)))
    }

    @Test("agenda.md.mustache, a copy for a reader with no item")
    func agendaMarkdownNobody() throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .person("nobody")), format: .markdown)
        #expect(text == (try DocumentFixtures.expected("agenda-empty.md", actual: text)))
    }

    @Test("agenda.html.mustache, master copy")
    func agendaHTMLMaster() throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .master), format: .html)
        #expect(text == (try DocumentFixtures.expected("agenda-master.html", actual: text)))
    }

    @Test("agenda.html.mustache, an agency's copy")
    func agendaHTMLAgency() throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .agency("hostile")), format: .html)
        #expect(text == (try DocumentFixtures.expected("agenda-agency.html", actual: text)))
    }

    @Test("minutes.md.mustache, master copy")
    func minutesMarkdownMaster() throws {
        let text = try renderer.render(DocumentFixtures.minutes(confidential: true), format: .markdown)
        #expect(text == (try DocumentFixtures.expected("minutes-master.md", actual: text)))
    }

    @Test("minutes.md.mustache, a person's copy")
    func minutesMarkdownPerson() throws {
        let text = try renderer.render(DocumentFixtures.minutes(confidential: false), format: .markdown)
        #expect(text == (try DocumentFixtures.expected("minutes-person.md", actual: text)))
    }

    @Test("minutes.html.mustache, master copy")
    func minutesHTMLMaster() throws {
        let text = try renderer.render(DocumentFixtures.minutes(confidential: true), format: .html)
        #expect(text == (try DocumentFixtures.expected("minutes-master.html", actual: text)))
    }

    @Test("mail.txt.mustache, a person's invitation")
    func mailPerson() throws {
        let text = try renderer.renderInvitationMail(DocumentFixtures.agenda(for: .person("p-houkatsu")))
        #expect(text == (try DocumentFixtures.expected("mail-person.txt", actual: text)))
    }

    @Test("mail.txt.mustache, an agency's invitation")
    func mailAgency() throws {
        let text = try renderer.renderInvitationMail(DocumentFixtures.agenda(for: .agency("sumai")))
        #expect(text == (try DocumentFixtures.expected("mail-agency.txt", actual: text)))
    }

    @Test("Every template file of templates/ has an exact-output test, and all load")
    func everyTemplateCovered() throws {
        try renderer.validate()
        let files = try FileManager.default.contentsOfDirectory(atPath: DocumentFixtures.templatesFolder)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files == DocumentTemplate.allCases.map(\.fileName).sorted())
    }

    @Test("No template prints a value unescaped ({{{ }}} or {{& }})")
    func noTripleMustache() throws {
        for template in DocumentTemplate.allCases {
            let text = try String(contentsOfFile: renderer.path(of: template), encoding: .utf8)
            #expect(!text.contains("{{{"), "\(template.fileName) uses {{{ }}}")
            #expect(!text.contains("{{&"), "\(template.fileName) uses {{& }}")
        }
    }
}
