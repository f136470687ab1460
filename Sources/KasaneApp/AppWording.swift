public import KasaneCore
public import KasaneWording

/// R10, R11: a 重層的支援会議 item that cannot be held lawfully in its session (no chair or no
/// municipal staff within its scope), with its attendance (the blockers and the remedy).
public struct LawProblem: Hashable, Sendable, Encodable {
    public var triggerID: String
    public var sessionID: String
    public var attendance: ItemAttendance

    public init(triggerID: String, sessionID: String, attendance: ItemAttendance) {
        self.triggerID = triggerID
        self.sessionID = sessionID
        self.attendance = attendance
    }
}

extension LawProblem: CatalogueWorded {
    public func words(_ c: Catalogue) -> String {
        let what = attendance.lawBlockers.map { c($0) }.joined(separator: c.language == .ja ? "、" : "; ")
        switch c.language {
        case .ja: return "\(triggerID) は \(sessionID) で重層的支援会議として開催できません（\(what)）。" + remedy(c)
        case .en: return "\(triggerID) cannot be held lawfully as a 重層的支援会議 in \(sessionID) (\(what)). " + remedy(c)
        }
    }

    /// What the secretariat can do about it.
    public func remedy(_ c: Catalogue) -> String {
        attendance.lawRemedies.map { c($0) }.joined(separator: c.language == .ja ? "。" : "; ")
    }
}

/// Why an SMTP password file is not used (#14.6).
public enum PasswordFileProblem: Hashable, Sendable {
    case missing
    case notAFile
    /// Readable or writable by group or others (`mode`, e.g. 0o644).
    case tooOpen(mode: Int)
    case unreadable
    case empty
}

/// A refusal of the application layer, with what the user can do about it. Worded below in
/// Japanese and English (ids, flags, rule ids and paths stay as they are).
public enum AppError: Error, Hashable, Sendable {
    // MARK: Calendars folder
    /// The calendars folder does not exist.
    case calendarsMissing(folder: String, origin: CalendarConfiguration.Origin)
    /// The calendars path names a file, not a folder.
    case calendarsNotFolder(folder: String, origin: CalendarConfiguration.Origin)
    /// The calendars folder cannot be listed.
    case calendarsUnreadable(folder: String)
    /// The calendars folder holds no `*.ics` series.
    case noSeries(folder: String, origin: CalendarConfiguration.Origin)
    /// Two series files use the same `X-KASANE-SERIES` slug.
    case duplicateSeries(file: String, slug: String, usedBy: String)
    /// A series serves a body the registry does not know (#12.5d).
    case unknownSeriesBody(file: String, body: String, known: [String])

    // MARK: Input
    /// An input file is missing or unreadable.
    case cannotRead(path: String)
    /// An input file is not UTF-8 text.
    case notUTF8(path: String)
    /// A date flag that is not a real `YYYY-MM-DD` date.
    case badDate(flag: String, text: String)
    /// An enumerated flag with an unknown value.
    case unknownValue(flag: String, text: String, allowed: [String])
    /// `KASANE_BUSY_TIMEOUT` is not a number of seconds within 0…3600.
    case badBusyTimeout(String)
    /// `--chain-key` / `KASANE_CHAIN_KEY` is empty.
    case emptyChainKey
    /// `--smtp` is not `HOST:PORT`.
    case badRelay(String)
    /// `--smtp-user` with `--smtp-security none`: the password would cross the network in the clear (#14.6).
    case smtpAuthWithoutTLS
    /// `--smtp-user` without `--smtp-password-file` or `KASANE_SMTP_PASSWORD`.
    case smtpPasswordMissing
    /// The SMTP password file cannot be used (never its content in the words).
    case smtpPasswordFile(path: String, problem: PasswordFileProblem)
    /// `--smtp-auth` or `--smtp-password-file` without `--smtp-user`.
    case smtpOptionWithoutUser(flag: String)
    /// Another `--smtp-…` option without `--smtp`: nothing would be sent, so it is refused (#15).
    case smtpOptionWithoutRelay(flag: String)

    // MARK: Scheduling and meetings
    /// R10, R11: items not placed because they cannot be held lawfully (the rest was saved).
    case scheduleBlocked(count: Int)
    /// The trigger id is not an open trigger.
    case notOpenTrigger(String)
    /// R2, R5: a 支援会議 item is never held jointly.
    case jointNotForSupportMeeting(trigger: String)
    /// The meeting of a joint holding is neither in the series nor stored.
    case noSessionForJoin(meeting: String)
    /// R5: the meeting's day has passed.
    case jointTooLate(meeting: String, date: LocalDate)
    /// R5: the meeting is not one of an existing body (or not of `--body`).
    case notExistingBodySession(meeting: String, body: String?)
    /// The trigger has no accepted joint holding.
    case noJointHolding(trigger: String)
    /// No stored meeting has this id.
    case noMeeting(String)

    // MARK: Publishing
    /// R10: no agency holds the role 自治体: nobody sends the invitations.
    case noSecretariat
    /// R10, R11: nothing was sent because these items cannot be held lawfully.
    case inviteBlocked([LawProblem])
    /// A person id that cannot be a file name.
    case unsafePersonID(String)
    /// A file path that would leave `--out`.
    case outsideOut(path: String, out: String)
    /// A mail the relay did not accept (#14.5): the run is recorded and the files are kept;
    /// `delivered` went out in this pass, `left` (this one included) wait in the outbox.
    case notDelivered(path: String, reason: String, delivered: Int, left: Int)
    /// The agencies whose feed could not be written (the others were).
    case feedsNotWritten([String])
    /// `replies import`: no file found under the paths given.
    case noReplyFiles([String])
    /// `replies import|receive`: replies refused (never applied), with the counts of the others.
    case repliesRefused([RefusedReply], applied: Int, recorded: Int)
}

/// A reply file refused, and why (#14.2).
public struct RefusedReply: Hashable, Sendable {
    public var path: String
    public var refusal: ReplyRefusal

    public init(path: String, refusal: ReplyRefusal) {
        self.path = path
        self.refusal = refusal
    }
}

extension AppError: Worded {
    public func words(in language: Language) -> String {
        switch language {
        case .ja: japanese
        case .en: english
        }
    }

    private static func how(_ origin: CalendarConfiguration.Origin, _ language: Language) -> String {
        switch (origin, language) {
        case (.flag, _): "--calendars DIR"
        case (.environment, _): "KASANE_CALENDARS"
        case (.defaultFolder, .ja): "--calendars DIR（または KASANE_CALENDARS）"
        case (.defaultFolder, .en): "--calendars DIR (or KASANE_CALENDARS)"
        }
    }

    private static func passwordFile(_ problem: PasswordFileProblem, _ language: Language) -> String {
        switch (problem, language) {
        case (.missing, .ja): "ファイルがありません: パスを確かめてください"
        case (.missing, .en): "no such file: check the path"
        case (.notAFile, .ja): "通常のファイルではありません"
        case (.notAFile, .en): "not a regular file"
        case (.tooOpen(let mode), .ja):
            "所有者以外も読み書きできます（モード \(String(mode, radix: 8))）: `chmod 600` で所有者だけにしてください（使っていません）"
        case (.tooOpen(let mode), .en):
            "group or others can read or write it (mode \(String(mode, radix: 8))): `chmod 600` it (not used)"
        case (.unreadable, .ja): "読めないか UTF-8 のテキストではありません"
        case (.unreadable, .en): "unreadable or not UTF-8 text"
        case (.empty, .ja): "最初の行が空です: パスワードを 1 行目に書いてください"
        case (.empty, .en): "its first line is empty: put the password on the first line"
        }
    }

    private var japanese: String {
        switch self {
        case .calendarsMissing(let folder, let origin):
            "calendars フォルダー '\(folder)' がありません: 系列 (*.ics)・closures.yaml・policy.yaml のある"
                + "フォルダーを \(Self.how(origin, .ja)) で指定してください"
        case .calendarsNotFolder(let folder, let origin):
            "calendars フォルダー '\(folder)' はフォルダーではありません: 系列 (*.ics) のあるフォルダーを \(Self.how(origin, .ja)) で指定してください"
        case .calendarsUnreadable(let folder):
            "calendars フォルダー '\(folder)' を読めません: 読み取り権限を確かめてください"
        case .noSeries(let folder, let origin):
            "calendars フォルダー '\(folder)' に系列ファイル (*.ics) がありません: 定期開催の系列を置くか、"
                + "正しいフォルダーを \(Self.how(origin, .ja)) で指定してください"
        case .duplicateSeries(let file, let slug, let usedBy):
            "\(file): X-KASANE-SERIES '\(slug)' は \(usedBy) ですでに使われています: 系列ごとに別の名前を付けてください"
        case .unknownSeriesBody(let file, let body, let known):
            "\(file): X-KASANE-BODIES の '\(body)' は登録簿にない会議体です"
                + "（登録簿の会議体: \(known.isEmpty ? "なし" : known.joined(separator: ", "))）: id を直すか、"
                + "registry import で会議体を登録してください"
        case .cannotRead(let path): "\(path) を読めません: ファイルがないか、読み取り権限がありません"
        case .notUTF8(let path): "\(path) は UTF-8 のテキストではありません: UTF-8 で保存し直してください"
        case .badDate(let flag, let text): "\(flag) '\(text)' は実在する日付ではありません: YYYY-MM-DD の形で指定してください"
        case .unknownValue(let flag, let text, let allowed):
            "\(flag) '\(text)' は使えない値です（使える値: \(allowed.joined(separator: ", "))）"
        case .badBusyTimeout(let text): "KASANE_BUSY_TIMEOUT '\(text)' は 0 から 3600 までの秒数で指定してください"
        case .emptyChainKey: "--chain-key / KASANE_CHAIN_KEY が空です: 鍵ファイルのパスを指定してください"
        case .badRelay(let text): "--smtp '\(text)' は HOST:PORT の形で指定してください（例: 127.0.0.1:25）"
        case .smtpAuthWithoutTLS:
            "--smtp-user は --smtp-security starttls か tls と一緒に指定してください（暗号化なしではパスワードが平文で流れるため、認証しません）"
        case .smtpPasswordMissing:
            "--smtp-user のパスワードがありません: --smtp-password-file に所有者だけが読めるファイル (chmod 600) を指定するか、"
                + "環境変数 KASANE_SMTP_PASSWORD に設定してください（パスワードはオプションでは渡せません）"
        case .smtpPasswordFile(let path, let problem):
            "--smtp-password-file \(path): " + Self.passwordFile(problem, .ja)
        case .smtpOptionWithoutUser(let flag): "\(flag) は --smtp-user と一緒に指定してください"
        case .smtpOptionWithoutRelay(let flag):
            "\(flag) は --smtp HOST:PORT と一緒に指定してください（--smtp がないとメールは送りません）"
        case .scheduleBlocked(let count):
            "\(count) 件の重層的支援会議の議題は法令どおりに開催できないため配置していません"
                + "（他の議題の予定は保存しました）。上の説明に従って名簿を直し、もう一度 `kasane schedule` を実行してください (R10, R11)"
        case .notOpenTrigger(let id): "'\(id)' は未決定の開催契機ではありません。`kasane triggers` で id を確かめてください"
        case .jointNotForSupportMeeting(let trigger):
            "\(trigger) は支援会議の議題です。支援会議は任命された構成員だけで開くため、合同開催はできません (R2, R5)"
        case .noSessionForJoin(let meeting):
            "会議 '\(meeting)' は calendars/ の予定にも保存された会議にもありません。`kasane schedule` が示した合同開催の提案の会議 id を指定してください"
        case .jointTooLate(let meeting, let date):
            "会議 \(meeting) の日 (\(date.iso)) は過ぎています。合同開催は会議の前に決めてください (R5)"
        case .notExistingBodySession(let meeting, let body):
            "会議 \(meeting) は既存の会議体（地域ケア会議など）の会議ではありません"
                + (body.map { "（--body \($0) はこの会議の会議体ではありません）" } ?? "") + " (R5)"
        case .noJointHolding(let trigger): "\(trigger) に受けた合同開催はありません"
        case .noMeeting(let id): "会議 '\(id)' はありません: `kasane meeting list` で id を確かめてください"
        case .noSecretariat:
            "登録簿に役割「自治体」の機関がありません: 招待は事務局（自治体）が送ります。registry import で役割を登録してください (R10)"
        case .inviteBlocked(let problems):
            "次の重層的支援会議の議題は、議長（多機関協働事業者）または自治体職員が出席できないため招待できません"
                + "（何も送っていません）:\n" + problems.map { "  \($0.triggerID)（\($0.sessionID)）: \($0.remedy(Catalogue(.ja)))" }
                .joined(separator: "\n")
                + "\n名簿を直して `kasane schedule` を実行し、もう一度 `kasane invite` を実行してください (R10, R11)"
        case .unsafePersonID(let id):
            "person id '\(TextRule.printable(id))' はファイル名に使えません（\(IdentifierRule.summary)）: "
                + "登録簿の id を直して registry import し直してください"
        case .outsideOut(let path, let out): "\(path) は --out \(out) の外になります: 書き込みません"
        case .notDelivered(let path, let reason, let delivered, let left):
            "\(path): 送信できませんでした（\(reason)）。今回 \(delivered) 通を送信し、\(left) 通が送信箱に残っています。"
                + "中継サーバーを確かめて `kasane invite --smtp …` をもう一度実行すると、残りの分だけを送ります"
                + "（送信済みのものは二度と送りません。`kasane outbox --failed` で確認できます）"
        case .feedsNotWritten(let failed):
            "次の機関のフィードは書けませんでした（他の機関のフィードは書きました）: \(failed.joined(separator: "; "))"
        case .noReplyFiles(let paths):
            "\(paths.joined(separator: "、")) に返信のファイルがありません（.eml・.ics のファイルか Maildir のフォルダーを指定してください）"
        case .repliesRefused(let refused, let applied, let recorded):
            "次の返信は受け付けませんでした（何も反映していません）:\n"
                + refused.map { "  \($0.path): \($0.refusal.words(in: .ja))" }.joined(separator: "\n")
                + "\n反映 \(applied) 件・記録のみ \(recorded) 件・拒否 \(refused.count) 件"
        }
    }

    private var english: String {
        switch self {
        case .calendarsMissing(let folder, let origin):
            "calendars folder '\(folder)' does not exist: name the folder holding the series (*.ics), closures.yaml "
                + "and policy.yaml with \(Self.how(origin, .en))"
        case .calendarsNotFolder(let folder, let origin):
            "calendars folder '\(folder)' is not a folder: name the folder holding the series (*.ics) with \(Self.how(origin, .en))"
        case .calendarsUnreadable(let folder): "calendars folder '\(folder)' cannot be read: check its permissions"
        case .noSeries(let folder, let origin):
            "calendars folder '\(folder)' holds no series file (*.ics): add the standing series, or name the right folder "
                + "with \(Self.how(origin, .en))"
        case .duplicateSeries(let file, let slug, let usedBy):
            "\(file): X-KASANE-SERIES '\(slug)' is already used by \(usedBy): give each series its own name"
        case .unknownSeriesBody(let file, let body, let known):
            "\(file): X-KASANE-BODIES '\(body)' is not a body of the registry (its bodies: "
                + "\(known.isEmpty ? "none" : known.joined(separator: ", "))): fix the id, or register the body with registry import"
        case .cannotRead(let path): "cannot read \(path): no such file or not readable"
        case .notUTF8(let path): "\(path) is not UTF-8 text: save it as UTF-8"
        case .badDate(let flag, let text): "\(flag) '\(text)' is not a real date of the form YYYY-MM-DD"
        case .unknownValue(let flag, let text, let allowed):
            "\(flag) '\(text)' is unknown (one of: \(allowed.joined(separator: ", ")))"
        case .badBusyTimeout(let text): "KASANE_BUSY_TIMEOUT '\(text)' must be a number of seconds from 0 to 3600"
        case .emptyChainKey: "--chain-key / KASANE_CHAIN_KEY is empty: give the path of the key file"
        case .badRelay(let text): "--smtp '\(text)' must be HOST:PORT, e.g. 127.0.0.1:25"
        case .smtpAuthWithoutTLS:
            "--smtp-user needs --smtp-security starttls or tls (without encryption the password would cross the network in the clear)"
        case .smtpPasswordMissing:
            "no password for --smtp-user: give --smtp-password-file (a file only its owner can read, chmod 600) or set "
                + "KASANE_SMTP_PASSWORD (a password is never taken from a flag)"
        case .smtpPasswordFile(let path, let problem):
            "--smtp-password-file \(path): " + Self.passwordFile(problem, .en)
        case .smtpOptionWithoutUser(let flag): "\(flag) needs --smtp-user"
        case .smtpOptionWithoutRelay(let flag): "\(flag) needs --smtp HOST:PORT (without --smtp no mail is sent)"
        case .scheduleBlocked(let count):
            "\(count) 重層的支援会議 item(s) not placed because they cannot be held lawfully (the rest of the schedule "
                + "was saved): fix the registry as explained above and run `kasane schedule` again (R10, R11)"
        case .notOpenTrigger(let id): "'\(id)' is not an open trigger: check the id with `kasane triggers`"
        case .jointNotForSupportMeeting(let trigger):
            "\(trigger) is a 支援会議 item: a 支援会議 sits with its appointed members only and is never held jointly (R2, R5)"
        case .noSessionForJoin(let meeting):
            "meeting '\(meeting)' is neither in the calendars/ series nor stored: give the meeting id of a joint holding "
                + "offered by `kasane schedule`"
        case .jointTooLate(let meeting, let date):
            "the day of meeting \(meeting) (\(date.iso)) has passed: decide a joint holding before the meeting (R5)"
        case .notExistingBodySession(let meeting, let body):
            "meeting \(meeting) is not a meeting of an existing body (地域ケア会議, …)"
                + (body.map { " (--body \($0) is not one of its bodies)" } ?? "") + " (R5)"
        case .noJointHolding(let trigger): "\(trigger) has no accepted joint holding"
        case .noMeeting(let id): "no meeting '\(id)': see `kasane meeting list`"
        case .noSecretariat:
            "no agency holds the role 自治体 in the registry: the secretariat sends the invitations; register the role "
                + "with registry import (R10)"
        case .inviteBlocked(let problems):
            "these 重層的支援会議 items cannot be invited because neither a chair (多機関協働事業者) nor municipal staff "
                + "can attend (nothing was sent):\n"
                + problems.map { "  \($0.triggerID) (\($0.sessionID)): \($0.remedy(Catalogue(.en)))" }.joined(separator: "\n")
                + "\nfix the registry, run `kasane schedule`, then `kasane invite` again (R10, R11)"
        case .unsafePersonID(let id):
            "person id '\(TextRule.printable(id))' cannot be a file name (\(IdentifierRule.summary)): fix the id in the "
                + "registry and import it again"
        case .outsideOut(let path, let out): "\(path) would be outside --out \(out): not written"
        case .notDelivered(let path, let reason, let delivered, let left):
            "\(path): not delivered (\(reason)); \(delivered) delivered in this run, \(left) left in the outbox. "
                + "Check the relay and run `kasane invite --smtp …` again: it sends only what is left "
                + "(nothing already sent goes twice; see `kasane outbox --failed`)"
        case .feedsNotWritten(let failed):
            "the feeds of these agencies could not be written (the others were): \(failed.joined(separator: "; "))"
        case .noReplyFiles(let paths):
            "no reply file under \(paths.joined(separator: ", ")) (give .eml or .ics files or a Maildir folder)"
        case .repliesRefused(let refused, let applied, let recorded):
            "these replies were refused (nothing of them applied):\n"
                + refused.map { "  \($0.path): \($0.refusal.words(in: .en))" }.joined(separator: "\n")
                + "\n\(applied) applied, \(recorded) recorded only, \(refused.count) refused"
        }
    }
}
