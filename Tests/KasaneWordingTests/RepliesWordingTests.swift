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

extension AnswerState: CaseSamples {
    static var samples: [AnswerState] { allCases }
}

extension ReplyRefusal: CaseSamples {
    static var samples: [ReplyRefusal] {
        [.tooLarge(bytes: 2_000_000, limit: 1_048_576), .notUTF8(line: 3), .lineTooLong(line: 4, limit: 8192),
         .controlCharacter(line: 5), .noCalendar, .badMail("boundary"), .badMail("read"), .notICalendar("UID"), .parserLimit,
         .notAReply(method: "REQUEST"), .attendeeCount(2), .unknownPartstat("MAYBE"), .delegatedToMissing,
         .otherMunicipality, .unknownItem(uid: "kasane-R8-9-1@example.jp"), .senderNotAttendee,
         .notInvited(uid: "kasane-R8-1-4@example.jp")]
    }
}

extension DelegationProblem: CaseSamples {
    static var samples: [DelegationProblem] { [.unknownDelegate, .otherAgency, .alreadyAttends] }
}

extension ReplyOutcome: CaseSamples {
    static var samples: [ReplyOutcome] {
        AnswerState.allCases.map { .applied($0) } + [.stale(answered: 1, current: 2), .counter, .duplicate]
            + DelegationProblem.samples.map { .delegationKept($0) } + ReplyRefusal.samples.map { .refused($0) }
    }
}

@Suite("Replies wording (#14.1, #14.2)")
struct ReplyWordingTests {
    @Test("every answer, refusal, delegation problem and outcome is worded in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(AnswerState.samples) == [])
        #expect(WordingCheck.problems(ReplyRefusal.samples) == [])
        #expect(WordingCheck.problems(DelegationProblem.samples) == [])
        #expect(WordingCheck.problems(ReplyOutcome.samples) == [])
    }

    @Test("出欠 reads 回答なし, 出席, 欠席, 未定, 代理")
    func answerWords() {
        #expect(AnswerState.allCases.map { $0.words(in: .ja) } == ["回答なし", "出席", "欠席", "未定", "代理"])
    }
}
