import ArgumentParser
import Foundation
import KasaneCore
import KasaneStore
import KasaneWording
import Logging

struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record the chair's decision on one item of a meeting into the case file (R16–R18).",
        discussion: """
            Outcomes: プラン承認 (approve), 差戻し (send back), 終結承認 (approve ending), 終結保留 (defer ending),
            中断決定 (suspend), 中断保留 (keep trying), モニタリング実施 (monitoring review held).
            Run in a terminal without --outcome to be asked for each field.
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The meeting id (see `kasane meeting list`).") var meeting: String
    @Argument(help: "The item: its number in the meeting (1, 2, …) or its trigger id (R8-1#6).") var item: String
    @Option(help: "The decision (see above).") var outcome: String?
    @Option(help: "Who records it: the chair or a secretariat member (person id).") var by: String?
    @Option(name: .customLong("support-decision-by"), help: "The municipal staff member who made the 支援決定 (R16).")
    var supportDecisionBy: String?
    @Option(name: .customLong("role"), help: "A role assignment AGENCY:TASK (repeatable).") var roles: [String] = []
    @Option(help: "The next monitoring date (R7).") var monitoring: String?
    @Option(help: "主担当: the lead agency after ending (R17).") var lead: String?
    @Option(name: .customLong("follow-up"), help: "How the person is followed up after ending (R18).") var followUp: String?
    @Option(name: .customLong("shortage"), help: "A shortage of social resources noted (repeatable; no personal data).")
    var shortages: [String] = []
    @Option(name: .customLong("attended"), help: "A person who actually attended (repeatable).") var attended: [String] = []
    @Option(help: "The decision event (#seq) this one corrects.") var supersedes: Int?
    @Option(help: "The day of the decision, on or after the meeting (default: the meeting's date).") var on: String?
    @Option(name: .customLong("reported-on"),
            help: "R16 case 3: the day the approval was reported (報告) to the municipality (default: the decision's day).")
    var reportedOn: String?

    func run() throws {
        let database = try workspace.open()
        let today = try workspace.todayDate()
        guard let session = try database.sessions().first(where: { $0.id == meeting }) else {
            throw InputError("no meeting '\(meeting)': see `kasane meeting list`")
        }
        let items = try database.scheduledItems().filter { $0.sessionID == meeting }
        guard let scheduled = Int(item).flatMap({ n in items.first { $0.position + 1 == n } })
            ?? items.first(where: { $0.triggerID == item }) else {
            throw InputError("会議 \(meeting) に議題 '\(item)' はありません。議題の番号 (1, 2, …) か開催契機の id (例 R8-1#6) を"
                + "指定してください（`kasane meeting show \(meeting)` で確かめられます）")
        }
        let triggerID = scheduled.triggerID
        guard let parsed = TriggerID(triggerID) else {
            throw InputError("meeting \(meeting) has no item '\(item)': give its number or its trigger id (e.g. R8-1#6)")
        }
        let (number, seq) = (parsed.caseNumber, parsed.sourceEvent)
        let file = try database.caseFile(number)
        if today < session.date {
            // R20: refused before anything is asked.
            throw InputError(DecisionRules.meetingProblem(
                with: CaseEvent.DecisionRecorded(onEvent: seq, decidedOn: today, outcome: .monitoringReviewed),
                session: session, attendance: nil, today: today).map { wording($0) } ?? "")
        }
        guard let decisionItem = DecisionRules.item(raisedBy: seq, in: file) else {
            throw InputError("case \(number): event #\(seq) raises no trigger to decide on")
        }
        var prompter = Prompter(enabled: outcome == nil && isatty(STDIN_FILENO) == 1)
        let outcomeText = try outcome ?? prompter.ask(
            "outcome (\(decisionItem.outcomes.map(\.rawValue).joined(separator: " / ")))")
        guard let chosen = DecisionOutcome(rawValue: outcomeText)
            ?? DecisionOutcome.allCases.first(where: { "\($0)" == outcomeText }) else {
            throw InputError("--outcome '\(outcomeText)' is unknown (for this item: \(decisionItem.outcomes.map(\.rawValue).joined(separator: ", ")))")
        }
        let recorder = try by ?? prompter.ask("recorded by (person id of the chair or secretariat)")
        var support = supportDecisionBy, lead = self.lead, followUp = self.followUp, monitoring = self.monitoring
        if prompter.enabled {
            if chosen == .planApproved { support = try prompter.optional("支援決定 by (municipal staff id, empty if none)") }
            if chosen == .planApproved || chosen == .monitoringReviewed {
                monitoring = try prompter.optional("next monitoring date YYYY-MM-DD (empty if none)")
            }
            if chosen == .endApproved {
                lead = try prompter.ask("主担当 (lead agency id)")
                followUp = try prompter.ask("follow-up (フォローアップ)")
            }
        }
        let decidedOn = try on.map { try parseDate($0, flag: "--on") } ?? session.date
        let plan = file.plans.first { $0.eventSeq == seq }
        let reported: LocalDate? = try reportedOn.map { try parseDate($0, flag: "--reported-on") }
            ?? (chosen == .planApproved && plan?.statutoryContent == StatutoryContent.none ? decidedOn : nil)
        if let reported, reported > today {
            throw InputError("--reported-on \(reported.iso) は今日 (\(today.iso)) より後です。報告した日を記録してください")
        }
        let parsedRoles = try roles.map { text -> PlanService in
            let p = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else { throw InputError("--role '\(text)' must be AGENCY:TASK") }
            return PlanService(agency: p[0], task: p[1], statutory: false)
        }
        let decision = CaseEvent.DecisionRecorded(
            onEvent: seq, decidedOn: decidedOn, outcome: chosen,
            monitoringOn: try monitoring.map { try parseDate($0, flag: "--monitoring") }, meeting: meeting,
            meetingKind: scheduled.meetingKind,
            supportDecisionBy: support, roles: parsedRoles.isEmpty ? nil : parsedRoles, leadAgency: lead,
            followUp: followUp, shortages: shortages.isEmpty ? nil : shortages,
            attended: attended.isEmpty ? nil : attended, recordedBy: recorder, supersedes: supersedes,
            reportedOn: reported)
        // R20, R21: on or after the meeting's day; who attended must have been seated at the item.
        let attendance = session.attendance(of: scheduled, caseFile: file, registry: try database.registry())
        if let problem = DecisionRules.meetingProblem(with: decision, session: session, attendance: attendance,
                                                      today: today) {
            throw InputError(wording(problem))
        }
        try record([.decisionRecorded(decision)], to: number, workspace: workspace)
        if chosen == .planApproved, let plan, plan.statutoryContent != .none, support == nil {
            print("\(number): \(plan.kind.rawValue)プラン第\(plan.version)版は承認済・支援決定待ちです。自治体職員が支援決定をしたら "
                + "`kasane support-decision \(number) --by 職員ID --on 日付` で記録してください (R16)")
        }
        if let reported { print("\(number): 自治体への報告 \(reported.iso) を記録しました (R16)") }
    }
}

/// Asks for missing values when run in a terminal; refuses when not.
struct Prompter {
    let enabled: Bool

    mutating func ask(_ question: String) throws -> String {
        guard enabled else { throw InputError("missing \(question): give it as a flag") }
        FileHandle.standardError.write(Data("\(question): ".utf8))
        guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError("no answer for \(question)")
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    mutating func optional(_ question: String) throws -> String? {
        FileHandle.standardError.write(Data("\(question): ".utf8))
        let line = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.isEmpty ? nil : line
    }
}

struct SupportDecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support-decision",
        abstract: "支援決定 (R16): municipal staff confirm a plan the meeting approved (承認済・支援決定待ち), outside any meeting.")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The case number.") var number: String
    @Option(help: "The municipal staff member who makes the 支援決定 (person id).") var by: String
    @Option(help: "The day of the 支援決定 (default: today).") var on: String?
    @Option(help: "The plan type, when several plans wait: 多機関協働, アウトリーチ等 or 参加支援.") var plan: String?

    func run() throws {
        let date = try workspace.day(on)
        let file = try workspace.open().caseFile(number)
        let kind = try plan.map { try parseEnum($0, PlanKind.self, flag: "--plan") }
        let waiting = file.plans.filter { $0.state == .awaitingSupportDecision && (kind == nil || $0.kind == kind) }
        guard let target = waiting.first else {
            throw InputError("事例 \(number) に支援決定待ちのプラン\(kind.map { "（\($0.rawValue)）" } ?? "")はありません。"
                + "会議でプランを承認してから記録してください（`kasane case show \(number)` でプランの状態を確かめられます） (R16)")
        }
        guard waiting.count == 1 else {
            throw InputError("事例 \(number) には支援決定待ちのプランが複数あります（\(waiting.map(\.kind.rawValue).joined(separator: "、"))）。"
                + "--plan で種類を指定してください")
        }
        try record([.supportDecided(.init(planEvent: target.eventSeq, decidedOn: date, by: by))], to: number,
                   workspace: workspace)
        print("\(number): \(target.kind.rawValue)プラン第\(target.version)版を支援決定により確定しました (R16)")
    }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen an ended or suspended case when the situation changes (R18).")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The case number.") var number: String
    @Option(help: "The day (default: today).") var on: String?

    func run() throws {
        let date = try workspace.day(on)
        try record([.reopened(.init(on: date))], to: number, workspace: workspace)
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The yearly indicators for one fiscal year (April–March).")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .customLong("fiscal-year"), help: "The fiscal year, e.g. 2026 for 2026-04-01 … 2027-03-31.")
    var fiscalYear: Int
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func run() throws {
        guard (2000...2100).contains(fiscalYear) else { throw InputError("--fiscal-year \(fiscalYear) is outside 2000–2100") }
        let r = YearlyIndicators.compute(try workspace.open().caseFiles(), fiscalYear: fiscalYear)
        if json { return try printJSON(r) }
        let rows: [(String, String)] = [
            ("年度", "\(r.fiscalYear)"),
            ("重層的支援会議で検討した事例数（実数）", "\(r.casesReviewedMultiAgency)"),
            ("支援会議で検討した事例数（実数）", "\(r.casesReviewedSupportMeeting)"),
            ("アウトリーチ等プラン作成数", "\(r.outreachPlans)"),
            ("参加支援プラン作成数", "\(r.participationPlans)"),
            ("会議開催数", "\(r.meetingsHeld)"),
            ("延べ参加者数", "\(r.totalAttendance)"),
            ("社会資源の不足の指摘数", "\(r.shortages.count)"),
            ("支援決定の件数", "\(r.supportDecisions)"),
            ("自治体へ報告したプラン数（法定事業を含まないプラン）", "\(r.plansReported)"),
            ("承認済・支援決定待ちのプラン数", "\(r.awaitingSupportDecision)"),
        ]
        if csv {
            print("indicator,value")
            for (k, v) in rows { print("\(k),\(v)") }
            return
        }
        for (k, v) in rows { print("\(k): \(v)") }
        for s in r.shortages { print("  - \(s)") }
    }
}
