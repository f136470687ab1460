import Foundation
import KasaneCore
import Testing

/// The trigger policy: defaults, the config file and its errors.
@Suite("Trigger policy")
struct TriggerPolicyTests {
    private func decode(_ json: String) throws -> TriggerPolicy {
        try JSONDecoder().decode(TriggerPolicy.self, from: Data(json.utf8))
    }

    @Test("The documented defaults", arguments: [
        (TriggerKind.planDrafted, 30, 7),
        (.planRevised, 30, 7),
        (.endProposed, 30, 7),
        (.contactLost, 14, 7),
        (.monitoring, 0, 0),
    ])
    func defaults(_ kind: TriggerKind, days: Int, urgent: Int) {
        #expect(TriggerPolicy.standard.days(for: kind, urgent: false) == days)
        #expect(TriggerPolicy.standard.days(for: kind, urgent: true) == urgent)
        #expect(TriggerPolicy.standard.contactLossLimitDays == 90)
        #expect(TriggerPolicy.standard.monitoringLeadDays == 14)
    }

    @Test("An empty file is the standard policy; a round trip keeps every value")
    func emptyFileAndRoundTrip() throws {
        #expect(try decode("{}") == .standard)
        let custom = try TriggerPolicy(
            days: .init(plan: 21, replan: 28, ending: 35, suspension: 10, monitoring: 3),
            urgentDays: .init(plan: 3, replan: 4, ending: 5, suspension: 2, monitoring: 1),
            contactLossLimitDays: 60, monitoringLeadDays: 7)
        #expect(try decode(String(decoding: JSONEncoder().encode(custom), as: UTF8.self)) == custom)
    }

    @Test("Missing keys fall back; urgent days default to at most the normal days")
    func partialFile() throws {
        let policy = try decode(#"{"days": {"plan": 5, "ending": 45}, "contactLossLimitDays": 120}"#)
        #expect(policy.days(for: .planDrafted, urgent: false) == 5)
        #expect(policy.days(for: .planDrafted, urgent: true) == 5)
        #expect(policy.days(for: .endProposed, urgent: false) == 45)
        #expect(policy.days(for: .endProposed, urgent: true) == 7)
        #expect(policy.days(for: .planRevised, urgent: false) == 30)
        #expect(policy.contactLossLimitDays == 120)
        #expect(policy.monitoringLeadDays == 14)
    }

    @Test("Bad files are refused with a message naming the setting", arguments: [
        (#"{"days": {"plann": 30}}"#, "unknown key 'plann'"),
        (#"{"days": {"plan": -1}}"#, "days.plan"),
        (#"{"urgentDays": {"ending": 40}}"#, "urgentDays.ending at most days.ending"),
        (#"{"contactLossLimitDays": 0}"#, "contactLossLimitDays"),
        (#"{"monitoringLeadDays": 400}"#, "monitoringLeadDays"),
    ])
    func badFiles(_ json: String, message: String) {
        do {
            _ = try decode(json)
            Issue.record("accepted \(json)")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains(message), "\(context.debugDescription)")
            #expect(context.debugDescription.contains("please"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Urgent days longer than normal ones are refused at construction")
    func urgentLongerThrows() {
        #expect(throws: TriggerPolicyError.urgentLongerThanNormal(kind: .contactLost, urgent: 20, normal: 14)) {
            try TriggerPolicy(urgentDays: .init(plan: 7, replan: 7, ending: 7, suspension: 20, monitoring: 0))
        }
    }

    @Test("Every trigger kind has a rule id, a policy key and an agenda")
    func kindsAreComplete() {
        #expect(TriggerKind.allCases.map(\.rule) == ["R6-1", "R6-2", "R6-3", "R6-4", "R7"])
        #expect(Set(TriggerKind.allCases.map(\.policyKey)).count == TriggerKind.allCases.count)
        #expect(TriggerKind.allCases.allSatisfy { !$0.agenda.isEmpty })
        #expect(TriggerKind.allCases.filter(\.isMandatory) == [.planDrafted, .planRevised, .endProposed, .contactLost])
    }

    @Test("A trigger survives a JSON round trip with its Japanese kind names")
    func triggerJSON() throws {
        var log = TriggerCaseLog()
        log.principal(consentOn: "2026-04-02")
        log.contact(on: "2026-04-05", reached: true)
        log.contact(on: "2026-05-05", reached: false, method: .letter)
        let trigger = try #require(log.open(on: "2026-07-10").first)
        let data = try JSONEncoder().encode(trigger)
        #expect(try JSONDecoder().decode(Trigger.self, from: data) == trigger)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("支援中断の決定時"))
        #expect(text.contains("2026-04-05"))
    }
}
