import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KasaneApp
import KasaneConsole
import KasaneCore
import KasaneStore
import KasaneWording
import Testing

@Suite("Console actions through the application layer (#15)")
struct ConsoleActionTests {
    /// The harness on the day of the first meeting with items, and that meeting's first item.
    static func onMeetingDay() throws -> (ConsoleHarness, Session, DecisionTarget) {
        let first = try ConsoleHarness()
        let meeting = try first.meetingWithItems()
        let h = try ConsoleHarness(consoleToday: meeting.date)
        let target = try Decisions(store: h.store, clock: h.consoleClock).target(meeting: meeting.id, item: "1")
        return (h, meeting, target)
    }

    @Test("#15 decide: the form refuses what `kasane decide` refuses, in the same words (a meeting still to come, R20), and writes nothing")
    func decideBeforeTheMeeting() async throws {
        let h = try ConsoleHarness()
        let meeting = try h.meetingWithItems()
        let expected: String
        do {
            _ = try Decisions(store: h.store, clock: h.consoleClock).target(meeting: meeting.id, item: "1")
            expected = ""
        } catch {
            expected = Catalogue(.ja)(try #require(error as? DecisionError))
        }
        #expect(!expected.isEmpty)
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let form = try await b.get(client, "/meetings/\(meeting.id)/items/1/decide")
            #expect(form.status == .unprocessableContent)
            #expect(String(buffer: form.body).contains(escaped(expected)))
            let post = try await b.post(client, "/meetings/\(meeting.id)/items/1/decide", [("outcome", "差戻し"), ("by", "x")])
            #expect(post.status == .unprocessableContent)
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 decide: a wrong field gets its Japanese message beside it, the rest of the form is kept, nothing is written")
    func decideFieldErrors() async throws {
        let (h, meeting, target) = try Self.onMeetingDay()
        let uri = "/meetings/\(meeting.id)/items/1/decide"
        let before = try footprint(h)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let form = try await b.get(client, uri)
            #expect(form.status == .ok)
            for o in target.outcomes { #expect(String(buffer: form.body).contains("<option value=\"\(o.rawValue)\"")) }
            let noOutcome = try await b.post(client, uri, [("by", "kept-person"), ("monitoring", "2027-01-15")])
            #expect(noOutcome.status == .unprocessableContent)
            let body = String(buffer: noOutcome.body)
            #expect(body.contains("id=\"outcome-error\">決定を選んでください"))
            #expect(body.contains("value=\"kept-person\""))
            #expect(body.contains("value=\"2027-01-15\""))
            let badDate = try await b.post(client, uri, [("outcome", target.outcomes[0].rawValue), ("by", "p"), ("monitoring", "2027/01/15")])
            #expect(badDate.status == .unprocessableContent)
            #expect(String(buffer: badDate.body).contains("id=\"monitoring-error\">次のモニタリングの日「2027/01/15」は日付ではありません"))
            #expect(String(buffer: badDate.body).contains("<option value=\"\(target.outcomes[0].rawValue)\" selected>"))
            let badRole = try await b.post(client, uri, [("outcome", target.outcomes[0].rawValue), ("by", "p"), ("roles", "no colon")])
            #expect(String(buffer: badRole.body).contains("id=\"roles-error\">"))
            let unknown = try await b.post(client, uri, [("outcome", "勝手な決定"), ("by", "p")])
            let words = Catalogue(.ja)(DecisionError.unknownOutcome("勝手な決定", allowed: target.outcomes))
            #expect(String(buffer: unknown.body).contains(escaped(words)))
            let future = try await b.post(client, uri, [("outcome", target.outcomes[0].rawValue), ("by", "p"), ("reported_on", "2099-01-01")])
            #expect(String(buffer: future.body).contains("id=\"reported_on-error\">"))
        }
        #expect(try footprint(h) == before)
    }

    @Test("#15 decide: a valid form records the decision through the Decisions use case, as `kasane decide` does")
    func decideRecords() async throws {
        let (h, meeting, target) = try Self.onMeetingDay()
        let outcome = target.outcomes.contains(.planSentBack) ? DecisionOutcome.planSentBack : target.outcomes[0]
        let person = try #require(target.session.attendance(of: target.scheduled, caseFile: target.file,
                                                            registry: try h.store.registry())?.attendees.first?.person)
        let before = try h.store.caseFile(target.number).decisions.count
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "chair")
            let r = try await b.post(client, "/meetings/\(meeting.id)/items/1/decide",
                                     [("outcome", outcome.rawValue), ("by", person), ("attended", person)])
            #expect(r.status == .ok)
            #expect(String(buffer: r.body).contains("決定「\(outcome.rawValue)」を記録しました"))
        }
        let decisions = try h.store.caseFile(target.number).decisions
        #expect(decisions.count == before + 1)
        #expect(decisions.last?.decision.outcome == outcome)
        #expect(decisions.last?.decision.meeting == meeting.id)
        #expect(decisions.last?.decision.recordedBy == person)
    }

    @Test("#15 mark held: refused before the meeting's day with the store's words (R20), accepted on it")
    func markHeld() async throws {
        let early = try ConsoleHarness()
        let meeting = try early.meetingWithItems()
        try await early.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let r = try await b.post(client, "/meetings/\(meeting.id)/held", [])
            #expect(r.status == .unprocessableContent)
            #expect(String(buffer: r.body).contains(escaped(Catalogue(.ja)(StoreError.sessionNotYetHeld(meeting.id, date: meeting.date)))))
        }
        #expect(try early.store.session(meeting.id)?.state == .planned)
        let (h, _, _) = try Self.onMeetingDay()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let page = String(buffer: try await b.get(client, "/meetings/\(meeting.id)").body)
            #expect(page.contains("開催済みにする"))
            let r = try await b.post(client, "/meetings/\(meeting.id)/held", [])
            #expect(r.status == .ok)
            #expect(String(buffer: r.body).contains("開催済みにしました"))
        }
        #expect(try h.store.session(meeting.id)?.state == .held)
    }

    @Test("#15 schedule and invite: the buttons run the Scheduling and Publishing use cases")
    func scheduleAndInvite() async throws {
        let h = try ConsoleHarness()
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let s = try await b.post(client, "/schedule", [])
            #expect(String(buffer: s.body).contains("予定を保存しました"))
            let i = try await b.post(client, "/invite", [])
            let body = String(buffer: i.body)
            if i.status == .ok {
                #expect(body.contains("招待"))
                let files = try FileManager.default.contentsOfDirectory(atPath: h.configuration.invitationsFolder)
                #expect(!files.isEmpty)
            } else {
                // Publishing refuses while an item cannot be held lawfully (R10, R11): the same words as `kasane invite`.
                #expect(i.status == .unprocessableContent)
                #expect(body.contains("notice error"))
                let folder = h.configuration.invitationsFolder
                let written = FileManager.default.fileExists(atPath: folder) ? try FileManager.default.contentsOfDirectory(atPath: folder) : []
                #expect(written.isEmpty)
            }
        }
    }

    @Test("#15 joint holding: an offer on the dashboard is accepted through Scheduling.join (R5); a wrong one is refused in the use case's words")
    func acceptJointOffer() async throws {
        let h = try ConsoleHarness()
        let preview = try Scheduling.preview(store: h.store, config: h.calendars.load(), clock: h.consoleClock)
        let offer = try #require(preview.result.offers.first)
        try await h.app().test(.router) { client in
            var b = Browser()
            try await b.login(client, "sec")
            let dashboard = String(buffer: try await b.get(client, "/").body)
            #expect(dashboard.contains("合同開催を受ける（\(offer.triggerID)）"))
            let wrong = try await b.post(client, "/joint", [("meeting", offer.sessionID), ("trigger", "R8-404#1")])
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: wrong.body).contains(escaped(Catalogue(.ja)(AppError.notOpenTrigger("R8-404#1")))))
            let r = try await b.post(client, "/joint", [("meeting", offer.sessionID), ("trigger", offer.triggerID),
                                                        ("body", offer.bodyID)])
            #expect(r.status == .ok)
            #expect(String(buffer: r.body).contains("合同開催を受けました"))
        }
        let accepted = try h.store.jointAcceptances()
        #expect(accepted.map(\.triggerID) == [offer.triggerID])
        #expect(accepted.first?.sessionID == offer.sessionID)
    }
}
