extension SchedulingRun {
    // MARK: - New placements

    /// Places every open trigger without a placement, in scheduling order.
    mutating func placePending() {
        for (index, trigger) in order.enumerated() where placed[index] == nil {
            place(trigger)
        }
    }

    mutating func place(_ trigger: Trigger) {
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

    mutating func commit(_ trigger: Trigger, in session: Session, at position: Int, reason: String,
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

    mutating func leaveUnplaced(_ trigger: Trigger, why: String) {
        var text = why
        if let from = released[trigger.id] { text = "was in \(from.from) but \(from.why); " + text }
        unplaced.append(Unplaced(triggerID: trigger.id, why: text))
    }
}
