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
    case inside(InclusionReason)
    case outside(ExclusionReason, remedy: AttendanceRemedy?)

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
            return .outside(.nobodyDiscussed, remedy: .moveToSupportMeeting(orObtainConsentOf: []))
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
            return .outside(.noConsentInForce(on: q.date, members: missing),
                            remedy: .moveToSupportMeeting(orObtainConsentOf: missing))
        }
        // R1a: the person's application to 多機関協働 is their consent to the coordinator, and the
        // municipality organises the meeting: both are inside every consent to share.
        if q.agency.id == q.host || q.agency.holds(.municipality) {
            let dates = q.discussed.compactMap { q.caseFile.consent(of: $0, on: q.date)?.grantedOn }.uniqued()
            return .inside(q.agency.id == q.host ? .hostInsideEveryConsent(consents: dates)
                                                 : .municipalityInsideEveryConsent(consents: dates))
        }
        if !notCovering.isEmpty {
            // One date per consent form; members named only when several are discussed.
            var dates: [LocalDate] = []
            var byDate: [LocalDate: [MemberKey]] = [:]
            for (member, consent) in notCovering {
                if byDate[consent.grantedOn] == nil { dates.append(consent.grantedOn) }
                byDate[consent.grantedOn, default: []].append(member)
            }
            let forms = dates.map {
                ConsentForm(grantedOn: $0, givenBy: q.discussed.count == 1 ? [] : byDate[$0, default: []])
            }
            // R1a: never ask a family to tick an internal category such as 包括.
            return .outside(.outsideConsent(consents: forms),
                            remedy: .widenConsent(members: notCovering.map(\.0), agency: q.agency.named,
                                                  field: q.agency.field == .general ? nil : q.agency.field))
        }
        return .inside(.insideConsent(consents: covering.map { ConsentForm(grantedOn: $0.1.grantedOn, givenBy: [$0.0]) }))
    }

    /// R2: the person must be an appointed member of the 支援会議 with 守秘義務 acknowledged.
    private static func membershipVerdict(_ q: ScopeQuery) -> ScopeVerdict {
        guard let body = q.body, body.kind == .supportMeeting else {
            return .outside(.notSittingAsSupportMeeting, remedy: nil)
        }
        let person = q.person.named, named = body.named
        let appoint = AttendanceRemedy.appointToSupportMeeting(person: person, body: named)
        guard let member = body.member(q.person.id) else {
            return .outside(.notAMember(person: person, body: named), remedy: appoint)
        }
        guard let appointedOn = member.appointedOn else {
            return .outside(.noAppointmentDate(person: person, body: named), remedy: appoint)
        }
        if q.date < appointedOn {
            return .outside(.appointmentNotStarted(person: person, body: named, startsOn: appointedOn, sessionOn: q.date),
                            remedy: appoint)
        }
        if let end = member.appointmentEndsOn, end < q.date {
            return .outside(.appointmentEnded(person: person, body: named, endedOn: end), remedy: appoint)
        }
        guard let acknowledged = member.confidentialityAcknowledgedOn, acknowledged <= q.date else {
            return .outside(.confidentialityNotAcknowledged(person: person, by: q.date),
                            remedy: .acknowledgeConfidentiality(person: person))
        }
        return .inside(.appointedMember(body: named, since: appointedOn, temporary: member.temporary,
                                        acknowledgedOn: acknowledged))
    }
}
