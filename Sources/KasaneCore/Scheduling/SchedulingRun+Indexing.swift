// The indexes of a scheduling run: sessions by kind and date, occupancy, who is busy when.

/// An item's segment on a day, for the required-attendee check of ad hoc proposals.
struct BusySegment {
    let triggerID: String
    let sessionID: String
    let start: TimeOfDay
    let end: TimeOfDay
}

/// Positions found finished for the rest of a run (full regular sessions, dead days), each
/// pointing past itself: a search steps over each of them once per run, not once per item.
struct FinishedMarks {
    var next: [Int: Int] = [:]

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
struct KindSessions {
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
struct Occupancy {
    var taken: Set<Int> = []
    var lowestFree = 0
}

extension BodyKind {
    /// The kind's place in `allCases`, to index per-kind state without hashing the raw value.
    var ordinal: Int {
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

    var bit: UInt32 { 1 << UInt32(ordinal) }
}

extension SchedulingRun {
    // MARK: - Sessions

    mutating func add(_ session: Session, sorted: Bool = true) {
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

    static func precedes(_ a: Session, _ b: Session) -> Bool {
        (a.date, a.start, a.id) < (b.date, b.start, b.id)
    }

    /// `sessions` in `precedes` order; sorts indices by precomputed keys, as sessions are large.
    static func sorted(_ sessions: [Session]) -> [Session] {
        let keys = sessions.map { (day: $0.date.dayNumber, start: $0.start.minutes) }
        return sessions.indices
            .sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : sessions[a].id < sessions[b].id }
            .map { sessions[$0] }
    }

    /// The index of the first session on or after `date` in a sorted list.
    static func firstIndex(in list: [Session], onOrAfter date: LocalDate) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].date < date { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Why offices are closed on `date`, or `nil` when open; memoised.
    mutating func closure(on date: LocalDate) -> ClosedDay? {
        if let known = closures[date] { return known }
        let closed = input.calendar.closure(on: date)
        closures[date] = .some(closed)
        return closed
    }

    /// The lowest free position of `session`, or `nil` when it is full. Positions are only ever
    /// taken during a run, so the search resumes where the last one stopped.
    mutating func freePosition(in session: Session) -> Int? {
        guard var state = occupancy[session.id] else { return session.capacity > 0 ? 0 : nil }
        while state.taken.contains(state.lowestFree) { state.lowestFree += 1 }
        occupancy[session.id] = state
        return state.lowestFree < session.capacity ? state.lowestFree : nil
    }

    /// The next day on or after `day` that an ad hoc search for `kind` has not found dead.
    mutating func liveDay(_ kind: BodyKind, from day: LocalDate) -> LocalDate {
        LocalDate(dayNumber: byKind[kind.ordinal].deadDays.firstOpen(from: day.dayNumber))
    }

    func serves(_ session: Session, _ kind: BodyKind) -> Bool {
        (kinds[session.id] ?? 0) & kind.bit != 0
    }

    mutating func occupy(_ item: ScheduledItem, in session: Session) {
        placed[rank[item.triggerID]!] = item
        occupancy[session.id, default: Occupancy()].taken.insert(item.position)
        if session.date > input.today {
            let segment = BusySegment(triggerID: item.triggerID, sessionID: session.id, start: item.start, end: item.end)
            busy[session.date, default: []].append(segment)
            // Indexed lazily: most placements land on days no ad hoc search looks at again.
            if busyByPerson[session.date] != nil { unindexed[session.date, default: []].append(busy[session.date]!.count - 1) }
        }
    }

    mutating func personIndex(on day: LocalDate) -> [PersonID: [(order: Int, segment: BusySegment)]] {
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

    mutating func attendees(of segment: BusySegment) -> Set<PersonID> {
        if let cached = attendeeCache[segment.triggerID] { return cached }
        guard let index = rank[segment.triggerID], let session = sessions[segment.sessionID] else { return [] }
        let people = required(order[index], session)
        attendeeCache[segment.triggerID] = people
        return people
    }
}
