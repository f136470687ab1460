extension SchedulingRun {
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
            unplaced: unplaced.indices
                .sorted { a, b in (rank[unplaced[a].triggerID] ?? .max, a) < (rank[unplaced[b].triggerID] ?? .max, b) }
                .map { unplaced[$0] },
            carried: carried)
    }
}
