import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneWording
import KasaneStore
import KasaneYAML
import Logging

/// Appends events to one case in one transaction (`Cases.record`) and prints what was recorded.
func record(_ events: [CaseEvent], to number: String, workspace: WorkspaceOptions) throws {
    let recorded = try Cases(store: try workspace.open(), clock: try workspace.clock()).record(events, to: number)
    logRecorded(recorded)
    printRecorded(recorded)
}

/// Logs a write to a case: the case number and how many events, never personal data.
func logRecorded(_ r: RecordedEvents) {
    logger.info("case events recorded", metadata: ["case.number": "\(r.number)", "case.events": "\(r.events.count)"])
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "ケースファイル: 受付、表示、一覧、取り込みと事例の出来事の記録。",
        subcommands: [Open.self, AddMember.self, Show.self, List.self, Import.self, ProposeEnd.self,
                      Involve.self, Release.self, PrincipalAttends.self, ReopenCommand.self, CaseEraseCommand.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "相談を受け付けて事例を開きます（相談受付）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号（例 R8-3）。") var number: String
        @Option(help: "相談を受け付けた日（既定: 今日）。") var on: String?
        @Option(name: .customLong("referred-by"), help: "紹介元の機関の id。") var referredBy: String
        @Option(name: .customLong("field"), help: "関わる分野（繰り返し指定できます）。") var fields: [String] = []
        @Option(name: .customLong("agency"), help: "関係機関の id（繰り返し指定できます）。") var agencies: [String] = []

        func run() throws {
            let file = try Cases(store: try workspace.open(), clock: try workspace.clock()).open(
                number: number, openedOn: try on.map { try parseDate($0, flag: "--on") },
                referredBy: try checkedID(referredBy, flag: "--referred-by"),
                fields: Set(try fields.map { try parseEnum($0, Field.self, flag: "--field") }),
                involvedAgencies: try agencies.map { try checkedID($0, flag: "--agency") })
            logger.info("case opened", metadata: ["case.number": "\(number)"])
            print(say("\(file.number): 受け付けました（\(file.status.rawValue)）", "\(file.number): opened (\(file.status.rawValue))"))
        }
    }

    struct AddMember: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-member", abstract: "世帯員を加えます（個人情報はケースファイルの中だけに残ります）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Option(help: "事例の中での世帯員のキー（例 m1）。氏名は使えません。") var key: String
        @Option(help: "続柄（例 本人、母、叔父）。") var relation: String
        @Flag(help: "この世帯員が事例の本人です。") var principal = false
        @Option(help: "氏名。") var name: String
        @Option(help: "生年月日（YYYY-MM-DD）。") var born: String?
        @Option(help: "住所。") var address: String?
        @Option(help: "困りごと。") var circumstances: String?

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
            let recorded = try Cases(store: try workspace.open(), clock: try workspace.clock()).addMember(member, to: number)
            logRecorded(recorded)
            printRecorded(recorded)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "ケースファイル全体を表示します（事務局専用）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Flag(help: "ケースファイル全体を JSON で出力します。") var json = false

        func run() throws {
            let view = try Cases(store: try workspace.open(), clock: try workspace.clock()).show(number)
            if json { return try printJSON(view) }
            view.printHuman()
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "事例の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let rows = try Cases(store: try workspace.open(), clock: try workspace.clock()).list()
            if json { return try printJSON(rows) }
            printTable(wording.language == .ja ? ["事例", "状態", "受付日", "紹介元", "分野", "関係機関"]
                                               : ["case", "status", "opened", "referred by", "分野", "agencies"], rows.map {
                [$0.number, $0.status, $0.openedOn, $0.referredBy, $0.fields.joined(separator: ","),
                 $0.involvedAgencies.joined(separator: ",")]
            })
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "YAML ファイルから事例を丸ごと取り込みます。一件でも拒否されたら何も取り込みません。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例の YAML ファイル。") var file: String

        func run() throws {
            let cases = try CaseImportFile.parse(try readInput(file), file: file)
            let files = try Cases(store: try workspace.open(), clock: try workspace.clock()).importCases(cases)
            logger.info("cases imported", metadata: ["cases.count": "\(files.count)"])
            print(say("\(files.count) 件の事例を取り込みました", "imported \(files.count) cases"))
            for f in files {
                print(say("  + \(f.number)（\(f.status.rawValue)、出来事 \(f.lastSeq) 件）", "  + \(f.number) (\(f.status.rawValue), \(f.lastSeq) events)"))
            }
        }
    }

    struct ProposeEnd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "propose-end", abstract: "支援の終結を提案します（支援終結の判断、R6）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Option(help: "提案の日（既定: 今日）。") var on: String?
        @Option(help: "提案した機関の id。") var by: String
        @Flag(help: "緊急の会議です（期限が短くなります）。") var urgent = false

        func run() throws {
            let date = try workspace.day(on)
            try record([.endProposed(.init(proposedOn: date, by: try checkedID(by, flag: "--by"), urgent: urgent))],
                       to: number, workspace: workspace)
        }
    }

    struct Involve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "機関が事例に加わります (R13)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Argument(help: "機関の id。") var agency: String
        @Option(help: "日付（既定: 今日）。") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.agencyJoined(.init(agency: try checkedID(agency, flag: "AGENCY"), on: date))], to: number,
                       workspace: workspace)
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "機関が事例から外れます (R13)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Argument(help: "機関の id。") var agency: String
        @Option(help: "日付（既定: 今日）。") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.agencyLeft(.init(agency: try checkedID(agency, flag: "AGENCY"), on: date))], to: number,
                       workspace: workspace)
        }
    }

    struct PrincipalAttends: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "principal-attends",
            abstract: "本人の出席が本人のためになるかを記録します (R14)。出席は必須ではありません。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Flag(inversion: .prefixedNo, help: "本人が自分の議題に出席するかどうか。") var attends: Bool
        @Option(help: "日付（既定: 今日）。") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.principalAttendance(.init(attends: attends, on: date))], to: number, workspace: workspace)
        }
    }
}

struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "世帯員ごとの本人同意 (R1, R3)。",
        subcommands: [Grant.self, Withdraw.self])

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "同意を記録します。新しい同意はその世帯員の有効な同意を置き換えます（範囲を広げても狭めても構いません）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Option(help: "世帯員のキー（例 m1）。") var member: String
        @Option(help: "同意書に署名した日（既定: 今日）。") var on: String?
        @Option(name: .customLong("agency"), help: "同意の範囲に入る機関の id（繰り返し指定できます）。") var agencies: [String] = []
        @Option(name: .customLong("field"), help: "同意の範囲に入る分野（繰り返し指定できます）。") var fields: [String] = []
        @Option(help: "署名された同意書の番号（例 同意書-2026-014）。") var form: String
        @Option(name: .customLong("given-by"),
                help: "R1b: 子に代わって同意した親権者の世帯員キー。")
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
        static let configuration = CommandConfiguration(abstract: "世帯員の同意の撤回を記録します (R3)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Option(help: "世帯員のキー（例 m1）。") var member: String
        @Option(help: "同意を撤回した日（既定: 今日）。") var on: String?

        func run() throws {
            let date = try workspace.day(on)
            try record([.consentWithdrawn(.init(member: member, withdrawnOn: date))], to: number, workspace: workspace)
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "支援プラン: プラン策定と再プラン (R6)。",
        subcommands: [Draft.self, Revise.self])

    struct PlanOptions: ParsableArguments {
        @Argument(help: "事例番号。") var number: String
        @Option(help: "プランの種類: 多機関協働、アウトリーチ等、参加支援 のどれか。") var kind: String
        @Option(help: "プランを策定した日（既定: 今日）。") var on: String?
        @Option(name: .customLong("service"),
                help: "支援内容 機関ID:業務、参加支援事業・アウトリーチ等事業は 機関ID:業務:statutory（繰り返し指定できます）。")
        var services: [String] = []
        @Flag(help: "緊急の会議です（期限が短くなります）。") var urgent = false

        func drafted(today: LocalDate) throws -> CaseEvent.PlanDrafted {
            let parsed = try services.map { text -> PlanService in
                let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty,
                      parts.count == 2 || parts[2] == "statutory" else {
                    throw InputError(say("--service '\(TextRule.printable(text))' は 機関ID:業務 か 機関ID:業務:statutory の形にしてください",
                                         "--service '\(TextRule.printable(text))' must be AGENCY:TASK or AGENCY:TASK:statutory"))
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
        static let configuration = CommandConfiguration(abstract: "最初のプラン（第1版、プラン策定時）を記録します。")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var plan: PlanOptions

        func run() throws {
            try record([.planDrafted(try plan.drafted(today: try workspace.todayDate()))], to: plan.number,
                       workspace: workspace)
        }
    }

    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "再プラン（第2版以降、再プラン策定時）を記録します。")
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
        commandName: "contact", abstract: "連絡の記録 (R8)。", subcommands: [Log.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "連絡の試みを記録します。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "事例番号。") var number: String
        @Option(help: "連絡を試みた日（既定: 今日）。") var on: String?
        @Option(help: "訪問、電話、手紙、面談、関係機関から のどれか。") var method: String
        @Flag(exclusivity: .exclusive, help: "本人に会えた（連絡がついた）かどうか。") var outcome: Outcome
        @Option(help: "連絡を試みた機関の id。") var by: String?

        enum Outcome: String, EnumerableFlag { case reached, notReached }

        func run() throws {
            let attempt = ContactAttempt(date: try workspace.day(on),
                                         method: try parseEnum(method, ContactMethod.self, flag: "--method"),
                                         reached: outcome == .reached, by: try by.map { try checkedID($0, flag: "--by") })
            try record([.contactLogged(attempt)], to: number, workspace: workspace)
        }
    }
}
