import Foundation
public import KasaneCore
import Mustache

/// What went wrong with a template, written for the person who edits `templates/`.
public enum DocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The template file is not in the templates folder (or cannot be read).
    case templateMissing(file: String)
    /// The template file is not valid Mustache: where (1-based line and column), what, and the
    /// text of the offending line.
    case templateMalformed(file: String, line: Int, column: Int, problem: String, text: String)

    /// One line naming the template file and how to fix it.
    public var description: String {
        switch self {
        case .templateMissing(let file):
            "template \(file) is missing or unreadable: restore it from the repository's templates/ folder, or point Kasane at the folder that holds it"
        case .templateMalformed(let file, let line, let column, let problem, let text):
            "template \(file):\(line):\(column) is not valid Mustache (\(problem)): fix the tag near `\(text)`"
        }
    }
}

/// Renders agendas, minutes and invitation mails with the Mustache templates of a folder.
///
/// Templates are read from the folder at every render, so they can be edited without
/// rebuilding. They see the typed view models only (`AgendaDocument`, `MinutesDocument`), by
/// their stored properties; `{{^empty(items)}}…{{/empty(items)}}` tests a list for emptiness.
/// HTML templates escape every value; Markdown templates start with
/// `{{% CONTENT_TYPE: MARKDOWN}}`, which backslash-escapes the characters Markdown would read as
/// markup or raw HTML (`\ ` * < > [ ] # | & ~`, not `_`) and turns line breaks into spaces; the
/// mail template uses `{{% CONTENT_TYPE: TEXT}}`. No template uses `{{{ }}}` or `{{& }}`.
public struct DocumentRenderer: Sendable {
    /// The folder holding the `*.mustache` files.
    public let templatesFolder: String

    /// A renderer reading templates from `templatesFolder` (e.g. `templates`).
    public init(templatesFolder: String) {
        self.templatesFolder = templatesFolder
    }

    /// The agenda in `format`.
    /// - Throws: `DocumentError` naming the template file when it is missing or malformed.
    public func render(_ agenda: AgendaDocument, format: DocumentFormat) throws(DocumentError) -> String {
        try render(agenda, with: .agenda(format))
    }

    /// The minutes in `format`.
    /// - Throws: `DocumentError` naming the template file when it is missing or malformed.
    public func render(_ minutes: MinutesDocument, format: DocumentFormat) throws(DocumentError) -> String {
        try render(minutes, with: .minutes(format))
    }

    /// The text/plain body of the invitation mail for a person's or agency's agenda copy: the
    /// greeting, the meeting, its date, time and place, the items the reader attends.
    /// - Throws: `DocumentError` naming the template file when it is missing or malformed.
    public func renderInvitationMail(_ agenda: AgendaDocument) throws(DocumentError) -> String {
        try render(agenda, with: .mail)
    }

    /// The text/plain body of a cancellation mail (`cancel.txt.mustache`).
    /// - Throws: `DocumentError` naming the template file when it is missing or malformed.
    public func renderCancellationMail(_ mail: CancellationMail) throws(DocumentError) -> String {
        try render(mail, with: .cancellationMail)
    }

    /// Loads every template, so a broken folder is reported before anything is rendered.
    /// - Throws: `DocumentError` for the first template (in `DocumentTemplate` order) that is
    ///   missing or malformed.
    public func validate() throws(DocumentError) {
        for template in DocumentTemplate.allCases { _ = try load(template) }
    }

    /// The path of `template` in the folder.
    public func path(of template: DocumentTemplate) -> String {
        (templatesFolder.hasSuffix("/") ? templatesFolder : templatesFolder + "/") + template.fileName
    }

    // MARK: - Loading

    private func render(_ model: Any, with template: DocumentTemplate) throws(DocumentError) -> String {
        try load(template).render(model)
    }

    private func load(_ template: DocumentTemplate) throws(DocumentError) -> MustacheTemplate {
        Self.registerContentTypes
        let path = path(of: template)
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw .templateMissing(file: path)
        }
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .templateMalformed(
                file: path, line: error.context.lineNumber, column: error.context.columnNumber,
                problem: Self.problem(error.error), text: error.context.line.trimmingCharacters(in: .whitespaces))
        } catch {
            throw .templateMalformed(file: path, line: 0, column: 0, problem: "\(error)", text: "")
        }
    }

    private static func problem(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        return switch error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case .unfinishedName: "a tag is not closed"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform on an inheritance section"
        case .illegalTokenInsideInheritSection: "an illegal tag inside an inheritance section"
        case .textInsideInheritSection: "text inside an inheritance section"
        case .invalidConfigVariableSyntax: "invalid {{% … }} pragma"
        case .unrecognisedConfigVariable: "unknown {{% … }} pragma or content type (use HTML, TEXT or MARKDOWN)"
        @unknown default: "\(error)"
        }
    }

    /// Registers the `MARKDOWN` content type once, before any template is parsed.
    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()
}

/// Escapes values for Markdown: a backslash before each character Markdown reads as markup or raw
/// HTML, and line breaks turned into spaces so a value cannot start a new block.
struct MarkdownContentType: MustacheContentType {
    static let special: Set<Character> = ["\\", "`", "*", "<", ">", "[", "]", "#", "|", "&", "~"]

    func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            if c.isNewline {
                out.append(" ")
            } else {
                if Self.special.contains(c) { out.append("\\") }
                out.append(c)
            }
        }
        return out
    }
}

/// What a cancellation mail says: to whom, which item, when (和暦), and who sends it.
public struct CancellationMail: Hashable, Sendable {
    /// The recipient's name (a registered person, never a household member).
    public var recipientName: String
    /// The item's summary: meeting kind, case number, trigger.
    public var summary: String
    /// The day in 和暦 with the weekday.
    public var date: String
    /// `14:00〜14:30`.
    public var timeRange: String

    /// Creates a mail body from the cancelled event.
    public init(recipientName: String, summary: String, date: LocalDate, start: TimeOfDay, end: TimeOfDay) {
        self.recipientName = recipientName
        self.summary = summary
        self.date = JapaneseEra.format(date)
        self.timeRange = JapaneseEra.timeRange(start, end)
    }
}
