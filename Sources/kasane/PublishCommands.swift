import ArgumentParser
import Foundation
import KasaneApp
import KasaneCalendar
import KasaneCore
import KasaneDocuments
import KasaneStore
import KasaneWording
import Logging

struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "前回から変わった招待 (REQUEST) と取消し (CANCEL) を、人ごとに .ics とそのまま送れる .eml で書き出します。")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "書き出すフォルダー。") var out = "out/invitations"
    @OptionGroup var mail: SMTPOptions
    @Flag(help: "JSON で出力します。") var json = false

    /// Prepares every file of the run (templates rendered, calendars and mails written) before any
    /// is written, so a failure writes nothing (#12.7); each file name is built from a validated
    /// id and its path is checked to stay inside `--out` (`Invitations.send`).
    func run() throws {
        let relay = try mail.mailRelay()
        let sent = try Invitations.send(
            store: try workspace.openSQLite("invite（送信箱）"), config: try workspace.configuration(), clock: try workspace.clock(), out: out,
            relay: relay, templates: templates, logger: logger)
        let run = sent.run
        if json { return try printJSON(run.outgoing.map { InvitationView($0) }) }
        let delivered = sent.delivery?.delivered.count ?? 0
        if run.outgoing.isEmpty && delivered == 0 {
            print(wording.say("前回から変更はありません: 送る招待はありません",
                              en: "nothing changed since the last run: no invitation to send"))
        }
        for m in run.outgoing {
            print("\(m.method.rawValue)  \(m.person)  \(m.triggerID)  SEQUENCE \(m.event.sequence)  \(m.event.date.iso) \(m.event.start)–\(m.event.end)  (\(wording(m.why)))")
        }
        if !run.outgoing.isEmpty || delivered > 0 {
            let retried = sent.delivery?.retried ?? 0
            print(wording.say("\(out)/ に \(sent.written.count) 個のファイルを書きました"
                                + (sent.delivery.map { _ in "、\(delivered) 通のメールを送信しました" } ?? "")
                                + (retried > 0 ? "（うち \(retried) 通は失敗した分の再送）" : ""),
                              en: "\(sent.written.count) files written under \(out)/"
                                + (sent.delivery.map { _ in ", \(delivered) mails delivered" } ?? "")
                                + (retried > 0 ? " (\(retried) of them retried after a failure)" : "")))
        }
        if let uncertain = sent.delivery?.uncertain, uncertain > 0 {
            print(wording.say("送信中に中断したメールが \(uncertain) 通あります（届いたか不明なため自動では再送しません）: "
                                + "`kasane outbox --failed` で確認してください",
                              en: "\(uncertain) mails were interrupted while sending (they may have arrived, so they are "
                                + "not sent again on their own): see `kasane outbox --failed`"))
        }
    }

    var templates: DocumentRenderer {
        DocumentRenderer(templatesFolder: ProcessInfo.processInfo.environment["KASANE_TEMPLATES"] ?? "templates")
    }
}

/// One line of `invite --json`.
struct InvitationView: Encodable {
    let person: String, method: String, trigger: String, uid: String, sequence: Int, date: String, start: String
    let why: String

    init(_ m: OutgoingInvitation) {
        person = m.person
        method = m.method.rawValue
        trigger = m.triggerID
        uid = m.event.uid
        sequence = m.event.sequence
        date = m.event.date.iso
        start = m.event.start.description
        why = wording(m.why)
    }
}

struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "機関ごとに、出席するすべての議題を載せた .ics フィードを書き出します（書き出せない機関があればそれを示し、ほかの機関の分は書き出します）。")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "書き出すフォルダー。") var out = "out/feeds"

    func run() throws {
        let (written, failed) = try Feeds.write(store: try workspace.open(), config: try workspace.configuration(),
                                                clock: try workspace.clock(), out: out, logger: logger)
        for w in written {
            print(wording.say("\(w.path)  \(w.events) 件", en: "\(w.path)  \(w.events) events"))
        }
        if !failed.isEmpty { throw AppError.feedsNotWritten(failed) }
    }
}

/// `kasane outbox [--failed]`: every message `invite` recorded and where it stands (#14.5).
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "invite が記録した送信箱のメールと、その状態（送信待ち・送信済み・失敗・再送）を一覧します。")
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "失敗したものと、送信中に中断したものだけを表示します。") var failed = false
    @Flag(help: "JSON で出力します。") var json = false

    func run() throws {
        let entries = try Outbox.list(store: try workspace.openSQLite("outbox"), failedOnly: failed)
        if json { return try printJSON(entries.map(OutboxView.init)) }
        if entries.isEmpty {
            return print(wording.say(failed ? "失敗したメールはありません" : "送信箱は空です",
                                     en: failed ? "no failed mail" : "the outbox is empty"))
        }
        for e in entries {
            let d = e.draft
            print("#\(e.number)  \(d.method.rawValue)  \(d.personID)  \(d.triggerID)  SEQUENCE \(d.sequence)  "
                  + "<\(d.messageID)>  \(wording(e))")
        }
    }
}

/// One line of `outbox --json`.
struct OutboxView: Encodable {
    let number: Int, state: String, retried: Bool, attempts: Int, person: String, trigger: String, method: String
    let sequence: Int, messageID: String, file: String, serverReply: String?, failure: String?

    init(_ e: OutboxEntry) {
        number = e.number
        state = e.state.rawValue
        retried = e.retried
        attempts = e.attempts
        person = e.draft.personID
        trigger = e.draft.triggerID
        method = e.draft.method.rawValue
        sequence = e.draft.sequence
        messageID = e.draft.messageID
        file = e.draft.path
        serverReply = e.serverReply
        failure = e.failure
    }
}
