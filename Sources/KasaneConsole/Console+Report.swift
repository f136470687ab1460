import Foundation
import Logging
import Hummingbird
import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording

/// `report.mustache`: the yearly indicators (`kasane report`) as a table, and the decisions by
/// month as an SVG bar chart (drawn here, no script).
struct ReportPage: Sendable {
    struct Row: Sendable { let label: String, value: String }
    struct Bar: Sendable {
        let x: Int, y: Int, height: Int, labelX: Int, month: String, value: Int, valueY: Int
    }
    struct Month: Sendable { let month: String, decisions: Int, meetings: Int }
    let chrome: Chrome
    let fiscalYear: Int, previousYear: Int, nextYear: Int
    let rows: [Row]
    let shortages: [String]
    let bars: [Bar]
    let months: [Month]
    let chartWidth: Int, chartHeight: Int, baseline: Int
    let notice: Notice?
}

extension Console {
    func addReportRoutes(to router: Router<ConsoleRequestContext>) {
        get(router, "/report", .read) { request, _, signed in
            let today = clock.today
            let fallback = today.month >= 4 ? today.year : today.year - 1
            let year = request.uri.queryParameters.get("year").flatMap { Int($0) } ?? fallback
            let reports = Reports(store: store)
            do {
                let r = try reports.yearly(fiscalYear: year)
                let months = try reports.monthly(fiscalYear: year)
                return ConsoleResponses.html(.ok, pages.render("report", Self.reportPage(
                    chrome("年次報告", signed), year: year, indicators: r, months: months, catalogue: catalogue)))
            } catch let error as ReportError {
                return messagePage(.unprocessableContent, words(error), title: "年次報告", signed: signed, back: "/report")
            }
        }
    }

    static func reportPage(_ chrome: Chrome, year: Int, indicators r: YearlyIndicators, months: [MonthlyActivity],
                           catalogue: Catalogue) -> ReportPage {
        let height = 160, top = 20, barWidth = 32, gap = 14, left = 10
        let peak = max(months.map(\.decisions).max() ?? 0, 1)
        let bars = months.enumerated().map { i, m -> ReportPage.Bar in
            let h = m.decisions * height / peak
            let x = left + i * (barWidth + gap)
            return .init(x: x, y: top + height - h, height: h, labelX: x + barWidth / 2, month: "\(m.month.month)月",
                         value: m.decisions, valueY: top + height - h - 4)
        }
        return ReportPage(
            chrome: chrome, fiscalYear: year, previousYear: year - 1, nextYear: year + 1,
            rows: ReportIndicator.allCases.map { .init(label: catalogue($0), value: "\($0.value(in: r))") },
            shortages: r.shortages, bars: bars,
            months: months.map { .init(month: "\($0.month.year)年\($0.month.month)月", decisions: $0.decisions, meetings: $0.meetings) },
            chartWidth: left * 2 + 12 * (barWidth + gap), chartHeight: top + height + 24, baseline: top + height,
            notice: nil)
    }
}
