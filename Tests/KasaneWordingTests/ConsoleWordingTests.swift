import KasaneStore
import KasaneWording
import Testing

@Suite("The console's words (#15)")
struct ConsoleWordingTests {
    static let messages: [ConsoleMessage] = [
        .required(label: "記録する人"), .choose(label: "決定"), .badDate(label: "決定の日", text: "2027/01/01"),
        .badRoleLine("x"), .loginFailed, .loginBlocked(minutes: 15), .sessionExpired, .forbidden(role: .viewer),
        .csrfRefused, .notFound, .internalError,
        .delivered(sent: 3, retried: 1, queued: 0, failed: 0, uncertain: 1),
        .deliveryStopped(reason: "SMTP 本文の送信: サーバーが 451 で断りました", sent: 2, queued: 7, failed: 1, uncertain: 0),
        .writtenOnly(messages: 4, files: 8, folder: "out/invitations"), .written(messages: 4, files: 8, folder: "out/invitations"),
        .nothingToInvite, .noRelay,
    ]
    static var staff: [any Worded] {[
        StaffStoreError.duplicateStaff("a1"), StaffStoreError.noStaff("a1"), StaffAccountProblem.badID("x y"),
        StaffAccountProblem.passwordTooShort(minimum: 12), StaffAccountProblem.passwordTooLong, StaffAccountProblem.noPassword,
    ]}

    @Test("#15 every console message and account refusal is worded in Japanese and in English")
    func worded() {
        #expect(WordingCheck.problems(Self.messages) == [])
        #expect(WordingCheck.problems(Self.staff) == [])
    }
}
