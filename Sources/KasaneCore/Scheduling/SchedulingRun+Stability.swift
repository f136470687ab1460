extension SchedulingRun {
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
        let live = keepRecords(ordered)
        for item in live {
            guard let index = rank[item.triggerID], placed[index] == nil,
                  released[item.triggerID] == nil else {
                dropped.append(item)
                continue
            }
            let trigger = order[index]
            guard let session = sessions[item.sessionID] else {
                release(item, why: .sessionGone(sessionID: item.sessionID), session: nil)
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
    mutating func misfit(_ item: ScheduledItem, _ trigger: Trigger, in session: Session) -> MoveReason? {
        let kind = trigger.meetingKind.bodyKind
        let (id, date) = (session.id, session.date)
        let acceptance = input.jointAcceptances[trigger.id]
        if let body = item.jointBody {
            guard let acceptance, acceptance.sessionID == session.id, acceptance.body == body,
                  trigger.meetingKind == .multiAgency else {
                return .jointHoldingWithdrawn(sessionID: id, date: date, body: body)
            }
        } else if let acceptance, acceptance.sessionID != session.id, sessions[acceptance.sessionID] != nil {
            return .jointHoldingElsewhere(acceptedIn: acceptance.sessionID)
        }
        if item.jointBody == nil && !serves(session, kind) {
            return .bodyKindNeeded(sessionID: id, date: date, kind: kind, basis: trigger.meetingBasis)
        }
        if let closed = closure(on: session.date) {
            return .closedDay(sessionID: id, date: date, name: closed.name)
        }
        if session.date < trigger.notBefore {
            return .beforeWindow(sessionID: id, date: date, notBefore: trigger.notBefore)
        }
        if session.date > trigger.dueOn && session.kind != .adHoc {
            return .afterDue(sessionID: id, date: date, dueOn: trigger.dueOn, rule: trigger.kind.rule)
        }
        if item.position < 0 || item.position >= session.capacity {
            return .beyondCapacity(sessionID: id, date: date, position: item.position, capacity: session.capacity)
        }
        if occupancy[session.id]?.taken.contains(item.position) ?? false {
            return .positionTaken(sessionID: id, date: date, position: item.position)
        }
        return nil
    }

    /// Moves `item` out, or freezes it when it was invited and rescheduling is off.
    mutating func release(_ item: ScheduledItem, why: MoveReason, session: Session?) {
        guard item.invited && !input.reschedule else {
            released[item.triggerID] = (item.sessionID, why)
            return
        }
        if let session {
            occupy(item, in: session)
        } else {
            placed[rank[item.triggerID]!] = item
        }
        unplaced.append(Unplaced(triggerID: item.triggerID, why: .invitationsSent(why)))
    }
}
