import Crypto
public import Foundation
import GRDB
public import KasaneCore

/// A refused change, located in its input (`cases.yaml:42: case R8-3: …`).
public struct LocatedError: Error, CustomStringConvertible, Sendable {
    public var source: String?
    public var message: String
    /// The store's own refusal, when it is one (worded by the front-end; `message` is then empty).
    public var storeError: StoreError?

    public init(source: String?, message: String) {
        self.source = source
        self.message = message
    }

    public init(source: String?, storeError: StoreError) {
        self.source = source
        message = ""
        self.storeError = storeError
    }

    public var description: String { source.map { "\($0): \(message)" } ?? message }
}

extension AppDatabase {
    // MARK: - Reads

    /// The current state of case `number`, replayed from its log.
    /// - Throws: `StoreError.caseNotFound` when there is no such case.
    public func caseFile(_ number: CaseNumber) throws -> CaseFile {
        try read { db in try Self.loadCase(db, number: number) }
    }

    /// Every event of case `number`, in order.
    public func events(of number: CaseNumber) throws -> [RecordedEvent] {
        try read { db in
            guard let id = try Self.caseID(db, number) else { throw StoreError.caseNotFound(number) }
            return try Self.loadEvents(db, caseID: id, number: number)
        }
    }

    /// The personal details of the household members of case `number`, by member key.
    /// Only `case show` and the case-file documents may use these; nothing exported may.
    public func memberDetails(of number: CaseNumber) throws -> [MemberKey: MemberDetails] {
        try read { db in
            guard let id = try Self.caseID(db, number) else { throw StoreError.caseNotFound(number) }
            var details: [MemberKey: MemberDetails] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM household_member WHERE case_id = ?", arguments: [id]) {
                details[row["key"]] = MemberDetails(
                    name: row["name"], birthDate: (row["birth_date"] as String?).flatMap(LocalDate.init(iso:)),
                    address: row["address"], circumstances: row["circumstances"])
            }
            return details
        }
    }

    /// Every case, replayed, in the order they were opened.
    public func caseFiles() throws -> [CaseFile] {
        try read { db in try Self.loadCaseFiles(db) }
    }

    /// The cases of `numbers` that exist, replayed, in the order they were opened (one read).
    public func caseFiles(_ numbers: some Collection<CaseNumber>) throws -> [CaseFile] {
        let wanted = Array(Set(numbers))
        guard !wanted.isEmpty else { return [] }
        return try read { db in
            let present = try String.fetchAll(
                db, sql: "SELECT number FROM case_file WHERE number IN (SELECT value FROM json_each(?)) ORDER BY id",
                arguments: [String(decoding: try JSONEncoder().encode(wanted), as: UTF8.self)])
            return try present.map { try Self.loadCase(db, number: $0) }
        }
    }

    /// Every case, replayed, in the order they were opened, inside a transaction.
    ///
    /// The rows are read in one pass; decoding the JSON payloads and replaying the cases is pure
    /// work that dominates a whole-city read, so it is spread over the cores, one slice of whole
    /// cases per task (#13.4). The result and its errors are the same as a sequential replay:
    /// the first corrupt event in case order is the one reported.
    static func loadCaseFiles(_ db: Database) throws -> [CaseFile] {
        var numbers: [Int64: CaseNumber] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, number FROM case_file") { numbers[row["id"]] = row["number"] }
        var rows: [StoredEventRow] = []
        rows.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event") ?? 0)
        let cursor = try Row.fetchCursor(db, sql: "SELECT case_id, seq, kind, payload, recorded_at FROM case_event ORDER BY case_id, seq")
        while let row = try cursor.next() {
            rows.append(StoredEventRow(caseID: row[0], seq: row[1], kind: row[2], payload: row[3], recordedAt: row[4]))
        }
        // Case boundaries: the index of each case's first row.
        var starts: [Int] = []
        for i in rows.indices where i == 0 || rows[i].caseID != rows[i - 1].caseID { starts.append(i) }
        let slices = min(starts.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        guard slices > 0 else { return [] }
        let results = SliceResults(count: slices)
        let table = rows, caseStarts = starts, names = numbers
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let first = caseStarts.count * slice / slices, last = caseStarts.count * (slice + 1) / slices
            var files: [CaseFile] = []
            do {
                for c in first..<last {
                    let lower = caseStarts[c], upper = c + 1 < caseStarts.count ? caseStarts[c + 1] : table.count
                    let number = names[table[lower].caseID] ?? "?"
                    let events = try table[lower..<upper].map { try decode($0, number: number) }
                    guard let file = CaseFile(replaying: events) else {
                        throw StoreError.corruptEvent(number, seq: 1, reason: .noOpening)
                    }
                    files.append(file)
                }
                results.set(slice, .success(files))
            } catch {
                results.set(slice, .failure(error))
            }
        }
        return try results.all().flatMap { try $0.get() }
    }

    /// One `case_event` row as read, before its payload is decoded.
    struct StoredEventRow: Sendable {
        var caseID: Int64
        var seq: Int
        var kind: String
        var payload: String
        var recordedAt: String
    }

    /// The slices' results, each written once by its own task.
    private final class SliceResults: @unchecked Sendable {
        private var results: [Result<[CaseFile], any Error>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ slice: Int, _ result: Result<[CaseFile], any Error>) { lock.withLock { results[slice] = result } }
        func all() -> [Result<[CaseFile], any Error>] { lock.withLock { results.map { $0! } } }
    }

    /// The number of events on record, all cases together.
    public func eventCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event") ?? 0 }
    }

    // MARK: - Writes

    /// Opens a case with its household members, in one transaction.
    /// - Throws: `CaseFileError` (bad input), `StoreError.duplicateCase`; nothing is written then.
    @discardableResult
    public func openCase(_ opened: CaseEvent.Opened, members: [NewMember], today: LocalDate, now: Date) throws -> CaseFile {
        do {
            return try importCases([CaseImport(opened: opened, members: members, events: [])], today: today, now: now)[0]
        } catch let error as LocatedError where error.source == nil && error.storeError != nil {
            throw error.storeError!  // not from a file: the store's own refusal, as the contract says
        }
    }

    /// Appends events to case `number` in one transaction, each validated against the case as it
    /// stands after the previous one. `newMembers` gives the details for `memberAdded` events.
    /// - Throws: `CaseFileError` or `StoreError` naming the problem; nothing is written then.
    @discardableResult
    public func append(_ events: [SourcedEvent], to number: CaseNumber, newMembers: [NewMember] = [],
                       today: LocalDate, now: Date) throws -> CaseFile {
        try write { db in
            let registry = try Self.loadRegistry(db)
            guard let id = try Self.caseID(db, number) else { throw StoreError.caseNotFound(number) }
            let key = try sealingKey(db)
            var file = try Self.loadCase(db, number: number)
            var chain = try String.fetchOne(db, sql: "SELECT hash FROM case_event WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
                                            arguments: [id]) ?? EventChain.genesis
            let details = Dictionary(newMembers.map { ($0.member.key, $0.details) }, uniquingKeysWith: { a, _ in a })
            for e in events {
                try Self.append(db, e, caseID: id, to: &file, chain: &chain, key: key, details: details,
                                registry: registry, today: today, now: now)
                stops.reach(.eventWritten)
            }
            return file
        }
    }

    /// Imports whole cases in one transaction: all of them, or none when any entry is refused.
    /// - Throws: `LocatedError` naming the entry (file:line when known) and the problem.
    @discardableResult
    public func importCases(_ cases: [CaseImport], today: LocalDate, now: Date) throws -> [CaseFile] {
        try write { db in
            let registry = try Self.loadRegistry(db)
            let key = try sealingKey(db)
            var files: [CaseFile] = []
            for c in cases {
                files.append(try Self.insert(db, c, key: key, registry: registry, today: today, now: now))
                stops.reach(.caseWritten)
            }
            return files
        }
    }

    // MARK: - Internals

    /// The chain key from its file, checked against the fingerprint the workspace recorded.
    /// - Throws: `StoreError.chainKey` when the file is missing, malformed or holds another key.
    func sealingKey(_ db: Database) throws -> SymmetricKey {
        let key = try chainKey.load()
        guard let recorded = try String.fetchOne(db, sql: "SELECT fingerprint FROM chain_key WHERE id = 1") else {
            throw StoreError.chainKey(path: chainKey.path, problem: .noFingerprint)
        }
        guard recorded == EventChain.fingerprint(key) else {
            throw StoreError.chainKey(path: chainKey.path, problem: .otherKey)
        }
        return key
    }

    private static func insert(_ db: Database, _ c: CaseImport, key: SymmetricKey, registry: Registry, today: LocalDate,
                               now: Date) throws -> CaseFile {
        let o = c.opened
        do {
            try o.validate(registry: registry, today: today)
        } catch {
            throw LocatedError(source: c.source, message: error.description)
        }
        if try caseID(db, o.number) != nil {
            throw LocatedError(source: c.source, storeError: .duplicateCase(o.number))
        }
        try db.execute(sql: "INSERT INTO case_file (number, opened_on) VALUES (?, ?)", arguments: [o.number, o.openedOn.iso])
        let id = db.lastInsertedRowID
        var chain = try insertEvent(db, caseID: id, number: o.number, seq: 1, previous: EventChain.genesis,
                                    event: .opened(o), key: key, now: now)
        guard var file = CaseFile(replaying: [RecordedEvent(seq: 1, event: .opened(o), recordedAt: "")]) else {
            preconditionFailure("an opening always replays")
        }
        let details = Dictionary(c.members.map { ($0.member.key, $0.details) }, uniquingKeysWith: { a, _ in a })
        let all = c.members.map { SourcedEvent(.memberAdded($0.member), source: c.source) } + c.events
        for e in all {
            try append(db, e, caseID: id, to: &file, chain: &chain, key: key, details: details, registry: registry,
                       today: today, now: now)
        }
        return file
    }

    private static func append(_ db: Database, _ e: SourcedEvent, caseID: Int64, to file: inout CaseFile,
                               chain: inout String, key: SymmetricKey,
                               details: [MemberKey: MemberDetails], registry: Registry, today: LocalDate,
                               now: Date) throws {
        do {
            try file.validate(e.event, registry: registry, today: today)
        } catch {
            throw LocatedError(source: e.source, message: error.description)
        }
        if case .memberAdded(let m) = e.event {
            let d: MemberDetails
            do {
                d = try MemberDetails.checked(details[m.key], of: m.key, in: file.number, today: today)
            } catch {
                throw LocatedError(source: e.source, message: error.description)
            }
            try db.execute(sql: """
                INSERT INTO household_member (case_id, key, name, birth_date, address, circumstances)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [caseID, m.key, d.name, d.birthDate?.iso, d.address, d.circumstances])
        }
        let seq = file.lastSeq + 1
        chain = try insertEvent(db, caseID: caseID, number: file.number, seq: seq, previous: chain, event: e.event,
                                key: key, now: now)
        file.apply(e.event, seq: seq)
    }

    /// Inserts one event chained to `previous` under `key`; returns its hash.
    private static func insertEvent(_ db: Database, caseID: Int64, number: CaseNumber, seq: Int, previous: String,
                                    event: CaseEvent, key: SymmetricKey, now: Date) throws -> String {
        let payload = String(decoding: event.payload(), as: UTF8.self)
        let recordedAt = timestamp(now)
        let hash = EventChain.hash(key: key, previous: previous, caseNumber: number, seq: seq, kind: event.kind,
                                   payload: payload, recordedAt: recordedAt)
        try db.execute(sql: "INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [caseID, seq, event.kind, payload, recordedAt, hash])
        return hash
    }

    /// Checks every case's event chain under the key; returns the first broken event of each
    /// broken case. Events up to a case's anchor (recorded before the chain was keyed) are checked
    /// against the plain SHA-256 chain and the anchor's seal; every later event against the keyed
    /// chain. Without the key nothing can be confirmed, so a missing or wrong key is an error.
    /// - Throws: `StoreError.chainKey` when the key file is missing, malformed or another key.
    public func verifyChains() throws -> (cases: Int, events: Int, broken: [BrokenChain]) {
        try read { db in
            let key = try sealingKey(db)
            var anchors: [Int64: (seq: Int, head: String, seal: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT case_id, seq, head, seal FROM chain_anchor") {
                anchors[row["case_id"]] = (row["seq"], row["head"], row["seal"])
            }
            var broken: [BrokenChain] = []
            var cases = 0, events = 0
            for c in try Row.fetchAll(db, sql: "SELECT id, number FROM case_file ORDER BY id") {
                cases += 1
                let id: Int64 = c["id"], number: String = c["number"]
                let anchor = anchors[id]
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, kind, payload, recorded_at, hash FROM case_event WHERE case_id = ? ORDER BY seq
                    """, arguments: [id])
                events += rows.count
                if let anchor, anchor.seal != EventChain.anchorSeal(key: key, caseNumber: number, seq: anchor.seq,
                                                                     head: anchor.head) {
                    broken.append(BrokenChain(caseNumber: number, seq: anchor.seq,
                                              reason: "does not match its sealed anchor: it was edited outside Kasane"))
                    continue
                }
                if let failure = Self.firstBreak(rows, number: number, anchor: anchor.map { ($0.seq, $0.head) }, key: key) {
                    broken.append(failure)
                }
            }
            return (cases, events, broken)
        }
    }

    /// The first event of one case that breaks its chain, or nil when the chain holds.
    private static func firstBreak(_ rows: [Row], number: CaseNumber, anchor: (seq: Int, head: String)?,
                                   key: SymmetricKey) -> BrokenChain? {
        var previous = EventChain.genesis
        var expectedSeq = 1
        for row in rows {
            let seq: Int = row["seq"]
            if seq != expectedSeq { return BrokenChain(caseNumber: number, seq: expectedSeq, reason: "is missing") }
            let kind: String = row["kind"], payload: String = row["payload"], at: String = row["recorded_at"]
            let hash = if let anchor, seq <= anchor.seq {
                EventChain.legacyHash(previous: previous, caseNumber: number, seq: seq, kind: kind, payload: payload,
                                      recordedAt: at)
            } else {
                EventChain.hash(key: key, previous: previous, caseNumber: number, seq: seq, kind: kind,
                                payload: payload, recordedAt: at)
            }
            if hash != row["hash"] || (anchor?.seq == seq && anchor?.head != hash) {
                return BrokenChain(caseNumber: number, seq: seq,
                                   reason: "does not match its hash: it was edited outside Kasane")
            }
            previous = hash
            expectedSeq += 1
        }
        if let anchor, anchor.seq >= expectedSeq {
            return BrokenChain(caseNumber: number, seq: expectedSeq, reason: "is missing")
        }
        return nil
    }

    /// The head of each case's chain (last event and its hash), for the cases asked; cases
    /// without events are left out. Printed in the minutes so a paper copy anchors the record.
    /// The chain at given events: for each case number, the hash of event `seq` (the minutes
    /// print the chain at the last decision recorded at the meeting, which later events never change).
    public func chainHeads(at events: [(number: CaseNumber, seq: Int)]) throws -> [ChainHead] {
        try read { db in
            try events.compactMap { event in
                guard let hash = try String.fetchOne(db, sql: """
                    SELECT e.hash FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE c.number = ? AND e.seq = ?
                    """, arguments: [event.number, event.seq]) else { return nil }
                return ChainHead(caseNumber: event.number, seq: event.seq, hash: hash)
            }
        }
    }

    public func chainHeads(of numbers: [CaseNumber]) throws -> [ChainHead] {
        try read { db in
            try numbers.compactMap { number in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT e.seq, e.hash FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE c.number = ? ORDER BY e.seq DESC LIMIT 1
                    """, arguments: [number]) else { return nil }
                return ChainHead(caseNumber: number, seq: row["seq"], hash: row["hash"])
            }
        }
    }

    static func caseID(_ db: Database, _ number: CaseNumber) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM case_file WHERE number = ?", arguments: [number])
    }

    static func loadCase(_ db: Database, number: CaseNumber) throws -> CaseFile {
        guard let id = try caseID(db, number) else { throw StoreError.caseNotFound(number) }
        let events = try loadEvents(db, caseID: id, number: number)
        guard let file = CaseFile(replaying: events) else {
            throw StoreError.corruptEvent(number, seq: 1, reason: .noOpening)
        }
        return file
    }

    static func loadEvents(_ db: Database, caseID: Int64, number: CaseNumber) throws -> [RecordedEvent] {
        try Row.fetchAll(db, sql: "SELECT seq, kind, payload, recorded_at FROM case_event WHERE case_id = ? ORDER BY seq",
                         arguments: [caseID]).map { try decode($0, number: number) }
    }

    private static func decode(_ row: Row, number: CaseNumber) throws -> RecordedEvent {
        try decode(StoredEventRow(caseID: 0, seq: row["seq"], kind: row["kind"], payload: row["payload"],
                                  recordedAt: row["recorded_at"]), number: number)
    }

    private static func decode(_ row: StoredEventRow, number: CaseNumber) throws -> RecordedEvent {
        do {
            let event = try CaseEvent(kind: row.kind, payload: Data(row.payload.utf8))
            return RecordedEvent(seq: row.seq, event: event, recordedAt: row.recordedAt)
        } catch {
            throw StoreError.corruptEvent(number, seq: row.seq, reason: CorruptEventReason(error))
        }
    }

    package static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
