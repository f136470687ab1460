/// One case item placed in a session, with its own time segment (the scheduler issue, part 4).
public struct ScheduledItem: Hashable, Sendable, Codable {
    /// The trigger the item discusses (`Trigger.id`, e.g. `R8-3#5`).
    public var triggerID: String
    /// The case the item is about.
    public var caseNumber: CaseNumber
    /// The session holding the item (`Session.id`).
    public var sessionID: String
    /// The 0-based segment index within the session; stable across runs.
    public var position: Int
    /// The start of the item's segment: the session's start + `position` × minutes per item.
    public var start: TimeOfDay
    /// The end of the item's segment.
    public var end: TimeOfDay
    /// The meeting the item is held as (R1–R4).
    public var meetingKind: MeetingKind
    /// The trigger's due date.
    public var dueOn: LocalDate
    /// Why the item was placed there, with rule ids (worded by the catalogue).
    public var reason: PlacementReason
    /// Whether invitations were already sent (set by the calendar side); an invited item is not
    /// moved unless the run allows rescheduling.
    public var invited: Bool
    /// The key of the item's calendar object (its UID derives from it): the trigger id, or for an
    /// item carried over from a held session, `<trigger id>>carry><held session id>`, so the held
    /// item keeps its own calendar object (R20) and the carried one gets a new one.
    public var calendarKey: String
    /// The held session this placement was carried over from, its item left undecided there (R20).
    public var carriedFrom: String?
    /// The existing body (地域ケア会議, …) this item is held jointly with, when the secretariat
    /// accepted a joint-holding offer (R5).
    public var jointBody: BodyID?

    /// Creates a placement.
    public init(triggerID: String, caseNumber: CaseNumber, sessionID: String, position: Int, start: TimeOfDay,
                end: TimeOfDay, meetingKind: MeetingKind, dueOn: LocalDate, reason: PlacementReason, invited: Bool = false,
                calendarKey: String? = nil, carriedFrom: String? = nil, jointBody: BodyID? = nil) {
        self.triggerID = triggerID
        self.caseNumber = caseNumber
        self.sessionID = sessionID
        self.position = position
        self.start = start
        self.end = end
        self.meetingKind = meetingKind
        self.dueOn = dueOn
        self.reason = reason
        self.invited = invited
        self.calendarKey = calendarKey ?? triggerID
        self.carriedFrom = carriedFrom
        self.jointBody = jointBody
    }

    /// The calendar key of `triggerID`'s item carried over from the held session `heldSessionID`.
    public static func carriedKey(_ triggerID: String, from heldSessionID: String) -> String {
        "\(triggerID)\(carryMarker)\(heldSessionID)"
    }

    /// What separates the trigger id from the held session in a carried item's calendar key.
    public static let carryMarker = ">carry>"

    /// The trigger id a calendar key belongs to.
    public static func triggerID(ofCalendarKey key: String) -> String {
        key.firstRange(of: carryMarker).map { String(key[..<$0.lowerBound]) } ?? key
    }
}

/// The secretariat's acceptance of a joint-holding offer (R5): the item of `triggerID` is held in
/// `sessionID`, a session of the existing body `body`, the case part sitting as 重層的支援会議.
public struct JointAcceptance: Hashable, Sendable, Codable {
    public var triggerID: String
    public var sessionID: String
    public var body: BodyID
    public var acceptedOn: LocalDate

    /// Creates an acceptance.
    public init(triggerID: String, sessionID: String, body: BodyID, acceptedOn: LocalDate) {
        self.triggerID = triggerID
        self.sessionID = sessionID
        self.body = body
        self.acceptedOn = acceptedOn
    }
}

/// An offer to hold an item jointly with a session of an existing body (R5); never placed there
/// automatically.
public struct JointOffer: Hashable, Sendable, Codable {
    /// The trigger whose item could be held jointly.
    public var triggerID: String
    /// The existing body's session.
    public var sessionID: String
    /// The existing body (地域ケア会議, 要保護児童対策地域協議会, …).
    public var bodyID: BodyID
    /// Why it is offered; the words add the R5 conditions to respect.
    public var reason: JointHoldingReason

    /// Creates an offer.
    public init(triggerID: String, sessionID: String, bodyID: BodyID, reason: JointHoldingReason) {
        self.triggerID = triggerID
        self.sessionID = sessionID
        self.bodyID = bodyID
        self.reason = reason
    }
}

/// An item the run moved from one session to another.
public struct Move: Hashable, Sendable, Codable {
    /// The trigger of the moved item.
    public var triggerID: String
    /// The session it was in.
    public var fromSession: String
    /// The session it is in now.
    public var toSession: String
    /// Why it had to leave `fromSession`.
    public var why: MoveReason

    /// Creates a move record.
    public init(triggerID: String, fromSession: String, toSession: String, why: MoveReason) {
        self.triggerID = triggerID
        self.fromSession = fromSession
        self.toSession = toSession
        self.why = why
    }
}

/// An open trigger the run could not (or may not) place, with what to do about it.
public struct Unplaced: Hashable, Sendable, Codable {
    /// The trigger left without a usable placement.
    public var triggerID: String
    /// Why, and what to do about it (worded by the catalogue).
    public var why: UnplacedReason

    /// Creates an unplaced record.
    public init(triggerID: String, why: UnplacedReason) {
        self.triggerID = triggerID
        self.why = why
    }
}

/// Everything one scheduling run looks at; "today" included, so the run is a pure function.
public struct ScheduleInput: Sendable {
    /// The ad hoc (随時) start times used when none is given: 10:00, 13:30 and 15:30.
    public static let defaultOfficeSlots: [TimeOfDay] = [
        TimeOfDay(minutes: 10 * 60), TimeOfDay(minutes: 13 * 60 + 30), TimeOfDay(minutes: 15 * 60 + 30),
    ]

    /// The open triggers; a placement whose trigger is not here is dropped.
    public var triggers: [Trigger]
    /// Regular sessions expanded from the series plus the ad hoc sessions proposed earlier. Past
    /// sessions still holding placements must be included, or their items count as vanished.
    public var sessions: [Session]
    /// The placements on record from the previous run.
    public var existing: [ScheduledItem]
    /// Bodies (to route items by `BodyKind`), members and agencies (for R5 offers).
    public var registry: Registry
    /// The case files, for the involved agencies that R5 joint holding must cover.
    public var caseFiles: [CaseNumber: CaseFile]
    /// The business-day calendar: no session is used or proposed on a closed day.
    public var calendar: BusinessCalendar
    /// The day of the run; only sessions after it receive new items.
    public var today: LocalDate
    /// When set, nothing is placed into a session after this day.
    public var until: LocalDate?
    /// Whether items already invited may be moved.
    public var reschedule: Bool
    /// Who must attend the item of `Trigger` in `Session`; used to keep ad hoc proposals clear of
    /// their other items.
    public var requiredPeople: @Sendable (Trigger, Session) -> Set<PersonID>
    /// The start times an ad hoc session may take, in office hours.
    public var officeSlots: [TimeOfDay]
    /// Minutes per item in a proposed ad hoc session.
    public var adHocMinutesPerItem: Int
    /// Items per proposed ad hoc session.
    public var adHocCapacity: Int
    /// Joint-holding offers the secretariat accepted (R5), by trigger id.
    public var jointAcceptances: [String: JointAcceptance]

    /// Creates the input of a run.
    public init(triggers: [Trigger], sessions: [Session], existing: [ScheduledItem] = [], registry: Registry,
                caseFiles: [CaseNumber: CaseFile] = [:], calendar: BusinessCalendar, today: LocalDate,
                until: LocalDate? = nil, reschedule: Bool = false,
                requiredPeople: @escaping @Sendable (Trigger, Session) -> Set<PersonID>,
                officeSlots: [TimeOfDay] = ScheduleInput.defaultOfficeSlots, adHocMinutesPerItem: Int = 30,
                adHocCapacity: Int = 4, jointAcceptances: [JointAcceptance] = []) {
        self.triggers = triggers
        self.sessions = sessions
        self.existing = existing
        self.registry = registry
        self.caseFiles = caseFiles
        self.calendar = calendar
        self.today = today
        self.until = until
        self.reschedule = reschedule
        self.requiredPeople = requiredPeople
        self.officeSlots = officeSlots
        self.adHocMinutesPerItem = adHocMinutesPerItem
        self.adHocCapacity = adHocCapacity
        self.jointAcceptances = Dictionary(jointAcceptances.map { ($0.triggerID, $0) }, uniquingKeysWith: { _, b in b })
    }
}

/// What a scheduling run decided. Feeding `items` back as `ScheduleInput.existing` (and adding
/// `newSessions` to the sessions) makes the next run change nothing.
public struct ScheduleResult: Hashable, Sendable, Codable {
    /// Every placement after this run, sorted by session date, start, session id; items whose
    /// session no longer exists come last. The items of sessions that are a record (R20: their
    /// day has come, or they were held) are here verbatim, decided or not.
    public var items: [ScheduledItem]
    /// The ad hoc (随時) sessions proposed in this run, sorted by date and start.
    public var newSessions: [Session]
    /// Joint holding offers (R5), sorted by session date, trigger id, body id.
    public var offers: [JointOffer]
    /// Items moved to another session, in scheduling order.
    public var moved: [Move]
    /// Placements whose trigger is no longer open (decided), as they were on record.
    public var dropped: [ScheduledItem]
    /// Open triggers left without a usable placement, in scheduling order.
    public var unplaced: [Unplaced]
    /// Undecided items of held sessions placed again in a later session (R20), in scheduling order.
    public var carried: [Move]

    /// Creates a result.
    public init(items: [ScheduledItem] = [], newSessions: [Session] = [], offers: [JointOffer] = [],
                moved: [Move] = [], dropped: [ScheduledItem] = [], unplaced: [Unplaced] = [], carried: [Move] = []) {
        self.items = items
        self.newSessions = newSessions
        self.offers = offers
        self.moved = moved
        self.dropped = dropped
        self.unplaced = unplaced
        self.carried = carried
    }
}

extension Session {
    /// The time segment of the item at `position`: start + position × minutes per item.
    public func segment(at position: Int) -> (start: TimeOfDay, end: TimeOfDay) {
        let start = start.adding(minutes: position * minutesPerItem)
        return (start, start.adding(minutes: minutesPerItem))
    }

    /// The id of an ad hoc session on `date` at `start`: `adhoc-2026-11-24-1000`.
    public static func adHocID(on date: LocalDate, at start: TimeOfDay) -> String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "adhoc-\(date.iso)-\(pad(start.hour))\(pad(start.minute))"
    }
}
