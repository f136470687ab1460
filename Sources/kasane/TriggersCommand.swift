import ArgumentParser
import KasaneApp
import KasaneCore
import KasaneStore

struct TriggersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triggers",
        abstract: "The open mandatory-meeting triggers (R6–R8) and monitoring reviews (R7) of every case.")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Only this case.") var `case`: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let config = try workspace.configuration()
        let database = try workspace.open()
        let files = try `case`.map { [try database.caseFile($0)] } ?? database.caseFiles()
        let triggers = Triggers.open(in: files, policy: config.policy, calendar: config.calendar,
                                     today: try workspace.todayDate())
        if json { return try printJSON(triggers.map(TriggerView.init)) }
        if triggers.isEmpty { return print("no open triggers") }
        printTable(["trigger", "kind", "meeting", "basis", "raised", "due", "urgent"], triggers.map {
            [$0.id, $0.kind.rawValue, $0.meetingKind.rawValue, $0.meetingBasis.rawValue, $0.raisedOn.iso, $0.dueOn.iso,
             $0.urgent ? "urgent" : ""]
        })
        for t in triggers where t.kind == .contactLost {
            let attempts = t.contactAttempts.map { "\($0.date.iso) \($0.method.rawValue)" }.joined(separator: ", ")
            print("\(t.id): last reached \(t.lastReachedOn?.iso ?? "never"); attempts since: \(attempts.isEmpty ? "none on record" : attempts) (R8)")
        }
    }
}

/// A trigger as printed by `triggers --json`, with its agenda headings.
struct TriggerView: Encodable {
    let trigger: Trigger
    let agenda: [String]

    init(_ t: Trigger) {
        trigger = t
        agenda = t.agenda
    }

    func encode(to encoder: any Encoder) throws {
        try trigger.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(agenda, forKey: .agenda)
    }

    enum Key: String, CodingKey { case agenda }
}
