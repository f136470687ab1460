import KasaneApp
import KasaneCore
import KasaneWording
import Testing

// One sample per case of each Worded type of the case, decision, document, report use cases (#13.3).

private let day = LocalDate(year: 2026, month: 11, day: 26)!

extension MemberProblem: CaseSamples {
    static var samples: [MemberProblem] {
        [.missingName("R8-3", "m2"), .bornAfterToday("R8-3", "m1", born: LocalDate(year: 2027, month: 1, day: 1)!, today: day)]
    }
}

extension CaseImportProblem: CaseSamples {
    static var samples: [CaseImportProblem] {
        [CaseImportProblem(source: "cases.yaml:12", problem: .missingName("R9-1", "m1"))]
    }
}

extension DecisionError: CaseSamples {
    static var samples: [DecisionError] {
        [.noMeeting("jusou-2026-12-09"), .noItem(meeting: "jusou-2026-12-09", item: "7"), .nothingToDecide("R8-1", seq: 3),
         .unknownOutcome("ok", allowed: [.planApproved, .planSentBack]),
         .reportedAfterToday(reported: LocalDate(year: 2026, month: 12, day: 1)!, today: day),
         .meetingRule(.beforeMeeting(sessionID: "jusou-2026-12-09", date: LocalDate(iso: "2026-12-09")!)),
         .noPlanAwaitingSupportDecision("R8-1", kind: nil), .noPlanAwaitingSupportDecision("R8-1", kind: .outreach),
         .severalPlansAwaitingSupportDecision("R8-1", kinds: [.outreach, .participation])]
    }
}

extension DocumentRequestError: CaseSamples {
    static var samples: [DocumentRequestError] { [.noMeeting("x-2026-01-01"), .unknownPerson("p-9"), .unknownAgency("a-9"),
                                                          .sameFileName("x-2026-01-01-agenda-master.html")] }
}

extension ReportError: CaseSamples {
    static var samples: [ReportError] { [.fiscalYearOutOfRange(1999)] }
}

extension ReportIndicator: CaseSamples {
    static var samples: [ReportIndicator] { allCases }
}

@Suite("Case, decision, document and report wording (#13.3)")
struct CaseWordingTests {
    @Test("#13.3 every case of the case-side errors and report lines is worded in Japanese and English")
    func everyCaseWorded() {
        let all: [any Worded] = MemberProblem.samples + CaseImportProblem.samples + DecisionError.samples
            + DocumentRequestError.samples + ReportError.samples + ReportIndicator.samples
        #expect(WordingCheck.problems(all) == [])
    }

    @Test("#13.3 member problems name the case and the key, never a name or a birth date")
    func memberProblemsArePrivate() {
        let born = LocalDate(year: 2027, month: 1, day: 1)!
        let problem = MemberProblem.bornAfterToday("R8-3", "m1", born: born, today: day)
        for language in Language.allCases {
            let words = Catalogue(language)(problem)
            #expect(words.contains("R8-3") && words.contains("m1") && !words.contains(born.iso), "\(words)")
        }
    }

    @Test("#13.3 an import problem is located in its file in both languages")
    func importProblemLocated() {
        let p = CaseImportProblem(source: "cases.yaml:12", problem: .missingName("R9-1", "m1"))
        #expect(Catalogue(.ja)(p).hasPrefix("cases.yaml:12: 事例 R9-1"))
        #expect(Catalogue(.en)(p).hasPrefix("cases.yaml:12: case R9-1"))
    }
}
