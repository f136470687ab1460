import KasaneCore
import KasaneWording
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
private let ten = TimeOfDay(minutes: 600)
private let sampleClash = AttendeeClash(person: "p-fukushi", triggerID: "R8-7#5", start: ten, end: ten.adding(minutes: 60),
                                  sessionID: "shien-2026-11-24")
private let sampleSkip = SkippedSlot(place: .slot(day("2026-11-24"), at: ten), clash: sampleClash)
private let sampleAdHoc = AdHocPlacement(
    slot: .proposed(title: "随時 重層的支援会議", date: day("2026-11-24"), start: ten), rule: "R6-1",
    because: [.urgent], notes: [.earliestBusinessDay(from: day("2026-11-21"), closed: ["勤労感謝の日"])])

extension PlacementReason: CaseSamples {
    static var samples: [PlacementReason] {
        [
            .earliestRegular(kind: .multiAgency, dueOn: day("2026-12-10"), rule: "R6-1",
                             fullBefore: FirstFew(["jusou-2026-11-11", "jusou-2026-11-25", "a", "b", "c"])),
            .acceptedJointHolding(body: "chiiki-care", acceptedOn: day("2026-11-02")),
            .adHoc(sampleAdHoc),
            .carriedOver(from: "jusou-2026-11-11", heldOn: day("2026-11-11"), reason: .adHoc(sampleAdHoc)),
            .legacy("earliest 重層的支援会議 session before the due date 2026-12-10 with room (R6-1)"),
        ]
    }
}

extension AdHocPlacement: CaseSamples {
    static var samples: [AdHocPlacement] {
        [sampleAdHoc, AdHocPlacement(slot: .joined(title: "随時 支援会議", sessionID: "adhoc-2026-11-24-1000", date: day("2026-11-24")),
                               rule: "R6-4", because: [.overdue(since: day("2026-10-01"))], notes: [.skipped(FirstFew([sampleSkip]))])]
    }
}

extension AdHocCause: CaseSamples {
    static var samples: [AdHocCause] {
        [
            .urgent,
            .regularSessionsFull(kind: .multiAgency, from: day("2026-11-03"), dueOn: day("2026-11-13"),
                                 sessions: FirstFew(["jusou-2026-11-11"])),
            .overdue(since: day("2026-10-01")),
            .dueBeforeAnySession(dueOn: day("2026-11-02")),
            .noRegularSession(kind: .supportMeeting, from: day("2026-11-03"), dueOn: day("2026-11-06")),
        ]
    }
}

extension AdHocNote: CaseSamples {
    static var samples: [AdHocNote] {
        [.earliestBusinessDay(from: day("2026-11-21"), closed: []), .skipped(FirstFew([sampleSkip, sampleSkip, sampleSkip, sampleSkip]))]
    }
}

extension SkippedSlot: CaseSamples {
    static var samples: [SkippedSlot] { [sampleSkip, SkippedSlot(place: .session("adhoc-2026-11-06-1000", at: ten), clash: sampleClash)] }
}

extension AttendeeClash: CaseSamples {
    static var samples: [AttendeeClash] { [sampleClash] }
}

extension MoveReason: CaseSamples {
    static var samples: [MoveReason] {
        let (id, date) = ("jusou-2026-11-11", day("2026-11-11"))
        return [
            .sessionGone(sessionID: id),
            .jointHoldingWithdrawn(sessionID: id, date: date, body: "chiiki-care"),
            .jointHoldingElsewhere(acceptedIn: "care-2026-11-18"),
            .bodyKindNeeded(sessionID: id, date: date, kind: .supportMeeting, basis: .noConsent),
            .closedDay(sessionID: id, date: date, name: "市制記念日"),
            .beforeWindow(sessionID: id, date: date, notBefore: day("2026-11-12")),
            .afterDue(sessionID: id, date: date, dueOn: day("2026-11-10"), rule: "R6-1"),
            .beyondCapacity(sessionID: id, date: date, position: 4, capacity: 4),
            .positionTaken(sessionID: id, date: date, position: 1),
            .undecided(sessionID: id, heldOn: date),
        ]
    }
}

extension UnplacedReason: CaseSamples {
    static var samples: [UnplacedReason] {
        let because: [AdHocCause] = [.noRegularSession(kind: .supportMeeting, from: day("2026-11-03"), dueOn: day("2026-11-06"))]
        return [
            .beyondHorizon(kind: .multiAgency, dueOn: day("2026-12-10"), sessionID: "jusou-2026-12-09",
                           date: day("2026-12-09"), until: day("2026-11-30"), rule: "R6-1"),
            .noAdHocBody(kind: .supportMeeting, because: because),
            .noAdHocSlot(from: day("2026-11-21"), until: day("2026-11-23"), because: because),
            .acceptedJointHoldingUnusable(sessionID: "care-2026-11-18"),
            .invitationsSent(.sessionGone(sessionID: "jusou-2026-11-11")),
            .released(from: "jusou-2026-11-11", because: .sessionGone(sessionID: "jusou-2026-11-11"),
                      then: .noAdHocSlot(from: day("2026-11-21"), until: nil, because: because)),
            .cannotBeHeldLawfully(sessionID: "jusou-2026-11-11", blockers: [], remedies: [.registerChair]),
        ]
    }
}

extension JointHoldingReason: CaseSamples {
    static var samples: [JointHoldingReason] {
        [JointHoldingReason(bodyKind: .communityCare, bodyName: "地域ケア個別会議", date: day("2026-11-18"),
                            from: day("2026-11-03"), dueOn: day("2026-12-10"), triggerKind: .planDrafted,
                            caseNumber: "R8-1", agencies: ["houkatsu", "konkyu"])]
    }
}

extension InvitationReason: CaseSamples {
    static var samples: [InvitationReason] { InvitationReason.allCases }
}

@Suite("Scheduling wording (#13.3)")
struct SchedulingWordingTests {
    static var all: [any Worded] {
        let groups: [[any Worded]] = [
            PlacementReason.samples, AdHocPlacement.samples, AdHocCause.samples, AdHocNote.samples, SkippedSlot.samples,
            AttendeeClash.samples, MoveReason.samples, UnplacedReason.samples, JointHoldingReason.samples,
            InvitationReason.samples,
        ]
        return groups.flatMap { $0 }
    }

    @Test("every placement, move, unplaced, joint-holding and invitation reason has words in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(Self.all) == [])
    }

    @Test("Japanese by default; the English keeps the words of earlier versions, rule ids and ids untouched")
    func englishAsBefore() {
        let reason = PlacementReason.earliestRegular(kind: .multiAgency, dueOn: day("2026-12-10"), rule: "R6-1",
                                                     fullBefore: FirstFew(["jusou-2026-11-11"]))
        #expect(Catalogue(.en)(reason) == "earliest 重層的支援会議 session before the due date 2026-12-10 with room (R6-1); "
            + "earlier sessions full: jusou-2026-11-11")
        #expect(Catalogue(.ja)(reason) == "期限 2026-12-10 までに空きのある最も早い重層的支援会議（R6-1）。それより前の会議は満席: jusou-2026-11-11")
        let gone = UnplacedReason.invitationsSent(.sessionGone(sessionID: "jusou-2026-11-11"))
        #expect(Catalogue(.en)(gone) == "session jusou-2026-11-11 no longer exists; invitations were already sent, so "
            + "the item stays on record there — reschedule (--reschedule) to move it")
        #expect(Catalogue(.ja)(gone).contains("--reschedule") && Catalogue(.ja)(gone).contains("jusou-2026-11-11"))
    }

    @Test("documents get the dates of a reason in 和暦, the CLI in ISO")
    func japaneseDates() {
        let reason = PlacementReason.carriedOver(from: "jusou-2026-11-11", heldOn: day("2026-11-11"),
                                                 reason: .acceptedJointHolding(body: "chiiki-care", acceptedOn: day("2026-11-02")))
        let document = Catalogue(.ja, japaneseDates: true)(reason)
        #expect(document.contains("令和8年11月11日 に開催した jusou-2026-11-11") && document.contains("令和8年11月2日"))
        #expect(!document.contains("2026-11-02") && !document.contains("2026-11-11 に開催"))
        #expect(Catalogue(.ja)(reason).contains("2026-11-02") && !Catalogue(.ja)(reason).contains("令和"))
        #expect(Catalogue(.en, japaneseDates: true)(reason).contains("2026-11-02"))
    }

    @Test("a list of skipped slots names the first three and counts the rest", arguments: [(.ja, "ほか2件"), (.en, "and 2 more")] as [(Language, String)])
    func firstFew(language: Language, more: String) {
        let note = AdHocNote.skipped(FirstFew(Array(repeating: sampleSkip, count: 5)))
        #expect(Catalogue(language)(note).hasSuffix(more))
    }

    @Test("R5: a joint-holding offer's words name R5 and the conditions, in both languages",
          arguments: [(.ja, "本人の同意"), (.en, "consent must cover")] as [(Language, String)])
    func jointHoldingNamesR5(language: Language, condition: String) throws {
        let words = Catalogue(language)(try #require(JointHoldingReason.samples.first))
        #expect(words.contains("R5") && words.contains(condition) && words.contains("R6-1") && words.contains("R8-1"))
    }
}
