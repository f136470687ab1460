// Carry-over (R20): record sessions keep their items verbatim; an undecided item of a held
// session is placed again (see `commit`, which marks it carried).
extension SchedulingRun {
    /// Keeps the items of record sessions verbatim, whatever their trigger's state, notes which
    /// open triggers a held session left undecided (`carriedFrom`), and returns the other items.
    mutating func keepRecords(_ ordered: [ScheduledItem]) -> [ScheduledItem] {
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
        return live
    }
}
