public import KasaneCore
import KasaneWording

/// A meeting's online link; only `http`/`https` links are made clickable.
public struct OnlineLink: Hashable, Sendable {
    /// The link as recorded on the session.
    public var url: String
    /// Whether the link is an `http` or `https` address (HTML makes only those a link).
    public var isWeb: Bool

    /// Creates a link; `isWeb` is worked out from the scheme.
    public init(url: String) {
        self.url = url
        let lower = url.lowercased()
        isWeb = (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !url.contains { $0.isWhitespace || "<>\"'`".contains($0) }
    }
}

/// The top of every agenda, minutes and invitation mail: what, when, where, for whom.
public struct DocumentHeader: Hashable, Sendable {
    /// The session id (`jusou-2026-12-09`).
    public var sessionID: String
    /// The session's title.
    public var title: String
    /// The date in 和暦 with the weekday: `令和8年12月9日（水）`.
    public var date: String
    /// The date as `YYYY-MM-DD`.
    public var isoDate: String
    /// `14:00〜16:00`.
    public var timeRange: String
    /// `14:00`.
    public var startTime: String
    /// `16:00`.
    public var endTime: String
    /// The place, when the session has one.
    public var location: String?
    /// The online link, when the session has one.
    public var online: OnlineLink?
    /// The fiscal year in 和暦: `令和8年度`.
    public var fiscalYear: String
    /// `定例` or `随時`.
    public var sessionKind: String
    /// What the session sits as: `重層的支援会議`, `支援会議`, `重層的支援会議・支援会議`, or with the
    /// existing body it is held jointly with: `重層的支援会議（地域ケア会議と合同開催）` (R5).
    public var meetingName: String
    /// Whether the session is held jointly with an existing body (R5).
    public var isJoint: Bool
    /// Whether this is the secretariat's master copy, marked 非公開.
    public var confidential: Bool
    /// Whether the copy is one person's.
    public var readerIsPerson: Bool
    /// Whether the copy is one agency's.
    public var readerIsAgency: Bool
    /// The person's name (person copy), the agency's name (agency copy), or `事務局` (master).
    public var readerName: String
    /// The person's agency (person copy) or the agency's name (agency copy); `nil` for the master
    /// and for an unregistered person.
    public var readerAgency: String?

    /// Creates a header.
    public init(sessionID: String, title: String, date: String, isoDate: String, timeRange: String, startTime: String,
                endTime: String, location: String?, online: OnlineLink?, fiscalYear: String, sessionKind: String,
                meetingName: String, isJoint: Bool, confidential: Bool, readerIsPerson: Bool, readerIsAgency: Bool,
                readerName: String, readerAgency: String?) {
        self.sessionID = sessionID
        self.title = title
        self.date = date
        self.isoDate = isoDate
        self.timeRange = timeRange
        self.startTime = startTime
        self.endTime = endTime
        self.location = location
        self.online = online
        self.fiscalYear = fiscalYear
        self.sessionKind = sessionKind
        self.meetingName = meetingName
        self.isJoint = isJoint
        self.confidential = confidential
        self.readerIsPerson = readerIsPerson
        self.readerIsAgency = readerIsAgency
        self.readerName = readerName
        self.readerAgency = readerAgency
    }

    /// The header of `session` for `reader`; names come from `registry` (ids when unregistered).
    public init(session: Session, reader: Reader, registry: Registry) {
        let bodies = session.bodies.map { id in registry.body(id) }
        var own: [String] = []
        for kind in [BodyKind.multiAgency, .supportMeeting] where bodies.contains(where: { $0?.kind == kind }) {
            own.append(kind.rawValue)
        }
        let existing = zip(session.bodies, bodies).compactMap { id, body -> String? in
            guard let body else { return nil }
            return body.kind.isExisting ? body.name : nil
        }
        var meetingName = own.joined(separator: "・")
        if !existing.isEmpty {
            let joint = existing.joined(separator: "・")
            meetingName = meetingName.isEmpty ? joint : "\(meetingName)（\(joint)と合同開催）"
        }
        var readerName = "事務局"
        var readerAgency: String?
        switch reader {
        case .person(let id):
            let person = registry.person(id)
            readerName = person?.name ?? id
            readerAgency = person.map { Names.agency($0.agency, registry) }
        case .agency(let id):
            readerName = Names.agency(id, registry)
            readerAgency = readerName
        case .master:
            break
        }
        self.init(
            sessionID: session.id, title: session.title, date: JapaneseEra.format(session.date),
            isoDate: session.date.iso, timeRange: JapaneseEra.timeRange(session.start, session.end),
            startTime: JapaneseEra.time(session.start), endTime: JapaneseEra.time(session.end),
            location: session.location, online: session.onlineURL.map(OnlineLink.init(url:)),
            fiscalYear: JapaneseEra.fiscalYear(session.date), sessionKind: session.kind.rawValue,
            meetingName: meetingName, isJoint: !existing.isEmpty && !own.isEmpty, confidential: reader == .master,
            readerIsPerson: { if case .person = reader { true } else { false } }(),
            readerIsAgency: { if case .agency = reader { true } else { false } }(),
            readerName: readerName, readerAgency: readerAgency)
    }
}

/// Display names from the registry, falling back to the id of an unregistered entry.
enum Names {
    /// How documents word reasons, remedies and flags: Japanese, dates in 和暦.
    static let wording = Catalogue(.ja, japaneseDates: true)

    static func agency(_ id: AgencyID, _ registry: Registry) -> String { registry.agency(id)?.name ?? id }

    static func person(_ id: PersonID, _ registry: Registry) -> String { registry.person(id)?.name ?? id }

    /// `山田 太郎（かさね市社会福祉協議会）`.
    static func personWithAgency(_ id: PersonID, _ registry: Registry) -> String {
        guard let person = registry.person(id) else { return id }
        return "\(person.name)（\(agency(person.agency, registry))）"
    }

    /// `議長`, `必須`, `任意`.
    static func role(_ role: AttendeeRole) -> String {
        switch role {
        case .chair: "議長"
        case .required: "必須"
        case .optional: "任意"
        }
    }

    /// The trigger kind of the item raised by event `seq` of `file` (R6, R7), as `Triggers` names it.
    static func triggerKind(raisedBy seq: Int, in file: CaseFile) -> TriggerKind? {
        switch DecisionRules.item(raisedBy: seq, in: file) {
        case .plan:
            guard let plan = file.plans.first(where: { $0.eventSeq == seq }) else { return .planDrafted }
            let decided = Set(file.decisions.map(\.decision.onEvent))
            let earlierDecided = file.plans.contains {
                $0.kind == plan.kind && $0.version < plan.version && decided.contains($0.eventSeq)
            }
            return earlierDecided ? .planRevised : .planDrafted
        case .ending: return .endProposed
        case .suspension: return .contactLost
        case .monitoring: return .monitoring
        case nil: return nil
        }
    }

    /// The event sequence number in a trigger id `R8-3#5`, or `nil`.
    static func sourceEvent(ofTrigger id: String) -> Int? {
        TriggerID(id)?.sourceEvent
    }
}
