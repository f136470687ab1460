import Testing
@testable import KasaneCore

/// One test (or table) per rule id of DOMAIN.md that decides who sits at a case item.
@Suite("Attendance rules")
struct AttendanceRuleTests {
    typealias O = OkinawaAttendance

    // MARK: - R1

    /// R5-2 household, consent of 2026-04-01 covering 子ども/高齢/困窮/教育/障がい and the
    /// 多機関協働事業者: who is in, who is out.
    static let r1Table: [(agency: AgencyID, attends: Bool)] = [
        ("takikan", true), ("fukushi", true), ("kodomo", true), ("kyoiku", true), ("houkatsu", true),
        ("konkyu", true), ("kikan", true), ("sumai", false), ("kankyo", false), ("outreach", false),
        ("sanka", false), ("hogo", false), ("minsei", false),
    ]

    @Test("R1: a 重層的支援会議 item admits only agencies inside the consent", arguments: r1Table)
    func r1ConsentScope(agency: AgencyID, attends: Bool) throws {
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        #expect(result.meetingKind == .multiAgency)
        #expect(result.attends(agency: agency) == attends)
        if !attends, ["sumai", "kankyo"].contains(agency) {
            let exclusion = try #require(result.exclusions(of: agency).first)
            #expect(exclusion.reason.rules == [.r1, .r15])
            #expect(exclusion.remedy?.action == .widenConsent)
        }
    }

    @Test("R1: the consent of EVERY discussed member must cover the agency")
    func r1EveryDiscussedMember() throws {
        // The uncle's consent of 2026-04-03 leaves out 教育: 教育委員会 may hear about the child
        // but not about the uncle.
        let narrow = ConsentScope(agencies: ["takikan"], fields: [.children, .elderly, .poverty, .disability])
        let file = O.r52(extra: [O.consent("uncle", "2026-04-03", narrow)])
        let childOnly = O.attendance(AttendanceItem(number: 1, caseFile: file, discussedMembers: ["child"]))
        let withUncle = O.attendance(AttendanceItem(number: 2, caseFile: file, discussedMembers: ["child", "uncle"]))
        #expect(childOnly.attends(agency: "kyoiku"))
        #expect(!withUncle.attends(agency: "kyoiku"))
        // Was the message "教育委員会: left out of item 2 — outside the consent of 2026-04-03 given by
        // uncle (R1, R15)"; its words are checked in AttendanceWordingTests (#13.3).
        let kyoiku = try #require(withUncle.exclusions(of: "kyoiku").first)
        #expect(kyoiku.label == "教育委員会" && kyoiku.item == 2)
        #expect(kyoiku.reason == .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-04-03"), givenBy: ["uncle"])]))
        #expect(kyoiku.reason.rules == [.r1, .r15])
    }

    // MARK: - R2

    /// 支援会議 membership variants on the session date 2026-07-28.
    static let r2Table: [(label: String, member: BodyMember?, inScope: Bool, remedy: AttendanceRemedy.Action?)] = [
        ("appointed, acknowledged", O.appointed("p-kikan"), true, nil),
        ("temporary member", O.appointed("p-kikan", temporary: true), true, nil),
        ("appointment ends on the day", O.appointed("p-kikan", endsOn: "2026-07-28"), true, nil),
        ("not a member", nil, false, .appointToSupportMeeting),
        ("no appointment date", BodyMember(person: "p-kikan", confidentialityAcknowledgedOn: O.date("2026-04-01")),
         false, .appointToSupportMeeting),
        ("appointed after the session", BodyMember(person: "p-kikan", appointedOn: O.date("2026-07-29"),
                                                   confidentialityAcknowledgedOn: O.date("2026-07-29")),
         false, .appointToSupportMeeting),
        ("appointment ended the day before", O.appointed("p-kikan", endsOn: "2026-07-27"), false,
         .appointToSupportMeeting),
        ("守秘義務 not acknowledged", BodyMember(person: "p-kikan", appointedOn: O.date("2026-04-01")), false,
         .acknowledgeConfidentiality),
        ("守秘義務 acknowledged after the session", BodyMember(person: "p-kikan", appointedOn: O.date("2026-04-01"),
                                                        confidentialityAcknowledgedOn: O.date("2026-07-29")),
         false, .acknowledgeConfidentiality),
        ("守秘義務 acknowledged on the day", BodyMember(person: "p-kikan", appointedOn: O.date("2026-04-01"),
                                                   confidentialityAcknowledgedOn: O.date("2026-07-28")),
         true, nil),
    ]

    @Test("R2: a 支援会議 item admits only appointed members with 守秘義務 acknowledged", arguments: r2Table)
    func r2Membership(label: String, member: BodyMember?, inScope: Bool, remedy: AttendanceRemedy.Action?) {
        var shien = O.shienBody
        if let member { shien.members.append(member) }
        let file = O.caseFile(involved: ["kikan"], [])  // no member, no consent: 支援会議 (R3, R4)
        let result = O.attendance(AttendanceItem(number: 1, caseFile: file), O.session(shien),
                                  registry: O.registry(bodies: [shien]))
        #expect(result.meetingKind == .supportMeeting, "\(label)")
        #expect(result.attends(agency: "kikan") == inScope, "\(label)")
        let exclusion = result.exclusions(of: "kikan").first
        #expect(exclusion?.remedy?.action == remedy, "\(label)")
        if let exclusion { #expect(exclusion.reason.rules == [.r2, .r15]) }
    }

    // MARK: - R3

    @Test("R3: a case whose consent is withdrawn is discussed as a 支援会議 item")
    func r3WithdrawnConsentGoesToSupportMeeting() {
        let file = O.r52(extra: [.consentWithdrawn(.init(member: "uncle", withdrawnOn: O.date("2026-07-01")))])
        let item = AttendanceItem(number: 1, caseFile: file)
        #expect(file.requiredMeetingKind(on: O.sessionDate) == .supportMeeting)
        #expect(AttendancePlanner.requiredKind(for: item, on: O.sessionDate) == .supportMeeting)
        #expect(AttendancePlanner.requiredKind(for: item, on: O.date("2026-06-30")) == .multiAgency)

        let both = O.session(O.jusoBody, also: O.shienBody)
        let result = O.attendance(item, both)
        #expect(result.meetingKind == .supportMeeting)
        #expect(result.body == "shien")
        // 基幹 and すまい建築課 are not 支援会議 members; the others are.
        #expect(Set(result.attendingAgencies) == ["takikan", "fukushi", "outreach", "houkatsu", "kodomo", "konkyu", "kyoiku"])
        #expect(result.exclusions(of: "kikan").first?.remedy?.action == .appointToSupportMeeting)

        // Placed earlier as 重層的支援会議: the review moves it, or flags it without a 支援会議.
        var placed = item
        placed.meetingKind = .multiAgency
        #expect(AttendancePlanner.reviewConsent(of: placed, in: both).routing == .moveToSupportMeeting)
        let review = AttendancePlanner.reviewConsent(of: placed, in: O.session())
        #expect(review.routing == .flagForSecretariat)
        #expect(review.membersWithoutConsent == ["uncle"])
        #expect(review.reason.rules == [.r1, .r3])
        // Kept as 重層的支援会議 anyway: nobody is in scope and the item is flagged.
        let kept = O.attendance(placed)
        #expect(kept.attendees.isEmpty)
        #expect(kept.hasFlag(.consentMissing))
        #expect(kept.exclusions.allSatisfy { $0.reason.rules.contains(.r3) })
    }

    // MARK: - R4

    @Test("R4: an outreach plan before consent goes to the 支援会議, after consent to 重層的支援会議")
    func r4OutreachBeforeConsent() {
        let plan = CaseEvent.planDrafted(.init(kind: .outreach, draftedOn: O.date("2026-05-01"),
                                               services: [PlanService(agency: "outreach", task: "訪問", statutory: true)]))
        let before = O.caseFile(involved: ["hikikomori"], [plan])
        let item = AttendanceItem(number: 1, caseFile: before)
        #expect(AttendancePlanner.requiredKind(for: item, on: O.sessionDate) == .supportMeeting)
        let inSupportMeeting = O.attendance(item, O.session(O.shienBody))
        #expect(inSupportMeeting.meetingKind == .supportMeeting)
        // The outreach provider drafted the plan: involved, so required (R13), and an appointed member.
        #expect(inSupportMeeting.attendee("p-outreach")?.role == .required)
        #expect(inSupportMeeting.attendee("p-outreach")?.rules.contains(.r2) == true)

        let uncle = HouseholdMember(key: "uncle", relation: "本人", isPrincipal: true)
        let after = O.caseFile(involved: ["hikikomori"], [
            plan, .memberAdded(uncle),
            O.consent("uncle", "2026-07-01", ConsentScope(agencies: ["takikan", "fukushi", "outreach", "hikikomori"])),
        ])
        let consented = AttendanceItem(number: 1, caseFile: after, meetingKind: .supportMeeting)
        #expect(AttendancePlanner.requiredKind(for: consented, on: O.sessionDate) == .multiAgency)
        let review = AttendancePlanner.reviewConsent(of: consented, in: O.session(O.shienBody))
        #expect(review.routing == .flagForSecretariat)
        #expect(review.reason.rules == [.r4])
        let multi = O.attendance(AttendanceItem(number: 1, caseFile: after))
        #expect(multi.meetingKind == .multiAgency)
        #expect(multi.attendingAgencies == ["takikan", "fukushi", "outreach", "hikikomori"])
    }

    // MARK: - R5

    @Test("R5-a: joint holding with the same members — the consent must cover every member")
    func r5SameMembers() throws {
        let joint = JointHolding(body: O.careMeeting, sharing: .sameMembers)
        let item = AttendanceItem(number: 1, caseFile: O.r52(), discussedMembers: ["grandmother"])
        let result = O.attendance(item, O.session(joint: joint))
        // 地域包括 and the care manager are covered through 高齢; the 民生委員 (地域) is not.
        #expect(result.attendee("p-caremgr")?.role == .required)
        #expect(result.attendee("p-caremgr")?.rules.contains(.r5) == true)
        #expect(result.attendee("p-houkatsu")?.rules.contains(.r5) == true)
        #expect(result.attendee("p-minsei") == nil)
        let minsei = try #require(result.exclusions(of: "minsei").first)
        // Was "民生委員 安里: left out of item 1 — member of 地域ケア会議, held as one meeting — outside
        // the consent of 2026-04-01 (R5, R1, R15)".
        #expect(minsei.label == "民生委員 安里" && minsei.item == 1)
        #expect(minsei.reason == .jointBodyMember(
            body: O.careMeeting.named, standing: .heldAsOneMeeting,
            because: .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-04-01"), givenBy: [])])))
        #expect(minsei.reason.rules == [.r5, .r1, .r15])
        #expect(minsei.remedy?.action == .appointTemporaryMember)
        #expect(result.hasFlag(.jointMembersOutOfScope))

        // With the 民生委員 named in the grandmother's consent, the joint meeting is whole.
        let wide = ConsentScope(agencies: ["takikan", "minsei"], fields: O.r52Scope.fields)
        let covered = AttendanceItem(number: 1, caseFile: O.r52(extra: [O.consent("grandmother", "2026-07-01", wide)]),
                                     discussedMembers: ["grandmother"])
        let whole = O.attendance(covered, O.session(joint: joint))
        #expect(whole.attendee("p-minsei")?.role == .required)
        #expect(!whole.hasFlag(.jointMembersOutOfScope))
    }

    @Test("R5-b: partly shared members — the other body's members stay only inside the scope")
    func r5PartlyShared() throws {
        let joint = JointHolding(body: O.careMeeting, sharing: .partlyShared)
        let item = AttendanceItem(number: 2, caseFile: O.r52(), discussedMembers: ["grandmother"])
        let result = O.attendance(item, O.session(joint: joint))
        #expect(result.attendee("p-caremgr")?.role == .optional)
        #expect(result.attendee("p-houkatsu")?.role == .required)  // involved in the case (R13)
        let minsei = try #require(result.exclusions(of: "minsei").first)
        // Was "民生委員 安里: left out of item 2 — member of 地域ケア会議 only — outside the consent of
        // 2026-04-01 (R5, R1, R15)".
        #expect(minsei.label == "民生委員 安里" && minsei.item == 2)
        #expect(minsei.reason == .jointBodyMember(
            body: O.careMeeting.named, standing: .jointBodyOnly,
            because: .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-04-01"), givenBy: [])])))
        #expect(minsei.reason.rules == [.r5, .r1, .r15])
        // The remedy names both ways in: a 臨時構成員 appointment of the person to the 重層的支援会議
        // before the session, or consent to share with the agency.
        #expect(minsei.remedy?.action == .appointTemporaryMember)
        #expect(minsei.remedy == .appointTemporaryMember(person: Named("p-minsei", "安里"), body: O.jusoBody.named,
                                                         agency: Named("minsei", "民生委員")))
        #expect(!result.hasFlag(.jointMembersOutOfScope))
        #expect(result.jointBody == "care" && result.jointSharing == .partlyShared)
    }

    @Test("R5: a member of the other body only sits at the case part once appointed 臨時構成員 before the session, or inside the consent")
    func r5TemporaryMemberOrConsentSeats() {
        let joint = JointHolding(body: O.careMeeting, sharing: .partlyShared)
        let item = AttendanceItem(number: 2, caseFile: O.r52(), discussedMembers: ["grandmother"])
        // Appointed 臨時構成員 of the 重層的支援会議 before the session: seated, and the reason names R5.
        var juso = O.jusoBody
        juso.members.append(BodyMember(person: "p-minsei", appointedOn: O.date("2026-07-20"), temporary: true))
        let appointed = O.attendance(item, O.session(juso, joint: joint), registry: O.registry(bodies: [juso, O.shienBody, O.careMeeting]))
        #expect(appointed.attendee("p-minsei")?.rules.contains(.r5) == true)
        #expect(appointed.attendee("p-minsei")?.reasons.last
            == .temporaryMemberBeforeSession(body: juso.named, appointedOn: O.date("2026-07-20")))
        // Appointed only after the session: still left out.
        var late = O.jusoBody
        late.members.append(BodyMember(person: "p-minsei", appointedOn: O.date("2026-07-29"), temporary: true))
        let tooLate = O.attendance(item, O.session(late, joint: joint), registry: O.registry(bodies: [late, O.shienBody, O.careMeeting]))
        #expect(tooLate.attendee("p-minsei") == nil)
        // Inside the consent: seated.
        let wide = ConsentScope(agencies: ["minsei"], fields: O.r52Scope.fields)
        let covered = AttendanceItem(number: 2, caseFile: O.r52(extra: [O.consent("grandmother", "2026-07-01", wide)]),
                                     discussedMembers: ["grandmother"])
        #expect(O.attendance(covered, O.session(joint: joint)).attendee("p-minsei") != nil)
    }

    @Test("R5: a series serving a 重層的支援会議 body and an existing body is held jointly; the case part names R5")
    func r5SeriesDeclaredJoint() throws {
        let registry = O.registry()
        let session = Session(id: "joint-2026-07-28", kind: .regular, seriesUID: "s", title: "合同会議",
                              bodies: ["juso", "care"], date: O.sessionDate, start: TimeOfDay(minutes: 840),
                              end: TimeOfDay(minutes: 960), capacity: 4, minutesPerItem: 30, location: nil, onlineURL: nil)
        let sitting = try #require(session.attendanceSession(registry: registry))
        #expect(sitting.joint?.body.id == "care" && sitting.joint?.sharing == .partlyShared)
        let item = ScheduledItem(triggerID: "R5-2#9", caseNumber: "R5-2", sessionID: session.id, position: 0,
                                 start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870), meetingKind: .multiAgency,
                                 dueOn: O.sessionDate, reason: "")
        let file = O.caseFile(involved: ["houkatsu"], [.memberAdded(O.members[3]), O.consent("grandmother", "2026-04-01", O.r52Scope)])
        let attendance = try #require(session.attendance(of: item, caseFile: file, registry: registry))
        let minsei = try #require(attendance.exclusions(of: "minsei").first)
        #expect(minsei.reason.rules.contains(.r5))
        // An item whose joint holding the secretariat accepted sits with the existing body too.
        var accepted = item
        accepted.jointBody = "care"
        let care = Session(id: "care-2026-07-28", kind: .regular, seriesUID: "c", title: "地域ケア会議", bodies: ["care"],
                           date: O.sessionDate, start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 960), capacity: 4,
                           minutesPerItem: 30, location: nil, onlineURL: nil)
        #expect(care.attendance(of: item, caseFile: file, registry: registry) == nil)
        let joined = try #require(care.attendance(of: accepted, caseFile: file, registry: registry))
        #expect(joined.jointBody == "care" && joined.body == "juso")
        #expect(joined.exclusions(of: "minsei").first?.reason.rules.contains(.r5) == true)
    }

    @Test("R5: in a joint 支援会議 the other body's members need a (temporary) appointment")
    func r5JointSupportMeetingNeedsTemporaryAppointment() {
        let joint = JointHolding(body: O.careMeeting, sharing: .partlyShared)
        let file = O.caseFile(involved: ["houkatsu"], [])
        let item = AttendanceItem(number: 1, caseFile: file)
        let without = O.attendance(item, O.session(O.shienBody, joint: joint))
        #expect(without.attendee("p-caremgr") == nil)
        #expect(without.exclusions(of: "caremgr").first?.remedy?.action == .appointToSupportMeeting)

        var shien = O.shienBody
        shien.members.append(O.appointed("p-caremgr", temporary: true))
        let with = O.attendance(item, O.session(shien, joint: joint), registry: O.registry(bodies: [shien]))
        #expect(with.attendee("p-caremgr") != nil)
        guard case .appointedMember(let body, _, let temporary, _)? = with.attendee("p-caremgr")?.reasons.last else {
            Issue.record("p-caremgr is not seated as an appointed member")
            return
        }
        #expect(body == shien.named && temporary)
    }

    @Test("R5: a joint body that is not an existing body is flagged")
    func r5JointBodyMustBeExisting() {
        let joint = JointHolding(body: O.shienBody, sharing: .partlyShared)
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()), O.session(joint: joint))
        #expect(result.hasFlag(.jointBodyNotExisting))
    }

    // MARK: - R10

    @Test("R10: the 多機関協働事業者 hosts and chairs")
    func r10Chair() throws {
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        let chair = try #require(result.chair)
        #expect(chair.person == "p-takikan")
        #expect(chair.rules.first == .r10)
        #expect(result.attendees.first == chair)
        #expect(result.attendees.filter { $0.role == .chair }.count == 1)
    }

    @Test("R1a: the host and municipal staff are inside every consent, even one naming only 子ども; the item has its chair")
    func r1aHostAndMunicipalityInsideConsent() throws {
        let childOnly = ConsentScope(fields: [.children])
        let file = O.caseFile(involved: ["kodomo"], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", childOnly)])
        let result = O.attendance(AttendanceItem(number: 3, caseFile: file))
        let chair = try #require(result.chair)
        #expect(chair.person == "p-takikan")
        #expect(chair.rules.contains(.r1a))
        #expect(result.attendee("p-fukushi")?.rules.contains(.r1a) == true)
        #expect(!result.hasFlag(.chairOutOfScope) && !result.hasFlag(.municipalityOutOfScope))
        #expect(result.lawBlockers.isEmpty)
        // Other agencies stay outside a consent that does not name them (R15).
        #expect(result.attendee("p-houkatsu") == nil)
    }

    @Test("R1a: without any consent in force the host is not inside it: the item is a 支援会議 item (R3)")
    func r1aNeedsAConsent() {
        let file = O.caseFile(involved: [], [.memberAdded(O.members[1])])
        let forced = O.attendance(AttendanceItem(number: 1, caseFile: file, meetingKind: .multiAgency))
        #expect(forced.chair == nil)
        #expect(!forced.lawBlockers.isEmpty)
    }

    @Test("R1a: the remedy never asks a family to tick the internal 包括 field")
    func r1aRemedyWithoutInternalField() throws {
        var agencies = O.agencies
        agencies.append(Agency(id: "shakyo2", name: "地区社協", field: .general, kind: .contracted, mailbox: "s2@example.jp"))
        let people = O.people + [Person(id: "p-s2", name: "宮里", mailbox: "miyazato@example.jp", agency: "shakyo2", title: "")]
        let registry = O.registry(agencies: agencies, people: people)
        let childOnly = ConsentScope(fields: [.children])
        let file = O.caseFile(involved: ["shakyo2"], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", childOnly)])
        let result = O.attendance(AttendanceItem(number: 1, caseFile: file), registry: registry)
        let remedy = try #require(result.exclusions(of: "shakyo2").first?.remedy)
        // The agency by name, and no field: 包括 is never asked for (its words: AttendanceWordingTests).
        #expect(remedy == .widenConsent(members: ["child"], agency: Named("shakyo2", "地区社協"), field: nil))
    }

    @Test("R10: the host is the 多機関協働事業者 involved in the case when there are several")
    func r10HostPrefersInvolvedCoordinator() {
        var agencies = O.agencies
        agencies.append(Agency(id: "takikan2", name: "第二多機関協働事業者", field: .poverty, kind: .contracted,
                               mailbox: "t2@example.jp", roles: [.coordinator]))
        let people = O.people + [Person(id: "p-t2", name: "喜屋武", mailbox: "k@example.jp", agency: "takikan2", title: "")]
        let registry = O.registry(agencies: agencies, people: people)
        let file = O.caseFile(involved: ["takikan2"], [])
        #expect(AttendancePlanner.host(for: file, in: registry)?.id == "takikan2")
        #expect(AttendancePlanner.host(for: O.r52(), in: registry)?.id == "takikan")
        #expect(AttendancePlanner.host(for: file, in: Registry(agencies: [], people: [])) == nil)
        let none = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()), registry: Registry(agencies: O.agencies.filter {
            !$0.holds(.coordinator)
        }, people: O.people, bodies: [O.jusoBody]))
        #expect(none.hasFlag(.noChair))
    }

    // MARK: - R11

    @Test("R11: municipal staff attend every 重層的支援会議 item as required participants")
    func r11Municipality() throws {
        for discussed in [["mother"], ["child"], ["uncle", "grandmother"], O.members.map(\.key)] {
            let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52(), discussedMembers: discussed))
            let staff = try #require(result.attendee("p-fukushi"))
            #expect(staff.role == .required)
            #expect(staff.rules.contains(.r11))
        }
        // R1a: inside a consent that does not name them.
        let scope = ConsentScope(agencies: ["kodomo"], fields: [.children])
        let file = O.caseFile(involved: [], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", scope)])
        let result = O.attendance(AttendanceItem(number: 1, caseFile: file))
        #expect(result.attendee("p-fukushi")?.role == .required)
        #expect(!result.hasFlag(.municipalityOutOfScope))
        let noCity = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()),
                                  registry: O.registry(agencies: O.agencies.filter { !$0.holds(.municipality) }))
        #expect(noCity.hasFlag(.noMunicipality))
    }

    // MARK: - R12

    @Test("R12: アウトリーチ等 and 参加支援 providers are optional participants")
    func r12Providers() throws {
        let scope = ConsentScope(agencies: ["takikan", "outreach", "sanka"], fields: [.poverty, .children])
        let file = O.caseFile(involved: ["kodomo"], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", scope)])
        let result = O.attendance(AttendanceItem(number: 1, caseFile: file))
        #expect(result.attendee("p-outreach")?.role == .optional)
        #expect(result.attendee("p-sanka")?.role == .optional)
        #expect(result.attendee("p-sanka")?.rules.first == .r12)
        // Outside the consent they are left out without a remedy (they are not required).
        let narrow = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        let sanka = try #require(narrow.exclusions(of: "sanka").first)
        #expect(sanka.wouldBe == .optional)
        #expect(sanka.remedy == nil)
        // Involved in the plan, a provider is required (R13).
        let plan = CaseEvent.planDrafted(.init(kind: .participation, draftedOn: O.date("2026-05-01"),
                                               services: [PlanService(agency: "sanka", task: "居場所", statutory: true)]))
        let planned = O.caseFile(involved: [], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", scope), plan])
        #expect(O.attendance(AttendanceItem(number: 1, caseFile: planned)).attendee("p-sanka")?.role == .required)
    }

    // MARK: - R13

    @Test("R13: involved agencies are required; one that left the case is not invited")
    func r13Involved() {
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        for agency in ["kodomo", "kyoiku", "houkatsu", "konkyu", "kikan"] {
            #expect(result.attendees.first { $0.agency == agency }?.role == .required, "\(agency)")
        }
        #expect(!result.attends(agency: "hogo"))  // not involved, no role: not a candidate at all
        #expect(result.exclusions(of: "hogo").isEmpty)
        let left = O.r52(extra: [.agencyLeft(.init(agency: "kikan", on: O.date("2026-07-01")))])
        let after = O.attendance(AttendanceItem(number: 1, caseFile: left))
        #expect(!after.attends(agency: "kikan"))
        #expect(after.exclusions(of: "kikan").isEmpty)
    }

    @Test("R13: local people (民生委員) only when involved or asked, and only inside the consent")
    func r13LocalPeople() {
        let withMinsei = ConsentScope(agencies: ["takikan", "minsei"], fields: O.r52Scope.fields)
        let outside = O.attendance(AttendanceItem(number: 1, caseFile: O.r52(), invitedAgencies: ["minsei"]))
        #expect(!outside.attends(agency: "minsei"))
        #expect(outside.exclusions(of: "minsei").first?.remedy == nil)
        let covered = O.r52(extra: O.members.map { O.consent($0.key, "2026-07-01", withMinsei) })
        let notAsked = O.attendance(AttendanceItem(number: 1, caseFile: covered))
        #expect(!notAsked.attends(agency: "minsei"))  // small meetings: not invited unless asked or involved
        let asked = O.attendance(AttendanceItem(number: 1, caseFile: covered, invitedAgencies: ["minsei"]))
        #expect(asked.attendee("p-minsei")?.role == .optional)
        let joined = covered.attendanceAppending(.agencyJoined(.init(agency: "minsei", on: O.date("2026-07-02"))))
        let involved = O.attendance(AttendanceItem(number: 1, caseFile: joined))
        #expect(involved.attendee("p-minsei")?.role == .optional)
        #expect(involved.attendee("p-minsei")?.rules.contains(.r13) == true)
    }

    // MARK: - R14

    @Test("R14: the person attends only when the case file says it helps them, by member key only")
    func r14Principal() throws {
        let plain = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        #expect(plain.principal == nil)
        let helps = O.r52(extra: [.principalAttendance(.init(attends: true, on: O.date("2026-07-01")))])
        let result = O.attendance(AttendanceItem(number: 1, caseFile: helps))
        #expect(result.principal == "mother")
        #expect(result.attendees.allSatisfy { $0.agency != "mother" && $0.person != "mother" })
        // Not at a 支援会議 item: only appointed members take part (R2).
        let shien = O.attendance(AttendanceItem(number: 1, caseFile: helps, meetingKind: .supportMeeting),
                                 O.session(O.shienBody))
        #expect(shien.principal == nil)
        let withdrawn = helps.attendanceAppending(.principalAttendance(.init(attends: false, on: O.date("2026-07-10"))))
        #expect(O.attendance(AttendanceItem(number: 1, caseFile: withdrawn)).principal == nil)
    }

    // MARK: - R15

    @Test("R15: every attendee passes the scope check; everyone else is explained", arguments: [
        MeetingKind.multiAgency, .supportMeeting,
    ])
    func r15EveryAttendeeInScope(kind: MeetingKind) {
        let file = O.r52(extra: [O.consent("grandmother", "2026-06-01", ConsentScope(fields: [.elderly, .poverty]))])
        let session = O.session(O.jusoBody, also: O.shienBody, joint: JointHolding(body: O.careMeeting, sharing: .partlyShared))
        let registry = O.registry()
        let item = AttendanceItem(number: 1, caseFile: file, meetingKind: kind, invitedAgencies: ["minsei", "hogo"])
        let result = AttendancePlanner.attendance(for: item, in: session, registry: registry)
        #expect(!result.attendees.isEmpty)
        for attendee in result.attendees {
            let person = registry.person(attendee.person)!
            let query = ScopeQuery(person: person, agency: registry.agency(person.agency)!, kind: kind, date: session.date,
                                   caseFile: file, discussed: item.discussed, body: session.body(for: kind))
            #expect(AttendanceScope.verdict(for: query).isInside, "\(attendee.person)")
            #expect(attendee.rules.contains(.r15))
        }
        for exclusion in result.exclusions {
            #expect(exclusion.reason.rules.contains(.r15) || exclusion.reason.rules == [.r13], "\(exclusion)")
            #expect(result.attendee(exclusion.person ?? "") == nil)
        }
    }
}

extension CaseFile {
    /// The case file with one more event applied.
    func attendanceAppending(_ event: CaseEvent) -> CaseFile {
        var copy = self
        copy.apply(event, seq: lastSeq + 1)
        return copy
    }
}

@Suite("One chair per item (R10)")
struct SingleChairTests {
    @Test("R10: when the host sends two members, only the first chairs; the other is a required participant")
    func r10OneChair() throws {
        let registry = Registry(
            agencies: [
                Agency(id: "shakyo", name: "社協", field: .general, kind: .contracted, mailbox: "s@x.jp", roles: [.coordinator]),
                Agency(id: "city", name: "市", field: .general, kind: .municipal, mailbox: "c@x.jp", roles: [.municipality]),
            ],
            people: [
                Person(id: "s1", name: "推進員A", mailbox: "s1@x.jp", agency: "shakyo", title: ""),
                Person(id: "s2", name: "推進員B", mailbox: "s2@x.jp", agency: "shakyo", title: ""),
                Person(id: "c1", name: "職員", mailbox: "c1@x.jp", agency: "city", title: ""),
            ],
            bodies: [MeetingBody(id: "jusou", name: "重層的支援会議", kind: .multiAgency,
                                 members: [BodyMember(person: "s1"), BodyMember(person: "s2"), BodyMember(person: "c1")])])
        var log = TriggerCaseLog("R8-9", openedOn: "2026-04-01")
        log.append(.memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)))
        log.append(.consentGranted(.init(member: "m1", grantedOn: triggerDay("2026-04-02"),
                                         scope: ConsentScope(fields: [.general]), formReference: "F")))
        let attendance = AttendancePlanner.attendance(
            for: AttendanceItem(number: 1, caseFile: log.file),
            in: AttendanceSession(date: triggerDay("2026-05-13"), body: try #require(registry.body("jusou"))),
            registry: registry)
        #expect(attendance.attendees.filter { $0.role == .chair }.map(\.person) == ["s1"])
        #expect(attendance.attendee("s2")?.role == .required)
    }
}

/// Rules written once (#13 "rules in the wrong layer"): the R3 meeting kind and "the appointment
/// covers the date" each have one function that every caller asks.
@Suite("Rules written once (#13)")
struct RulesWrittenOnceTests {
    typealias O = OkinawaAttendance

    @Test("R3: the case's meeting kind is the kind of an item discussing every member, on every day", arguments: [
        "2026-03-31", "2026-04-01", "2026-06-30", "2026-07-01", "2026-07-28",
    ])
    func r3OneRule(day: String) {
        let file = O.r52(extra: [.consentWithdrawn(.init(member: "uncle", withdrawnOn: O.date("2026-07-01")))])
        let date = O.date(day)
        let item = AttendanceItem(number: 1, caseFile: file)
        #expect(file.requiredMeetingKind(on: date) == AttendancePlanner.requiredKind(for: item, on: date))
        #expect(file.requiredMeetingKind(on: date) == file.requiredMeetingKind(discussing: file.members.map(\.key), on: date))
        // Leaving out the member who withdrew makes the item a 重層的支援会議 item again (R1, R3).
        let others = file.members.map(\.key).filter { $0 != "uncle" }
        #expect(AttendancePlanner.requiredKind(for: AttendanceItem(number: 1, caseFile: file, discussedMembers: others), on: date)
            == (date >= O.date("2026-04-01") ? .multiAgency : .supportMeeting))
        #expect(file.requiredMeetingKind(discussing: [], on: date) == .supportMeeting)  // R4: nobody discussed
        #expect(file.membersWithoutConsent(file.members.map(\.key), on: date).contains("uncle") == (date >= O.date("2026-07-01")
            || date < O.date("2026-04-01")))
    }

    @Test("R2, R5: an appointment covers the days from its start through its last day; no start date is open",
          arguments: [
              (nil, nil, "2026-07-28", true, false), ("2026-04-01", nil, "2026-03-31", false, false),
              ("2026-04-01", nil, "2026-04-01", true, true), ("2026-04-01", "2026-07-28", "2026-07-28", true, true),
              ("2026-04-01", "2026-07-27", "2026-07-28", false, false), (nil, "2026-07-27", "2026-07-28", false, false),
          ] as [(String?, String?, String, Bool, Bool)])
    func appointmentCovers(appointed: String?, ends: String?, day: String, covers: Bool, appointedOn: Bool) {
        let member = BodyMember(person: "p", appointedOn: appointed.map(O.date), appointmentEndsOn: ends.map(O.date))
        #expect(member.appointmentCovers(O.date(day)) == covers)
        #expect(member.isAppointed(on: O.date(day)) == appointedOn)
        // Joint holding judges "same members" by the same rule.
        let body = MeetingBody(id: "b", name: "b", kind: .communityCare, members: [member])
        let own = MeetingBody(id: "o", name: "o", kind: .multiAgency, members: [BodyMember(person: "p")])
        #expect(JointHolding.between(own, and: body, on: O.date(day)).sharing == (covers ? .sameMembers : .partlyShared))
    }
}
