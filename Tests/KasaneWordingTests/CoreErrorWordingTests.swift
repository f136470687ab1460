import KasaneCore
import KasaneWording
import Testing

private func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

extension CaseFileError: CaseSamples {
    static var samples: [CaseFileError] {
        [
            .invalidCaseNumber("R8 3"), .notOpened("R8-3"), .alreadyOpened("R8-3"),
            .unknownAgency("R8-3", "nowhere", role: .consentScope), .unknownMember("R8-3", "m9"),
            .duplicateMember("R8-3", "m1"), .invalidMemberKey("R8-3", "山田"), .secondPrincipal("R8-3", "m2", existing: "m1"),
            .emptyConsentScope("R8-3", "m1"), .noConsentToWithdraw("R8-3", "m1"),
            .withdrawalBeforeConsent("R8-3", "m1", withdrawnOn: day("2026-05-01"), grantedOn: day("2026-06-01")),
            .revisionWithoutPlan("R8-3", .multiAgency), .planAlreadyDrafted("R8-3", .outreach), .emptyPlan("R8-3"),
            .inFuture("R8-3", what: .consent, date: day("2026-12-01"), today: day("2026-11-27")),
            .beforeOpening("R8-3", what: .plan, date: day("2026-03-01"), openedOn: day("2026-04-01")),
            .agencyAlreadyInvolved("R8-3", "houkatsu"), .agencyNotInvolved("R8-3", "kodomo"),
            .unknownTriggerEvent("R8-3", 9), .caseClosed("R8-3", .ended), .notClosed("R8-3", .inSupport),
            .decision("R8-3", .endingNeedsLead), .guardianUnknown("R8-3", member: "m2", guardian: "m9"),
            .supportDecision("R8-3", .notAPlan(event: 2)), .erasureOfOpenCase("R8-3", .inSupport), .nothingToErase("R8-3"),
        ]
    }
}

extension CaseFact: CaseSamples {
    static var samples: [CaseFact] { CaseFact.allCases }
}

extension AgencyMention: CaseSamples {
    static var samples: [AgencyMention] { AgencyMention.allCases }
}

extension TriggerPolicyError: CaseSamples {
    static var samples: [TriggerPolicyError] {
        [
            .daysOutOfRange(setting: "days.plan", value: -1),
            .urgentLongerThanNormal(kind: .contactLost, urgent: 20, normal: 14),
            .contactLossLimitOutOfRange(0), .unknownKind(setting: "days", key: "plann"),
        ]
    }
}

extension BusinessCalendarError: CaseSamples {
    static var samples: [BusinessCalendarError] {
        [.blankClosureName(month: 6, day: 23), .impossibleClosureDay(name: "休業日", month: 2, day: 30)]
    }
}

extension CaseEventDecodingError: CaseSamples {
    static var samples: [CaseEventDecodingError] { [CaseEventDecodingError(kind: "meeting_moved")] }
}

@Suite("Core error wording (#13.3)")
struct CoreErrorWordingTests {
    @Test("every case-file, policy, calendar and stored-event error has words in Japanese and English")
    func everyCaseWorded() {
        let all: [[any Worded]] = [
            CaseFileError.samples, CaseFact.samples, AgencyMention.samples, TriggerPolicyError.samples,
            BusinessCalendarError.samples, CaseEventDecodingError.samples,
        ]
        #expect(WordingCheck.problems(all.flatMap { $0 }) == [])
    }

    @Test("a case-file refusal names the case, the id and what it is, in both languages", arguments: Language.allCases)
    func namesWhatIsWrong(language: Language) {
        let c = Catalogue(language)
        let agency = c(CaseFileError.unknownAgency("R9-1", "nowhere", role: .referringAgency))
        #expect(agency.contains("R9-1") && agency.contains("'nowhere'") && agency.contains(c(AgencyMention.referringAgency)))
        let future = c(CaseFileError.inFuture("R8-3", what: .consent, date: day("2026-12-01"), today: day("2026-11-27")))
        #expect(future.contains("R8-3") && future.contains("2026-12-01") && future.contains(c(CaseFact.consent)))
        let decision = c(CaseFileError.decision("R8-3", .endingNeedsLead))
        #expect(decision.contains("R8-3") && decision.contains(c(DecisionProblem.endingNeedsLead)))
    }

    @Test("the English words are the texts the store's import errors show (CaseFileError.description)")
    func englishIsDescription() {
        let error = CaseFileError.unknownAgency("R9-999", "nowhere", role: .referringAgency)
        #expect(Catalogue(.en)(error) == error.description)
        #expect(error.description == "case R9-999: unknown agency 'nowhere' as referring agency: register it in the "
            + "registry file or fix the id")
    }
}
