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
    mutating func misfit(_ item: ScheduledItem, _ trigger: Trigger, in session: Session) -> String? {
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
    mutating func release(_ item: ScheduledItem, why: String, session: Session?) {
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
}
