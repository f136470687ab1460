import Foundation
import Testing

/// 代理出席 through the CLI (issue 4 §5): the deputy attends in scope, and is left out, with the
/// rule and the remedy, where they are not in scope (R2, R15).
@Suite("kasane meeting deputy")
struct DeputyTests {
    @Test("R15: a deputy replaces the agency's people where in scope, and is left out of a 支援会議 item they are not appointed to")
    func deputy() throws {
        let ws = try Workspace()
        let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path]
        try ws.loadDemo()
        try ws.ok(["schedule"], environment: env)
        try ws.ok(["meeting", "deputy", "jusou-2026-12-09", "--agency", "city-jusou", "--person", "p-city-2"], environment: env)
        let show = try #require(try ws.ok(["meeting", "show", "jusou-2026-12-09", "--json"], environment: env).json()
            as? [String: Any])
        let items = try #require(show["items"] as? [[String: Any]])
        func attendees(_ i: Int) -> [String] {
            ((items[i]["attendance"] as? [String: Any])?["attendees"] as? [[String: Any]] ?? []).compactMap { $0["person"] as? String }
        }
        /// The left-out people of item `i` with the case of their typed reason and its rule ids
        /// (#13.3: no English message).
        func exclusions(_ i: Int) -> [(person: String, reason: String, rules: [String], named: String)] {
            ((items[i]["attendance"] as? [String: Any])?["exclusions"] as? [[String: Any]] ?? []).compactMap {
                guard let person = $0["person"] as? String, let reason = $0["reason"] as? [String: Any],
                      let which = (reason["case"] as? [String: Any])?.keys.first else { return nil }
                return (person, which, reason["rules"] as? [String] ?? [], $0["namedPerson"] as? String ?? "")
            }
        }
        // Item 1 is a 重層的支援会議 item: the deputy attends instead of p-city-1.
        #expect(attendees(0).contains("p-city-2") && !attendees(0).contains("p-city-1"))
        // Item 2 is a 支援会議 item: the deputy is not an appointed member, so they are left out (R2).
        #expect(!attendees(1).contains("p-city-2"))
        // R2: not a member of the 支援会議 (ExclusionReason.notAMember), the line naming 宮城 亮.
        #expect(exclusions(1).contains {
            $0.person == "p-city-2" && $0.reason == "notAMember" && $0.rules.contains("R2") && $0.named == "宮城 亮"
        })
        // A deputy from another agency is refused, and nothing changes.
        let before = try dumpDatabase(ws.database)
        let refused = try ws.run(["meeting", "deputy", "jusou-2026-12-09", "--agency", "city-jusou", "--person", "p-kodomo-1"],
                                 environment: env)
        #expect(refused.status != 0 && refused.stderr.contains("同じ機関"))
        #expect(try dumpDatabase(ws.database) == before)
        // Clearing brings the usual people back.
        try ws.ok(["meeting", "deputy", "jusou-2026-12-09", "--agency", "city-jusou", "--clear"], environment: env)
        let again = try #require(try ws.ok(["meeting", "show", "jusou-2026-12-09", "--json"], environment: env).json()
            as? [String: Any])
        let first = try #require((again["items"] as? [[String: Any]])?.first)
        let people = ((first["attendance"] as? [String: Any])?["attendees"] as? [[String: Any]] ?? []).compactMap { $0["person"] as? String }
        #expect(people.contains("p-city-1"))
    }
}
