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
    /// The path each series was read from, by slug (for messages).
    var seriesFiles: [String: String] = [:]

    /// How the folder was named, for the message when it is missing.
    enum Origin: Equatable {
        case flag, environment, defaultFolder
    }

    /// Reads the folder; a missing `closures.yaml` or `policy.yaml` means the defaults (no local
    /// closures, standard policy).
    /// - Parameter requireSeries: when true (every command that schedules, publishes or computes
    ///   due dates), a folder that is missing, is not a folder, or holds no `*.ics` series is an
    ///   error (#12.3): a mistyped path must not look like an empty calendar. When false (`calendar
    ///   holidays`), only a folder named by the flag or the environment must exist.
    /// - Throws: `InputError` naming the path and how to fix it; the readers' errors with `file:line`.
    static func load(folder: String, origin: Origin = .flag, requireSeries: Bool = true) throws -> CalendarConfiguration {
        let fm = FileManager.default
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: folder, isDirectory: &isDirectory)
        let how = switch origin {
        case .flag: "--calendars DIR"
        case .environment: "KASANE_CALENDARS"
        case .defaultFolder: "--calendars DIR（または KASANE_CALENDARS）"
        }
        if !exists && (requireSeries || origin != .defaultFolder) {
            throw InputError("calendars folder '\(folder)' がありません: 系列 (*.ics)・closures.yaml・policy.yaml のある"
                + "フォルダーを \(how) で指定してください")
        }
        if exists && !isDirectory.boolValue {
            throw InputError("calendars folder '\(folder)' はフォルダーではありません: 系列 (*.ics) のあるフォルダーを \(how) で指定してください")
        }
        let closures = fm.fileExists(atPath: path("closures.yaml"))
            ? try ClosuresFile.parse(try readInput(path("closures.yaml")), file: path("closures.yaml")) : []
        let policy = fm.fileExists(atPath: path("policy.yaml"))
            ? try PolicyFile.parse(try readInput(path("policy.yaml")), file: path("policy.yaml")) : .standard
        let names: [String]
        if exists {
            do {
                names = try fm.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ics") }.sorted()
            } catch {
                throw InputError("calendars folder '\(folder)' を読めません: 読み取り権限を確かめてください")
            }
        } else {
            names = []
        }
        if requireSeries && names.isEmpty {
            throw InputError("calendars folder '\(folder)' に系列ファイル (*.ics) がありません: 定期開催の系列を置くか、"
                + "正しいフォルダーを \(how) で指定してください")
        }
        var series: [SeriesDefinition] = []
        var files: [String: String] = [:]
        for name in names {
            let def = try SeriesFile.parse(try readInput(path(name)), file: path(name))
            if let other = series.first(where: { $0.series.slug == def.series.slug }) {
                throw InputError("\(path(name)): X-KASANE-SERIES '\(def.series.slug)' is already used by \(other.series.uid)")
            }
            series.append(def)
            files[def.series.slug] = path(name)
        }
        return CalendarConfiguration(calendar: BusinessCalendar(localClosures: closures), policy: policy, series: series,
                                     seriesFiles: files)
    }

    /// Refuses a series serving a body the registry does not know (#12.5d).
    /// - Throws: `InputError` naming the series file, the unknown body id and the known ones.
    func checkBodies(in registry: Registry) throws {
        let known = registry.bodies.map(\.id)
        for def in series {
            for body in def.series.bodies where !known.contains(body) {
                let file = seriesFiles[def.series.slug] ?? def.series.slug
                throw InputError("\(file): X-KASANE-BODIES の '\(body)' は登録簿にない会議体です"
                    + "（登録簿の会議体: \(known.isEmpty ? "なし" : known.joined(separator: ", "))）: id を直すか、"
                    + "registry import で会議体を登録してください")
            }
        }
    }

    /// The regular sessions of every series from `from` through `through`, with RECURRENCE-ID
    /// overrides applied, never on a closed day.
    func regularSessions(from: LocalDate, through: LocalDate) throws -> [Session] {
        try series.flatMap { def in
            try def.sessions(from: from, through: through, calendar: calendar)
        }.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
    }
}
