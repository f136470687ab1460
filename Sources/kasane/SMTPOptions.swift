import ArgumentParser
import Foundation
import KasaneApp

/// The SMTP relay options of `kasane invite` and `kasane console` (#14.6, #15): one group, so both
/// commands take the same flags with the same meaning. The password never comes from a flag. The
/// properties keep ArgumentParser's default long names (`DuplicateOptions` checks them by name).
struct SMTPOptions: ParsableArguments {
    @Option(help: "各メールをこの SMTP サーバー（HOST:PORT）からも送信します。送信箱に記録してから送り、中断した場合は次の送信で残りだけを送ります。")
    var smtp: String?
    @Option(name: .customLong("smtp-security"), help: "SMTP の暗号化: none（ローカルの MTA）、starttls（ポート 587 など）、tls（接続から TLS、ポート 465 など）。証明書は常に検証します。")
    var smtpSecurity: String?
    @Option(name: .customLong("smtp-user"), help: "SMTP 認証 (AUTH) のユーザー名。パスワードは --smtp-password-file か環境変数 KASANE_SMTP_PASSWORD から読みます（オプションでは渡せません）。")
    var smtpUser: String?
    @Option(name: .customLong("smtp-auth"), help: "認証方式: plain か login（既定: サーバーが提供していれば plain、なければ login）。")
    var smtpAuth: String?
    @Option(name: .customLong("smtp-password-file"), help: "SMTP のパスワードを 1 行目に書いたファイル（所有者だけが読めること: chmod 600）。")
    var smtpPasswordFile: String?
    @Option(name: .customLong("smtp-ca-file"), help: "システムの CA の代わりに信頼する CA 証明書 (PEM) のファイル（自治体の内部 CA など）。")
    var smtpCAFile: String?

    /// The relay the options name, `nil` without `--smtp`; the password file is read now, so a
    /// wrong option stops the command before it does anything.
    /// - Throws: `AppError` (`.badRelay`, `.unknownValue`, `.smtpAuthWithoutTLS`, `.smtpPasswordMissing`,
    ///   `.smtpPasswordFile`, `.smtpOptionWithoutUser`), worded in Japanese by the command line.
    func mailRelay() throws -> MailRelay? {
        guard let smtp else {
            if let flag = [(smtpSecurity, "--smtp-security"), (smtpUser, "--smtp-user"), (smtpAuth, "--smtp-auth"),
                           (smtpPasswordFile, "--smtp-password-file"), (smtpCAFile, "--smtp-ca-file")]
                .first(where: { $0.0 != nil })?.1 {
                throw AppError.smtpOptionWithoutRelay(flag: flag)
            }
            return nil
        }
        return try MailRelay(relay: smtp, security: smtpSecurity, user: smtpUser, mechanism: smtpAuth,
                             passwordFile: smtpPasswordFile, caFile: smtpCAFile,
                             environment: ProcessInfo.processInfo.environment)
    }
}
