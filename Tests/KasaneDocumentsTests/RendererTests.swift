import Foundation
import KasaneCore
@testable import KasaneDocuments
import Testing

@Suite("DocumentRenderer: escaping, 和暦, template errors")
struct RendererTests {
    let renderer = DocumentRenderer(templatesFolder: DocumentFixtures.templatesFolder)

    /// A temporary templates folder holding copies of the real templates.
    private func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kasane-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for template in DocumentTemplate.allCases {
            try FileManager.default.copyItem(atPath: renderer.path(of: template), toPath: folder + "/" + template.fileName)
        }
        return folder
    }

    @Test("A hostile agency name is HTML-escaped in the HTML agenda and minutes")
    func htmlEscaping() throws {
        let agenda = try renderer.render(DocumentFixtures.agenda(for: .agency("hostile")), format: .html)
        let minutes = try renderer.render(DocumentFixtures.minutes(confidential: true), format: .html)
        for text in [agenda, minutes] {
            #expect(!text.contains("<script>"))
            #expect(!text.contains("<b>"))
            #expect(text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;NPO&#39;"))
        }
    }

    @Test("Markdown escapes markup and raw HTML in values, and keeps a value on one line")
    func markdownEscaping() {
        let md = MarkdownContentType()
        #expect(md.escapeText("<script>&[x](y)") == "\\<script\\>\\&\\[x\\](y)")
        #expect(md.escapeText("a\n# b|c") == "a \\# b\\|c")
        #expect(md.escapeText("かさね_市") == "かさね_市")
    }

    @Test("A non-web online link is shown but never made a link")
    func nonWebLinkNotClickable() throws {
        var doc = DocumentFixtures.agenda(for: .master)
        doc.header.online = OnlineLink(url: "javascript:alert(1)")
        let text = try renderer.render(doc, format: .html)
        #expect(!text.contains("href=\"javascript"))
        #expect(text.contains("<td>javascript:alert(1)</td>"))
        #expect(OnlineLink(url: "https://meet.example.jp/x").isWeb)
        #expect(!OnlineLink(url: "https://x\" onclick=\"y").isWeb)
    }

    @Test("Dates are in 和暦 with the weekday, and the fiscal year is named", arguments: DocumentFormat.allCases)
    func wareki(format: DocumentFormat) throws {
        let text = try renderer.render(DocumentFixtures.agenda(for: .master), format: format)
        #expect(text.contains("令和8年12月9日（水） 14:00〜16:00"))
        #expect(text.contains("令和8年度"))
        #expect(!text.contains("2026-12-09"))
    }

    @Test("A missing template is reported with its file path")
    func missingTemplate() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/minutes.html.mustache")
        let renderer = DocumentRenderer(templatesFolder: folder)
        #expect(throws: DocumentError.templateMissing(file: folder + "/minutes.html.mustache")) {
            _ = try renderer.render(DocumentFixtures.minutes(confidential: true), format: .html)
        }
        #expect(throws: DocumentError.templateMissing(file: folder + "/minutes.html.mustache")) {
            try renderer.validate()
        }
        // The other templates still render.
        _ = try renderer.render(DocumentFixtures.agenda(for: .master), format: .html)
        let error = DocumentError.templateMissing(file: folder + "/minutes.html.mustache")
        #expect(error.description.contains("minutes.html.mustache"))
    }

    @Test("A malformed template is reported with its file, line and column")
    func malformedTemplate() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# 次第\n{{#items}}\n{{caseNumber}}\n{{/attendees}}\n".write(
            toFile: folder + "/agenda.md.mustache", atomically: true, encoding: .utf8)
        let renderer = DocumentRenderer(templatesFolder: folder)
        let error = try #require(throws: DocumentError.self) {
            _ = try renderer.render(DocumentFixtures.agenda(for: .master), format: .markdown)
        }
        guard case .templateMalformed(let file, let line, _, _, _) = error else {
            Issue.record("expected templateMalformed, got \(error)")
            return
        }
        #expect(file == folder + "/agenda.md.mustache")
        #expect(line == 4)
        #expect(error.description.hasPrefix("template \(folder)/agenda.md.mustache:4:"))
    }

    @Test("An unknown content type pragma is reported as malformed")
    func unknownPragma() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{{% CONTENT_TYPE: PDF}}\n".write(toFile: folder + "/mail.txt.mustache", atomically: true, encoding: .utf8)
        let error = try #require(throws: DocumentError.self) {
            _ = try DocumentRenderer(templatesFolder: folder).renderInvitationMail(DocumentFixtures.agenda(for: .master))
        }
        #expect(error.description.contains("mail.txt.mustache:1:"))
    }

    @Test("Templates are read at render time: an edit shows without rebuilding")
    func editableWithoutRebuild() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let renderer = DocumentRenderer(templatesFolder: folder)
        let doc = DocumentFixtures.agenda(for: .master)
        #expect(try renderer.renderInvitationMail(doc).contains("いつもお世話になっております。"))
        try "{{% CONTENT_TYPE: TEXT}}\n{{header.title}}だけ\n".write(
            toFile: folder + "/mail.txt.mustache", atomically: true, encoding: .utf8)
        #expect(try renderer.renderInvitationMail(doc) == "第9回 重層的支援会議だけ\n")
    }
}
