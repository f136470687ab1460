import ArgumentParser
import Foundation
import KasaneCore
import KasaneDocuments
import KasaneStore

/// Options shared by `agenda` and `minutes`: which meeting, for whom, in which format.
struct DocumentOptions: ParsableArguments {
    @Argument(help: "The meeting id (see `kasane meeting list`).") var meeting: String
    @Option(help: "The copy of one person (only the items they attend).") var person: String?
    @Option(help: "The copy of one agency (only the items its people attend).") var agency: String?
    @Flag(help: "The secretariat's master copy, marked 非公開 (the default).") var master = false
    @Flag(help: "Write the master and one copy per attendee into --out-dir.") var all = false
    @Option(help: "md or html.") var format = "md"
    @Option(help: "The templates folder (default: $KASANE_TEMPLATES or ./templates).") var templates: String?
    @Option(name: .customLong("out-dir"), help: "With --all: the folder to write into.") var outDir = "out/documents"

    func validate() throws {
        if [person != nil, agency != nil, master, all].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --person, --agency, --master or --all")
        }
    }

    var reader: Reader {
        if let person { return .person(person) }
        if let agency { return .agency(agency) }
        return .master
    }

    var documentFormat: DocumentFormat {
        get throws {
            guard let f = DocumentFormat(rawValue: format) else { throw InputError("--format '\(format)' must be md or html") }
            return f
        }
    }

    var renderer: DocumentRenderer {
        DocumentRenderer(templatesFolder: templates ?? ProcessInfo.processInfo.environment["KASANE_TEMPLATES"] ?? "templates")
    }
}

/// Loads a meeting and renders its documents for each reader.
struct MeetingDocuments {
    let session: Session
    let placements: [ScheduledItem]
    let files: [CaseNumber: CaseFile]
    let registry: Registry
    /// The heads of the event chains of the meeting's cases (printed in the minutes).
    let chainHeads: [ChainHead]

    init(meeting: String, database: AppDatabase) throws {
        guard let session = try database.sessions().first(where: { $0.id == meeting }) else {
            throw InputError("no meeting '\(meeting)': see `kasane meeting list`")
        }
        self.session = session
        placements = try database.scheduledItems().filter { $0.sessionID == meeting }
        registry = try database.registry()
        files = Dictionary(try database.caseFiles().map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        // The chain at the last decision recorded at this meeting, per case: later events do not
        // change it, so the minutes of a held meeting stay the same at any later date (R20).
        let decided = files.values.compactMap { file -> (number: CaseNumber, seq: Int)? in
            file.decisions.filter { $0.decision.meeting == meeting }.map(\.eventSeq).max().map { (file.number, $0) }
        }
        chainHeads = try database.chainHeads(at: decided.sorted { $0.number < $1.number })
    }

    /// Every person who attends at least one item (for `--all`).
    var attendees: [PersonID] {
        var seen: [PersonID] = []
        for item in placements {
            guard let file = files[item.caseNumber],
                  let attendance = session.attendance(of: item, caseFile: file, registry: registry) else { continue }
            for a in attendance.attendees where !seen.contains(a.person) { seen.append(a.person) }
        }
        return seen
    }

    /// Checks that a reader names someone registered.
    func check(_ reader: Reader) throws {
        switch reader {
        case .person(let id) where registry.person(id) == nil: throw InputError("unknown person '\(id)': see `kasane person list`")
        case .agency(let id) where registry.agency(id) == nil: throw InputError("unknown agency '\(id)': see `kasane agency list`")
        default: break
        }
    }

    func write(_ options: DocumentOptions, kind: String, render: (Reader) throws -> String) throws {
        let ext = try options.documentFormat.rawValue
        if !options.all {
            try check(options.reader)
            return print(try render(options.reader), terminator: "")
        }
        try FileManager.default.createDirectory(atPath: options.outDir, withIntermediateDirectories: true)
        for (reader, name) in [(Reader.master, "master")] + attendees.map({ (Reader.person($0), $0) }) {
            let path = (options.outDir as NSString).appendingPathComponent("\(session.id)-\(kind)-\(name).\(ext)")
            try Data(try render(reader).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print(path)
        }
    }
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "Render a meeting's agenda (次第), per reader (R15), from templates/.")
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var options: DocumentOptions

    func run() throws {
        let docs = try MeetingDocuments(meeting: options.meeting, database: try workspace.open())
        let renderer = options.renderer
        let format = try options.documentFormat
        try docs.write(options, kind: "agenda") { reader in
            try renderer.render(AgendaDocument(session: docs.session, placements: docs.placements, caseFiles: docs.files,
                                               registry: docs.registry, reader: reader), format: format)
        }
    }
}

struct MinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Render a meeting's minutes (議事録) from the decisions recorded in the case files, per reader.")
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var options: DocumentOptions

    func run() throws {
        let docs = try MeetingDocuments(meeting: options.meeting, database: try workspace.open())
        let renderer = options.renderer
        let format = try options.documentFormat
        try docs.write(options, kind: "minutes") { reader in
            try renderer.render(MinutesDocument(session: docs.session, placements: docs.placements, caseFiles: docs.files,
                                                registry: docs.registry, reader: reader, chainHeads: docs.chainHeads),
                                format: format)
        }
    }
}
