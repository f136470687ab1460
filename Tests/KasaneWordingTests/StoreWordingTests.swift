import Foundation
import KasaneCore
import KasaneStore
import KasaneWording
import Testing

extension StoreError: CaseSamples {
    static var samples: [StoreError] {
        [
            .cannotOpen(path: "w.sqlite", reason: .ioError), .noWorkspace(path: "w.sqlite"),
            .needsMigration(path: "w.sqlite"), .newerWorkspace(path: "w.sqlite"), .busy(path: "w.sqlite"),
            .caseNotFound("R8-1"), .duplicateCase("R8-1"), .corruptEvent("R8-1", seq: 3, reason: .noOpening),
            .corruptRow(table: "session", key: "s1"), .noSession("s1"), .unknownPerson("p1"),
            .deputyOfOtherAgency(person: "p1", worksFor: "city", agency: "kodomo"),
            .sessionNotYetHeld("s1", date: LocalDate(year: 2026, month: 12, day: 9)!),
            .sessionStateFinal("s1", state: .minuted),
        ] + ChainKeyProblem.all.map { .chainKey(path: "w.sqlite.key", problem: $0) }
    }
}

extension CorruptEventReason: CaseSamples {
    static var samples: [CorruptEventReason] {
        [.noOpening, .unknownKind("future_kind"), .missingField("scope.agencies"), .badValue("grantedOn"), .badValue("")]
    }
}

extension ChainKeyProblem {
    /// One sample per case.
    static let all: [ChainKeyProblem] = [
        .missing, .unreadable, .malformed, .cannotCreate(.permissionDenied), .cannotWrite(.diskFull), .noFingerprint, .otherKey,
    ]
}

extension FileFailure: CaseSamples {
    static var samples: [FileFailure] {
        [.diskFull, .permissionDenied, .noSuchFolder, .readOnly, .ioError, .notADatabase, .damaged, .alreadyExists,
         .other(code: "errno 5")]
    }
}

extension FeedTokenError: CaseSamples {
    static var samples: [FeedTokenError] {
        [.unknownAgency("kodomo"), .alreadyIssued("kodomo", tokenID: "t1"), .noActiveToken("kodomo")]
    }
}

@Suite("Store wording (#13.3)")
struct StoreWordingTests {
    @Test("every StoreError and FeedTokenError case is worded in Japanese and English")
    func everyCaseWorded() {
        #expect(WordingCheck.problems(StoreError.samples) == [])
        #expect(WordingCheck.problems(FeedTokenError.samples) == [])
        #expect(WordingCheck.problems(CorruptEventReason.samples) == [])
        #expect(WordingCheck.problems(FileFailure.samples) == [])
    }

    @Test("a system reason reaches the reader in Japanese, never as the system's English text",
          arguments: [(ENOSPC, FileFailure.diskFull), (EDQUOT, .diskFull), (EACCES, .permissionDenied),
                      (ENOENT, .noSuchFolder), (EROFS, .readOnly), (EIO, .ioError), (EEXIST, .alreadyExists)])
    func systemReasons(code: Int32, reason: FileFailure) {
        #expect(FileFailure(errno: code) == reason)
        let words = Catalogue(.ja)(StoreError.cannotOpen(path: "/x/w.sqlite", reason: FileFailure(errno: code)))
        #expect(!words.contains(String(cString: strerror(code))), "\(words)")
        #expect(words.contains("/x/w.sqlite"))
    }

    @Test("the ids and paths a user needs stay as they are in both languages",
          arguments: [Language.ja, .en])
    func idsKept(language: Language) {
        let catalogue = Catalogue(language)
        #expect(catalogue(StoreError.caseNotFound("R8-7")).contains("R8-7"))
        #expect(catalogue(StoreError.chainKey(path: "/x/w.key", problem: .otherKey)).contains("/x/w.key"))
        #expect(catalogue(StoreError.sessionNotYetHeld("s9", date: LocalDate(year: 2026, month: 12, day: 9)!)).contains("2026-12-09"))
    }
}
