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
    @Option(help: "各メールをこの SMTP リレー（HOST:PORT、ローカルの MTA。TLS・認証なし）からも送信します。")
    var smtp: String?
    @Flag(help: "JSON で出力します。") var json = false

    /// Prepares every file of the run (templates rendered, calendars and mails written) before any
    /// is written, so a failure writes nothing (#12.7); each file name is built from a validated
    /// id and its path is checked to stay inside `--out` (`Invitations.send`).
    func run() throws {
        let relay = try smtp.map { try MailRelay(parsing: $0) }
        let sent = try Invitations.send(
            store: try workspace.open(), config: try workspace.configuration(), clock: try workspace.clock(), out: out,
            relay: relay, templates: templates, logger: logger)
        let run = sent.run
        if json { return try printJSON(run.outgoing.map { InvitationView($0) }) }
        if run.outgoing.isEmpty {
            return print(wording.say("前回から変更はありません: 送る招待はありません",
                                     en: "nothing changed since the last run: no invitation to send"))
        }
        for m in run.outgoing {
            print("\(m.method.rawValue)  \(m.person)  \(m.triggerID)  SEQUENCE \(m.event.sequence)  \(m.event.date.iso) \(m.event.start)–\(m.event.end)  (\(wording(m.why)))")
        }
        print(wording.say("\(out)/ に \(sent.written.count) 個のファイルを書きました"
                            + (sent.delivered.map { "、\($0) 通のメールを送信しました" } ?? ""),
                          en: "\(sent.written.count) files written under \(out)/" + (sent.delivered.map { ", \($0) mails delivered" } ?? "")))
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
