/// The yearly activity indicators a municipality reports (seed 001), for one fiscal year.
public struct YearlyIndicators: Hashable, Sendable, Codable {
    public var fiscalYear: Int
    /// Unique cases reviewed in a 重層的支援会議 item.
    public var casesReviewedMultiAgency: Int
    /// Unique cases reviewed in a 支援会議 item.
    public var casesReviewedSupportMeeting: Int
    /// Outreach (アウトリーチ等) plans drafted or revised.
    public var outreachPlans: Int
    /// Participation (参加支援) plans drafted or revised.
    public var participationPlans: Int
    /// Meetings that recorded at least one decision.
    public var meetingsHeld: Int
    /// Attendances: distinct people recorded as attending, summed over meetings.
    public var totalAttendance: Int
    /// Social-resource shortages noted (for the 地域づくり side), in the order noted.
    public var shortages: [String]
    /// R16: 支援決定 made in the year (with the approval, or later outside the meeting).
    public var supportDecisions: Int = 0
    /// R16 case 3: plans without statutory programmes confirmed on approval and reported (報告).
    public var plansReported: Int = 0
    /// R16: plans approved by a meeting whose 支援決定 is still to come, at the end of the data.
    public var awaitingSupportDecision: Int = 0

    /// Computes the indicators from the case files (decisions and plans dated in the fiscal year,
    /// April to March). Superseded decisions count once: the correction replaces them.
    public static func compute(_ files: [CaseFile], fiscalYear: Int) -> YearlyIndicators {
        var multi: Set<CaseNumber> = [], support: Set<CaseNumber> = []
        var outreach = 0, participation = 0
        var attendance: [String: Set<PersonID>] = [:]
        var shortages: [String] = []
        for file in files {
            for plan in file.plans where plan.draftedOn.fiscalYear == fiscalYear {
                if plan.kind == .outreach { outreach += 1 }
                if plan.kind == .participation { participation += 1 }
            }
            let superseded = Set(file.decisions.compactMap(\.decision.supersedes))
            for logged in file.decisions where !superseded.contains(logged.eventSeq) {
                let d = logged.decision
                guard d.decidedOn.fiscalYear == fiscalYear, let meeting = d.meeting else { continue }
                switch d.meetingKind ?? .multiAgency {
                case .multiAgency: multi.insert(file.number)
                case .supportMeeting: support.insert(file.number)
                }
                attendance[meeting, default: []].formUnion(d.attended ?? [])
                shortages += d.shortages ?? []
            }
        }
        var result = YearlyIndicators(
            fiscalYear: fiscalYear, casesReviewedMultiAgency: multi.count, casesReviewedSupportMeeting: support.count,
            outreachPlans: outreach, participationPlans: participation, meetingsHeld: attendance.count,
            totalAttendance: attendance.values.reduce(0) { $0 + $1.count }, shortages: shortages)
        for plan in files.flatMap(\.plans) {
            if let decision = plan.supportDecision, decision.on.fiscalYear == fiscalYear { result.supportDecisions += 1 }
            if let reported = plan.reportedOn, reported.fiscalYear == fiscalYear { result.plansReported += 1 }
            if plan.state == .awaitingSupportDecision, plan.approvedOn?.fiscalYear == fiscalYear {
                result.awaitingSupportDecision += 1
            }
        }
        return result
    }
}
