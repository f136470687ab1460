import Foundation
import Testing

/// Every command of `kasane`, run as a subprocess on a temporary workspace.
@Suite("kasane commands")
struct CommandTests {
    @Test("registry import adds everything, then re-importing reports all unchanged and changes nothing")
    func registryImport() throws {
        let ws = try Workspace()
        let first = try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        #expect(first.stdout.hasPrefix("追加 34、変更 0、変更なし 0\n"))
        #expect(first.stdout.contains("  + agency city-jusou\n"))
        let before = try dumpDatabase(ws.database)
        let second = try ws.ok(["registry", "import", Workspace.example("registry.yaml"), "--json"])
        let report = try #require(try second.json() as? [String: Any])
        #expect((report["added"] as? [String]) == [])
        #expect((report["changed"] as? [String]) == [])
        #expect((report["notInFile"] as? [String]) == [])
        #expect((report["unchanged"] as? [String])?.count == 34)
        #expect(try dumpDatabase(ws.database) == before)
    }

    @Test("registry import reports a changed mailbox as changed and stores it")
    func registryChange() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let text = try String(contentsOfFile: Workspace.example("registry.yaml"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "kenko@city.kasane.example.jp", with: "hoken@city.kasane.example.jp")
        #expect(edited != text)
        let file = try ws.write("registry-2.yaml", edited)
        let report = try #require(try ws.ok(["registry", "import", file, "--json"]).json() as? [String: Any])
        #expect((report["changed"] as? [String]) == ["agency kenko"])
        #expect((report["unchanged"] as? [String])?.count == 33)
        let agencies = try #require(try ws.ok(["agency", "list", "--json"]).json() as? [[String: Any]])
        #expect(agencies.first { $0["id"] as? String == "kenko" }?["mailbox"] as? String == "hoken@city.kasane.example.jp")
        let human = try ws.ok(["registry", "import", file])
        #expect(human.stdout == "追加 0、変更 0、変更なし 34\n")
    }

    @Test("agency list prints every agency, as a table and as JSON")
    func agencyList() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let table = try ws.ok(["agency", "list"]).stdout.split(separator: "\n")
        #expect(table.count == 15)
        #expect(table[0].hasPrefix("id"))
        #expect(table[1].hasPrefix("city-jusou"))
        let agencies = try #require(try ws.ok(["agency", "list", "--json"]).json() as? [[String: Any]])
        #expect(agencies.count == 14)
        #expect(agencies.map { $0["id"] as? String }.first == "city-jusou")
        let shakyo = try #require(agencies.first { $0["id"] as? String == "shakyo" })
        #expect(shakyo["roles"] as? [String] == ["多機関協働事業者", "アウトリーチ等事業者"])
        #expect(shakyo["field"] as? String == "包括")
        #expect(shakyo["kind"] as? String == "委託")
        #expect(shakyo["mailbox"] as? String == "takikan@shakyo.kasane.example.jp")
    }

    @Test("person list prints the people, filtered by agency, as a table and as JSON")
    func personList() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        #expect(try ws.ok(["person", "list"]).stdout.split(separator: "\n").count == 17)
        let all = try #require(try ws.ok(["person", "list", "--json"]).json() as? [[String: Any]])
        #expect(all.count == 16)
        let shakyo = try #require(try ws.ok(["person", "list", "--agency", "shakyo", "--json"]).json() as? [[String: Any]])
        #expect(shakyo.map { $0["id"] as? String } == ["p-shakyo-1", "p-shakyo-2"])
        #expect(shakyo.first?["title"] as? String == "相談支援包括化推進員")
        #expect(shakyo.first?["agency"] as? String == "shakyo")
    }

    @Test("body list prints the bodies with their members, appointment and 守秘義務 dates")
    func bodyList() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let human = try ws.ok(["body", "list"]).stdout
        #expect(human.contains("shien-kaigi  かさね市支援会議  [支援会議]  構成員 11 人"))
        #expect(human.contains("  - p-hogo-1（委嘱 2025-04-01、守秘義務 2025-04-01、任期 2026-03-31 まで）"))
        let bodies = try #require(try ws.ok(["body", "list", "--json"]).json() as? [[String: Any]])
        #expect(bodies.map { $0["id"] as? String } == ["jusou-kaigi", "shien-kaigi", "chiiki-care", "yotaikyo"])
        let shien = try #require(bodies.first { $0["kind"] as? String == "支援会議" })
        let members = try #require(shien["members"] as? [[String: Any]])
        #expect(members.count == 11)
        let sumai = try #require(members.first { $0["person"] as? String == "p-sumai-1" })
        #expect(sumai["appointedOn"] as? String == "2026-10-01")
        #expect(sumai["confidentialityAcknowledgedOn"] == nil)
    }

    @Test("case import loads the demo and case list shows each case with its status")
    func caseImportAndList() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let demo = try String(contentsOfFile: Workspace.example("cases.yaml"), encoding: .utf8)
        let numbers = demo.split(separator: "\n").filter { $0.hasPrefix("  - number: ") }
            .map { String($0.dropFirst("  - number: ".count)) }
        #expect(numbers.count >= 5)
        let imported = try ws.ok(["case", "import", Workspace.example("cases.yaml")])
        #expect(imported.stdout.hasPrefix("\(numbers.count) 件の事例を取り込みました\n"))
        for n in numbers { #expect(imported.stdout.contains("  + \(n)（")) }
        let list = try #require(try ws.ok(["case", "list", "--json"]).json() as? [[String: Any]])
        #expect(list.map { $0["number"] as? String } == numbers)
        // R8-3: no consent, no plan (相談受付).
        let r83 = try #require(list.first { $0["number"] as? String == "R8-3" })
        #expect(r83["status"] as? String == "相談受付")
        #expect(r83["referredBy"] as? String == "minsei")
        #expect(r83["fields"] as? [String] == ["高齢", "環境"])
        let table = try ws.ok(["case", "list"]).stdout
        #expect(table.split(separator: "\n").count == numbers.count + 1)
        #expect(table.contains("R8-3  相談受付"))
        // Importing the same file again is refused whole: the numbers exist.
        let again = try ws.run(["case", "import", Workspace.example("cases.yaml")])
        #expect(again.status != 0)
        #expect(again.stderr.contains("事例 R8-1 はすでにあります"))
    }

    @Test("a case's whole life through the commands, read back with case show --json")
    func caseLifecycle() throws {
        let ws = try Workspace()
        try ws.ok(["registry", "import", Workspace.example("registry.yaml")])
        let opened = try ws.ok(["case", "open", "R9-1", "--referred-by", "houkatsu-chuo", "--on", "2026-10-01",
                                "--field", "高齢", "--field", "困窮", "--agency", "houkatsu-chuo"])
        #expect(opened.stdout == "R9-1: 受け付けました（相談受付）\n")
        try ws.ok(["case", "add-member", "R9-1", "--key", "m1", "--relation", "本人", "--principal", "--name", "試験 花子",
                   "--born", "1950-03-04", "--address", "かさね市試験町1", "--circumstances", "独居"])
        try ws.ok(["case", "add-member", "R9-1", "--key", "m2", "--relation", "長男", "--name", "試験 太郎"])
        let consent = try ws.ok(["consent", "grant", "R9-1", "--member", "m1", "--on", "2026-10-05", "--field", "高齢",
                                 "--agency", "jiritsu-soudan", "--form", "同意書-9"])
        #expect(consent.stdout == "R9-1 #4 consent_granted\nR9-1: アセスメント\n")
        try ws.ok(["consent", "grant", "R9-1", "--member", "m2", "--on", "2026-10-06", "--field", "高齢", "--form", "同意書-10"])
        try ws.ok(["consent", "withdraw", "R9-1", "--member", "m2", "--on", "2026-10-20"])
        try ws.ok(["case", "involve", "R9-1", "shakyo", "--on", "2026-10-07"])
        try ws.ok(["case", "principal-attends", "R9-1", "--attends", "--on", "2026-10-07"])
        try ws.ok(["case", "principal-attends", "R9-1", "--no-attends", "--on", "2026-10-08"])
        try ws.ok(["contact", "log", "R9-1", "--on", "2026-10-09", "--method", "訪問", "--reached", "--by", "houkatsu-chuo"])
        let draft = try ws.ok(["plan", "draft", "R9-1", "--kind", "多機関協働", "--on", "2026-10-10",
                               "--service", "houkatsu-chuo:介護サービスの調整", "--service", "npo-ibasho:居場所:statutory"])
        #expect(draft.stdout.hasSuffix("R9-1: プラン作成\n"))
        try ws.ok(["plan", "revise", "R9-1", "--kind", "多機関協働", "--on", "2026-11-01", "--urgent",
                   "--service", "houkatsu-chuo:介護サービスの調整（改）"])
        try ws.ok(["case", "release", "R9-1", "shakyo", "--on", "2026-11-02"])
        try ws.ok(["contact", "log", "R9-1", "--method", "電話", "--not-reached"])  // dated today
        let end = try ws.ok(["case", "propose-end", "R9-1", "--by", "shakyo", "--on", "2026-11-25"])
        #expect(end.stdout == "R9-1 #15 end_proposed\nR9-1: プラン作成\n")

        let file = try #require(try ws.ok(["case", "show", "R9-1", "--json"]).json() as? [String: Any])
        #expect(file["number"] as? String == "R9-1")
        #expect(file["status"] as? String == "プラン作成")
        #expect(file["openedOn"] as? String == "2026-10-01")
        #expect(file["referredBy"] as? String == "houkatsu-chuo")
        #expect(file["fields"] as? [String] == ["高齢", "困窮"])
        #expect(file["involvedAgencies"] as? [String] == ["houkatsu-chuo", "npo-ibasho"])
        #expect(file["principalAttends"] as? Bool == false)
        let members = try #require(file["members"] as? [[String: Any]])
        #expect(members.map { $0["key"] as? String } == ["m1", "m2"])
        #expect(members[0]["name"] as? String == "試験 花子")
        #expect(members[0]["born"] as? String == "1950-03-04")
        #expect(members[0]["address"] as? String == "かさね市試験町1")
        #expect(members[0]["principal"] as? Bool == true)
        let consents = try #require(file["consents"] as? [[String: Any]])
        #expect(consents.map { $0["member"] as? String } == ["m1", "m2"])
        #expect(consents[0]["agencies"] as? [String] == ["jiritsu-soudan"])
        #expect(consents[0]["withdrawnOn"] == nil)
        #expect(consents[1]["withdrawnOn"] as? String == "2026-10-20")
        let plans = try #require(file["plans"] as? [[String: Any]])
        #expect(plans.map { $0["version"] as? Int } == [1, 2])
        #expect(plans.map { $0["state"] as? String } == ["改訂済", "策定中"])
        #expect(plans[1]["urgent"] as? Bool == true)
        let services = try #require(plans[0]["services"] as? [[String: Any]])
        #expect(services.map { $0["statutory"] as? Bool } == [false, true])
        let contacts = try #require(file["contacts"] as? [[String: Any]])
        #expect(contacts.map { $0["date"] as? String } == ["2026-10-09", "2026-11-26"])
        #expect(contacts.map { $0["reached"] as? Bool } == [true, false])
        let ends = try #require(file["endProposals"] as? [[String: Any]])
        #expect(ends.first?["by"] as? String == "shakyo")
        let events = try #require(file["events"] as? [[String: Any]])
        #expect(events.map { $0["seq"] as? Int } == Array(1...15))
        #expect(events.map { $0["kind"] as? String } == [
            "opened", "member_added", "member_added", "consent_granted", "consent_granted", "consent_withdrawn",
            "agency_joined", "principal_attendance", "principal_attendance", "contact_logged", "plan_drafted",
            "plan_revised", "agency_left", "contact_logged", "end_proposed",
        ])

        let human = try ws.ok(["case", "show", "R9-1"]).stdout
        #expect(human.hasPrefix("R9-1  [プラン作成]  受付 2026-10-01、紹介元 houkatsu-chuo\n"))
        #expect(human.contains("出来事: 15 件"))
    }

    @Test("--db and --today flags work like KASANE_DB and KASANE_TODAY; the default is ./kasane.sqlite")
    func globalOptions() throws {
        let ws = try Workspace()
        let other = ws.path("other.sqlite")
        let noEnv = ["KASANE_DB": "", "KASANE_TODAY": ""]
        // With neither the flag nor the environment, the workspace is ./kasane.sqlite.
        let r = try Workspace.run(["registry", "import", Workspace.example("registry.yaml")], in: ws.folder, environment: [:])
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: ws.path("kasane.sqlite")))
        try ws.ok(["registry", "import", Workspace.example("registry.yaml"), "--db", other], environment: noEnv)
        let opened = try ws.ok(["case", "open", "R9-7", "--referred-by", "shakyo", "--db", other, "--today", "2026-05-05"])
        #expect(opened.stdout == "R9-7: 受け付けました（相談受付）\n")
        let file = try #require(try ws.ok(["case", "show", "R9-7", "--json", "--db", other]).json() as? [String: Any])
        #expect(file["openedOn"] as? String == "2026-05-05")
        // The case went to --db, not to $KASANE_DB.
        let inEnv = try ws.run(["case", "show", "R9-7"])
        #expect(inEnv.status != 0)
        #expect(inEnv.stderr.contains("事例 R9-7 はありません"))
        // KASANE_TODAY gives the default date.
        try ws.ok(["case", "open", "R9-8", "--referred-by", "shakyo"], environment: ["KASANE_DB": other, "KASANE_TODAY": "2026-06-06"])
        let second = try #require(try ws.ok(["case", "show", "R9-8", "--json", "--db", other]).json() as? [String: Any])
        #expect(second["openedOn"] as? String == "2026-06-06")
    }

    @Test("calendar holidays lists the closed days of a year, with the local closures of calendars/")
    func calendarHolidays() throws {
        let ws = try Workspace()
        let calendars = repositoryRoot.appendingPathComponent("calendars").path
        let days = try #require(try ws.ok(["calendar", "holidays", "--year", "2027", "--calendars", calendars, "--json"])
            .json() as? [[String: Any]])
        let byDate = Dictionary(days.map { ($0["date"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byDate["2027-01-01"]?["name"] as? String == "元日")
        #expect(byDate["2027-03-22"]?["name"] as? String == "春分の日 振替休日")
        #expect(byDate["2027-06-23"]?["name"] as? String == "慰霊の日")
        #expect(byDate["2027-12-31"]?["weekday"] as? String == "金")
        #expect(byDate["2027-01-04"] == nil)
        let human = try ws.ok(["calendar", "holidays", "--year", "2027", "--calendars", calendars]).stdout
        #expect(human.contains("2027-01-01 (金)  元日\n"))
        // Without a closures file, no local closure.
        let plain = try #require(try ws.ok(["calendar", "holidays", "--year", "2027", "--json"]).json() as? [[String: Any]])
        #expect(plain.count == days.count - 1)
    }
}
