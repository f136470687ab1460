import KasaneApp
import KasaneCore
import KasaneWording

/// The line in the run's language: `ja` by default, `en` with `--lang en` / `KASANE_LANG=en`.
func say(_ ja: String, _ en: String) -> String { wording.language == .ja ? ja : en }

extension WorkspaceOptions {
    /// The clock of this run: today from `--today` / `KASANE_TODAY` or Asia/Tokyo, now from the system.
    func clock() throws -> AppClock { AppClock(today: try todayDate()) }
}

/// Prints what a write to a case recorded: one line per event and the case's status.
func printRecorded(_ r: RecordedEvents) {
    for e in r.events { print("\(r.number) #\(e.seq) \(e.kind)") }
    print("\(r.number): \(r.file.status.rawValue)")
}
