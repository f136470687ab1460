extension CaseFile {
    /// R3, R4: the meeting an item discussing `discussed` needs on `date` — 重層的支援会議 only when
    /// every member discussed has a consent in force, otherwise 支援会議. An item that discusses
    /// nobody has no consent to rely on (R4: outreach before consent goes to the 支援会議).
    ///
    /// The one statement of the rule: `requiredMeetingKind(on:)` (every member on record) and
    /// `AttendancePlanner.requiredKind(for:on:)` (the members an item discusses) both ask it.
    public func requiredMeetingKind(discussing discussed: [MemberKey], on date: LocalDate) -> MeetingKind {
        guard !discussed.isEmpty else { return .supportMeeting }
        return membersWithoutConsent(discussed, on: date).isEmpty ? .multiAgency : .supportMeeting
    }

    /// The members of `discussed` without a consent in force on `date`, in order (R1, R3).
    public func membersWithoutConsent(_ discussed: [MemberKey], on date: LocalDate) -> [MemberKey] {
        discussed.filter { consent(of: $0, on: date) == nil }
    }
}
