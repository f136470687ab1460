import KasaneMail
import KasaneWording
import Testing

extension SMTPError: CaseSamples {
    static var samples: [SMTPError] {
        [
            SMTPError(step: .message, .refused(code: 451, text: "4.3.0 try later")),
            SMTPError(step: .mailFrom, .notAnAddress("a b")), SMTPError(step: .rcptTo, .noRecipients),
            SMTPError(step: .hello, .emptyHeloName), SMTPError(step: .connect, .portOutOfRange(0)),
            SMTPError(step: .connect, .cannotResolve(host: "relay", detail: "Name or service not known")),
            SMTPError(step: .connect, .cannotConnect(host: "relay", port: 587, detail: "Connection refused")),
            SMTPError(step: .greeting, .timedOut), SMTPError(step: .data, .closedByServer),
            SMTPError(step: .message, .system("send: Broken pipe")), SMTPError(step: .greeting, .notAReply("\u{16}\u{03}")),
            SMTPError(step: .hello, .replyTooLong(65536)), SMTPError(step: .startTLS, .startTLSNotOffered),
            SMTPError(step: .auth, .authNotOffered(wanted: ["PLAIN"], offered: ["LOGIN"])),
            SMTPError(step: .auth, .authWithoutTLS), SMTPError(step: .auth, .authRejected(code: 535, text: "5.7.8 failed")),
            SMTPError(step: .tls, .certificateUntrusted(detail: "CERTIFICATE_VERIFY_FAILED")),
            SMTPError(step: .tls, .certificateNameMismatch(host: "relay")), SMTPError(step: .tls, .tlsFailed(detail: "x")),
            SMTPError(step: .tls, .badCAFile(path: "ca.pem", detail: "no certificate")),
        ]
    }
}

@Suite("SMTP delivery errors in words (#14.6)")
struct MailWordingTests {
    @Test("#14.6: every SMTP failure is worded in Japanese (and English), naming the step")
    func everyCauseWorded() {
        #expect(WordingCheck.problems(SMTPError.samples) == [])
        #expect(SMTPError.samples.allSatisfy { $0.words(in: .ja).hasPrefix("SMTP ") })
        #expect(SMTPError(step: .auth, .authRejected(code: 535, text: "x")).words(in: .ja).contains("認証 (AUTH)"))
        #expect(SMTPError(step: .tls, .certificateUntrusted(detail: "x")).words(in: .ja).contains("証明書を信頼できません"))
    }
}
