/// The mutable state of one scheduling run; its jobs are in the `SchedulingRun+*.swift` files.
struct SchedulingRun {
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
    var released: [String: (from: String, why: MoveReason)] = [:]
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

    var firstPlaceableDay: LocalDate { input.today.adding(days: 1) }
}
