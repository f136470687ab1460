public import KasaneCore

/// One role assignment confirmed by the meeting: agency → task (R17).
public struct RoleLine: Hashable, Sendable {
    /// The agency's name.
    public var roleAgency: String
    /// What it does.
    public var task: String
    /// Whether it is a statutory programme (参加支援事業, アウトリーチ等事業) needing 支援決定 (R16).
    public var statutory: Bool

    /// Creates a line.
    public init(roleAgency: String, task: String, statutory: Bool) {
        self.roleAgency = roleAgency
        self.task = task
        self.statutory = statutory
    }
}

/// One recorded decision on an item, as the minutes show it (R16–R18).
public struct DecisionLine: Hashable, Sendable {
    /// The decision event's sequence number in the case file.
    public var eventSeq: Int
    /// `プラン承認`, `差戻し`, `終結承認`, …
    public var outcome: String
    /// The day of the decision in 和暦.
    public var decidedOn: String
    /// Who made the 支援決定 (R16 cases 1 and 2): `名前（機関）`.
    public var supportDecisionBy: String?
    /// Role assignments: agency → task (R17).
    public var roles: [RoleLine]
    /// The next monitoring review in 和暦 (R7), when set.
    public var monitoringDate: String?
    /// 主担当: the agency that keeps accompanying the person after ending (R17, R18).
    public var leadAgency: String?
    /// How the person is followed up after ending (R18).
    public var followUp: String?
    /// Shortages of social resources noted for the 地域づくり side.
    public var shortages: [String]
    /// Who actually attended the item: `名前（機関）`.
    public var attended: [String]
    /// Who recorded the decision: `名前（機関）`.
    public var recordedBy: String?
    /// The decision this one corrects, when it is a correction.
    public var correctsSeq: Int?
    /// The decision that corrected this one, when it was corrected (superseded).
    public var correctedBySeq: Int?
    /// R16: the meeting approved a plan whose statutory programmes wait for the 支援決定, made
    /// later outside the meeting (the minutes record what the meeting decided, not what followed).
    public var awaitingSupportDecision: Bool = false
    /// R16 case 3: the day the approval was reported (報告) to the municipality, in 和暦.
    public var reportedOn: String?


    /// Creates a line.
    public init(eventSeq: Int, outcome: String, decidedOn: String, supportDecisionBy: String? = nil,
                roles: [RoleLine] = [], monitoringDate: String? = nil, leadAgency: String? = nil,
                followUp: String? = nil, shortages: [String] = [], attended: [String] = [], recordedBy: String? = nil,
                correctsSeq: Int? = nil, correctedBySeq: Int? = nil) {
        self.eventSeq = eventSeq
        self.outcome = outcome
        self.decidedOn = decidedOn
        self.supportDecisionBy = supportDecisionBy
        self.roles = roles
        self.monitoringDate = monitoringDate
        self.leadAgency = leadAgency
        self.followUp = followUp
        self.shortages = shortages
        self.attended = attended
        self.recordedBy = recordedBy
        self.correctsSeq = correctsSeq
        self.correctedBySeq = correctedBySeq
    }

    /// The line of `logged`, with the decision that corrected it, if any.
    init(_ logged: LoggedDecision, correctedBy: Int?, in file: CaseFile, registry: Registry) {
        let d = logged.decision
        self.init(
            eventSeq: logged.eventSeq, outcome: d.outcome.rawValue, decidedOn: JapaneseEra.format(d.decidedOn),
            supportDecisionBy: d.supportDecisionBy.map { Names.personWithAgency($0, registry) },
            roles: (d.roles ?? []).map {
                RoleLine(roleAgency: Names.agency($0.agency, registry), task: $0.task, statutory: $0.statutory)
            },
            monitoringDate: d.monitoringOn.map { JapaneseEra.format($0) },
            leadAgency: d.leadAgency.map { Names.agency($0, registry) },
            followUp: d.followUp, shortages: d.shortages ?? [],
            attended: (d.attended ?? []).map { Names.personWithAgency($0, registry) },
            recordedBy: d.recordedBy.map { Names.personWithAgency($0, registry) },
            correctsSeq: d.supersedes, correctedBySeq: correctedBy)
        let plan = file.plans.first { $0.eventSeq == d.onEvent }
        awaitingSupportDecision = d.outcome == .planApproved && d.supportDecisionBy == nil
            && plan.map { $0.statutoryContent != .none } == true
        reportedOn = d.reportedOn.map { JapaneseEra.format($0) }
    }
}

/// One item of the minutes: the case item and the decisions recorded on it in this session.
public struct MinutesItem: Hashable, Sendable {
    /// The item's number on the agenda, or after the placed items when its placement is gone.
    public var number: Int
    /// The item's time segment, when its placement is still on record.
    public var itemTime: String?
    /// The case number.
    public var caseNumber: String
    /// The moment that needed the meeting: `プラン策定時`, …
    public var triggerKind: String
    /// `重層的支援会議` or `支援会議`.
    public var meetingKind: String
    /// The decisions recorded on the item in this session, oldest first; corrected ones included.
    public var decisions: [DecisionLine]
    /// Who was left out of the item and why (master copy only).
    public var exclusions: [ExclusionLine]


    /// Creates an item.
    public init(number: Int, itemTime: String?, caseNumber: String, triggerKind: String, meetingKind: String,
                decisions: [DecisionLine], exclusions: [ExclusionLine] = []) {
        self.number = number
        self.itemTime = itemTime
        self.caseNumber = caseNumber
        self.triggerKind = triggerKind
        self.meetingKind = meetingKind
        self.decisions = decisions
        self.exclusions = exclusions
    }
}

// MARK: - Chain heads (issue 12, point 11): kept apart from the rest of the minutes.

/// Where one case file's event chain stood at the last decision recorded at the meeting: a paper
/// copy that prints it anchors the record, since a rewrite of the case file up to that decision
/// no longer passes through this hash (later events leave it unchanged, R20).
public struct ChainHeadLine: Hashable, Sendable {
    /// The case number (never anything else about the case).
    public var caseNumber: String
    /// The sequence number of the case's last decision at the meeting.
    public var lastSeq: Int
    /// The first 16 hex digits of that event's chain hash.
    public var hashPrefix: String

    /// Creates a line.
    public init(caseNumber: String, lastSeq: Int, hashPrefix: String) {
        self.caseNumber = caseNumber
        self.lastSeq = lastSeq
        self.hashPrefix = hashPrefix
    }
}

extension MinutesDocument {
    /// The chain-head lines of the cases among `items`, by case number; heads of other cases are
    /// left out (a copy names only the cases it shows).
    static func chainHeadLines(_ heads: [ChainHead], items: [MinutesItem]) -> [ChainHeadLine] {
        let shown = Set(items.map(\.caseNumber))
        return heads.filter { shown.contains($0.caseNumber) }.sorted { $0.caseNumber < $1.caseNumber }
            .map { ChainHeadLine(caseNumber: $0.caseNumber, lastSeq: $0.seq, hashPrefix: $0.hashPrefix) }
    }
}

// MARK: -

/// 議事録: the minutes of one session for one reader (R15), made only from the decisions recorded
/// in the case files, so they never disagree with them (issue 6, part 5).
public struct MinutesDocument: Hashable, Sendable {
    /// What, when, where, for whom.
    public var header: DocumentHeader
    /// The items the reader attended or was invited to (every one in the master copy): each
    /// decided item with its decisions, and each item placed here still undecided, with none.
    public var items: [MinutesItem]
    /// The chain heads of the cases of `items` when the minutes were made (issue 12, point 11).
    public var chainHeads: [ChainHeadLine]


    /// Creates a document from finished parts.
    public init(header: DocumentHeader, items: [MinutesItem], chainHeads: [ChainHeadLine] = []) {
        self.header = header
        self.items = items
        self.chainHeads = chainHeads
    }

    /// The minutes of `session` for `reader`: one item per trigger with a decision recorded in
    /// this session (`decision.meeting == session.id`) or still placed in it undecided, in agenda order (items whose placement is
    /// no longer on record follow, by case number and event). Corrected decisions are kept and
    /// marked. A person or agency copy has the items they were invited to or attended (R15);
    /// the master copy (非公開) has every item and the exclusions. `chainHeads` are the heads of the
    /// case files' event chains; the document prints those of the cases it shows.
    public init(session: Session, placements: [ScheduledItem], caseFiles: [CaseNumber: CaseFile],
                registry: Registry, reader: Reader, chainHeads: [ChainHead] = []) {
        struct Group {
            var file: CaseFile
            var onEvent: Int
            var decisions: [LoggedDecision]
        }
        var groups: [Group] = []
        for file in caseFiles.values.sorted(by: { $0.number < $1.number }) {
            let here = file.decisions.filter { $0.decision.meeting == session.id }.sorted { $0.eventSeq < $1.eventSeq }
            for onEvent in here.map(\.decision.onEvent).uniqued() {
                groups.append(Group(file: file, onEvent: onEvent, decisions: here.filter { $0.decision.onEvent == onEvent }))
            }
        }
        // Items placed in this session with no decision recorded here yet (未決定) are shown too,
        // with no decision, so the minutes account for the whole agenda.
        let decidedHere = Set(groups.map { Trigger.id(caseNumber: $0.file.number, sourceEvent: $0.onEvent) })
        for placement in placements.sorted(by: { $0.position < $1.position })
        where placement.sessionID == session.id && !decidedHere.contains(placement.triggerID) {
            guard let file = caseFiles[placement.caseNumber],
                  let onEvent = TriggerID(placement.triggerID)?.sourceEvent else { continue }
            groups.append(Group(file: file, onEvent: onEvent, decisions: []))
        }
        let placed = Dictionary(
            placements.filter { $0.sessionID == session.id }.map { ($0.triggerID, $0) }, uniquingKeysWith: { a, _ in a })
        let lastPosition = placed.values.map(\.position).max() ?? -1
        let sitting = session.attendanceSession(registry: registry)
        var unplacedCount = 0
        var numbered: [(order: Int, item: MinutesItem, attendance: ItemAttendance?, attended: [PersonID])] = []
        for group in groups {
            let placement = placed[Trigger.id(caseNumber: group.file.number, sourceEvent: group.onEvent)]
            let number: Int
            if let placement {
                number = placement.position + 1
            } else {
                unplacedCount += 1
                number = lastPosition + 1 + unplacedCount
            }
            let attendance: ItemAttendance? =
                if let placement {
                    session.attendance(of: placement, caseFile: group.file, registry: registry)
                } else {
                    sitting.map {
                        AttendancePlanner.attendance(
                            for: AttendanceItem(number: number, caseFile: group.file), in: $0, registry: registry)
                    }
                }
            let correctedBy = Dictionary(
                group.file.decisions.compactMap { d in d.decision.supersedes.map { ($0, d.eventSeq) } },
                uniquingKeysWith: { a, _ in a })
            let meetingKind = placement?.meetingKind ?? attendance?.meetingKind
                ?? group.file.requiredMeetingKind(on: session.date)
            let item = MinutesItem(
                number: number,
                itemTime: placement.map { JapaneseEra.timeRange($0.start, $0.end) },
                caseNumber: group.file.number,
                triggerKind: Names.triggerKind(raisedBy: group.onEvent, in: group.file)?.rawValue ?? "",
                meetingKind: meetingKind.rawValue,
                decisions: group.decisions.map {
                    DecisionLine($0, correctedBy: correctedBy[$0.eventSeq], in: group.file, registry: registry)
                },
                exclusions: reader == .master
                    ? (attendance?.exclusions ?? []).map { ExclusionLine($0, registry: registry) } : [])
            numbered.append((number, item, attendance, group.decisions.flatMap { $0.decision.attended ?? [] }))
        }
        let items = numbered
            .sorted { $0.order < $1.order }
            .filter { reader.sees($0.attendance, attended: $0.attended, registry: registry) }
            .map(\.item)
        self.init(header: DocumentHeader(session: session, reader: reader, registry: registry), items: items,
                  chainHeads: Self.chainHeadLines(chainHeads, items: items))
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
