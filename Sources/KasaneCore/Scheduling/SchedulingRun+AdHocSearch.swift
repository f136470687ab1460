/// A slot chosen for an ad hoc item.
struct AdHocChoice {
    let session: Session
    let position: Int
    let isNew: Bool
    let notes: [AdHocNote]
}

extension SchedulingRun {
    /// The earliest ad hoc slot for `trigger`, joining an ad hoc session of `kind` with room or
    /// proposing one for `body`.
    mutating func adHocChoice(for trigger: Trigger, kind: BodyKind, body: MeetingBody,
                              from: LocalDate) -> AdHocChoice? {
        let yearOn = from.adding(days: 366)
        let horizon = input.until.map { min($0, yearOn) } ?? yearOn
        let slots = Set(input.officeSlots).sorted()
        let capacity = max(1, input.adHocCapacity)
        let minutes = max(1, input.adHocMinutesPerItem)
        var clashes = FirstFew<SkippedSlot>()
        // An ad hoc session already proposed before the due date is joined first: fewer meetings.
        let list = byKind[kind.ordinal].adHoc
        for session in list[Self.firstIndex(in: list, onOrAfter: from)...] {
            if session.date > min(trigger.dueOn, horizon) { break }
            guard closure(on: session.date) == nil, let position = freePosition(in: session) else { continue }
            let segment = session.segment(at: position)
            let people = required(trigger, session)
            if let clash = firstClash(of: people, on: session.date, from: segment.start, to: segment.end,
                                      outside: session.id) {
                clashes.add(SkippedSlot(place: .session(session.id, at: segment.start), clash: clash))
                continue
            }
            return AdHocChoice(session: session, position: position, isNew: false,
                               notes: clashes.isEmpty ? [] : [.skipped(clashes)])
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
                    clashes.add(SkippedSlot(place: .slot(day, at: segment.start), clash: clash))
                    continue
                }
                var notes: [AdHocNote] = []
                if day > from { notes.append(.earliestBusinessDay(from: from, closed: closedDayNames(from: from, before: day))) }
                if !clashes.isEmpty { notes.append(.skipped(clashes)) }
                return AdHocChoice(session: candidate.session, position: candidate.position, isNew: candidate.isNew,
                                   notes: notes)
            }
        }
        return nil
    }

    /// The names of the days closed for other reasons than the weekend in `from..<end`, each once,
    /// in date order.
    mutating func closedDayNames(from: LocalDate, before end: LocalDate) -> [String] {
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
    mutating func firstClash(of people: Set<PersonID>, on day: LocalDate, from start: TimeOfDay,
                             to end: TimeOfDay, outside sessionID: String) -> AttendeeClash? {
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
        return AttendeeClash(person: person, triggerID: other.triggerID, start: other.start, end: other.end,
                             sessionID: other.sessionID)
    }
}
