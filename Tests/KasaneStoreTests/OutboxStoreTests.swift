import Foundation
import KasaneCore
import KasaneStore
import Testing

/// Issue 14, point 5, at the store: the outbox is recorded with the publishing run, and each
/// message is claimed once.
@Suite("AppDatabase: the outbox (#14.5)")
struct OutboxStoreTests {
    static func draft(_ n: Int) -> OutboxDraft {
        OutboxDraft(messageID: "kasane-r8-1-\(n).p-city.\(n)@example.jp", triggerID: "R8-1#\(n)", personID: "p-city",
                    method: .request, sequence: 0, sender: "city@example.jp", recipient: "a@city.example.jp",
                    path: "out/p-city/\(n).eml", message: "Subject: \(n)\r\n\r\nbody\r\n")
    }

    /// Records `count` drafts numbered from the first number the store gives.
    @discardableResult
    static func record(_ db: AppDatabase, count: Int, queued: Bool = true) throws -> Int {
        try db.publishing(queued: queued, at: UTCTimestamp(seconds: 100)) { snapshot, first in
            (PublishRecord(items: [], sentAt: UTCTimestamp(seconds: 100)), (0..<count).map { draft(first + $0) }, first)
        }
    }

    @Test("drafts are recorded queued (or files only) in order, numbered from the number the store gave")
    func recorded() throws {
        let folder = try TemporaryFolder()
        let db = try Fixture.workspace(folder)
        #expect(try Self.record(db, count: 3) == 1)
        #expect(try Self.record(db, count: 2, queued: false) == 4)
        let all = try db.outbox(states: nil)
        #expect(all.map(\.number) == [1, 2, 3, 4, 5])
        #expect(all.map(\.state) == [.queued, .queued, .queued, .written, .written])
        #expect(all.map(\.draft) == (1...5).map(Self.draft))
        #expect(try db.outbox(states: [.written]).map(\.number) == [4, 5])
    }

    @Test("a run that throws records no message")
    func throwingRunRecordsNothing() throws {
        struct Stop: Error {}
        let folder = try TemporaryFolder()
        let db = try Fixture.workspace(folder)
        #expect(throws: Stop.self) {
            try db.publishing(queued: true, at: UTCTimestamp(seconds: 1)) { _, first -> (PublishRecord, [OutboxDraft], Int) in
                _ = Self.draft(first)
                throw Stop()
            }
        }
        #expect(try db.outbox(states: nil).isEmpty)
    }

    @Test("a message is claimed once: a second claim is refused, and sent or failed only from sending")
    func claimedOnce() throws {
        let folder = try TemporaryFolder()
        let db = try Fixture.workspace(folder)
        try Self.record(db, count: 2)
        #expect(try db.markSending(1, at: UTCTimestamp(seconds: 200)))
        #expect(try !db.markSending(1, at: UTCTimestamp(seconds: 201)), "another run cannot take it")
        try db.markSent(1, reply: "250 2.0.0 OK", at: UTCTimestamp(seconds: 202))
        #expect(try !db.markSending(1, at: UTCTimestamp(seconds: 203)), "a sent message is never claimed again")
        #expect(throws: StoreError.self) { try db.markSent(2, reply: "250", at: UTCTimestamp(seconds: 204)) }
        #expect(try db.markSending(2, at: UTCTimestamp(seconds: 205)))
        try db.markFailed(2, reason: "451 later", at: UTCTimestamp(seconds: 206))
        #expect(try db.markSending(2, at: UTCTimestamp(seconds: 207)), "a failed message is tried again")
        try db.markSent(2, reply: "250 ok", at: UTCTimestamp(seconds: 208))
        let all = try db.outbox(states: nil)
        #expect(all.map(\.state) == [.sent, .sent])
        #expect(all.map(\.attempts) == [1, 2] && all.map(\.retried) == [false, true])
        #expect(all[0].serverReply == "250 2.0.0 OK" && all[1].failure == nil)
        #expect(all[1].lastAttemptAt == UTCTimestamp(seconds: 208))
    }

    @Test("a Message-ID is never recorded twice")
    func uniqueMessageID() throws {
        let folder = try TemporaryFolder()
        let db = try Fixture.workspace(folder)
        try Self.record(db, count: 1)
        #expect(throws: (any Error).self) {
            try db.publishing(queued: true, at: UTCTimestamp(seconds: 1)) { _, _ in
                (PublishRecord(items: [], sentAt: UTCTimestamp(seconds: 1)), [Self.draft(1)], 0)
            }
        }
        #expect(try db.outbox(states: nil).count == 1)
    }
}
