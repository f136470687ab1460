import Foundation
import Testing
@testable import KasaneCore

/// Scenarios drawn from the seeds: Okinawa City's model meeting R5-2 (seed 000) and the changes
/// that follow it — withdrawal, narrowing, an appointment ending, an agency leaving, deputies.
@Suite("Attendance scenarios")
struct AttendanceScenarioTests {
    typealias O = OkinawaAttendance

    // MARK: - Okinawa R5-2

    @Test("R5-2 household: consent covers 子ども/高齢/困窮/教育/障がい, not すまい建築課 or 環境課")
    func okinawaR52WholeHousehold() throws {
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        #expect(result.meetingKind == .multiAgency)
        #expect(result.body == "juso")
        #expect(result.discussedMembers == ["mother", "child", "uncle", "grandmother"])
        #expect(result.attendees.map(\.person) == [
            "p-takikan", "p-fukushi", "p-kodomo2", "p-kyoiku", "p-houkatsu", "p-konkyu", "p-kikan",
        ])
        #expect(result.attendees.map(\.role) == [.chair] + Array(repeating: .required, count: 6))
        #expect(result.flags.isEmpty)
        let sumai = try #require(result.exclusions(of: "sumai").first)
        // Was "すまい建築課: left out of item 1 — outside the consent of 2026-04-01 given by mother,
        // child, uncle, grandmother (R1, R15)", remedy "ask mother, child, uncle, grandmother to
        // widen the consent to cover すまい建築課 or the 住宅 field (R1)" (words: AttendanceWordingTests).
        let household: [MemberKey] = ["mother", "child", "uncle", "grandmother"]
        #expect(sumai.label == "すまい建築課" && sumai.item == 1)
        #expect(sumai.reason == .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-04-01"), givenBy: household)]))
        #expect(sumai.reason.rules == [.r1, .r15])
        #expect(sumai.wouldBe == .required)
        #expect(sumai.remedy == .widenConsent(members: household, agency: Named("sumai", "すまい建築課"), field: .housing))
        #expect(sumai.remedy?.rules == [.r1])
        #expect(result.exclusions(of: "kankyo").first?.remedy?.action == .widenConsent)
        // Optional providers outside the consent are explained, without a remedy.
        #expect(result.exclusions.map(\.agency) == ["outreach", "sanka", "sumai", "kankyo"])
        #expect(result.exclusions(of: "outreach").first?.remedy == nil)
    }

    @Test("R5-2 item about the child only: the message of the issue, word for word")
    func okinawaR52ChildItem() throws {
        let result = O.attendance(AttendanceItem(number: 2, caseFile: O.r52(), discussedMembers: ["child"]))
        let sumai = try #require(result.exclusions(of: "sumai").first)
        // The issue's message "すまい建築課: left out of item 2 — outside the consent of 2026-04-01
        // (R1, R15)" is this value in English words (AttendanceWordingTests.issueMessage, #13.3).
        #expect(sumai == AttendanceExclusion(
            item: 2, agency: "sumai", agencyName: "すまい建築課", person: "p-sumai", wouldBe: .required,
            reason: .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-04-01"), givenBy: [])]),
            remedy: .widenConsent(members: ["child"], agency: Named("sumai", "すまい建築課"), field: .housing)))
        #expect(sumai.reason.rules == [.r1, .r15])
    }

    @Test("R5-2 with housing and garbage: widening the consent lets すまい建築課 and 環境課 in")
    func okinawaR52Widened() {
        var scope = O.r52Scope
        scope.fields.formUnion([.housing, .environment])
        let widened = O.r52(extra: O.members.map { O.consent($0.key, "2026-07-01", scope) })
        let result = O.attendance(AttendanceItem(number: 1, caseFile: widened))
        #expect(result.attends(agency: "sumai") && result.attends(agency: "kankyo"))
        #expect(result.exclusions(of: "sumai").isEmpty)
        // The session is before the widening: the old consent still applies.
        let early = O.attendance(AttendanceItem(number: 1, caseFile: widened), O.session(on: O.date("2026-06-30")))
        #expect(!early.attends(agency: "sumai"))
    }

    // MARK: - Change

    @Test("R3 change: the uncle withdraws; the item moves to 支援会議 and the calendar learns who lost it")
    func withdrawalMovesItemAndUninvites() {
        let session = O.session(O.jusoBody, also: O.shienBody)
        let before = O.attendance(AttendanceItem(number: 1, caseFile: O.r52(), meetingKind: .multiAgency), session)
        let withdrawn = O.r52(extra: [.consentWithdrawn(.init(member: "uncle", withdrawnOn: O.date("2026-07-20")))])
        let item = AttendanceItem(number: 1, caseFile: withdrawn, meetingKind: .multiAgency)
        let re = AttendancePlanner.recompute(before, item: item, in: session, registry: O.registry())
        #expect(re.review.routing == .moveToSupportMeeting)
        #expect(re.attendance.meetingKind == .supportMeeting)
        #expect(re.attendance.body == "shien")
        #expect(re.change.uninvited.map(\.person) == ["p-kodomo2", "p-kikan"])
        #expect(re.change.invited.map(\.person) == ["p-kodomo", "p-outreach"])
        #expect(re.change.updated.isEmpty)

        // Without a 支援会議 in the session: flagged, and nobody may hear the item any more.
        let alone = AttendancePlanner.recompute(before, item: item, in: O.session(), registry: O.registry())
        #expect(alone.review.routing == .flagForSecretariat)
        #expect(alone.attendance.attendees.isEmpty)
        #expect(alone.attendance.hasFlag(.consentMissing))
        #expect(alone.change.uninvited.map(\.person) == before.attendees.map(\.person))
    }

    @Test("Narrowing: the mother's new consent leaves out 教育; only 教育委員会 is uninvited")
    func narrowingUninvitesOnlyTheUncovered() throws {
        let before = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        let narrow = ConsentScope(agencies: ["takikan"], fields: [.children, .elderly, .poverty, .disability])
        let after = O.attendance(AttendanceItem(number: 1, caseFile: O.r52(extra: [O.consent("mother", "2026-07-10", narrow)])))
        let change = AttendancePlanner.changes(from: before, to: after)
        #expect(change.uninvited.map(\.person) == ["p-kyoiku"])
        #expect(change.invited.isEmpty && change.updated.isEmpty && !change.principalChanged)
        let kyoiku = try #require(after.exclusions(of: "kyoiku").first)
        #expect(kyoiku.reason == .outsideConsent(consents: [ConsentForm(grantedOn: O.date("2026-07-10"), givenBy: ["mother"])]))
        #expect(AttendancePlanner.changes(from: after, to: after).isEmpty)
    }

    @Test("Appointment ending: a 支援会議 member whose appointment ended is uninvited, with the remedy")
    func appointmentEnding() throws {
        let file = O.caseFile(involved: ["kyoiku", "kodomo"], [])
        let item = AttendanceItem(number: 4, caseFile: file)
        let before = O.attendance(item, O.session(O.shienBody))
        #expect(before.attends(agency: "kyoiku"))
        var shien = O.shienBody
        shien.members = shien.members.map { $0.person == "p-kyoiku" ? O.appointed("p-kyoiku", endsOn: "2026-06-30") : $0 }
        let after = O.attendance(item, O.session(shien), registry: O.registry(bodies: [shien]))
        #expect(AttendancePlanner.changes(from: before, to: after).uninvited.map(\.person) == ["p-kyoiku"])
        let exclusion = try #require(after.exclusions(of: "kyoiku").first)
        // Was "教育委員会 当山: left out of item 4 — 当山's appointment to 沖縄市支援会議 ended on 2026-06-30 (R2, R15)".
        #expect(exclusion.label == "教育委員会 当山" && exclusion.item == 4)
        #expect(exclusion.reason == .appointmentEnded(person: Named("p-kyoiku", "当山"), body: O.shienBody.named,
                                                      endedOn: O.date("2026-06-30")))
        #expect(exclusion.reason.rules == [.r2, .r15])
        #expect(exclusion.remedy?.action == .appointToSupportMeeting)
    }

    @Test("Agency leaving the case: 基幹相談支援センター is uninvited and no longer a candidate")
    func agencyLeaving() {
        let before = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()))
        let left = O.r52(extra: [.agencyLeft(.init(agency: "kikan", on: O.date("2026-07-15")))])
        let after = O.attendance(AttendanceItem(number: 1, caseFile: left))
        let change = AttendancePlanner.changes(from: before, to: after)
        #expect(change.uninvited.map(\.person) == ["p-kikan"])
        #expect(change.invited.isEmpty)
    }

    @Test("Joining the case turns an optional provider into a required participant (an update)")
    func roleUpdate() {
        let scope = ConsentScope(agencies: ["takikan", "sanka"], fields: [.poverty, .children])
        let file = O.caseFile(involved: [], [.memberAdded(O.members[1]), O.consent("child", "2026-04-01", scope)])
        let before = O.attendance(AttendanceItem(number: 1, caseFile: file))
        let after = O.attendance(AttendanceItem(number: 1, caseFile: file.attendanceAppending(
            .agencyJoined(.init(agency: "sanka", on: O.date("2026-07-01"))))))
        let change = AttendancePlanner.changes(from: before, to: after)
        #expect(change.updated.map(\.person) == ["p-sanka"])
        #expect(change.updated.first?.role == .required)
        #expect(change.uninvited.isEmpty && change.invited.isEmpty)
    }

    // MARK: - Deputies

    @Test("代理出席: こども家庭センター sends 上原 instead of 島袋")
    func deputyInScope() throws {
        let item = AttendanceItem(number: 1, caseFile: O.r52(), deputies: [Deputy(agency: "kodomo", person: "p-kodomo")])
        let result = O.attendance(item)
        let deputy = try #require(result.attendee("p-kodomo"))
        #expect(deputy.deputyFor == ["p-kodomo2"])
        #expect(deputy.role == .required)
        #expect(deputy.reasons.contains(.deputy(agency: Named("kodomo", "こども家庭センター"), replacing: [Named("p-kodomo2", "島袋")])))
        #expect(result.attendee("p-kodomo2") == nil)
    }

    @Test("代理出席 at a 支援会議 item: a deputy who is not an appointed member is left out")
    func deputyOutOfScope() throws {
        let file = O.caseFile(involved: ["kodomo"], [])
        let item = AttendanceItem(number: 1, caseFile: file, deputies: [Deputy(agency: "kodomo", person: "p-kodomo2")])
        let result = O.attendance(item, O.session(O.shienBody))
        #expect(!result.attends(agency: "kodomo"))
        let exclusion = try #require(result.exclusions(of: "kodomo").first)
        #expect(exclusion.person == "p-kodomo2")
        #expect(exclusion.remedy?.action == .appointToSupportMeeting)
        #expect(exclusion.label == "こども家庭センター 島袋" && exclusion.item == 1)
        #expect(exclusion.reason == .notAMember(person: Named("p-kodomo2", "島袋"), body: O.shienBody.named))
    }

    @Test("代理出席: a deputy from another agency, or for an agency with no part, is refused")
    func deputyInvalid() {
        let item = AttendanceItem(number: 1, caseFile: O.r52(), deputies: [
            Deputy(agency: "kodomo", person: "p-sumai"), Deputy(agency: "hogo", person: "p-hogo"),
        ])
        let result = O.attendance(item)
        #expect(!result.attends(agency: "kodomo"))
        #expect(result.attendee("p-sumai") == nil && result.attendee("p-hogo") == nil)
        #expect(result.exclusions(of: "kodomo").first?.remedy?.action == .fixDeputy)
        #expect(result.exclusions(of: "hogo").first?.reason.rules == [.r13])
    }

    // MARK: - Representatives

    @Test("Representatives: members of the session's body if any, else the first registered person")
    func representativeChoice() {
        let registry = O.registry()
        let date = O.sessionDate
        #expect(AttendancePlanner.representatives(of: "kodomo", in: O.jusoBody, on: date, registry: registry).map(\.id)
            == ["p-kodomo2"])
        #expect(AttendancePlanner.representatives(of: "kodomo", in: O.shienBody, on: date, registry: registry).map(\.id)
            == ["p-kodomo"])
        #expect(AttendancePlanner.representatives(of: "kodomo", in: nil, on: date, registry: registry).map(\.id)
            == ["p-kodomo"])
        var both = O.jusoBody
        both.members.append(BodyMember(person: "p-kodomo", appointedOn: O.date("2026-04-01")))
        #expect(AttendancePlanner.representatives(of: "kodomo", in: both, on: date, registry: registry).map(\.id)
            == ["p-kodomo2", "p-kodomo"])
        var ended = O.jusoBody
        ended.members = [BodyMember(person: "p-kodomo2", appointedOn: O.date("2026-04-01"),
                                    appointmentEndsOn: O.date("2026-05-31"))]
        #expect(AttendancePlanner.representatives(of: "kodomo", in: ended, on: date, registry: registry).map(\.id)
            == ["p-kodomo"])
        #expect(AttendancePlanner.representatives(of: "nobody", in: nil, on: date, registry: registry).isEmpty)
    }

    @Test("An involved agency with nobody registered is explained with a remedy")
    func agencyWithoutPeople() {
        let registry = O.registry(people: O.people.filter { $0.agency != "kikan" })
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52()), registry: registry)
        #expect(result.exclusions(of: "kikan").first?.remedy?.action == .register)
        #expect(result.exclusions(of: "kikan").first?.person == nil)
    }

    @Test("A 支援会議 item in a session that sits as 重層的支援会議 only is flagged and admits nobody")
    func wrongBody() {
        let file = O.caseFile(involved: ["kodomo"], [])
        let result = O.attendance(AttendanceItem(number: 1, caseFile: file))
        #expect(result.meetingKind == .supportMeeting)
        #expect(result.body == nil)
        #expect(result.attendees.isEmpty)
        #expect(result.hasFlag(.noBodyForKind))
    }

    @Test("A discussed member not on the case file is flagged and has no consent")
    func unknownMember() {
        let result = O.attendance(AttendanceItem(number: 1, caseFile: O.r52(), meetingKind: .multiAgency,
                                                 discussedMembers: ["cousin"]))
        #expect(result.hasFlag(.unknownMember))
        #expect(result.hasFlag(.consentMissing))
        #expect(result.attendees.isEmpty)
    }

    // MARK: - JSON

    @Test("The attendance encodes with machine-readable rule ids and iCalendar roles, and round-trips")
    func jsonRoundTrip() throws {
        let helps = O.r52(extra: [.principalAttendance(.init(attends: true, on: O.date("2026-07-01")))])
        let result = O.attendance(AttendanceItem(number: 2, caseFile: helps))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains(#""rules":["R10"]"#))
        #expect(text.contains(#""role":"CHAIR""#))
        #expect(text.contains(#""role":"REQ-PARTICIPANT""#))
        #expect(text.contains(#""principal":"mother""#))
        #expect(text.contains(#""action":"widenConsent""#))
        #expect(try JSONDecoder().decode(ItemAttendance.self, from: data) == result)
        let change = AttendancePlanner.changes(from: result, to: result)
        #expect(try JSONDecoder().decode(AttendanceChange.self, from: encoder.encode(change)) == change)
    }
}
