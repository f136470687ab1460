import Foundation
import Testing

/// Issue 14, point 7: reminders (VALARM) and a link to the reader's agenda in invitations and
/// feeds, per workspace (`calendars/publishing.yaml`), checked in the files `invite` and `feeds`
/// write, read by PyPI icalendar and vobject (scripts/check_ics.py).
@Suite("Reminders and agenda links in calendars (#14.7)")
struct ReminderTests {
    static let base = "https://kasane.example.jp/documents/"
    static let on = """
        reminders:
          dayBefore: true
          hourBefore: true
        documents:
          baseURL: \(base)

        """
    let templates = repositoryRoot.appendingPathComponent("templates").path

    /// A copy of the demo calendars folder in `ws` with `publishing` as its publishing.yaml (nil:
    /// the demo's own, all commented out); the environment that points at it.
    func calendars(_ ws: Workspace, _ publishing: String?) throws -> [String: String] {
        let folder = ws.folder.appendingPathComponent("calendars")
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars"), to: folder)
        }
        if let publishing {
            try publishing.write(to: folder.appendingPathComponent("publishing.yaml"), atomically: true, encoding: .utf8)
        }
        return ["KASANE_CALENDARS": folder.path, "KASANE_TEMPLATES": templates]
    }

    /// The fixture workspace with `publishing` (see `calendars`), scheduled and invited into `inv/`.
    func invited(_ publishing: String?) throws -> (Workspace, [String: String]) {
        let ws = try Workspace()
        let env = try calendars(ws, publishing)
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "inv"], environment: env)
        return (ws, env)
    }

    /// Every `.ics` under `folder` (relative path → icalendar's reading), after checking that
    /// icalendar and vobject read it the same (alarms included).
    func readings(_ folder: String) throws -> [String: [String: Any]] {
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".ics") }
        var result: [String: [String: Any]] = [:]
        for file in files.sorted() {
            let path = (folder as NSString).appendingPathComponent(file)
            let json = try runPython([repositoryRoot.appendingPathComponent("scripts/check_ics.py").path, path])
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let a = try #require(parsed["icalendar"] as? [String: Any]), b = try #require(parsed["vobject"] as? [String: Any])
            #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(file): icalendar and vobject disagree")
            if let c = parsed["ical"] as? [String: Any] {  // the strict parser, when installed: the same alarms and URLs
                func mine(_ r: [String: Any]) -> [NSDictionary] {
                    events(r).map { NSDictionary(dictionary: ["alarms": $0["alarms"] ?? NSNull(), "url": $0["url"] ?? NSNull()]) }
                }
                #expect(mine(a) == mine(c), "\(file): icalendar and ical disagree")
            }
            result[file] = a
        }
        return result
    }

    func events(_ reading: [String: Any]) -> [[String: Any]] { reading["events"] as? [[String: Any]] ?? [] }
    func triggers(_ event: [String: Any]) -> [String] {
        (event["alarms"] as? [[String: Any]] ?? []).compactMap { $0["trigger"] as? String }
    }

    /// The demo's member names and addresses and every name of the registry: none may be in an
    /// alarm or a URL.
    static let canaries: [String] = {
        let registry = (try? String(contentsOfFile: Workspace.example("registry.yaml"), encoding: .utf8)) ?? ""
        let names = registry.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.firstMatch(of: /^\s*-?\s*name:\s*(.+?)\s*$/) else { return nil }
            return String(match.1)
        }
        return names + ["架空 ハナ", "かさね市中央1-2-3", "仮名 由美", "匿名 太郎", "試験 次郎"]
    }()

    /// The bytes of every VALARM block and URL line in `text` (unfolded).
    func alarmsAndURLs(_ text: String) -> [String] {
        var out: [String] = [], inAlarm = false
        for line in text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n") {
            if line == "BEGIN:VALARM" { inAlarm = true }
            if inAlarm || line.hasPrefix("URL") { out.append(line) }
            if line == "END:VALARM" { inAlarm = false }
        }
        return out
    }

    @Test("#14.7: on, every REQUEST and feed event carries the day-before and hour-before alarms and a URL to the reader's own agenda, which `agenda --all` writes")
    func onEverywhere() throws {
        let (ws, env) = try invited(Self.on)
        try ws.ok(["feeds", "--out", "feeds"], environment: env)
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: env).json() as? [[String: Any]])
            .compactMap { $0["id"] as? String }
        for meeting in meetings {
            try ws.ok(["agenda", meeting, "--all", "--format", "html", "--out-dir", "docs"], environment: env)
        }
        let published = Set((try? FileManager.default.contentsOfDirectory(atPath: ws.path("docs"))) ?? [])
        #expect(published.contains { $0.contains("-agenda-agency-") }, "agency copies: \(published.sorted())")

        let invitations = try readings(ws.path("inv"))
        try #require(invitations.count >= 5, "\(invitations.keys.sorted())")
        for (file, reading) in invitations {
            let person = String(file.split(separator: "/")[0])
            #expect(reading["method"] as? String == "REQUEST", "\(file)")
            for event in events(reading) {
                #expect(triggers(event) == ["-P1D", "-PT1H"], "\(file)")
                let url = try #require(event["url"] as? String, "\(file)")
                let name = String(url.dropFirst(Self.base.count))
                #expect(url.hasPrefix(Self.base) && name.hasSuffix("-agenda-\(person).html"), "\(file): \(url)")
                #expect(published.contains(name), "\(file): \(url) is not among the published documents")
            }
        }
        let feeds = try readings(ws.path("feeds"))
        var linked = 0
        for (file, reading) in feeds {
            let agency = String(file.dropLast(4))
            for event in events(reading) where event["status"] as? String != "CANCELLED" {
                #expect(triggers(event) == ["-P1D", "-PT1H"], "\(file)")
                let url = try #require(event["url"] as? String, "\(file)")
                let name = String(url.dropFirst(Self.base.count))
                #expect(url.hasPrefix(Self.base) && name.hasSuffix("-agenda-agency-\(agency).html"), "\(file): \(url)")
                #expect(published.contains(name), "\(file): \(url) is not among the published documents")
                linked += 1
            }
        }
        #expect(linked >= 5)
        // The raw bytes: RELATED=START, and no name or household detail in any alarm or URL.
        let out = ws.folder.path
        let all = (FileManager.default.enumerator(atPath: out)?.allObjects as? [String] ?? [])
            .filter { ($0.hasPrefix("inv/") || $0.hasPrefix("feeds/")) && $0.hasSuffix(".ics") }
        for file in all {
            let text = try String(contentsOfFile: (out as NSString).appendingPathComponent(file), encoding: .utf8)
            let lines = alarmsAndURLs(text)
            if text.contains("STATUS:CONFIRMED") {  // an event that goes on (a feed may have none)
                #expect(lines.contains("TRIGGER;RELATED=START:-P1D") && lines.contains("TRIGGER;RELATED=START:-PT1H"), "\(file)")
            }
            for canary in Self.canaries {
                #expect(!lines.contains { $0.contains(canary) }, "\(file): '\(canary)' in an alarm or URL")
            }
        }
    }

    @Test("#14.7: off (the demo's publishing.yaml, all commented out, or no file at all), no alarm and no agenda URL",
          arguments: [false, true])
    func offNowhere(removeFile: Bool) throws {
        let ws = try Workspace()
        let env = try calendars(ws, nil)
        if removeFile { try FileManager.default.removeItem(atPath: ws.path("calendars/publishing.yaml")) }
        try ws.loadFixture()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "inv"], environment: env)
        try ws.ok(["feeds", "--out", "feeds"], environment: env)
        let all = try readings(ws.path("inv")).merging(try readings(ws.path("feeds"))) { a, _ in a }
        try #require(all.count >= 5)
        for (file, reading) in all {
            for event in events(reading) {
                #expect(triggers(event).isEmpty, "\(file)")
                #expect(!((event["url"] as? String)?.contains("-agenda-") ?? false), "\(file)")
            }
        }
    }

    @Test("#14.7: a CANCEL carries no alarm and no agenda link; in the feed the cancelled item carries neither")
    func cancelWithout() throws {
        let (ws, env) = try invited(Self.on)
        // R8-2 is reached: its 支援中断 item (R8-2#1) is no longer needed and is cancelled.
        try ws.ok(["contact", "log", "R8-2", "--method", "訪問", "--reached", "--by", "kyoiku"], environment: env)
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "inv2"], environment: env)
        try ws.ok(["feeds", "--out", "feeds"], environment: env)
        let cancels = try readings(ws.path("inv2")).filter { $0.value["method"] as? String == "CANCEL" }
        try #require(!cancels.isEmpty, "no CANCEL after the contact")
        for (file, reading) in cancels {
            for event in events(reading) {
                #expect(triggers(event).isEmpty && !((event["url"] as? String)?.contains("-agenda-") ?? false), "\(file)")
            }
            let text = try String(contentsOfFile: ws.path("inv2/" + file), encoding: .utf8)
            #expect(!text.contains("VALARM"), "\(file)")
        }
        var cancelled = 0
        for (file, reading) in try readings(ws.path("feeds")) {
            for event in events(reading) where event["status"] as? String == "CANCELLED" {
                #expect(triggers(event).isEmpty && event["url"] is NSNull, "\(file): \(event)")
                cancelled += 1
            }
        }
        #expect(cancelled >= 1)
    }

    @Test("#14.7, R21: turning reminders and links on, or moving the documents, is no significant change: nothing is sent, SEQUENCE stays, answers hold; the feed bytes change once and are stable")
    func notASignificantChange() throws {
        let (ws, off) = try invited("")
        let reply = repositoryRoot.appendingPathComponent("Tests/KasaneCLITests/Fixtures/replies/outlook-accepted.eml").path
        try ws.ok(["replies", "import", reply], environment: off)
        try ws.ok(["feeds", "--out", "feeds-off"], environment: off)
        let sent = try #require(try ws.ok(["outbox", "--json"], environment: off).json() as? [[String: Any]]).count
        func sequences(_ folder: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for (_, reading) in try readings(ws.path(folder)) {
                for e in events(reading) { result[e["uid"] as? String ?? "?"] = e["sequence"] as? Int }
            }
            return result
        }
        func answer() throws -> String? {
            let list = try #require(try ws.ok(["meeting", "list", "--json"], environment: off).json() as? [[String: Any]])
            let meeting = try #require(list.first { ($0["items"] as? [String])?.contains("R8-1#4") == true }?["id"] as? String)
            let json = try #require(try ws.ok(["meeting", "show", meeting, "--json"], environment: off).json() as? [String: Any])
            let item = (json["items"] as? [[String: Any]] ?? []).first {
                ($0["item"] as? [String: Any])?["triggerID"] as? String == "R8-1#4"
            }
            return (item?["answers"] as? [[String: Any]] ?? []).first { $0["person"] as? String == "p-houkatsu-1" }?["answer"] as? String
        }
        #expect(try answer() == "ACCEPTED")
        let before = try sequences("feeds-off")

        for (step, settings) in [Self.on, Self.on.replacingOccurrences(of: Self.base, with: "https://docs.example.jp/kasane/")].enumerated() {
            let env = try calendars(ws, settings)
            try ws.ok(["schedule"], environment: env)
            try ws.ok(["invite", "--out", "inv-\(step)"], environment: env)
            let written = FileManager.default.enumerator(atPath: ws.path("inv-\(step)"))?.allObjects as? [String] ?? []
            #expect(!written.contains { $0.hasSuffix(".ics") || $0.hasSuffix(".eml") }, "a message was written: \(written)")
            let rows = try #require(try ws.ok(["outbox", "--json"], environment: env).json() as? [[String: Any]])
            #expect(rows.count == sent, "the outbox grew")
            try ws.ok(["feeds", "--out", "feeds-\(step)"], environment: env)
            try ws.ok(["feeds", "--out", "feeds-\(step)-again"], environment: env)
            #expect(try sequences("feeds-\(step)") == before, "SEQUENCE moved")
            #expect(try answer() == "ACCEPTED", "the answer was reset")
            // The bytes changed (alarms, links) and are the same on the next run.
            let offReadings = try readings(ws.path("feeds-off"))
            for agency in try FileManager.default.contentsOfDirectory(atPath: ws.path("feeds-off")) {
                let a = FileManager.default.contents(atPath: ws.path("feeds-off/" + agency))
                let b = FileManager.default.contents(atPath: ws.path("feeds-\(step)/" + agency))
                #expect(FileManager.default.contents(atPath: ws.path("feeds-\(step)-again/" + agency)) == b, "\(agency) not stable")
                if events(offReadings[agency] ?? [:]).isEmpty { continue }
                #expect(a != b, "\(agency): the feed did not change")
            }
        }
    }

    @Test("#14.7, bad input: a bad publishing.yaml is refused with file:line in Japanese, a non-zero exit and nothing written",
          arguments: [
            ("reminders:\n  dayBefore: はい\n", 2, "true か false を書いてください"),
            ("reminders:\n  daybefore: true\n", 2, "キー 'daybefore' は使えません"),
            ("documents:\n  baseURL: http://kasane.example.jp/documents/\n", 2, "https:// にしてください"),
            ("documents:\n  baseURL: https://kasane.example.jp/documents/?key=abc\n", 2, "クエリ"),
            ("documents:\n  baseURL: \"https://kasane.example.jp/#agenda\"\n", 2, "フラグメント"),
          ])
    func badSettings(_ text: String, _ line: Int, _ message: String) throws {
        let ws = try Workspace()
        let env = try calendars(ws, text)
        try ws.loadFixture()
        for args in [["schedule"], ["invite", "--out", "inv"], ["feeds", "--out", "feeds"]] {
            let r = try ws.run(args, environment: env)
            #expect(r.status != 0, "\(r)")
            #expect(r.stderr.contains("publishing.yaml:\(line): ") && r.stderr.contains(message), "\(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: ws.path("inv")) && !FileManager.default.fileExists(atPath: ws.path("feeds")))
    }
}
