import Foundation
public import KasaneCore
public import KasaneStore

/// What a write to one case recorded: the events appended and the case afterwards.
public struct RecordedEvents: Hashable, Sendable {
    /// One appended event: its sequence number in the case file and its kind (`consent_granted`).
    public struct Appended: Hashable, Sendable {
        public var seq: Int
        public var kind: String
    }

    /// The case written to.
    public var number: CaseNumber
    /// The events appended, in order.
    public var events: [Appended]
    /// The case after the write.
    public var file: CaseFile
}

/// The case-file use cases: open, add members, record events, show, list and import whole cases
/// (`kasane case …`, `consent`, `plan`, `contact`, `reopen`). Every write is one transaction of
/// the store; the clock gives today and the recording time.
public struct Cases: Sendable {
    /// The workspace.
    public var store: any WorkspaceStore
    /// Today and now.
    public var clock: AppClock

    public init(store: any WorkspaceStore, clock: AppClock) {
        self.store = store
        self.clock = clock
    }

    // MARK: - Writes

    /// Opens a case on a referral, without members; `openedOn` nil means today.
    /// - Throws: `LocatedError` (a refused opening: unknown agency, date after today, a number in use).
    public func open(number: CaseNumber, openedOn: LocalDate?, referredBy: AgencyID, fields: Set<Field>,
                     involvedAgencies: [AgencyID]) throws -> CaseFile {
        let opened = CaseEvent.Opened(number: number, openedOn: openedOn ?? clock.today, referredBy: referredBy,
                                      fields: fields, involvedAgencies: involvedAgencies)
        return try store.openCase(opened, members: [], today: clock.today, now: clock.now())
    }

    /// Adds a household member with the personal details that stay in the case-file tables.
    /// - Throws: `MemberProblem` (no name, born after today) before anything is written;
    ///   `LocatedError`/`StoreError` from the store.
    public func addMember(_ member: NewMember, to number: CaseNumber) throws -> RecordedEvents {
        try member.check(in: number, today: clock.today)
        return try record([.memberAdded(member.member)], to: number, newMembers: [member])
    }

    /// Appends `events` to case `number` in one transaction, each checked against the case as it
    /// stands after the previous one; nothing is written when one is refused.
    /// - Throws: `LocatedError` or `StoreError` naming the problem.
    public func record(_ events: [CaseEvent], to number: CaseNumber, newMembers: [NewMember] = []) throws
        -> RecordedEvents {
        let before = try store.caseFile(number).lastSeq
        let file = try store.append(events.map { SourcedEvent($0) }, to: number, newMembers: newMembers,
                                    today: clock.today, now: clock.now())
        return RecordedEvents(number: number,
                              events: events.enumerated().map { .init(seq: before + $0.offset + 1, kind: $0.element.kind) },
                              file: file)
    }

    /// Imports whole cases: all of them, or none when one entry is refused. The members' details
    /// are checked first (`MemberProblem`, located in the file), then the store checks every event.
    /// - Throws: `CaseImportProblem` or `LocatedError` naming the entry.
    public func importCases(_ cases: [CaseImport]) throws -> [CaseFile] {
        for c in cases {
            for m in c.members {
                do {
                    try m.check(in: c.opened.number, today: clock.today)
                } catch {
                    throw CaseImportProblem(source: c.source, problem: error)
                }
            }
        }
        return try store.importCases(cases, today: clock.today, now: clock.now())
    }

    /// Records the reopening of an ended or suspended case (R18); `on` nil means today.
    /// - Throws: `LocatedError` when the case is not ended or suspended.
    public func reopen(_ number: CaseNumber, on: LocalDate?) throws -> RecordedEvents {
        try record([.reopened(.init(on: on ?? clock.today))], to: number)
    }

    // MARK: - Reads

    /// The whole case file with its members' personal details and its events (the secretariat's view).
    /// - Throws: `StoreError.caseNotFound`.
    public func show(_ number: CaseNumber) throws -> CaseFileView {
        CaseFileView(file: try store.caseFile(number), details: try store.memberDetails(of: number),
                     events: try store.events(of: number))
    }

    /// Every case, without personal data.
    public func list() throws -> [CaseSummary] {
        try store.caseFiles().map(CaseSummary.init)
    }
}

/// A member of an imported case refused by the member rule, with where it stands in the file.
public struct CaseImportProblem: Error, Hashable, Sendable {
    /// `cases.yaml:42`, when known.
    public var source: String?
    /// What is wrong.
    public var problem: MemberProblem

    public init(source: String?, problem: MemberProblem) {
        self.source = source
        self.problem = problem
    }
}
