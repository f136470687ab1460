import KasaneCore
import KasaneStore
import KasaneWording
import Testing

extension OutboxState: CaseSamples {
    static var samples: [OutboxState] { allCases }
}

extension OutboxEntry: CaseSamples {
    static var samples: [OutboxEntry] {
        let draft = OutboxDraft(messageID: "a.1@example.jp", triggerID: "R8-1#6", personID: "p1", method: .request,
                                sequence: 1, sender: "a@example.jp", recipient: "b@example.jp", path: "out/p1/a.eml",
                                message: "")
        return OutboxState.allCases.map {
            OutboxEntry(number: 1, draft: draft, state: $0, attempts: 1, queuedAt: UTCTimestamp(seconds: 0),
                        lastAttemptAt: nil, serverReply: $0 == .sent ? "250 OK" : nil, failure: $0 == .failed ? "451" : nil)
        } + [OutboxEntry(number: 2, draft: draft, state: .sent, attempts: 2, queuedAt: UTCTimestamp(seconds: 0),
                         lastAttemptAt: nil, serverReply: "250 OK", failure: nil)]
    }
}

@Suite("Replies and outbox wording (#14)")
struct RepliesWordingTests {
    @Test("every outbox state and entry is worded in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(OutboxState.samples) == [])
        #expect(WordingCheck.problems(OutboxEntry.samples) == [])
    }

    @Test("a retried message says so, with the relay's reply; a failure names its reason")
    func retriedAndFailed() {
        let samples = OutboxEntry.samples
        #expect(samples.last!.words(in: .ja).contains("再送") && samples.last!.words(in: .ja).contains("250 OK"))
        #expect(samples.first { $0.state == .failed }!.words(in: .ja).contains("理由 451"))
    }
}
