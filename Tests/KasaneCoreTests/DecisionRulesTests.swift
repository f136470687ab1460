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

/// Validates `d` against the case as `log` leaves it; returns the problem, or nil when accepted.
private func problem(_ d: CaseEvent.DecisionRecorded, _ log: TriggerCaseLog) -> String? {
    do {
        try log.file.validate(.decisionRecorded(d), registry: decisionRegistry, today: triggerDay("2026-12-31"))
        return nil
    } catch {
        return error.description
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

    @Test("R16 cases 1–2: a plan with statutory programmes needs the 支援決定 of municipal staff")
    func r16SupportDecisionNeeded() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.outreach, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved), log)?.contains("支援決定") == true)
        #expect(problem(decision(plan, .planApproved, supportBy: "worker"), log)?.contains("not municipal staff") == true)
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log) == nil)
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
        #expect(problem(decision(end, .endApproved, on: "2026-10-14"), log)?.contains("主担当") == true)
        #expect(problem(decision(end, .endApproved, on: "2026-10-14", lead: "houkatsu"), log)?.contains("フォローアップ") == true)
        #expect(problem(decision(end, .endApproved, on: "2026-10-14", lead: "nowhere", followUp: "月1回の電話"), log)?
            .contains("unknown agency") == true)
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
        (DecisionOutcome.endApproved, "does not fit a プラン item"),
        (.suspended, "does not fit a プラン item"),
        (.monitoringReviewed, "does not fit a プラン item"),
    ])
    func fitsItem(outcome: DecisionOutcome, expected: String) {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, outcome, lead: "houkatsu", followUp: "x"), log)?.contains(expected) == true)
    }

    @Test("Only the chair or the secretariat records a meeting's decision (R10)")
    func recorder() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved, recordedBy: "worker"), log)?.contains("may not record") == true)
        #expect(problem(decision(plan, .planApproved, recordedBy: nil), log)?.contains("who records") == true)
        #expect(problem(decision(plan, .planApproved, recordedBy: "staff"), log) == nil)
    }

    @Test("Never twice for one item unless it supersedes the decision in force")
    func neverTwice() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        let first = log.append(.decisionRecorded(decision(plan, .planApproved)))
        #expect(problem(decision(plan, .planSentBack), log)?.contains("already decided") == true)
        #expect(problem(decision(plan, .planSentBack, supersedes: plan), log)?.contains("already decided") == true)
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
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log)?.contains("R9") == true)
        log.consent(on: "2026-05-20")
        #expect(problem(decision(plan, .planApproved, supportBy: "staff"), log) == nil)
    }

    @Test("R7: the monitoring date must come after the decision and becomes a trigger")
    func r7Monitoring() {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        let plan = log.draft(.multiAgency, on: "2026-05-01")
        #expect(problem(decision(plan, .planApproved, monitoring: "2026-06-01"), log)?.contains("monitoring date") == true)
        log.append(.decisionRecorded(decision(plan, .planApproved, monitoring: "2026-09-09")))
        #expect(log.open(on: "2026-09-01").contains { $0.kind == .monitoring })
    }
}
