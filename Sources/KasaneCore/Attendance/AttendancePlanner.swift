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
        let discussed = item.discussed
        guard !discussed.isEmpty else { return .supportMeeting }
        return discussed.allSatisfy { item.caseFile.consent(of: $0, on: date) != nil } ? .multiAgency : .supportMeeting
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
            let members = registry.members(of: body, workingFor: agency).filter { isCurrent($0, on: date) }
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

    /// Whether a body member counts as a member on `date`; a missing appointment date (common for
    /// existing bodies) does not disqualify here — the 支援会議 scope check asks for it (R2).
    static func isCurrent(_ member: BodyMember, on date: LocalDate) -> Bool {
        if let start = member.appointedOn, date < start { return false }
        if let end = member.appointmentEndsOn, end < date { return false }
        return true
    }
}

/// The working state of one item's attendance computation.
private struct Planning {
    /// An agency the rules want at the item.
    struct Candidate {
        var agency: AgencyID
        var role: AttendeeRole
        var reasons: [AttendanceReason]
        var involved: Bool
    }

    /// A person proposed for the item, before the scope check.
    struct Slot {
        var person: Person
        var role: AttendeeRole
        var reasons: [AttendanceReason]
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
    var jointLeftOut: [String] = []

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

    mutating func propose(_ agency: AgencyID, _ role: AttendeeRole, _ reason: AttendanceReason, involved: Bool = false) {
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
            propose(host.id, .chair, AttendanceReason("多機関協働事業者: hosts and chairs the meeting", rules: [.r10]))
        }
        for agency in registry.agencies(holding: .municipality) {
            let reason = kind == .multiAgency
                ? AttendanceReason("自治体職員: attends every 重層的支援会議 and makes 支援決定", rules: [.r11])
                : AttendanceReason("自治体職員: the municipality organises the 支援会議 (社会福祉法第106条の6)", rules: [.r2])
            propose(agency.id, .required, reason)
        }
        for agency in registry.agencies where agency.holds(.outreach) || agency.holds(.participation) {
            let name = [ProgrammeRole.outreach, .participation].filter(agency.holds).map(\.rawValue)
                .joined(separator: "・")
            propose(agency.id, .optional, AttendanceReason("\(name): attends in principle", rules: [.r12]))
        }
        for id in item.caseFile.involvedAgencies {
            if let agency = registry.agency(id), Planning.isLocalPeople(agency) {
                propose(id, .optional, AttendanceReason("local people involved in the case: may be invited", rules: [.r13]),
                        involved: true)
            } else {
                propose(id, .required, AttendanceReason("involved in the case and its plan", rules: [.r13]), involved: true)
            }
        }
        for id in item.invitedAgencies {
            propose(id, .optional, AttendanceReason("asked to this item", rules: [.r13]))
        }
    }

    /// Local people (民生委員, residents): an agency of the 地域 field holding no programme role.
    /// They may be invited for a case (R13) but are never required.
    static func isLocalPeople(_ agency: Agency) -> Bool { agency.field == .community && agency.roles.isEmpty }

    // MARK: - People

    mutating func placePeople() {
        for candidate in candidates {
            guard let agency = registry.agency(candidate.agency) else {
                exclude(agencyLabel: candidate.agency, agency: candidate.agency, person: nil, role: candidate.role,
                        reason: AttendanceReason("not in the registry", rules: candidate.reasons.flatMap(\.rules)),
                        remedy: AttendanceRemedy(.register, "register agency \(candidate.agency) and its people"),
                        remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
                continue
            }
            let representatives = AttendancePlanner.representatives(of: agency.id, in: itemBody, on: date,
                                                                     registry: registry)
            if let deputy = item.deputies.first(where: { $0.agency == agency.id }) {
                guard let person = registry.person(deputy.person), person.agency == agency.id else {
                    exclude(agencyLabel: agency.name, agency: agency.id, person: nil, role: candidate.role,
                            reason: AttendanceReason("deputy \(deputy.person) is not a registered person of \(agency.name)",
                                                     rules: candidate.reasons.flatMap(\.rules)),
                            remedy: AttendanceRemedy(.fixDeputy, "name a registered person of \(agency.name) as deputy"),
                            remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
                    continue
                }
                let replaced = representatives.map(\.id).filter { $0 != person.id }
                let names = representatives.filter { $0.id != person.id }.map(\.name).joined(separator: ", ")
                let text = names.isEmpty ? "代理出席 for \(agency.name)" : "代理出席 for \(names)"
                slots.append(Slot(person: person, role: candidate.role,
                                  reasons: candidate.reasons + [AttendanceReason(text, rules: [.r15])],
                                  involved: candidate.involved, deputyFor: replaced))
                continue
            }
            if representatives.isEmpty {
                exclude(agencyLabel: agency.name, agency: agency.id, person: nil, role: candidate.role,
                        reason: AttendanceReason("no person of the agency is registered",
                                                 rules: candidate.reasons.flatMap(\.rules)),
                        remedy: AttendanceRemedy(.register, "register a person of \(agency.name)"),
                        remedyWanted: wantsRemedy(candidate.role, involved: candidate.involved))
            }
            for person in representatives {
                slots.append(Slot(person: person, role: candidate.role, reasons: candidate.reasons,
                                  involved: candidate.involved))
            }
        }
        for deputy in item.deputies where !candidates.contains(where: { $0.agency == deputy.agency }) {
            let label = registry.agency(deputy.agency)?.name ?? deputy.agency
            exclude(agencyLabel: label, agency: deputy.agency, person: nil, role: .optional,
                    reason: AttendanceReason("deputy \(deputy.person) not needed: the agency has no part in this item", rules: [.r13]),
                    remedy: nil, remedyWanted: false)
        }
    }

    /// R5: the members of the joint body are candidates for the case part — required in (a),
    /// optional in (b) — and still face the item's scope like everyone else.
    mutating func proposeJointMembers() {
        guard let joint = session.joint else { return }
        let sharing = joint.sharing == .sameMembers ? "same members (R5-a)" : "partly shared members (R5-b)"
        let role: AttendeeRole = joint.sharing == .sameMembers ? .required : .optional
        let reason = AttendanceReason("member of \(joint.body.name), held jointly with \(sharing)", rules: [.r5])
        for member in joint.body.members where AttendancePlanner.isCurrent(member, on: date) {
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
                exclude(agencyLabel: slot.person.agency, agency: slot.person.agency, person: slot.person.id,
                        role: slot.role, reason: AttendanceReason("the person's agency is not in the registry",
                                                                  rules: [.r15]),
                        remedy: nil, remedyWanted: false)
                continue
            }
            let query = ScopeQuery(person: slot.person, agency: agency, kind: kind, date: date,
                                   caseFile: item.caseFile, discussed: discussed, body: itemBody, host: host?.id)
            var verdict = scope(query)
            // R5: a member of the other body may sit at the case part when appointed 臨時構成員 of
            // the 重層的支援会議 before the session, even outside the consent.
            if !verdict.isInside, slot.joint, kind == .multiAgency, let own = itemBody, !discussed.isEmpty,
               discussed.allSatisfy({ item.caseFile.consent(of: $0, on: date) != nil }),
               let member = own.member(slot.person.id), member.temporary,
               let appointed = member.appointedOn, appointed <= date, AttendancePlanner.isCurrent(member, on: date) {
                verdict = .inside(AttendanceReason(
                    "appointed 臨時構成員 of \(own.name) on \(appointed), before the session", rules: [.r5, .r15]))
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
                    let member = joint.sharing == .sameMembers
                        ? "member of \(joint.body.name), held as one meeting"
                        : ownMember ? "member of \(joint.body.name)" : "member of \(joint.body.name) only"
                    reason = AttendanceReason("\(member) — \(reason.text)", rules: [.r5] + reason.rules)
                    if kind == .multiAgency, !ownMember, let own = itemBody {
                        remedy = AttendanceRemedy(
                            .appointTemporaryMember,
                            "appoint \(slot.person.name) 臨時構成員 of \(own.name) before the session, or obtain the "
                                + "person's consent to share with \(agency.name) (R5)")
                    }
                }
                if slot.joint && session.joint?.sharing == .sameMembers {
                    jointLeftOut.append(slot.person.name)
                }
                let named = kind == .supportMeeting || slot.jointOnly || !slot.deputyFor.isEmpty
                exclude(agencyLabel: named ? "\(agency.name) \(slot.person.name)" : agency.name, agency: agency.id,
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

    mutating func exclude(agencyLabel: String, agency: AgencyID, person: PersonID?, role: AttendeeRole,
                          reason: AttendanceReason, remedy: AttendanceRemedy?, remedyWanted: Bool) {
        let reason = AttendanceReason(reason.text, rules: reason.rules.uniqued())
        let message = "\(agencyLabel): left out of item \(item.number) — \(reason)"
        // Several representatives of one agency outside a consent give one line, not several.
        guard !exclusions.contains(where: { $0.message == message }) else { return }
        exclusions.append(AttendanceExclusion(agency: agency, person: person, wouldBe: role, reason: reason,
                                              remedy: remedyWanted ? remedy : nil, message: message))
    }

    // MARK: - Item flags

    mutating func flagItem() {
        let known = Set(item.caseFile.members.map(\.key))
        let unknown = discussed.filter { !known.contains($0) }
        if !unknown.isEmpty {
            flags.append(AttendanceFlag(.unknownMember, AttendanceReason(
                "discussed member(s) \(unknown.joined(separator: ", ")) not on case \(item.caseFile.number)",
                rules: [.r1])))
        }
        if itemBody == nil {
            flags.append(AttendanceFlag(.noBodyForKind, AttendanceReason(
                "the item is a \(kind.rawValue) item but the session sits as \(session.body.kind.rawValue): "
                    + "move it to a \(kind.rawValue) session", rules: kind == .multiAgency ? [.r1, .r15] : [.r2, .r3, .r15])))
        }
        if kind == .multiAgency {
            let missing = discussed.filter { item.caseFile.consent(of: $0, on: date) == nil }
            if discussed.isEmpty || !missing.isEmpty {
                let who = discussed.isEmpty ? "no member discussed" : "no consent in force from \(missing.joined(separator: ", "))"
                flags.append(AttendanceFlag(.consentMissing, AttendanceReason(
                    "\(who) on \(date): hold the item as a 支援会議 item", rules: [.r1, .r3])))
            }
        }
        if let host {
            if !attendees.contains(where: { $0.role == .chair }) {
                flags.append(AttendanceFlag(.chairOutOfScope, AttendanceReason(
                    "the host \(host.name) cannot attend within the item's scope: the item has no chair",
                    rules: [.r10, .r15])))
            }
        } else {
            flags.append(AttendanceFlag(.noChair, AttendanceReason("no 多機関協働事業者 is registered", rules: [.r10])))
        }
        if kind == .multiAgency {
            let municipal = Set(registry.agencies(holding: .municipality).map(\.id))
            if municipal.isEmpty {
                flags.append(AttendanceFlag(.noMunicipality, AttendanceReason(
                    "no municipal department (自治体) is registered", rules: [.r11])))
            } else if !attendees.contains(where: { municipal.contains($0.agency) }) {
                flags.append(AttendanceFlag(.municipalityOutOfScope, AttendanceReason(
                    "no municipal staff can attend within the item's scope", rules: [.r11, .r15])))
            }
        }
        if let joint = session.joint {
            if !joint.body.kind.isExisting {
                flags.append(AttendanceFlag(.jointBodyNotExisting, AttendanceReason(
                    "\(joint.body.name) is a \(joint.body.kind.rawValue), not an existing body", rules: [.r5])))
            }
            if joint.sharing == .sameMembers && !jointLeftOut.isEmpty {
                flags.append(AttendanceFlag(.jointMembersOutOfScope, AttendanceReason(
                    "held as one meeting with \(joint.body.name) (same members) but \(jointLeftOut.joined(separator: ", ")) "
                        + "are outside the item's scope: hold the case part with the members in scope only (R5-b), "
                        + "or widen the scope", rules: [.r5, .r15])))
            }
        }
        if item.caseFile.principalAttends && kind == .multiAgency && principal == nil {
            flags.append(AttendanceFlag(.principalNotOnRecord, AttendanceReason(
                "the case file says the person attends, but no 本人 is on record", rules: [.r14])))
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

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
