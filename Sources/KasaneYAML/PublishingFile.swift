public import KasaneCore
import Yams

/// Reads what the calendars add to every event (#14.7), `calendars/publishing.yaml`:
///
/// ```yaml
/// reminders:
///   dayBefore: true     # VALARM the day before (TRIGGER;RELATED=START:-P1D)
///   hourBefore: true    # VALARM an hour before (TRIGGER;RELATED=START:-PT1H)
/// documents:
///   baseURL: https://kasane.example.jp/documents/   # where `agenda --all --format html` is published
/// ```
///
/// Every key is optional; a missing one means off. A file holding only comments sets nothing
/// (nil: as if there were no file).
public enum PublishingFile {
    /// The keys at the top of the file.
    static let topKeys: Set<String> = ["reminders", "documents"]

    /// Parses the file; nil when it sets nothing (empty, or comments only).
    /// - Throws: `YAMLInputError` at `file:line` for an unknown key, a value other than
    ///   `true`/`false`, or a base URL `DocumentsLocation.problem` refuses.
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> PublishingSettings? {
        let root: YAMLNode
        do throws(YAMLInputError) {
            root = try YAMLNode.parse(text, file: file)
        } catch {
            if error.problem == .emptyFile { return nil }
            throw error
        }
        // A document that is only `~` or empty text sets nothing, as a file of comments does.
        if case .scalar(let s) = root.node, ["", "~", "null"].contains(s.string) { return nil }
        let top = try root.mapping(allowing: topKeys)
        var settings = PublishingSettings.none
        if let node = top["reminders"] {
            let m = try node.mapping(allowing: ["dayBefore", "hourBefore"])
            settings.reminders = CalendarReminders(dayBefore: try m["dayBefore"]?.bool() ?? false,
                                                   hourBefore: try m["hourBefore"]?.bool() ?? false)
        }
        if let node = top["documents"] {
            let m = try node.mapping(allowing: ["baseURL"])
            let urlNode = try m.required("baseURL", in: node)
            let url = try urlNode.nonEmptyString()
            if let problem = DocumentsLocation.problem(url) { throw urlNode.fail(.notDocumentsURL(url, problem)) }
            settings.documents = DocumentsLocation(baseURL: url)
        }
        return settings
    }
}
