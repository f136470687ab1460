import Foundation
import KasaneCore
import KasaneStore
import Testing

private typealias F = Fixture

/// The contract every `WorkspaceStore` keeps (#13.2, STYLE §18), written against the protocol
/// only: a second implementation (PostgreSQL) runs these checks unchanged with its own factory.
/// Each check gets a fresh, empty store from `make`.
enum StoreContract {
    /// A fresh, empty store.
    typealias Factory = () throws -> any WorkspaceStore

    /// Every check, by name (for a parameterised test).
    static var checks: [(name: String, run: (Factory) throws -> Void)] {
        [
        ("registry round trip", registryRoundTrip),
        ("cases: open, read, refuse duplicates and unknown numbers", cases),
        ("chain: intact after writes, heads per case", chain),
        ("schedule: save, read, records kept, one-transaction update", schedule),
        ("publishing: calendar objects and recipients", publishing),
        ("feed tokens: issue, refuse a second, rotate, revoke; audit", feedTokens),
        ("change notification: reads are not changes, every commit is", changeNotification),
        ]
    }

    static func seeded(_ make: Factory) throws -> any WorkspaceStore {
        let store = try make()
        _ = try store.importRegistry(F.registry)
        return store
    }

    static func registryRoundTrip(_ make: Factory) throws {
        let store = try make()
        let first = try store.importRegistry(F.registry)
        #expect(first.added.sorted() == F.labels.sorted())
        #expect(try store.registry().agencies.map(\.id).sorted() == F.agencies.map(\.id).sorted())
        #expect(try store.registry().people.map(\.id).sorted() == F.people.map(\.id).sorted())
        #expect(try store.registry().bodies.map(\.id).sorted() == F.bodies.map(\.id).sorted())
        let again = try store.importRegistry(F.registry)
        #expect(again.added.isEmpty && again.changed.isEmpty)
        #expect(again.unchanged.sorted() == F.labels.sorted())
    }

    static func cases(_ make: Factory) throws {
        let store = try seeded(make)
        let opened = try store.openCase(F.opened("R8-1"), members: F.members, today: F.today, now: F.now)
        #expect(opened.number == "R8-1")
        #expect(try store.caseFile("R8-1").number == "R8-1")
        #expect(try store.caseFiles().map(\.number) == ["R8-1"])
        // #13.4: one case's read, not the city's; unknown numbers are left out.
        #expect(try store.caseFiles(["R8-1", "R8-9"]).map(\.number) == ["R8-1"])
        #expect(try store.caseFiles([String]()).isEmpty)
        #expect(try store.events(of: "R8-1").count == (try store.eventCount()))
        #expect(try store.eventCount() >= 1)
        #expect(try store.memberDetails(of: "R8-1")["m1"]?.name == "架空 花子")
        #expect(throws: StoreError.duplicateCase("R8-1")) {
            try store.openCase(F.opened("R8-1"), members: F.members, today: F.today, now: F.now)
        }
        #expect(throws: StoreError.caseNotFound("R8-9")) { try store.caseFile("R8-9") }
        #expect(throws: StoreError.caseNotFound("R8-9")) { try store.events(of: "R8-9") }
        let imported = try store.importCases([CaseImport(opened: F.opened("R8-2"), members: F.members, events: [])],
                                             today: F.today, now: F.now)
        #expect(imported.map(\.number) == ["R8-2"])
        #expect(try store.caseFiles().map(\.number).sorted() == ["R8-1", "R8-2"])
    }

    static func chain(_ make: Factory) throws {
        let store = try seeded(make)
        try store.openCase(F.opened("R8-1"), members: F.members, today: F.today, now: F.now)
        try store.openCase(F.opened("R8-2"), members: F.members, today: F.today, now: F.now)
        let verified = try store.verifyChains()
        #expect(verified.cases == 2 && verified.broken.isEmpty)
        #expect(verified.events == (try store.eventCount()))
        let heads = try store.chainHeads(of: ["R8-1", "R8-2"])
        #expect(heads.count == 2)
        #expect(try store.chainHeads(at: [(number: "R8-1", seq: 1)]).count == 1)
    }

    static func session(_ id: String, on iso: String) -> Session {
        Session(id: id, kind: .regular, seriesUID: "series-jusou", title: "重層的支援会議", bodies: ["jusou"],
                date: F.date(iso), start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 960), capacity: 4,
                minutesPerItem: 30, location: nil, onlineURL: nil)
    }

    static func item(_ trigger: String, in session: String) -> ScheduledItem {
        ScheduledItem(triggerID: trigger, caseNumber: "R8-1", sessionID: session, position: 0,
                      start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870),
                      meetingKind: .multiAgency, dueOn: F.date("2026-12-10"), reason: "test", calendarKey: nil)
    }

    static func schedule(_ make: Factory) throws {
        let store = try seeded(make)
        try store.openCase(F.opened("R8-1"), members: F.members, today: F.today, now: F.now)
        let held = session("jusou-2026-11-11", on: "2026-11-11")
        let next = session("jusou-2026-12-09", on: "2026-12-09")
        let first = try store.saveSchedule(items: [item("R8-1#3", in: held.id), item("R8-1#4", in: next.id)],
                                           sessions: [held, next], today: F.date("2026-11-02"))
        #expect(first.itemsAdded == 2 && first.sessionsAdded == 2)
        #expect(try store.sessions().map(\.id) == [held.id, next.id])
        #expect(try store.scheduledItems().map(\.triggerID).sorted() == ["R8-1#3", "R8-1#4"])
        // #13.4: one meeting's read.
        for s in [held, next] {
            #expect(try store.session(s.id)?.id == s.id)
            #expect(try store.scheduledItems(inSession: s.id) == (try store.scheduledItems()).filter { $0.sessionID == s.id })
        }
        #expect(try store.session("nothing") == nil)
        #expect(try store.scheduledItems(inSession: "nothing").isEmpty)
        // R20: the held session is a record: a later run that forgets it does not remove it.
        let (report, seen) = try store.updateSchedule(today: F.date("2026-11-26")) { snapshot in
            (items: [], sessions: [], extra: (snapshot.registry.agencies.count, snapshot.caseFiles.count, snapshot.items.count))
        }
        #expect(seen.0 == F.agencies.count && seen.1 == 1 && seen.2 == 2)
        #expect(report.itemsRemoved == 1)
        #expect(try store.sessions().map(\.id) == [held.id])
        #expect(throws: StoreError.self) { try store.setState(.held, of: "no-such", today: F.date("2026-12-10")) }
        try store.setState(.held, of: held.id, today: F.date("2026-11-26"))
        #expect(try store.sessions().first?.state == .held)
        #expect(try store.jointAcceptances().isEmpty)
        #expect(try store.withdrawJointHolding(triggerID: "R8-1#4") == false)
    }

    static func event(_ uid: String, sequence: Int) -> CalendarEvent {
        CalendarEvent(uid: uid, sequence: sequence, stamp: UTCTimestamp(seconds: 1_795_000_000),
                      date: F.date("2026-12-09"), start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 870),
                      summary: "重層的支援会議 R8-1", description: "", location: nil, url: nil, status: .confirmed,
                      organizer: CalendarAddress(name: "福祉政策課", mailbox: "city@example.jp"), attendees: [])
    }

    static func publishing(_ make: Factory) throws {
        let store = try seeded(make)
        let sent = UTCTimestamp(seconds: 1_795_000_000)
        let published = PublishedItem(triggerID: "R8-1#3", event: event("a@example.jp", sequence: 0), contentHash: "h0",
                                      cancelledAt: nil, recipients: ["p-city": SentInvitation(method: .request, sequence: 0)])
        // Calendar objects only: nobody is marked as sent anything.
        #expect(try store.savePublished([published], sentAt: sent, recipients: false) > 0)
        #expect(try store.publishedItems().map(\.triggerID) == ["R8-1#3"])
        #expect(try store.publishedItems().first?.recipients.isEmpty == true)
        #expect(try store.savePublished([published], sentAt: sent, recipients: false) == 0)
        let seen = try store.publishing { snapshot in
            (record: PublishRecord(items: [published], sentAt: sent), extra: snapshot.published.count)
        }
        #expect(seen == 1)
        #expect(try store.publishedItems().first?.recipients["p-city"] == SentInvitation(method: .request, sequence: 0))
        // A failed run records nothing.
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            try store.publishing { _ -> (record: PublishRecord, extra: Int) in throw Failed() }
        }
        #expect(try store.publishedItems().first?.event.sequence == 0)
    }

    static func feedTokens(_ make: Factory) throws {
        let store = try seeded(make)
        let t = UTCTimestamp(seconds: 1_795_000_000)
        let issued = try store.issueFeedToken(agency: "kodomo", now: t)
        #expect(try store.activeFeedToken(hash: FeedTokenSecret.hash(issued.secret))?.agency == "kodomo")
        #expect(try store.activeFeedTokens()[FeedTokenSecret.hash(issued.secret)]?.id == issued.id)
        #expect(throws: FeedTokenError.self) { try store.issueFeedToken(agency: "kodomo", now: t) }
        #expect(throws: FeedTokenError.self) { try store.issueFeedToken(agency: "no-such", now: t) }
        let (rotated, revoked) = try store.rotateFeedToken(agency: "kodomo", now: t)
        #expect(revoked == [issued.id])
        #expect(try store.activeFeedToken(hash: FeedTokenSecret.hash(issued.secret)) == nil)
        #expect(try store.revokeFeedTokens(agency: "kodomo", now: t) == [rotated.id])
        #expect(try store.activeFeedTokens().isEmpty)
        #expect(try store.feedTokens(agency: "kodomo").count == 2)
        try store.recordFeedReads([FeedAuditEntry(at: t, agency: "kodomo", tokenID: rotated.id, client: "127.0.0.1",
                                                  status: 200, etag: "\"e\"")])
        #expect(try store.feedAudit(agency: "kodomo", since: nil, limit: nil).map(\.status) == [200])
        #expect(try store.feedAudit(agency: "city", since: nil, limit: nil).isEmpty)
    }

    static func changeNotification(_ make: Factory) throws {
        let store = try seeded(make)
        let start = try store.changeToken()
        let version = try store.workspaceVersion()
        _ = try store.registry()
        _ = try store.caseFiles()
        #expect(try !store.hasChanged(since: start), "a read is not a change")
        try store.openCase(F.opened("R8-1"), members: F.members, today: F.today, now: F.now)
        #expect(try store.hasChanged(since: start), "a case opened is a change")
        #expect(try store.workspaceVersion() != version)
        let afterCase = try store.changeToken()
        let versionAfterCase = try store.workspaceVersion()
        // A token issued or an audit row is a commit (the token cache must see a revocation) but
        // not a change of what documents and feeds are made from.
        _ = try store.issueFeedToken(agency: "kodomo", now: UTCTimestamp(seconds: 1_795_000_000))
        #expect(try store.hasChanged(since: afterCase))
        try store.recordFeedReads([FeedAuditEntry(at: UTCTimestamp(seconds: 1_795_000_000), agency: nil, tokenID: nil,
                                                  client: "127.0.0.1", status: 404, etag: nil)])
        #expect(try store.workspaceVersion() == versionAfterCase)
        let settled = try store.changeToken()
        #expect(try !store.hasChanged(since: settled))
    }
}
