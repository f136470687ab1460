/// Slotting and stability (the scheduler issue, parts 4 and 5): every open trigger gets a segment
/// of a session, as a pure function of `ScheduleInput` (no clock, no I/O, deterministic).
///
/// The rules, as decided for Kasane:
///
/// - **Fitting session**: a session fits a trigger when it serves a registry body whose kind is
///   `trigger.meetingKind.bodyKind` (重層的支援会議 or 支援会議, R1–R4). Triggers are placed in
///   `Trigger.scheduleOrder`, each into the earliest fitting regular session (date, start, id) with a date
///   after `today`, on or after `notBefore`, on or before `dueOn`, on a business day, with a free
///   position below its capacity (R6, R7). When that session lies after `until`, the trigger is
///   reported unplaced (beyond the horizon) instead of being rushed into an ad hoc meeting.
/// - **Ad hoc (随時)** when no session before the due date has room: from the first business day
///   on or after `max(today + 1, notBefore)` (overdue triggers too), the first office slot where
///   none of `requiredPeople(trigger, candidate)` has an overlapping item in another session,
///   counting the placements on record and those of this run. Ad hoc sessions (proposed in earlier
///   runs or this one) take only items that need one: an item first joins the earliest of them
///   serving the kind with room in `[max(today + 1, notBefore), dueOn]`; failing that, on the
///   searched day an ad hoc session with room is joined at its lowest free position, or
///   `adhoc-<date>-<HHMM>` is proposed, serving the first registry body of the kind. The search
///   stops at `until`, or after a year.
/// - **Segments**: an item at position `p` runs from `start + p × minutesPerItem`. A kept item
///   keeps its position; a new item takes the lowest free one.
/// - **Stability**: a placement on record stays when its trigger is open, its session exists, and
///   the session still fits — serves the needed body kind, is not on a closed day, is not before
///   `notBefore`, is on or before `dueOn` (ad hoc sessions, proposed past the due date when
///   nothing earlier had room, are exempt), and the position is within capacity and unshared. It
///   keeps position, reason and `invited`; its segment, meeting kind and due date are refreshed.
///   Otherwise the item moves (`moved`), except an invited item when
///   `reschedule` is off: it stays on record as it is and is reported in `unplaced`, so the next
///   run sees the same thing. Placements whose trigger is not open, and duplicate placements of
///   one trigger, go to `dropped`. Nothing else moves, so a change in one case moves only that
///   case's items.
/// - **Records (R20)**: a session whose day has come (on or before `today`) or that was held is a
///   record. Its placements stay verbatim, decided or not, whatever `reschedule` says; they are
///   in `items` and never in `moved` or `dropped`. An undecided item of a record session whose
///   day has passed is carried over: its trigger is placed again like a new one, with the
///   calendar key `ScheduledItem.carriedKey` and `carriedFrom` naming the held session, and
///   reported in `carried`. An item of today's session is not carried before the day is over.
/// - **Accepted joint holding (R5)**: a trigger whose joint-holding offer the secretariat accepted
///   goes into that session (marked `jointBody`) while the session lies after `today` and has
///   room; otherwise it is placed as usual and the acceptance is reported in `unplaced`.
/// - **Joint holding (R5)**: for a 重層的支援会議 item not yet held, the earliest session of each
///   existing body (`BodyKind.isExisting`) within `[max(today + 1, notBefore), dueOn]` (and
///   `until`), on a business day, whose members on that day work for agencies covering every
///   agency involved in the case, is offered, never used automatically. 支援会議 items get no
///   offer: only appointed 構成員 may take part in them (R2).
public enum Scheduler {
    /// Places the open triggers of `input` into sessions, keeping what is on record where it
    /// still fits; see the type's documentation for the rules.
    public static func schedule(_ input: ScheduleInput) -> ScheduleResult {
        var run = SchedulingRun(input: input)
        run.keepExisting()
        run.placePending()
        run.offerJointHolding()
        return run.result()
    }
}

/// An item's segment on a day, for the required-attendee check of ad hoc proposals.
private struct BusySegment {
    let triggerID: String
    let sessionID: String
    let start: TimeOfDay
    let end: TimeOfDay
}

/// A slot chosen for an ad hoc item.
private struct AdHocChoice {
    let session: Session
    let position: Int
    let isNew: Bool
    let notes: [String]
}

/// The slots an ad hoc search skipped and why: the first few in words, and how many in all.
private struct Skips: CustomStringConvertible {
    private(set) var first: [String] = []
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }

    /// Counts a skip; its words are built by the caller only while they will be shown.
    mutating func add(_ why: @autoclosure () -> String) {
        if count < wordedCount { first.append(why()) }
        count += 1
    }

    var description: String { inWords(first, count: count) }
}

/// How many skipped sessions or slots a reason names before "and N more".
private let wordedCount = 3

/// The first `wordedCount` of `count` things, and how many more: "a, b, c and 4 more".
private func inWords(_ things: some Sequence<String>, count: Int) -> String {
    things.prefix(wordedCount).joined(separator: ", ")
        + (count > wordedCount ? " and \(count - wordedCount) more" : "")
}

/// Positions found finished for the rest of a run (full regular sessions, dead days), each
/// pointing past itself: a search steps over each of them once per run, not once per item.
private struct FinishedMarks {
    private var next: [Int: Int] = [:]

    /// Marks `position` finished.
    mutating func finish(_ position: Int) { next[position] = position + 1 }

    /// The first position at or after `position` not marked finished (shortening the path).
    mutating func firstOpen(from position: Int) -> Int {
        var open = position
        while let after = next[open] { open = after }
        var at = position
        while let after = next[at], after != open {
            next[at] = open
            at = after
        }
        return open
    }
}

/// The sessions of one body kind during a run.
private struct KindSessions {
    /// The regular sessions on business days, sorted by date, start, id (fixed for the run: only
    /// ad hoc sessions are added).
    var regular: [Session] = []
    /// Indices of `regular` found full (sessions only fill up during a run).
    var fullRegular = FinishedMarks()
    /// The ad hoc sessions, sorted by date, start, id.
    var adHoc: [Session] = []
    /// Day numbers on which an ad hoc search found no candidate at all (closed, or every slot
    /// taken and every ad hoc session of the kind full): such a day stays so for the run.
    var deadDays = FinishedMarks()
}

/// The positions taken in a session, and where the search for a free one resumes (positions
/// are only ever taken during a run).
private struct Occupancy {
    var taken: Set<Int> = []
    var lowestFree = 0
}

extension BodyKind {
    /// The kind's place in `allCases`, to index per-kind state without hashing the raw value.
    fileprivate var ordinal: Int {
        switch self {
        case .multiAgency: 0
        case .supportMeeting: 1
        case .communityCare: 2
        case .childProtection: 3
        case .disabilityCouncil: 4
        case .povertyCoordination: 5
        case .otherExisting: 6
        }
    }

    fileprivate var bit: UInt32 { 1 << UInt32(ordinal) }
}

/// The mutable state of one run.
private struct SchedulingRun {
    let input: ScheduleInput
    /// Open triggers in `Trigger.scheduleOrder`.
    let order: [Trigger]
    let rank: [String: Int]
    /// Every session by id: the input's (first of duplicate ids wins) and this run's proposals.
    var sessions: [String: Session] = [:]
    /// The body kinds each session serves, through the registry, as bits of `BodyKind.bit`.
    var kinds: [String: UInt32] = [:]
    /// The sessions of each body kind, indexed by `BodyKind.ordinal`.
    var byKind = Array(repeating: KindSessions(), count: BodyKind.allCases.count)
    /// Ad hoc sessions by date.
    var adHocByDate: [LocalDate: [Session]] = [:]
    /// The positions taken in each session.
    var occupancy: [String: Occupancy] = [:]
    /// The placement of each trigger after this run, by its index in `order`.
    var placed: [ScheduledItem?]
    /// Items in sessions after `today`, by date.
    var busy: [LocalDate: [BusySegment]] = [:]
    var attendeeCache: [String: Set<PersonID>] = [:]
    /// Required people depend on the trigger, the bodies the session sits as and its date only:
    /// the ad hoc search asks for many candidate sessions of one day, so remember the answer.
    var requiredCache: [RequiredKey: Set<PersonID>] = [:]

    /// For the days the ad hoc search has looked at: each person's segments, with their order in
    /// `busy[day]` (built on the first look, then kept up to date by `occupy`).
    var busyByPerson: [LocalDate: [PersonID: [(order: Int, segment: BusySegment)]]] = [:]
    /// Segments placed on an indexed day since its index was last brought up to date.
    var unindexed: [LocalDate: [Int]] = [:]

    struct RequiredKey: Hashable {
        let trigger: String
        let bodies: [BodyID]
        let date: LocalDate
    }

    mutating func required(_ trigger: Trigger, _ session: Session) -> Set<PersonID> {
        let key = RequiredKey(trigger: trigger.id, bodies: session.bodies, date: session.date)
        if let cached = requiredCache[key] { return cached }
        let people = input.requiredPeople(trigger, session)
        requiredCache[key] = people
        return people
    }
    /// The calendar's answers, asked once per day.
    var closures: [LocalDate: ClosedDay?] = [:]
    /// Placements on record that must move: their old session and why.
    var released: [String: (from: String, why: String)] = [:]
    var newSessions: [Session] = []
    /// Placements of record sessions that are not a trigger's current placement (R20).
    var records: [ScheduledItem] = []
    /// Open triggers whose item a held session left undecided: the latest such session (R20).
    var carriedFrom: [String: Session] = [:]
    var carried: [Move] = []
    var moved: [Move] = []
    var dropped: [ScheduledItem] = []
    var unplaced: [Unplaced] = []
    var offers: [JointOffer] = []

    init(input: ScheduleInput) {
        self.input = input
        // The first of duplicate ids wins; indices are sorted, not the large triggers.
        let given = input.triggers
        var seenTriggers: Set<String> = []
        seenTriggers.reserveCapacity(given.count)
        let due = given.map { $0.dueOn.dayNumber }
        order = given.indices.filter { seenTriggers.insert(given[$0].id).inserted }
            .sorted { a, b in due[a] != due[b] ? due[a] < due[b] : Trigger.scheduleOrder(given[a], given[b]) }
            .map { given[$0] }
        rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0) })
        placed = Array(repeating: nil, count: order.count)
        // Bulk load: sort the sessions once (the first of duplicate ids wins), then index them in order.
        var unique: [Session] = []
        var seen: Set<String> = []
        unique.reserveCapacity(input.sessions.count)
        seen.reserveCapacity(input.sessions.count)
        sessions.reserveCapacity(input.sessions.count)
        for session in input.sessions where seen.insert(session.id).inserted { unique.append(session) }
        for session in Self.sorted(unique) { add(session, sorted: false) }
    }

    private var firstPlaceableDay: LocalDate { input.today.adding(days: 1) }

    // MARK: - Sessions

    private mutating func add(_ session: Session, sorted: Bool = true) {
        sessions[session.id] = session
        var bits: UInt32 = 0
        for body in session.bodies { if let kind = input.registry.body(body)?.kind { bits |= kind.bit } }
        kinds[session.id] = bits
        for kind in BodyKind.allCases where bits & kind.bit != 0 {
            guard session.kind == .adHoc else {
                precondition(!sorted, "regular sessions are only loaded from the input")
                if closure(on: session.date) == nil { byKind[kind.ordinal].regular.append(session) }
                continue
            }
            guard sorted else {
                byKind[kind.ordinal].adHoc.append(session)
                continue
            }
            let list = byKind[kind.ordinal].adHoc
            var low = 0, high = list.count  // first index whose session does not precede the new one
            while low < high {
                let mid = (low + high) / 2
                if Self.precedes(list[mid], session) { low = mid + 1 } else { high = mid }
            }
            byKind[kind.ordinal].adHoc.insert(session, at: low)
        }
        if session.kind == .adHoc { adHocByDate[session.date, default: []].append(session) }
    }

    private static func precedes(_ a: Session, _ b: Session) -> Bool {
        (a.date, a.start, a.id) < (b.date, b.start, b.id)
    }

    /// `sessions` in `precedes` order; sorts indices by precomputed keys, as sessions are large.
    private static func sorted(_ sessions: [Session]) -> [Session] {
        let keys = sessions.map { (day: $0.date.dayNumber, start: $0.start.minutes) }
        return sessions.indices
            .sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : sessions[a].id < sessions[b].id }
            .map { sessions[$0] }
    }

    /// The index of the first session on or after `date` in a sorted list.
    private static func firstIndex(in list: [Session], onOrAfter date: LocalDate) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].date < date { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Why offices are closed on `date`, or `nil` when open; memoised.
    private mutating func closure(on date: LocalDate) -> ClosedDay? {
        if let known = closures[date] { return known }
        let closed = input.calendar.closure(on: date)
        closures[date] = .some(closed)
        return closed
    }

    /// The lowest free position of `session`, or `nil` when it is full. Positions are only ever
    /// taken during a run, so the search resumes where the last one stopped.
    private mutating func freePosition(in session: Session) -> Int? {
        guard var state = occupancy[session.id] else { return session.capacity > 0 ? 0 : nil }
        while state.taken.contains(state.lowestFree) { state.lowestFree += 1 }
        occupancy[session.id] = state
        return state.lowestFree < session.capacity ? state.lowestFree : nil
    }

    /// The next day on or after `day` that an ad hoc search for `kind` has not found dead.
    private mutating func liveDay(_ kind: BodyKind, from day: LocalDate) -> LocalDate {
        LocalDate(dayNumber: byKind[kind.ordinal].deadDays.firstOpen(from: day.dayNumber))
    }

    private func serves(_ session: Session, _ kind: BodyKind) -> Bool {
        (kinds[session.id] ?? 0) & kind.bit != 0
    }

    // MARK: - Placements on record

    /// Keeps, refreshes, freezes, releases or drops each placement on record.
    mutating func keepExisting() {
        // Vanished sessions last; at one position an invited item wins.
        let far = Int.max
        let ordered = input.existing.map { (day: sessions[$0.sessionID]?.date.dayNumber ?? far, item: $0) }
            .sorted { a, b in
                (a.day, a.item.sessionID, a.item.position, a.item.invited ? 0 : 1, a.item.triggerID)
                    < (b.day, b.item.sessionID, b.item.position, b.item.invited ? 0 : 1, b.item.triggerID)
            }
            .map(\.item)
        // R20: the items of record sessions first, verbatim, whatever their trigger's state.
        var live: [ScheduledItem] = []
        for item in ordered {
            guard let session = sessions[item.sessionID], session.isRecord(on: input.today) else {
                live.append(item)
                continue
            }
            occupancy[session.id, default: Occupancy()].taken.insert(item.position)
            guard let index = rank[item.triggerID], !session.hasTakenPlace(on: input.today), placed[index] == nil else {
                records.append(item)
                if rank[item.triggerID] != nil, session.hasTakenPlace(on: input.today),
                   (carriedFrom[item.triggerID].map { Self.precedes($0, session) } ?? true) {
                    carriedFrom[item.triggerID] = session
                }
                continue
            }
            // Today's meeting: its items are awaited there, not carried yet.
            occupy(item, in: session)
        }
        for item in live {
            guard let index = rank[item.triggerID], placed[index] == nil,
                  released[item.triggerID] == nil else {
                dropped.append(item)
                continue
            }
            let trigger = order[index]
            guard let session = sessions[item.sessionID] else {
                release(item, why: "session \(item.sessionID) no longer exists", session: nil)
                continue
            }
            if let why = misfit(item, trigger, in: session) {
                release(item, why: why, session: session)
                continue
            }
            var kept = item
            let segment = session.segment(at: item.position)
            kept.caseNumber = trigger.caseNumber
            kept.start = segment.start
            kept.end = segment.end
            kept.meetingKind = trigger.meetingKind
            kept.dueOn = trigger.dueOn
            occupy(kept, in: session)
        }
    }

    /// Why `item` no longer fits `session`, or `nil` when it does.
    private mutating func misfit(_ item: ScheduledItem, _ trigger: Trigger, in session: Session) -> String? {
        let kind = trigger.meetingKind.bodyKind
        let at = "session \(session.id) on \(session.date.iso)"
        let acceptance = input.jointAcceptances[trigger.id]
        if let body = item.jointBody {
            guard let acceptance, acceptance.sessionID == session.id, acceptance.body == body,
                  trigger.meetingKind == .multiAgency else {
                return "the joint holding of \(at) with \(body) is no longer accepted for the item (R5)"
            }
        } else if let acceptance, acceptance.sessionID != session.id, sessions[acceptance.sessionID] != nil {
            return "the secretariat accepted joint holding in \(acceptance.sessionID) (R5)"
        }
        if item.jointBody == nil && !serves(session, kind) {
            return "\(at) does not serve a \(kind.rawValue) body, which the item now needs "
                + "(\(trigger.meetingBasis.rawValue))"
        }
        if let closed = closure(on: session.date) {
            return "\(at) falls on a closed day (\(closed.name))"
        }
        if session.date < trigger.notBefore {
            return "\(at) is before the item's window opens on \(trigger.notBefore.iso)"
        }
        if session.date > trigger.dueOn && session.kind != .adHoc {
            return "\(at) is after the due date \(trigger.dueOn.iso) (\(trigger.kind.rule))"
        }
        if item.position < 0 || item.position >= session.capacity {
            return "position \(item.position) is beyond the capacity \(session.capacity) of \(at)"
        }
        if occupancy[session.id]?.taken.contains(item.position) ?? false {
            return "position \(item.position) of \(at) is taken by another item"
        }
        return nil
    }

    /// Moves `item` out, or freezes it when it was invited and rescheduling is off.
    private mutating func release(_ item: ScheduledItem, why: String, session: Session?) {
        guard item.invited && !input.reschedule else {
            released[item.triggerID] = (item.sessionID, why)
            return
        }
        if let session {
            occupy(item, in: session)
        } else {
            placed[rank[item.triggerID]!] = item
        }
        unplaced.append(Unplaced(
            triggerID: item.triggerID,
            why: "\(why); invitations were already sent, so the item stays on record there — "
                + "reschedule (--reschedule) to move it"))
    }

    private mutating func occupy(_ item: ScheduledItem, in session: Session) {
        placed[rank[item.triggerID]!] = item
        occupancy[session.id, default: Occupancy()].taken.insert(item.position)
        if session.date > input.today {
            let segment = BusySegment(triggerID: item.triggerID, sessionID: session.id, start: item.start, end: item.end)
            busy[session.date, default: []].append(segment)
            // Indexed lazily: most placements land on days no ad hoc search looks at again.
            if busyByPerson[session.date] != nil { unindexed[session.date, default: []].append(busy[session.date]!.count - 1) }
        }
    }

    // MARK: - New placements

    /// Places every open trigger without a placement, in scheduling order.
    mutating func placePending() {
        for (index, trigger) in order.enumerated() where placed[index] == nil {
            place(trigger)
        }
    }

    private mutating func place(_ trigger: Trigger) {
        let kind = trigger.meetingKind.bodyKind
        let from = max(firstPlaceableDay, trigger.notBefore)
        let rule = trigger.kind.rule
        if let acceptance = input.jointAcceptances[trigger.id], trigger.meetingKind == .multiAgency {
            if let session = sessions[acceptance.sessionID], session.date > input.today,
               closure(on: session.date) == nil, let position = freePosition(in: session) {
                commit(trigger, in: session, at: position,
                       reason: "joint holding with \(acceptance.body) accepted by the secretariat on "
                        + "\(acceptance.acceptedOn.iso): the case part sits as 重層的支援会議 (R5)",
                       jointBody: acceptance.body)
                return
            }
            unplaced.append(Unplaced(
                triggerID: trigger.id,
                why: "the accepted joint holding in \(acceptance.sessionID) cannot be used (the session is past, "
                    + "closed, full or no longer in the calendars): the item is placed as usual (R5)"))
        }
        // Every regular session between `from` and the one with room is full.
        var found: (session: Session, position: Int)?
        let list = byKind[kind.ordinal].regular
        let first = Self.firstIndex(in: list, onOrAfter: from)
        var withRoom = byKind[kind.ordinal].fullRegular.firstOpen(from: first)
        while withRoom < list.count, list[withRoom].date <= trigger.dueOn, freePosition(in: list[withRoom]) == nil {
            byKind[kind.ordinal].fullRegular.finish(withRoom)
            withRoom = byKind[kind.ordinal].fullRegular.firstOpen(from: withRoom + 1)
        }
        if withRoom < list.count, list[withRoom].date <= trigger.dueOn {
            found = (list[withRoom], freePosition(in: list[withRoom])!)
        } else {
            withRoom = max(first, Self.firstIndex(in: list, onOrAfter: trigger.dueOn.adding(days: 1)))
        }
        let full = list[first..<withRoom]
        if let found {
            if let until = input.until, found.session.date > until {
                leaveUnplaced(trigger, why: "the earliest \(kind.rawValue) session with room before the due date "
                    + "\(trigger.dueOn.iso) is \(found.session.id) on \(found.session.date.iso), after \(until.iso) "
                    + "(until) (\(rule))")
                return
            }
            var reason = "earliest \(kind.rawValue) session before the due date \(trigger.dueOn.iso) with room (\(rule))"
            if !full.isEmpty { reason += "; earlier sessions full: \(inWords(full.lazy.map { $0.id }, count: full.count))" }
            commit(trigger, in: found.session, at: found.position, reason: reason)
            return
        }

        var because: [String] = []
        if trigger.urgent { because.append("urgent (随時開催)") }
        if !full.isEmpty {
            because.append("the \(kind.rawValue) sessions from \(from.iso) to the due date \(trigger.dueOn.iso) "
                + "are full (\(inWords(full.lazy.map { $0.id }, count: full.count)))")
        } else if trigger.dueOn < input.today {
            because.append("overdue since \(trigger.dueOn.iso)")
        } else if trigger.dueOn < from {
            because.append("due on \(trigger.dueOn.iso), before any session can be held")
        } else {
            because.append("no \(kind.rawValue) session from \(from.iso) to the due date \(trigger.dueOn.iso)")
        }
        guard let body = input.registry.bodies(of: kind).first else {
            leaveUnplaced(trigger, why: because.joined(separator: "; ")
                + "; and no \(kind.rawValue) body is in the registry to hold an ad hoc session — please add one")
            return
        }
        guard let choice = adHocChoice(for: trigger, kind: kind, body: body, from: from) else {
            let horizon = input.until.map { "up to \($0.iso) (until)" } ?? "within a year"
            leaveUnplaced(trigger, why: because.joined(separator: "; ")
                + "; and no office slot from \(from.iso) \(horizon) is on a business day with the required "
                + "attendees free")
            return
        }
        let session = choice.session
        if choice.isNew { add(session); newSessions.append(session) }
        let head = choice.isNew
            ? "\(session.title) proposed on \(session.date.iso) \(session.start) (\(rule))"
            : "joins \(session.title) \(session.id) on \(session.date.iso) (\(rule))"
        let reason = ([head + ": " + because.joined(separator: "; ")] + choice.notes).joined(separator: "; ")
        commit(trigger, in: session, at: choice.position, reason: reason)
    }

    /// The earliest ad hoc slot for `trigger`, joining an ad hoc session of `kind` with room or
    /// proposing one for `body`.
    private mutating func adHocChoice(for trigger: Trigger, kind: BodyKind, body: MeetingBody,
                                      from: LocalDate) -> AdHocChoice? {
        let yearOn = from.adding(days: 366)
        let horizon = input.until.map { min($0, yearOn) } ?? yearOn
        let slots = Set(input.officeSlots).sorted()
        let capacity = max(1, input.adHocCapacity)
        let minutes = max(1, input.adHocMinutesPerItem)
        var clashes = Skips()
        // An ad hoc session already proposed before the due date is joined first: fewer meetings.
        let list = byKind[kind.ordinal].adHoc
        for session in list[Self.firstIndex(in: list, onOrAfter: from)...] {
            if session.date > min(trigger.dueOn, horizon) { break }
            guard closure(on: session.date) == nil, let position = freePosition(in: session) else { continue }
            let segment = session.segment(at: position)
            let people = required(trigger, session)
            if let clash = firstClash(of: people, on: session.date, from: segment.start, to: segment.end,
                                      outside: session.id) {
                clashes.add("\(session.id) at \(segment.start) skipped: \(clash)")
                continue
            }
            return AdHocChoice(session: session, position: position, isNew: false,
                               notes: clashes.isEmpty ? [] : [clashes.description])
        }
        var day = liveDay(kind, from: from)
        while day <= horizon {
            defer { day = liveDay(kind, from: day.adding(days: 1)) }
            var candidates: [(session: Session, position: Int, isNew: Bool)] = []
            if closure(on: day) == nil {
                for session in adHocByDate[day] ?? [] where serves(session, kind) {
                    if let position = freePosition(in: session) { candidates.append((session, position, false)) }
                }
                for slot in slots {
                    let id = Session.adHocID(on: day, at: slot)
                    guard sessions[id] == nil else { continue }
                    let session = Session(
                        id: id, kind: .adHoc, seriesUID: nil, title: "随時 \(kind.rawValue)", bodies: [body.id],
                        date: day, start: slot, end: slot.adding(minutes: capacity * minutes), capacity: capacity,
                        minutesPerItem: minutes, location: nil, onlineURL: nil)
                    candidates.append((session, 0, true))
                }
            }
            guard !candidates.isEmpty else {
                byKind[kind.ordinal].deadDays.finish(day.dayNumber)
                continue
            }
            candidates.sort { ($0.session.start, $0.session.id) < ($1.session.start, $1.session.id) }
            for candidate in candidates {
                let segment = candidate.session.segment(at: candidate.position)
                let people = required(trigger, candidate.session)
                if let clash = firstClash(of: people, on: day, from: segment.start, to: segment.end,
                                          outside: candidate.session.id) {
                    clashes.add("\(day.iso) \(segment.start) skipped: \(clash)")
                    continue
                }
                var notes: [String] = []
                if day > from {
                    let closed = closedDayNames(from: from, before: day)
                    notes.append("earliest business day from \(from.iso)"
                        + (closed.isEmpty ? "" : " (closed: \(closed.joined(separator: ", ")))"))
                }
                if !clashes.isEmpty { notes.append(clashes.description) }
                return AdHocChoice(session: candidate.session, position: candidate.position, isNew: candidate.isNew,
                                   notes: notes)
            }
        }
        return nil
    }

    /// The names of the days closed for other reasons than the weekend in `from..<end`, each once,
    /// in date order.
    private mutating func closedDayNames(from: LocalDate, before end: LocalDate) -> [String] {
        var names: [String] = []
        var day = from
        while day < end {
            if let closed = closure(on: day), closed.reason != .weekend, !names.contains(closed.name) {
                names.append(closed.name)
            }
            day = day.adding(days: 1)
        }
        return names
    }

    /// The first required person already in an overlapping item of another session that day.
    private mutating func firstClash(of people: Set<PersonID>, on day: LocalDate, from start: TimeOfDay,
                                     to end: TimeOfDay, outside sessionID: String) -> String? {
        guard !people.isEmpty else { return nil }
        let index = personIndex(on: day)
        // The earliest clashing segment in the day's order, as a scan of the day would find it.
        var first: (order: Int, segment: BusySegment)?
        for person in people {
            for entry in index[person] ?? [] where entry.segment.sessionID != sessionID
                && entry.segment.start < end && start < entry.segment.end {
                if first == nil || entry.order < first!.order { first = entry }
            }
        }
        guard let other = first?.segment else { return nil }
        guard let person = attendees(of: other).intersection(people).min() else { return nil }
        return "\(person) attends \(other.triggerID) at \(other.start)–\(other.end) in \(other.sessionID)"
    }

    private mutating func personIndex(on day: LocalDate) -> [PersonID: [(order: Int, segment: BusySegment)]] {
        if var index = busyByPerson[day] {
            guard let pending = unindexed.removeValue(forKey: day) else { return index }
            for order in pending {
                let segment = busy[day]![order]
                for person in attendees(of: segment) { index[person, default: []].append((order, segment)) }
            }
            busyByPerson[day] = index
            return index
        }
        var index: [PersonID: [(order: Int, segment: BusySegment)]] = [:]
        for (order, segment) in (busy[day] ?? []).enumerated() {
            for person in attendees(of: segment) { index[person, default: []].append((order, segment)) }
        }
        busyByPerson[day] = index
        return index
    }

    private mutating func attendees(of segment: BusySegment) -> Set<PersonID> {
        if let cached = attendeeCache[segment.triggerID] { return cached }
        guard let index = rank[segment.triggerID], let session = sessions[segment.sessionID] else { return [] }
        let people = required(order[index], session)
        attendeeCache[segment.triggerID] = people
        return people
    }

    private mutating func commit(_ trigger: Trigger, in session: Session, at position: Int, reason: String,
                                 jointBody: BodyID? = nil) {
        let segment = session.segment(at: position)
        let held = carriedFrom[trigger.id]
        var text = reason
        if let held {
            text = "carried over from \(held.id) held on \(held.date.iso), where no decision was recorded (R20); " + text
        }
        occupy(ScheduledItem(
            triggerID: trigger.id, caseNumber: trigger.caseNumber, sessionID: session.id, position: position,
            start: segment.start, end: segment.end, meetingKind: trigger.meetingKind, dueOn: trigger.dueOn,
            reason: text, invited: false,
            calendarKey: held.map { ScheduledItem.carriedKey(trigger.id, from: $0.id) }, carriedFrom: held?.id,
            jointBody: jointBody), in: session)
        if let from = released[trigger.id] {
            moved.append(Move(triggerID: trigger.id, fromSession: from.from, toSession: session.id, why: from.why))
        } else if let held {
            carried.append(Move(triggerID: trigger.id, fromSession: held.id, toSession: session.id,
                                why: "no decision was recorded at \(held.id) on \(held.date.iso) (R20)"))
        }
    }

    private mutating func leaveUnplaced(_ trigger: Trigger, why: String) {
        var text = why
        if let from = released[trigger.id] { text = "was in \(from.from) but \(from.why); " + text }
        unplaced.append(Unplaced(triggerID: trigger.id, why: text))
    }

    // MARK: - Joint holding (R5)

    /// Offers the earliest fitting session of each existing body to every 重層的支援会議 item not yet held.
    mutating func offerJointHolding() {
        var joint: [(session: Session, body: MeetingBody)] = []
        for session in sessions.values {
            for id in session.bodies {
                if let body = input.registry.body(id), body.kind.isExisting { joint.append((session, body)) }
            }
        }
        guard !joint.isEmpty else { return }
        joint.sort { ($0.session.date, $0.session.start, $0.session.id, $0.body.id)
            < ($1.session.date, $1.session.start, $1.session.id, $1.body.id) }
        for (index, trigger) in order.enumerated() where trigger.meetingKind == .multiAgency {
            if let item = placed[index], let session = sessions[item.sessionID], session.date <= input.today {
                continue
            }
            guard let file = input.caseFiles[trigger.caseNumber], !file.involvedAgencies.isEmpty else { continue }
            let needed = Set(file.involvedAgencies)
            let from = max(firstPlaceableDay, trigger.notBefore)
            let to = input.until.map { min($0, trigger.dueOn) } ?? trigger.dueOn
            guard from <= to else { continue }
            var offered: Set<BodyID> = []
            var low = 0
            var high = joint.count
            while low < high {
                let mid = (low + high) / 2
                if joint[mid].session.date < from { low = mid + 1 } else { high = mid }
            }
            for (session, body) in joint[low...] {
                if session.date > to { break }
                guard !offered.contains(body.id), closure(on: session.date) == nil,
                      needed.isSubset(of: memberAgencies(of: body, on: session.date)) else { continue }
                offered.insert(body.id)
                offers.append(JointOffer(
                    triggerID: trigger.id, sessionID: session.id, bodyID: body.id,
                    reason: "\(body.kind.rawValue)「\(body.name)」 meets on \(session.date.iso), within the window "
                        + "\(from.iso)–\(trigger.dueOn.iso) of \(trigger.kind.rawValue) (\(trigger.kind.rule)), and its "
                        + "members work for every agency of case \(trigger.caseNumber) "
                        + "(\(file.involvedAgencies.joined(separator: ", "))): it may be held jointly (R5) — the "
                        + "person's consent must cover all its members, or hold that body's part first and the "
                        + "重層的支援会議 part with its own members only"))
            }
        }
    }

    /// The agencies of the members of `body` whose appointment covers `date` (open ends allowed).
    private func memberAgencies(of body: MeetingBody, on date: LocalDate) -> Set<AgencyID> {
        var agencies: Set<AgencyID> = []
        for member in body.members {
            if let start = member.appointedOn, start > date { continue }
            if let end = member.appointmentEndsOn, end < date { continue }
            if let person = input.registry.person(member.person) { agencies.insert(person.agency) }
        }
        return agencies
    }

    // MARK: - Result

    func result() -> ScheduleResult {
        // Sorted by session date (vanished sessions last), start, session id, position, trigger id.
        // Indices are sorted by integer keys (the session id by its rank), not the large items.
        func sorted(_ items: some Sequence<ScheduledItem>) -> [ScheduledItem] {
            let items = Array(items)
            let ids = Set(items.map { $0.sessionID }).sorted()
            let idRank = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            let keys = items.map {
                (day: sessions[$0.sessionID]?.date.dayNumber ?? Int.max, start: $0.start.minutes,
                 session: idRank[$0.sessionID]!, position: $0.position)
            }
            return items.indices
                .sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : items[a].triggerID < items[b].triggerID }
                .map { items[$0] }
        }
        let offerDate = { (offer: JointOffer) in self.sessions[offer.sessionID]?.date ?? LocalDate(dayNumber: 0) }
        return ScheduleResult(
            items: sorted(placed.compactMap { $0 } + records),
            newSessions: Self.sorted(newSessions),
            offers: offers.sorted { (offerDate($0), $0.triggerID, $0.bodyID) < (offerDate($1), $1.triggerID, $1.bodyID) },
            moved: moved,
            dropped: sorted(dropped),
            unplaced: unplaced.sorted { (rank[$0.triggerID] ?? .max, $0.why) < (rank[$1.triggerID] ?? .max, $1.why) },
            carried: carried)
    }
}
