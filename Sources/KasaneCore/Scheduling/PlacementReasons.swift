// The scheduler's reasons as typed values (#13.3, STYLE.md §19): where an item went and why,
// why it moved, why it could not be placed, why a joint holding is offered. The words are in
// KasaneWording (SchedulingWording.swift); rule tests assert on these values.

/// The first few of a list of things and how many there are in all: a reason names the first
/// `FirstFew.limit` skipped sessions or slots and counts the rest ("a, b, c and 4 more").
public struct FirstFew<Element: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    /// How many things a reason names before "and N more".
    public static var limit: Int { 3 }

    /// The first things, at most `limit`.
    public private(set) var first: [Element]
    /// How many things there are in all.
    public private(set) var count: Int

    /// No things.
    public init() {
        first = []
        count = 0
    }

    /// The first of `all`, and how many they are.
    public init(_ all: some Collection<Element>) {
        first = Array(all.prefix(Self.limit))
        count = all.count
    }

    /// Whether there is nothing.
    public var isEmpty: Bool { count == 0 }

    /// How many things are counted but not named.
    public var more: Int { count - first.count }

    /// Counts one more thing; it is built only while it will be named.
    public mutating func add(_ element: @autoclosure () -> Element) {
        if first.count < Self.limit { first.append(element()) }
        count += 1
    }
}

/// Why an item is in its session (`ScheduledItem.reason`), with the rule ids that decided it.
/// Stored as JSON in `session_item.reason`; a reason stored as text by an earlier version reads
/// as `.legacy`.
public indirect enum PlacementReason: Hashable, Sendable, Codable {
    /// R6/R7: the earliest session of `kind` with room on or before the due date; the earlier
    /// sessions in the window (`fullBefore`) were full.
    case earliestRegular(kind: BodyKind, dueOn: LocalDate, rule: String, fullBefore: FirstFew<String>)
    /// R5: the secretariat accepted holding the item jointly with `body` on `acceptedOn`; the case
    /// part sits as 重層的支援会議.
    case acceptedJointHolding(body: BodyID, acceptedOn: LocalDate)
    /// 随時開催: an ad hoc session proposed or joined.
    case adHoc(AdHocPlacement)
    /// R20: carried over from `session`, held on `heldOn` without a decision on the item;
    /// `reason` says why it is where it is now.
    case carriedOver(from: String, heldOn: LocalDate, reason: PlacementReason)
    /// A reason an earlier version of Kasane stored as text, kept as written.
    case legacy(String)
}

extension PlacementReason: ExpressibleByStringLiteral {
    /// A reason given as text (a fixture, or a row from before reasons were typed): `.legacy`.
    public init(stringLiteral text: String) { self = .legacy(text) }
}

/// An item placed in an ad hoc (随時) session: which one, why a regular session would not do,
/// and what the search stepped over.
public struct AdHocPlacement: Hashable, Sendable, Codable {
    /// The session: proposed by this run, or an ad hoc session already proposed.
    public enum Slot: Hashable, Sendable, Codable {
        /// A new ad hoc session `title` proposed on `date` at `start`.
        case proposed(title: String, date: LocalDate, start: TimeOfDay)
        /// The ad hoc session `sessionID` (`title`) on `date`, joined.
        case joined(title: String, sessionID: String, date: LocalDate)
    }

    /// The session the item went to.
    public var slot: Slot
    /// The rule id of the trigger's moment (R6-1 … R7).
    public var rule: String
    /// Why no regular session would do.
    public var because: [AdHocCause]
    /// What the search stepped over on the way.
    public var notes: [AdHocNote]

    /// Creates an ad hoc placement reason.
    public init(slot: Slot, rule: String, because: [AdHocCause], notes: [AdHocNote] = []) {
        self.slot = slot
        self.rule = rule
        self.because = because
        self.notes = notes
    }
}

/// Why an item needs an ad hoc (随時) session.
public enum AdHocCause: Hashable, Sendable, Codable {
    /// The plan or end proposal was marked urgent (随時開催).
    case urgent
    /// The sessions of `kind` from `from` to the due date are full.
    case regularSessionsFull(kind: BodyKind, from: LocalDate, dueOn: LocalDate, sessions: FirstFew<String>)
    /// The due date has passed.
    case overdue(since: LocalDate)
    /// The due date comes before any session can be held.
    case dueBeforeAnySession(dueOn: LocalDate)
    /// There is no session of `kind` from `from` to the due date.
    case noRegularSession(kind: BodyKind, from: LocalDate, dueOn: LocalDate)
}

/// What an ad hoc search stepped over before it found its slot.
public enum AdHocNote: Hashable, Sendable, Codable {
    /// The slot is on the earliest business day from `from`; `closed` names the days closed in
    /// between for other reasons than the weekend.
    case earliestBusinessDay(from: LocalDate, closed: [String])
    /// Slots or sessions skipped because a required attendee was busy.
    case skipped(FirstFew<SkippedSlot>)
}

/// An ad hoc slot or session skipped because a required attendee has another item then.
public struct SkippedSlot: Hashable, Sendable, Codable {
    /// Where: an ad hoc session already proposed, or a time on a day.
    public enum Place: Hashable, Sendable, Codable {
        /// The ad hoc session `sessionID`, at the item's segment start.
        case session(String, at: TimeOfDay)
        /// The office slot at `at` on `date`.
        case slot(LocalDate, at: TimeOfDay)
    }

    /// The place skipped.
    public var place: Place
    /// Who was busy, and with what.
    public var clash: AttendeeClash

    /// Creates a skip.
    public init(place: Place, clash: AttendeeClash) {
        self.place = place
        self.clash = clash
    }
}

/// A required attendee already in an overlapping item of another session.
public struct AttendeeClash: Hashable, Sendable, Codable {
    /// The person (an id, never a name).
    public var person: PersonID
    /// The other item's trigger.
    public var triggerID: String
    /// The other item's segment.
    public var start: TimeOfDay
    public var end: TimeOfDay
    /// The other item's session.
    public var sessionID: String

    /// Creates a clash.
    public init(person: PersonID, triggerID: String, start: TimeOfDay, end: TimeOfDay, sessionID: String) {
        self.person = person
        self.triggerID = triggerID
        self.start = start
        self.end = end
        self.sessionID = sessionID
    }
}

/// Why an item on record had to leave its session (`Move.why`), or why a held item was carried.
public enum MoveReason: Hashable, Sendable, Codable {
    /// The session is no longer in the calendars.
    case sessionGone(sessionID: String)
    /// R5: the item was held jointly with `body` in the session, and that is no longer accepted.
    case jointHoldingWithdrawn(sessionID: String, date: LocalDate, body: BodyID)
    /// R5: the secretariat accepted joint holding in another session, `acceptedIn`.
    case jointHoldingElsewhere(acceptedIn: String)
    /// The session does not serve a body of `kind`, which the item now needs (`basis`: R3/R4/R6).
    case bodyKindNeeded(sessionID: String, date: LocalDate, kind: BodyKind, basis: MeetingBasis)
    /// The session falls on a closed day (`name`).
    case closedDay(sessionID: String, date: LocalDate, name: String)
    /// The session is before the item's window opens.
    case beforeWindow(sessionID: String, date: LocalDate, notBefore: LocalDate)
    /// The (regular) session is after the due date of the item's moment (`rule`).
    case afterDue(sessionID: String, date: LocalDate, dueOn: LocalDate, rule: String)
    /// The item's position is beyond the session's capacity.
    case beyondCapacity(sessionID: String, date: LocalDate, position: Int, capacity: Int)
    /// Another item holds the position.
    case positionTaken(sessionID: String, date: LocalDate, position: Int)
    /// R20: the item was held in `sessionID` on `heldOn`, and no decision was recorded.
    case undecided(sessionID: String, heldOn: LocalDate)
}

/// Why an open trigger was left without a usable placement (`Unplaced.why`).
public indirect enum UnplacedReason: Hashable, Sendable, Codable {
    /// The earliest session of `kind` with room before the due date, `sessionID` on `date`, is
    /// after the run's horizon `until`.
    case beyondHorizon(kind: BodyKind, dueOn: LocalDate, sessionID: String, date: LocalDate, until: LocalDate,
                       rule: String)
    /// An ad hoc session is needed (`because`) but no body of `kind` is in the registry to hold one.
    case noAdHocBody(kind: BodyKind, because: [AdHocCause])
    /// An ad hoc session is needed (`because`) but no office slot from `from` to `until` (or
    /// within a year when `nil`) is on a business day with the required attendees free.
    case noAdHocSlot(from: LocalDate, until: LocalDate?, because: [AdHocCause])
    /// R5: the accepted joint holding in `sessionID` cannot be used (past, closed, full or gone);
    /// the item is placed as usual.
    case acceptedJointHoldingUnusable(sessionID: String)
    /// The item must leave its session (`why`), but invitations were sent: it stays on record
    /// until the run may reschedule.
    case invitationsSent(MoveReason)
    /// The item was in `session` but had to leave it (`because`), and then `then`.
    case released(from: String, because: MoveReason, then: UnplacedReason)
    /// R3, R10, R11: the 重層的支援会議 item cannot be held lawfully in `sessionID` (`blockers`: no
    /// chair or no municipal staff within its scope), with what the secretariat can do.
    case cannotBeHeldLawfully(sessionID: String, blockers: [AttendanceFlag], remedies: [LawRemedy])
}

/// Why a joint holding is offered (R5, `JointOffer.reason`): the existing body's session lies in
/// the item's window and its members cover every agency of the case.
public struct JointHoldingReason: Hashable, Sendable, Codable {
    /// The existing body's kind and name (a registry name, not a person's).
    public var bodyKind: BodyKind
    public var bodyName: String
    /// The session's date.
    public var date: LocalDate
    /// The item's window.
    public var from: LocalDate
    public var dueOn: LocalDate
    /// The moment of the item; its rule id is `triggerKind.rule`.
    public var triggerKind: TriggerKind
    /// The case and the agencies involved in it.
    public var caseNumber: CaseNumber
    public var agencies: [AgencyID]

    /// Creates an offer reason.
    public init(bodyKind: BodyKind, bodyName: String, date: LocalDate, from: LocalDate, dueOn: LocalDate,
                triggerKind: TriggerKind, caseNumber: CaseNumber, agencies: [AgencyID]) {
        self.bodyKind = bodyKind
        self.bodyName = bodyName
        self.date = date
        self.from = from
        self.dueOn = dueOn
        self.triggerKind = triggerKind
        self.caseNumber = caseNumber
        self.agencies = agencies
    }
}
