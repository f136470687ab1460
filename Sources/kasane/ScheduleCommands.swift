import ArgumentParser
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording
import Logging

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "未処理の開催契機をすべて会議に配置します。期限までに開かれる最も早い定例会、なければ臨時会です。",
        discussion: """
            開催日を迎えた会議と開催済みの会議は記録です (R20)。動かすことも、議題を外すことも、取りやめることもしません。
            開催済みの会議で決まらなかった議題は、次に開かれる合う会議に繰り越します。
            範囲内に議長（多機関協働事業者）か自治体職員がいない重層的支援会議の議題は配置しません (R10, R11)。
            直し方を示し、ほかの議題を保存したうえで終了コード 1 で終わります。
            """)
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "この日より後の会議には議題を配置しません（YYYY-MM-DD）。") var until: String?
    @Flag(help: "招待を送った議題も動かします。") var reschedule = false
    @Flag(help: "JSON で出力します。") var json = false

    func run() throws {
        let database = try workspace.open()
        let config = try workspace.configuration()
        let clock = try workspace.clock()
        let untilDate = try until.map { try parseDate($0, flag: "--until") }
        let outcome = try Scheduling.schedule(store: database, config: config, clock: clock, until: untilDate,
                                              reschedule: reschedule)
        let report = outcome.report
        logger.info("schedule saved", metadata: ["schedule.added": "\(report.itemsAdded)",
                                                 "schedule.moved": "\(report.itemsMoved)"])
        if json {
            try printJSON(ScheduleView(outcome))
        } else {
            outcome.printHuman()
        }
        if !outcome.blocked.isEmpty { throw AppError.scheduleBlocked(count: outcome.blocked.count) }
    }
}

extension ScheduleOutcome {
    /// Prints what the run saved and what needs the secretariat, in the run's language.
    func printHuman() {
        let today = context.today
        if report.isEmpty {
            print(needsAttention
                ? wording.say("保存した予定に変更はありません（要対応の議題があります。下を見てください）",
                              en: "schedule unchanged (some items need attention: see below)")
                : wording.say("保存した予定に変更はありません", en: "schedule unchanged"))
        } else {
            let r = report
            print(wording.say(
                "議題: 追加 \(r.itemsAdded)・移動 \(r.itemsMoved)・削除 \(r.itemsRemoved)、会議: 追加 \(r.sessionsAdded)・削除 \(r.sessionsRemoved)"
                    + (r.sessionsChanged > 0 ? "・変更 \(r.sessionsChanged)（日時・場所・定員の変更）" : "")
                    + (r.itemsUpdated > 0 ? "、その場で更新した議題 \(r.itemsUpdated)（時間・会議の種類・期限）" : ""),
                en: "items: \(r.itemsAdded) added, \(r.itemsMoved) moved, \(r.itemsRemoved) removed; "
                    + "sessions: \(r.sessionsAdded) added, \(r.sessionsRemoved) removed"
                    + (r.sessionsChanged > 0 ? ", \(r.sessionsChanged) changed (date, place or capacity)" : "")
                    + (r.itemsUpdated > 0 ? "; \(r.itemsUpdated) items updated in place (time, meeting kind, due date)" : "")))
        }
        let triggers = Dictionary(context.triggers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for item in result.items {
            guard let s = sessions[item.sessionID], !s.isRecord(on: today) else { continue }
            print("\(item.triggerID)  → \(item.sessionID)  \(s.date.iso) \(item.start)–\(item.end)  "
                + wording.say("期限 \(item.dueOn.iso)", en: "due \(item.dueOn.iso)"))
            print("    \(wording(item.reason))")
            if let trigger = triggers[item.triggerID], trigger.meetingKind == .supportMeeting {
                print("    \(wording(trigger.meetingExplanation))")
            }
        }
        for s in result.newSessions {
            print(wording.say("臨時会議の提案 \(s.id)（\(s.title)）\(s.date.iso) \(s.start)",
                              en: "proposed ad hoc session \(s.id) (\(s.title)) on \(s.date.iso) \(s.start)"))
        }
        for o in result.offers {
            print(wording.say("合同開催の提案: \(o.triggerID) を \(o.sessionID)（\(o.bodyID)）で — \(wording(o.reason))",
                              en: "joint holding offered: \(o.triggerID) with \(o.sessionID) (\(o.bodyID)) — \(wording(o.reason))"))
            print(wording.say("    受ける場合: kasane meeting join \(o.sessionID) \(o.triggerID)",
                              en: "    to accept: kasane meeting join \(o.sessionID) \(o.triggerID)"))
        }
        for m in result.moved {
            print(wording.say("移動 \(m.triggerID): \(m.fromSession) → \(m.toSession) — \(wording(m.why))",
                              en: "moved \(m.triggerID): \(m.fromSession) → \(m.toSession) — \(wording(m.why))"))
        }
        for c in result.carried {
            print(wording.say("繰越し \(c.triggerID): \(c.fromSession) → \(c.toSession) — \(wording(c.why))",
                              en: "carried over \(c.triggerID): \(c.fromSession) → \(c.toSession) — \(wording(c.why))"))
        }
        for u in result.unplaced {
            print(wording.say("配置できません \(u.triggerID): \(wording(u.why))", en: "NOT PLACED \(u.triggerID): \(wording(u.why))"))
        }
        for b in blocked {
            print(wording.say("配置せず（開催できません） ", en: "NOT PLACED (cannot be held lawfully) ") + wording(b))
        }
    }
}

/// `schedule --json`: the result and what was saved.
struct ScheduleView: Encodable {
    let result: ScheduleResult
    let saved: ScheduleSaveReport
    /// 重層的支援会議 items not placed because they cannot be held lawfully (R10, R11).
    let blocked: [Unplaced]

    init(_ outcome: ScheduleOutcome) {
        result = outcome.result
        saved = outcome.report
        blocked = outcome.blocked.map {
            Unplaced(triggerID: $0.triggerID, why: .cannotBeHeldLawfully(sessionID: $0.sessionID, blockers: $0.attendance.lawBlockers,
                                                                         remedies: $0.attendance.lawRemedies))
        }
    }
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "予定した会議とその議題。",
        subcommands: [List.self, Show.self, DeputyCommand.self, Held.self, Minuted.self, Join.self, Unjoin.self])

    struct Held: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "開催済みにします (R20)。以後その会議は記録になります。決定を記録しても開催済みになります。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "会議の id。") var meeting: String

        func run() throws {
            try workspace.open().setState(.held, of: meeting, today: try workspace.todayDate())
            print(wording.say("\(meeting): 開催済み（記録として保存されます。予定の組み直しで動かされることはありません）",
                              en: "\(meeting): held (kept as a record: rescheduling never moves it)"))
        }
    }

    struct Minuted: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "開催済みの会議の議事録を確定します (R20)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "会議の id。") var meeting: String

        func run() throws {
            try workspace.open().setState(.minuted, of: meeting, today: try workspace.todayDate())
            print(wording.say("\(meeting): 議事録確定", en: "\(meeting): minutes confirmed"))
        }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "合同開催を受けます (R5)。既存の会議体（地域ケア会議など）の会議で議題を合同で開きます。事例の部分は重層的支援会議として、その構成員だけで開きます。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "既存の会議体の会議（`kasane schedule` が示す合同開催の提案を見てください）。") var meeting: String
        @Argument(help: "議題の開催契機の id（例 R8-1#6）。") var trigger: String
        @Option(help: "会議が複数の会議体を兼ねるときの、既存の会議体の id。") var body: String?

        func run() throws {
            let joint = try Scheduling.join(store: try workspace.open(), config: try workspace.configuration(),
                                            clock: try workspace.clock(), meeting: meeting, trigger: trigger, body: body)
            let name = joint.body.name
            print(wording.say(
                "\(trigger): \(name) との合同開催を受けました（\(joint.session.id)、\(joint.session.date.iso)）。"
                    + "事例の部分は重層的支援会議として開き、\(name) だけの構成員は同意か臨時構成員の任命がない限り同席しません (R5)",
                en: "\(trigger): joint holding with \(name) accepted (\(joint.session.id), \(joint.session.date.iso)). "
                    + "The case part sits as 重層的支援会議; members of \(name) only do not attend it without consent "
                    + "or an appointment as temporary members (R5)"))
            print(wording.say("`kasane schedule` で議題が配置されます", en: "`kasane schedule` places the item"))
        }
    }

    struct Unjoin: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "受けた合同開催を取りやめます (R5)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "議題の開催契機の id。") var trigger: String

        func run() throws {
            try Scheduling.unjoin(store: try workspace.open(), trigger: trigger)
            print(wording.say("\(trigger): 合同開催を取りやめました。`kasane schedule` で配置し直されます",
                              en: "\(trigger): joint holding withdrawn; `kasane schedule` places the item again"))
        }
    }

    struct DeputyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deputy",
            abstract: "代理出席: 機関が別の職員を会議に出席させます。代理の職員も範囲内でなければなりません (R15)。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "会議の id。") var meeting: String
        @Option(help: "代理を出す機関の id。") var agency: String
        @Option(help: "出席させる職員の id（その機関の職員）。") var person: String?
        @Flag(help: "代理をやめ、いつもの職員が出席します。") var clear = false

        func validate() throws {
            guard (person == nil) == clear else {
                throw ValidationError(wording.say("--person か --clear のどちらかを指定してください", en: "give --person, or --clear"))
            }
        }

        func run() throws {
            let database = try workspace.open()
            try database.setDeputy(session: meeting, agency: agency, person: clear ? nil : person)
            print(clear
                ? wording.say("\(agency): \(meeting) にはいつもの職員が出席します", en: "\(agency): its usual people attend \(meeting)")
                : wording.say("\(agency) は \(person!) を \(meeting) に代理出席させます", en: "\(agency) sends \(person!) to \(meeting)"))
            print(wording.say("出席者は `kasane meeting show \(meeting)` で確かめ、招待は `kasane invite` で更新してください",
                              en: "run `kasane meeting show \(meeting)` to see the attendees, and `kasane invite` to update invitations"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "議題のある会議の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let rows = try Meetings.list(store: try workspace.open(), clock: try workspace.clock()).map(MeetingSummary.init)
            if json { return try printJSON(rows) }
            printTable(wording.language == .ja ? ["会議", "日付", "時間", "種類", "状態", "名称", "議題"]
                           : ["meeting", "date", "time", "kind", "state", "title", "items"], rows.map {
                [$0.id, "\($0.date) (\($0.weekday))", "\($0.start)–\($0.end)", $0.kind, wording($0.meetingState), $0.title,
                 $0.items.joined(separator: ", ")]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "会議を表示します。議題ごとに開催契機、期限、配置の理由、出席できる人とその根拠（規則）を示します。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "会議の id（`kasane meeting list` を見てください）。") var id: String
        @Flag(help: "JSON で出力します。") var json = false

        func run() throws {
            let store = try workspace.open()
            let detail = try Meetings.show(store: store, config: try workspace.configuration(),
                                           clock: try workspace.clock(), id: id)
            // Answers are kept by the SQLite store only so far: a PostgreSQL tenant shows none.
            let answers = try (store as? any WorkspaceStore & ReplyStore).map {
                try Replies.answers(store: $0, triggerIDs: Set(detail.items.map(\.item.calendarKey)))
            } ?? [:]
            let view = MeetingView(detail, answers: answers, registry: detail.registry)
            if json { return try printJSON(view) }
            view.printHuman(registry: detail.registry, state: detail.state)
        }
    }
}

/// One row of `meeting list`.
struct MeetingSummary: Encodable {
    let id: String, date: String, weekday: String, start: String, end: String, kind: String, title: String
    /// The state in Japanese (the JSON is the same in every language).
    let state: String
    let items: [String]
    let meetingState: MeetingState

    enum CodingKeys: String, CodingKey { case id, date, weekday, start, end, kind, title, state, items }

    init(_ row: Meetings.Summary) {
        let s = row.session
        meetingState = row.state
        state = Catalogue(.ja)(row.state)
        id = s.id
        date = s.date.iso
        weekday = s.date.weekday.japanese
        start = s.start.description
        end = s.end.description
        kind = s.kind.rawValue
        title = s.title
        items = row.items.map(\.triggerID)
    }
}

/// `meeting show`: the session, each item's trigger and placement, and its attendance.
struct MeetingView: Encodable {
    struct Item: Encodable {
        let item: ScheduledItem
        let trigger: Trigger?
        let agenda: [String]
        let attendance: ItemAttendance?
        /// 出欠 (R21, #14.4): everyone sent the item's REQUEST, by person id.
        let answers: [AnswerView]
    }

    /// One person's 出欠 for one item.
    struct AnswerView: Encodable {
        let person: String
        /// ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION.
        let answer: String
        /// In Japanese: 回答なし, 出席, 欠席, 未定, 代理: name.
        let words: String
        let deputy: String?
        /// When it was answered (ISO 8601, Japan time).
        let answeredAt: String?
        /// An earlier answer no longer holds: the item's time or place changed (R21).
        let reset: Bool

        init(person: String, _ a: Replies.Answer, registry: Registry) {
            self.person = person
            answer = a.state.rawValue
            deputy = a.deputy
            words = AnswerView.words(a, registry: registry, Catalogue(.ja))
            answeredAt = a.answeredAt.map(AnswerView.japanTime)
            reset = a.reset
        }

        static func words(_ a: Replies.Answer, registry: Registry, _ c: Catalogue) -> String {
            let name = a.deputy.map { registry.person($0)?.name ?? $0 }
            return c(a.state) + (a.state == .delegated ? (name.map { ": \($0)" } ?? "") : "")
        }

        /// `2026-11-27T10:30+09:00`.
        static func japanTime(_ t: UTCTimestamp) -> String {
            let local = UTCTimestamp(seconds: t.seconds + 9 * 3600)
            let s = local.secondOfDay
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            return "\(local.date.iso)T\(two(s / 3600)):\(two(s / 60 % 60))+09:00"
        }
    }

    let session: Session
    /// The state in Japanese (the JSON is the same in every language).
    let state: String
    let items: [Item]

    /// The answers as the human output prints them, by item then person.
    let answerWords: [String: [String: (words: String, at: String?)]]

    enum CodingKeys: String, CodingKey { case session, state, items }

    init(_ detail: Meetings.Detail, answers: [String: [PersonID: Replies.Answer]], registry: Registry) {
        session = detail.session
        state = Catalogue(.ja)(detail.state)
        items = detail.items.map { i in
            Item(item: i.item, trigger: i.trigger, agenda: i.trigger?.agenda ?? [], attendance: i.attendance,
                 answers: (answers[i.item.calendarKey] ?? [:]).sorted { $0.key < $1.key }.map {
                     AnswerView(person: $0.key, $0.value, registry: registry)
                 })
        }
        answerWords = answers.mapValues { byPerson in
            byPerson.mapValues { (AnswerView.words($0, registry: registry, wording), $0.answeredAt.map(AnswerView.japanTime)) }
        }
    }

    func printHuman(registry: Registry, state: MeetingState) {
        print("\(session.id)  \(session.title)  [\(session.kind.rawValue)]  \(wording(state))")
        print("\(session.date.iso) (\(session.date.weekday.japanese)) \(session.start)–\(session.end)"
            + (session.location.map { "  \($0)" } ?? "") + (session.onlineURL.map { "  \($0)" } ?? ""))
        if let note = session.note { print(wording.say("備考: \(note)", en: "note: \(note)")) }
        for i in items {
            let kind = i.trigger?.kind.rawValue ?? wording.say("（決定済み）", en: "(decided)")
            print("\n" + wording.say("議題 \(i.item.position + 1)", en: "item \(i.item.position + 1)")
                + "  \(i.item.start)–\(i.item.end)  \(i.item.caseNumber)  \(kind)  "
                + "\(i.item.meetingKind.rawValue)  " + wording.say("期限 \(i.item.dueOn.iso)", en: "due \(i.item.dueOn.iso)")
                + (i.item.invited ? wording.say("  招待済み", en: "  invited") : ""))
            print(wording.say("  配置: ", en: "  placed: ") + wording(i.item.reason))
            if let t = i.trigger, t.meetingKind == .supportMeeting { print("  \(wording(t.meetingExplanation))") }
            if let joint = i.item.jointBody {
                let name = registry.body(joint)?.name ?? joint
                print(wording.say("  合同開催（\(name)、事務局が承諾） (R5)", en: "  held jointly (\(name), accepted by the secretariat) (R5)"))
            }
            if let att = i.attendance, !att.lawBlockers.isEmpty {
                print(wording.say("  !! 法令どおりに開催できません: ", en: "  !! cannot be held lawfully: ") + att.lawRemedies.map { wording($0) }.joined(separator: wording.language == .ja ? "。" : "; "))
            }
            for a in i.agenda { print(wording.say("  議題: \(a)", en: "  agenda: \(a)")) }
            guard let att = i.attendance else { continue }
            for a in att.attendees {
                let name = registry.person(a.person)?.name ?? a.person
                let agency = registry.agency(a.agency)?.name ?? a.agency
                let answer = answerWords[i.item.calendarKey]?[a.person]
                print("  + \(name) (\(agency)) \(wording(a.role)) — "
                    + a.reasons.map { wording($0) }.joined(separator: wording.language == .ja ? "；" : "; ")
                    + (answer.map { wording.say("  [出欠: \($0.words)", en: "  [answer: \($0.words)")
                        + ($0.at.map { wording.say("（\($0)）", en: " (\($0))") } ?? "") + "]" } ?? ""))
            }
            // 出欠 of those sent the item who no longer sit in it (a deputy stands in for them).
            let seated = Set(att.attendees.map(\.person))
            for (person, answer) in (answerWords[i.item.calendarKey] ?? [:]).sorted(by: { $0.key < $1.key })
            where !seated.contains(person) {
                print("  · \(registry.person(person)?.name ?? person)  " + wording.say("[出欠: \(answer.words)", en: "[answer: \(answer.words)")
                    + (answer.at.map { wording.say("（\($0)）", en: " (\($0))") } ?? "") + "]")
            }
            if let p = att.principal {
                print(wording.say("  + 本人（世帯員 \(p)） — 本人のためになるので出席します (R14)",
                                  en: "  + 本人 (member \(p)) — attends because it helps them (R14)"))
            }
            for e in att.exclusions {
                print("  - \(wording(e))" + (e.remedy.map { " → \(wording($0))" } ?? ""))
            }
            for f in att.flags { print("  ! \(wording(f))") }
        }
    }
}
