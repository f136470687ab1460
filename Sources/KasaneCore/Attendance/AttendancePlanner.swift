/// Works out who sits at each case item (R1–R5, R10–R15) and explains every decision.
///
/// Candidates come from the rules: the host and chair (R10), municipal staff (R11), the R12
/// providers, the agencies involved in the case (R13), agencies asked for the item, and the
/// members of a joint body (R5). Each candidate person then passes the item's scope (R15) or is
/// left out with the reason and, for the chair, required and involved agencies, the remedy.
///
/// **Who represents an agency.** Its members of the session's body for the item's kind whose
/// appointment covers the session date (all of them, in the body's order); when it has none, its
/// first registered person (registry order). A deputy (代理出席) replaces them all; a deputy who is
/// not a registered person of the agency leaves the agency out (remedy: fix the deputy).
///
/// **Roles.** CHAIR: the host. REQ-PARTICIPANT: municipal staff, involved agencies, members of a
/// joint body with the same members (R5-a). OPT-PARTICIPANT: R12 providers, local people
/// (an agency of the 地域 field holding no programme role: 民生委員, residents) involved or asked
/// for the item, members of a joint body with partly shared members (R5-b). A person proposed
/// several ways keeps the strongest role and every reason.
public enum AttendancePlanner {
    // MARK: - Reads

    /// The meeting kind an item needs on `date` (R3, R4): 重層的支援会議 when every member it
    /// discusses has a consent in force, else 支援会議. With every member on record discussed this
    /// is `CaseFile.requiredMeetingKind(on:)`; an item that discusses nobody has no consent to rely on.
    public static func requiredKind(for item: AttendanceItem, on date: LocalDate) -> MeetingKind {
        item.caseFile.requiredMeetingKind(discussing: item.discussed, on: date)
    }

    /// The host and chair (R10): the first 多機関協働事業者 involved in the case, else the first registered.
    public static func host(for caseFile: CaseFile, in registry: Registry) -> Agency? {
        let coordinators = registry.agencies(holding: .coordinator)
        return coordinators.first { caseFile.involvedAgencies.contains($0.id) } ?? coordinators.first
    }

    /// The people who represent `agency` at an item held by `body` on `date`: its members of
    /// `body` whose appointment covers the date, else its first registered person.
    public static func representatives(of agency: AgencyID, in body: MeetingBody?, on date: LocalDate,
                                       registry: Registry) -> [Person] {
        if let body {
            let members = registry.members(of: body, workingFor: agency).filter { $0.appointmentCovers(date) }
                .compactMap { registry.person($0.person) }
            if !members.isEmpty { return members }
        }
        return Array(registry.people(of: agency).prefix(1))
    }

    /// Who sits at `item` in `session`, with every inclusion and exclusion explained.
    public static func attendance(for item: AttendanceItem, in session: AttendanceSession,
                                  registry: Registry) -> ItemAttendance {
        attendance(for: item, in: session, registry: registry, scope: AttendanceScope.standard)
    }

    /// The same with an injected scope check (tests break it on purpose to see the property fail).
    static func attendance(for item: AttendanceItem, in session: AttendanceSession, registry: Registry,
                           scope: ScopeCheck) -> ItemAttendance {
        var planner = Planning(item: item, session: session, registry: registry)
        planner.proposeAgencies()
        planner.placePeople()
        planner.proposeJointMembers()
        planner.judge(scope: scope)
        planner.flagItem()
        return planner.result()
    }
}

/// The working state of one item's attendance computation.
private struct Planning {
    /// An agency the rules want at the item.
    struct Candidate {
        var agency: AgencyID
        var role: AttendeeRole
        var reasons: [InclusionReason]
        var involved: Bool
    }

    /// A person proposed for the item, before the scope check.
    struct Slot {
        var person: Person
        var role: AttendeeRole
        var reasons: [InclusionReason]
        var involved: Bool
        var deputyFor: [PersonID] = []
        /// Proposed only as a member of the joint body (R5), not as an agency's representative.
        var jointOnly: Bool = false
        var joint: Bool = false
    }

    let item: AttendanceItem
    let session: AttendanceSession
    let registry: Registry
    let date: LocalDate
    let kind: MeetingKind
    let discussed: [MemberKey]
    let itemBody: MeetingBody?
    let host: Agency?

    var candidates: [Candidate] = []
    var slots: [Slot] = []
    var attendees: [Attendee] = []
    var exclusions: [AttendanceExclusion] = []
    var flags: [AttendanceFlag] = []
    /// Persons of joint slots that were left out (R5-a flag).
    var jointLeftOut: [Named] = []

    init(item: AttendanceItem, session: AttendanceSession, registry: Registry) {
        self.item = item
        self.session = session
        self.registry = registry
        date = session.date
        discussed = item.discussed
        kind = item.meetingKind ?? AttendancePlanner.requiredKind(for: item, on: session.date)
        itemBody = session.body(for: kind)
        host = AttendancePlanner.host(for: item.caseFile, in: registry)
    }

    // MARK: - Candidates

    mutating func propose(_ agency: AgencyID, _ role: AttendeeRole, _ reason: InclusionReason, involved: Bool = false) {
        if let i = candidates.firstIndex(where: { $0.agency == agency }) {
            candidates[i].role = min(candidates[i].role, role)
            candidates[i].reasons.append(reason)
            candidates[i].involved = candidates[i].involved || involved
        } else {
            candidates.append(Candidate(agency: agency, role: role, reasons: [reason], involved: involved))
        }
    }

    mutating func proposeAgencies() {
        if let host {
            propose(host.id, .chair, .hostChairs)
        }
        for agency in registry.agencies(holding: .municipality) {
            propose(agency.id, .required, kind == .multiAgency ? .municipalityAttends : .municipalityOrganises)
        }
        for agency in registry.agencies where agency.holds(.outreach) || agency.holds(.participation) {
            propose(agency.id, .optional,
                    .providerAttends(roles: [ProgrammeRole.outreach, .participation].filter(agency.holds)))
        }
        for id in item.caseFile.involvedAgencies {
            if let agency = registry.agency(id), Planning.isLocalPeople(agency) {
                propose(id, .optional, .localPeopleInvolved, involved: true)
            } else {
                propose(id, .required, .involvedInCase, involved: true)
            }
        }
        for id in item.invitedAgencies {
            propose(id, .optional, .askedToItem)
        }
    }

    /// Local people (民生委員, residents): an agency of the 地域 field holding no programme role.
    /// They may be invited for a case (R13) but are never required.
    static func isLocalPeople(_ agency: Agency) -> Bool { agency.field == .community && agency.roles.isEmpty }

    // MARK: - People

    mutating func placePeople() {
        for candidate in candidates {
            guard let agency = registry.agency(candidate.agency) else {
                exclude(agencyName: candidate.agency, agency: candidate.agency, person: nil, role: candidate.role,
                        reason: .agencyNotRegistered(because: candidate.reasons.flatMap(\.rules)),
                        remedy: .registerAgency(candidate.agency),
                        remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
                continue
            }
            let representatives = AttendancePlanner.representatives(of: agency.id, in: itemBody, on: date,
                                                                     registry: registry)
            if let deputy = item.deputies.first(where: { $0.agency == agency.id }) {
                guard let person = registry.person(deputy.person), person.agency == agency.id else {
                    exclude(agencyName: agency.name, agency: agency.id, person: nil, role: candidate.role,
                            reason: .deputyNotOfAgency(deputy: deputy.person, agency: agency.named,
                                                       because: candidate.reasons.flatMap(\.rules)),
                            remedy: .fixDeputy(agency: agency.named),
                            remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
                    continue
                }
                let replaced = representatives.filter { $0.id != person.id }
                slots.append(Slot(person: person, role: candidate.role,
                                  reasons: candidate.reasons + [.deputy(agency: agency.named, replacing: replaced.map(\.named))],
                                  involved: candidate.involved, deputyFor: replaced.map(\.id)))
                continue
            }
            if representatives.isEmpty {
                exclude(agencyName: agency.name, agency: agency.id, person: nil, role: candidate.role,
                        reason: .nobodyRegistered(because: candidate.reasons.flatMap(\.rules)),
                        remedy: .registerPerson(agency: agency.named),
                        remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
            }
            for person in representatives {
                slots.append(Slot(person: person, role: candidate.role, reasons: candidate.reasons,
                                  involved: candidate.involved))
            }
        }
        for deputy in item.deputies where !candidates.contains(where: { $0.agency == deputy.agency }) {
            let label = registry.agency(deputy.agency)?.name ?? deputy.agency
            exclude(agencyName: label, agency: deputy.agency, person: nil, role: .optional,
                    reason: .deputyNotNeeded(deputy: deputy.person),
                    remedy: nil, remedyWanted: false)
        }
    }

    /// R5: the members of the joint body are candidates for the case part — required in (a),
    /// optional in (b) — and still face the item's scope like everyone else.
    mutating func proposeJointMembers() {
        guard let joint = session.joint else { return }
        let role: AttendeeRole = joint.sharing == .sameMembers ? .required : .optional
        let reason = InclusionReason.jointBodyMember(body: joint.body.named, sharing: joint.sharing)
        for member in joint.body.members where member.appointmentCovers(date) {
            guard let person = registry.person(member.person) else { continue }
            if let i = slots.firstIndex(where: { $0.person.id == person.id }) {
                slots[i].role = min(slots[i].role, role)
                slots[i].reasons.append(reason)
                slots[i].joint = true
            } else {
                slots.append(Slot(person: person, role: role, reasons: [reason], involved: false, jointOnly: true,
                                  joint: true))
            }
        }
    }

    // MARK: - Scope

    mutating func judge(scope: ScopeCheck) {
        for slot in slots {
            guard let agency = registry.agency(slot.person.agency) else {
                exclude(agencyName: slot.person.agency, agency: slot.person.agency, person: slot.person.id,
                        role: slot.role, reason: .personAgencyNotRegistered, remedy: nil, remedyWanted: false)
                continue
            }
            let query = ScopeQuery(person: slot.person, agency: agency, kind: kind, date: date,
                                   caseFile: item.caseFile, discussed: discussed, body: itemBody, host: host?.id)
            var verdict = scope(query)
            // R5: a member of the other body may sit at the case part when appointed 臨時構成員 of
            // the 重層的支援会議 before the session, even outside the consent.
            if !verdict.isInside, slot.joint, kind == .multiAgency, let own = itemBody,
               item.caseFile.requiredMeetingKind(discussing: discussed, on: date) == .multiAgency,
               let member = own.member(slot.person.id), member.temporary, member.isAppointed(on: date),
               let appointed = member.appointedOn {
                verdict = .inside(.temporaryMemberBeforeSession(body: own.named, appointedOn: appointed))
            }
            switch verdict {
            case .inside(let reason):
                if let i = attendees.firstIndex(where: { $0.person == slot.person.id }) {
                    attendees[i].role = min(attendees[i].role, slot.role)
                    attendees[i].reasons.append(contentsOf: slot.reasons)
                } else {
                    attendees.append(Attendee(person: slot.person.id, agency: agency.id, role: slot.role,
                                              reasons: slot.reasons + [reason], deputyFor: slot.deputyFor))
                }
            case .outside(var reason, var remedy):
                if slot.jointOnly, let joint = session.joint {
                    let ownMember = itemBody?.member(slot.person.id) != nil
                    let standing: JointStanding = joint.sharing == .sameMembers
                        ? .heldAsOneMeeting : ownMember ? .alsoOwnMember : .jointBodyOnly
                    reason = .jointBodyMember(body: joint.body.named, standing: standing, because: reason)
                    if kind == .multiAgency, !ownMember, let own = itemBody {
                        remedy = .appointTemporaryMember(person: slot.person.named, body: own.named, agency: agency.named)
                    }
                }
                if slot.joint && session.joint?.sharing == .sameMembers {
                    jointLeftOut.append(slot.person.named)
                }
                let named = kind == .supportMeeting || slot.jointOnly || !slot.deputyFor.isEmpty
                exclude(agencyName: agency.name, namedPerson: named ? slot.person.name : nil, agency: agency.id,
                        person: slot.person.id, role: slot.role, reason: reason, remedy: remedy,
                        remedyWanted: wantsRemedy(slot.role, involved: slot.involved) || slot.joint)
            }
        }
        // Chair first, then required, then optional; the order of proposal within a role.
        attendees = attendees.enumerated().sorted { ($0.element.role, $0.offset) < ($1.element.role, $1.offset) }
            .map(\.element)
        // One chair (R10): the host's first representative; colleagues attend as required participants.
        var chairSeen = false
        for i in attendees.indices where attendees[i].role == .chair {
            if chairSeen { attendees[i].role = .required } else { chairSeen = true }
        }
    }

    func wantsRemedy(_ role: AttendeeRole, involved: Bool) -> Bool { role != .optional || involved }

    mutating func exclude(agencyName: String, namedPerson: String? = nil, agency: AgencyID, person: PersonID?,
                          role: AttendeeRole, reason: ExclusionReason, remedy: AttendanceRemedy?, remedyWanted: Bool) {
        // Several representatives of one agency outside a consent give one line, not several.
        guard !exclusions.contains(where: {
            $0.agencyName == agencyName && $0.namedPerson == namedPerson && $0.reason == reason
        }) else { return }
        exclusions.append(AttendanceExclusion(item: item.number, agency: agency, agencyName: agencyName, person: person,
                                              namedPerson: namedPerson, wouldBe: role, reason: reason,
                                              remedy: remedyWanted ? remedy : nil))
    }

    // MARK: - Item flags

    mutating func flagItem() {
        let known = Set(item.caseFile.members.map(\.key))
        let unknown = discussed.filter { !known.contains($0) }
        if !unknown.isEmpty {
            flags.append(.unknownMember(members: unknown, caseNumber: item.caseFile.number))
        }
        if itemBody == nil {
            flags.append(.noBodyForKind(needs: kind, sittingAs: session.body.kind))
        }
        if kind == .multiAgency, item.caseFile.requiredMeetingKind(discussing: discussed, on: date) != .multiAgency {
            flags.append(.consentMissing(members: item.caseFile.membersWithoutConsent(discussed, on: date), on: date))
        }
        if let host {
            if !attendees.contains(where: { $0.role == .chair }) {
                flags.append(.chairOutOfScope(host: host.named))
            }
        } else {
            flags.append(.noChair)
        }
        if kind == .multiAgency {
            let municipal = Set(registry.agencies(holding: .municipality).map(\.id))
            if municipal.isEmpty {
                flags.append(.noMunicipality)
            } else if !attendees.contains(where: { municipal.contains($0.agency) }) {
                flags.append(.municipalityOutOfScope)
            }
        }
        if let joint = session.joint {
            if !joint.body.kind.isExisting {
                flags.append(.jointBodyNotExisting(body: joint.body.named, kind: joint.body.kind))
            }
            if joint.sharing == .sameMembers && !jointLeftOut.isEmpty {
                flags.append(.jointMembersOutOfScope(body: joint.body.named, people: jointLeftOut))
            }
        }
        if item.caseFile.principalAttends && kind == .multiAgency && principal == nil {
            flags.append(.principalNotOnRecord)
        }
    }

    /// R14: the person attends a 重層的支援会議 item only when the case file says it helps them;
    /// a 支援会議 admits appointed members only (R2).
    var principal: MemberKey? {
        guard kind == .multiAgency, item.caseFile.principalAttends else { return nil }
        return item.caseFile.members.first(where: \.isPrincipal)?.key
    }

    func result() -> ItemAttendance {
        ItemAttendance(item: item.number, caseNumber: item.caseFile.number, date: date, meetingKind: kind,
                       body: itemBody?.id, jointBody: session.joint?.body.id, jointSharing: session.joint?.sharing,
                       discussedMembers: discussed, attendees: attendees, principal: principal,
                       exclusions: exclusions, flags: flags)
    }
}
