import KasaneCore
import KasaneWording
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

extension DecisionProblem: CaseSamples {
    static var samples: [DecisionProblem] {
        [
            .raisesNoTrigger(event: 3), .outcomeDoesNotFit(outcome: .endApproved, item: .plan),
            .alreadyDecided(item: 4, decision: 6), .notInForce(decision: 5, item: 4), .recorderMissing,
            .mayNotRecord("worker"), .notMunicipalStaff("worker"),
            .monitoringNotAfterDecision(monitoringOn: day("2026-06-01"), decidedOn: day("2026-06-10")),
            .unknownRoleAgency("nowhere"), .unknownAttendee("ghost"), .blankShortage, .reportOutsideNonStatutoryApproval,
            .reportBeforeApproval(reportedOn: day("2026-06-09"), decidedOn: day("2026-06-10")),
            .supportDecisionForNonStatutoryPlan, .participationNeedsMultiAgency, .endingNeedsLead,
            .unknownLeadAgency("nowhere"), .endingNeedsFollowUp, .supportDecisionOutsidePlanApproval,
        ]
    }
}

extension SupportDecisionProblem: CaseSamples {
    static var samples: [SupportDecisionProblem] {
        [
            .notMunicipalStaff("worker"), .notAPlan(event: 2), .planConfirmed(kind: .outreach, version: 1),
            .planNotApproved(kind: .outreach, version: 1), .planSuperseded(kind: .multiAgency, version: 2),
            .beforeApproval(decidedOn: day("2026-06-09"), approvedOn: day("2026-06-10")),
        ]
    }
}

extension MeetingDecisionProblem: CaseSamples {
    static var samples: [MeetingDecisionProblem] {
        [
            .beforeMeeting(sessionID: "jusou-2026-06-10", date: day("2026-06-10")),
            .decidedBeforeMeeting(decidedOn: day("2026-06-09"), sessionDate: day("2026-06-10")),
            .decidedAfterToday(decidedOn: day("2026-06-13"), today: day("2026-06-12")),
            .notSeated(person: "worker", sessionID: "jusou-2026-06-10"),
        ]
    }
}

@Suite("Decision wording (#13.3)")
struct DecisionWordingTests {
    @Test("every decision, 支援決定 and meeting-decision problem has words in Japanese and English")
    func everyCaseWorded() {
        let all: [[any Worded]] = [DecisionProblem.samples, SupportDecisionProblem.samples, MeetingDecisionProblem.samples]
        #expect(WordingCheck.problems(all.flatMap { $0 }) == [])
    }

    @Test("the refusals name their rule in both languages (R9, R10, R16–R18, R20, R21)",
          arguments: Language.allCases)
    func rulesNamed(language: Language) {
        let c = Catalogue(language)
        let named: [(any Worded, String)] = [
            (DecisionProblem.mayNotRecord("worker"), "R10"), (DecisionProblem.participationNeedsMultiAgency, "R9"),
            (DecisionProblem.notMunicipalStaff("worker"), "R16"), (DecisionProblem.endingNeedsLead, "R17"),
            (DecisionProblem.endingNeedsFollowUp, "R18"),
            (MeetingDecisionProblem.beforeMeeting(sessionID: "jusou-2026-06-10", date: day("2026-06-10")), "R20"),
            (MeetingDecisionProblem.decidedBeforeMeeting(decidedOn: day("2026-06-09"), sessionDate: day("2026-06-10")), "R20"),
            (MeetingDecisionProblem.notSeated(person: "worker", sessionID: "jusou-2026-06-10"), "R21"),
        ]
        for (problem, rule) in named {
            #expect(problem.words(in: c.language).contains(rule), "\(problem)")
        }
        #expect(c(MeetingDecisionProblem.notSeated(person: "worker", sessionID: "jusou-2026-06-10")).contains("'worker'"))
    }

    @Test("a refused 支援決定 keeps its Japanese words, and has English ones")
    func supportDecisionWords() {
        #expect(Catalogue(.ja)(SupportDecisionProblem.notMunicipalStaff("worker")).contains("自治体職員ではありません"))
        #expect(Catalogue(.en)(SupportDecisionProblem.notMunicipalStaff("worker")).contains("is not municipal staff"))
    }
}
