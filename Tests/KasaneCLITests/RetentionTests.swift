import Foundation
import Testing

/// A demo workspace whose retention rule is 5 years after the end, with three ended cases: the
/// demo's R8-6 (ending proposed) and R9-1, R9-2 (added here the same way), each ended by a
/// 終結承認 at the meeting `schedule` places it in (#17.2).
struct EndedWorkspace {
    let ws: Workspace
    /// KASANE_CALENDARS (a copy of calendars/ with `retention` added) and the templates.
    let env: [String: String]
    /// The cases ended, and the day each ended.
    let ended: [String: String]

    static let extraCases = """
        cases:
          - number: R9-1
            opened: 2026-04-08
            referred_by: kikan-soudan
            fields: [障がい]
            agencies: [kikan-soudan]
            members:
              - {key: m1, relation: 本人, principal: true, name: 消去 一号, born: 1970-01-31, address: かさね市消去町1-1, circumstances: 消去される事情その一}
              - {key: m2, relation: 母, name: 消去 母子, born: 1941-02-28, address: かさね市消去町1-1, circumstances: 消去される事情その二}
            events:
              - consent: {member: m1, on: 2026-04-15, fields: [障がい, 包括], form: 同意書-R9-1}
              - consent: {member: m2, on: 2026-04-15, fields: [障がい, 包括], form: 同意書-R9-1b}
              - plan: {kind: 多機関協働, on: 2026-05-01, confirmed: 2026-05-13, services: [{agency: kikan-soudan, task: 相談支援}]}
              - contact: {on: 2026-11-01, method: 面談, reached: true, by: kikan-soudan}
              - propose_end: {on: 2026-11-20, by: shakyo}
          - number: R9-2
            opened: 2026-04-09
            referred_by: kikan-soudan
            fields: [障がい]
            agencies: [kikan-soudan]
            members:
              - {key: m1, relation: 本人, principal: true, name: 消去 二号, born: 1980-03-15, address: かさね市消去町2-2, circumstances: 消去される事情その三}
            events:
              - consent: {member: m1, on: 2026-04-15, fields: [障がい, 包括], form: 同意書-R9-2}
              - plan: {kind: 多機関協働, on: 2026-05-01, confirmed: 2026-05-13, services: [{agency: kikan-soudan, task: 相談支援}]}
              - contact: {on: 2026-11-01, method: 面談, reached: true, by: kikan-soudan}
              - propose_end: {on: 2026-11-20, by: shakyo}

        """

    /// The personal details of the cases that are erased (the canaries).
    static let erasedDetails: [String: [String]] = [
        "R8-6": ["例示 四季", "1996-12-24", "かさね市美里5-5", "就労の継続に不安"],
        "R9-1": ["消去 一号", "1970-01-31", "かさね市消去町1-1", "消去される事情その一", "消去 母子", "1941-02-28",
                 "消去される事情その二"],
        "R9-2": ["消去 二号", "1980-03-15", "かさね市消去町2-2", "消去される事情その三"],
    ]
    static var canaries: [String] { erasedDetails.values.flatMap { $0 } }
    /// Members per erased case.
    static let members = ["R8-6": 1, "R9-1": 2, "R9-2": 1]

    init() throws {
        ws = try Workspace()
        let calendars = ws.path("calendars")
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("calendars").path, toPath: calendars)
        let policy = calendars + "/policy.yaml"
        // The repository's policy.yaml sets the 5-year rule (the demo's); the tests edit their copy.
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        try #require(text.contains("retention:\n  yearsAfterEnd: 5"), "calendars/policy.yaml sets no 5-year rule")
        env = ["KASANE_CALENDARS": calendars, "KASANE_TEMPLATES": repositoryRoot.appendingPathComponent("templates").path]
        try ws.loadDemo()
        try ws.write("extra.yaml", Self.extraCases)
        try ws.ok(["case", "import", "extra.yaml"])
        let schedule = try ws.ok(["schedule"], environment: env).stdout
        var ended: [String: String] = [:]
        for line in schedule.split(separator: "\n") {
            guard let m = line.firstMatch(of: /^((R8-6|R9-1|R9-2)#\d+)\s+→\s+(\S+)\s+(\d{4}-\d{2}-\d{2})/) else { continue }
            let (trigger, number, session, day) = (String(m.1), String(m.2), String(m.3), String(m.4))
            try ws.ok(["decide", session, trigger, "--outcome", "終結承認", "--by", "p-shakyo-1", "--lead", "kikan-soudan",
                       "--follow-up", "3か月後に電話"], environment: env.merging(["KASANE_TODAY": day]) { _, new in new })
            ended[number] = day
        }
        try #require(ended.keys.sorted() == ["R8-6", "R9-1", "R9-2"], "\(schedule)")
        self.ended = ended
    }

    /// The environment on `day`.
    func on(_ day: String) -> [String: String] { env.merging(["KASANE_TODAY": day]) { _, new in new } }

    /// The first day every ended case is due (5 years after the latest end).
    var allDue: String {
        let last = ended.values.max()!
        return "\(Int(last.prefix(4))! + 5)" + last.dropFirst(4)
    }

    /// (details rows, erasure events) of case `number`, read from the file.
    static func state(_ database: String, _ number: String) throws -> (rows: Int, erasures: Int) {
        try SQLiteFile.with(database) { db in
            let rows = try db.scalar("""
                SELECT count(*) FROM household_member WHERE case_id = (SELECT id FROM case_file WHERE number = '\(number)')
                """)
            let events = try db.scalar("""
                SELECT count(*) FROM case_event WHERE kind = 'details_erased'
                  AND case_id = (SELECT id FROM case_file WHERE number = '\(number)')
                """)
            return (Int(rows ?? "") ?? -1, Int(events ?? "") ?? -1)
        }
    }
}

/// The bytes of every file under `folder` (recursively) and at `paths`, with their names.
func filesHolding(_ canaries: [String], in paths: [String]) -> [String] {
    var found: [String] = []
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
        if isDirectory.boolValue {
            let e = FileManager.default.enumerator(atPath: path)
            while let name = e?.nextObject() as? String { files.append(path + "/" + name) }
        } else {
            files.append(path)
        }
    }
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        for canary in canaries where data.range(of: Data(canary.utf8)) != nil || file.contains(canary) {
            found.append("\(file): \(canary)")
        }
    }
    return found
}

@Suite("Retention and erasure (#17.2–#17.5)")
struct RetentionTests {
    @Test("#17.2, #17.3, #17.5: plan lists the due cases with their dates; apply erases them; the database, its -wal and -shm, every document, feed and output hold none of the erased details; verify passes")
    func planApplyAndCanaryScan() throws {
        let e = try EndedWorkspace()
        let ws = e.ws
        let dueDay = e.allDue
        let dayBefore = { () -> String in
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: f.date(from: dueDay)!.addingTimeInterval(-86400))
        }()
        // Positive control: the details are in the database files before the erasure.
        let files = [ws.database, ws.database + "-wal", ws.database + "-shm"]
        #expect(!filesHolding(EndedWorkspace.canaries, in: files).isEmpty, "the scan finds the details before erasure")
        // The day before the last case falls due, it is not listed; on the day, all three are.
        let before = try #require(try ws.ok(["retention", "plan", "--json"], environment: e.on(dayBefore)).json()
            as? [[String: Any]])
        #expect(!before.contains { $0["dueOn"] as? String == dueDay })
        let plan = try #require(try ws.ok(["retention", "plan", "--json"], environment: e.on(dueDay)).json()
            as? [[String: Any]])
        #expect(plan.compactMap { $0["number"] as? String }.sorted() == ["R8-6", "R9-1", "R9-2"])
        for line in plan {
            let number = try #require(line["number"] as? String)
            #expect(line["endedOn"] as? String == e.ended[number])
            #expect(line["yearsAfterEnd"] as? Int == 5)
        }
        let human = try ws.ok(["retention", "plan"], environment: e.on(dueDay)).stdout
        #expect(human.contains("R9-1") && human.contains("終結から5年") && human.contains("3 件の事例が消去の対象です"), "\(human)")
        // Documents rendered before the erasure, overwritten after it.
        let meetings = try #require(try ws.ok(["meeting", "list", "--json"], environment: e.env).json() as? [[String: Any]])
        let ids = meetings.compactMap { $0["id"] as? String }
        // Apply.
        let applied = try ws.ok(["retention", "apply", "--by", "p-city-1"], environment: e.on(dueDay))
        for number in ["R8-6", "R9-1", "R9-2"] {
            #expect(applied.stdout.contains("事例 \(number): 世帯員"), "\(applied)")
        }
        #expect(try ws.ok(["retention", "plan"], environment: e.on(dueDay)).stdout.contains("消去の対象となる事例はありません"))
        // What is kept: the case, its events, decisions and the chain; the erasure is an event.
        var outputs = [applied.stdout, human]
        for number in ["R8-6", "R9-1", "R9-2"] {
            let show = try ws.ok(["case", "show", number])
            #expect(show.stdout.contains("消去済み"))
            let file = try #require(try ws.ok(["case", "show", number, "--json"]).json() as? [String: Any])
            #expect(file["status"] as? String == "終結")
            #expect((file["decisions"] as? [[String: Any]])?.isEmpty == false)
            let members = try #require(file["members"] as? [[String: Any]])
            #expect(members.count == EndedWorkspace.members[number])
            #expect(members.allSatisfy { $0["erased"] as? Bool == true && $0["name"] as? String == "消去済み" })
            let events = try #require(file["events"] as? [[String: Any]])
            let erasure = try #require(events.last)
            #expect(erasure["kind"] as? String == "details_erased")
            let payload = try #require(erasure["payload"] as? String)
            #expect(payload.contains("\"by\":\"p-city-1\"") && payload.contains("\"yearsAfterEnd\":5")
                && payload.contains("\"endedOn\":\"\(e.ended[number]!)\""), "\(payload)")
            outputs += [show.stdout, try ws.ok(["case", "show", number, "--json"]).stdout]
        }
        // A case not erased keeps its details (the scan below could find them).
        #expect(try ws.ok(["case", "show", "R8-1"]).stdout.contains("架空 ハナ"))
        let verify = try ws.ok(["verify"])
        #expect(verify.stdout.contains("壊れた連鎖 0 件"), "\(verify)")
        outputs.append(verify.stdout)
        let report = try ws.ok(["report", "--fiscal-year", "2026", "--json"], environment: e.on(dueDay))
        #expect((try report.json() as? [String: Any])?["meetingsHeld"] as? Int ?? 0 >= 1, "\(report)")
        outputs.append(report.stdout)
        for id in ids {
            for format in ["md", "html"] {
                let agenda = try ws.run(["agenda", id, "--all", "--format", format, "--out-dir", "out/documents"],
                                        environment: e.on(dueDay))
                outputs += [agenda.stdout, agenda.stderr]
                let minutes = try ws.run(["minutes", id, "--all", "--format", format, "--out-dir", "out/documents"],
                                         environment: e.on(dueDay))
                outputs += [minutes.stdout, minutes.stderr]
            }
        }
        outputs.append(try ws.ok(["feeds", "--out", "out/feeds"], environment: e.on(dueDay)).stdout)
        outputs.append(try ws.ok(["case", "list", "--json"]).stdout)
        // The canary scan: database, -wal, -shm, documents, feeds, outputs.
        let documents = ws.path("out")
        let scanned = filesHolding(EndedWorkspace.canaries, in: files + [documents])
        #expect(scanned.isEmpty, "erased details remain: \(scanned)")
        #expect(FileManager.default.fileExists(atPath: documents + "/feeds"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: documents + "/documents")) ?? []
        #expect(written.contains { $0.hasSuffix(".html") } && written.contains { $0.hasSuffix(".md") }, "\(written)")
        let wal = (try? FileManager.default.attributesOfItem(atPath: ws.database + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "the -wal is emptied after the erasure")
        for text in outputs {
            for canary in EndedWorkspace.canaries { #expect(!text.contains(canary), "an output shows '\(canary)'") }
        }
        // The export carries the erased state: the event, and no member rows for the erased cases.
        try ws.ok(["workspace", "export", "dump.json"])
        let dump = try String(contentsOfFile: ws.path("dump.json"), encoding: .utf8)
        #expect(dump.contains("details_erased") && dump.contains("架空 ハナ"))
        for canary in EndedWorkspace.canaries { #expect(!dump.contains(canary), "the export holds '\(canary)'") }
    }

    @Test("#17.3, #17.4: case erase on request erases a closed case; an open case, an unknown case, an empty reason, an unknown person and a second erasure are refused in Japanese with nothing changed")
    func eraseOnRequestAndRefusals() throws {
        let e = try EndedWorkspace()
        let ws = e.ws
        let day = e.ended["R9-2"]!
        func unchanged(_ body: () throws -> Void) throws {
            let before = try SQLiteFile.with(ws.database) { try $0.dump() }
            try body()
            let after = try SQLiteFile.with(ws.database) { try $0.dump() }
            #expect(before == after, "a refused erasure changed the workspace")
        }
        try unchanged {
            let open = try ws.run(["case", "erase", "R8-1", "--reason", "本人の申出 第12号", "--by", "p-city-1"],
                                  environment: e.on(day))
            #expect(open.status != 0 && open.stderr.contains("事例 R8-1 は") && open.stderr.contains("終結・中断・戻しの事例だけ"),
                    "\(open)")
            let unknown = try ws.run(["case", "erase", "R0-0", "--reason", "申出", "--by", "p-city-1"], environment: e.on(day))
            #expect(unknown.status != 0 && unknown.stderr.contains("R0-0"), "\(unknown)")
            let empty = try ws.run(["case", "erase", "R9-2", "--reason", "  ", "--by", "p-city-1"], environment: e.on(day))
            #expect(empty.status != 0 && empty.stderr.contains("--reason が空です"), "\(empty)")
            let nobody = try ws.run(["case", "erase", "R9-2", "--reason", "申出", "--by", "p-nobody"], environment: e.on(day))
            #expect(nobody.status != 0 && nobody.stderr.contains("p-nobody"), "\(nobody)")
        }
        let erased = try ws.ok(["case", "erase", "R9-2", "--reason", "本人の申出 第12号", "--by", "p-city-1"],
                               environment: e.on(day))
        #expect(erased.stdout.contains("事例 R9-2: 世帯員 m1 の個人情報を消去しました（申出: 本人の申出 第12号"), "\(erased)")
        #expect(try EndedWorkspace.state(ws.database, "R9-2") == (0, 1))
        #expect(try EndedWorkspace.state(ws.database, "R9-1") == (2, 0))
        try unchanged {
            let again = try ws.run(["case", "erase", "R9-2", "--reason", "申出", "--by", "p-city-1"], environment: e.on(day))
            #expect(again.status != 0 && again.stderr.contains("すでに消去済み"), "\(again)")
        }
        // The erased case is no longer due; the others are, when their time comes.
        let plan = try #require(try ws.ok(["retention", "plan", "--json"], environment: e.on(e.allDue)).json()
            as? [[String: Any]])
        #expect(plan.compactMap { $0["number"] as? String }.sorted() == ["R8-6", "R9-1"])
        #expect(try ws.ok(["verify"]).stdout.contains("壊れた連鎖 0 件"))
    }

    @Test("#17.4: a bad retention rule is refused at policy.yaml:line in Japanese; no rule at all is named, and nothing is changed",
          arguments: [("0", "'0' は保存年数として使えません"), ("五年", "'五年' は保存年数として使えません"),
                      ("101", "'101' は保存年数として使えません")])
    func badRule(years: String, message: String) throws {
        let e = try EndedWorkspace()
        let policy = e.env["KASANE_CALENDARS"]! + "/policy.yaml"
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        try text.replacingOccurrences(of: "yearsAfterEnd: 5", with: "yearsAfterEnd: \(years)")
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("yearsAfterEnd") }! + 1
        let before = try SQLiteFile.with(e.ws.database) { try $0.dump() }
        for command in [["retention", "plan"], ["retention", "apply", "--by", "p-city-1"]] {
            let r = try e.ws.run(command, environment: e.on("2040-01-01"))
            #expect(r.status != 0 && r.stderr.contains("policy.yaml:\(line)") && r.stderr.contains(message), "\(r)")
        }
        #expect(try SQLiteFile.with(e.ws.database) { try $0.dump() } == before)
        // No rule: named, with how to add one.
        try text.replacingOccurrences(of: "retention:\n  yearsAfterEnd: 5", with: "")
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let none = try e.ws.run(["retention", "apply", "--by", "p-city-1"], environment: e.on("2040-01-01"))
        #expect(none.status != 0 && none.stderr.contains("保存期間の規則がありません") && none.stderr.contains("policy.yaml"),
                "\(none)")
        #expect(try SQLiteFile.with(e.ws.database) { try $0.dump() } == before)
    }
}

/// `kasane retention apply` killed with SIGKILL (#17.5): at each named point of each case's
/// erasure (`details-deleted`, `before-commit`, `after-commit`, the N-th case) and at random
/// moments (the compaction included), each case is either untouched (details and no erasure
/// event) or fully erased (no details and its event), never one without the other; verify passes,
/// and a second run finishes the job.
@Suite("Retention apply under SIGKILL (#17.5)", .tags(.manyProcesses))
struct RetentionCrashTests {
    @Test("#17.5: 54 kills during retention apply leave every case untouched or fully erased, and verify passes")
    func killApply() throws {
        let e = try EndedWorkspace()
        let ws = e.ws
        let day = e.allDue
        // Settle the prepared workspace into one file to copy for each trial.
        _ = try SQLiteFile.with(ws.database) { try $0.scalar("PRAGMA wal_checkpoint(TRUNCATE)") }
        let cases = ["R8-6", "R9-1", "R9-2"]
        var trials: [(stop: String?, delay: Double?, erased: Int?)] = []
        for _ in 0..<2 {
            for n in 1...3 {
                trials.append(("details-deleted:\(n)", nil, n - 1))
                trials.append(("before-commit:\(n)", nil, n - 1))
                trials.append(("after-commit:\(n)", nil, n))
            }
        }
        var random = SystemRandomNumberGenerator()
        while trials.count < 54 { trials.append((nil, Double.random(in: 0.0...0.6, using: &random), nil)) }
        var killedRandomly = 0
        for (index, trial) in trials.enumerated() {
            let folder = ws.folder.appendingPathComponent("trial-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let database = folder.appendingPathComponent("kasane.sqlite").path
            try FileManager.default.copyItem(atPath: ws.database, toPath: database)
            try FileManager.default.copyItem(atPath: ws.database + ".key", toPath: database + ".key")
            var env = e.on(day).merging(["KASANE_DB": database]) { _, new in new }
            if let stop = trial.stop { env["KASANE_TEST_STOP_AT"] = stop }
            let child = try Workspace.start(["retention", "apply", "--by", "p-city-1"], in: folder, environment: env)
            if let delay = trial.delay {
                Thread.sleep(forTimeInterval: delay)
                if child.process.isRunning {
                    kill(child.process.processIdentifier, SIGKILL)
                    killedRandomly += 1
                }
            }
            child.process.waitUntilExit()
            let r = try child.finish()
            if trial.stop != nil {
                #expect(r.status != 0, "trial \(index) at \(trial.stop!) was not killed: \(r)")
            }
            var erased = 0
            for number in cases {
                let state = try EndedWorkspace.state(database, number)
                let untouched = state == (EndedWorkspace.members[number]!, 0), done = state == (0, 1)
                #expect(untouched || done, "trial \(index) (\(trial.stop ?? "random")): \(number) is \(state)")
                if done { erased += 1 }
            }
            if let expected = trial.erased { #expect(erased == expected, "trial \(index) at \(trial.stop!)") }
            let verify = try Workspace.run(["verify"], in: folder, environment: env.filter { $0.key != "KASANE_TEST_STOP_AT" })
            #expect(verify.status == 0 && verify.stdout.contains("壊れた連鎖 0 件"), "trial \(index): \(verify)")
            // A second run finishes what the killed one left.
            let again = try Workspace.run(["retention", "apply", "--by", "p-city-1"], in: folder,
                                          environment: env.filter { $0.key != "KASANE_TEST_STOP_AT" })
            #expect(again.status == 0, "trial \(index): \(again)")
            for number in cases { #expect(try EndedWorkspace.state(database, number) == (0, 1), "trial \(index): \(number)") }
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(trials.count >= 50)
        #expect(killedRandomly > 0, "no random-moment trial caught apply running")
    }
}

/// #17.3 with issue 16: an erased SQLite workspace moves to a PostgreSQL tenant (its migration
/// knows `details_erased`) and verifies there; retention and erasure on a tenant are refused.
@Suite("Erased workspace on PostgreSQL (#17.3)",
       .enabled(if: PostgresCluster.runs, "no PostgreSQL test cluster: run `make test` (scripts/run-tests.sh starts one)"))
struct RetentionPostgresTests {
    @Test("#17.3: an erased workspace exports to a tenant, verifies there and shows 消去済み; retention on a tenant is refused in Japanese")
    func erasedWorkspaceToTenant() throws {
        let e = try EndedWorkspace()
        let ws = e.ws
        try ws.ok(["case", "erase", "R9-2", "--reason", "申出 第3号", "--by", "p-city-1"], environment: e.on(e.ended["R9-2"]!))
        try ws.ok(["workspace", "export", "erased.json"])
        let owner = PostgresCluster.environment["KASANE_TEST_PG_OWNER_URL"] ?? ""
        let app = PostgresCluster.environment["KASANE_TEST_PG_APP_URL"] ?? ""
        let id = "c-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try ws.ok(["tenant", "add", id, "--name", "架空市", "--db", owner])
        let env = e.env.merging(["KASANE_DB": app, "KASANE_TENANT": id, "KASANE_CHAIN_KEY": ws.database + ".key"]) { _, n in n }
        try ws.ok(["workspace", "import", "erased.json"], environment: env)
        #expect(try ws.ok(["verify"], environment: env).stdout.contains("壊れた連鎖 0 件"))
        let show = try ws.ok(["case", "show", "R9-2"], environment: env).stdout
        #expect(show.contains("消去済み") && !show.contains("消去 二号"), "\(show)")
        let refused = try ws.run(["retention", "apply", "--by", "p-city-1"], environment: env)
        #expect(refused.status != 0 && refused.stderr.contains("SQLite のワークスペースでだけ使えます"), "\(refused)")
    }
}
