import KasaneCore
import KasaneYAML
import Testing

/// #14.7: `calendars/publishing.yaml`, the reminders and the documents' base URL.
@Suite("PublishingFile: reminders and the documents' base URL (#14.7)")
struct PublishingFileTests {
    @Test("#14.7: the settings are read; what is left out is off; an empty file or one of comments sets nothing (nil)",
          arguments: [
            ("reminders:\n  dayBefore: true\n  hourBefore: true\n", CalendarReminders(dayBefore: true, hourBefore: true), String?.none),
            ("reminders: {hourBefore: true}\n", CalendarReminders(hourBefore: true), nil),
            ("reminders: {dayBefore: false, hourBefore: false}\n", CalendarReminders.none, nil),
            ("documents:\n  baseURL: https://kasane.example.jp/documents/\n", CalendarReminders.none,
             "https://kasane.example.jp/documents/"),
            ("documents: {baseURL: https://kasane.example.jp/docs}\nreminders: {dayBefore: true}\n",
             CalendarReminders(dayBefore: true), "https://kasane.example.jp/docs/"),
            ("documents: {baseURL: 'http://localhost:8080/d/'}\n", CalendarReminders.none, "http://localhost:8080/d/"),
            ("documents: {baseURL: 'http://[::1]/d'}\n", CalendarReminders.none, "http://[::1]/d/"),
            ("# reminders:\n#   dayBefore: true\n", CalendarReminders.none, nil),
            ("", CalendarReminders.none, nil),
          ])
    func reads(_ text: String, _ reminders: CalendarReminders, _ baseURL: String?) throws {
        let parsed = try PublishingFile.parse(text, file: "publishing.yaml")
        #expect((parsed == nil) == text.split(separator: "\n").allSatisfy { $0.hasPrefix("#") }, "nil: sets nothing")
        let settings = parsed ?? .none
        #expect(settings.reminders == reminders)
        #expect(settings.documents?.baseURL == baseURL)
        #expect(settings.isActive == (reminders != .none || baseURL != nil))
    }

    @Test("#14.7, bad input: a bad value is refused at file:line in Japanese, saying what to write",
          arguments: [
            ("reminders:\n  dayBefore: yes\n", 2, "true か false を書いてください（'yes' と書かれています）"),
            ("reminders:\n  dayBefore: true\n  weekBefore: true\n", 3, "キー 'weekBefore' は使えません"),
            ("remind:\n  dayBefore: true\n", 1, "キー 'remind' は使えません"),
            ("reminders: true\n", 1, "マッピング"),
            ("documents:\n  baseURL: http://kasane.example.jp/documents/\n", 2, "https:// にしてください"),
            ("documents:\n  baseURL: https://kasane.example.jp/documents/?token=1\n", 2, "クエリ"),
            ("documents:\n  baseURL: https://kasane.example.jp/documents/#top\n", 2, "フラグメント"),
            ("documents:\n  baseURL: https://user:pw@kasane.example.jp/\n", 2, "パスワード"),
            ("documents:\n  baseURL: https://kasane.example.jp:99999/\n", 2, "ポート番号"),
            ("documents:\n  baseURL: kasane.example.jp/documents\n", 2, "https:// で始まり"),
            ("documents:\n  baseURL: https://kasane.example.jp/文書/\n", 2, "日本語を含まない"),
            ("documents:\n  baseURL: ftp://kasane.example.jp/\n", 2, "https:// で始まり"),
            ("documents:\n  url: https://kasane.example.jp/\n", 2, "キー 'url' は使えません"),
            ("documents: {}\n", 1, "キー 'baseURL' がありません"),
          ])
    func refuses(_ text: String, _ line: Int, _ message: String) {
        do {
            let settings = try PublishingFile.parse(text, file: "calendars/publishing.yaml")
            Issue.record("accepted: \(text) as \(String(describing: settings))")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("calendars/publishing.yaml:\(line): "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("#14.7: a reader's agenda URL names the meeting and the reader's id only, as `agenda --all` names the file")
    func agendaURL() throws {
        let location = try #require(DocumentsLocation(baseURL: "https://kasane.example.jp/documents"))
        #expect(location.agendaURL(meeting: "jusou-2026-12-09", reader: DocumentsLocation.readerKey(person: "p-city-1"))
            == "https://kasane.example.jp/documents/jusou-2026-12-09-agenda-p-city-1.html")
        #expect(location.agendaURL(meeting: "jusou-2026-12-09", reader: DocumentsLocation.readerKey(agency: "shakyo"))
            == "https://kasane.example.jp/documents/jusou-2026-12-09-agenda-agency-shakyo.html")
        #expect(DocumentsLocation.fileName(meeting: "jusou-2026-12-09", kind: "agenda", reader: DocumentsLocation.masterKey,
                                           fileExtension: "md") == "jusou-2026-12-09-agenda-master.md")
        #expect(DocumentsLocation(baseURL: "http://kasane.example.jp/") == nil)
    }
}
