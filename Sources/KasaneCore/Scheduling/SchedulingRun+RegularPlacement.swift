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
                       reason: .acceptedJointHolding(body: acceptance.body, acceptedOn: acceptance.acceptedOn),
                       jointBody: acceptance.body)
                return
            }
            unplaced.append(Unplaced(triggerID: trigger.id,
                                     why: .acceptedJointHoldingUnusable(sessionID: acceptance.sessionID)))
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
                leaveUnplaced(trigger, why: .beyondHorizon(
                    kind: kind, dueOn: trigger.dueOn, sessionID: found.session.id, date: found.session.date,
                    until: until, rule: rule))
                return
            }
            commit(trigger, in: found.session, at: found.position,
                   reason: .earliestRegular(kind: kind, dueOn: trigger.dueOn, rule: rule,
                                            fullBefore: FirstFew(full.lazy.map { $0.id })))
            return
        }

        var because: [AdHocCause] = []
        if trigger.urgent { because.append(.urgent) }
        if !full.isEmpty {
            because.append(.regularSessionsFull(kind: kind, from: from, dueOn: trigger.dueOn,
                                                sessions: FirstFew(full.lazy.map { $0.id })))
        } else if trigger.dueOn < input.today {
            because.append(.overdue(since: trigger.dueOn))
        } else if trigger.dueOn < from {
            because.append(.dueBeforeAnySession(dueOn: trigger.dueOn))
        } else {
            because.append(.noRegularSession(kind: kind, from: from, dueOn: trigger.dueOn))
        }
        guard let body = input.registry.bodies(of: kind).first else {
            leaveUnplaced(trigger, why: .noAdHocBody(kind: kind, because: because))
            return
        }
        guard let choice = adHocChoice(for: trigger, kind: kind, body: body, from: from) else {
            leaveUnplaced(trigger, why: .noAdHocSlot(from: from, until: input.until, because: because))
            return
        }
        let session = choice.session
        if choice.isNew { add(session); newSessions.append(session) }
        let slot: AdHocPlacement.Slot = choice.isNew
            ? .proposed(title: session.title, date: session.date, start: session.start)
            : .joined(title: session.title, sessionID: session.id, date: session.date)
        commit(trigger, in: session, at: choice.position,
               reason: .adHoc(AdHocPlacement(slot: slot, rule: rule, because: because, notes: choice.notes)))
    }

    mutating func commit(_ trigger: Trigger, in session: Session, at position: Int, reason: PlacementReason,
                         jointBody: BodyID? = nil) {
        let segment = session.segment(at: position)
        let held = carriedFrom[trigger.id]
        // R20: a carried item says where it comes from first.
        let stated = held.map { PlacementReason.carriedOver(from: $0.id, heldOn: $0.date, reason: reason) } ?? reason
        occupy(ScheduledItem(
            triggerID: trigger.id, caseNumber: trigger.caseNumber, sessionID: session.id, position: position,
            start: segment.start, end: segment.end, meetingKind: trigger.meetingKind, dueOn: trigger.dueOn,
            reason: stated, invited: false,
            calendarKey: held.map { ScheduledItem.carriedKey(trigger.id, from: $0.id) }, carriedFrom: held?.id,
            jointBody: jointBody), in: session)
        if let from = released[trigger.id] {
            moved.append(Move(triggerID: trigger.id, fromSession: from.from, toSession: session.id, why: from.why))
        } else if let held {
            carried.append(Move(triggerID: trigger.id, fromSession: held.id, toSession: session.id,
                                why: .undecided(sessionID: held.id, heldOn: held.date)))
        }
    }

    mutating func leaveUnplaced(_ trigger: Trigger, why: UnplacedReason) {
        let reason = released[trigger.id].map { UnplacedReason.released(from: $0.from, because: $0.why, then: why) } ?? why
        unplaced.append(Unplaced(triggerID: trigger.id, why: reason))
    }
}
