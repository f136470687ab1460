public import KasaneCore
import KasaneWording

/// One person at a case item: name, agency and role; the person (本人) appears only as 「本人」.
public struct AttendeeLine: Hashable, Sendable {
    /// The person's name, or `本人`.
    public var name: String
    /// The agency's name; empty for 本人.
    public var agencyName: String
    /// `議長`, `必須` or `任意`.
    public var role: String
    /// Whether this is the person the case is about (R14: only when attending helps them).
    public var isPrincipal: Bool
    /// Whether the person stands in for colleagues of the agency (代理出席).
    public var isDeputy: Bool
    /// 出欠 (#14.4): `回答なし`, `出席`, `欠席`, `未定` or `代理: name`; only in the master copy and
    /// the chair's copy, and only once the person was sent the invitation (`nil` otherwise).
    public var answer: String?
    /// When the answer was made, Japan time in 和暦 (`令和8年11月27日 10:30`); `nil` for 回答なし.
    public var answeredAt: String?

    /// Creates a line.
    public init(name: String, agencyName: String, role: String, isPrincipal: Bool = false, isDeputy: Bool = false,
                answer: String? = nil, answeredAt: String? = nil) {
        self.name = name
        self.agencyName = agencyName
        self.role = role
        self.isPrincipal = isPrincipal
        self.isDeputy = isDeputy
        self.answer = answer
        self.answeredAt = answeredAt
    }

    /// The line of `attendee`.
    init(_ attendee: Attendee, registry: Registry) {
        self.init(name: Names.person(attendee.person, registry), agencyName: Names.agency(attendee.agency, registry),
                  role: Names.role(attendee.role), isDeputy: !attendee.deputyFor.isEmpty)
    }

    /// The line of `attendee` with their 出欠 (`answer`, when shown to this reader).
    init(_ attendee: Attendee, registry: Registry, answer: AgendaAnswer?) {
        self.init(attendee, registry: registry)
        guard let answer else { return }
        self.answer = Names.wording(answer.state)
            + (answer.state == .delegated ? (answer.deputy.map { ": " + Names.person($0, registry) } ?? "") : "")
        answeredAt = answer.state == .needsAction ? nil : answer.answeredAt.map(AgendaAnswer.japanTime)
    }

    /// 本人, optional (R14).
    static let principal = AttendeeLine(name: "本人", agencyName: "", role: Names.role(.optional), isPrincipal: true)
}

/// One invitee's 出欠 for one item (#14.4), as the replies left it: shown in the master copy and
/// in the copy of the item's chair, never in an agency's or another attendee's copy.
public struct AgendaAnswer: Hashable, Sendable {
    /// NEEDS-ACTION (回答なし, also after a change reset the answer), ACCEPTED, DECLINED, TENTATIVE, DELEGATED.
    public var state: AnswerState
    /// DELEGATED: the colleague seated instead.
    public var deputy: PersonID?
    /// When the answer was made.
    public var answeredAt: UTCTimestamp?

    /// Creates an answer.
    public init(state: AnswerState, deputy: PersonID? = nil, answeredAt: UTCTimestamp? = nil) {
        self.state = state
        self.deputy = deputy
        self.answeredAt = answeredAt
    }

    /// `令和8年11月27日 10:30` (Japan time, UTC+9 all year).
    static func japanTime(_ t: UTCTimestamp) -> String {
        let local = UTCTimestamp(seconds: t.seconds + 9 * 3600)
        let s = local.secondOfDay
        let minutes = s / 60 % 60
        return JapaneseEra.format(local.date, weekday: false) + " \(s / 3600):" + (minutes < 10 ? "0\(minutes)" : "\(minutes)")
    }
}

/// An agency or person left out of an item, for the master copy only (R15).
public struct ExclusionLine: Hashable, Sendable {
    /// The agency's name.
    public var excludedAgency: String
    /// The person's name, or `nil` when the agency as a whole is left out.
    public var excludedPerson: String?
    /// The role they would have had: `議長`, `必須`, `任意`.
    public var wouldBe: String
    /// Why, with the rule ids, in Japanese with 和暦 dates: `令和8年4月1日の同意の範囲外（R1、R15）`.
    public var reason: String
    /// What would let them in, when it matters.
    public var remedy: String?

    /// Creates a line.
    public init(excludedAgency: String, excludedPerson: String?, wouldBe: String, reason: String, remedy: String?) {
        self.excludedAgency = excludedAgency
        self.excludedPerson = excludedPerson
        self.wouldBe = wouldBe
        self.reason = reason
        self.remedy = remedy
    }

    init(_ exclusion: AttendanceExclusion, registry: Registry) {
        self.init(excludedAgency: Names.agency(exclusion.agency, registry),
                  excludedPerson: exclusion.person.map { Names.person($0, registry) },
                  wouldBe: Names.role(exclusion.wouldBe), reason: Names.wording.withRules(exclusion.reason),
                  remedy: exclusion.remedy.map { Names.wording($0) })
    }
}

/// One case item of an agenda: its time segment, case number, trigger, meeting and headings.
/// It carries no household personal data: only the case number.
public struct AgendaItem: Hashable, Sendable {
    /// The item's number on the agenda (1-based).
    public var number: Int
    /// The item's time segment: `14:00〜14:30`.
    public var itemTime: String
    /// The case number.
    public var caseNumber: String
    /// The moment that needs the meeting: `プラン策定時`, … (R6, R7).
    public var triggerKind: String
    /// `重層的支援会議` or `支援会議` (R1–R4).
    public var meetingKind: String
    /// The existing body the item is held jointly with (R5), if any.
    public var jointWith: String?
    /// What the meeting discusses, from DOMAIN.md's agenda table.
    public var headings: [String]
    /// Everyone invited, chair first, and 「本人」 last when they attend (R14).
    public var attendees: [AttendeeLine]
    /// Who is left out and why (master copy only; empty otherwise).
    public var exclusions: [ExclusionLine]
    /// What the secretariat must look at (master copy only; empty otherwise).
    public var notices: [String]


    /// Creates an item.
    public init(number: Int, itemTime: String, caseNumber: String, triggerKind: String, meetingKind: String,
                jointWith: String? = nil, headings: [String], attendees: [AttendeeLine],
                exclusions: [ExclusionLine] = [], notices: [String] = []) {
        self.number = number
        self.itemTime = itemTime
        self.caseNumber = caseNumber
        self.triggerKind = triggerKind
        self.meetingKind = meetingKind
        self.jointWith = jointWith
        self.headings = headings
        self.attendees = attendees
        self.exclusions = exclusions
        self.notices = notices
    }
}

/// What an agenda item is built from: the placement, its trigger kind and its attendance.
public struct AgendaItemInput: Hashable, Sendable {
    /// The item's placement in the session.
    public var placement: ScheduledItem
    /// The trigger's kind; `nil` when it is no longer known (the item is then listed without headings).
    public var triggerKind: TriggerKind?
    /// Who sits at the item (R10–R15); `nil` when the session does not sit as the item's meeting.
    public var attendance: ItemAttendance?

    /// Creates an input.
    public init(placement: ScheduledItem, triggerKind: TriggerKind?, attendance: ItemAttendance?) {
        self.placement = placement
        self.triggerKind = triggerKind
        self.attendance = attendance
    }

    /// The input of `placement`, with the trigger kind read from the case file (the event the
    /// trigger comes from) and the attendance worked out by `Session.attendance(of:caseFile:registry:)`.
    public init(placement: ScheduledItem, session: Session, caseFile: CaseFile?, registry: Registry) {
        let seq = Names.sourceEvent(ofTrigger: placement.triggerID)
        self.init(
            placement: placement,
            triggerKind: caseFile.flatMap { file in seq.flatMap { Names.triggerKind(raisedBy: $0, in: file) } },
            attendance: caseFile.flatMap { session.attendance(of: placement, caseFile: $0, registry: registry) })
    }
}

/// 次第: the agenda of one session for one reader (R15).
public struct AgendaDocument: Hashable, Sendable {
    /// What, when, where, for whom.
    public var header: DocumentHeader
    /// The items the reader attends (every item in the master copy), in agenda order.
    public var items: [AgendaItem]


    /// Creates a document from finished parts.
    public init(header: DocumentHeader, items: [AgendaItem]) {
        self.header = header
        self.items = items
    }

    /// The agenda of `session` for `reader` (R15): a person or agency copy has only the items
    /// they attend, with those items' attendees; the master copy (非公開) has every item with
    /// its exclusions and notices. Items come in position order.
    ///
    /// `answers` (by calendar key, then person) are the 出欠 (#14.4): printed for every item in the
    /// master copy and, in a person's copy, for the items that person chairs; never in an
    /// agency's copy, so no agency sees another's answers.
    public init(session: Session, items inputs: [AgendaItemInput], registry: Registry, reader: Reader,
                answers: [String: [PersonID: AgendaAnswer]] = [:]) {
        let items = inputs
            .sorted { $0.placement.position < $1.placement.position }
            .filter { reader.sees($0.attendance, registry: registry) }
            .map { input -> AgendaItem in
                let placement = input.placement
                let attendance = input.attendance
                let shown = Self.showsAnswers(reader, attendance) ? answers[placement.calendarKey] ?? [:] : [:]
                var attendees = (attendance?.attendees ?? []).map {
                    AttendeeLine($0, registry: registry, answer: Self.answer(of: $0, in: shown))
                }
                if attendance?.principal != nil { attendees.append(.principal) }
                let master = reader == .master
                return AgendaItem(
                    number: placement.position + 1,
                    itemTime: JapaneseEra.timeRange(placement.start, placement.end),
                    caseNumber: placement.caseNumber,
                    triggerKind: input.triggerKind?.rawValue ?? "",
                    meetingKind: placement.meetingKind.rawValue,
                    jointWith: attendance?.jointBody.map { registry.body($0)?.name ?? $0 },
                    headings: input.triggerKind?.agenda ?? [],
                    attendees: attendees,
                    exclusions: master ? (attendance?.exclusions ?? []).map { ExclusionLine($0, registry: registry) } : [],
                    notices: master ? Self.notices(input) : [])
            }
        self.init(header: DocumentHeader(session: session, reader: reader, registry: registry), items: items)
    }

    /// The agenda of `session` for `reader`, built from its placements and the case files.
    public init(session: Session, placements: [ScheduledItem], caseFiles: [CaseNumber: CaseFile],
                registry: Registry, reader: Reader, answers: [String: [PersonID: AgendaAnswer]] = [:]) {
        let inputs = placements.filter { $0.sessionID == session.id }.map {
            AgendaItemInput(placement: $0, session: session, caseFile: caseFiles[$0.caseNumber], registry: registry)
        }
        self.init(session: session, items: inputs, registry: registry, reader: reader, answers: answers)
    }

    /// Whether `reader` sees the 出欠 of an item: the master copy, and the item's chair.
    /// The 出欠 printed on `attendee`'s line: their own answer, or for a deputy seated on a
    /// delegation (代理出席) the DELEGATED answer of the person they replace, which names them.
    static func answer(of attendee: Attendee, in shown: [PersonID: AgendaAnswer]) -> AgendaAnswer? {
        if let own = shown[attendee.person], own.state != .needsAction || attendee.deputyFor.isEmpty { return own }
        return attendee.deputyFor.lazy.compactMap { shown[$0] }
            .first { $0.state == .delegated && $0.deputy == attendee.person } ?? shown[attendee.person]
    }

    static func showsAnswers(_ reader: Reader, _ attendance: ItemAttendance?) -> Bool {
        switch reader {
        case .master: true
        case .person(let id): attendance?.attendees.contains { $0.person == id && $0.role == .chair } == true
        case .agency: false
        }
    }

    static func notices(_ input: AgendaItemInput) -> [String] {
        guard let attendance = input.attendance else {
            return ["出席者を確定できません: 会議体の登録を確認してください (R1, R2)"]
        }
        return attendance.flags.map { Names.wording($0) }
    }
}
