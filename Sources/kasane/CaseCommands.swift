import ArgumentParser
import Foundation
import KasaneCore
import KasaneStore
import KasaneYAML
import Logging

/// Appends events to one case in one transaction and prints what was recorded.
func record(_ events: [CaseEvent], to number: String, newMembers: [NewMember] = [],
            workspace: WorkspaceOptions) throws {
    let database = try workspace.open()
    let before = try database.caseFile(number).lastSeq
    let file = try database.append(events.map { SourcedEvent($0) }, to: number, newMembers: newMembers,
                                   today: try workspace.todayDate(), now: Date())
    logger.info("case events recorded", metadata: ["case.number": "\(number)", "case.events": "\(file.lastSeq - before)"])
    for (i, e) in events.enumerated() { print("\(number) #\(before + i + 1) \(e.kind)") }
    print("\(number): \(file.status.rawValue)")
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Case files: open, show, list, import, and events on a case.",
        subcommands: [Open.self, AddMember.self, Show.self, List.self, Import.self, ProposeEnd.self,
                      Involve.self, Release.self, PrincipalAttends.self, ReopenCommand.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case on a referral (相談受付).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number, e.g. R8-3.") var number: String
        @Option(help: "The day of the referral (default: today).") var on: String?
        @Option(name: .customLong("referred-by"), help: "The referring agency id.") var referredBy: String
        @Option(name: .customLong("field"), help: "A 分野 involved (repeatable).") var fields: [String] = []
        @Option(name: .customLong("agency"), help: "An involved agency id (repeatable).") var agencies: [String] = []

        func run() throws {
            let today = try workspace.todayDate()
            let opened = CaseEvent.Opened(
                number: number, openedOn: try on.map { try parseDate($0, flag: "--on") } ?? today,
                referredBy: try checkedID(referredBy, flag: "--referred-by"),
                fields: Set(try fields.map { try parseEnum($0, Field.self, flag: "--field") }),
                involvedAgencies: try agencies.map { try checkedID($0, flag: "--agency") })
            try workspace.open().openCase(opened, members: [], today: today, now: Date())
            logger.info("case opened", metadata: ["case.number": "\(number)"])
            print("\(number): opened (\(CaseStatus.referred.rawValue))")
        }
    }

    struct AddMember: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-member", abstract: "Add a household member (personal details stay in the case file).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Option(help: "A key for the member inside the case (e.g. m1); never a name.") var key: String
        @Option(help: "The relation (続柄), e.g. 本人, 母, 叔父.") var relation: String
        @Flag(help: "This member is the person the case is about (本人).") var principal = false
        @Option(help: "Full name.") var name: String
        @Option(help: "Birth date, YYYY-MM-DD.") var born: String?
        @Option(help: "Address.") var address: String?
        @Option(help: "What the member is struggling with (困りごと).") var circumstances: String?

        func run() throws {
            let member = NewMember(
                member: HouseholdMember(key: key, relation: try checkedText(relation, flag: "--relation"),
                                        isPrincipal: principal),
                details: MemberDetails(name: try checkedText(name, flag: "--name"),
                                       birthDate: try born.map { try parseDate($0, flag: "--born") },
                                       address: try address.map { try checkedText($0, flag: "--address", required: false) },
                                       circumstances: try circumstances.map {
                                           try checkedText($0, flag: "--circumstances", required: false)
                                       }))
            try record([.memberAdded(member.member)], to: number, newMembers: [member], workspace: workspace)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a whole case file (for the secretariat only).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Flag(help: "Print the whole file as JSON.") var json = false

        func run() throws {
            let database = try workspace.open()
            let view = CaseView(file: try database.caseFile(number), details: try database.memberDetails(of: number),
                                events: try database.events(of: number))
            if json { return try printJSON(view) }
            view.printHuman()
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cases.")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let files = try workspace.open().caseFiles()
            let rows = files.map(CaseSummary.init)
            if json { return try printJSON(rows) }
            printTable(["case", "status", "opened", "referred by", "分野", "agencies"], rows.map {
                [$0.number, $0.status, $0.openedOn, $0.referredBy, $0.fields.joined(separator: ","),
                 $0.involvedAgencies.joined(separator: ",")]
            })
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import whole cases from a YAML file: all of them, or none when one entry is refused.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case YAML file.") var file: String

        func run() throws {
            let cases = try CaseImportFile.parse(try readInput(file), file: file)
            let files = try workspace.open().importCases(cases, today: try workspace.todayDate(), now: Date())
            logger.info("cases imported", metadata: ["cases.count": "\(files.count)"])
            print("imported \(files.count) cases")
            for f in files { print("  + \(f.number) (\(f.status.rawValue), \(f.lastSeq) events)") }
        }
    }

    struct ProposeEnd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose-end", abstract: "Propose ending support (支援終結の判断, R6).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Option(help: "The day of the proposal (default: today).") var on: String?
        @Option(help: "The proposing agency id.") var by: String
        @Flag(help: "The meeting is urgent (shorter due date).") var urgent = false

        func run() throws {
            let date = try workspace.day(on)
            try record([.endProposed(.init(proposedOn: date, by: try checkedID(by, flag: "--by"), urgent: urgent))],
                       to: number, workspace: workspace)
        }
    }

    struct Involve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An agency joins the case (R13).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Argument(help: "The agency id.") var agency: String
        @Option(help: "The day (default: today).") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.agencyJoined(.init(agency: try checkedID(agency, flag: "AGENCY"), on: date))], to: number,
                       workspace: workspace)
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An agency leaves the case (R13).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Argument(help: "The agency id.") var agency: String
        @Option(help: "The day (default: today).") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.agencyLeft(.init(agency: try checkedID(agency, flag: "AGENCY"), on: date))], to: number,
                       workspace: workspace)
        }
    }

    struct PrincipalAttends: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "principal-attends",
            abstract: "Record whether attending helps the person (本人, R14); never required.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Flag(inversion: .prefixedNo, help: "Whether the person attends their items.") var attends: Bool
        @Option(help: "The day (default: today).") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.principalAttendance(.init(attends: attends, on: date))], to: number, workspace: workspace)
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Consent (本人同意) per household member (R1, R3).",
        subcommands: [Grant.self, Withdraw.self])

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a consent; a new one replaces the member's consent in force (widen or narrow).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Option(help: "The member key.") var member: String
        @Option(help: "The day the form was signed (default: today).") var on: String?
        @Option(name: .customLong("agency"), help: "An agency inside the consent (repeatable).") var agencies: [String] = []
        @Option(name: .customLong("field"), help: "A 分野 inside the consent (repeatable).") var fields: [String] = []
        @Option(help: "Reference to the signed form, e.g. 同意書-2026-014.") var form: String
        @Option(name: .customLong("given-by"),
                help: "R1b: the member key of the 親権者 who consented on behalf of a child.")
        var givenBy: String?

        func run() throws {
            let date = try workspace.day(on)
            let form = try checkedText(form, flag: "--form")
            let scope = ConsentScope(agencies: Set(try agencies.map { try checkedID($0, flag: "--agency") }),
                                     fields: Set(try fields.map { try parseEnum($0, Field.self, flag: "--field") }))
            try record([.consentGranted(.init(member: member, grantedOn: date, scope: scope, formReference: form,
                                              givenBy: givenBy))],
                       to: number, workspace: workspace)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the withdrawal of a member's consent (R3).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Option(help: "The member key.") var member: String
        @Option(help: "The day of the withdrawal (default: today).") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.consentWithdrawn(.init(member: member, withdrawnOn: date))], to: number, workspace: workspace)
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Support plans: draft (プラン策定) and revise (再プラン) (R6).",
        subcommands: [Draft.self, Revise.self])

    struct PlanOptions: ParsableArguments {
        @Argument(help: "The case number.") var number: String
        @Option(help: "The plan type: 多機関協働, アウトリーチ等 or 参加支援.") var kind: String
        @Option(help: "The day the plan was drafted (default: today).") var on: String?
        @Option(name: .customLong("service"),
                help: "A service as AGENCY:TASK, or AGENCY:TASK:statutory for 参加支援事業/アウトリーチ等事業 (repeatable).")
        var services: [String] = []
        @Flag(help: "The meeting is urgent (shorter due date).") var urgent = false

        func drafted(today: LocalDate) throws -> CaseEvent.PlanDrafted {
            let parsed = try services.map { text -> PlanService in
                let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty,
                      parts.count == 2 || parts[2] == "statutory" else {
                    throw InputError("--service '\(text)' must be AGENCY:TASK or AGENCY:TASK:statutory")
                }
                return PlanService(agency: try checkedID(parts[0], flag: "--service"),
                                   task: try checkedText(parts[1], flag: "--service"), statutory: parts.count == 3)
            }
            return .init(kind: try parseEnum(kind, PlanKind.self, flag: "--kind"),
                         draftedOn: try on.map { try parseDate($0, flag: "--on") } ?? today,
                         services: parsed, urgent: urgent)
        }
    }

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a first plan (version 1, プラン策定時).")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var plan: PlanOptions

        func run() throws {
            try record([.planDrafted(try plan.drafted(today: try workspace.todayDate()))], to: plan.number,
                       workspace: workspace)
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a revised plan (version 2+, 再プラン策定時).")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var plan: PlanOptions

        func run() throws {
            try record([.planRevised(try plan.drafted(today: try workspace.todayDate()))], to: plan.number,
                       workspace: workspace)
        }
    }
}

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "The contact log (R8).", subcommands: [Log.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a contact attempt.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The case number.") var number: String
        @Option(help: "The day of the attempt (default: today).") var on: String?
        @Option(help: "訪問, 電話, 手紙, 面談 or 関係機関から.") var method: String
        @Flag(exclusivity: .exclusive, help: "Whether the person was reached.") var outcome: Outcome
        @Option(help: "The agency that made the attempt.") var by: String?

        enum Outcome: String, EnumerableFlag { case reached, notReached }

        func run() throws {
            let attempt = ContactAttempt(date: try workspace.day(on),
                                         method: try parseEnum(method, ContactMethod.self, flag: "--method"),
                                         reached: outcome == .reached, by: try by.map { try checkedID($0, flag: "--by") })
            try record([.contactLogged(attempt)], to: number, workspace: workspace)
        }
    }
}
