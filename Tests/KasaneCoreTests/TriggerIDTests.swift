import KasaneCore
import Testing

/// #13: a trigger id `<case number>#<source event>` is read in one place, `TriggerID`.
@Suite("Trigger ids")
struct TriggerIDTests {
    @Test("a trigger id reads back into its case number and event", arguments: [
        ("R8-3#5", "R8-3", 5), ("R08-0012#12", "R08-0012", 12), ("A#1", "A", 1),
    ] as [(String, CaseNumber, Int)])
    func reads(text: String, number: CaseNumber, event: Int) throws {
        let id = try #require(TriggerID(text))
        #expect(id == TriggerID(caseNumber: number, sourceEvent: event))
        #expect(id.text == text)
        #expect(Trigger.id(caseNumber: number, sourceEvent: event) == text)
    }

    @Test("anything else is not a trigger id", arguments: [
        "", "R8-3", "#5", "R8-3#", "R8-3#x", "R8-3#+5", "R8-3#0", "R8-3#-1", "R8-3#5#6", "R8-3#５", "R8-3#5 ",
        "R8-3#99999999999999999999", "R8-3#5>carry>jusou-2026-11-11",
    ])
    func refuses(text: String) {
        #expect(TriggerID(text) == nil)
    }
}
