import ArgumentParser
import Foundation
import KasaneCore
import KasaneStore
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
    @Option(help: "The day of the decision (default: the meeting's date).") var on: String?

    func run() throws {
        let database = try workspace.open()
        let today = try workspace.todayDate()
        guard let session = try database.sessions().first(where: { $0.id == meeting }) else {
            throw InputError("no meeting '\(meeting)': see `kasane meeting list`")
        }
        let items = try database.scheduledItems().filter { $0.sessionID == meeting }
        let scheduled = Int(item).flatMap { n in items.first { $0.position + 1 == n } } ?? items.first { $0.triggerID == item }
        let triggerID = scheduled?.triggerID ?? item
        let parts = triggerID.split(separator: "#")
        guard parts.count == 2, let seq = Int(parts[1]) else {
            throw InputError("meeting \(meeting) has no item '\(item)': give its number or its trigger id (e.g. R8-1#6)")
        }
        let number = String(parts[0])
        let file = try database.caseFile(number)
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
        let decidedOn = try on.map { try parseDate($0, flag: "--on") } ?? min(session.date, today)
        let parsedRoles = try roles.map { text -> PlanService in
            let p = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard p.count == 2, !p[0].isEmpty, !p[1].isEmpty else { throw InputError("--role '\(text)' must be AGENCY:TASK") }
            return PlanService(agency: p[0], task: p[1], statutory: false)
        }
        let decision = CaseEvent.DecisionRecorded(
            onEvent: seq, decidedOn: decidedOn, outcome: chosen,
            monitoringOn: try monitoring.map { try parseDate($0, flag: "--monitoring") }, meeting: meeting,
            meetingKind: scheduled?.meetingKind ?? file.requiredMeetingKind(on: decidedOn),
            supportDecisionBy: support, roles: parsedRoles.isEmpty ? nil : parsedRoles, leadAgency: lead,
            followUp: followUp, shortages: shortages.isEmpty ? nil : shortages,
            attended: attended.isEmpty ? nil : attended, recordedBy: recorder, supersedes: supersedes)
        try record([.decisionRecorded(decision)], to: number, workspace: workspace)
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
