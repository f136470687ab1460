import Foundation
import Testing

/// Issue 5 §5: every .ics and .eml the main job writes parses in the independent PyPI parsers
/// (icalendar, vobject, and the strict `ical` when installed) with the same events, and its
/// bytes hold the rules no parser checks: lines ≤ 75 octets, CRLF only, no fold splitting a
/// UTF-8 character.
@Suite("Files written by the main job parse elsewhere")
struct InteropTests {
    @Test("invitations, mails and feeds of the demo parse in icalendar and vobject, with sound bytes")
    func demoOutputs() throws {
        let ws = try Workspace()
        let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                   "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["invite", "--out", "out/invitations"], environment: env)
        try ws.ok(["feeds", "--out", "out/feeds"], environment: env)
        let out = ws.folder.appendingPathComponent("out")
        let files = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).sorted()
        let ics = files.filter { $0.hasSuffix(".ics") }, eml = files.filter { $0.hasSuffix(".eml") }
        #expect(ics.count > 20 && eml.count > 10)
        for file in ics {
            let data = try #require(FileManager.default.contents(atPath: out.appendingPathComponent(file).path))
            checkBytes(data, file: file)
            let json = try python("check_ics.py", out.appendingPathComponent(file).path)
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let a = try #require(parsed["icalendar"] as? [String: Any]), b = try #require(parsed["vobject"] as? [String: Any])
            #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(file): icalendar and vobject disagree")
            let events = try #require(a["events"] as? [[String: Any]])
            if file.hasPrefix("feeds/") {
                #expect(a["method"] is NSNull, "\(file): a feed has no METHOD")
            } else {
                #expect(events.count == 1 && (events[0]["uid"] as? String)?.hasPrefix("kasane-") == true, "\(file)")
                #expect((events[0]["dtstart"] as? String)?.hasSuffix("+09:00") == true, "\(file)")
            }
        }
        for file in eml.prefix(12) {
            let json = try python("check_eml.py", out.appendingPathComponent(file).path)
            #expect(json.contains("REQUEST") || json.contains("CANCEL"), "\(file): \(json.prefix(200))")
        }
    }

    /// CRLF only, ≤ 75 octets per line, folds never split a UTF-8 character.
    func checkBytes(_ data: Data, file: String) {
        let bytes = [UInt8](data)
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                #expect(i > 0 && bytes[i - 1] == 0x0D, "\(file): bare LF at byte \(i)")
                let line = Array(bytes[lineStart..<(i - 1)])
                #expect(line.count <= 75, "\(file): a line of \(line.count) octets")
                #expect(String(bytes: line, encoding: .utf8) != nil, "\(file): a line is not whole UTF-8 (split fold?)")
                lineStart = i + 1
            } else if bytes[i] == 0x0D {
                #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "\(file): bare CR at byte \(i)")
            }
            i += 1
        }
        #expect(lineStart == bytes.count, "\(file): does not end with CRLF")
    }

    func python(_ script: String, _ path: String) throws -> String {
        try runPython([repositoryRoot.appendingPathComponent("scripts/\(script)").path, path])
    }
}
