public import Foundation
public import KasaneCore

extension AppClock {
    /// A clock on `today` (`--today`, `KASANE_TODAY`): the date is fixed and the instant `now` is
    /// that day at the current time of day in Asia/Tokyo, so what follows `now` — feed retention,
    /// DTSTAMPs, HTTP dates, audit times — follows the given day too (#13, server clock).
    public static func pinned(to today: LocalDate, wall: @escaping @Sendable () -> Date = { Date() }) -> AppClock {
        AppClock(now: {
            let seconds = wall().timeIntervalSince1970
            let tokyoSecondOfDay = (seconds + 9 * 3600).truncatingRemainder(dividingBy: 86400)
            return Date(timeIntervalSince1970: Double(today.dayNumber) * 86400 - 9 * 3600 + tokyoSecondOfDay)
        }, today: today)
    }

    /// `now` as a whole-second UTC timestamp.
    public var timestamp: UTCTimestamp { UTCTimestamp(seconds: Int(now().timeIntervalSince1970)) }
}
