import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneYAML

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "開庁日: 国民の祝日、年末年始の休業、自治体独自の休業日。",
        subcommands: [Holidays.self])

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "一年の閉庁日の一覧。")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "暦年（例 2027）。") var year: Int
        @Flag(help: "JSON で出力します。") var json = false

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

