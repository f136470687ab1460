#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A named point in the store's writes where a test stops the process with SIGKILL (STYLE §20):
/// the crash tests kill a writer at a chosen place, not after a random sleep. The executable reads
/// `KASANE_TEST_STOP_AT` (`POINT` or `POINT:N`, the N-th time the point is reached) and hands the
/// plan to the store; without a plan nothing ever stops.
public enum StopPoint: String, Sendable, Hashable, CaseIterable {
    /// After each case of an import is written, inside its transaction.
    case caseWritten = "case-written"
    /// After each event appended to a case is written, inside its transaction.
    case eventWritten = "event-written"
    /// An erasure deleted a case's personal details and has not yet appended its event (#17.5).
    case detailsDeleted = "details-deleted"
    /// A write's work is done and COMMIT is next.
    case beforeCommit = "before-commit"
    /// Just after COMMIT, before the command has said anything.
    case afterCommit = "after-commit"
}

/// Where a test wants the process stopped: at the `occurrence`-th time `point` is reached.
public struct StopPlan: Sendable, Hashable {
    public let point: StopPoint
    public let occurrence: Int

    public init(_ point: StopPoint, occurrence: Int = 1) {
        self.point = point
        self.occurrence = occurrence
    }

    /// Reads `POINT` or `POINT:N` (N ≥ 1); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let point = StopPoint(rawValue: String(parts[0])) else { return nil }
        let n = parts.count == 2 ? Int(parts[1]) : 1
        guard let n, n >= 1 else { return nil }
        self.init(point, occurrence: n)
    }
}

/// Counts how often the plan's point was reached, and stops the process on the planned time.
final class StopCounter: Sendable {
    private let plan: StopPlan?
    private let reached = Mutex(0)

    init(_ plan: StopPlan?) { self.plan = plan }

    /// Called at `point`: SIGKILL on the planned occurrence, otherwise nothing.
    func reach(_ point: StopPoint) {
        guard let plan, plan.point == point else { return }
        let n = reached.withLock { count -> Int in
            count += 1
            return count
        }
        if n == plan.occurrence { kill(getpid(), SIGKILL) }
    }
}
