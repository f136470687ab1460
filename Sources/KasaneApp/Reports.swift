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
