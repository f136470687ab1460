import Foundation
import Testing

/// Issue 5 §4: plant unique marker strings in every personal field of generated case data, run
/// the whole main job (schedule, invitations, mails, feeds, agendas, minutes, reports, logs at
/// trace level) and scan every byte Kasane writes — files, file names and output — for them.
/// Only `case show` (the secretariat's view of the case file itself) may print personal data.
@Suite("Privacy: no personal data leaves the case file")
struct PrivacyMarkerTests {
    /// Marker strings: one per personal field per member, unique in the whole run.
    struct Member {
        let key: String, relation: String, name: String, born: String, address: String, circumstances: String
    }

    static func members(of c: Int) -> [Member] {
        (0..<3).map { m in
            Member(key: "m\(m)", relation: m == 0 ? "本人" : "家族",
                   name: "氏名マーカー\(c)x\(m)ZQ", born: "19\(30 + c)-0\(m + 1)-1\(m + 3)",
                   address: "住所マーカー\(c)x\(m)ZQ 架空町", circumstances: "困りごとマーカー\(c)x\(m)ZQ")
        }
    }

    static func casesYAML() -> String {
        var lines = ["cases:"]
        let consents = ["fields: [高齢, 包括, 子ども, 困窮]", "agencies: [houkatsu-chuo, shakyo, city-jusou]", nil]
        for c in 0..<6 {
            lines += ["  - number: P9-\(c)", "    opened: 2026-09-01", "    referred_by: houkatsu-chuo",
                      "    fields: [高齢]", "    agencies: [houkatsu-chuo, kodomo-center]", "    members:"]
            for m in members(of: c) {
                lines.append("      - {key: \(m.key), relation: \(m.relation), principal: \(m.key == "m0"), name: \(m.name), "
                    + "born: \(m.born), address: \(m.address), circumstances: \(m.circumstances)}")
            }
            lines.append("    events:")
            if let scope = consents[c % 3] {
                for m in members(of: c) {
                    lines.append("      - consent: {member: \(m.key), on: 2026-09-10, \(scope), form: F-\(c)}")
                }
            }
            lines.append("      - principal_attends: {attends: true, on: 2026-09-10}")
            lines.append("      - contact: {on: 2026-11-01, method: 訪問, reached: true, by: houkatsu-chuo}")
            lines.append("      - plan: {kind: \(c % 3 == 2 ? "アウトリーチ等" : "多機関協働"), on: 2026-11-1\(c), "
                + "services: [{agency: houkatsu-chuo, task: 見守り}, {agency: shakyo, task: 訪問, statutory: true}]}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every form a marker could take in output: as given, and dates in compact and 和暦 forms.
    static var markers: [String] {
        (0..<6).flatMap { c in
            members(of: c).flatMap { m -> [String] in
                let d = m.born.split(separator: "-").map(String.init)
                return [m.name, m.address, m.circumstances, m.born, d.joined(), "昭和\(Int(d[0])! - 1925)年\(Int(d[1])!)月\(Int(d[2])!)日"]
            }
        }
    }

    @Test("no marker in any calendar object, mail, feed, document, file name, output or log line")
    func noPersonalDataAnywhere() throws {
        let ws = try Workspace()
        let env = ["KASANE_CALENDARS": repositoryRoot.appendingPathComponent("calendars").path,
                   "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path,
                   "KASANE_LOG_LEVEL": "trace"]
        let decideDay = env.merging(["KASANE_TODAY": "2026-12-09"]) { _, new in new }
        var outputs: [String] = []
        func run(_ args: [String], _ environment: [String: String] = env) throws {
            let r = try ws.run(args, environment: environment)
            #expect(r.status == 0, "\(r)")
            outputs += [r.stdout, r.stderr]
        }
        try run(["registry", "import", Workspace.example("registry.yaml")])
        try run(["case", "import", try ws.write("cases.yaml", Self.casesYAML())])
        // Personal data really is in the workspace (so the scan below can fail).
        let show = try ws.ok(["case", "show", "P9-0"])
        #expect(show.stdout.contains(Self.members(of: 0)[0].name))
        for args in [["case", "list"], ["case", "list", "--json"], ["triggers"], ["triggers", "--json"], ["schedule"],
                     ["schedule", "--json"], ["meeting", "list"], ["meeting", "list", "--json"],
                     ["invite", "--out", "out/invitations"], ["feeds", "--out", "out/feeds"]] {
            try run(args)
        }
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: env).json() as? [[String: Any]])
        #expect(!meetings.isEmpty)
        for meeting in meetings.compactMap({ $0["id"] as? String }) {
            try run(["meeting", "show", meeting])
            try run(["meeting", "show", meeting, "--json"])
            for format in ["md", "html"] {
                try run(["agenda", meeting, "--all", "--format", format, "--out-dir", "out/documents"])
            }
        }
        let first = try #require(meetings.first { ($0["id"] as? String)?.hasPrefix("jusou-") == true }?["id"] as? String)
        try run(["decide", first, "1", "--outcome", "差戻し", "--by", "p-shakyo-1", "--shortage", "居場所の不足"], decideDay)
        try run(["minutes", first, "--all", "--out-dir", "out/documents"], decideDay)
        try run(["minutes", first, "--all", "--format", "html", "--out-dir", "out/documents"], decideDay)
        try run(["schedule"], decideDay)
        try run(["invite", "--out", "out/invitations"], decideDay)
        try run(["feeds", "--out", "out/feeds"], decideDay)
        try run(["report", "--fiscal-year", "2026", "--json"], decideDay)
        try run(["verify"], decideDay)

        // Scan every file written (names and bytes) and every output.
        var scanned = 0
        let out = ws.folder.appendingPathComponent("out")
        let files = FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []
        #expect(files.contains { $0.hasSuffix(".eml") } && files.contains { $0.hasSuffix(".ics") }
            && files.contains { $0.hasSuffix(".html") })
        var haystacks = outputs
        for file in files {
            haystacks.append(file)
            if let data = FileManager.default.contents(atPath: out.appendingPathComponent(file).path) {
                haystacks.append(String(decoding: data, as: UTF8.self))
                // Mail bodies are base64: scan them decoded too.
                let text = String(decoding: data, as: UTF8.self)
                for chunk in text.components(separatedBy: "\r\n\r\n") {
                    if let decoded = Data(base64Encoded: chunk.replacingOccurrences(of: "\r\n", with: "")) {
                        haystacks.append(String(decoding: decoded, as: UTF8.self))
                    }
                }
            }
        }
        for hay in haystacks {
            scanned += hay.utf8.count
            for marker in Self.markers {
                #expect(!hay.contains(marker), "personal data '\(marker)' leaked into: \(hay.prefix(300))")
            }
        }
        #expect(scanned > 50_000, "too little output scanned (\(scanned) bytes): the test would prove nothing")
    }
}
