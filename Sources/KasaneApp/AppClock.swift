public import Foundation
public import KasaneCore

/// The clock every use case is given: the instant now and today's date in Asia/Tokyo, or a
/// fixed day (`--today`, tests). Nothing in the application layer reads the system clock itself.
public struct AppClock: Sendable {
    /// The instant now (for HTTP dates, feed retention, audit times).
    public var now: @Sendable () -> Date
    /// Today's date, when fixed; otherwise today in Asia/Tokyo from `now`.
    public var fixedToday: LocalDate?

    public init(now: @escaping @Sendable () -> Date = { Date() }, today: LocalDate? = nil) {
        self.now = now
        self.fixedToday = today
    }

    /// Today in Asia/Tokyo (UTC+9, no summer time), or the fixed day.
    public var today: LocalDate {
        if let fixedToday { return fixedToday }
        let tokyo = now().addingTimeInterval(9 * 3600).timeIntervalSince1970
        return LocalDate(dayNumber: Int((tokyo / 86400).rounded(.down)))
    }
}
