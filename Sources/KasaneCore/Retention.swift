/// The workspace's retention rule (#17.2, 文書保存期間): a household's personal details are kept
/// for `yearsAfterEnd` years after its case ends (支援終結: the decision in force that approved the
/// ending, R18), then erased. Open, suspended and reopened cases are never due: the rule counts
/// only from an ending. Pure: `today` is passed in.
public struct RetentionRule: Hashable, Sendable, Codable {
    /// The years a rule may keep details for (`retention.yearsAfterEnd` in policy.yaml).
    public static let allowedYears: ClosedRange<Int> = 1...100

    /// Years after the case ended.
    public var yearsAfterEnd: Int

    public init(yearsAfterEnd: Int) { self.yearsAfterEnd = yearsAfterEnd }

    /// The first day the details of a case that ended on `endedOn` are due for erasure: the same
    /// day `yearsAfterEnd` years later (a 29 February end falls due on 1 March of a common year, so
    /// the full period is always kept).
    public func dueDate(endedOn: LocalDate) -> LocalDate {
        let year = endedOn.year + yearsAfterEnd
        return LocalDate(year: year, month: endedOn.month, day: endedOn.day)
            ?? LocalDate(year: year, month: 3, day: 1)!
    }

    /// Where `file` stands under this rule on `today`.
    public func state(of file: CaseFile, today: LocalDate) -> RetentionState {
        guard file.status == .ended, let endedOn = file.endedOn else { return .open(file.status) }
        let held = file.membersWithDetails
        if held.isEmpty { return file.erasures.isEmpty ? .nothingHeld : .erased }
        let due = dueDate(endedOn: endedOn)
        return today < due ? .kept(endedOn: endedOn, dueOn: due) : .due(endedOn: endedOn, dueOn: due)
    }

    /// The cases of `files` due for erasure on `today`, in the order given.
    public func due(_ files: [CaseFile], today: LocalDate) -> [RetentionDue] {
        files.compactMap { file in
            guard case .due(let endedOn, let dueOn) = state(of: file, today: today) else { return nil }
            return RetentionDue(number: file.number, endedOn: endedOn, dueOn: dueOn, rule: self,
                                members: file.membersWithDetails)
        }
    }

    /// The erasure event this rule records for a due case (who erases, on which day).
    public func erasure(of due: RetentionDue, by person: PersonID, on day: LocalDate) -> CaseEvent.DetailsErased {
        CaseEvent.DetailsErased(on: day, members: due.members, by: person, yearsAfterEnd: yearsAfterEnd,
                                endedOn: due.endedOn)
    }
}

/// Where one case stands under a retention rule (#17.2).
public enum RetentionState: Hashable, Sendable {
    /// Not ended (open, suspended, returned, or reopened): never due.
    case open(CaseStatus)
    /// Ended; its details are kept until `dueOn`.
    case kept(endedOn: LocalDate, dueOn: LocalDate)
    /// Ended on `endedOn`; due for erasure since `dueOn`.
    case due(endedOn: LocalDate, dueOn: LocalDate)
    /// Every member's details are already erased.
    case erased
    /// Ended, but no member was ever recorded: nothing to erase.
    case nothingHeld
}

/// A case due for erasure: what `kasane retention plan` lists and `apply` erases.
public struct RetentionDue: Hashable, Sendable, Codable {
    public var number: CaseNumber
    /// The day the case ended (支援終結).
    public var endedOn: LocalDate
    /// The first day its details are due for erasure.
    public var dueOn: LocalDate
    /// The rule that makes it due.
    public var rule: RetentionRule
    /// The members whose details are still held.
    public var members: [MemberKey]

    public init(number: CaseNumber, endedOn: LocalDate, dueOn: LocalDate, rule: RetentionRule, members: [MemberKey]) {
        self.number = number
        self.endedOn = endedOn
        self.dueOn = dueOn
        self.rule = rule
        self.members = members
    }
}
