import Foundation
import KasaneCore
import KasaneWording
import Testing

/// Sample values for the attendance wording: one per case of every typed reason (#13.3).
private enum S {
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    static let sumai = Named("sumai", "すまい建築課")
    static let shien = Named("shien", "沖縄市支援会議")
    static let care = Named("care", "地域ケア会議")
    static let juso = Named("juso", "沖縄市重層的支援会議")
    static let toyama = Named("p-kyoiku", "当山")
    static let form = ConsentForm(grantedOn: day("2026-04-01"), givenBy: [])
    static let forms = [ConsentForm(grantedOn: day("2026-04-01"), givenBy: ["mother", "child"]),
                        ConsentForm(grantedOn: day("2026-04-03"), givenBy: ["uncle"])]
}

extension InclusionReason: CaseSamples {
    static var samples: [InclusionReason] {
        [.hostChairs, .municipalityAttends, .municipalityOrganises, .providerAttends(roles: [.outreach, .participation]),
         .localPeopleInvolved, .involvedInCase, .askedToItem,
         .deputy(agency: Named("kodomo", "こども家庭センター"), replacing: [Named("p-kodomo2", "島袋")]),
         .jointBodyMember(body: S.care, sharing: .sameMembers), .jointBodyMember(body: S.care, sharing: .partlyShared),
         .temporaryMemberBeforeSession(body: S.juso, appointedOn: S.day("2026-07-20")),
         .hostInsideEveryConsent(consents: [S.day("2026-04-01")]),
         .municipalityInsideEveryConsent(consents: [S.day("2026-04-01"), S.day("2026-04-03")]),
         .insideConsent(consents: S.forms),
         .appointedMember(body: S.shien, since: S.day("2026-04-01"), temporary: true, acknowledgedOn: S.day("2026-04-01"))]
    }
}

extension ExclusionReason: CaseSamples {
    static var samples: [ExclusionReason] {
        [.agencyNotRegistered(because: [.r13]), .deputyNotOfAgency(deputy: "p-x", agency: S.sumai, because: [.r13]),
         .nobodyRegistered(because: [.r11]), .deputyNotNeeded(deputy: "p-x"), .personAgencyNotRegistered,
         .jointBodyMember(body: S.care, standing: .heldAsOneMeeting, because: .outsideConsent(consents: [S.form])),
         .jointBodyMember(body: S.care, standing: .alsoOwnMember, because: .outsideConsent(consents: [S.form])),
         .jointBodyMember(body: S.care, standing: .jointBodyOnly, because: .outsideConsent(consents: [S.form])),
         .nobodyDiscussed, .noConsentInForce(on: S.day("2026-07-28"), members: ["uncle"]),
         .outsideConsent(consents: S.forms), .notSittingAsSupportMeeting, .notAMember(person: S.toyama, body: S.shien),
         .noAppointmentDate(person: S.toyama, body: S.shien),
         .appointmentNotStarted(person: S.toyama, body: S.shien, startsOn: S.day("2026-07-29"), sessionOn: S.day("2026-07-28")),
         .appointmentEnded(person: S.toyama, body: S.shien, endedOn: S.day("2026-06-30")),
         .confidentialityNotAcknowledged(person: S.toyama, by: S.day("2026-07-28"))]
    }
}

extension AttendanceRemedy: CaseSamples {
    static var samples: [AttendanceRemedy] {
        [.widenConsent(members: ["child"], agency: S.sumai, field: .housing),
         .widenConsent(members: ["child"], agency: Named("shakyo2", "地区社協"), field: nil),
         .appointToSupportMeeting(person: S.toyama, body: S.shien), .acknowledgeConfidentiality(person: S.toyama),
         .appointTemporaryMember(person: Named("p-minsei", "安里"), body: S.juso, agency: Named("minsei", "民生委員")),
         .moveToSupportMeeting(orObtainConsentOf: []), .moveToSupportMeeting(orObtainConsentOf: ["uncle"]),
         .registerAgency("kankyo"), .registerPerson(agency: S.sumai), .fixDeputy(agency: S.sumai)]
    }
}

extension AttendanceFlag: CaseSamples {
    static var samples: [AttendanceFlag] {
        [.consentMissing(members: ["uncle"], on: S.day("2026-07-28")), .consentMissing(members: [], on: S.day("2026-07-28")),
         .noBodyForKind(needs: .supportMeeting, sittingAs: .multiAgency), .noChair,
         .chairOutOfScope(host: Named("takikan", "多機関協働事業者")), .noMunicipality, .municipalityOutOfScope,
         .jointMembersOutOfScope(body: S.care, people: [Named("p-minsei", "安里")]),
         .jointBodyNotExisting(body: S.shien, kind: .supportMeeting),
         .unknownMember(members: ["m3"], caseNumber: "R8-7"), .principalNotOnRecord]
    }
}

extension ConsentReview.Reason: CaseSamples {
    static var samples: [ConsentReview.Reason] {
        [.movedToSupportMeeting(members: ["uncle"], on: S.day("2026-07-28"), body: S.shien),
         .movedToSupportMeeting(members: [], on: S.day("2026-07-28"), body: S.shien),
         .needsSupportMeetingSession(members: ["uncle"], on: S.day("2026-07-28")),
         .consentNowInForce, .heldAsNeeded(.multiAgency), .heldAsNeeded(.supportMeeting)]
    }
}

extension AttendanceExclusion: CaseSamples {
    static var samples: [AttendanceExclusion] {
        [AttendanceExclusion(item: 2, agency: "sumai", agencyName: "すまい建築課", person: "p-sumai", wouldBe: .required,
                             reason: .outsideConsent(consents: [S.form]), remedy: nil)]
    }
}

extension AttendeeRole: CaseSamples {
    static var samples: [AttendeeRole] { [.chair, .required, .optional] }
}

@Suite("Attendance wording (#13.3)")
struct AttendanceWordingTests {
    static var all: [any CatalogueWorded] {
        InclusionReason.samples + ExclusionReason.samples + AttendanceRemedy.samples + AttendanceFlag.samples
            + ConsentReview.Reason.samples + AttendanceExclusion.samples
    }

    @Test("#13.3: every case of every attendance reason, remedy and flag has words in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(Self.all.map { $0 as any Worded }) == [])
    }

    @Test("#13.3: every attendee role has words in both languages; the English is the iCalendar ROLE value")
    func rolesWorded() {
        #expect(WordingCheck.problems(AttendeeRole.samples) == [])
        #expect(AttendeeRole.samples.map { $0.words(in: .ja) } == ["議長", "出席（必須）", "出席（任意）"])
        #expect(AttendeeRole.samples.map { $0.words(in: .en) } == ["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT"])
    }

    @Test("#13.3: documents' words carry 和暦, never an ISO date; the CLI's carry ISO dates")
    func datesFollowTheCatalogue() throws {
        let iso = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")
        let document = Catalogue(.ja, japaneseDates: true)
        for sample in Self.all {
            #expect(!document(sample).contains(iso), "\(document(sample))")
        }
        let dated = ExclusionReason.appointmentEnded(person: S.toyama, body: S.shien, endedOn: S.day("2026-06-30"))
        #expect(document(dated) == "当山の沖縄市支援会議への任命は令和8年6月30日に終了")
        #expect(Catalogue(.ja)(dated) == "当山の沖縄市支援会議への任命は2026-06-30に終了")
    }

    /// The exclusion messages the rule tests asserted word for word before reasons were typed;
    /// the core tests now assert the typed values, these their English and Japanese words.
    static let messages: [(AttendanceExclusion, en: String, ja: String)] = [
        (AttendanceExclusion(item: 2, agency: "sumai", agencyName: "すまい建築課", person: "p-sumai", wouldBe: .required,
                             reason: .outsideConsent(consents: [S.form]), remedy: nil),
         "すまい建築課: left out of item 2 — outside the consent of 2026-04-01 (R1, R15)",
         "すまい建築課: 議題2から除外 — 2026-04-01の同意の範囲外（R1、R15）"),
        (AttendanceExclusion(item: 1, agency: "sumai", agencyName: "すまい建築課", person: "p-sumai", wouldBe: .required,
                             reason: .outsideConsent(consents: [ConsentForm(grantedOn: S.day("2026-04-01"),
                                                                            givenBy: ["mother", "child", "uncle", "grandmother"])]),
                             remedy: nil),
         "すまい建築課: left out of item 1 — outside the consent of 2026-04-01 given by mother, child, uncle, grandmother (R1, R15)",
         "すまい建築課: 議題1から除外 — 2026-04-01（mother、child、uncle、grandmother）の同意の範囲外（R1、R15）"),
        (AttendanceExclusion(item: 2, agency: "kyoiku", agencyName: "教育委員会", person: "p-kyoiku", wouldBe: .required,
                             reason: .outsideConsent(consents: [ConsentForm(grantedOn: S.day("2026-04-03"), givenBy: ["uncle"])]),
                             remedy: nil),
         "教育委員会: left out of item 2 — outside the consent of 2026-04-03 given by uncle (R1, R15)",
         "教育委員会: 議題2から除外 — 2026-04-03（uncle）の同意の範囲外（R1、R15）"),
        (AttendanceExclusion(item: 1, agency: "minsei", agencyName: "民生委員", person: "p-minsei", namedPerson: "安里",
                             wouldBe: .required,
                             reason: .jointBodyMember(body: S.care, standing: .heldAsOneMeeting,
                                                      because: .outsideConsent(consents: [S.form])), remedy: nil),
         "民生委員 安里: left out of item 1 — member of 地域ケア会議, held as one meeting — outside the consent of 2026-04-01 (R5, R1, R15)",
         "民生委員 安里: 議題1から除外 — 地域ケア会議の構成員（一体で開催）— 2026-04-01の同意の範囲外（R5、R1、R15）"),
        (AttendanceExclusion(item: 2, agency: "minsei", agencyName: "民生委員", person: "p-minsei", namedPerson: "安里",
                             wouldBe: .optional,
                             reason: .jointBodyMember(body: S.care, standing: .jointBodyOnly,
                                                      because: .outsideConsent(consents: [S.form])), remedy: nil),
         "民生委員 安里: left out of item 2 — member of 地域ケア会議 only — outside the consent of 2026-04-01 (R5, R1, R15)",
         "民生委員 安里: 議題2から除外 — 地域ケア会議だけの構成員 — 2026-04-01の同意の範囲外（R5、R1、R15）"),
        (AttendanceExclusion(item: 4, agency: "kyoiku", agencyName: "教育委員会", person: "p-kyoiku", namedPerson: "当山",
                             wouldBe: .required,
                             reason: .appointmentEnded(person: S.toyama, body: S.shien, endedOn: S.day("2026-06-30")),
                             remedy: nil),
         "教育委員会 当山: left out of item 4 — 当山's appointment to 沖縄市支援会議 ended on 2026-06-30 (R2, R15)",
         "教育委員会 当山: 議題4から除外 — 当山の沖縄市支援会議への任命は2026-06-30に終了（R2、R15）"),
    ]

    @Test("#13.3: the exclusion lines, word for word in both languages", arguments: messages)
    func exclusionLine(exclusion: AttendanceExclusion, en: String, ja: String) {
        #expect(Catalogue(.en)(exclusion) == en)
        #expect(Catalogue(.ja)(exclusion) == ja)
    }

    @Test("R1, R1a: the remedy names the agency and its field, and never asks a family to tick 包括")
    func widenConsentRemedy() {
        let general = AttendanceRemedy.widenConsent(members: ["child"], agency: Named("shakyo2", "地区社協"), field: nil)
        let housing = AttendanceRemedy.widenConsent(members: ["mother", "child"], agency: S.sumai, field: .housing)
        for language in Language.allCases {
            let c = Catalogue(language)
            #expect(c(general).contains("地区社協") && !c(general).contains("包括"), "\(c(general))")
            #expect(c(housing).contains("すまい建築課") && c(housing).contains("住宅") && c(housing).contains("R1"))
        }
        #expect(Catalogue(.en)(housing)
            == "ask mother, child to widen the consent to cover すまい建築課 or the 住宅 field (R1)")
    }

    @Test("R5: the temporary-member remedy names both ways in: 臨時構成員 before the session, or consent")
    func temporaryMemberRemedy() {
        let remedy = AttendanceRemedy.appointTemporaryMember(person: Named("p-minsei", "安里"), body: S.juso,
                                                             agency: Named("minsei", "民生委員"))
        let en = Catalogue(.en)(remedy), ja = Catalogue(.ja)(remedy)
        #expect(en.contains("臨時構成員") && en.contains("consent") && en.contains("安里") && en.hasSuffix("(R5)"))
        #expect(ja.contains("臨時構成員") && ja.contains("同意") && ja.contains("安里") && ja.hasSuffix("（R5）"))
    }
}

@Suite("Law remedies in words (#13.3)")
struct LawRemedyWordingTests {
    @Test("every remedy of an item that cannot be held lawfully has words in both languages, naming its rule")
    func everyRemedy() {
        #expect(WordingCheck.problems(LawRemedy.allCases) == [])
        for remedy in LawRemedy.allCases {
            let ja = remedy.words(in: .ja), en = remedy.words(in: .en)
            #expect(["(R3)", "(R10)", "(R11)"].contains { ja.hasSuffix($0) && en.hasSuffix($0) }, "\(remedy)")
        }
    }
}
