/// What the scope check is asked: may `person`, of `agency`, hear this item on `date`?
struct ScopeQuery: Sendable {
    var person: Person
    var agency: Agency
    var kind: MeetingKind
    var date: LocalDate
    var caseFile: CaseFile
    var discussed: [MemberKey]
    /// The session's body for `kind`, or `nil` when the session does not sit as that kind.
    var body: MeetingBody?
    /// The meeting's host (多機関協働事業者, R10), always inside a 重層的支援会議 consent (R1a).
    var host: AgencyID?
}

/// The answer of the scope check: inside with the reason, or outside with the reason and remedy.
enum ScopeVerdict: Hashable, Sendable {
    case inside(AttendanceReason)
    case outside(AttendanceReason, remedy: AttendanceRemedy?)

    var isInside: Bool {
        if case .inside = self { return true }
        return false
    }
}

/// The scope check the planner uses; injectable so tests can show a broken one gets caught.
typealias ScopeCheck = @Sendable (ScopeQuery) -> ScopeVerdict

/// R15: the scope of a case item — the consent for 重層的支援会議 items (R1), membership of the
/// 支援会議 for 支援会議 items (R2). Joint holding (R5) changes who is a candidate, not the scope.
enum AttendanceScope {
    /// The check Kasane uses.
    static let standard: ScopeCheck = { verdict(for: $0) }

    static func verdict(for q: ScopeQuery) -> ScopeVerdict {
        switch q.kind {
        case .multiAgency: consentVerdict(q)
        case .supportMeeting: membershipVerdict(q)
        }
    }

    /// R1: the agency must be inside the consent in force on the date of every member discussed.
    private static func consentVerdict(_ q: ScopeQuery) -> ScopeVerdict {
        guard !q.discussed.isEmpty else {
            return .outside(
                AttendanceReason("no household member's consent to rely on: the item discusses nobody on record",
                                 rules: [.r1, .r3, .r15]),
                remedy: AttendanceRemedy(.moveToSupportMeeting, "hold the item as a 支援会議 item (R3, R4)"))
        }
        var missing: [MemberKey] = []
        var notCovering: [(MemberKey, Consent)] = []
        var covering: [(MemberKey, Consent)] = []
        for member in q.discussed {
            guard let consent = q.caseFile.consent(of: member, on: q.date) else {
                missing.append(member)
                continue
            }
            if consent.scope.covers(q.agency) {
                covering.append((member, consent))
            } else {
                notCovering.append((member, consent))
            }
        }
        if !missing.isEmpty {
            let who = missing.joined(separator: ", ")
            return .outside(
                AttendanceReason("no consent in force on \(q.date) from \(who)", rules: [.r1, .r3, .r15]),
                remedy: AttendanceRemedy(.moveToSupportMeeting,
                                         "hold the item as a 支援会議 item (R3), or obtain the consent of \(who)"))
        }
        // R1a: the person's application to 多機関協働 is their consent to the coordinator, and the
        // municipality organises the meeting: both are inside every consent to share.
        if q.agency.id == q.host || q.agency.holds(.municipality) {
            let who = q.agency.id == q.host ? "the host (多機関協働事業者)" : "municipal staff (自治体職員)"
            let which = q.discussed.compactMap { q.caseFile.consent(of: $0, on: q.date).map(\.grantedOn.iso) }
            return .inside(AttendanceReason(
                "\(who) is inside every consent to share in 重層的支援会議 (consent of \(which.uniquedJoined()))",
                rules: [.r1a, .r15]))
        }
        if !notCovering.isEmpty {
            // One date per consent form; members named only when several are discussed.
            var dates: [LocalDate] = []
            var byDate: [LocalDate: [MemberKey]] = [:]
            for (member, consent) in notCovering {
                if byDate[consent.grantedOn] == nil { dates.append(consent.grantedOn) }
                byDate[consent.grantedOn, default: []].append(member)
            }
            let which = dates.map { date in
                q.discussed.count == 1 ? "\(date)" : "\(date) given by \(byDate[date, default: []].joined(separator: ", "))"
            }.joined(separator: "; ")
            let who = notCovering.map(\.0).joined(separator: ", ")
            return .outside(
                AttendanceReason("outside the consent of \(which)", rules: [.r1, .r15]),
                remedy: AttendanceRemedy(
                    .widenConsent,
                    // R1a: never ask a family to tick an internal category such as 包括.
                    q.agency.field == .general
                        ? "ask \(who) to widen the consent to cover \(q.agency.name) (R1)"
                        : "ask \(who) to widen the consent to cover \(q.agency.name) or the \(q.agency.field.rawValue) field (R1)"))
        }
        let which = covering.map { "\($0.0) \($0.1.grantedOn)" }.joined(separator: ", ")
        return .inside(AttendanceReason("inside the consent of every member discussed: \(which)", rules: [.r1, .r15]))
    }

    /// R2: the person must be an appointed member of the 支援会議 with 守秘義務 acknowledged.
    private static func membershipVerdict(_ q: ScopeQuery) -> ScopeVerdict {
        let rules: [AttendanceRule] = [.r2, .r15]
        guard let body = q.body, body.kind == .supportMeeting else {
            return .outside(AttendanceReason("the session does not sit as 支援会議", rules: rules), remedy: nil)
        }
        let appoint = AttendanceRemedy(
            .appointToSupportMeeting,
            "appoint \(q.person.name) to \(body.name) with a 守秘義務 acknowledgment, as a temporary member if only for this case (R2)")
        guard let member = body.member(q.person.id) else {
            return .outside(AttendanceReason("\(q.person.name) is not a member of \(body.name)", rules: rules),
                            remedy: appoint)
        }
        guard let appointedOn = member.appointedOn else {
            return .outside(AttendanceReason("\(q.person.name) has no appointment date in \(body.name)", rules: rules),
                            remedy: appoint)
        }
        if q.date < appointedOn {
            return .outside(
                AttendanceReason("\(q.person.name)'s appointment to \(body.name) starts on \(appointedOn), after \(q.date)",
                                 rules: rules),
                remedy: appoint)
        }
        if let end = member.appointmentEndsOn, end < q.date {
            return .outside(
                AttendanceReason("\(q.person.name)'s appointment to \(body.name) ended on \(end)", rules: rules),
                remedy: appoint)
        }
        guard let acknowledged = member.confidentialityAcknowledgedOn, acknowledged <= q.date else {
            return .outside(
                AttendanceReason("\(q.person.name) has not acknowledged 守秘義務 by \(q.date)", rules: rules),
                remedy: AttendanceRemedy(.acknowledgeConfidentiality,
                                         "record \(q.person.name)'s 守秘義務 acknowledgment before the session (R2)"))
        }
        let temporary = member.temporary ? " (temporary member)" : ""
        return .inside(AttendanceReason(
            "appointed member of \(body.name) since \(appointedOn)\(temporary), 守秘義務 acknowledged on \(acknowledged)",
            rules: rules))
    }
}

extension Array where Element == String {
    /// The strings without repeats, in order, joined by ", ".
    fileprivate func uniquedJoined() -> String {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }.joined(separator: ", ")
    }
}
