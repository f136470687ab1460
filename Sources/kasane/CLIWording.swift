import KasaneApp
import KasaneCore
import KasaneWording

/// The line in the run's language: `ja` by default, `en` with `--lang en` / `KASANE_LANG=en`.
func say(_ ja: String, _ en: String) -> String { wording.say(ja, en: en) }

/// Prints what a write to a case recorded: one line per event and the case's status.
func printRecorded(_ r: RecordedEvents) {
    for e in r.events { print("\(r.number) #\(e.seq) \(e.kind)") }
    print("\(r.number): \(r.file.status.rawValue)")
}
