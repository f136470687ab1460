import KasaneCore
import Testing

/// Stability (the scheduler issue, part 5): a second run changes nothing, a change in one case
/// moves only what it must, invited items stay unless rescheduling is asked for.
@Suite("Scheduler: stability")
struct SchedulerStabilityTests {
    typealias City = SchedulerCity

    static let shienNov = City.session("shien-2026-11-18", ["shien"], on: "2026-11-18")
    static let sessions = [City.jusouNov, City.jusouDec, shienNov,
                           City.session("care-2026-11-25", ["chiiki-care"], on: "2026-11-25")]

    /// Five cases: two fill November, one goes to December, one to 支援会議, one needs an ad hoc
    /// session (which takes no regular item).
    static let triggers = [
        City.trigger("R8-1"), City.trigger("R8-2", due: "2026-11-30"), City.trigger("R8-3"),
        City.trigger("R8-4", meeting: .supportMeeting), City.trigger("R8-5", due: "2026-11-09"),
    ]

    static let files = [
        "R8-1": City.caseFile("R8-1", agencies: ["houkatsu", "konkyu"]),
        "R8-2": City.caseFile("R8-2", agencies: ["kodomo"]),
    ]

    // MARK: - Running twice

    @Test("R6 stability: running twice (items fed back, proposals added to the sessions) changes nothing",
          arguments: ["2026-11-02", "2026-11-05", "2026-11-11", "2026-11-20"])
    func runTwiceChangesNothing(today: String) {
        let input = City.input(Self.triggers, sessions: Self.sessions, caseFiles: Self.files, today: today)
        let first = Scheduler.schedule(input)
        let second = Scheduler.schedule(City.rerun(input, after: first))
        #expect(second.items == first.items)
        #expect(second.offers == first.offers)
        #expect(second.unplaced == first.unplaced)
        #expect(second.newSessions.isEmpty && second.moved.isEmpty && second.dropped.isEmpty)
        let third = Scheduler.schedule(City.rerun(City.rerun(input, after: first), after: second))
        #expect(third == second)
    }

    @Test("R6 stability: the first run places the five cases as expected")
    func firstRunPlacements() {
        let result = Scheduler.schedule(City.input(Self.triggers, sessions: Self.sessions, caseFiles: Self.files))
        #expect(result.items.map(\.triggerID) == ["R8-5#5", "R8-2#5", "R8-1#5", "R8-4#5", "R8-3#5"])
        #expect(result.items.map(\.sessionID) == [
            "adhoc-2026-11-04-1000", "jusou-2026-11-11", "jusou-2026-11-11", "shien-2026-11-18",
            "jusou-2026-12-09",
        ])
        #expect(result.newSessions.map(\.id) == ["adhoc-2026-11-04-1000"])
        #expect(result.offers.map(\.triggerID) == ["R8-1#5"])
        #expect(result.unplaced.isEmpty && result.moved.isEmpty && result.dropped.isEmpty)
    }

    @Test("R6 stability: a larger generated city is stable, within capacity, with distinct positions",
          arguments: [1, 2, 3])
    func generatedCityIsStable(seed: Int) {
        var state = UInt64(seed)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let start = City.day("2026-11-02")
        let triggers = (1...60).map { n -> Trigger in
            let raised = start.adding(days: next(30))
            return City.trigger("C\(n)", seq: 2 + next(5), kind: TriggerKind.allCases[next(5)],
                                meeting: next(4) == 0 ? .supportMeeting : .multiAgency, raised: raised.iso,
                                due: raised.adding(days: 5 + next(40)).iso, urgent: next(10) == 0)
        }
        let sessions = [City.jusouNov, City.jusouDec, Self.shienNov,
                        City.session("jusou-2027-01-13", ["jusou"], on: "2027-01-13", capacity: 4),
                        City.session("both-2026-11-27", ["jusou", "shien"], on: "2026-11-27", capacity: 3)]
        let input = City.input(triggers, sessions: sessions)
        let first = Scheduler.schedule(input)
        #expect(first.items.count == 60)
        let all = sessions + first.newSessions
        for session in all {
            let positions = first.items.filter { $0.sessionID == session.id }.map(\.position)
            #expect(Set(positions).count == positions.count)
            #expect(positions.allSatisfy { $0 >= 0 && $0 < session.capacity })
        }
        let second = Scheduler.schedule(City.rerun(input, after: first))
        #expect(second.items == first.items)
        #expect(second.newSessions.isEmpty && second.moved.isEmpty)
    }

    // MARK: - One case changes

    @Test("R3: consent withdrawn in one case moves only that case's item, to a 支援会議 session")
    func r3OneCaseMovesOnlyIt() throws {
        let input = City.input(Self.triggers, sessions: Self.sessions, caseFiles: Self.files)
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.triggers = Self.triggers.map { $0.caseNumber == "R8-1" ? City.trigger("R8-1", meeting: .supportMeeting) : $0 }
        let second = Scheduler.schedule(next)
        #expect(second.items.filter { $0.caseNumber != "R8-1" } == first.items.filter { $0.caseNumber != "R8-1" })
        let moved = try #require(second.item("R8-1#5"))
        #expect(moved.sessionID == "shien-2026-11-18")
        #expect(moved.meetingKind == .supportMeeting)
        #expect(moved.position == 1)
        #expect(second.moved == [Move(
            triggerID: "R8-1#5", fromSession: "jusou-2026-11-11", toSession: "shien-2026-11-18",
            why: .bodyKindNeeded(sessionID: "jusou-2026-11-11", date: City.day("2026-11-11"), kind: .supportMeeting,
                                 basis: .noConsent))])
        #expect(second.newSessions.isEmpty && second.dropped.isEmpty)
        #expect(second.offers.isEmpty)  // a 支援会議 item gets no joint holding offer (R2)
    }

    @Test("R6: a new trigger in one case leaves the other cases' items in place")
    func newTriggerLeavesOthers() throws {
        let input = City.input(Self.triggers, sessions: Self.sessions, caseFiles: Self.files)
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.triggers.append(City.trigger("R8-6"))
        let second = Scheduler.schedule(next)
        #expect(second.items.filter { $0.caseNumber != "R8-6" } == first.items)
        let added = try #require(second.item("R8-6#5"))
        #expect(added.sessionID == "jusou-2026-12-09" && added.position == 1)  // not the ad hoc session
        #expect(second.moved.isEmpty && second.newSessions.isEmpty)
    }

    @Test("R6: a regular session now after the due date no longer fits; the item moves and says why")
    func regularSessionAfterDueMoves() throws {
        let trigger = City.trigger("R8-1", due: "2026-12-10")
        let onRecord = ScheduledItem(
            triggerID: trigger.id, caseNumber: "R8-1", sessionID: "jusou-2026-12-09", position: 0,
            start: City.time("14:00"), end: City.time("14:30"), meetingKind: .multiAgency,
            dueOn: City.day("2026-12-10"), reason: "on record")
        let brought = City.trigger("R8-1", due: "2026-11-20")
        let result = Scheduler.schedule(City.input([brought], sessions: [City.jusouNov, City.jusouDec],
                                                   existing: [onRecord]))
        #expect(result.item(trigger.id)?.sessionID == "jusou-2026-11-11")
        #expect(result.moved.first?.why == .afterDue(sessionID: "jusou-2026-12-09", date: City.day("2026-12-09"),
                                                     dueOn: City.day("2026-11-20"), rule: "R6-1"))
    }

    @Test("R6: positions are stable: a decided item leaves a gap that the next new item fills")
    func positionsStableAndGapFilled() throws {
        let session = City.session("jusou-2026-11-11", ["jusou"], on: "2026-11-11", capacity: 3, minutes: 20)
        let input = City.input(["R8-1", "R8-2", "R8-3"].map { City.trigger($0) }, sessions: [session])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.triggers = [City.trigger("R8-1"), City.trigger("R8-3"), City.trigger("R8-4")]
        let second = Scheduler.schedule(next)
        #expect(second.dropped == [try #require(first.item("R8-2#5"))])
        #expect(second.item("R8-1#5") == first.item("R8-1#5"))
        #expect(second.item("R8-3#5") == first.item("R8-3#5"))
        let newcomer = try #require(second.item("R8-4#5"))
        #expect(newcomer.position == 1 && newcomer.start == City.time("14:20"))
    }

    @Test("R6: a placement whose trigger is no longer open (decided) is dropped from a session still to come")
    func droppedWhenDecided() {
        let input = City.input([City.trigger("R8-1"), City.trigger("R8-2")], sessions: [City.jusouNov])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.today = City.day("2026-11-02")
        next.triggers = [City.trigger("R8-2")]
        let second = Scheduler.schedule(next)
        #expect(second.dropped.map(\.triggerID) == ["R8-1#5"])
        #expect(second.items.map(\.triggerID) == ["R8-2#5"])
        #expect(second.item("R8-2#5") == first.item("R8-2#5"))
    }

    @Test("R20: a decided item of a session whose day has come stays on record, never dropped",
          arguments: ["2026-11-11", "2026-11-12", "2027-03-31"])
    func decidedItemOfHeldSessionStays(today: String) {
        let input = City.input([City.trigger("R8-1"), City.trigger("R8-2")], sessions: [City.jusouNov])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.today = City.day(today)
        next.triggers = []
        next.reschedule = true
        let second = Scheduler.schedule(next)
        #expect(second.dropped.isEmpty)
        #expect(Set(second.items) == Set(first.items))
        #expect(second.moved.isEmpty && second.carried.isEmpty)
    }

    @Test("R6: duplicate placements of one trigger keep the first and drop the others")
    func duplicatePlacements() {
        let trigger = City.trigger("R8-1")
        func item(_ session: String, _ position: Int) -> ScheduledItem {
            ScheduledItem(triggerID: trigger.id, caseNumber: "R8-1", sessionID: session, position: position,
                          start: City.time("14:00").adding(minutes: 30 * position),
                          end: City.time("14:30").adding(minutes: 30 * position), meetingKind: .multiAgency,
                          dueOn: trigger.dueOn, reason: "on record")
        }
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouNov, City.jusouDec],
                                                   existing: [item("jusou-2026-12-09", 0), item("jusou-2026-11-11", 1)]))
        #expect(result.items == [item("jusou-2026-11-11", 1)])
        #expect(result.dropped == [item("jusou-2026-12-09", 0)])
    }

    // MARK: - Held meetings

    @Test("R20: an undecided item of today's session stays there; the next day it stays on record and is carried over",
          arguments: [("2026-11-11", false), ("2026-11-12", true), ("2026-12-01", true)])
    func pastPlacementKeptAndCarried(today: String, carried: Bool) throws {
        let onRecord = ScheduledItem(
            triggerID: "R8-1#5", caseNumber: "R8-1", sessionID: "jusou-2026-11-11", position: 1,
            start: City.time("14:30"), end: City.time("15:00"), meetingKind: .multiAgency,
            dueOn: City.day("2026-12-10"), reason: "on record", invited: true)
        // Consent withdrawn since: a future placement would move (R3), a held one does not.
        let trigger = City.trigger("R8-1", meeting: .supportMeeting)
        let result = Scheduler.schedule(City.input([trigger], sessions: [City.jusouNov, Self.shienNov],
                                                   existing: [onRecord], today: today, reschedule: true))
        #expect(result.items.contains(onRecord))
        #expect(result.moved.isEmpty && result.dropped.isEmpty)
        guard carried else {
            #expect(result.items == [onRecord] && result.carried.isEmpty)
            return
        }
        let again = try #require(result.items.first { $0 != onRecord })
        #expect(again.triggerID == "R8-1#5" && again.carriedFrom == "jusou-2026-11-11")
        #expect(again.calendarKey == ScheduledItem.carriedKey("R8-1#5", from: "jusou-2026-11-11"))
        guard case .carriedOver(let from, let heldOn, _) = again.reason else {
            Issue.record("not carried over: \(again.reason)")
            return
        }
        #expect(from == "jusou-2026-11-11" && heldOn == City.day("2026-11-11"))
        #expect(result.carried.map(\.why) == [.undecided(sessionID: "jusou-2026-11-11", heldOn: City.day("2026-11-11"))])
        #expect(result.carried.map(\.triggerID) == ["R8-1#5"])
        // Stable: the next run keeps both rows as they are.
        var rerun = City.input([trigger], sessions: [City.jusouNov, Self.shienNov] + result.newSessions,
                               existing: result.items, today: today)
        rerun.reschedule = false
        let second = Scheduler.schedule(rerun)
        #expect(Set(second.items) == Set(result.items))
        #expect(second.carried.isEmpty && second.moved.isEmpty)
    }

    @Test("R6: a kept item follows its session's new start time, keeping its position")
    func keptItemFollowsSessionTime() throws {
        let input = City.input([City.trigger("R8-1"), City.trigger("R8-2")], sessions: [City.jusouNov])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.sessions = [City.session("jusou-2026-11-11", ["jusou"], on: "2026-11-11", at: "13:30")]
        let second = Scheduler.schedule(next)
        let item = try #require(second.item("R8-2#5"))
        #expect(item.position == 1)
        #expect(item.start == City.time("14:00") && item.end == City.time("14:30"))
        #expect(item.reason == first.item("R8-2#5")?.reason)
        #expect(second.moved.isEmpty)
    }

    @Test("R6: a session on a day that has since become a local closure no longer fits")
    func localClosureMoves() throws {
        let input = City.input([City.trigger("R8-1")], sessions: [City.jusouNov, City.jusouDec])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.calendar = BusinessCalendar(localClosures: [try LocalClosure(name: "市制記念日", month: 11, day: 11)])
        let second = Scheduler.schedule(next)
        #expect(second.item("R8-1#5")?.sessionID == "jusou-2026-12-09")
        #expect(second.moved.first?.why == .closedDay(sessionID: "jusou-2026-11-11", date: City.day("2026-11-11"),
                                                      name: "市制記念日"))
    }

    // MARK: - Invited items

    @Test("R6: an invited item whose session vanished is not moved without reschedule, and is moved with it",
          arguments: [false, true])
    func invitedVanishedSession(reschedule: Bool) throws {
        let input = City.input([City.trigger("R8-1"), City.trigger("R8-2")], sessions: [City.jusouNov, City.jusouDec])
        var first = Scheduler.schedule(input)
        first.items = first.items.map { var item = $0; item.invited = true; return item }
        var next = City.rerun(input, after: first)
        next.sessions = [City.jusouDec]  // the November meeting was cancelled
        next.reschedule = reschedule
        let second = Scheduler.schedule(next)
        if reschedule {
            #expect(second.items.map(\.sessionID) == ["jusou-2026-12-09", "jusou-2026-12-09"])
            #expect(second.items.allSatisfy { !$0.invited })
            #expect(second.moved.map(\.toSession) == ["jusou-2026-12-09", "jusou-2026-12-09"])
            #expect(second.moved.first?.why == .sessionGone(sessionID: "jusou-2026-11-11"))
            #expect(second.unplaced.isEmpty)
        } else {
            #expect(second.items == first.items)
            #expect(second.moved.isEmpty)
            #expect(second.unplaced.map(\.triggerID) == ["R8-1#5", "R8-2#5"])
            #expect(second.unplaced.first?.why == .invitationsSent(.sessionGone(sessionID: "jusou-2026-11-11")))
            // …and it stays so on the next run: nothing is placed behind the secretariat's back.
            let third = Scheduler.schedule(City.rerun(next, after: second))
            #expect(third == second)
        }
    }

    @Test("R3: an invited item that no longer fits stays without reschedule and moves with it",
          arguments: [false, true])
    func invitedNoLongerFits(reschedule: Bool) {
        let input = City.input([City.trigger("R8-1")], sessions: [City.jusouNov, Self.shienNov])
        var first = Scheduler.schedule(input)
        first.items[0].invited = true
        var next = City.rerun(input, after: first)
        next.triggers = [City.trigger("R8-1", meeting: .supportMeeting)]
        next.reschedule = reschedule
        let second = Scheduler.schedule(next)
        #expect(second.item("R8-1#5")?.sessionID == (reschedule ? "shien-2026-11-18" : "jusou-2026-11-11"))
        #expect(second.moved.count == (reschedule ? 1 : 0))
        #expect(second.unplaced.count == (reschedule ? 0 : 1))
    }

    @Test("R6: an item not yet invited whose session vanished moves even without reschedule")
    func notInvitedVanishedMoves() {
        let input = City.input([City.trigger("R8-1")], sessions: [City.jusouNov, City.jusouDec])
        let first = Scheduler.schedule(input)
        var next = City.rerun(input, after: first)
        next.sessions = [City.jusouDec]
        let second = Scheduler.schedule(next)
        #expect(second.item("R8-1#5")?.sessionID == "jusou-2026-12-09")
        #expect(second.moved == [Move(triggerID: "R8-1#5", fromSession: "jusou-2026-11-11",
                                      toSession: "jusou-2026-12-09", why: .sessionGone(sessionID: "jusou-2026-11-11"))])
        #expect(second.unplaced.isEmpty)
    }
}
