import ArgumentParser
import Foundation
import KasaneCalendar
import KasaneCore
import KasaneYAML

/// The municipality's calendar configuration, read from the `calendars/` folder:
/// `closures.yaml` (local closures), `policy.yaml` (trigger policy), `*.ics` (standing series).
struct CalendarConfiguration {
    var calendar: BusinessCalendar
    var policy: TriggerPolicy
    var series: [SeriesDefinition]

    /// Reads the folder; a missing file means the defaults (no local closures, standard policy, no series).
    static func load(folder: String) throws -> CalendarConfiguration {
        let fm = FileManager.default
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let closures = fm.fileExists(atPath: path("closures.yaml"))
            ? try ClosuresFile.parse(try readInput(path("closures.yaml")), file: path("closures.yaml")) : []
        let policy = fm.fileExists(atPath: path("policy.yaml"))
            ? try PolicyFile.parse(try readInput(path("policy.yaml")), file: path("policy.yaml")) : .standard
        let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ics") }.sorted()
        var series: [SeriesDefinition] = []
        for name in names {
            let def = try SeriesFile.parse(try readInput(path(name)), file: path(name))
            if let other = series.first(where: { $0.series.slug == def.series.slug }) {
                throw InputError("\(path(name)): X-KASANE-SERIES '\(def.series.slug)' is already used by \(other.series.uid)")
            }
            series.append(def)
        }
        return CalendarConfiguration(calendar: BusinessCalendar(localClosures: closures), policy: policy, series: series)
    }

    /// The regular sessions of every series from `from` through `through`, never on a closed day.
    func regularSessions(from: LocalDate, through: LocalDate) throws -> [Session] {
        try series.flatMap { def in
            def.series.sessions(on: try def.dates(from: from, through: through), calendar: calendar)
        }.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
    }
}
