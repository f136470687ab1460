import KasaneCalendar
import KasaneCore
import KasaneWording
import KasaneYAML
import Testing

/// One sample per case of the typed problems of hand-edited files: YAML (registry, case import,
/// closures, policy) and series / iCalendar (#13.3).
extension YAMLProblem: CaseSamples {
    static var samples: [YAMLProblem] {
        [.emptyFile, .malformed("mapping values are not allowed in this context", construct: nil),
         .malformed("did not find expected ',' or ']'",
                    construct: Construct(text: "while parsing a flow sequence", startLine: 3, noticedLine: 4)),
         .duplicatedKey(["opened"]), .expectedMapping, .keysMustBeText, .unknownKey("who", allowed: ["id", "name"]),
         .expectedList, .expectedText, .empty, .expectedBool(found: "yes"), .invalidDate("2027-02-29"), .invalidID(".."),
         .unknownValue("福祉", of: .field, allowed: ["高齢", "障がい"]), .invalidMailbox("a..b@x.jp", problem: "ローカル部に .. は置けません"),
         .missingKey("form"), .invalidCaseNumber("R8 1"), .caseTwice("R9-1"), .invalidMemberKey("花子"),
         .needsConfirmed("monitoring"), .notOneEvent(allowed: ["consent", "plan"]), .expectedWholeNumber,
         .notADayCount("abc"), .notRetentionYears("0", allowed: 1...100),
         .notDocumentsURL("http://kasane.example.jp/", .notHTTPS), .notDocumentsURL("https://x.jp/?a=1", .query), .idTwice(.agency, "x"), .unknownAgency("nowhere"), .unknownPerson("p-x"),
         .personTwiceInBody(person: "p-x", body: "shien"), .supportMemberNeedsAppointment,
         .appointmentEndsBeforeStart(ends: LocalDate(iso: "2026-03-31")!, starts: LocalDate(iso: "2026-04-01")!),
         .aliasAsKey("a"), .aliasExpansion(limit: 100_000), .controlCharacter(0x1B), .collectionAsKey,
         .refused("days.ending は 1〜365 日にしてください")]
    }
}

extension YAMLProblem.Vocabulary: CaseSamples {
    static var samples: [YAMLProblem.Vocabulary] { allCases }
}

extension YAMLProblem.IDKind: CaseSamples {
    static var samples: [YAMLProblem.IDKind] { allCases }
}

extension CalendarFileProblem: CaseSamples {
    static var samples: [CalendarFileProblem] {
        let day = LocalDate(iso: "2026-09-10")!
        return [.tooLarge(limit: 262_144), .controlCharacters, .notICalendar, .noEvent, .malformedICalendar("Parse error"),
                .missingUID, .startNotDateTime, .missingEnd, .endInOtherZone, .notWithinOneDay, .invalidSeriesID,
                .missingBodies, .missingQuantity(property: "X-KASANE-CAPACITY", what: .capacity, range: 1...50),
                .quantityOutOfRange(property: "X-KASANE-MINUTES-PER-ITEM", value: "4", what: .minutesPerItem, range: 5...480),
                .itemsDoNotFit(capacity: 5, perItem: 30, start: TimeOfDay(minutes: 840), end: TimeOfDay(minutes: 960)),
                .invalidClosedDayPolicy("later"), .unsupportedFrequency(rule: "FREQ=SECONDLY"),
                .invalidRule(rule: "FREQ=DAILY;INTERVAL=0", problem: "INTERVAL は 1 以上にしてください"),
                .unreadableRule("FREQ=X"), .unexpandableRule("FREQ=DAILY"),
                .tooManyBefore(rule: "FREQ=DAILY", from: day, limit: 400),
                .tooManyWithin(rule: "FREQ=DAILY", from: day, through: day.adding(days: 9000), limit: 400),
                .shiftedOccurrence(date: day, at: TimeOfDay(minutes: 900), start: TimeOfDay(minutes: 840)),
                .unreadableDate(property: "EXDATE"), .invalidURL("javascript:alert(1)"), .duplicateRecurrenceID,
                .otherSeries(other: "other@x", uid: "jusou@x"), .secondEventWithoutRecurrenceID(uid: "jusou@x"),
                .thisAndFuture, .unreadableRecurrenceID, .notAnOccurrence(day), .changeNeedsTimes(day),
                .inChange(day, .notWithinOneDay), .unknownTimeZone("Mars/Olympus")]
    }
}

extension CalendarFileProblem.Quantity: CaseSamples {
    static var samples: [CalendarFileProblem.Quantity] { allCases }
}

extension ICalendarWriteProblem: CaseSamples {
    static var samples: [ICalendarWriteProblem] {
        [.refreshInterval(minutes: 0), .emptyProdID, .emptyUID, .sequenceOutOfRange(-1),
         .endNotAfterStart(start: TimeOfDay(minutes: 900), end: TimeOfDay(minutes: 900), date: LocalDate(iso: "2026-07-08")!),
         .notAbsoluteURI("meet.example.jp/room"), .notPlainMailbox(.organizer, mailbox: "a..b@x.jp"),
         .notPlainMailbox(.attendee, mailbox: "a..b@x.jp"), .notTokens(mailbox: "a@x.jp", cutype: "A;B", partstat: "X"),
         .described("署名の鍵がありません")]
    }
}

@Suite("Input file wording (#13.3)")
struct InputFileWordingTests {
    @Test("#13.3: every case of the YAML and series-file problems has words in Japanese and English")
    func everyCaseWorded() {
        let samples: [any Worded] = YAMLProblem.samples + YAMLProblem.Vocabulary.samples + YAMLProblem.IDKind.samples
            + CalendarFileProblem.samples + CalendarFileProblem.Quantity.samples
            // `.described` carries words made elsewhere (mail, series writing), the same in both languages.
            + ICalendarWriteProblem.samples.filter { if case .described = $0 { false } else { true } }
        #expect(WordingCheck.problems(samples) == [])
    }

    @Test("#13.3: a located YAML error says file:line and the path, Japanese by default")
    func locatedError() {
        let error = YAMLInputError(file: "reg.yaml", line: 6, path: "agencies[0]", problem: .unknownKey("mail", allowed: ["id", "mailbox"]))
        #expect(error.description == "reg.yaml:6: agencies[0]: キー 'mail' は使えません（使えるキー: id、mailbox）: 綴りを直すか削除してください")
        #expect(Catalogue(.en)(error) == "reg.yaml:6: agencies[0]: unknown key 'mail' (allowed: id, mailbox): fix the spelling or remove it")
        let calendar = CalendarFileError(file: "jusou.ics", problem: .missingUID)
        #expect(calendar.description.hasPrefix("jusou.ics: UID がありません"))
        #expect(Catalogue(.en)(calendar) == "jusou.ics: missing UID")
    }
}
