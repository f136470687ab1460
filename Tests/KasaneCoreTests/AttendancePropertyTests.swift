@testable import KasaneCore
import PropertyBased
import Testing

/// R15 as a property over generated worlds: no attendee of any item is outside its scope, and
/// every required attendee who is in scope is invited. The scope is judged by an oracle written
/// here from the raw generated data (consent history, body appointments), not by Kasane's check.
@Suite("Attendance property (R15)")
struct AttendancePropertyTests {
    static let seed: UInt64 = 0x5EED_2026_0728
    static let worldCount = 1_200

    @Test("R15 property: over 1,200 generated worlds nobody is out of scope and every required in-scope attendee is invited")
    func r15PropertyHolds() {
        let report = Self.check(worlds: Self.worldCount, seed: Self.seed, scope: AttendanceScope.standard)
        #expect(report.violations.isEmpty, """
            seed \(Self.seed) — \(report.violations.count) violation(s), first: \(report.violations.first ?? "")
            """)
        // The worlds are not vacuous: both kinds, joint sessions, withdrawals, people in and out.
        #expect(report.stats.multiAgencyItems > 200 && report.stats.supportItems > 200, "\(report.stats)")
        #expect(report.stats.jointSame > 50 && report.stats.jointPartly > 50, "\(report.stats)")
        #expect(report.stats.withdrawals > 200 && report.stats.deputies > 100, "\(report.stats)")
        #expect(report.stats.attendees > 1_500 && report.stats.exclusions > 2_000, "\(report.stats)")
        #expect(report.stats.requiredChecked > 1_000, "\(report.stats)")
    }

    /// Scope checks broken on purpose, the way they could plausibly go wrong.
    enum Broken: String, CaseIterable, Sendable {
        /// A withdrawn consent still counts (R3).
        case ignoresWithdrawal
        /// Only the first household member's consent is looked at (R1: every member discussed).
        case firstMemberOnly
        /// The 守秘義務 acknowledgment is not checked (R2).
        case ignoresConfidentiality
        /// An ended appointment still counts (R2).
        case ignoresAppointmentEnd
        /// Consents are judged on the last known day instead of the session date.
        case judgesOnWrongDate
        /// Everyone the rules propose is admitted.
        case admitsEveryone

        var check: ScopeCheck {
            switch self {
            case .ignoresWithdrawal:
                return { q in
                    var q = q
                    q.caseFile.consents = q.caseFile.consents.map { var c = $0; c.withdrawnOn = nil; return c }
                    return AttendanceScope.verdict(for: q)
                }
            case .firstMemberOnly:
                return { q in
                    var q = q
                    q.discussed = Array(q.discussed.prefix(1))
                    return AttendanceScope.verdict(for: q)
                }
            case .ignoresConfidentiality:
                return { q in
                    var q = q
                    let members = q.body?.members ?? []
                    q.body?.members = members.map { var m = $0; m.confidentialityAcknowledgedOn = m.appointedOn; return m }
                    return AttendanceScope.verdict(for: q)
                }
            case .ignoresAppointmentEnd:
                return { q in
                    var q = q
                    let members = q.body?.members ?? []
                    q.body?.members = members.map { var m = $0; m.appointmentEndsOn = nil; return m }
                    return AttendanceScope.verdict(for: q)
                }
            case .judgesOnWrongDate:
                return { q in
                    var q = q
                    if q.kind == .multiAgency { q.date = q.date.adding(days: 365) }
                    return AttendanceScope.verdict(for: q)
                }
            case .admitsEveryone:
                return { _ in .inside(.insideConsent(consents: [])) }  // a broken check: everyone is "inside"
            }
        }
    }

    @Test("R15 property catches a deliberately broken scope check", arguments: Broken.allCases)
    func r15PropertyCatchesBrokenCheck(broken: Broken) {
        let report = Self.check(worlds: Self.worldCount, seed: Self.seed, scope: broken.check)
        #expect(!report.violations.isEmpty, "the property did not notice \(broken.rawValue)")
    }

    @Test("The world generator is deterministic for a seed")
    func generatorIsDeterministic() {
        var a = WorldRandom(seed: 42)
        var b = WorldRandom(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var c = WorldRandom(seed: 43)
        #expect((0..<100).map { _ in c.next() } != (0..<100).map { _ in a.next() })
        let one = Self.check(worlds: 50, seed: 7, scope: AttendanceScope.standard)
        let two = Self.check(worlds: 50, seed: 7, scope: AttendanceScope.standard)
        #expect(one.stats == two.stats)
    }

    // MARK: - The property

    struct Stats: Hashable, CustomStringConvertible {
        var multiAgencyItems = 0, supportItems = 0, jointSame = 0, jointPartly = 0, withdrawals = 0, deputies = 0
        var attendees = 0, exclusions = 0, requiredChecked = 0
        var description: String {
            "multi \(multiAgencyItems), support \(supportItems), joint a \(jointSame) b \(jointPartly), "
                + "withdrawals \(withdrawals), deputies \(deputies), attendees \(attendees), "
                + "exclusions \(exclusions), required checked \(requiredChecked)"
        }
    }

    /// Generates `worlds` worlds from `seed`, computes each item's attendance with `scope`, and
    /// returns every violation found (each names the seed and the world index).
    static func check(worlds: Int, seed: UInt64, scope: ScopeCheck) -> (violations: [String], stats: Stats) {
        var rng = WorldRandom(seed: seed)
        var violations: [String] = []
        var stats = Stats()
        for index in 0..<worlds {
            let world = World.generate(&rng)
            let result = AttendancePlanner.attendance(for: world.item, in: world.session, registry: world.registry,
                                                      scope: scope)
            let found = world.violations(of: result, stats: &stats)
            violations += found.map { "seed \(seed) world \(index): \($0)" }
        }
        return (violations, stats)
    }

    // MARK: - Generated worlds

    /// One random municipality, case and session, with the raw data the oracle reads.
    struct World {
        let agencies: [Agency]
        let people: [Person]
        let registry: Registry
        let session: AttendanceSession
        let item: AttendanceItem
        /// Consent history of the case in log order: a scope, or `nil` for a withdrawal.
        let consentLog: [(member: MemberKey, on: LocalDate, scope: ConsentScope?)]

        static let base = LocalDate(iso: "2026-06-15")!

        static func generate(_ rng: inout WorldRandom) -> World {
            func day(_ range: ClosedRange<Int>) -> LocalDate { base.adding(days: rng.int(range)) }

            // Registry.
            var agencies: [Agency] = []
            for i in 0..<rng.int(3...9) {
                var roles = Set<ProgrammeRole>()
                if rng.chance(i == 0 ? 0.85 : 0.1) { roles.insert(.coordinator) }
                if rng.chance(i == 1 ? 0.85 : 0.1) { roles.insert(.municipality) }
                if rng.chance(0.15) { roles.insert(.outreach) }
                if rng.chance(0.15) { roles.insert(.participation) }
                agencies.append(Agency(id: "a\(i)", name: "機関\(i)", field: rng.pick(Field.allCases),
                                       kind: rng.pick(AgencyKind.allCases), mailbox: "a\(i)@example.jp", roles: roles))
            }
            var people: [Person] = []
            for agency in agencies {
                for j in 0..<rng.int(0...3) where !(j == 0 && rng.chance(0.05)) {
                    people.append(Person(id: "\(agency.id)-p\(j)", name: "職員\(agency.id)\(j)", mailbox: "x@example.jp",
                                         agency: agency.id, title: ""))
                }
            }
            func members(strict: Bool) -> [BodyMember] {
                people.filter { _ in rng.chance(0.6) }.map { person in
                    let appointed: LocalDate? = rng.chance(strict ? 0.1 : 0.4) ? nil : day(-200...20)
                    let acknowledged: LocalDate? = rng.chance(0.15) ? nil : day(-200...10)
                    let ends: LocalDate? = rng.chance(0.7) ? nil : day(-60...60)
                    return BodyMember(person: person.id, appointedOn: appointed, confidentialityAcknowledgedOn: acknowledged,
                                      appointmentEndsOn: ends, temporary: rng.chance(0.2))
                }
            }
            let juso = MeetingBody(id: "juso", name: "重層的支援会議", kind: .multiAgency, members: members(strict: false))
            let shien = MeetingBody(id: "shien", name: "支援会議", kind: .supportMeeting, members: members(strict: true))
            let existingKind = rng.pick(BodyKind.allCases.filter(\.isExisting))
            let existing = MeetingBody(id: "existing", name: existingKind.rawValue, kind: existingKind,
                                       members: members(strict: false))
            let registry = Registry(agencies: agencies, people: people, bodies: [juso, shien, existing])

            // Session: one body or both, sometimes jointly with an existing body (R5).
            let date = day(-10...10)
            let bodies: (MeetingBody, MeetingBody?) = switch rng.int(0...3) {
            case 0: (juso, nil)
            case 1: (shien, nil)
            case 2: (juso, shien)
            default: (shien, juso)
            }
            let joint: JointHolding? = rng.chance(0.5) ? nil
                : JointHolding(body: existing, sharing: rng.pick(JointHolding.Sharing.allCases))
            let session = AttendanceSession(date: date, body: bodies.0, alsoSittingAs: bodies.1, joint: joint)

            // Case: members, consent history in date order, agencies joining and leaving.
            let memberKeys = (0..<rng.int(0...4)).map { "m\($0)" }
            let ids = agencies.map(\.id)
            var log: [(on: LocalDate, event: CaseEvent)] = memberKeys.enumerated().map { i, key in
                (base.adding(days: -150), .memberAdded(HouseholdMember(key: key, relation: "続柄", isPrincipal: i == 0)))
            }
            for key in memberKeys {
                for _ in 0..<rng.int(0...3) {
                    let on = day(-120...30)
                    if rng.chance(0.2) {
                        log.append((on, .consentWithdrawn(.init(member: key, withdrawnOn: on))))
                    } else {
                        var scope = ConsentScope(agencies: Set(ids.filter { _ in rng.chance(0.55) }),
                                                 fields: Set(Field.allCases.filter { _ in rng.chance(0.35) }))
                        if scope.isEmpty { scope.fields = [rng.pick(Field.allCases)] }
                        log.append((on, .consentGranted(.init(member: key, grantedOn: on, scope: scope, formReference: "f"))))
                    }
                }
            }
            for id in ids where rng.chance(0.3) {
                let on = day(-100...30)
                log.append((on, rng.chance(0.7) ? .agencyJoined(.init(agency: id, on: on)) : .agencyLeft(.init(agency: id, on: on))))
            }
            if rng.chance(0.4) {
                log.append((day(-100...0), .principalAttendance(.init(attends: rng.chance(0.7), on: base))))
            }
            let ordered = log.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
            var involved = ids.filter { _ in rng.chance(0.3) }
            if rng.chance(0.1) { involved.append("ghost") }
            let opened = CaseEvent.opened(.init(number: "W-1", openedOn: base.adding(days: -200), referredBy: ids[0],
                                                fields: [], involvedAgencies: involved))
            let recorded = ([opened] + ordered.map(\.event)).enumerated().map {
                RecordedEvent(seq: $0.offset + 1, event: $0.element, recordedAt: "")
            }
            let caseFile = CaseFile(replaying: recorded)!
            let consentLog: [(member: MemberKey, on: LocalDate, scope: ConsentScope?)] = ordered.compactMap { entry in
                switch entry.event {
                case .consentGranted(let g): (g.member, g.grantedOn, g.scope)
                case .consentWithdrawn(let w): (w.member, w.withdrawnOn, nil)
                default: nil
                }
            }

            // Item.
            let kind: MeetingKind? = switch rng.int(0...3) {
            case 0: .multiAgency
            case 1: .supportMeeting
            default: nil
            }
            var discussed: [MemberKey]? = rng.chance(0.6) ? nil : memberKeys.filter { _ in rng.chance(0.6) }
            if discussed != nil && rng.chance(0.05) { discussed?.append("stranger") }
            let deputies = (0..<rng.int(0...2)).compactMap { _ -> Deputy? in
                guard !people.isEmpty else { return nil }
                let person = rng.pick(people)
                return Deputy(agency: rng.chance(0.8) ? person.agency : rng.pick(ids), person: person.id)
            }
            let item = AttendanceItem(number: 1, caseFile: caseFile, meetingKind: kind, discussedMembers: discussed,
                                      invitedAgencies: ids.filter { _ in rng.chance(0.1) }, deputies: deputies)
            return World(agencies: agencies, people: people, registry: registry, session: session, item: item,
                         consentLog: consentLog)
        }

        // MARK: - The oracle

        /// The consent scope of `member` in force on `date`, walking the raw log in order.
        func consentInForce(_ member: MemberKey, on date: LocalDate) -> ConsentScope? {
            var current: ConsentScope?
            for entry in consentLog where entry.member == member && entry.on <= date { current = entry.scope }
            return current
        }

        var discussed: [MemberKey] { item.discussedMembers ?? item.caseFile.members.map(\.key) }

        var kind: MeetingKind {
            if let kind = item.meetingKind { return kind }
            let date = session.date
            return !discussed.isEmpty && discussed.allSatisfy { consentInForce($0, on: date) != nil }
                ? .multiAgency : .supportMeeting
        }

        func agency(_ id: AgencyID) -> Agency? { agencies.first { $0.id == id } }
        func person(_ id: PersonID) -> Person? { people.first { $0.id == id } }

        /// The oracle's scope: R1 and R1a for 重層的支援会議 items, R2 for 支援会議 items.
        func inScope(_ personID: PersonID) -> Bool {
            guard let person = person(personID), let agency = agency(person.agency) else { return false }
            let date = session.date
            switch kind {
            case .multiAgency:
                guard !discussed.isEmpty else { return false }
                // R1a: the host and municipal staff are inside every consent to share.
                let coordinators = agencies.filter { $0.holds(.coordinator) }
                let host = coordinators.first { item.caseFile.involvedAgencies.contains($0.id) } ?? coordinators.first
                let consented = discussed.allSatisfy { consentInForce($0, on: date) != nil }
                if agency.id == host?.id || agency.holds(.municipality) { return consented }
                // R5: a member of the joint body appointed 臨時構成員 of the 重層的支援会議 before the session.
                let own = [session.body, session.alsoSittingAs].compactMap { $0 }.first { $0.kind == .multiAgency }
                func current(_ m: BodyMember) -> Bool {
                    (m.appointedOn.map { $0 <= date } ?? true) && (m.appointmentEndsOn.map { $0 >= date } ?? true)
                }
                if consented, let joint = session.joint,
                   joint.body.members.contains(where: { $0.person == personID && current($0) }),
                   let record = own?.members.first(where: { $0.person == personID }), record.temporary,
                   record.appointedOn != nil, current(record) {
                    return true
                }
                return discussed.allSatisfy { member in
                    guard let scope = consentInForce(member, on: date) else { return false }
                    return scope.agencies.contains(agency.id) || scope.fields.contains(agency.field)
                }
            case .supportMeeting:
                let body = [session.body, session.alsoSittingAs].compactMap { $0 }.first { $0.kind == .supportMeeting }
                guard let record = body?.members.first(where: { $0.person == personID }),
                      let appointed = record.appointedOn, appointed <= date,
                      let acknowledged = record.confidentialityAcknowledgedOn, acknowledged <= date else { return false }
                if let end = record.appointmentEndsOn, end < date { return false }
                return true
            }
        }

        /// Checks one computed attendance against the oracle.
        func violations(of result: ItemAttendance, stats: inout Stats) -> [String] {
            var found: [String] = []
            let date = session.date
            if result.meetingKind != kind { found.append("kind \(result.meetingKind) but the oracle says \(kind)") }
            stats.multiAgencyItems += kind == .multiAgency ? 1 : 0
            stats.supportItems += kind == .supportMeeting ? 1 : 0
            stats.jointSame += session.joint?.sharing == .sameMembers ? 1 : 0
            stats.jointPartly += session.joint?.sharing == .partlyShared ? 1 : 0
            stats.withdrawals += consentLog.contains { $0.scope == nil } ? 1 : 0
            stats.deputies += item.deputies.count
            stats.attendees += result.attendees.count
            stats.exclusions += result.exclusions.count

            // 1. Nobody out of scope.
            var seen = Set<PersonID>()
            for attendee in result.attendees {
                if !seen.insert(attendee.person).inserted { found.append("\(attendee.person) listed twice") }
                if !inScope(attendee.person) { found.append("\(attendee.person) attends but is outside the scope") }
                if person(attendee.person)?.agency != attendee.agency { found.append("\(attendee.person) wrong agency") }
            }
            for exclusion in result.exclusions {
                if let p = exclusion.person, seen.contains(p) {
                    found.append("\(p) both attends and is left out: \(exclusion)")
                }
            }

            // 2. Every required attendee in scope is invited.
            let coordinators = agencies.filter { $0.holds(.coordinator) }
            let host = coordinators.first { item.caseFile.involvedAgencies.contains($0.id) } ?? coordinators.first
            var required: [AgencyID] = host.map { [$0.id] } ?? []
            required += agencies.filter { $0.holds(.municipality) }.map(\.id)
            required += item.caseFile.involvedAgencies.compactMap(agency).filter {
                !($0.field == .community && $0.roles.isEmpty)
            }.map(\.id)
            for id in Set(required).sorted() {
                if let deputy = item.deputies.first(where: { $0.agency == id }) {
                    guard person(deputy.person)?.agency == id else { continue }
                    stats.requiredChecked += 1
                    if inScope(deputy.person) && result.attendee(deputy.person) == nil {
                        found.append("deputy \(deputy.person) of required \(id) is in scope but not invited")
                    }
                } else if let p = people.first(where: { $0.agency == id && inScope($0.id) }) {
                    stats.requiredChecked += 1
                    if !result.attends(agency: id) {
                        found.append("required \(id) has \(p.id) in scope but nobody is invited")
                    }
                }
            }
            if let joint = session.joint, joint.sharing == .sameMembers {
                for member in joint.body.members where person(member.person) != nil {
                    if let start = member.appointedOn, date < start { continue }
                    if let end = member.appointmentEndsOn, end < date { continue }
                    stats.requiredChecked += 1
                    if inScope(member.person) && result.attendee(member.person) == nil {
                        found.append("joint (a) member \(member.person) is in scope but not invited")
                    }
                }
            }
            if let chair = result.chair, person(chair.person)?.agency != host?.id {
                found.append("\(chair.person) chairs but is not of the host")
            }
            if let host, kind == .multiAgency || result.body != nil,
               people.contains(where: { $0.agency == host.id && inScope($0.id) }),
               !item.deputies.contains(where: { $0.agency == host.id }), result.chair == nil {
                found.append("the host \(host.id) is in scope but nobody chairs")
            }
            if result.chair == nil, host != nil, !result.flags.contains(where: { $0.kind == .chairOutOfScope }) {
                found.append("no chair and no chairOutOfScope flag")
            }

            // 3. R14: the person only by key, only when it helps them, only at 重層的支援会議 items.
            let expectedPrincipal = kind == .multiAgency && item.caseFile.principalAttends
                ? item.caseFile.members.first(where: \.isPrincipal)?.key : nil
            if result.principal != expectedPrincipal { found.append("principal \(String(describing: result.principal))") }
            return found
        }
    }

    // MARK: - The generator

    /// A world's random choices, from swift-property-based's seeded Xoshiro256** generator.
    struct WorldRandom {
        private var generator: Xoshiro

        init(seed: UInt64) { generator = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 1)) }

        mutating func next() -> UInt64 { generator.next() }

        /// A uniform integer in `range`.
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }

        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }
}
