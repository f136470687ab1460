package import KasaneCore

/// What a registry import writes, worked out once for every store (`AppDatabase`, the PostgreSQL
/// store): the entries that are new, changed or moved, at their positions, and the report.
package struct RegistryImportPlan {
    package var report = RegistryImportReport()
    package var agencies: [(position: Int, agency: Agency)] = []
    package var people: [(position: Int, person: Person)] = []
    package var bodies: [(position: Int, body: MeetingBody)] = []

    /// The plan of importing `registry` over `old`: a move alone is not a change, but it is written.
    package init(old: Registry, new registry: Registry) {
        var report = RegistryImportReport()
        func note(_ label: String, _ isNew: Bool, _ same: Bool) {
            if isNew { report.added.append(label) } else if same { report.unchanged.append(label) } else {
                report.changed.append(label)
            }
        }
        for (i, a) in registry.agencies.enumerated() {
            let before = old.agency(a.id)
            note("agency \(a.id)", before == nil, before == a)
            if before != a || old.agencies.firstIndex(where: { $0.id == a.id }) != i { agencies.append((i, a)) }
        }
        for (i, p) in registry.people.enumerated() {
            let before = old.person(p.id)
            note("person \(p.id)", before == nil, before == p)
            if before != p || old.people.firstIndex(where: { $0.id == p.id }) != i { people.append((i, p)) }
        }
        for (i, b) in registry.bodies.enumerated() {
            let before = old.body(b.id)
            note("body \(b.id)", before == nil, before == b)
            if before != b || old.bodies.firstIndex(where: { $0.id == b.id }) != i { bodies.append((i, b)) }
        }
        let inFile = Set(registry.agencies.map { "agency \($0.id)" } + registry.people.map { "person \($0.id)" }
            + registry.bodies.map { "body \($0.id)" })
        report.notInFile = (old.agencies.map { "agency \($0.id)" } + old.people.map { "person \($0.id)" }
            + old.bodies.map { "body \($0.id)" }).filter { !inFile.contains($0) }
        self.report = report
    }
}

/// What saving a schedule writes, worked out once for every store: sessions on or before `today`
/// and held ones are records (R20) and never touched; positions that change hands are freed
/// first (the items to delete come before those to write), so UNIQUE(session, position) holds;
/// sessions left without items are forgotten unless a record or holding an accepted joint holding.
package struct SchedulePlan {
    package var report = ScheduleSaveReport()
    /// Sessions to insert or update, by id.
    package var sessionsToWrite: [Session] = []
    /// Calendar keys of the item rows to delete (removed ones, and changed ones rewritten below).
    package var itemsToDelete: [String] = []
    /// Item rows to insert.
    package var itemsToWrite: [ScheduledItem] = []
    /// Ids of the sessions to delete.
    package var sessionsToDelete: [String] = []

    package init(oldSessions stored: [Session], oldItems storedItems: [ScheduledItem], accepted: Set<String>,
                 items: [ScheduledItem], sessions: [Session], today: LocalDate) {
        let byID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let oldSessions = Dictionary(stored.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let isRecord = { (id: String) in oldSessions[id]?.isRecord(on: today) ?? false }
        let oldItems = Dictionary(storedItems.filter { !isRecord($0.sessionID) }.map { ($0.calendarKey, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let items = items.filter { !isRecord($0.sessionID) }
        let used = Set(items.map(\.sessionID))
        for id in used.sorted() {
            guard let s = byID[id] ?? oldSessions[id] else { continue }
            if let old = oldSessions[id] {
                var same = s
                same.state = old.state
                same.deputies = old.deputies
                if old == same { continue }
                report.sessionsChanged += 1
            } else {
                report.sessionsAdded += 1
            }
            sessionsToWrite.append(s)
        }
        let keep = Set(items.map(\.calendarKey))
        for old in oldItems.values.sorted(by: { $0.calendarKey < $1.calendarKey }) where !keep.contains(old.calendarKey) {
            itemsToDelete.append(old.calendarKey)
            report.itemsRemoved += 1
        }
        let changed = items.filter { oldItems[$0.calendarKey] != $0 }
        itemsToDelete += changed.filter { oldItems[$0.calendarKey] != nil }.map(\.calendarKey)
        for item in changed {
            if let old = oldItems[item.calendarKey] {
                if old.sessionID != item.sessionID || old.position != item.position {
                    report.itemsMoved += 1
                } else {
                    report.itemsUpdated += 1
                }
            } else {
                report.itemsAdded += 1
            }
        }
        itemsToWrite = changed
        sessionsToDelete = oldSessions.keys.sorted().filter { !used.contains($0) && !isRecord($0) && !accepted.contains($0) }
        report.sessionsRemoved = sessionsToDelete.count
    }
}
