public import KasaneCore
public import KasaneStore

/// One line of the yearly report, in the order printed.
public enum ReportIndicator: String, Hashable, Sendable, CaseIterable {
    case fiscalYear, casesReviewedMultiAgency, casesReviewedSupportMeeting, outreachPlans, participationPlans
    case meetingsHeld, totalAttendance, shortages, supportDecisions, plansReported, awaitingSupportDecision

    /// This indicator's value in `r`.
    public func value(in r: YearlyIndicators) -> Int {
        switch self {
        case .fiscalYear: r.fiscalYear
        case .casesReviewedMultiAgency: r.casesReviewedMultiAgency
        case .casesReviewedSupportMeeting: r.casesReviewedSupportMeeting
        case .outreachPlans: r.outreachPlans
        case .participationPlans: r.participationPlans
        case .meetingsHeld: r.meetingsHeld
        case .totalAttendance: r.totalAttendance
        case .shortages: r.shortages.count
        case .supportDecisions: r.supportDecisions
        case .plansReported: r.plansReported
        case .awaitingSupportDecision: r.awaitingSupportDecision
        }
    }
}

/// A refused report request.
public enum ReportError: Error, Hashable, Sendable {
    /// The fiscal year is outside 2000–2100.
    case fiscalYearOutOfRange(Int)
}

/// The yearly indicators use case (`kasane report`).
public struct Reports: Sendable {
    public var store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// The indicators of fiscal year `fiscalYear` (April `fiscalYear` to March the year after).
    /// - Throws: `ReportError.fiscalYearOutOfRange`; the store's error.
    public func yearly(fiscalYear: Int) throws -> YearlyIndicators {
        guard (2000...2100).contains(fiscalYear) else { throw ReportError.fiscalYearOutOfRange(fiscalYear) }
        return YearlyIndicators.compute(try store.caseFiles(), fiscalYear: fiscalYear)
    }
}

/// One month of the fiscal year in the console's chart (#15).
public struct MonthlyActivity: Hashable, Sendable {
    /// The first day of the month.
    public var month: LocalDate
    /// Decisions recorded on items decided in that month.
    public var decisions: Int
    /// Distinct meetings at which those decisions were taken.
    public var meetings: Int
}

extension Reports {
    /// The twelve months of fiscal year `fiscalYear` (April to March) with the decisions taken
    /// and the meetings they were taken at, by the decision's day.
    /// - Throws: `ReportError.fiscalYearOutOfRange`; the store's error.
    public func monthly(fiscalYear: Int) throws -> [MonthlyActivity] {
        guard (2000...2100).contains(fiscalYear) else { throw ReportError.fiscalYearOutOfRange(fiscalYear) }
        let months = (0..<12).compactMap { i in
            LocalDate(year: fiscalYear + (i >= 9 ? 1 : 0), month: (i + 3) % 12 + 1, day: 1)
        }
        var rows = months.map { MonthlyActivity(month: $0, decisions: 0, meetings: 0) }
        var meetings = Array(repeating: Set<String>(), count: 12)
        for file in try store.caseFiles() {
            for logged in file.decisions {
                let day = logged.decision.decidedOn
                guard let i = months.firstIndex(where: { $0.year == day.year && $0.month == day.month }) else { continue }
                rows[i].decisions += 1
                if let meeting = logged.decision.meeting { meetings[i].insert(meeting) }
            }
        }
        for i in rows.indices { rows[i].meetings = meetings[i].count }
        return rows
    }
}
