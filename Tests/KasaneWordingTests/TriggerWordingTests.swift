import KasaneCore
import KasaneWording
import Testing

@Suite("Why an item sits as its meeting, in words (#13.3)")
struct TriggerWordingTests {
    @Test("every meeting basis and the members without consent are worded in both languages (R1b, R3, R4, R6)")
    func explanations() {
        let samples: [any Worded] = MeetingBasis.allCases.map { $0 }
            + MeetingBasis.allCases.map { MeetingExplanation(basis: $0, membersWithoutConsent: ["m2"]) }
        #expect(WordingCheck.problems(samples) == [])
        let named = MeetingExplanation(basis: .noConsent, membersWithoutConsent: ["m1", "m2"])
        for language in Language.allCases {
            let words = named.words(in: language)
            #expect(words.contains("m1") && words.contains("m2") && words.contains("(R1b)") && words.contains("(R3)"), "\(words)")
        }
    }
}
