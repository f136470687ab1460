import KasaneCore
import Testing

/// Slotting (the scheduler issue, part 4): earliest fitting session, ad hoc proposals, routing by
/// meeting kind (R1–R4), joint holding offers (R5) and per-item segments.
@Suite("Scheduler: slotting")
struct SchedulerSlottingTests {
    typealias City = SchedulerCity

    // MARK: - R6: earliest fitting session before the due date

    @Test("R6: an item goes to the earliest fitting session after today, from notBefore, before its due date",
          arguments: [
              // today, notBefore, due, expected session
              ("2026-11-02", nil, "2026-12-10", "jusou-2026-11-11"),
              ("2026-11-10", nil, "2026-12-10", "jusou-2026-11-11"),
              ("2026-11-11", nil, "2026-12-10", "jusou-2026-12-09"),  // a session today is not "after today"
              ("2026-11-02", "2026-11-12", "2026-12-10", "jusou-2026-12-09"),
              ("2026-11-02", nil, "2026-12-09", "jusou-2026-11-11"),
          ] as [(String, String?, String, String)])
    func r6EarliestFittingSession(today: String, notBefore: String?, due: String, expected: String) throws {
        let trigger = City.trigger("R8-1", raised: "2026-11-02", notBefore: notBefore, due: due)
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouDec, City.jusouNov], today: today))
        let item = try #require(result.item(trigger.id))
        #expect(item.sessionID == expected)
        #expect(item.position == 0)
        #expect(item.meetingKind == .multiAgency)
        #expect(item.dueOn == City.day(due))
        #expect(item.reason == .earliestRegular(kind: .multiAgency, dueOn: City.day(due), rule: "R6-1", fullBefore: FirstFew()))
        #expect(result.newSessions.isEmpty)
        #expect(result.unplaced.isEmpty)
    }

    @Test("R6: when the earliest session is full the item goes to the next one, and says so")
    func r6FullSessionGoesToNext() throws {
        let triggers = ["R8-1", "R8-2", "R8-3"].map { City.trigger($0) }
        let result = Scheduler.schedule(City.input(triggers, sessions: [City.jusouNov, City.jusouDec]))
        #expect(result.items.map(\.sessionID) == ["jusou-2026-11-11", "jusou-2026-11-11", "jusou-2026-12-09"])
        #expect(result.items.map(\.caseNumber) == ["R8-1", "R8-2", "R8-3"])
        let third = try #require(result.item("R8-3#5"))
        #expect(third.reason == .earliestRegular(kind: .multiAgency, dueOn: City.day("2026-12-10"), rule: "R6-1",
                                                 fullBefore: FirstFew(["jusou-2026-11-11"])))
    }

    @Test("R6: the earlier due date is placed first (Trigger.scheduleOrder), whatever the input order")
    func r6ScheduleOrder() {
        let late = City.trigger("R8-1", due: "2026-12-10")
        let early = City.trigger("R8-9", kind: .endProposed, due: "2026-11-20")
        let crowd = City.trigger("R8-5", due: "2026-12-01")
        let result = Scheduler.schedule(City.input([late, crowd, early], sessions: [City.jusouNov, City.jusouDec]))
        #expect(result.item(early.id)?.sessionID == "jusou-2026-11-11")
        #expect(result.item(early.id)?.reason.rule == "R6-3")
        #expect(result.item(crowd.id)?.sessionID == "jusou-2026-11-11")
        #expect(result.item(late.id)?.sessionID == "jusou-2026-12-09")
    }

    @Test("R7: a monitoring review is placed like the others and its reason names R7")
    func r7MonitoringReason() {
        let review = City.trigger("R8-1", kind: .monitoring, raised: "2026-10-01", notBefore: "2026-11-20")
        let result = Scheduler.schedule(City.input([review], sessions: [City.jusouNov, City.jusouDec]))
        #expect(result.item(review.id)?.sessionID == "jusou-2026-12-09")
        #expect(result.item(review.id)?.reason
            == .earliestRegular(kind: .multiAgency, dueOn: City.day("2026-12-10"), rule: "R7", fullBefore: FirstFew()))
    }

    // MARK: - Ad hoc (随時) sessions

    @Test("R6: with no session before the due date, an ad hoc session on the earliest business day at 10:00",
          arguments: [
              // today, due, expected ad hoc session: 勤労感謝の日, the year-end closure, a 振替休日, a plain weekday
              ("2026-11-20", "2026-11-25", "adhoc-2026-11-24-1000", ["勤労感謝の日"]),
              ("2026-12-28", "2027-01-08", "adhoc-2027-01-04-1000", ["年末年始休業", "元日"]),
              ("2027-03-19", "2027-03-26", "adhoc-2027-03-23-1000", ["春分の日", "春分の日 振替休日"]),
              ("2026-11-03", "2026-11-06", "adhoc-2026-11-04-1000", nil),
          ] as [(String, String, String, [String]?)])
    func r6AdHocOnEarliestBusinessDay(today: String, due: String, expected: String, closed: [String]?) throws {
        let trigger = City.trigger("R8-1", raised: today, due: due)
        let result = Scheduler.schedule(City.input([trigger], sessions: [], today: today))
        let item = try #require(result.item(trigger.id))
        let session = try #require(result.newSessions.first)
        #expect(result.newSessions.count == 1)
        #expect(session.id == expected)
        #expect(session.kind == .adHoc)
        #expect(session.bodies == ["jusou"])
        #expect(session.title == "随時 重層的支援会議")
        #expect(session.capacity == 4 && session.minutesPerItem == 30)
        #expect(session.start == City.time("10:00") && session.end == City.time("12:00"))
        #expect(BusinessCalendar().isBusinessDay(session.date))
        #expect(item.sessionID == expected)
        #expect(item.start == City.time("10:00") && item.end == City.time("10:30"))
        let adHoc = try #require(item.reason.adHoc)
        let from = City.day(today).adding(days: 1)
        #expect(adHoc.slot == .proposed(title: "随時 重層的支援会議", date: session.date, start: City.time("10:00")))
        #expect(adHoc.rule == "R6-1")
        #expect(adHoc.because == [.noRegularSession(kind: .multiAgency, from: from, dueOn: City.day(due))])
        if let closed { #expect(adHoc.notes.contains(.earliestBusinessDay(from: from, closed: closed))) }
    }

    @Test("R6: an overdue trigger still gets the earliest business day, and the reason says it is overdue")
    func r6OverdueAdHoc() throws {
        let trigger = City.trigger("R8-1", raised: "2026-09-01", due: "2026-10-01")
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouNov], today: "2026-11-04"))
        let item = try #require(result.item(trigger.id))
        #expect(item.sessionID == "adhoc-2026-11-05-1000")
        #expect(item.reason == .adHoc(AdHocPlacement(
            slot: .proposed(title: "随時 重層的支援会議", date: City.day("2026-11-05"), start: City.time("10:00")),
            rule: "R6-1", because: [.overdue(since: City.day("2026-10-01"))])))
    }

    @Test("R6: all sessions before the due date full → ad hoc, and later items join that ad hoc session")
    func r6FullSessionsAdHocAndJoin() throws {
        let triggers = ["R8-1", "R8-2", "R8-3", "R8-4"].map { City.trigger($0, due: "2026-11-13") }
        let result = Scheduler.schedule(City.input(triggers, sessions: [City.jusouNov, City.jusouDec]))
        #expect(result.newSessions.map(\.id) == ["adhoc-2026-11-04-1000"])
        let third = try #require(result.item("R8-3#5"))
        let fourth = try #require(result.item("R8-4#5"))
        #expect(third.sessionID == "adhoc-2026-11-04-1000" && third.position == 0)
        let full = AdHocCause.regularSessionsFull(kind: .multiAgency, from: City.day("2026-11-03"),
                                                  dueOn: City.day("2026-11-13"), sessions: FirstFew(["jusou-2026-11-11"]))
        #expect(third.reason == .adHoc(AdHocPlacement(
            slot: .proposed(title: "随時 重層的支援会議", date: City.day("2026-11-04"), start: City.time("10:00")),
            rule: "R6-1", because: [full],
            notes: [.earliestBusinessDay(from: City.day("2026-11-03"), closed: ["文化の日"])])))
        #expect(fourth.sessionID == "adhoc-2026-11-04-1000" && fourth.position == 1)
        #expect(fourth.start == City.time("10:30"))
        let joined = try #require(fourth.reason.adHoc)
        #expect(joined.slot == .joined(title: "随時 重層的支援会議", sessionID: "adhoc-2026-11-04-1000",
                                       date: City.day("2026-11-04")))
        #expect(joined.rule == "R6-1" && joined.because == [full])
    }

    @Test("R6: an item needing ad hoc joins an ad hoc session proposed earlier before its due date, not a new one")
    func r6JoinsEarlierAdHocBeforeDue() throws {
        let earlier = Session(
            id: "adhoc-2026-11-06-1330", kind: .adHoc, seriesUID: nil, title: "随時 重層的支援会議", bodies: ["jusou"],
            date: City.day("2026-11-06"), start: City.time("13:30"), end: City.time("15:30"), capacity: 4,
            minutesPerItem: 30, location: nil, onlineURL: nil)
        let trigger = City.trigger("R8-1", kind: .contactLost, due: "2026-11-10")
        let result = Scheduler.schedule(City.input([trigger], sessions: [earlier, City.jusouNov]))
        let item = try #require(result.item(trigger.id))
        #expect(item.sessionID == earlier.id && item.position == 0)
        #expect(item.reason == .adHoc(AdHocPlacement(
            slot: .joined(title: "随時 重層的支援会議", sessionID: "adhoc-2026-11-06-1330", date: City.day("2026-11-06")),
            rule: "R6-4",
            because: [.noRegularSession(kind: .multiAgency, from: City.day("2026-11-03"), dueOn: City.day("2026-11-10"))])))
        #expect(result.newSessions.isEmpty)
    }

    @Test("R6: an ad hoc session takes no item that a regular session before its due date can hold")
    func r6AdHocTakesOnlyItemsNeedingIt() {
        let earlier = Session(
            id: "adhoc-2026-11-06-1000", kind: .adHoc, seriesUID: nil, title: "随時 重層的支援会議", bodies: ["jusou"],
            date: City.day("2026-11-06"), start: City.time("10:00"), end: City.time("12:00"), capacity: 4,
            minutesPerItem: 30, location: nil, onlineURL: nil)
        let result = Scheduler.schedule(City.input([City.trigger("R8-1")], sessions: [earlier, City.jusouNov]))
        #expect(result.item("R8-1#5")?.sessionID == "jusou-2026-11-11")
    }

    @Test("R2: without a 支援会議 body in the registry, a 支援会議 item that needs ad hoc is unplaced with why")
    func r2NoBodyOfKind() {
        var input = City.input([City.trigger("R8-1", meeting: .supportMeeting, due: "2026-11-06")], sessions: [])
        input.registry = Registry(agencies: City.agencies, people: City.people,
                                  bodies: City.registry.bodies.filter { $0.kind != .supportMeeting })
        let result = Scheduler.schedule(input)
        #expect(result.items.isEmpty && result.newSessions.isEmpty)
        #expect(result.unplaced == [Unplaced(
            triggerID: "R8-1#5",
            why: .noAdHocBody(kind: .supportMeeting, because: [
                .noRegularSession(kind: .supportMeeting, from: City.day("2026-11-03"), dueOn: City.day("2026-11-06")),
            ]))])
    }

    @Test("R6: an urgent trigger's reason says it is urgent (随時開催)")
    func r6UrgentReason() throws {
        let trigger = City.trigger("R8-1", raised: "2026-11-02", due: "2026-11-09", urgent: true)
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouNov]))
        let item = try #require(result.item(trigger.id))
        #expect(item.sessionID == "adhoc-2026-11-04-1000")  // 2026-11-03 is 文化の日
        #expect(item.reason.adHoc?.rule == "R6-1")
        #expect(item.reason.adHoc?.because == [
            .urgent, .noRegularSession(kind: .multiAgency, from: City.day("2026-11-03"), dueOn: City.day("2026-11-09")),
        ])
    }

    @Test("R6: an ad hoc slot is skipped while a required attendee has an overlapping item in another session",
          arguments: [
              // the person busy in the 支援会議 10:00–11:00, the slot chosen
              ("p-fukushi", "adhoc-2026-11-24-1330"),
              ("p-kodomo", "adhoc-2026-11-24-1000"),
          ])
    func r6AdHocAvoidsBusyAttendee(busyPerson: PersonID, expected: String) throws {
        let shien = City.session("shien-2026-11-24", ["shien"], on: "2026-11-24", at: "10:00", capacity: 2, minutes: 60)
        let other = City.trigger("R8-7", meeting: .supportMeeting, raised: "2026-11-01", due: "2026-11-30")
        let onRecord = ScheduledItem(
            triggerID: other.id, caseNumber: "R8-7", sessionID: shien.id, position: 0, start: City.time("10:00"),
            end: City.time("11:00"), meetingKind: .supportMeeting, dueOn: City.day("2026-11-30"), reason: "on record")
        let trigger = City.trigger("R8-1", raised: "2026-11-20", due: "2026-11-25")
        let needs: @Sendable (Trigger, Session) -> Set<PersonID> = { trigger, _ in
            trigger.caseNumber == "R8-7" ? [busyPerson] : ["p-fukushi", "p-takikan"]
        }
        let result = Scheduler.schedule(City.input([trigger, other], sessions: [shien], existing: [onRecord],
                                                   today: "2026-11-20", requiredPeople: needs))
        #expect(result.item(trigger.id)?.sessionID == expected)
        #expect(result.item(other.id) == onRecord)
        if busyPerson == "p-fukushi" {
            let skip = SkippedSlot(
                place: .slot(City.day("2026-11-24"), at: City.time("10:00")),
                clash: AttendeeClash(person: "p-fukushi", triggerID: "R8-7#5", start: City.time("10:00"),
                                     end: City.time("11:00"), sessionID: "shien-2026-11-24"))
            #expect(result.item(trigger.id)?.reason.skipped.contains(skip) == true)
        }
    }

    @Test("R6: when the ad hoc sessions of a day are full, later items go to the next business day, past closed days")
    func r6AdHocFillsDayAfterDay() throws {
        // Everyone needs the same people: 3 office slots × 4 items a day, then the next business day.
        let triggers = (1...30).map { City.trigger("R8-\($0)", raised: "2026-11-19", due: "2026-11-20") }
        let result = Scheduler.schedule(City.input(triggers, sessions: [], today: "2026-11-19"))
        let perDay = Dictionary(grouping: result.items) { item in
            result.newSessions.first { $0.id == item.sessionID }!.date.iso
        }.mapValues(\.count)
        // 2026-11-21/22 are a weekend and 2026-11-23 is 勤労感謝の日.
        #expect(perDay == ["2026-11-20": 12, "2026-11-24": 12, "2026-11-25": 6])
        #expect(result.newSessions.map(\.id) == [
            "adhoc-2026-11-20-1000", "adhoc-2026-11-20-1330", "adhoc-2026-11-20-1530",
            "adhoc-2026-11-24-1000", "adhoc-2026-11-24-1330", "adhoc-2026-11-24-1530",
            "adhoc-2026-11-25-1000", "adhoc-2026-11-25-1330",
        ])
        let last = try #require(result.items.last)
        #expect(last.sessionID == "adhoc-2026-11-25-1330" && last.position == 1)
        #expect(last.reason.adHoc?.notes.last == .earliestBusinessDay(from: City.day("2026-11-20"), closed: ["勤労感謝の日"]))
        // The same input again gives the same answer (the skipped days are remembered per run only).
        #expect(Scheduler.schedule(City.input(triggers, sessions: [], today: "2026-11-19")) == result)
    }

    @Test("R6: the office slots, minutes and capacity of ad hoc sessions come from the input")
    func adHocSettings() throws {
        var input = City.input([City.trigger("R8-1", due: "2026-11-05")], sessions: [])
        input.officeSlots = [City.time("15:00"), City.time("09:30")]
        input.adHocMinutesPerItem = 20
        input.adHocCapacity = 6
        let session = try #require(Scheduler.schedule(input).newSessions.first)
        #expect(session.id == "adhoc-2026-11-04-0930")  // 2026-11-03 is 文化の日
        #expect(session.capacity == 6 && session.minutesPerItem == 20 && session.end == City.time("11:30"))
    }

    // MARK: - R1–R4: routing by meeting kind

    @Test("R1/R3: a 支援会議 item goes to a 支援会議 session and a 重層的支援会議 item to a 重層的支援会議 session",
          arguments: [
              (MeetingKind.multiAgency, "jusou-2026-11-11"),
              (MeetingKind.supportMeeting, "shien-2026-11-18"),
          ])
    func r3RoutingByMeetingKind(kind: MeetingKind, expected: String) throws {
        let shien = City.session("shien-2026-11-18", ["shien"], on: "2026-11-18")
        let trigger = City.trigger("R8-1", meeting: kind)
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouNov, shien, City.jusouDec]))
        let item = try #require(result.item(trigger.id))
        #expect(item.sessionID == expected)
        #expect(item.meetingKind == kind)
        #expect(item.reason == .earliestRegular(kind: kind.bodyKind, dueOn: trigger.dueOn, rule: "R6-1", fullBefore: FirstFew()))
    }

    @Test("R3: a session serving both bodies takes both kinds of item, sharing its capacity")
    func r3SessionServingBoth() {
        let both = City.session("both-2026-11-06", ["jusou", "shien"], on: "2026-11-06", capacity: 2)
        let triggers = [City.trigger("R8-1", meeting: .supportMeeting), City.trigger("R8-2"), City.trigger("R8-3")]
        let result = Scheduler.schedule(City.input(triggers, sessions: [both, City.jusouNov]))
        #expect(result.item("R8-1#5")?.sessionID == both.id)
        #expect(result.item("R8-2#5")?.sessionID == both.id)
        #expect(result.item("R8-3#5")?.sessionID == "jusou-2026-11-11")
    }

    @Test("R5: an existing body's session is never used to place an item automatically")
    func r5ExistingBodyNotUsedForPlacement() {
        let care = City.session("care-2026-11-05", ["chiiki-care"], on: "2026-11-05")
        let trigger = City.trigger("R8-1")
        let result = Scheduler.schedule(City.input([trigger], sessions: [care, City.jusouNov]))
        #expect(result.item(trigger.id)?.sessionID == "jusou-2026-11-11")
    }

    // MARK: - R5: joint holding offers

    @Test("R5: joint holding is offered when the existing body's members cover the case's agencies",
          arguments: [
              // involved agencies, meeting kind, offered bodies
              (["houkatsu", "konkyu"], MeetingKind.multiAgency, ["chiiki-care"]),
              (["houkatsu"], MeetingKind.multiAgency, ["chiiki-care"]),
              (["kodomo"], MeetingKind.multiAgency, ["youtaikyo"]),
              (["houkatsu", "kodomo"], MeetingKind.multiAgency, []),  // no body covers both
              (["kodomo", "kyoiku"], MeetingKind.multiAgency, []),   // 教育委員会's appointment ends 11-30
              ([], MeetingKind.multiAgency, []),
              (["houkatsu", "konkyu"], MeetingKind.supportMeeting, []),  // R2: only 構成員 in a 支援会議 item
          ] as [([AgencyID], MeetingKind, [BodyID])])
    func r5JointOffer(agencies: [AgencyID], kind: MeetingKind, offered: [BodyID]) throws {
        let care = City.session("care-2026-11-18", ["chiiki-care"], on: "2026-11-18")
        let careLate = City.session("care-2026-12-16", ["chiiki-care"], on: "2026-12-16")  // after the due date
        let youtaikyo = City.session("youtaikyo-2026-12-03", ["youtaikyo"], on: "2026-12-03")
        let shien = City.session("shien-2026-11-25", ["shien"], on: "2026-11-25")
        let trigger = City.trigger("R8-1", meeting: kind)
        let result = Scheduler.schedule(City.input(
            [trigger], sessions: [City.jusouNov, City.jusouDec, care, careLate, youtaikyo, shien],
            caseFiles: ["R8-1": City.caseFile("R8-1", agencies: agencies)]))
        #expect(result.offers.map(\.bodyID) == offered)
        // R5 offers (their words name R5: SchedulingWordingTests) for this item of this case.
        #expect(result.offers.allSatisfy {
            $0.triggerID == trigger.id && $0.reason.caseNumber == "R8-1" && $0.reason.triggerKind == .planDrafted
        })
        #expect(result.item(trigger.id)?.sessionID == (kind == .multiAgency ? "jusou-2026-11-11" : "shien-2026-11-25"))
        if offered == ["chiiki-care"] {
            let offer = try #require(result.offers.first)
            #expect(offer.sessionID == "care-2026-11-18")
            #expect(offer.reason == JointHoldingReason(
                bodyKind: .communityCare, bodyName: "地域ケア個別会議", date: City.day("2026-11-18"),
                from: City.day("2026-11-03"), dueOn: City.day("2026-12-10"), triggerKind: .planDrafted,
                caseNumber: "R8-1", agencies: agencies))
        }
    }

    @Test("R5: no offer for a session outside [notBefore, dueOn], or for an item already held")
    func r5NoOfferOutsideWindow() {
        let care = City.session("care-2026-11-04", ["chiiki-care"], on: "2026-11-04")
        let files = ["R8-1": City.caseFile("R8-1", agencies: ["houkatsu"])]
        let notYet = City.trigger("R8-1", notBefore: "2026-11-05")
        #expect(Scheduler.schedule(City.input([notYet], sessions: [care, City.jusouNov], caseFiles: files)).offers
            .isEmpty)
        let held = ScheduledItem(triggerID: "R8-1#5", caseNumber: "R8-1", sessionID: "jusou-2026-11-11", position: 0,
                                 start: City.time("14:00"), end: City.time("14:30"), meetingKind: .multiAgency,
                                 dueOn: City.day("2026-12-10"), reason: "on record", invited: true)
        let lateCare = City.session("care-2026-11-18", ["chiiki-care"], on: "2026-11-18")
        let after = Scheduler.schedule(City.input([City.trigger("R8-1")], sessions: [City.jusouNov, lateCare],
                                                  existing: [held], caseFiles: files, today: "2026-11-11"))
        #expect(after.offers.isEmpty)
        #expect(after.items == [held])
    }

    // MARK: - Segments

    @Test("R6: each item gets its own segment: start + position × minutes per item",
          arguments: [(0, "14:00", "14:20"), (1, "14:20", "14:40"), (2, "14:40", "15:00")])
    func segments(position: Int, start: String, end: String) throws {
        let session = City.session("jusou-2026-11-11", ["jusou"], on: "2026-11-11", capacity: 3, minutes: 20)
        let triggers = ["R8-1", "R8-2", "R8-3"].map { City.trigger($0) }
        let result = Scheduler.schedule(City.input(triggers, sessions: [session]))
        let item = try #require(result.items.first { $0.position == position })
        #expect(item.caseNumber == "R8-\(position + 1)")
        #expect(item.start == City.time(start) && item.end == City.time(end))
        #expect(session.segment(at: position) == (City.time(start), City.time(end)))
    }

    @Test("R6: until: nothing is placed after it, and no ad hoc meeting replaces a session beyond it",
          arguments: [
              ("2026-12-31", "jusou-2026-12-09", false),
              ("2026-12-09", "jusou-2026-12-09", false),
              ("2026-11-30", nil, true),
          ] as [(String, String?, Bool)])
    func until(until: String, expected: String?, unplaced: Bool) {
        let trigger = City.trigger("R8-1")
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouDec], until: until))
        #expect(result.item(trigger.id)?.sessionID == expected)
        #expect(result.newSessions.isEmpty)
        #expect(result.unplaced.map(\.triggerID) == (unplaced ? [trigger.id] : []))
        if unplaced {
            #expect(result.unplaced.first?.why == .beyondHorizon(
                kind: .multiAgency, dueOn: City.day("2026-12-10"), sessionID: "jusou-2026-12-09",
                date: City.day("2026-12-09"), until: City.day("2026-11-30"), rule: "R6-1"))
        }
    }

    @Test("R6: until also bounds ad hoc proposals")
    func untilBoundsAdHoc() {
        let trigger = City.trigger("R8-1", raised: "2026-11-20", due: "2026-11-25")
        let result = Scheduler.schedule(City.input([trigger], sessions: [], today: "2026-11-20", until: "2026-11-23"))
        #expect(result.items.isEmpty && result.newSessions.isEmpty)
        #expect(result.unplaced.first?.why == .noAdHocSlot(
            from: City.day("2026-11-21"), until: City.day("2026-11-23"),
            because: [.noRegularSession(kind: .multiAgency, from: City.day("2026-11-21"), dueOn: City.day("2026-11-25"))]))
    }
}
