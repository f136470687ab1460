import Foundation
public import KasaneCore
public import KasaneStore

/// Why a retention or erasure command was refused (#17.4); nothing was changed then.
public enum RetentionProblem: Error, Hashable, Sendable {
    /// `retention plan|apply` with no `retention:` in the policy file.
    case noRule(policyFile: String)
    /// `case erase` without a reason (or only spaces).
    case emptyReason
    /// A reason holding a control character or longer than 200 characters.
    case badReason
    /// The erasures were recorded, but readers kept the workspace's -wal from being emptied.
    case walNotEmptied(path: String)
}

/// One case whose details an erasure destroyed.
public struct ErasedCase: Hashable, Sendable, Encodable {
    public var number: CaseNumber
    /// The members whose details were destroyed.
    public var members: [MemberKey]
    /// The erasure event's sequence number in the case file.
    public var event: Int
    /// Under the retention rule: when the case ended and when it fell due.
    public var endedOn: String?
    public var dueOn: String?
    /// On request: the reason recorded.
    public var reason: String?
}

/// What `retention apply` or `case erase` did: the cases erased and whether the -wal was emptied.
public struct ErasureReport: Hashable, Sendable {
    public var erased: [ErasedCase]
    /// False when a reader kept the -wal from being emptied (`compactAfterErasure`): run again later.
    public var walEmptied: Bool
}

/// Retention and erasure (#17.2–#17.4): which cases' personal details are due under the
/// workspace's rule, and their erasure, each case in its own transaction (details deleted and the
/// `details_erased` event appended together), then the workspace compacted.
public struct Retention: Sendable {
    public var store: AppDatabase
    public var clock: AppClock

    public init(store: AppDatabase, clock: AppClock) {
        self.store = store
        self.clock = clock
    }

    /// The cases due for erasure today under `rule`, in the order they were opened.
    /// - Throws: `RetentionProblem.noRule` when the policy file sets no rule.
    public func plan(rule: RetentionRule?, policyFile: String) throws -> [RetentionDue] {
        guard let rule else { throw RetentionProblem.noRule(policyFile: policyFile) }
        return rule.due(try store.caseFiles(), today: clock.today)
    }

    /// Erases every case due today, one transaction each; a case that is no longer due when its
    /// turn comes (reopened meanwhile) is left alone. Compacts the workspace even when nothing
    /// was due, so a run after a blocked one empties the -wal.
    /// - Throws: `RetentionProblem.noRule`, `StoreError.unknownPerson` (`by` not in the registry).
    public func apply(rule: RetentionRule?, policyFile: String, by person: PersonID) throws -> ErasureReport {
        guard let rule else { throw RetentionProblem.noRule(policyFile: policyFile) }
        try checkPerson(person)
        let today = clock.today
        var erased: [ErasedCase] = []
        for due in try plan(rule: rule, policyFile: policyFile) {
            let file: CaseFile
            do {
                file = try store.eraseDetails(of: due.number, today: today, now: clock.now()) { current in
                    guard let still = rule.due([current], today: today).first else { throw NotDue() }
                    return rule.erasure(of: still, by: person, on: today)
                }
            } catch is NotDue {
                continue
            }
            let event = file.erasures.last
            erased.append(ErasedCase(number: due.number, members: event?.members ?? due.members, event: file.lastSeq,
                                     endedOn: due.endedOn.iso, dueOn: due.dueOn.iso, reason: nil))
        }
        return ErasureReport(erased: erased, walEmptied: try store.compactAfterErasure())
    }

    /// Erases the details of case `number` on request (a person's request where the law allows),
    /// whatever the retention rule says; refused for an open case.
    /// - Throws: `RetentionProblem.emptyReason`/`.badReason`, `StoreError.caseNotFound`,
    ///   `.unknownPerson`, `CaseFileError.erasureOfOpenCase`, `.nothingToErase`.
    public func erase(_ number: CaseNumber, reason: String, by person: PersonID) throws -> ErasureReport {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw RetentionProblem.emptyReason }
        guard reason.count <= 200, !reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw RetentionProblem.badReason }
        try checkPerson(person)
        let today = clock.today
        let file = try store.eraseDetails(of: number, today: today, now: clock.now()) { current in
            CaseEvent.DetailsErased(on: today, members: current.membersWithDetails, by: person, reason: reason)
        }
        let erased = ErasedCase(number: number, members: file.erasures.last?.members ?? [], event: file.lastSeq,
                                endedOn: nil, dueOn: nil, reason: reason)
        return ErasureReport(erased: [erased], walEmptied: try store.compactAfterErasure())
    }

    private func checkPerson(_ person: PersonID) throws {
        guard try store.registry().person(person) != nil else { throw StoreError.unknownPerson(person) }
    }

    /// A case no longer due inside its transaction: skipped, nothing written.
    private struct NotDue: Error {}
}
