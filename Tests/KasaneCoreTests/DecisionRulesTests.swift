import KasaneCore
import Testing

/// The registry the decision tests check people and agencies against.
private let decisionRegistry = Registry(
    agencies: [
        Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "c@x.jp", roles: [.municipality]),
        Agency(id: "shakyo", name: "社協", field: .general, kind: .contracted, mailbox: "s@x.jp", roles: [.coordinator]),
        Agency(id: "houkatsu", name: "包括", field: .elderly, kind: .contracted, mailbox: "h@x.jp"),
    ],
    people: [
        Person(id: "staff", name: "職員", mailbox: "staff@x.jp", agency: "city", title: "係長"),
        Person(id: "chair", name: "議長", mailbox: "chair@x.jp", agency: "shakyo", title: "推進員"),
        Person(id: "worker", name: "包括職員", mailbox: "w@x.jp", agency: "houkatsu", title: "社会福祉士"),
    ])

private func decision(_ onEvent: Int, _ outcome: DecisionOutcome, on date: String = "2026-06-10",
                      supportBy: PersonID? = nil, lead: AgencyID? = nil, followUp: String? = nil,
                      monitoring: String? = nil, recordedBy: PersonID? = "chair", supersedes: Int? = nil)
    -> CaseEvent.DecisionRecorded {
    CaseEvent.DecisionRecorded(onEvent: onEvent, decidedOn: triggerDay(date), outcome: outcome,
                               monitoringOn: monitoring.map(triggerDay), meeting: "jusou-2026-06-10",
                               supportDecisionBy: supportBy, leadAgency: lead, followUp: followUp,
                               recordedBy: recordedBy, supersedes: supersedes)
}

/// Validates a 支援決定 against the case as `log` leaves it; returns the problem, or nil when
/// accepted (a refusal for another reason fails the test).
private func supportProblem(_ s: CaseEvent.SupportDecided, _ log: TriggerCaseLog) -> SupportDecisionProblem? {
    do {
        try log.file.validate(.supportDecided(s), registry: decisionRegistry, today: triggerDay("2026-12-31"))
        return nil
    } catch {
        guard case .supportDecision(log.file.number, let problem) = error else {
            Issue.record("refused for another reason: \(error)")
            return nil
        }
        return problem
    }
}

/// Validates `d` against the case as `log` leaves it; returns the problem, or nil when accepted
/// (a refusal for another reason fails the test).
private func problem(_ d: CaseEvent.DecisionRecorded, _ log: TriggerCaseLog) -> DecisionProblem? {
    do {
        try log.file.validate(.decisionRecorded(d), registry: decisionRegistry, today: triggerDay("2026-12-31"))
        return nil
    } catch {
        guard case .decision(log.file.number, let problem) = error else {
            Issue.record("refused for another reason: \(error)")
            return nil
        }
        return problem
    }
}

@Suite("Decisions (R9, R16–R18)")
struct DecisionRulesTests {
    @Test("R16 case 3: a plan without statutory programmes is confirmed by approval alone")
    func r16ApprovalWithoutStatutory() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved), log) == nil)
        log.decide(plan, .planApproved, on: "2026-06-10")
        #expect(log.file.plans[0].state == .confirmed)
        #expect(log.file.status == .inSupport)
    }

    @Test("R16 cases 1–2: the meeting's approval and the 支援決定 are two acts; the plan waits, then is confirmed")
    func r16TwoActs() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.outreach, on: "2026-05-01")
        // The meeting may approve before the 支援決定 (seed 004 l.740)…
        #expect(problem(decision(plan, .planApproved), log) == nil)
        #expect(problem(decision(plan, .planApproved, supportBy: "worker"), log) == .notMunicipalStaff("worker"))
        log.decide(plan, .planApproved, on: "2026-06-10")
        #expect(log.file.plans[0].state == .awaitingSupportDecision)
        #expect(log.file.plans[0].approvedOn == triggerDay("2026-06-10"))
        #expect(log.file.status == .planning)
        // …and municipal staff make it later, outside any meeting; nobody else may.
        let bySomeone = CaseEvent.SupportDecided(planEvent: plan, decidedOn: triggerDay("2026-06-20"), by: "worker")
        #expect(supportProblem(bySomeone, log) == .notMunicipalStaff("worker"))
        let tooEarly = CaseEvent.SupportDecided(planEvent: plan, decidedOn: triggerDay("2026-06-09"), by: "staff")
        #expect(supportProblem(tooEarly, log) == .beforeApproval(decidedOn: triggerDay("2026-06-09"), approvedOn: triggerDay("2026-06-10")))
        let made = CaseEvent.SupportDecided(planEvent: plan, decidedOn: triggerDay("2026-06-20"), by: "staff")
        #expect(supportProblem(made, log) == nil)
        log.append(.supportDecided(made))
        #expect(log.file.plans[0].state == .confirmed)
        #expect(log.file.plans[0].supportDecision == SupportDecisionRecord(by: "staff", on: triggerDay("2026-06-20")))
        #expect(log.file.status == .inSupport)
        // Once confirmed, a second 支援決定 is refused.
        #expect(supportProblem(made, log) == .planConfirmed(kind: .outreach, version: 1))
    }

    @Test("R16: approval with the 支援決定 at once confirms at once; a 支援決定 before approval is refused")
    func r16OneAct() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.outreach, on: "2026-05-01")
        let early = CaseEvent.SupportDecided(planEvent: plan, decidedOn: triggerDay("2026-05-20"), by: "staff")
        #expect(supportProblem(early, log) == .planNotApproved(kind: .outreach, version: 1))
        log.append(.decisionRecorded(decision(plan, .planApproved, supportBy: "staff")))
        #expect(log.file.plans[0].state == .confirmed)
        #expect(log.file.plans[0].supportDecision?.by == "staff")
    }

    @Test("R16 case 3: the report (報告) to the municipality is recorded with its date, only for plans without statutory programmes")
    func r16ReportRecorded() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        var approval = decision(plan, .planApproved)
        approval.reportedOn = triggerDay("2026-06-09")
        #expect(problem(approval, log) == .reportBeforeApproval(reportedOn: triggerDay("2026-06-09"), decidedOn: triggerDay("2026-06-10")))
        approval.reportedOn = triggerDay("2026-06-12")
        #expect(problem(approval, log) == nil)
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log) == .supportDecisionForNonStatutoryPlan)
        log.append(.decisionRecorded(approval))
        #expect(log.file.plans[0].state == .confirmed)
        #expect(log.file.plans[0].reportedOn == triggerDay("2026-06-12"))
        var outreach = TriggerCaseLog()
        outreach.principal(consentOn: "2026-04-02")
        let statutory = outreach.draft(.outreach, on: "2026-05-01")
        var wrong = decision(statutory, .planApproved)
        wrong.reportedOn = triggerDay("2026-06-12")
        #expect(problem(wrong, outreach) == .reportOutsideNonStatutoryApproval)
    }

    @Test("R20: a decision is refused before the meeting's day and dated on or after it; R21: attendance only of those seated",
          arguments: [
            ("2026-06-09", "2026-06-09", .beforeMeeting(sessionID: "jusou-2026-06-10", date: triggerDay("2026-06-10"))),
            ("2026-06-12", "2026-06-09",
             .decidedBeforeMeeting(decidedOn: triggerDay("2026-06-09"), sessionDate: triggerDay("2026-06-10"))),
            ("2026-06-12", "2026-06-13", .decidedAfterToday(decidedOn: triggerDay("2026-06-13"), today: triggerDay("2026-06-12"))),
            ("2026-06-12", "2026-06-11", nil),
          ] as [(String, String, MeetingDecisionProblem?)])
    func r20DecisionDates(today: String, decidedOn: String, refusal: MeetingDecisionProblem?) {
        let session = Session(id: "jusou-2026-06-10", kind: .regular, seriesUID: "s", title: "重層的支援会議",
                              bodies: ["jusou"], date: triggerDay("2026-06-10"), start: TimeOfDay(minutes: 840),
                              end: TimeOfDay(minutes: 960), capacity: 4, minutesPerItem: 30, location: nil, onlineURL: nil)
        let d = decision(4, .planApproved, on: decidedOn)
        let found = DecisionRules.meetingProblem(with: d, session: session, attendance: nil, today: triggerDay(today))
        // The words of the R20 refusals name R20: DecisionWordingTests.
        #expect(found == refusal)
    }

    @Test("R21: who attended must have been seated at the item")
    func r21AttendedSeated() {
        let session = Session(id: "jusou-2026-06-10", kind: .regular, seriesUID: "s", title: "重層的支援会議",
                              bodies: ["jusou"], date: triggerDay("2026-06-10"), start: TimeOfDay(minutes: 840),
                              end: TimeOfDay(minutes: 960), capacity: 4, minutesPerItem: 30, location: nil, onlineURL: nil)
        let attendance = ItemAttendance(
            item: 1, caseNumber: "R8-3", date: triggerDay("2026-06-10"), meetingKind: .multiAgency, body: "jusou",
            jointBody: nil, jointSharing: nil, discussedMembers: ["m1"],
            attendees: [Attendee(person: "chair", agency: "shakyo", role: .chair, reasons: [])], principal: nil,
            exclusions: [], flags: [])
        var d = decision(4, .planApproved)
        d.attended = ["chair"]
        #expect(DecisionRules.meetingProblem(with: d, session: session, attendance: attendance, today: triggerDay("2026-06-10")) == nil)
        d.attended = ["chair", "worker"]
        let refused = DecisionRules.meetingProblem(with: d, session: session, attendance: attendance, today: triggerDay("2026-06-10"))
        #expect(refused == .notSeated(person: "worker", sessionID: "jusou-2026-06-10"))  // R21 in its words
    }

    @Test("R17: a plan sent back stays unconfirmed and the case keeps planning")
    func r17SentBack() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planSentBack), log) == nil)
        log.append(.decisionRecorded(decision(plan, .planSentBack)))
        #expect(log.file.plans[0].state == .sentBack)
        #expect(log.file.status == .planning)
    }

    @Test("R17, R18: ending needs the 主担当 and the follow-up, then closes the case")
    func r18Ending() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        log.decide(plan, .planApproved, on: "2026-05-13")
        let end = log.proposeEnd(on: "2026-10-01")
        #expect(problem(decision(end, .endApproved, on: "2026-10-14"), log) == .endingNeedsLead)
        #expect(problem(decision(end, .endApproved, on: "2026-10-14", lead: "houkatsu"), log) == .endingNeedsFollowUp)
        #expect(problem(decision(end, .endApproved, on: "2026-10-14", lead: "nowhere", followUp: "月1回の電話"), log)
            == .unknownLeadAgency("nowhere"))
        let ok = decision(end, .endApproved, on: "2026-10-14", lead: "houkatsu", followUp: "月1回の電話")
        #expect(problem(ok, log) == nil)
        log.append(.decisionRecorded(ok))
        #expect(log.file.status == .ended)
        // R18: ending is not forgetting — the case can be reopened.
        #expect(throws: Never.self) {
            try log.file.validate(.reopened(.init(on: triggerDay("2026-12-01"))), registry: decisionRegistry,
                                  today: triggerDay("2026-12-31"))
        }
        log.append(.reopened(.init(on: triggerDay("2026-12-01"))))
        #expect(log.file.status == .inSupport)
    }

    @Test("R8: suspension is decided on the contact-loss item only")
    func r8Suspension() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let contact = log.contact(on: "2026-05-01", reached: false)
        #expect(problem(decision(contact, .suspended), log) == nil)
        #expect(problem(decision(contact, .suspensionDeferred), log) == nil)
        log.append(.decisionRecorded(decision(contact, .suspended)))
        #expect(log.file.status == .suspended)
    }

    @Test("A decision must fit its item", arguments: [
        (DecisionOutcome.endApproved, DecisionItem.plan),
        (.suspended, .plan),
        (.monitoringReviewed, .plan),
    ])
    func fitsItem(outcome: DecisionOutcome, item: DecisionItem) {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, outcome, lead: "houkatsu", followUp: "x"), log) == .outcomeDoesNotFit(outcome: outcome, item: item))
    }

    @Test("Only the chair or the secretariat records a meeting's decision (R10)")
    func recorder() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved, recordedBy: "worker"), log) == .mayNotRecord("worker"))
        #expect(problem(decision(plan, .planApproved, recordedBy: nil), log) == .recorderMissing)
        #expect(problem(decision(plan, .planApproved, recordedBy: "staff"), log) == nil)
    }

    @Test("Never twice for one item unless it supersedes the decision in force")
    func neverTwice() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        let first = log.append(.decisionRecorded(decision(plan, .planApproved)))
        #expect(problem(decision(plan, .planSentBack), log) == .alreadyDecided(item: plan, decision: first))
        #expect(problem(decision(plan, .planSentBack, supersedes: plan), log) == .alreadyDecided(item: plan, decision: first))
        #expect(problem(decision(plan, .planSentBack, supersedes: first), log) == nil)
        log.append(.decisionRecorded(decision(plan, .planSentBack, supersedes: first)))
        #expect(log.file.plans[0].state == .sentBack)
        #expect(log.file.decisions.count == 2)  // the first is kept: append-only
    }

    @Test("R9: 参加支援 is approved only where consent allows a 重層的支援会議")
    func r9Participation() {
        var log = TriggerCaseLog()
        log.principal(consentOn: nil)
        let plan = log.draft(.participation, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log) == .participationNeedsMultiAgency)
        log.consent(on: "2026-05-20")
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log) == nil)
    }

    @Test("R7: the monitoring date must come after the decision and becomes a trigger")
    func r7Monitoring() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved, monitoring: "2026-06-01"), log)
            == .monitoringNotAfterDecision(monitoringOn: triggerDay("2026-06-01"), decidedOn: triggerDay("2026-06-10")))
        log.append(.decisionRecorded(decision(plan, .planApproved, monitoring: "2026-09-09")))
        #expect(log.open(on: "2026-09-01").contains { $0.kind == .monitoring })
    }
}
