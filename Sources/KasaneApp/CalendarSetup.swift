import Foundation
public import KasaneCalendar
public import KasaneCore
import KasaneYAML

/// The municipality's calendar configuration, read from the `calendars/` folder:
/// `closures.yaml` (local closures), `policy.yaml` (trigger policy), `publishing.yaml` (reminders
/// and the documents' base URL, #14.7), `*.ics` (standing series).
public struct CalendarConfiguration: Sendable {
    public var calendar: BusinessCalendar
    public var policy: TriggerPolicy
    public var series: [SeriesDefinition]
    /// The path each series was read from, by slug (for messages).
    public var seriesFiles: [String: String] = [:]
    /// #17.2: the retention rule of `policy.yaml` (`retention:`); nil when it sets none.
    public var retention: RetentionRule?
    /// Where the policy file is (or would be), for messages.
    public var policyFile: String = "calendars/policy.yaml"
    /// #14.7: what `publishing.yaml` adds to every event (reminders, the agenda link); none without the file.
    public var publishing: PublishingSettings = .none
    /// When `publishing.yaml` was last modified (nil without the file, or when it sets nothing): a
    /// feed's Last-Modified is never earlier, since turning reminders or links on or off changes
    /// its bytes but no event.
    public var publishingModifiedAt: UTCTimestamp?

    /// How the folder was named, for the message when it is missing.
    public enum Origin: Sendable, Hashable {
        case flag, environment, defaultFolder
    }

    public init(calendar: BusinessCalendar, policy: TriggerPolicy, series: [SeriesDefinition],
                seriesFiles: [String: String] = [:]) {
        self.calendar = calendar
        self.policy = policy
        self.series = series
        self.seriesFiles = seriesFiles
    }

    /// Reads the folder; a missing `closures.yaml` or `policy.yaml` means the defaults (no local
    /// closures, standard policy).
    /// - Parameter requireSeries: when true (every command that schedules, publishes or computes
    ///   due dates), a folder that is missing, is not a folder, or holds no `*.ics` series is an
    ///   error (#12.3): a mistyped path must not look like an empty calendar. When false (`calendar
    ///   holidays`), only a folder named by the flag or the environment must exist.
    /// - Throws: `AppError` (`.calendarsMissing`, `.calendarsNotFolder`, `.calendarsUnreadable`,
    ///   `.noSeries`, `.duplicateSeries`, `.cannotRead`, `.notUTF8`) naming the path and how to fix
    ///   it; the readers' errors with `file:line`.
    public static func load(folder: String, origin: Origin = .flag, requireSeries: Bool = true) throws -> CalendarConfiguration {
        let fm = FileManager.default
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: folder, isDirectory: &isDirectory)
        if !exists && (requireSeries || origin != .defaultFolder) {
            throw AppError.calendarsMissing(folder: folder, origin: origin)
        }
        if exists && !isDirectory.boolValue {
            throw AppError.calendarsNotFolder(folder: folder, origin: origin)
        }
        let closures = fm.fileExists(atPath: path("closures.yaml"))
            ? try ClosuresFile.parse(try readInput(path("closures.yaml")), file: path("closures.yaml")) : []
        let policyText = fm.fileExists(atPath: path("policy.yaml")) ? try readInput(path("policy.yaml")) : nil
        var policy = TriggerPolicy.standard
        var retention: RetentionRule?
        if let policyText {
            policy = try PolicyFile.parse(policyText, file: path("policy.yaml"))
            retention = try PolicyFile.retention(policyText, file: path("policy.yaml"))
        }
        var publishing = PublishingSettings.none
        var publishingModifiedAt: UTCTimestamp?
        if fm.fileExists(atPath: path("publishing.yaml")) {
            let parsed = try PublishingFile.parse(try readInput(path("publishing.yaml")), file: path("publishing.yaml"))
            publishing = parsed ?? .none
            if parsed != nil, let date = (try? fm.attributesOfItem(atPath: path("publishing.yaml")))?[.modificationDate] as? Date {
                publishingModifiedAt = UTCTimestamp(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
            }
        }
        let names: [String]
        if exists {
            do {
                names = try fm.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ics") }.sorted()
            } catch {
                throw AppError.calendarsUnreadable(folder: folder)
            }
        } else {
            names = []
        }
        if requireSeries && names.isEmpty {
            throw AppError.noSeries(folder: folder, origin: origin)
        }
        var series: [SeriesDefinition] = []
        var files: [String: String] = [:]
        for name in names {
            let def = try SeriesFile.parse(try readInput(path(name)), file: path(name))
            if let other = series.first(where: { $0.series.slug == def.series.slug }) {
                throw AppError.duplicateSeries(file: path(name), slug: def.series.slug, usedBy: other.series.uid)
            }
            series.append(def)
            files[def.series.slug] = path(name)
        }
        var configuration = CalendarConfiguration(calendar: BusinessCalendar(localClosures: closures), policy: policy,
                                                  series: series, seriesFiles: files)
        configuration.retention = retention
        configuration.policyFile = path("policy.yaml")
        configuration.publishing = publishing
        configuration.publishingModifiedAt = publishingModifiedAt
        return configuration
    }

    /// Refuses a series serving a body the registry does not know (#12.5d).
    /// - Throws: `AppError.unknownSeriesBody` naming the series file, the unknown body id and the known ones.
    public func checkBodies(in registry: Registry) throws(AppError) {
        let known = registry.bodies.map(\.id)
        for def in series {
            for body in def.series.bodies where !known.contains(body) {
                throw .unknownSeriesBody(file: seriesFiles[def.series.slug] ?? def.series.slug, body: body, known: known)
            }
        }
    }

    /// The regular sessions of every series from `from` through `through`, with RECURRENCE-ID
    /// overrides applied, never on a closed day.
    public func regularSessions(from: LocalDate, through: LocalDate) throws -> [Session] {
        try series.flatMap { def in
            try def.sessions(from: from, through: through, calendar: calendar)
        }.sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
    }
}

/// Where the calendars folder is and how it was named: what a use case needs to read the
/// configuration again when the folder changes (`kasane serve`).
public struct CalendarSource: Sendable, Hashable {
    public var folder: String
    public var origin: CalendarConfiguration.Origin

    public init(folder: String, origin: CalendarConfiguration.Origin) {
        self.folder = folder
        self.origin = origin
    }

    /// The configuration in the folder now (see `CalendarConfiguration.load`).
    /// - Throws: what `CalendarConfiguration.load` throws.
    public func load(requireSeries: Bool = true) throws -> CalendarConfiguration {
        try CalendarConfiguration.load(folder: folder, origin: origin, requireSeries: requireSeries)
    }

    /// The folder's state: the name, size and modification time of every file in it (and the
    /// folder's own), so an edit, an added or a removed series changes it. Cheap (a listing and a
    /// `stat` per file): asked on every feed request of `kasane serve` (#13 server).
    public func state() -> String {
        let fm = FileManager.default
        var parts: [String] = []
        func stamp(_ path: String) -> String {
            guard let a = try? fm.attributesOfItem(atPath: path) else { return "-" }
            let size = (a[.size] as? NSNumber)?.int64Value ?? -1
            let mtime = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            return "\(size)@\(mtime)"
        }
        parts.append(stamp(folder))
        for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
            parts.append(name + "=" + stamp((folder as NSString).appendingPathComponent(name)))
        }
        return parts.joined(separator: "|")
    }
}

/// Reads a whole input file as UTF-8 text.
/// - Throws: `AppError.cannotRead` (missing or unreadable) or `.notUTF8`.
public func readInput(_ path: String) throws(AppError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path: path) }
    guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: path) }
    return text
}
