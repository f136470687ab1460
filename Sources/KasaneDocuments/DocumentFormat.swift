/// The output formats of agendas and minutes.
public enum DocumentFormat: String, Hashable, Sendable, CaseIterable {
    /// Markdown (`.md`).
    case markdown = "md"
    /// A printable HTML page (`.html`).
    case html = "html"

    /// The file extension of the output, without the dot.
    public var fileExtension: String { rawValue }
}

/// The templates of `templates/`, one file each.
public enum DocumentTemplate: String, Hashable, Sendable, CaseIterable {
    /// The agenda (次第) in Markdown.
    case agendaMarkdown = "agenda.md"
    /// The agenda (次第) as a printable HTML page.
    case agendaHTML = "agenda.html"
    /// The minutes (議事録) in Markdown.
    case minutesMarkdown = "minutes.md"
    /// The minutes (議事録) as a printable HTML page.
    case minutesHTML = "minutes.html"
    /// The text/plain body of an invitation mail.
    case mail = "mail.txt"
    /// The text/plain body of a cancellation mail.
    case cancellationMail = "cancel.txt"

    /// The file name in the templates folder: `agenda.md.mustache`.
    public var fileName: String { rawValue + ".mustache" }

    static func agenda(_ format: DocumentFormat) -> DocumentTemplate {
        format == .markdown ? .agendaMarkdown : .agendaHTML
    }

    static func minutes(_ format: DocumentFormat) -> DocumentTemplate {
        format == .markdown ? .minutesMarkdown : .minutesHTML
    }
}
