import ArgumentParser
import Foundation
import KasaneConsole
import KasaneStore
import KasaneWording

/// `kasane staff add|disable|reset|list`: the console's accounts. A password is read from
/// standard input (or a file), never from the command line.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "コンソールのアカウント（事務局・議長・閲覧）の追加、停止、パスワードの再設定と一覧。",
        discussion: """
            パスワードは標準入力の 1 行目か --password-file のファイルの 1 行目から読みます（12 文字以上）。
            コマンドラインには書かないでください。保存するのは bcrypt のハッシュだけです。
            --totp を付けると 2 段階認証（確認コード）を使います。表示される URL を認証アプリに登録してください。
            """,
        subcommands: [Add.self, Disable.self, Reset.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "アカウントを追加します。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "アカウントの id（英数字と - _ .。記録する人として名簿の人の id を使うと便利です）。") var id: String
        @Option(help: "役割: 事務局、議長、閲覧 のどれか。") var role: String
        @Option(help: "パスワードを 1 行目に書いたファイル（既定: 標準入力）。") var passwordFile: String?
        @Flag(help: "2 段階認証（TOTP）を使います。") var totp = false

        func run() throws {
            let parsed = try parseEnum(role, StaffRole.self, flag: "--role")
            let password = try readPassword(passwordFile)
            let secret = try StaffAccounts(store: try workspace.openSQLite("staff"))
                .add(id, role: parsed, password: password, totp: totp)
            print(wording.say("アカウント \(id)（\(parsed.rawValue)）を追加しました", en: "account \(id) (\(parsed.rawValue)) added"))
            printEnrolment(secret, id: id)
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "アカウントを停止し、そのログインをすべて終わらせます。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "アカウントの id。") var id: String

        func run() throws {
            try StaffAccounts(store: try workspace.openSQLite("staff")).disable(id)
            print(wording.say("アカウント \(id) を停止しました（再開するには `kasane staff reset \(id)`）",
                              en: "account \(id) disabled (to enable it again: `kasane staff reset \(id)`)"))
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "パスワードを再設定します（停止したアカウントも再開します。ログイン中のセッションは終わります）。")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "アカウントの id。") var id: String
        @Option(help: "新しいパスワードを 1 行目に書いたファイル（既定: 標準入力）。") var passwordFile: String?
        @Flag(help: "2 段階認証（TOTP）を新しい秘密で使います。") var totp = false

        func run() throws {
            let password = try readPassword(passwordFile)
            let secret = try StaffAccounts(store: try workspace.openSQLite("staff")).reset(id, password: password, totp: totp)
            print(wording.say("アカウント \(id) のパスワードを再設定しました", en: "account \(id): password reset"))
            printEnrolment(secret, id: id)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "アカウントの一覧（パスワードは表示しません）。")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let rows = try workspace.openSQLite("staff list").staffAccounts().map {
                [$0.id, $0.role.rawValue, $0.disabledAt == nil ? wording.say("有効", en: "active") : wording.say("停止", en: "disabled"),
                 $0.totpSecret == nil ? "" : "TOTP"]
            }
            printTable(wording.language == .ja ? ["アカウント", "役割", "状態", "2 段階認証"] : ["account", "role", "state", "2FA"], rows)
        }
    }
}

/// The first line of `file`, or of standard input.
private func readPassword(_ file: String?) throws -> String {
    let line: String?
    if let file {
        line = try readInput(file).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
    } else {
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data(wording.say("パスワード: ", en: "password: ").utf8))
        }
        line = readLine(strippingNewline: true)
    }
    guard let text = line?.trimmingCharacters(in: CharacterSet(charactersIn: "\r")), !text.isEmpty else {
        throw StaffAccountProblem.noPassword
    }
    return text
}

private func printEnrolment(_ secret: String?, id: String) {
    guard let secret else { return }
    print(wording.say("認証アプリにこの URL を登録してください（一度だけ表示します）:",
                      en: "enrol this URL in an authenticator app (shown once):"))
    print(StaffAccounts.authenticatorURL(secret: secret, id: id))
}
