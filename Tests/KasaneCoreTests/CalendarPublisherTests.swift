import KasaneCore
import Testing

/// A small world for publishing: a 重層的支援会議 body, three agencies, one case.
private enum PublishWorld {
    static let registry = Registry(
        agencies: [
            Agency(id: "city", name: "市 福祉政策課", field: .general, kind: .municipal, mailbox: "city@x.jp", roles: [.municipality]),
            Agency(id: "shakyo", name: "社協", field: .general, kind: .contracted, mailbox: "shakyo@x.jp", roles: [.coordinator]),
            Agency(id: "houkatsu", name: "包括", field: .elderly, kind: .contracted, mailbox: "h@x.jp"),
            Agency(id: "sumai", name: "すまい建築課", field: .housing, kind: .municipal, mailbox: "sumai@x.jp"),
        ],
        people: [
            Person(id: "c1", name: "職員", mailbox: "c1@x.jp", agency: "city", title: ""),
            Person(id: "s1", name: "推進員", mailbox: "s1@x.jp", agency: "shakyo", title: ""),
            Person(id: "h1", name: "包括職員", mailbox: "h1@x.jp", agency: "houkatsu", title: ""),
            Person(id: "u1", name: "住宅職員", mailbox: "u1@x.jp", agency: "sumai", title: ""),
        ],
        bodies: [MeetingBody(id: "jusou", name: "重層的支援会議", kind: .multiAgency,
                             members: ["c1", "s1", "h1", "u1"].map { BodyMember(person: $0) })])

    static let session = Session(id: "jusou-2026-12-09", kind: .regular, seriesUID: "s", title: "重層的支援会議（定例）",
                                 bodies: ["jusou"], date: triggerDay("2026-12-09"), start: TimeOfDay(hour: 14, minute: 0)!,
                                 end: TimeOfDay(hour: 16, minute: 0)!, capacity: 4, minutesPerItem: 30,
                                 location: "本庁舎3階", onlineURL: "https://meet.example.jp/x")

    /// Case R8-1 with consent covering `fields`, involving houkatsu and sumai.
    static func file(fields: Set<Field>) -> CaseFile {
        var log = TriggerCaseLog("R8-1", openedOn: "2026-09-01")
        log.append(.agencyJoined(.init(agency: "sumai", on: triggerDay("2026-09-01"))))
        log.append(.memberAdded(HouseholdMember(key: "m1", relation: "本人", isPrincipal: true)))
        log.append(.consentGranted(.init(member: "m1", grantedOn: triggerDay("2026-09-10"),
                                         scope: ConsentScope(fields: fields), formReference: "F")))
        return log.file
    }

    static func item(start: Int = 0, fields: Set<Field> = [.general, .elderly, .housing]) -> ItemToPublish {
        let item = ScheduledItem(triggerID: "R8-1#6", caseNumber: "R8-1", sessionID: session.id, position: start,
                                 start: session.start.adding(minutes: 30 * start),
                                 end: session.start.adding(minutes: 30 * start + 30), meetingKind: .multiAgency,
                                 dueOn: triggerDay("2026-12-10"), reason: "test")
        let attendance = session.attendance(of: item, caseFile: file(fields: fields), registry: registry)!
        return ItemToPublish(item: item, session: session, triggerKind: .planDrafted, attendance: attendance)
    }

    static func publisher(_ seconds: Int) -> CalendarPublisher {
        CalendarPublisher(registry: registry, organizer: CalendarAddress(name: "事務局", mailbox: "city@x.jp"),
                          uidDomain: "x.jp", now: UTCTimestamp(seconds: seconds))
    }
}

@Suite("Calendar publishing (iTIP REQUEST/CANCEL, feeds)")
struct CalendarPublisherTests {
    @Test("First run: a REQUEST at SEQUENCE 0 to every attendee; the UID comes from the item")
    func firstRun() {
        let run = PublishWorld.publisher(1000).publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        #expect(run.outgoing.map(\.person) == ["c1", "h1", "s1", "u1"])
        #expect(run.outgoing.allSatisfy { $0.method == .request && $0.event.sequence == 0 })
        #expect(run.outgoing.allSatisfy { $0.why == .invited })
        #expect(run.items[0].event.uid == "kasane-R8-1-6@x.jp")
        #expect(run.items[0].event.summary == "重層的支援会議 R8-1 プラン策定時")
        #expect(run.items[0].event.attendees.first?.role == .chair)
    }

    @Test("Nothing changed: nothing is sent and SEQUENCE and DTSTAMP stay")
    func stable() {
        let p = PublishWorld.publisher(1000)
        let first = p.publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        let second = PublishWorld.publisher(2000).publish(current: [PublishWorld.item()], previous: first.items,
                                                          finished: { _ in false })
        #expect(second.outgoing.isEmpty)
        #expect(second.items == first.items)
    }

    @Test("A time change raises SEQUENCE and re-sends the REQUEST to everyone")
    func timeChange() {
        let first = PublishWorld.publisher(1000).publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        let moved = PublishWorld.publisher(2000).publish(current: [PublishWorld.item(start: 1)], previous: first.items,
                                                         finished: { _ in false })
        #expect(moved.outgoing.count == 4)
        #expect(moved.outgoing.allSatisfy { $0.method == .request && $0.event.sequence == 1 && $0.why == .itemChanged })
        #expect(moved.items[0].event.stamp == UTCTimestamp(seconds: 2000))
    }

    @Test("R15: narrowing the consent uninvites one agency with a CANCEL (no STATUS) and updates the others")
    func uninvite() {
        let first = PublishWorld.publisher(1000).publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        let narrowed = PublishWorld.publisher(2000).publish(
            current: [PublishWorld.item(fields: [.general, .elderly])], previous: first.items, finished: { _ in false })
        let cancel = narrowed.outgoing.filter { $0.method == .cancel }
        #expect(cancel.map(\.person) == ["u1"])
        #expect(cancel.map(\.why) == [.noLongerAttends])
        #expect(cancel[0].event.status == .confirmed)  // the meeting goes on: no STATUS:CANCELLED
        #expect(cancel[0].event.attendees.map(\.address.mailbox) == ["u1@x.jp"])
        #expect(cancel[0].event.sequence == 1)
        #expect(Set(narrowed.outgoing.filter { $0.method == .request }.map(\.person)) == ["c1", "h1", "s1"])
        // The agency's feed keeps the item as cancelled, without its attendees.
        let feed = PublishWorld.publisher(2000).feed(for: "sumai", items: narrowed.items)
        #expect(feed.map(\.status) == [.cancelled])
        #expect(feed[0].attendees.isEmpty)
    }

    @Test("An item gone without taking place is cancelled for all with STATUS:CANCELLED; a decided one is not")
    func cancelled() {
        let first = PublishWorld.publisher(1000).publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        let gone = PublishWorld.publisher(2000).publish(current: [], previous: first.items, finished: { _ in false })
        #expect(gone.outgoing.count == 4)
        #expect(gone.outgoing.allSatisfy { $0.method == .cancel && $0.event.status == .cancelled && $0.event.sequence == 1 })
        #expect(gone.outgoing.allSatisfy { $0.why == .itemCancelled })
        let again = PublishWorld.publisher(3000).publish(current: [], previous: gone.items, finished: { _ in false })
        #expect(again.outgoing.isEmpty)
        let held = PublishWorld.publisher(2000).publish(current: [], previous: first.items, finished: { _ in true })
        #expect(held.outgoing.isEmpty)
        // Feeds keep a cancelled item for the retention window only.
        #expect(PublishWorld.publisher(2000 + 29 * 86400).feed(for: "houkatsu", items: gone.items).count == 1)
        #expect(PublishWorld.publisher(2000 + 31 * 86400).feed(for: "houkatsu", items: gone.items).isEmpty)
    }

    @Test("A feed observed before invitations go out: invite later sends the same SEQUENCE")
    func observedThenInvited() {
        let first = PublishWorld.publisher(1000).publish(current: [PublishWorld.item()], previous: [], finished: { _ in false })
        // The feed saw the new state (recipients untouched).
        let observed = first.items.map { item -> PublishedItem in
            var i = item
            i.recipients = [:]
            return i
        }
        let invite = PublishWorld.publisher(5000).publish(current: [PublishWorld.item()], previous: observed,
                                                          finished: { _ in false })
        #expect(invite.outgoing.count == 4)
        #expect(invite.outgoing.allSatisfy { $0.event.sequence == 0 && $0.event.stamp == UTCTimestamp(seconds: 1000) })
    }

    @Test("An agency outside the item never sees it in its feed")
    func feedScope() {
        let run = PublishWorld.publisher(1000).publish(current: [PublishWorld.item(fields: [.general, .elderly])],
                                                       previous: [], finished: { _ in false })
        #expect(PublishWorld.publisher(1000).feed(for: "sumai", items: run.items).isEmpty)
        #expect(PublishWorld.publisher(1000).feed(for: "houkatsu", items: run.items).count == 1)
    }
}
