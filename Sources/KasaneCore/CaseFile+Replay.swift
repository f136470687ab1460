/// Why a case-file change was refused. Every message names the case and says how to fix the input:
/// the catalogue words it (KasaneWording, CoreErrorWording.swift); `description` is the text the
/// store's import errors and untyped error output still show.
public enum CaseFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidCaseNumber(String)
    case notOpened(CaseNumber)
    case alreadyOpened(CaseNumber)
    case unknownAgency(CaseNumber, AgencyID, role: AgencyMention)
    case unknownMember(CaseNumber, MemberKey)
    case duplicateMember(CaseNumber, MemberKey)
    case invalidMemberKey(CaseNumber, String)
    /// A second member marked 本人 (principal): a case is about one person (#12).
    case secondPrincipal(CaseNumber, MemberKey, existing: MemberKey)
    case emptyConsentScope(CaseNumber, MemberKey)
    case noConsentToWithdraw(CaseNumber, MemberKey)
    case withdrawalBeforeConsent(CaseNumber, MemberKey, withdrawnOn: LocalDate, grantedOn: LocalDate)
    case revisionWithoutPlan(CaseNumber, PlanKind)
    case planAlreadyDrafted(CaseNumber, PlanKind)
    case emptyPlan(CaseNumber)
    case inFuture(CaseNumber, what: CaseFact, date: LocalDate, today: LocalDate)
    case beforeOpening(CaseNumber, what: CaseFact, date: LocalDate, openedOn: LocalDate)
    case agencyAlreadyInvolved(CaseNumber, AgencyID)
    case agencyNotInvolved(CaseNumber, AgencyID)
    case unknownTriggerEvent(CaseNumber, Int)
    case caseClosed(CaseNumber, CaseStatus)
    case notClosed(CaseNumber, CaseStatus)
    case decision(CaseNumber, DecisionProblem)
    case guardianUnknown(CaseNumber, member: MemberKey, guardian: MemberKey)
    case supportDecision(CaseNumber, SupportDecisionProblem)
    /// #17.4: personal details are erased only from a case that is closed (終結, 中断 or 戻し).
    case erasureOfOpenCase(CaseNumber, CaseStatus)
    /// #17.4: every member's details are already erased: there is nothing left to erase.
    case nothingToErase(CaseNumber)

    public var description: String {
        switch self {
        case .invalidCaseNumber(let n):
            "'\(n)' is not a valid case number: use 1–32 letters, digits and '-', e.g. R8-3"
        case .notOpened(let n): "case \(n) does not exist: open it first with `kasane case open \(n)`"
        case .alreadyOpened(let n): "case \(n) already exists: case numbers are unique, choose another"
        case .unknownAgency(let n, let a, let role):
            "case \(n): unknown agency '\(a)' as \(role.label): register it in the registry file or fix the id"
        case .unknownMember(let n, let m):
            "case \(n): no household member '\(m)': add the member first or fix the key"
        case .duplicateMember(let n, let m): "case \(n): household member '\(m)' already exists"
        case .secondPrincipal(let n, let m, let existing):
            "case \(n): 本人は '\(existing)' として登録済みです: '\(m)' を本人にはできません（1件のケースの本人は1人です。"
                + "--principal を外すか、別のケースにしてください）"
        case .invalidMemberKey(let n, let m):
            "case \(n): '\(m)' is not a valid member key: use letters, digits and '-' (never a name)"
        case .emptyConsentScope(let n, let m):
            "case \(n): the consent of '\(m)' names no agency and no 分野: give at least one"
        case .noConsentToWithdraw(let n, let m):
            "case \(n): household member '\(m)' has no consent in force to withdraw"
        case .withdrawalBeforeConsent(let n, let m, let w, let g):
            "case \(n): withdrawal on \(w) is before the consent of '\(m)' it withdraws (given \(g))"
        case .revisionWithoutPlan(let n, let k):
            "case \(n): there is no \(k.rawValue) plan to revise: draft it first with `kasane plan draft`"
        case .planAlreadyDrafted(let n, let k):
            "case \(n): a \(k.rawValue) plan already exists: use `kasane plan revise` for a new version"
        case .emptyPlan(let n): "case \(n): a plan needs at least one service (agency and task)"
        case .inFuture(let n, let what, let d, let today):
            "case \(n): \(what.label) is dated \(d), after today (\(today)): record only what has happened"
        case .beforeOpening(let n, let what, let d, let o):
            "case \(n): \(what.label) is dated \(d), before the case was opened on \(o)"
        case .agencyAlreadyInvolved(let n, let a): "case \(n): agency '\(a)' is already involved"
        case .agencyNotInvolved(let n, let a): "case \(n): agency '\(a)' is not involved in the case"
        case .unknownTriggerEvent(let n, let s): "case \(n): no event #\(s) raises a trigger to decide"
        case .caseClosed(let n, let s):
            "case \(n) is \(s.rawValue): reopen it before recording new plans or proposals"
        case .notClosed(let n, let s): "case \(n) is \(s.rawValue), not ended or suspended: nothing to reopen"
        case .decision(let n, let problem): "case \(n): \(problem)"
        case .guardianUnknown(let n, let m, let g):
            "事例 \(n): 世帯員 '\(m)' の同意をした親権者 '\(g)' が世帯員として記録されていません。"
                + "先に `kasane case add-member \(n) --key \(g) …` で登録し、本人以外の世帯員を指定してください (R1b)"
        case .supportDecision(let n, let problem): "事例 \(n): \(problem) (R16)"
        case .erasureOfOpenCase(let n, let s):
            "case \(n) is \(s.rawValue): personal details are erased only from a closed case (終結, 中断 or 戻し)"
        case .nothingToErase(let n): "case \(n): no household member's details are left to erase"
        }
    }
}

extension CaseFile {
    /// Replays a case's log into its current state; `nil` when the log does not start with `opened`.
    public init?(replaying events: [RecordedEvent]) {
        guard let first = events.first, case .opened(let o) = first.event else { return nil }
        self.init(number: o.number, openedOn: o.openedOn, referredBy: o.referredBy, fields: o.fields,
                  involvedAgencies: o.involvedAgencies, members: [], consents: [], plans: [], contacts: [],
                  endProposals: [], decisions: [], principalAttends: false, status: .referred, lastSeq: first.seq)
        for recorded in events.dropFirst() { apply(recorded.event, seq: recorded.seq) }
    }

    /// Checks that `event` may be appended to this case on `today` against `registry`.
    /// - Throws: `CaseFileError` naming what is wrong and how to fix it.
    public func validate(_ event: CaseEvent, registry: Registry, today: LocalDate) throws(CaseFileError) {
        if let date = event.date {
            if date > today { throw .inFuture(number, what: CaseFact(event), date: date, today: today) }
            if date < openedOn { throw .beforeOpening(number, what: CaseFact(event), date: date, openedOn: openedOn) }
        }
        func agency(_ id: AgencyID, _ role: AgencyMention) throws(CaseFileError) {
            if registry.agency(id) == nil { throw .unknownAgency(number, id, role: role) }
        }
        func member(_ key: MemberKey) throws(CaseFileError) {
            if !members.contains(where: { $0.key == key }) { throw .unknownMember(number, key) }
        }
        switch event {
        case .opened:
            throw .alreadyOpened(number)
        case .memberAdded(let m):
            guard CaseNumberRule.isValid(m.key) else { throw .invalidMemberKey(number, m.key) }
            if members.contains(where: { $0.key == m.key }) { throw .duplicateMember(number, m.key) }
            if m.isPrincipal, let existing = members.first(where: \.isPrincipal) {
                throw .secondPrincipal(number, m.key, existing: existing.key)
            }
        case .agencyJoined(let c):
            try agency(c.agency, .involvedAgency)
            if involvedAgencies.contains(c.agency) { throw .agencyAlreadyInvolved(number, c.agency) }
        case .agencyLeft(let c):
            if !involvedAgencies.contains(c.agency) { throw .agencyNotInvolved(number, c.agency) }
        case .consentGranted(let g):
            try member(g.member)
            if let guardian = g.givenBy,
               guardian == g.member || !members.contains(where: { $0.key == guardian }) {
                throw .guardianUnknown(number, member: g.member, guardian: guardian)
            }
            if g.scope.isEmpty { throw .emptyConsentScope(number, g.member) }
            for a in g.scope.agencies.sorted() { try agency(a, .consentScope) }
        case .consentWithdrawn(let w):
            try member(w.member)
            guard let consent = consents.last(where: { $0.member == w.member && $0.withdrawnOn == nil }) else {
                throw .noConsentToWithdraw(number, w.member)
            }
            if w.withdrawnOn < consent.grantedOn {
                throw .withdrawalBeforeConsent(number, w.member, withdrawnOn: w.withdrawnOn, grantedOn: consent.grantedOn)
            }
        case .planDrafted(let p), .planRevised(let p):
            if status == .ended || status == .suspended || status == .returned { throw .caseClosed(number, status) }
            if p.services.isEmpty { throw .emptyPlan(number) }
            for s in p.services { try agency(s.agency, .planService) }
            let exists = plans.contains { $0.kind == p.kind }
            if case .planDrafted = event, exists { throw .planAlreadyDrafted(number, p.kind) }
            if case .planRevised = event, !exists { throw .revisionWithoutPlan(number, p.kind) }
        case .contactLogged(let c):
            if let by = c.by { try agency(by, .contactBy) }
        case .endProposed(let e):
            if status == .ended || status == .suspended || status == .returned { throw .caseClosed(number, status) }
            try agency(e.by, .endProposer)
        case .decisionRecorded(let d):
            guard d.onEvent >= 1, d.onEvent <= lastSeq else { throw .unknownTriggerEvent(number, d.onEvent) }
            if let problem = DecisionRules.problem(with: d, in: self, registry: registry) {
                throw .decision(number, problem)
            }
        case .principalAttendance:
            break
        case .reopened:
            guard status == .ended || status == .suspended || status == .returned else { throw .notClosed(number, status) }
        case .supportDecided(let s):
            if let problem = DecisionRules.problem(with: s, in: self, registry: registry) {
                throw .supportDecision(number, problem)
            }
        case .detailsErased(let e):
            guard status == .ended || status == .suspended || status == .returned else {
                throw .erasureOfOpenCase(number, status)
            }
            let held = membersWithDetails
            if e.members.isEmpty || held.isEmpty { throw .nothingToErase(number) }
            for key in e.members where !held.contains(key) {
                try member(key)
                throw .nothingToErase(number)
            }
        }
    }

    /// Folds one event into the state. Call `validate` first for new events.
    public mutating func apply(_ event: CaseEvent, seq: Int) {
        lastSeq = seq
        defer { if status != .ended { endedOn = nil } }
        switch event {
        case .opened:
            break
        case .memberAdded(let m):
            members.append(m)
        case .agencyJoined(let c):
            if !involvedAgencies.contains(c.agency) { involvedAgencies.append(c.agency) }
        case .agencyLeft(let c):
            involvedAgencies.removeAll { $0 == c.agency }
        case .consentGranted(let g):
            // A new consent replaces the one in force for that member (widened or narrowed).
            for i in consents.indices where consents[i].member == g.member && consents[i].withdrawnOn == nil {
                consents[i].withdrawnOn = g.grantedOn
            }
            consents.append(Consent(member: g.member, grantedOn: g.grantedOn, scope: g.scope,
                                    formReference: g.formReference, withdrawnOn: nil, eventSeq: seq,
                                    givenBy: g.givenBy))
            if status == .referred { status = .assessment }
        case .consentWithdrawn(let w):
            if let i = consents.lastIndex(where: { $0.member == w.member && $0.withdrawnOn == nil }) {
                consents[i].withdrawnOn = w.withdrawnOn
            }
        case .planDrafted(let p), .planRevised(let p):
            let version = (plans.filter { $0.kind == p.kind }.map(\.version).max() ?? 0) + 1
            for i in plans.indices where plans[i].kind == p.kind && plans[i].state != .superseded {
                plans[i].state = .superseded
            }
            plans.append(Plan(kind: p.kind, version: version, draftedOn: p.draftedOn, services: p.services,
                              urgent: p.urgent, state: .drafted, eventSeq: seq))
            for s in p.services where !involvedAgencies.contains(s.agency) { involvedAgencies.append(s.agency) }
            if status == .referred || status == .assessment || status == .inSupport { status = .planning }
        case .contactLogged(let c):
            contacts.append(LoggedContact(attempt: c, eventSeq: seq))
        case .principalAttendance(let p):
            principalAttends = p.attends
        case .reopened:
            status = plans.contains { $0.state == .confirmed } ? .inSupport : .assessment
        case .endProposed(let e):
            endProposals.append(EndProposal(proposedOn: e.proposedOn, by: e.by, urgent: e.urgent, eventSeq: seq))
        case .decisionRecorded(let d):
            decisions.append(LoggedDecision(decision: d, eventSeq: seq))
            applyDecision(d)
        case .supportDecided(let s):
            if let i = plans.firstIndex(where: { $0.eventSeq == s.planEvent }) {
                plans[i].supportDecision = SupportDecisionRecord(by: s.by, on: s.decidedOn)
                if plans[i].state == .awaitingSupportDecision {
                    plans[i].state = .confirmed
                    if status == .planning { status = .inSupport }
                }
            }
        case .detailsErased(let e):
            for key in e.members where !erasedMembers.contains(key) { erasedMembers.append(key) }
            erasures.append(e)
        }
    }

    private mutating func applyDecision(_ d: CaseEvent.DecisionRecorded) {
        // A correction first undoes what the superseded decision did to the case's status.
        if let old = d.supersedes.flatMap({ seq in decisions.first { $0.eventSeq == seq } }),
           [.endApproved, .suspended].contains(old.decision.outcome), status == .ended || status == .suspended {
            status = plans.contains { $0.state == .confirmed } ? .inSupport : .planning
        }
        switch d.outcome {
        case .planApproved:
            if let i = plans.firstIndex(where: { $0.eventSeq == d.onEvent }) {
                plans[i].approvedOn = d.decidedOn
                plans[i].reportedOn = d.reportedOn
                if let by = d.supportDecisionBy {
                    plans[i].supportDecision = SupportDecisionRecord(by: by, on: d.decidedOn)
                }
                // R16: the approval and the 支援決定 are two acts; a statutory part waits for the latter.
                let waits = plans[i].statutoryContent != .none && plans[i].supportDecision == nil
                if plans[i].state != .superseded { plans[i].state = waits ? .awaitingSupportDecision : .confirmed }
                if !waits || plans.contains(where: { $0.state == .confirmed }) { status = .inSupport }
            }
        case .planSentBack:
            if let i = plans.firstIndex(where: { $0.eventSeq == d.onEvent }) {
                if plans[i].state != .superseded { plans[i].state = .sentBack }
                if status == .inSupport && !plans.contains(where: { $0.state == .confirmed }) { status = .planning }
            }
        case .monitoringReviewed, .endDeferred, .suspensionDeferred:
            break
        case .endApproved:
            status = .ended
            endedOn = d.decidedOn
        case .suspended:
            status = .suspended
        }
    }

    /// The consent of `member` in force on `date`, if any.
    public func consent(of member: MemberKey, on date: LocalDate) -> Consent? {
        consents.last { $0.member == member && $0.isInForce(on: date) }
    }

    /// The latest version of each plan kind, oldest kind first.
    public var currentPlans: [Plan] {
        PlanKind.allCases.compactMap { kind in plans.last { $0.kind == kind } }
    }

    /// The last contact that reached the person, if any (R8).
    public var lastReachedContact: LoggedContact? {
        contacts.filter(\.attempt.reached).max { $0.attempt.date < $1.attempt.date }
    }

    /// R3: the meeting an item of this case needs on `date` — 重層的支援会議 only when every
    /// household member on record has a consent in force, otherwise 支援会議. A case with no
    /// member on record has no consent to rely on (R3, R4: outreach before consent).
    public func requiredMeetingKind(on date: LocalDate) -> MeetingKind {
        requiredMeetingKind(discussing: members.map(\.key), on: date)
    }
}

extension CaseEvent.Opened {
    /// Checks a new case's opening against the registry and today.
    /// - Throws: `CaseFileError` naming what is wrong.
    public func validate(registry: Registry, today: LocalDate) throws(CaseFileError) {
        guard CaseNumberRule.isValid(number) else { throw .invalidCaseNumber(number) }
        if openedOn > today { throw .inFuture(number, what: .opening, date: openedOn, today: today) }
        if registry.agency(referredBy) == nil { throw .unknownAgency(number, referredBy, role: .referringAgency) }
        for a in involvedAgencies where registry.agency(a) == nil {
            throw .unknownAgency(number, a, role: .involvedAgency)
        }
    }
}

/// What a dated case-file fact is, for the errors that name it (`CaseFileError.inFuture`, `.beforeOpening`).
public enum CaseFact: String, Hashable, Sendable, Codable, CaseIterable {
    case opening, member, agencyJoining, agencyLeaving, consent, withdrawal, plan, planRevision, contact
    case endProposal, decision, attendanceNote, reopening, supportDecision, erasure

    /// The fact `event` records.
    public init(_ event: CaseEvent) {
        self = switch event {
        case .opened: .opening
        case .memberAdded: .member
        case .agencyJoined: .agencyJoining
        case .agencyLeft: .agencyLeaving
        case .consentGranted: .consent
        case .consentWithdrawn: .withdrawal
        case .planDrafted: .plan
        case .planRevised: .planRevision
        case .contactLogged: .contact
        case .endProposed: .endProposal
        case .decisionRecorded: .decision
        case .principalAttendance: .attendanceNote
        case .reopened: .reopening
        case .supportDecided: .supportDecision
        case .detailsErased: .erasure
        }
    }

    /// The English label in `CaseFileError.description`.
    var label: String {
        switch self {
        case .opening: "the opening"
        case .member: "the member"
        case .agencyJoining: "the agency joining"
        case .agencyLeaving: "the agency leaving"
        case .consent: "the consent"
        case .withdrawal: "the withdrawal"
        case .plan: "the plan"
        case .planRevision: "the plan revision"
        case .contact: "the contact"
        case .endProposal: "the end proposal"
        case .decision: "the decision"
        case .attendanceNote: "the attendance note"
        case .reopening: "the reopening"
        case .supportDecision: "the 支援決定"
        case .erasure: "the erasure"
        }
    }
}

/// Where a case-file change names an agency, for `CaseFileError.unknownAgency`.
public enum AgencyMention: String, Hashable, Sendable, Codable, CaseIterable {
    case referringAgency, involvedAgency, consentScope, planService, contactBy, endProposer

    /// The English label in `CaseFileError.description`.
    var label: String {
        switch self {
        case .referringAgency: "referring agency"
        case .involvedAgency: "involved agency"
        case .consentScope: "consent scope"
        case .planService: "plan service"
        case .contactBy: "contact by"
        case .endProposer: "proposer of the ending"
        }
    }
}
