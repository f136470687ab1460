import KasaneApp
import KasaneCore
import KasaneStore
import KasaneWording
import Testing

extension AppError: CaseSamples {
    static var samples: [AppError] {
        [
            .calendarsMissing(folder: "cal", origin: .flag), .calendarsNotFolder(folder: "cal", origin: .environment),
            .calendarsUnreadable(folder: "cal"), .noSeries(folder: "cal", origin: .defaultFolder),
            .duplicateSeries(file: "cal/a.ics", slug: "jusou", usedBy: "uid-1"),
            .unknownSeriesBody(file: "cal/a.ics", body: "x", known: ["jusou"]),
            .cannotRead(path: "r.yaml"), .notUTF8(path: "r.yaml"), .badDate(flag: "--today", text: "2026-02-30"),
            .unknownValue(flag: "--field", text: "x", allowed: ["高齢", "障害"]), .badBusyTimeout("-1"), .emptyChainKey,
            .badRelay("localhost"), .smtpAuthWithoutTLS, .smtpPasswordMissing,
            .smtpPasswordFile(path: "pw", problem: .missing), .smtpPasswordFile(path: "pw", problem: .notAFile),
            .smtpPasswordFile(path: "pw", problem: .tooOpen(mode: 0o644)), .smtpPasswordFile(path: "pw", problem: .unreadable),
            .smtpPasswordFile(path: "pw", problem: .empty), .smtpOptionWithoutUser(flag: "--smtp-auth"),
            .smtpOptionWithoutRelay(flag: "--smtp-user"), .scheduleBlocked(count: 2), .notOpenTrigger("R8-1#6"),
            .jointNotForSupportMeeting(trigger: "R8-1#6"), .noSessionForJoin(meeting: "s1"),
            .jointTooLate(meeting: "s1", date: LocalDate(year: 2026, month: 12, day: 9)!),
            .notExistingBodySession(meeting: "s1", body: "chiiki"), .noJointHolding(trigger: "R8-1#6"),
            .noMeeting("s1"), .noSecretariat, .inviteBlocked([]), .unsafePersonID("../x"),
            .outsideOut(path: "/tmp/x", out: "out"), .notDelivered(path: "out/p/x.eml", reason: "550", delivered: 2, left: 8),
            .feedsNotWritten(["kodomo (bad)"]),
            .noReplyFiles(["replies/"]),
            .repliesRefused([RefusedReply(path: "r.eml", refusal: .senderNotAttendee)], applied: 1, recorded: 2),
        ]
    }
}

extension BackupProblem: CaseSamples {
    static var samples: [BackupProblem] {
        [
            .destinationExists(path: "b.sqlite"), .backupMissing(path: "b.sqlite"), .backupKeyMissing(path: "b.sqlite.key"),
            .unreadable(path: "b.sqlite", cause: .cannotOpen(path: "b.sqlite", reason: .damaged)),
            .unreadable(path: "b.sqlite", cause: .newerWorkspace(path: "b.sqlite")),
            .failedChecks(path: "b.sqlite", integrity: "ok", brokenChains: 1), .workspaceExists(path: "kasane.sqlite"),
            .cannotWrite(path: "b.sqlite", reason: .diskFull),
        ]
    }
}

extension RetentionProblem: CaseSamples {
    static var samples: [RetentionProblem] {
        [.noRule(policyFile: "calendars/policy.yaml"), .emptyReason, .badReason, .walNotEmptied(path: "kasane.sqlite")]
    }
}

extension MeetingState: CaseSamples {
    static var samples: [MeetingState] {
        SessionState.allCases.map { .stored($0) } + [.heldByDecision, .passedUnrecorded]
    }
}

@Suite("Application wording (#13.3)")
struct AppWordingTests {
    @Test("every AppError and MeetingState case is worded in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(AppError.samples) == [])
        #expect(WordingCheck.problems(MeetingState.samples) == [])
        #expect(WordingCheck.problems(BackupProblem.samples) == [])
        #expect(WordingCheck.problems(RetentionProblem.samples) == [], "#17.4")
    }

    @Test("a flag, a path and a rule id stay as they are in both languages", arguments: [Language.ja, .en])
    func idsKept(language: Language) {
        let catalogue = Catalogue(language)
        #expect(catalogue(AppError.badDate(flag: "--today", text: "2026-02-30")).contains("--today '2026-02-30'"))
        #expect(catalogue(AppError.calendarsMissing(folder: "cal", origin: .flag)).contains("--calendars DIR"))
        #expect(catalogue(AppError.scheduleBlocked(count: 2)).contains("(R10, R11)"))
    }
}
