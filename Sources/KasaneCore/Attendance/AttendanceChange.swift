/// How an item's attendance changed after a recomputation: whom to uninvite, invite and update.
public struct AttendanceChange: Hashable, Sendable, Codable {
    public var item: Int
    public var caseNumber: CaseNumber
    /// People who lost the item: the calendar sends them METHOD:CANCEL for it.
    public var uninvited: [Attendee]
    /// People newly invited: the calendar sends them METHOD:REQUEST.
    public var invited: [Attendee]
    /// People still invited whose role or agency changed (a REQUEST with a higher SEQUENCE).
    public var updated: [Attendee]
    /// Whether the person (本人) no longer attends, or now attends (R14).
    public var principalChanged: Bool

    public init(item: Int, caseNumber: CaseNumber, uninvited: [Attendee], invited: [Attendee], updated: [Attendee],
                principalChanged: Bool) {
        self.item = item
        self.caseNumber = caseNumber
        self.uninvited = uninvited
        self.invited = invited
        self.updated = updated
        self.principalChanged = principalChanged
    }

    /// Whether nothing changed for the calendar.
    public var isEmpty: Bool { uninvited.isEmpty && invited.isEmpty && updated.isEmpty && !principalChanged }
}

/// What to do with an item whose consent situation changed since it was placed (R3, R4).
public struct ConsentReview: Hashable, Sendable, Codable {
    /// The decision for the item.
    public enum Routing: String, Hashable, Sendable, Codable, CaseIterable {
        /// The item stays as it is.
        case keep
        /// Consent is gone and this session also sits as 支援会議: hold the item as a 支援会議 item (R3).
        case moveToSupportMeeting
        /// The secretariat must place the item elsewhere: consent is gone and the session has no
        /// 支援会議 (R3), or consent is now in force for a 支援会議 item (R4: its plan goes to
        /// 重層的支援会議).
        case flagForSecretariat
    }

    public var item: Int
    public var caseNumber: CaseNumber
    public var routing: Routing
    /// The kind the item was placed as, and the kind the case needs on the session date.
    public var placedAs: MeetingKind
    public var needs: MeetingKind
    /// The discussed members without a consent in force on the session date.
    public var membersWithoutConsent: [MemberKey]
    @RuleTagged public var reason: Reason

    public init(item: Int, caseNumber: CaseNumber, routing: Routing, placedAs: MeetingKind, needs: MeetingKind,
                membersWithoutConsent: [MemberKey], reason: Reason) {
        self.item = item
        self.caseNumber = caseNumber
        self.routing = routing
        self.placedAs = placedAs
        self.needs = needs
        self.membersWithoutConsent = membersWithoutConsent
        self.reason = reason
    }
}

/// A recomputed item: the new attendance, what changed for the calendar, and the consent review.
public struct AttendanceRecomputation: Hashable, Sendable, Codable {
    public var attendance: ItemAttendance
    public var change: AttendanceChange
    public var review: ConsentReview

    public init(attendance: ItemAttendance, change: AttendanceChange, review: ConsentReview) {
        self.attendance = attendance
        self.change = change
        self.review = review
    }
}

extension AttendancePlanner {
    // MARK: - Change

    /// Compares an item's earlier attendance with a recomputed one, person by person.
    public static func changes(from previous: ItemAttendance, to current: ItemAttendance) -> AttendanceChange {
        let before = Dictionary(previous.attendees.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.attendees.map { ($0.person, $0) }, uniquingKeysWith: { a, _ in a })
        return AttendanceChange(
            item: current.item, caseNumber: current.caseNumber,
            uninvited: previous.attendees.filter { after[$0.person] == nil },
            invited: current.attendees.filter { before[$0.person] == nil },
            updated: current.attendees.filter { now in
                guard let was = before[now.person] else { return false }
                return was.role != now.role || was.agency != now.agency
            },
            principalChanged: previous.principal != current.principal)
    }

    /// Checks an item placed as `item.meetingKind` against the consents in force on the session
    /// date: a 重層的支援会議 item whose consent is gone moves to 支援会議 (R3) when the session also
    /// sits as one, else it is flagged for the secretariat; a 支援会議 item whose consent is now in
    /// force is flagged so its plan can go to 重層的支援会議 (R4).
    public static func reviewConsent(of item: AttendanceItem, in session: AttendanceSession) -> ConsentReview {
        let needs = requiredKind(for: item, on: session.date)
        let placedAs = item.meetingKind ?? needs
        let missing = item.caseFile.membersWithoutConsent(item.discussed, on: session.date)
        func review(_ routing: ConsentReview.Routing, _ reason: ConsentReview.Reason) -> ConsentReview {
            ConsentReview(item: item.number, caseNumber: item.caseFile.number, routing: routing, placedAs: placedAs,
                          needs: needs, membersWithoutConsent: missing, reason: reason)
        }
        switch (placedAs, needs) {
        case (.multiAgency, .supportMeeting):
            if let body = session.body(for: .supportMeeting) {
                return review(.moveToSupportMeeting, .movedToSupportMeeting(members: missing, on: session.date,
                                                                            body: body.named))
            }
            return review(.flagForSecretariat, .needsSupportMeetingSession(members: missing, on: session.date))
        case (.supportMeeting, .multiAgency):
            return review(.flagForSecretariat, .consentNowInForce)
        default:
            return review(.keep, .heldAsNeeded(placedAs))
        }
    }

    /// Recomputes an item after its case or the registry changed (consent narrowed or withdrawn,
    /// an appointment ended, an agency left the case) and compares it with `previous`. An item
    /// that lost its consent is recomputed as a 支援会議 item when the review moves it (R3).
    public static func recompute(_ previous: ItemAttendance, item: AttendanceItem, in session: AttendanceSession,
                                 registry: Registry) -> AttendanceRecomputation {
        let review = reviewConsent(of: item, in: session)
        var placed = item
        if review.routing == .moveToSupportMeeting { placed.meetingKind = .supportMeeting }
        let current = attendance(for: placed, in: session, registry: registry)
        return AttendanceRecomputation(attendance: current, change: changes(from: previous, to: current),
                                       review: review)
    }
}
