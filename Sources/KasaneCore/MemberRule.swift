/// Why a household member's personal details were refused (#13: the rule lives in the core, the
/// store and the use cases call it).
public enum MemberProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Member `key` of case `number` has no details, or a name that is empty or blank.
    case missingName(CaseNumber, MemberKey)
    /// Member `key` of case `number` is born after `today`.
    case bornAfterToday(CaseNumber, MemberKey, born: LocalDate, today: LocalDate)

    /// The store's English fallback (the catalogue words it for staff).
    public var description: String {
        switch self {
        case .missingName(let n, let m): "case \(n): member '\(m)' needs a name"
        case .bornAfterToday(let n, let m, _, _): "case \(n): member '\(m)' has a birth date after today"
        }
    }
}

extension MemberDetails {
    /// Checks the details of member `key` of case `number` on `today`: there are details, the
    /// name is not empty or blank, and the birth date (when known) is not after today.
    /// - Returns: the details, checked.
    /// - Throws: `MemberProblem` naming the case and the member (never the name).
    public static func checked(_ details: MemberDetails?, of key: MemberKey, in number: CaseNumber,
                               today: LocalDate) throws(MemberProblem) -> MemberDetails {
        guard let details, !details.name.allSatisfy(\.isWhitespace) else { throw .missingName(number, key) }
        if let born = details.birthDate, born > today {
            throw .bornAfterToday(number, key, born: born, today: today)
        }
        return details
    }
}

extension NewMember {
    /// Checks this member's details for case `number` on `today` (`MemberDetails.checked`).
    /// - Throws: `MemberProblem`.
    public func check(in number: CaseNumber, today: LocalDate) throws(MemberProblem) {
        _ = try MemberDetails.checked(details, of: member.key, in: number, today: today)
    }
}
