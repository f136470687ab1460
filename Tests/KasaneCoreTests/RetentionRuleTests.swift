import KasaneCore
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// A case's log built event by event (sequence numbers follow), replayed without validation.
struct RetentionLog {
    var events: [RecordedEvent] = []

    init(opened: String = "2020-04-01", members: [String] = ["m1"]) {
        append(.opened(.init(number: "R2-1", openedOn: day(opened), referredBy: "houkatsu", fields: [.elderly],
                             involvedAgencies: ["houkatsu"])))
        for (i, key) in members.enumerated() {
            append(.memberAdded(HouseholdMember(key: key, relation: i == 0 ? "本人" : "家族", isPrincipal: i == 0)))
        }
    }

    @discardableResult
    mutating func append(_ event: CaseEvent) -> Int {
        events.append(RecordedEvent(seq: events.count + 1, event: event, recordedAt: ""))
        return events.count
    }

    /// An ending proposed and decided with `outcome` on `on`; returns the decision's seq.
    @discardableResult
    mutating func end(on: String, outcome: DecisionOutcome = .endApproved, supersedes: Int? = nil) -> Int {
        let proposal = append(.endProposed(.init(proposedOn: day(on), by: "houkatsu")))
        return append(.decisionRecorded(.init(onEvent: proposal, decidedOn: day(on), outcome: outcome,
                                              leadAgency: "houkatsu", supersedes: supersedes)))
    }

    var file: CaseFile { CaseFile(replaying: events)! }
}

/// #17.2: the pure retention rule — which cases are due, from which day.
@Suite("Retention rule (#17.2)")
struct RetentionRuleTests {
    static let rule = RetentionRule(yearsAfterEnd: 5)

    /// (what, the log, today, the expected state).
    static let table: [(String, RetentionLog, String, RetentionState)] = {
        var ended = RetentionLog()
        ended.end(on: "2021-03-10")
        var reopened = ended
        reopened.append(.reopened(.init(on: day("2022-01-05"))))
        var endedAgain = reopened
        endedAgain.end(on: "2023-06-30")
        var deferred = RetentionLog()
        deferred.end(on: "2021-03-10", outcome: .endDeferred)
        var corrected = RetentionLog()
        let approval = corrected.end(on: "2021-03-10")
        corrected.append(.decisionRecorded(.init(onEvent: approval - 1, decidedOn: day("2021-03-11"), outcome: .endDeferred,
                                                 supersedes: approval)))
        var suspended = RetentionLog()
        suspended.end(on: "2021-03-10", outcome: .suspended)
        var erased = ended
        erased.append(.detailsErased(.init(on: day("2026-03-10"), members: ["m1"], by: "p-city", yearsAfterEnd: 5,
                                           endedOn: day("2021-03-10"))))
        var partly = RetentionLog(members: ["m1", "m2"])
        partly.end(on: "2021-03-10")
        partly.append(.detailsErased(.init(on: day("2025-01-01"), members: ["m1"], by: "p-city", reason: "申出")))
        var leap = RetentionLog()
        leap.end(on: "2024-02-29")
        var noMembers = RetentionLog(members: [])
        noMembers.end(on: "2021-03-10")
        let endedDue = RetentionState.due(endedOn: day("2021-03-10"), dueOn: day("2026-03-10"))
        return [
            ("the day before the due date: kept", ended, "2026-03-09",
             .kept(endedOn: day("2021-03-10"), dueOn: day("2026-03-10"))),
            ("on the due date: due", ended, "2026-03-10", endedDue),
            ("years after the due date: still due", ended, "2040-01-01", endedDue),
            ("the day the case ended: kept", ended, "2021-03-10",
             .kept(endedOn: day("2021-03-10"), dueOn: day("2026-03-10"))),
            ("reopened after the end: never due while open", reopened, "2040-01-01", .open(.assessment)),
            ("ended again: counted from the later end (the day before)", endedAgain, "2028-06-29",
             .kept(endedOn: day("2023-06-30"), dueOn: day("2028-06-30"))),
            ("ended again: due on the later end's date", endedAgain, "2028-06-30",
             .due(endedOn: day("2023-06-30"), dueOn: day("2028-06-30"))),
            ("an open case is never due", RetentionLog(), "2100-01-01", .open(.referred)),
            ("ending deferred: not ended, never due", deferred, "2100-01-01", .open(.referred)),
            ("an approved ending corrected away: never due", corrected, "2100-01-01", .open(.planning)),
            ("suspended (中断), not ended: the rule counts from 終結 only", suspended, "2100-01-01", .open(.suspended)),
            ("already erased: not due again", erased, "2040-01-01", .erased),
            ("one member erased on request, one left: due for the rest", partly, "2026-03-10", endedDue),
            ("ended on 29 February: due on 1 March five years on (the day before: kept)", leap, "2029-02-28",
             .kept(endedOn: day("2024-02-29"), dueOn: day("2029-03-01"))),
            ("ended on 29 February: due on 1 March", leap, "2029-03-01",
             .due(endedOn: day("2024-02-29"), dueOn: day("2029-03-01"))),
            ("ended with no member on record: nothing to erase", noMembers, "2040-01-01", .nothingHeld),
        ]
    }()

    @Test("#17.2: where a case stands under the rule", arguments: table)
    func state(what: String, log: RetentionLog, today: String, expected: RetentionState) {
        #expect(Self.rule.state(of: log.file, today: day(today)) == expected, "\(what)")
    }

    @Test("#17.2: the due list names the case, its end and due dates, the rule and the members still held")
    func dueList() {
        var partly = RetentionLog(members: ["m1", "m2"])
        partly.end(on: "2021-03-10")
        partly.append(.detailsErased(.init(on: day("2025-01-01"), members: ["m1"], by: "p-city", reason: "申出")))
        let due = Self.rule.due([RetentionLog().file, partly.file], today: day("2026-03-10"))
        #expect(due == [RetentionDue(number: "R2-1", endedOn: day("2021-03-10"), dueOn: day("2026-03-10"), rule: Self.rule,
                                     members: ["m2"])])
        let erasure = Self.rule.erasure(of: due[0], by: "p-city", on: day("2026-03-10"))
        #expect(erasure.members == ["m2"] && erasure.yearsAfterEnd == 5 && erasure.endedOn == day("2021-03-10"))
        #expect(Self.rule.due([partly.file], today: day("2026-03-09")).isEmpty)
    }

    @Test("#17.4: an erasure is refused for an open case, for members already erased and for an unknown member")
    func erasureValidation() {
        let registry = Registry(agencies: [], people: [], bodies: [])
        let erase = CaseEvent.detailsErased(.init(on: day("2026-03-10"), members: ["m1"], by: "p-city", reason: "申出"))
        #expect(throws: CaseFileError.erasureOfOpenCase("R2-1", .referred)) {
            try RetentionLog().file.validate(erase, registry: registry, today: day("2026-03-10"))
        }
        var ended = RetentionLog()
        ended.end(on: "2021-03-10")
        #expect(throws: Never.self) { try ended.file.validate(erase, registry: registry, today: day("2026-03-10")) }
        var erased = ended
        erased.append(erase)
        #expect(throws: CaseFileError.nothingToErase("R2-1")) {
            try erased.file.validate(erase, registry: registry, today: day("2026-03-11"))
        }
        let stranger = CaseEvent.detailsErased(.init(on: day("2026-03-10"), members: ["m9"], by: "p-city", reason: "申出"))
        #expect(throws: CaseFileError.unknownMember("R2-1", "m9")) {
            try ended.file.validate(stranger, registry: registry, today: day("2026-03-10"))
        }
        // Replay: the erased members are recorded, their keys and relations stay.
        #expect(erased.file.erasedMembers == ["m1"] && erased.file.members.map(\.key) == ["m1"])
        #expect(erased.file.membersWithDetails.isEmpty)
        #expect(ended.file.endedOn == day("2021-03-10"))
    }

    @Test("#17.3: the erasure event round-trips through its stored form")
    func payloadRoundTrip() throws {
        let e = CaseEvent.detailsErased(.init(on: day("2026-03-10"), members: ["m1", "m2"], by: "p-city", yearsAfterEnd: 5,
                                              endedOn: day("2021-03-10")))
        #expect(e.kind == "details_erased" && CaseEvent.kinds.contains(e.kind))
        #expect(try CaseEvent(kind: e.kind, payload: e.payload()) == e)
    }
}
