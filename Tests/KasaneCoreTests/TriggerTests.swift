import KasaneCore
import Testing

/// Mandatory meeting triggers (R3, R4, R6–R9) derived from case files.
@Suite("Triggers")
struct TriggerTests {
    // MARK: - R1b: consent for a child

    @Test("R1b: a child without consent makes the item a 支援会議 item, and the explanation names the child")
    func r1bChildWithoutConsentNamed() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.append(.memberAdded(HouseholdMember(key: "m2", relation: "子", isPrincipal: false)))
        log.draft(on: "2026-04-10")
        let trigger = try #require(log.open(on: "2026-04-15").first)
        #expect(trigger.meetingKind == .supportMeeting && trigger.meetingBasis == .noConsent)
        #expect(trigger.membersWithoutConsent == ["m2"])
        #expect(trigger.meetingExplanation == MeetingExplanation(basis: .noConsent, membersWithoutConsent: ["m2"]))
    }

    @Test("R1b: a parent's consent on behalf of the child is recorded with who gave it, and makes the item a 重層的支援会議 item")
    func r1bGuardianConsent() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.append(.memberAdded(HouseholdMember(key: "m2", relation: "子", isPrincipal: false)))
        log.draft(on: "2026-04-10")
        let registry = Registry(agencies: [], people: [])
        func grant(by guardian: MemberKey) -> CaseEvent {
            .consentGranted(CaseEvent.ConsentGranted(member: "m2", grantedOn: triggerDay("2026-04-12"),
                                                     scope: ConsentScope(fields: [.children]), formReference: "同意書-2",
                                                     givenBy: guardian))
        }
        // The guardian must be another member on record.
        for bad in ["m9", "m2"] {
            #expect(throws: CaseFileError.guardianUnknown(log.file.number, member: "m2", guardian: bad)) {
                try log.file.validate(grant(by: bad), registry: registry, today: triggerDay("2026-04-15"))
            }
        }
        try log.file.validate(grant(by: "m1"), registry: registry, today: triggerDay("2026-04-15"))
        log.append(grant(by: "m1"))
        #expect(log.file.consent(of: "m2", on: triggerDay("2026-04-15"))?.givenBy == "m1")
        let trigger = try #require(log.open(on: "2026-04-15").first)
        #expect(trigger.meetingKind == .multiAgency && trigger.membersWithoutConsent.isEmpty)
    }

    // MARK: - R6: the four mandatory moments

    @Test("R6-1 プラン策定時: a first plan needs a 重層的支援会議 within 30 days")
    func r6PlanDrafted() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        let triggers = log.open(on: "2026-04-15")
        let trigger = try #require(triggers.first)
        #expect(triggers.count == 1)
        #expect(trigger.id == "R8-3#\(plan)")
        #expect(trigger.kind == .planDrafted)
        #expect(trigger.kind.rule == "R6-1")
        #expect(trigger.planKind == .multiAgency)
        #expect(trigger.planVersion == 1)
        #expect(trigger.meetingKind == .multiAgency)
        #expect(trigger.meetingBasis == .consent)
        #expect(trigger.formalMeetingRequired)
        #expect(trigger.raisedOn == triggerDay("2026-04-10"))
        #expect(trigger.notBefore == triggerDay("2026-04-10"))
        #expect(trigger.dueOn == triggerDay("2026-05-08"))  // 2026-05-10 is a Sunday
        #expect(trigger.sourceEvent == plan)
        #expect(trigger.agenda == ["本人の目標・支援方針・プラン内容（アセスメント結果に基づく）", "各支援関係機関の役割分担の確認", "モニタリングの時期の検討"])
    }

    @Test("R6-2 再プラン策定時: revising an approved plan raises a re-plan meeting")
    func r6PlanRevised() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let v1 = log.draft(on: "2026-04-10")
        log.decide(v1, .planApproved, on: "2026-04-22")
        let v2 = log.revise(on: "2026-06-01")
        let trigger = try #require(log.open(on: "2026-06-02").first)
        #expect(trigger.kind == .planRevised)
        #expect(trigger.kind.rule == "R6-2")
        #expect(trigger.planVersion == 2)
        #expect(trigger.sourceEvent == v2)
        #expect(trigger.dueOn == triggerDay("2026-07-01"))
        #expect(trigger.agenda == ["本人の状況変化の確認・評価", "現プランの評価", "再プラン内容の確認（プラン策定時と同様）"])
    }

    @Test("R6-3 支援終結の判断時: an end proposal raises the ending meeting")
    func r6EndProposed() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        log.decide(plan, .planApproved, on: "2026-04-22")
        log.contact(on: "2026-09-01", reached: true)
        let proposal = log.proposeEnd(on: "2026-09-10")
        let triggers = log.open(on: "2026-09-11")
        let trigger = try #require(triggers.first)
        #expect(triggers.count == 1)
        #expect(trigger.kind == .endProposed)
        #expect(trigger.kind.rule == "R6-3")
        #expect(trigger.planKind == nil)
        #expect(trigger.sourceEvent == proposal)
        #expect(trigger.meetingKind == .multiAgency)
        #expect(trigger.dueOn == triggerDay("2026-10-09"))  // 2026-10-10 is a Saturday
        #expect(trigger.agenda.contains("フォローアップの必要性と方法の確認"))
    }

    @Test("R6-4 支援中断の決定時 and R8: contact lost for more than 90 days, with the attempts on record")
    func r6ContactLostR8() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        log.decide(plan, .planApproved, on: "2026-04-22")
        log.contact(on: "2026-05-01", reached: true, method: .interview)
        log.contact(on: "2026-04-20", reached: false, method: .phone)  // before the last reach: not listed
        log.contact(on: "2026-05-20", reached: false, method: .phone)
        log.contact(on: "2026-06-15", reached: false, method: .visit)
        let last = log.contact(on: "2026-07-10", reached: false, method: .viaAgency)
        // 2026-05-01 + 91 days = 2026-07-31: the first day past the limit.
        #expect(log.open(on: "2026-07-30").isEmpty)
        let trigger = try #require(log.open(on: "2026-07-31").first)
        #expect(trigger.kind == .contactLost)
        #expect(trigger.kind.rule == "R6-4")
        #expect(trigger.raisedOn == triggerDay("2026-07-31"))
        #expect(trigger.dueOn == triggerDay("2026-08-14"))
        #expect(trigger.sourceEvent == last)
        #expect(trigger.lastReachedOn == triggerDay("2026-05-01"))
        #expect(trigger.contactAttempts.map(\.method) == [.phone, .visit, .viaAgency])
        #expect(trigger.contactAttempts.allSatisfy { !$0.reached })
        #expect(trigger.agenda == ["本人との連絡が完全に取れなくなった状況の確認", "支援中断の決定"])
    }

    // MARK: - R3, R4: 支援会議 without consent

    @Test("R3: without consent in force the item goes to 支援会議", arguments: [
        ("no member on record", nil as String?, nil as String?),
        ("member without consent", "none", nil),
        ("consent withdrawn", "2026-04-02", "2026-04-20"),
    ])
    func r3NoConsent(_ label: String, consentOn: String?, withdrawnOn: String?) throws {
        var log = TriggerCaseLog()
        if let consentOn { log.principal(consentOn: consentOn == "none" ? nil : consentOn) }
        log.proposeEnd(on: "2026-04-10")
        if let withdrawnOn { log.withdraw(on: withdrawnOn) }
        let trigger = try #require(log.open(on: "2026-04-25").first, "\(label)")
        #expect(trigger.meetingKind == .supportMeeting, "\(label)")
        #expect(trigger.meetingBasis == .noConsent, "\(label)")
    }

    @Test("R3: consent given after the plan was drafted moves the coming meeting to 重層的支援会議")
    func r3ConsentAfterDrafting() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: nil)
        log.draft(on: "2026-04-10")
        #expect(log.open(on: "2026-04-12").first?.meetingKind == .supportMeeting)
        log.consent(on: "2026-04-15")
        #expect(log.open(on: "2026-04-16").first?.meetingKind == .multiAgency)
    }

    @Test("R4: an アウトリーチ等 plan drafted before consent goes to 支援会議; after consent its re-plan goes to 重層的支援会議")
    func r4OutreachBeforeConsent() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: nil)
        let v1 = log.draft(.outreach, on: "2026-04-10")
        log.consent(on: "2026-04-15")
        let first = try #require(log.open(on: "2026-04-16").first)
        #expect(first.sourceEvent == v1)
        #expect(first.meetingKind == .supportMeeting)
        #expect(first.meetingBasis == .outreachBeforeConsent)
        log.decide(v1, .planApproved, on: "2026-04-20")
        let v2 = log.revise(.outreach, on: "2026-05-10")
        let second = try #require(log.open(on: "2026-05-11").first)
        #expect(second.sourceEvent == v2)
        #expect(second.kind == .planRevised)
        #expect(second.meetingKind == .multiAgency)
        #expect(second.meetingBasis == .consent)
    }

    @Test("R4 applies to アウトリーチ等 plans only: a 多機関協働 plan follows the consents of today (R3)")
    func r4OnlyOutreach() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: nil)
        log.draft(.multiAgency, on: "2026-04-10")
        log.consent(on: "2026-04-15")
        let trigger = try #require(log.open(on: "2026-04-16").first)
        #expect(trigger.meetingKind == .multiAgency)
    }

    // MARK: - R7: monitoring

    @Test("R7: the monitoring date a plan meeting set raises a review, due that day, open 14 days before")
    func r7Monitoring() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        log.contact(on: "2026-06-01", reached: true)
        let decision = log.decide(plan, .planApproved, on: "2026-04-20", monitoringOn: "2026-07-21")
        let trigger = try #require(log.open(on: "2026-04-21").first)
        #expect(trigger.kind == .monitoring)
        #expect(trigger.kind.rule == "R7")
        #expect(!trigger.formalMeetingRequired)
        #expect(trigger.planKind == .multiAgency)
        #expect(trigger.sourceEvent == decision)
        #expect(trigger.raisedOn == triggerDay("2026-04-20"))
        #expect(trigger.notBefore == triggerDay("2026-07-07"))
        #expect(trigger.dueOn == triggerDay("2026-07-21"))
        #expect(trigger.meetingKind == .multiAgency)
        #expect(trigger.agenda == ["支援の実施状況の確認", "プランの評価", "次回モニタリング時期の検討"])

        // The review is recorded as a decision on the monitoring trigger and sets the next one.
        let review = log.decide(decision, .monitoringReviewed, on: "2026-07-15", monitoringOn: "2026-10-20")
        let next = try #require(log.open(on: "2026-07-16").first)
        #expect(next.sourceEvent == review)
        #expect(next.planKind == .multiAgency)
        #expect(next.dueOn == triggerDay("2026-10-20"))
        log.decide(review, .monitoringReviewed, on: "2026-07-30")
        #expect(log.open(on: "2026-07-30").isEmpty)
    }

    @Test("R7: a re-plan replaces the pending monitoring review of that plan kind")
    func r7ReplanReplacesMonitoring() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let v1 = log.draft(on: "2026-04-10")
        log.decide(v1, .planApproved, on: "2026-04-20", monitoringOn: "2026-07-21")
        let v2 = log.revise(on: "2026-05-01")
        let triggers = log.open(on: "2026-05-02")
        #expect(triggers.map(\.sourceEvent) == [v2])
    }

    // MARK: - R9: 参加支援

    @Test("R9: the first 参加支援 plan meeting judges necessity; once approved, re-plans do not")
    func r9ParticipationNecessity() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let v1 = log.draft(.participation, on: "2026-04-10")
        let first = try #require(log.open(on: "2026-04-11").first)
        #expect(first.judgesParticipationNecessity)
        #expect(first.meetingKind == .multiAgency)
        log.decide(v1, .planSentBack, on: "2026-04-22")
        let v2 = log.revise(.participation, on: "2026-05-01")
        let second = try #require(log.open(on: "2026-05-02").first)
        #expect(second.sourceEvent == v2)
        #expect(second.kind == .planRevised)
        #expect(second.judgesParticipationNecessity)  // sent back: necessity not yet judged
        log.decide(v2, .planApproved, on: "2026-05-20")
        log.revise(.participation, on: "2026-06-10")
        let third = try #require(log.open(on: "2026-06-11").first)
        #expect(!third.judgesParticipationNecessity)
    }

    @Test("R9: without consent a 支援会議 takes the 参加支援 plan but cannot judge its necessity")
    func r9ParticipationWithoutConsent() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: nil)
        log.draft(.participation, on: "2026-04-10")
        let trigger = try #require(log.open(on: "2026-04-11").first)
        #expect(trigger.meetingKind == .supportMeeting)
        #expect(!trigger.judgesParticipationNecessity)
        #expect(Triggers.open(in: log.file, calendar: BusinessCalendar(), today: triggerDay("2026-04-11"))
            .allSatisfy { $0.planKind != .multiAgency })
    }

    @Test("R9 applies to 参加支援 only")
    func r9OnlyParticipation() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.draft(.multiAgency, on: "2026-04-10")
        log.draft(.outreach, on: "2026-04-10")
        let triggers = log.open(on: "2026-04-11")
        #expect(triggers.count == 2)
        #expect(triggers.allSatisfy { !$0.judgesParticipationNecessity })
    }

    // MARK: - Satisfaction by decisions

    @Test("A trigger is satisfied only by a decision on its own source event", arguments: DecisionOutcome.allCases)
    func satisfiedByDecisionOnSource(_ outcome: DecisionOutcome) {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        let proposal = log.proposeEnd(on: "2026-04-12")
        log.decide(proposal, outcome, on: "2026-04-20")
        #expect(log.open(on: "2026-04-21").map(\.sourceEvent) == [plan])
        log.decide(plan, outcome, on: "2026-04-21")
        #expect(log.open(on: "2026-04-22").isEmpty)
    }

    @Test("A plan sent back is satisfied; the revised plan raises 再プラン策定時")
    func sentBackRaisesReplan() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let v1 = log.draft(on: "2026-04-10")
        log.decide(v1, .planSentBack, on: "2026-04-22")
        #expect(log.open(on: "2026-04-23").isEmpty)
        log.revise(on: "2026-05-01")
        #expect(try #require(log.open(on: "2026-05-02").first).kind == .planRevised)
    }

    @Test("A newer plan version replaces the undecided older one: one meeting per plan kind, still プラン策定時")
    func supersededPlanReplaced() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let v1 = log.draft(on: "2026-04-10")
        let v2 = log.revise(on: "2026-04-15", urgent: true)
        let triggers = log.open(on: "2026-04-16")
        #expect(triggers.count == 1)
        let trigger = try #require(triggers.first)
        #expect(trigger.sourceEvent == v2)
        #expect(trigger.planVersion == 2)
        #expect(trigger.kind == .planDrafted)  // no meeting has seen version 1
        #expect(trigger.urgent)
        // A late decision on the superseded version does not satisfy the newer one.
        log.decide(v1, .planApproved, on: "2026-04-20")
        #expect(log.open(on: "2026-04-21").map(\.sourceEvent) == [v2])
    }

    @Test("Plans of different kinds each raise their own meeting")
    func plansPerKind() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let a = log.draft(.multiAgency, on: "2026-04-10")
        let b = log.draft(.outreach, on: "2026-04-11")
        let c = log.draft(.participation, on: "2026-04-12")
        #expect(log.open(on: "2026-04-13").map(\.sourceEvent) == [a, b, c])
    }

    @Test("A newer end proposal replaces an undecided older one")
    func latestEndProposal() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.proposeEnd(on: "2026-04-10")
        let second = log.proposeEnd(on: "2026-04-20", urgent: true)
        let triggers = log.open(on: "2026-04-21")
        #expect(triggers.map(\.sourceEvent) == [second])
        #expect(triggers.first?.dueOn == triggerDay("2026-04-27"))
    }

    // MARK: - Contact loss details (R8)

    @Test("R8: a newer reached contact clears contact loss")
    func r8ReachedContactClears() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.contact(on: "2026-05-01", reached: true)
        log.contact(on: "2026-06-01", reached: false)
        #expect(log.open(on: "2026-08-10").map(\.kind) == [.contactLost])
        log.contact(on: "2026-08-09", reached: true)
        #expect(log.open(on: "2026-08-10").isEmpty)
    }

    @Test("R8: signing a consent form counts as reaching the person")
    func r8ConsentSignedIsContact() throws {
        var log = TriggerCaseLog(openedOn: "2026-04-01")
        log.principal(consentOn: "2026-06-01")
        log.contact(on: "2026-05-01", reached: false)
        #expect(log.open(on: "2026-08-30").isEmpty)
        let trigger = try #require(log.open(on: "2026-08-31").first)
        #expect(trigger.kind == .contactLost)
        #expect(trigger.lastReachedOn == triggerDay("2026-06-01"))
        #expect(trigger.contactAttempts.isEmpty)
    }

    @Test("R8: with no contact ever logged, the opening is the source and the clock starts at opening")
    func r8NoContactSinceOpening() throws {
        let log = TriggerCaseLog(openedOn: "2026-04-01")
        #expect(log.open(on: "2026-06-30").isEmpty)
        let trigger = try #require(log.open(on: "2026-07-01").first)
        #expect(trigger.sourceEvent == 1)
        #expect(trigger.id == "R8-3#1")
        #expect(trigger.lastReachedOn == nil)
        #expect(trigger.contactAttempts.isEmpty)
        #expect(trigger.meetingKind == .supportMeeting)
    }

    @Test("R8: a decision on the loss satisfies it; a new failed attempt raises it again")
    func r8DecisionAndNewAttempt() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.contact(on: "2026-04-05", reached: true)
        let failed = log.contact(on: "2026-06-01", reached: false)
        #expect(log.open(on: "2026-07-10").map(\.sourceEvent) == [failed])
        log.decide(failed, .monitoringReviewed, on: "2026-07-15")
        #expect(log.open(on: "2026-07-16").isEmpty)
        let again = log.contact(on: "2026-07-20", reached: false, method: .letter)
        let trigger = try #require(log.open(on: "2026-07-21").first)
        #expect(trigger.sourceEvent == again)
        #expect(trigger.contactAttempts.map(\.method) == [.visit, .letter])
    }

    @Test("R8: the contact-loss limit comes from the policy")
    func r8PolicyLimit() throws {
        var log = TriggerCaseLog()
        log.contact(on: "2026-04-05", reached: true)
        let policy = try TriggerPolicy(contactLossLimitDays: 30)
        #expect(log.open(on: "2026-05-05", policy: policy).isEmpty)
        #expect(log.open(on: "2026-05-06", policy: policy).map(\.kind) == [.contactLost])
    }

    // MARK: - R19: closed cases

    @Test("R19: a suspended case raises no further contact-loss or monitoring triggers")
    func r19SuspendedCase() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        log.decide(plan, .planApproved, on: "2026-04-20", monitoringOn: "2026-10-20")
        let failed = log.contact(on: "2026-06-01", reached: false)
        log.decide(failed, .suspended, on: "2026-07-15")
        #expect(log.file.status == .suspended)
        #expect(log.open(on: "2027-04-01").isEmpty)
    }

    @Test("R19: an ended case keeps a plan trigger still undecided, nothing else")
    func r19EndedCaseKeepsUndecided() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(on: "2026-04-10")
        log.decide(plan, .planApproved, on: "2026-04-20", monitoringOn: "2026-07-21")
        let outreach = log.draft(.outreach, on: "2026-05-01")
        let proposal = log.proposeEnd(on: "2026-05-10")
        log.decide(proposal, .endApproved, on: "2026-05-20")
        #expect(log.file.status == .ended)
        #expect(log.open(on: "2027-01-10").map(\.sourceEvent) == [outreach])
    }

    // MARK: - Dates

    @Test("Due dates: urgency, closed days, leap day, fiscal-year boundary", arguments: [
        // (label, drafted on, urgent, expected due)
        ("plain: 30 days", "2026-06-01", false, "2026-07-01"),
        ("urgent: 7 days", "2027-06-01", true, "2027-06-08"),
        ("urgent ending on a Saturday → Friday", "2027-05-29", true, "2027-06-04"),
        ("勤労感謝の日 2026-11-23 → Friday 11-20", "2026-10-24", false, "2026-11-20"),
        ("振替休日 2027-03-22 → Friday 03-19", "2027-02-20", false, "2027-03-19"),
        ("国民の休日 2026-09-22 (after 敬老の日) → 09-18", "2026-08-23", false, "2026-09-18"),
        ("year-end closure 2026-12-31 → 12-28", "2026-12-01", false, "2026-12-28"),
        ("leap day 2028-02-29", "2028-01-30", false, "2028-02-29"),
        ("fiscal-year boundary 2027-04-01", "2027-03-02", false, "2027-04-01"),
    ])
    func dueDates(_ label: String, draftedOn: String, urgent: Bool, expected: String) throws {
        var log = TriggerCaseLog(openedOn: draftedOn)
        log.principal(consentOn: draftedOn)
        log.draft(on: draftedOn, urgent: urgent)
        let trigger = try #require(log.open(on: draftedOn).first, "\(label)")
        #expect(trigger.dueOn == triggerDay(expected), "\(label)")
        #expect(trigger.urgent == urgent, "\(label)")
    }

    @Test("Contact-loss dates across the leap day and the fiscal-year boundary", arguments: [
        // (last reached, day before the limit is passed, raised on, due)
        ("2027-12-01", "2028-02-29", "2028-03-01", "2028-03-15"),
        ("2026-12-31", "2027-03-31", "2027-04-01", "2027-04-15"),
    ])
    func contactLossDates(_ lastReached: String, quiet: String, raised: String, due: String) throws {
        var log = TriggerCaseLog(openedOn: "2026-04-01")
        log.contact(on: lastReached, reached: true)
        #expect(log.open(on: quiet).isEmpty)
        let trigger = try #require(log.open(on: raised).first)
        #expect(trigger.raisedOn == triggerDay(raised))
        #expect(trigger.dueOn == triggerDay(due))
        #expect(triggerDay(raised).fiscalYear >= triggerDay(lastReached).fiscalYear)
    }

    @Test("Monitoring on a holiday is due the business day before (海の日 2027-07-19 → 07-16)")
    func monitoringOnHoliday() throws {
        var log = TriggerCaseLog(openedOn: "2027-04-01")
        log.principal(consentOn: "2027-04-02")
        let plan = log.draft(on: "2027-04-05")
        log.decide(plan, .planApproved, on: "2027-04-20", monitoringOn: "2027-07-19")
        log.contact(on: "2027-07-01", reached: true)
        let trigger = try #require(log.open(on: "2027-07-02").first)
        #expect(trigger.dueOn == triggerDay("2027-07-16"))
        #expect(trigger.notBefore == triggerDay("2027-07-05"))
    }

    @Test("A local closure moves the due date too (慰霊の日 2027-06-23 → 06-22)")
    func localClosure() throws {
        var log = TriggerCaseLog(openedOn: "2027-05-01")
        log.principal(consentOn: "2027-05-01")
        log.draft(on: "2027-05-24")
        let okinawa = BusinessCalendar(localClosures: [try LocalClosure(name: "慰霊の日", month: 6, day: 23)])
        #expect(log.open(on: "2027-05-25").first?.dueOn == triggerDay("2027-06-23"))
        #expect(log.open(on: "2027-05-25", calendar: okinawa).first?.dueOn == triggerDay("2027-06-22"))
    }

    @Test("A due date never moves before the day it was raised: it goes forward instead")
    func dueNotBeforeRaised() throws {
        var log = TriggerCaseLog(openedOn: "2027-06-05")
        log.principal(consentOn: "2027-06-05")
        log.draft(on: "2027-06-05", urgent: true)  // a Saturday
        let policy = try TriggerPolicy(urgentDays: .init(plan: 0, replan: 7, ending: 7, suspension: 7, monitoring: 0))
        #expect(log.open(on: "2027-06-05", policy: policy).first?.dueOn == triggerDay("2027-06-07"))
    }

    // MARK: - Stability and order

    @Test("Same input, same triggers and ids; order by due date, case number, then id")
    func stabilityAndOrder() {
        func city() -> [CaseFile] {
            var a = TriggerCaseLog("R8-10", openedOn: "2026-04-01")
            a.principal(consentOn: "2026-04-02")
            a.draft(on: "2026-04-10")
            a.proposeEnd(on: "2026-04-10")
            var b = TriggerCaseLog("R8-2", openedOn: "2026-04-01")
            b.principal(consentOn: nil)
            b.draft(.outreach, on: "2026-04-10")
            var c = TriggerCaseLog("R8-1", openedOn: "2026-04-01")
            c.principal(consentOn: "2026-04-02")
            c.draft(on: "2026-04-20", urgent: true)
            return [a.file, b.file, c.file]
        }
        let today = triggerDay("2026-04-21")
        let first = Triggers.open(in: city(), calendar: BusinessCalendar(), today: today)
        let second = Triggers.open(in: city().reversed(), calendar: BusinessCalendar(), today: today)
        #expect(first == second)
        #expect(first.map(\.id) == ["R8-1#4", "R8-10#4", "R8-10#5", "R8-2#3"])
        #expect(Set(first.map(\.id)).count == first.count)
    }
}
