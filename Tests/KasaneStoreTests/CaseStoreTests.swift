import Foundation
import GRDB
import KasaneCore
import KasaneStore
import KasaneWording
import Testing

@Suite("AppDatabase: case files")
struct CaseStoreTests {
    typealias F = Fixture

    /// A life of case R8-1 touching every event kind, in order.
    static let history: [CaseEvent] = [
        .consentGranted(.init(member: "m1", grantedOn: F.date("2026-09-10"),
                              scope: ConsentScope(agencies: ["shakyo"], fields: [.elderly, .children]),
                              formReference: "同意書-001")),
        .agencyJoined(.init(agency: "shakyo", on: F.date("2026-09-11"))),
        .contactLogged(ContactAttempt(date: F.date("2026-09-12"), method: .visit, reached: true, by: "houkatsu")),
        .principalAttendance(.init(attends: true, on: F.date("2026-09-12"))),
        .planDrafted(.init(kind: .multiAgency, draftedOn: F.date("2026-10-01"), services: [
            PlanService(agency: "houkatsu", task: "介護サービスの調整", statutory: false),
            PlanService(agency: "ibasho", task: "居場所", statutory: true),
        ])),
        // The plan holds a statutory programme, so municipal staff make the 支援決定 (R16).
        .decisionRecorded(.init(onEvent: 8, decidedOn: F.date("2026-10-10"), outcome: .planApproved,
                                monitoringOn: F.date("2027-01-10"), supportDecisionBy: "p-city")),
        .consentGranted(.init(member: "m2", grantedOn: F.date("2026-10-11"), scope: ConsentScope(fields: [.elderly]),
                              formReference: "同意書-002")),
        .consentWithdrawn(.init(member: "m2", withdrawnOn: F.date("2026-10-20"))),
        .planRevised(.init(kind: .multiAgency, draftedOn: F.date("2026-11-01"), services: [
            PlanService(agency: "houkatsu", task: "介護サービスの調整（改）", statutory: false),
        ], urgent: true)),
        .agencyLeft(.init(agency: "kodomo", on: F.date("2026-11-02"))),
        .contactLogged(ContactAttempt(date: F.date("2026-11-03"), method: .phone, reached: false)),
        .endProposed(.init(proposedOn: F.date("2026-11-20"), by: "shakyo")),
    ]

    /// The state the core's fold gives for the opening, the two members and `events`.
    static func folded(_ events: [CaseEvent]) -> CaseFile {
        let opened = CaseEvent.opened(F.opened("R8-1"))
        var file = CaseFile(replaying: [RecordedEvent(seq: 1, event: opened, recordedAt: "")])!
        let all = F.members.map { CaseEvent.memberAdded($0.member) } + events
        for (i, e) in all.enumerated() { file.apply(e, seq: i + 2) }
        return file
    }

    @Test("appended events round-trip: the stored log equals what was appended and replays to the folded state")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        var returned: CaseFile?
        // One append per event, then one batch: both paths must agree with the fold.
        for e in Self.history.prefix(6) {
            returned = try db.append([SourcedEvent(e)], to: "R8-1", today: F.today, now: F.now)
        }
        returned = try db.append(Self.history.dropFirst(6).map { SourcedEvent($0) }, to: "R8-1", today: F.today, now: F.now)
        let expected = Self.folded(Self.history)
        #expect(returned == expected)
        #expect(try db.caseFile("R8-1") == expected)
        #expect(try db.caseFiles() == [expected])

        let events = try db.events(of: "R8-1")
        #expect(events.map(\.seq) == Array(1...(1 + F.members.count + Self.history.count)))
        #expect(events.map(\.event) == [.opened(F.opened("R8-1"))] + F.members.map { .memberAdded($0.member) } + Self.history)
        #expect(try db.eventCount() == events.count)

        // The state survives closing and reopening the workspace.
        let reopened = try AppDatabase(path: folder.path("kasane.sqlite"))
        #expect(try reopened.caseFile("R8-1") == expected)
        #expect(expected.status == .planning)
        #expect(expected.plans.map(\.version) == [1, 2])
        #expect(expected.plans.map(\.state) == [.superseded, .drafted])
        #expect(expected.consents.map(\.withdrawnOn) == [nil, F.date("2026-10-20")])
        #expect(expected.involvedAgencies == ["houkatsu", "shakyo", "ibasho"])
    }

    @Test("personal details of members are stored apart and read back by member key")
    func memberDetails() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let details = try db.memberDetails(of: "R8-1")
        #expect(details == Dictionary(uniqueKeysWithValues: F.members.map { ($0.member.key, $0.details) }))
        // No personal detail appears in the event log.
        let payloads = try DatabaseQueue(path: folder.path("kasane.sqlite")).read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM case_event")
        }
        for name in F.members.map(\.details.name) + ["かさね市1-1", "1950-01-02", "要介護"] {
            #expect(!payloads.joined().contains(name))
        }
    }

    @Test("caseFiles lists every case in the order they were opened")
    func listOrder() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspace(folder)
        for n in ["R8-10", "R8-2", "A-1"] {
            try db.openCase(F.opened(n), members: [], today: F.today, now: F.now)
        }
        #expect(try db.caseFiles().map(\.number) == ["R8-10", "R8-2", "A-1"])
    }

    // MARK: - Append-only log

    @Test("the case_event triggers refuse UPDATE and DELETE, even through a raw connection", arguments: [
        "UPDATE case_event SET kind = 'contact_logged' WHERE seq = 1",
        "UPDATE case_event SET payload = '{}'",
        "UPDATE case_event SET recorded_at = 'x' WHERE seq = 2",
        "DELETE FROM case_event WHERE seq = 3",
        "DELETE FROM case_event",
    ])
    func appendOnly(sql: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try F.workspaceWithCase(folder)
        let before = try dumpDatabase(at: path)
        let queue = try DatabaseQueue(path: path)
        let error = try #require(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: sql) }
        }
        #expect(error.message?.contains("append-only") == true)
        #expect(try dumpDatabase(at: path) == before)
    }

    @Test("the schema refuses rows the store would never write", arguments: [
        "INSERT INTO case_file (number, opened_on) VALUES ('R8-1', '2026-01-01')",  // duplicate number
        "INSERT INTO case_file (number, opened_on) VALUES ('R9-1', '2027-02-29')",  // impossible date
        "INSERT INTO case_file (number, opened_on) VALUES ('', '2026-01-01')",
        "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at) VALUES (99, 1, 'opened', '{}', 'x')",  // no case 99
        "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at) VALUES (1, 9, 'gossip', '{}', 'x')",
        "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at) VALUES (1, 9, 'opened', 'not json', 'x')",
        "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at) VALUES (1, 1, 'opened', '{}', 'x')",  // seq taken
        "INSERT INTO household_member (case_id, key, name) VALUES (1, 'm3', '')",
        "INSERT INTO agency (id, name, field, kind, mailbox, position) VALUES ('x', 'X', '福祉', '庁内', 'x@example.jp', 9)",
        "INSERT INTO agency (id, name, field, kind, mailbox, position) VALUES ('x', 'X', '高齢', '庁内', 'no-mailbox', 9)",
    ])
    func schemaInvariants(sql: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        _ = try F.workspaceWithCase(folder)
        let before = try dumpDatabase(at: path)
        let queue = try DatabaseQueue(path: path, configuration: {
            var c = Configuration()
            c.foreignKeysEnabled = true
            return c
        }())
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: sql) } }
        #expect(try dumpDatabase(at: path) == before)
    }

    // MARK: - Refused writes

    /// A refused append: the events (the last one is bad) and what the message must say.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let events: [CaseEvent]
        var newMembers: [NewMember] = []
        let message: [String]
    }

    static let okContact = CaseEvent.contactLogged(ContactAttempt(date: F.date("2026-10-01"), method: .visit, reached: false))
    static let okConsent = CaseEvent.consentGranted(.init(member: "m1", grantedOn: F.date("2026-09-10"),
                                                           scope: ConsentScope(fields: [.elderly]), formReference: "F-1"))

    static let refusals: [Refusal] = [
        Refusal(testDescription: "unknown agency in a consent scope",
                events: [okContact, .consentGranted(.init(member: "m1", grantedOn: F.date("2026-09-10"),
                                                          scope: ConsentScope(agencies: ["houkatsu", "nowhere"]),
                                                          formReference: "F-1"))],
                message: ["case R8-1", "unknown agency 'nowhere'", "consent scope"]),
        Refusal(testDescription: "empty consent scope",
                events: [okContact, .consentGranted(.init(member: "m1", grantedOn: F.date("2026-09-10"),
                                                          scope: ConsentScope(), formReference: "F-1"))],
                message: ["case R8-1", "names no agency and no 分野"]),
        Refusal(testDescription: "consent of an unknown member",
                events: [.consentGranted(.init(member: "m9", grantedOn: F.date("2026-09-10"),
                                               scope: ConsentScope(fields: [.elderly]), formReference: "F-1"))],
                message: ["case R8-1", "no household member 'm9'"]),
        Refusal(testDescription: "withdrawal before the consent it withdraws",
                events: [okConsent, .consentWithdrawn(.init(member: "m1", withdrawnOn: F.date("2026-09-09")))],
                message: ["case R8-1", "2026-09-09", "before the consent of 'm1'", "2026-09-10"]),
        Refusal(testDescription: "withdrawal without a consent",
                events: [okContact, .consentWithdrawn(.init(member: "m2", withdrawnOn: F.date("2026-10-09")))],
                message: ["case R8-1", "'m2' has no consent in force"]),
        Refusal(testDescription: "plan revision without a plan",
                events: [okContact, .planRevised(.init(kind: .outreach, draftedOn: F.date("2026-10-01"),
                                                      services: [PlanService(agency: "shakyo", task: "訪問", statutory: true)]))],
                message: ["case R8-1", "no アウトリーチ等 plan to revise"]),
        Refusal(testDescription: "second first plan",
                events: [.planDrafted(.init(kind: .multiAgency, draftedOn: F.date("2026-10-01"),
                                            services: [PlanService(agency: "shakyo", task: "調整", statutory: false)])),
                         .planDrafted(.init(kind: .multiAgency, draftedOn: F.date("2026-10-02"),
                                            services: [PlanService(agency: "shakyo", task: "調整", statutory: false)]))],
                message: ["case R8-1", "plan already exists"]),
        Refusal(testDescription: "plan service by an unknown agency",
                events: [.planDrafted(.init(kind: .multiAgency, draftedOn: F.date("2026-10-01"),
                                            services: [PlanService(agency: "ghost", task: "調整", statutory: false)]))],
                message: ["case R8-1", "unknown agency 'ghost'"]),
        Refusal(testDescription: "contact dated after today",
                events: [okContact, .contactLogged(ContactAttempt(date: F.date("2026-11-27"), method: .phone, reached: true))],
                message: ["case R8-1", "2026-11-27", "after today", "2026-11-26"]),
        Refusal(testDescription: "event dated before the opening",
                events: [.contactLogged(ContactAttempt(date: F.date("2026-08-31"), method: .phone, reached: true))],
                message: ["case R8-1", "2026-08-31", "before the case was opened"]),
        Refusal(testDescription: "duplicate household member",
                events: [.memberAdded(HouseholdMember(key: "m1", relation: "母", isPrincipal: false))],
                newMembers: [NewMember(member: HouseholdMember(key: "m1", relation: "母", isPrincipal: false),
                                       details: MemberDetails(name: "架空 母"))],
                message: ["case R8-1", "'m1' already exists"]),
        Refusal(testDescription: "member without details",
                events: [okContact, .memberAdded(HouseholdMember(key: "m3", relation: "母", isPrincipal: false))],
                message: ["case R8-1", "'m3' needs a name"]),
        Refusal(testDescription: "member born after today",
                events: [.memberAdded(HouseholdMember(key: "m3", relation: "子", isPrincipal: false))],
                newMembers: [NewMember(member: HouseholdMember(key: "m3", relation: "子", isPrincipal: false),
                                       details: MemberDetails(name: "架空 子", birthDate: F.date("2027-01-01")))],
                message: ["case R8-1", "'m3'", "birth date after today"]),
        Refusal(testDescription: "decision on an event that does not exist",
                events: [.decisionRecorded(.init(onEvent: 42, decidedOn: F.date("2026-10-01"), outcome: .planApproved))],
                message: ["case R8-1", "no event #42"]),
        Refusal(testDescription: "agency that is not involved leaves",
                events: [.agencyLeft(.init(agency: "shakyo", on: F.date("2026-10-01")))],
                message: ["case R8-1", "'shakyo' is not involved"]),
    ]

    @Test("a refused append names the case and the problem, and leaves the database unchanged", arguments: refusals)
    func refusedAppend(refusal: Refusal) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try F.workspaceWithCase(folder)
        let before = try dumpDatabase(at: path)
        let error = try #require(throws: (any Error).self) {
            try db.append(refusal.events.map { SourcedEvent($0) }, to: "R8-1", newMembers: refusal.newMembers,
                          today: F.today, now: F.now)
        }
        let message = "\(error)"
        for part in refusal.message { #expect(message.contains(part), "\(message)") }
        #expect(!message.contains("\n"))
        #expect(try dumpDatabase(at: path) == before)
        #expect(try db.caseFile("R8-1") == Self.folded([]))
    }

    @Test("appending to a case that does not exist is refused with its number")
    func unknownCase() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspaceWithCase(folder)
        let error = try #require(throws: StoreError.self) {
            try db.append([SourcedEvent(Self.okContact)], to: "R9-99", today: F.today, now: F.now)
        }
        #expect(error == .caseNotFound("R9-99"))
        #expect(Catalogue(.en)(error).contains("case R9-99 does not exist"))
    }

    // MARK: - Case numbers

    @Test("opening a case number twice is refused and changes nothing")
    func duplicateOpen() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try F.workspaceWithCase(folder)
        let before = try dumpDatabase(at: path)
        let error = try #require(throws: (any Error).self) {
            try db.openCase(F.opened("R8-1", on: "2026-10-01"), members: [], today: F.today, now: F.now)
        }
        #expect((error as? StoreError) == .duplicateCase("R8-1"), "\(error)")
        #expect(try dumpDatabase(at: path) == before)
    }

    @Test("a bulk import is one transaction: a refused entry anywhere leaves nothing behind", arguments: [
        // (the case numbers of the batch, the entry that is refused, what the message says)
        (["R9-1", "R9-2", "R8-1"], "cases.yaml:30", "case R8-1 already exists"),
        (["R9-1", "R9-2", "R9-1"], "cases.yaml:30", "case R9-1 already exists"),
        (["R9-1", "R9 2", "R9-3"], "cases.yaml:20", "'R9 2' is not a valid case number"),
    ])
    func importIsAtomic(numbers: [String], source: String, message: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try F.workspaceWithCase(folder)
        let before = try dumpDatabase(at: path)
        let batch = numbers.enumerated().map { i, n in
            CaseImport(opened: F.opened(n), source: "cases.yaml:\(10 * (i + 1))", members: F.members,
                       events: [SourcedEvent(Self.okConsent, source: "cases.yaml:\(10 * (i + 1) + 5)")])
        }
        let error = try #require(throws: LocatedError.self) {
            try db.importCases(batch, today: F.today, now: F.now)
        }
        #expect(error.source == source)
        #expect(error.description.hasPrefix("\(source): "))
        // The store's own refusal is typed (worded by the front-end); the core's is a message.
        #expect((error.storeError.map { Catalogue(.en)($0) } ?? error.message).contains(message))
        #expect(try dumpDatabase(at: path) == before)
        #expect(try caseNumbers(at: path) == ["R8-1"])
    }

    @Test("a refused event inside a bulk import is located at its own line")
    func importEventLocated() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("kasane.sqlite")
        let db = try F.workspace(folder)
        let badConsent = CaseEvent.consentGranted(.init(member: "m1", grantedOn: F.date("2026-09-10"),
                                                         scope: ConsentScope(agencies: ["nowhere"]), formReference: "F"))
        let batch = [
            CaseImport(opened: F.opened("R9-1"), source: "c.yaml:2", members: F.members, events: []),
            CaseImport(opened: F.opened("R9-2"), source: "c.yaml:9", members: F.members,
                       events: [SourcedEvent(Self.okContact, source: "c.yaml:15"), SourcedEvent(badConsent, source: "c.yaml:16")]),
        ]
        let error = try #require(throws: LocatedError.self) { try db.importCases(batch, today: F.today, now: F.now) }
        #expect(error.description.hasPrefix("c.yaml:16: case R9-2: unknown agency 'nowhere'"))
        #expect(try caseNumbers(at: path).isEmpty)
    }

    @Test("a successful bulk import stores every case with its members and events")
    func importStoresAll() throws {
        let folder = try TemporaryFolder()
        let db = try F.workspace(folder)
        let batch = (1...25).map { i in
            CaseImport(opened: F.opened("R9-\(i)"), members: F.members, events: [SourcedEvent(Self.okConsent)])
        }
        let files = try db.importCases(batch, today: F.today, now: F.now)
        #expect(files.map(\.number) == (1...25).map { "R9-\($0)" })
        #expect(try db.caseFiles() == files)
        #expect(try db.eventCount() == 25 * 4)
        #expect(files.allSatisfy { $0.status == .assessment })
    }
}

@Suite("AppDatabase: the whole-city read (#13.4)")
struct WholeCityReadTests {
    typealias F = Fixture

    /// A file workspace with `count` cases, each with a few events after its opening.
    static func city(_ folder: TemporaryFolder, count: Int) throws -> AppDatabase {
        let db = try F.workspace(folder)
        for i in 1...count {
            let number = CaseNumber("R8-\(i)")
            try db.openCase(F.opened(number), members: F.members, today: F.today, now: F.now)
            try db.append([SourcedEvent(.consentGranted(.init(
                member: "m1", grantedOn: F.date("2026-09-10"), scope: ConsentScope(agencies: ["shakyo"], fields: [.elderly]),
                formReference: "同意書-\(i)")))] + (i % 3 == 0 ? [SourcedEvent(.agencyJoined(.init(agency: "shakyo", on: F.date("2026-09-11"))))] : []),
                to: number, today: F.today, now: F.now)
        }
        return db
    }

    @Test("the city read in parallel slices gives every case, in opening order, equal to reading each case alone")
    func sameAsOneByOne() throws {
        let folder = try TemporaryFolder()
        let db = try Self.city(folder, count: 37)
        let all = try db.caseFiles()
        #expect(all.map(\.number) == (1...37).map { CaseNumber("R8-\($0)") })
        #expect(try all == (1...37).map { try db.caseFile(CaseNumber("R8-\($0)")) })
    }

    @Test("with two corrupt payloads in different slices, the read names the first case in opening order")
    func firstCorruptCaseIsReported() throws {
        let folder = try TemporaryFolder()
        _ = try Self.city(folder, count: 37)
        // Damage the stored payloads behind the store's back (the schema refuses it, so drop the guard).
        let queue = try DatabaseQueue(path: folder.path("kasane.sqlite"))
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER case_event_no_update")
            for number in ["R8-31", "R8-5"] {
                try db.execute(sql: """
                    UPDATE case_event SET payload = '{"broken":true}' WHERE seq = 4
                      AND case_id = (SELECT id FROM case_file WHERE number = ?)
                    """, arguments: [number])
            }
        }
        try queue.close()
        let db = try F.workspace(folder)
        #expect {
            _ = try db.caseFiles()
        } throws: { error in
            // A typed reason, worded at the edge: the consent's fields are missing.
            guard case .corruptEvent(let number, let seq, .missingField(let field)) = error as? StoreError else { return false }
            return number == "R8-5" && seq == 4 && field == "member"
        }
    }
}
