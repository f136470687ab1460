import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneYAML

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Business days: national holidays, year-end closure, local closures.",
        subcommands: [Holidays.self])

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the days the offices are closed in a year.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "The calendar year, e.g. 2027.") var year: Int
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard (1900...2199).contains(year) else {
                throw ValidationError(wording.say("--year \(year) は 1900 から 2199 までの年で指定してください",
                                                  en: "--year \(year) is outside 1900–2199"))
            }
        }

        func run() throws {
            let calendar = try workspace.configuration(requireSeries: false).calendar
            let days = calendar.closedDays(in: year)
            if json {
                return try printJSON(days.map { ["date": $0.date.iso, "name": $0.name, "reason": $0.reason.rawValue,
                                                 "weekday": $0.date.weekday.japanese] })
            }
            for d in days { print("\(d.date.iso) (\(d.date.weekday.japanese))  \(d.name)") }
        }
    }
}

