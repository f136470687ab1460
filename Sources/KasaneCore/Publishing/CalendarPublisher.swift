/// What was last published for one case item: its calendar object and who holds which version.
public struct PublishedItem: Hashable, Sendable, Codable {
    /// The item's calendar key (`ScheduledItem.calendarKey`): its trigger id, or a carried item's key.
    public var triggerID: String
    /// The event as last published (its `sequence` and `stamp` are the published ones).
    public var event: CalendarEvent
    public var contentHash: String
    /// When the item was cancelled (kept in feeds as STATUS:CANCELLED for a while).
    public var cancelledAt: UTCTimestamp?
    /// What each person was last sent: REQUEST or CANCEL, at which SEQUENCE.
    public var recipients: [PersonID: SentInvitation]

    public init(triggerID: String, event: CalendarEvent, contentHash: String, cancelledAt: UTCTimestamp?,
                recipients: [PersonID: SentInvitation]) {
        self.triggerID = triggerID
        self.event = event
        self.contentHash = contentHash
        self.cancelledAt = cancelledAt
        self.recipients = recipients
    }
}

/// One message sent to one person about one item.
public struct SentInvitation: Hashable, Sendable, Codable {
    public var method: ITIPMethod
    public var sequence: Int

    public init(method: ITIPMethod, sequence: Int) {
        self.method = method
        self.sequence = sequence
    }
}

/// A message to send now: one iTIP object for one person.
public struct OutgoingInvitation: Hashable, Sendable, Codable {
    public var person: PersonID
    public var method: ITIPMethod
    public var event: CalendarEvent
    public var caseNumber: CaseNumber
    /// The item's calendar key (`ScheduledItem.calendarKey`).
    public var triggerID: String
    /// Why it is sent: new item, changed, uninvited, cancelled.
    public var why: InvitationReason
}

/// Why an invitation is sent (`OutgoingInvitation.why`).
public enum InvitationReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// REQUEST: the person is invited to the item (first time, or again after a CANCEL).
    case invited
    /// REQUEST: the item changed since the person's version (a new SEQUENCE).
    case itemChanged
    /// CANCEL: the person no longer attends the item; it goes on for the others.
    case noLongerAttends
    /// CANCEL: the item was cancelled for everyone.
    case itemCancelled
}

/// A case item as it stands now, ready to publish.
public struct ItemToPublish: Hashable, Sendable {
    public var item: ScheduledItem
    public var session: Session
    public var triggerKind: TriggerKind?
    public var attendance: ItemAttendance

    public init(item: ScheduledItem, session: Session, triggerKind: TriggerKind?, attendance: ItemAttendance) {
        self.item = item
        self.session = session
        self.triggerKind = triggerKind
        self.attendance = attendance
    }
}

/// Works out, from the schedule as it stands and what was published before, the calendar object
/// of every item (UID per item, SEQUENCE raised on every significant change) and the REQUEST and
/// CANCEL messages each person must receive (RFC 5546). Pure: `now` is passed in.
///
/// Privacy: an event carries the case number, the trigger, the agenda headings and the session's
/// place only — never a household member's name, birth date, address or circumstances, and never
/// the principal (本人) as an attendee.
public struct CalendarPublisher: Sendable {
    public var registry: Registry
    public var organizer: CalendarAddress
    /// The domain part of UIDs (`kasane-R8-1-6@<domain>`).
    public var uidDomain: String
    public var now: UTCTimestamp
    /// The workspace's today: an item of a session whose day has passed is a record (R20) and is
    /// published as it was, with no message; `nil` publishes every item afresh.
    public var today: LocalDate?

    public init(registry: Registry, organizer: CalendarAddress, uidDomain: String, now: UTCTimestamp,
                today: LocalDate? = nil) {
        self.registry = registry
        self.organizer = organizer
        self.uidDomain = uidDomain
        self.now = now
        self.today = today
    }

    /// The secretariat as organizer: the municipality's agency (R10: the municipality may send the invitations).
    public static func secretariat(in registry: Registry) -> CalendarAddress? {
        registry.agencies(holding: .municipality).first.map {
            CalendarAddress(name: "\($0.name) 事務局", mailbox: $0.mailbox)
        }
    }

    /// The stable UID of an item: derived from its calendar key (the trigger id), so a moved item
    /// keeps it; an item carried over from a held session (R20) gets `….carry.<session>`, never
    /// the UID of the held item, which keeps its own.
    public func uid(for calendarKey: String) -> String {
        func stem(_ text: some StringProtocol) -> String {
            text.map { $0.isLetter || $0.isNumber || $0 == "-" ? String($0) : "-" }.joined()
        }
        guard let marker = calendarKey.firstRange(of: ScheduledItem.carryMarker) else {
            return "kasane-\(stem(calendarKey))@\(uidDomain)"
        }
        return "kasane-\(stem(calendarKey[..<marker.lowerBound])).carry.\(stem(calendarKey[marker.upperBound...]))@\(uidDomain)"
    }

    /// The outcome of one publishing run.
    public struct Run: Hashable, Sendable {
        /// Every item's published state after this run (store it).
        public var items: [PublishedItem]
        /// The messages to send, by person then item.
        public var outgoing: [OutgoingInvitation]
    }

    /// Publishes `current` items against `previous` state. Items in `previous` that are no longer
    /// current are cancelled unless `finished` says the item took place (its trigger was decided).
    public func publish(current: [ItemToPublish], previous: [PublishedItem],
                        finished: (String) -> Bool) -> Run {
        let old = Dictionary(previous.map { ($0.triggerID, $0) }, uniquingKeysWith: { a, _ in a })
        var items: [PublishedItem] = []
        var outgoing: [OutgoingInvitation] = []
        var seen: Set<String> = []
        for c in current.sorted(by: { ($0.session.date, $0.item.start, $0.item.calendarKey) < ($1.session.date, $1.item.start, $1.item.calendarKey) }) {
            let key = c.item.calendarKey
            guard seen.insert(key).inserted else { continue }
            let before = old[key]
            // R20: a meeting that took place stays in calendars as it was; nobody is sent anything.
            if let today, c.session.date < today {
                if let before {
                    items.append(before)
                } else {
                    let event = makeEvent(c)
                    items.append(PublishedItem(triggerID: key, event: event, contentHash: Self.contentHash(event),
                                               cancelledAt: nil, recipients: [:]))
                }
                continue
            }
            var event = makeEvent(c)
            let hash = Self.contentHash(event)
            var recipients = before?.recipients ?? [:]
            if let before, before.contentHash == hash, before.cancelledAt == nil {
                event.sequence = before.event.sequence
                event.stamp = before.event.stamp
            } else {
                event.sequence = before.map { $0.event.sequence + 1 } ?? 0
                event.stamp = now
            }
            let attending = Set(event.attendees.compactMap { a in personID(mailbox: a.address.mailbox, in: c) })
            // REQUEST to every attendee who does not hold this version yet.
            for person in attending.sorted() {
                let sent = recipients[person]
                if sent?.method == .request && sent?.sequence == event.sequence { continue }
                outgoing.append(OutgoingInvitation(
                    person: person, method: .request, event: event, caseNumber: c.item.caseNumber,
                    triggerID: key,
                    why: sent == nil || sent?.method == .cancel ? .invited : .itemChanged))
                recipients[person] = SentInvitation(method: .request, sequence: event.sequence)
            }
            // CANCEL (without STATUS) to whoever held a REQUEST and lost the item (RFC 5546 §3.2.5).
            for (person, sent) in recipients.sorted(by: { $0.key < $1.key })
                where sent.method == .request && !attending.contains(person) {
                var cancel = event
                cancel.status = .confirmed  // the event goes on: uninvite only this person
                cancel.attendees = (before?.event.attendees ?? []).filter { personID(mailbox: $0.address.mailbox, in: c) == person }
                outgoing.append(OutgoingInvitation(person: person, method: .cancel, event: cancel,
                                                   caseNumber: c.item.caseNumber, triggerID: key,
                                                   why: .noLongerAttends))
                recipients[person] = SentInvitation(method: .cancel, sequence: event.sequence)
            }
            items.append(PublishedItem(triggerID: key, event: event, contentHash: hash, cancelledAt: nil,
                                       recipients: recipients))
        }
        for before in previous.sorted(by: { $0.triggerID < $1.triggerID }) where !seen.contains(before.triggerID) {
            if before.cancelledAt == nil && finished(before.triggerID) {
                items.append(before)  // it took place: nothing to cancel
                continue
            }
            // The item is gone without having taken place: cancel it for everyone who holds it.
            var event = before.event
            var cancelledAt = before.cancelledAt
            if cancelledAt == nil {
                event.sequence += 1
                event.stamp = now
                event.status = .cancelled
                cancelledAt = now
            }
            var recipients = before.recipients
            for (person, sent) in before.recipients.sorted(by: { $0.key < $1.key }) where sent.method == .request {
                outgoing.append(OutgoingInvitation(person: person, method: .cancel, event: event,
                                                   caseNumber: caseNumber(of: before.triggerID),
                                                   triggerID: before.triggerID, why: .itemCancelled))
                recipients[person] = SentInvitation(method: .cancel, sequence: event.sequence)
            }
            items.append(PublishedItem(triggerID: before.triggerID, event: event, contentHash: Self.contentHash(event),
                                       cancelledAt: cancelledAt, recipients: recipients))
        }
        outgoing.sort { ($0.person, $0.event.date, $0.event.start, $0.triggerID) < ($1.person, $1.event.date, $1.event.start, $1.triggerID) }
        return Run(items: items, outgoing: outgoing)
    }

    /// The events of an agency's feed: every item one of its people attends, sorted by time.
    /// An item the agency lost (uninvited) or that was cancelled stays for `retentionDays` as
    /// STATUS:CANCELLED, stripped of its attendees, so subscribed calendars remove it.
    public func feed(for agency: AgencyID, items: [PublishedItem], retentionDays: Int = 30) -> [CalendarEvent] {
        let mailboxes = Set(registry.people(of: agency).map(\.mailbox))
        var events: [CalendarEvent] = []
        for item in items {
            let attends = item.event.attendees.contains { mailboxes.contains($0.address.mailbox) }
            if attends && item.cancelledAt == nil {
                events.append(item.event)
                continue
            }
            let held = item.recipients.keys.contains { registry.person($0)?.agency == agency }
            guard attends || held else { continue }
            let since = item.cancelledAt ?? item.event.stamp
            guard now.seconds - since.seconds <= retentionDays * 86400 else { continue }
            var gone = item.event
            gone.status = .cancelled
            gone.attendees = []
            events.append(gone)
        }
        return events.sorted { ($0.date, $0.start, $0.uid) < ($1.date, $1.start, $1.uid) }
    }

    // MARK: - Event content

    func makeEvent(_ c: ItemToPublish) -> CalendarEvent {
        let kind = c.triggerKind?.rawValue ?? "ケース検討"
        let summary = "\(c.item.meetingKind.rawValue) \(c.item.caseNumber) \(kind)"
        let title = c.session.title.contains(c.session.kind.rawValue) ? c.session.title : "\(c.session.title)（\(c.session.kind.rawValue)）"
        var lines = [title, "ケース番号: \(c.item.caseNumber)",
                     "検討事項: \(kind)"]
        if let headings = c.triggerKind?.agenda, !headings.isEmpty {
            lines.append("議題:")
            lines += headings.map { "・\($0)" }
        }
        if let url = c.session.onlineURL { lines.append("オンライン参加: \(url)") }
        lines.append("個人情報は会議の場でのみ共有します。")
        let attendees = c.attendance.attendees.compactMap { a -> CalendarAttendee? in
            guard let p = registry.person(a.person) else { return nil }
            return CalendarAttendee(address: CalendarAddress(name: p.name, mailbox: p.mailbox), role: a.role)
        }
        return CalendarEvent(uid: uid(for: c.item.calendarKey), sequence: 0, stamp: now, date: c.session.date,
                             start: c.item.start, end: c.item.end, summary: summary,
                             description: lines.joined(separator: "\n"), location: c.session.location,
                             url: c.session.onlineURL, status: .confirmed, organizer: organizer, attendees: attendees)
    }

    private func personID(mailbox: String, in c: ItemToPublish) -> PersonID? {
        c.attendance.attendees.first { registry.person($0.person)?.mailbox == mailbox }?.person
            ?? registry.people.first { $0.mailbox == mailbox }?.id
    }

    private func caseNumber(of calendarKey: String) -> CaseNumber {
        let triggerID = ScheduledItem.triggerID(ofCalendarKey: calendarKey)
        return TriggerID(triggerID)?.caseNumber ?? triggerID
    }

    /// A fingerprint of what matters to attendees: time, place, text, status and attendees
    /// (a significant change raises SEQUENCE). FNV-1a 64 over a canonical rendering.
    public static func contentHash(_ e: CalendarEvent) -> String {
        let attendees = e.attendees.map { "\($0.address.mailbox)|\($0.address.name)|\($0.role.rawValue)" }
        let text = [e.uid, e.date.iso, e.start.description, e.end.description, e.summary, e.description,
                    e.location ?? "", e.url ?? "", e.status.rawValue, e.organizer.mailbox]
            + attendees
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
