/// What kind of item a decision is taken on, found from the event that raised its trigger.
public enum DecisionItem: String, Hashable, Sendable, Codable {
    case plan = "プラン"
    case ending = "支援終結"
    case suspension = "支援中断"
    case monitoring = "モニタリング"

    /// The outcomes a meeting may decide on this kind of item (R16–R18).
    public var outcomes: [DecisionOutcome] {
        switch self {
        case .plan: [.planApproved, .planSentBack]
        case .ending: [.endApproved, .endDeferred]
        case .suspension: [.suspended, .suspensionDeferred]
        case .monitoring: [.monitoringReviewed]
        }
    }
}

/// The rules a decision must satisfy before it enters the case file (R9, R16, R17, R18).
public enum DecisionRules {
    /// The item raised by event `seq` of `file`, or `nil` when that event raises no trigger.
    public static func item(raisedBy seq: Int, in file: CaseFile) -> DecisionItem? {
        if file.plans.contains(where: { $0.eventSeq == seq }) { return .plan }
        if file.endProposals.contains(where: { $0.eventSeq == seq }) { return .ending }
        if seq == 1 || file.contacts.contains(where: { $0.eventSeq == seq }) { return .suspension }
        if file.decisions.contains(where: { $0.eventSeq == seq && $0.decision.monitoringOn != nil }) { return .monitoring }
        return nil
    }

    /// Whether `person` is municipal staff who may make a 支援決定 (R11, R16).
    public static func isMunicipalStaff(_ person: PersonID, registry: Registry) -> Bool {
        guard let p = registry.person(person), let a = registry.agency(p.agency) else { return false }
        return a.holds(.municipality)
    }

    /// Whether `person` may record decisions: the chair (多機関協働事業者, R10) or the secretariat
    /// (the municipality's staff, who send the invitations).
    public static func mayRecord(_ person: PersonID, registry: Registry) -> Bool {
        guard let p = registry.person(person), let a = registry.agency(p.agency) else { return false }
        return a.holds(.coordinator) || a.holds(.municipality)
    }

    /// The first rule `decision` breaks on `file`, as a sentence saying how to fix it; `nil` when it fits.
    public static func problem(with d: CaseEvent.DecisionRecorded, in file: CaseFile, registry: Registry) -> String? {
        guard let item = item(raisedBy: d.onEvent, in: file) else {
            return "event #\(d.onEvent) raises no trigger to decide on"
        }
        guard item.outcomes.contains(d.outcome) else {
            let allowed = item.outcomes.map(\.rawValue).joined(separator: ", ")
            return "\(d.outcome.rawValue) does not fit a \(item.rawValue) item (allowed: \(allowed))"
        }
        // Never twice for the same item, unless it supersedes the decision in force.
        let onItem = file.decisions.filter { $0.decision.onEvent == d.onEvent }
        let superseded = Set(file.decisions.compactMap(\.decision.supersedes))
        if let current = onItem.last(where: { !superseded.contains($0.eventSeq) }) {
            guard d.supersedes == current.eventSeq else {
                return "item #\(d.onEvent) was already decided (decision #\(current.eventSeq)): record a correction that supersedes it"
            }
        } else if let s = d.supersedes {
            return "decision #\(s) is not a decision in force on item #\(d.onEvent)"
        }
        if d.meeting != nil {
            guard let by = d.recordedBy else { return "a meeting's decision needs who records it (the chair or the secretariat)" }
            guard mayRecord(by, registry: registry) else {
                return "'\(by)' may not record decisions: only the chair (多機関協働事業者) or the secretariat may (R10)"
            }
        }
        if let by = d.supportDecisionBy, !isMunicipalStaff(by, registry: registry) {
            return "'\(by)' is not municipal staff: only the municipality makes a 支援決定 (R16)"
        }
        if let m = d.monitoringOn, m <= d.decidedOn {
            return "the monitoring date \(m) must be after the decision (\(d.decidedOn))"
        }
        for role in d.roles ?? [] where registry.agency(role.agency) == nil {
            return "unknown agency '\(role.agency)' in the role assignments"
        }
        for p in d.attended ?? [] where registry.person(p) == nil {
            return "unknown person '\(p)' among those who attended"
        }
        if (d.shortages ?? []).contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            return "a social-resource shortage needs a description"
        }
        if let reported = d.reportedOn {
            let plan = file.plans.first(where: { $0.eventSeq == d.onEvent })
            guard d.outcome == .planApproved, let plan, plan.statutoryContent == .none else {
                return "a report (報告) to the municipality belongs to the approval of a plan without statutory "
                    + "programmes only (R16 case 3)"
            }
            if reported < d.decidedOn {
                return "the report on \(reported) cannot precede the approval on \(d.decidedOn) (R16 case 3)"
            }
        }
        switch d.outcome {
        case .planApproved:
            // R16: a plan with statutory programmes may be approved now and confirmed by the 支援決定
            // later (`supportDecided`), or both at once with `supportDecisionBy`.
            guard let plan = file.plans.first(where: { $0.eventSeq == d.onEvent }) else { return nil }
            if plan.statutoryContent == .none && d.supportDecisionBy != nil {
                return "the plan holds no statutory programme: it is confirmed on approval and reported to the "
                    + "municipality, without a 支援決定 (R16 case 3)"
            }
            if plan.kind == .participation
                && (d.meetingKind ?? file.requiredMeetingKind(on: d.decidedOn)) != .multiAgency {
                return "参加支援 starts only after a 重層的支援会議 judged it necessary; without consent it cannot (R9)"
            }
        case .endApproved:
            guard let lead = d.leadAgency else { return "ending support needs the 主担当 (lead agency) (R17)" }
            guard registry.agency(lead) != nil else { return "unknown agency '\(lead)' as 主担当" }
            guard let f = d.followUp, !f.allSatisfy(\.isWhitespace) else {
                return "ending support needs the follow-up (フォローアップ) (R18)"
            }
        default:
            if d.supportDecisionBy != nil && d.outcome != .planApproved {
                return "a 支援決定 belongs to a plan approval only"
            }
        }
        return nil
    }

    /// The first rule a 支援決定 made outside the meeting breaks (R16), as a sentence saying how to
    /// fix it; `nil` when it fits.
    public static func problem(with s: CaseEvent.SupportDecided, in file: CaseFile, registry: Registry) -> String? {
        guard isMunicipalStaff(s.by, registry: registry) else {
            return "'\(s.by)' は自治体職員ではありません。支援決定は自治体（役割「自治体」の機関の職員）だけが行えます"
        }
        guard let plan = file.plans.first(where: { $0.eventSeq == s.planEvent }) else {
            return "事象 #\(s.planEvent) はプランではありません"
        }
        switch plan.state {
        case .awaitingSupportDecision:
            break
        case .confirmed:
            return "\(plan.kind.rawValue)プラン第\(plan.version)版は確定済みです"
        case .drafted, .sentBack:
            return "\(plan.kind.rawValue)プラン第\(plan.version)版は会議で承認されていません。先に `kasane decide` で承認を記録してください"
        case .superseded:
            return "\(plan.kind.rawValue)プラン第\(plan.version)版は改訂済みです"
        }
        if let approved = plan.approvedOn, s.decidedOn < approved {
            return "支援決定の日 \(s.decidedOn) が会議の承認日 \(approved) より前です"
        }
        return nil
    }

    /// R20, R21: the first rule a decision recorded at `session` on `today` breaks, as a sentence
    /// saying how to fix it; `nil` when it fits. `attendance` is the item's attendance in the session.
    public static func meetingProblem(with d: CaseEvent.DecisionRecorded, session: Session,
                                      attendance: ItemAttendance?, today: LocalDate) -> String? {
        if today < session.date {
            return "会議 \(session.id) は \(JapaneseEra.format(session.date)) に開催されます。決定は会議の日以降に"
                + "記録できます（\(session.date.iso) 以降に `kasane decide` を実行してください） (R20)"
        }
        if d.decidedOn < session.date {
            return "決定の日 \(d.decidedOn.iso) が会議の日 \(session.date.iso) より前です。決定は会議の日以降の日付で記録してください (R20)"
        }
        if d.decidedOn > today {
            return "決定の日 \(d.decidedOn.iso) が今日 (\(today.iso)) より後です"
        }
        if let attendance {
            let seated = Set(attendance.attendees.map(\.person))
            for person in d.attended ?? [] where !seated.contains(person) {
                return "'\(person)' はこの議題の出席者（同意・構成員の範囲内の者）ではありません。出席（--attended）には "
                    + "`kasane meeting show \(session.id)` に示された出席者だけを記録できます (R15, R21)"
            }
        }
        return nil
    }
}
