import Crypto
public import Foundation
public import KasaneCore
public import KasaneStore
import PostgresNIO

extension PostgresStore {
    // MARK: - Reads

    public func caseFile(_ number: CaseNumber) throws -> CaseFile {
        try read { tx in try Self.loadCase(tx, number: number) }
    }

    public func events(of number: CaseNumber) throws -> [RecordedEvent] {
        try read { tx in
            guard let id = try Self.caseID(tx, number) else { throw StoreError.caseNotFound(number) }
            return try Self.loadEvents(tx, caseID: id, number: number)
        }
    }

    public func memberDetails(of number: CaseNumber) throws -> [MemberKey: MemberDetails] {
        try read { tx in
            guard let id = try Self.caseID(tx, number) else { throw StoreError.caseNotFound(number) }
            var details: [MemberKey: MemberDetails] = [:]
            for row in try tx.query("""
                SELECT key, name, birth_date, address, circumstances FROM household_member WHERE case_id = \(id)
                """) {
                let (key, name, birth, address, circumstances) = try row.decode((String, String, String?, String?, String?).self)
                details[key] = MemberDetails(name: name, birthDate: birth.flatMap(LocalDate.init(iso:)), address: address,
                                             circumstances: circumstances)
            }
            return details
        }
    }

    public func caseFiles() throws -> [CaseFile] {
        try read { tx in try Self.loadCaseFiles(tx, numbers: nil) }
    }

    public func caseFiles(_ numbers: some Collection<CaseNumber>) throws -> [CaseFile] {
        let wanted = Array(Set(numbers))
        guard !wanted.isEmpty else { return [] }
        return try read { tx in try Self.loadCaseFiles(tx, numbers: wanted) }
    }

    /// The cases (all, or those of `numbers`), replayed, in the order they were opened: one query.
    static func loadCaseFiles(_ tx: PostgresTransaction, numbers: [CaseNumber]?) throws -> [CaseFile] {
        var files: [CaseFile] = []
        var current: (number: CaseNumber, events: [RecordedEvent])?
        func flush() throws {
            guard let c = current else { return }
            guard let file = CaseFile(replaying: c.events) else {
                throw StoreError.corruptEvent(c.number, seq: 1, reason: .noOpening)
            }
            files.append(file)
        }
        let rows = try tx.query("""
            SELECT c.number, e.seq, e.kind, e.payload, e.recorded_at FROM case_event e
            JOIN case_file c ON c.id = e.case_id
            WHERE \(numbers == nil) OR c.number = ANY(\(numbers ?? []))
            ORDER BY c.id, e.seq
            """)
        for row in rows {
            let (number, seq, kind, payload, at) = try row.decode((String, Int, String, String, String).self)
            if current?.number != number {
                try flush()
                current = (number, [])
            }
            current?.events.append(try decode(number: number, seq: seq, kind: kind, payload: payload, recordedAt: at))
        }
        try flush()
        return files
    }

    public func eventCount() throws -> Int {
        try read { tx in try tx.value(Int.self, "SELECT count(*) FROM case_event") ?? 0 }
    }

    // MARK: - Writes

    @discardableResult
    public func openCase(_ opened: CaseEvent.Opened, members: [NewMember], today: LocalDate, now: Date) throws -> CaseFile {
        do {
            return try importCases([CaseImport(opened: opened, members: members, events: [])], today: today, now: now)[0]
        } catch let error as LocatedError where error.source == nil && error.storeError != nil {
            throw error.storeError!  // not from a file: the store's own refusal, as the contract says
        }
    }

    @discardableResult
    public func append(_ events: [SourcedEvent], to number: CaseNumber, newMembers: [NewMember], today: LocalDate,
                       now: Date) throws -> CaseFile {
        try write { tx in
            let registry = try Self.loadRegistry(tx)
            guard let id = try Self.caseID(tx, number) else { throw StoreError.caseNotFound(number) }
            let key = try sealingKey(tx)
            var file = try Self.loadCase(tx, number: number)
            var chain = try tx.value(String.self, "SELECT hash FROM case_event WHERE case_id = \(id) ORDER BY seq DESC LIMIT 1")
                ?? EventChain.genesis
            let details = Dictionary(newMembers.map { ($0.member.key, $0.details) }, uniquingKeysWith: { a, _ in a })
            for e in events {
                try Self.append(tx, e, caseID: id, to: &file, chain: &chain, key: key, details: details,
                                registry: registry, today: today, now: now)
            }
            return file
        }
    }

    @discardableResult
    public func importCases(_ cases: [CaseImport], today: LocalDate, now: Date) throws -> [CaseFile] {
        try write { tx in
            let registry = try Self.loadRegistry(tx)
            let key = try sealingKey(tx)
            return try cases.map { try Self.insert(tx, $0, key: key, registry: registry, today: today, now: now) }
        }
    }

    private static func insert(_ tx: PostgresTransaction, _ c: CaseImport, key: SymmetricKey, registry: Registry,
                               today: LocalDate, now: Date) throws -> CaseFile {
        let o = c.opened
        do {
            try o.validate(registry: registry, today: today)
        } catch {
            throw LocatedError(source: c.source, message: error.description)
        }
        if try caseID(tx, o.number) != nil {
            throw LocatedError(source: c.source, storeError: .duplicateCase(o.number))
        }
        guard let id = try tx.value(Int.self, """
            INSERT INTO case_file (number, opened_on) VALUES (\(o.number), \(o.openedOn.iso)) RETURNING id
            """) else { preconditionFailure("INSERT … RETURNING returns the row") }
        var chain = try insertEvent(tx, caseID: id, number: o.number, seq: 1, previous: EventChain.genesis,
                                    event: .opened(o), key: key, now: now)
        guard var file = CaseFile(replaying: [RecordedEvent(seq: 1, event: .opened(o), recordedAt: "")]) else {
            preconditionFailure("an opening always replays")
        }
        let details = Dictionary(c.members.map { ($0.member.key, $0.details) }, uniquingKeysWith: { a, _ in a })
        for e in c.members.map({ SourcedEvent(.memberAdded($0.member), source: c.source) }) + c.events {
            try append(tx, e, caseID: id, to: &file, chain: &chain, key: key, details: details, registry: registry,
                       today: today, now: now)
        }
        return file
    }

    private static func append(_ tx: PostgresTransaction, _ e: SourcedEvent, caseID: Int, to file: inout CaseFile,
                               chain: inout String, key: SymmetricKey, details: [MemberKey: MemberDetails],
                               registry: Registry, today: LocalDate, now: Date) throws {
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
            try tx.execute("""
                INSERT INTO household_member (case_id, key, name, birth_date, address, circumstances)
                VALUES (\(caseID), \(m.key), \(d.name), \(d.birthDate?.iso), \(d.address), \(d.circumstances))
                """)
        }
        let seq = file.lastSeq + 1
        chain = try insertEvent(tx, caseID: caseID, number: file.number, seq: seq, previous: chain, event: e.event,
                                key: key, now: now)
        file.apply(e.event, seq: seq)
    }

    private static func insertEvent(_ tx: PostgresTransaction, caseID: Int, number: CaseNumber, seq: Int, previous: String,
                                    event: CaseEvent, key: SymmetricKey, now: Date) throws -> String {
        let payload = String(decoding: event.payload(), as: UTF8.self)
        return try insertStoredEvent(tx, caseID: caseID, number: number, seq: seq, kind: event.kind, payload: payload,
                                     recordedAt: AppDatabase.timestamp(now), previous: previous, key: key)
    }

    /// Inserts one stored event as it is (kind, payload and time as text), chained to `previous`.
    static func insertStoredEvent(_ tx: PostgresTransaction, caseID: Int, number: CaseNumber, seq: Int, kind: String,
                                  payload: String, recordedAt: String, previous: String, key: SymmetricKey) throws -> String {
        let hash = EventChain.hash(key: key, previous: previous, caseNumber: number, seq: seq, kind: kind,
                                   payload: payload, recordedAt: recordedAt)
        try tx.execute("""
            INSERT INTO case_event (case_id, seq, kind, payload, recorded_at, hash)
            VALUES (\(caseID), \(seq), \(kind), \(payload), \(recordedAt), \(hash))
            """)
        return hash
    }

    // MARK: - Chain

    /// Checks every case's keyed chain (a PostgreSQL tenant has no events from before the chain was
    /// keyed, so no anchors). - Throws: `StoreError.chainKey` when the key is missing or another.
    public func verifyChains() throws -> (cases: Int, events: Int, broken: [BrokenChain]) {
        try read { tx in
            let key = try sealingKey(tx)
            var broken: [BrokenChain] = []
            var cases = 0, events = 0
            var current: (number: String, previous: String, expected: Int, failed: Bool)?
            func finish() { if current != nil { cases += 1 } }
            let rows = try tx.query("""
                SELECT c.number, e.seq, e.kind, e.payload, e.recorded_at, e.hash FROM case_file c
                LEFT JOIN case_event e ON e.case_id = c.id ORDER BY c.id, e.seq
                """)
            for row in rows {
                let (number, seq, kind, payload, at, hash) =
                    try row.decode((String, Int?, String?, String?, String?, String?).self)
                if current?.number != number {
                    finish()
                    current = (number, EventChain.genesis, 1, false)
                }
                guard let seq, let kind, let payload, let at, let hash else { continue }
                events += 1
                guard let c = current, !c.failed else { continue }
                if seq != c.expected {
                    broken.append(BrokenChain(caseNumber: number, seq: c.expected, reason: "is missing"))
                    current?.failed = true
                    continue
                }
                let expected = EventChain.hash(key: key, previous: c.previous, caseNumber: number, seq: seq, kind: kind,
                                               payload: payload, recordedAt: at)
                if expected != hash {
                    broken.append(BrokenChain(caseNumber: number, seq: seq,
                                              reason: "does not match its hash: it was edited outside Kasane"))
                    current?.failed = true
                    continue
                }
                current?.previous = hash
                current?.expected += 1
            }
            finish()
            return (cases, events, broken)
        }
    }

    public func chainHeads(at events: [(number: CaseNumber, seq: Int)]) throws -> [ChainHead] {
        try read { tx in
            try events.compactMap { event in
                try tx.value(String.self, """
                    SELECT e.hash FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE c.number = \(event.number) AND e.seq = \(event.seq)
                    """).map { ChainHead(caseNumber: event.number, seq: event.seq, hash: $0) }
            }
        }
    }

    public func chainHeads(of numbers: [CaseNumber]) throws -> [ChainHead] {
        try read { tx in
            try numbers.compactMap { number in
                try tx.query("""
                    SELECT e.seq, e.hash FROM case_event e JOIN case_file c ON c.id = e.case_id
                    WHERE c.number = \(number) ORDER BY e.seq DESC LIMIT 1
                    """).first.map { row in
                    let (seq, hash) = try row.decode((Int, String).self)
                    return ChainHead(caseNumber: number, seq: seq, hash: hash)
                }
            }
        }
    }

    // MARK: - Internals

    static func caseID(_ tx: PostgresTransaction, _ number: CaseNumber) throws -> Int? {
        try tx.value(Int.self, "SELECT id FROM case_file WHERE number = \(number)")
    }

    static func loadCase(_ tx: PostgresTransaction, number: CaseNumber) throws -> CaseFile {
        guard let id = try caseID(tx, number) else { throw StoreError.caseNotFound(number) }
        guard let file = CaseFile(replaying: try loadEvents(tx, caseID: id, number: number)) else {
            throw StoreError.corruptEvent(number, seq: 1, reason: .noOpening)
        }
        return file
    }

    static func loadEvents(_ tx: PostgresTransaction, caseID: Int, number: CaseNumber) throws -> [RecordedEvent] {
        try tx.query("SELECT seq, kind, payload, recorded_at FROM case_event WHERE case_id = \(caseID) ORDER BY seq").map { row in
            let (seq, kind, payload, at) = try row.decode((Int, String, String, String).self)
            return try decode(number: number, seq: seq, kind: kind, payload: payload, recordedAt: at)
        }
    }

    private static func decode(number: CaseNumber, seq: Int, kind: String, payload: String,
                               recordedAt: String) throws -> RecordedEvent {
        do {
            return RecordedEvent(seq: seq, event: try CaseEvent(kind: kind, payload: Data(payload.utf8)), recordedAt: recordedAt)
        } catch {
            throw StoreError.corruptEvent(number, seq: seq, reason: CorruptEventReason(error))
        }
    }
}
