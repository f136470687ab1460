import KasaneCore
import Testing

/// The member-name and birth-date rule, moved from the store into the core (#13, "rules in the
/// wrong layer"): tests assert on the typed problem, not on words.
@Suite("Household member details (#13)")
struct MemberRuleTests {
    static let today = LocalDate(year: 2026, month: 11, day: 26)!

    @Test("#13 a member without details, or with an empty or blank name, is refused as missingName",
          arguments: [nil, MemberDetails(name: ""), MemberDetails(name: "   "), MemberDetails(name: "\u{3000}")])
    func missingName(details: MemberDetails?) {
        #expect(throws: MemberProblem.missingName("R8-3", "m2")) {
            try MemberDetails.checked(details, of: "m2", in: "R8-3", today: Self.today)
        }
    }

    @Test("#13 a birth date after today is refused; today itself and earlier are accepted")
    func birthDate() throws {
        let tomorrow = LocalDate(year: 2026, month: 11, day: 27)!
        #expect(throws: MemberProblem.bornAfterToday("R8-3", "m1", born: tomorrow, today: Self.today)) {
            try MemberDetails.checked(MemberDetails(name: "試験 花子", birthDate: tomorrow), of: "m1", in: "R8-3",
                                      today: Self.today)
        }
        for born in [Self.today, LocalDate(year: 1950, month: 3, day: 4)!, nil] {
            let d = MemberDetails(name: "試験 花子", birthDate: born)
            #expect(try MemberDetails.checked(d, of: "m1", in: "R8-3", today: Self.today) == d)
        }
    }

    @Test("#13 NewMember.check applies the same rule to the member's own details")
    func newMember() {
        let member = NewMember(member: HouseholdMember(key: "m1", relation: "本人", isPrincipal: true),
                               details: MemberDetails(name: ""))
        #expect(throws: MemberProblem.missingName("R9-1", "m1")) { try member.check(in: "R9-1", today: Self.today) }
    }

    @Test("#13 the store's fallback text names the case and the member, never the name")
    func fallbackNamesNoPerson() {
        let problem = MemberProblem.bornAfterToday("R8-3", "m1", born: Self.today, today: Self.today)
        #expect(problem.description == "case R8-3: member 'm1' has a birth date after today")
    }
}
