import ArgumentParser
import Foundation
import KasaneApp
import KasaneCore
import KasaneDocuments
import KasaneStore

/// Options shared by `agenda` and `minutes`: which meeting, for whom, in which format.
struct DocumentOptions: ParsableArguments {
    @Argument(help: "会議の id（`kasane meeting list` で確かめられます）。") var meeting: String
    @Option(help: "一人分の写し（その人が出席する議題だけ）。") var person: String?
    @Option(help: "一機関分の写し（その機関の人が出席する議題だけ）。") var agency: String?
    @Flag(help: "事務局の原本（非公開、既定）。") var master = false
    @Flag(help: "原本と出席者ごとの写しを --out-dir に書き出します。") var all = false
    @Option(help: "md か html。") var format = "md"
    @Option(help: "テンプレートのフォルダ（既定: $KASANE_TEMPLATES または ./templates）。") var templates: String?
    @Option(name: .customLong("out-dir"), help: "--all のとき: 書き出す先のフォルダ。") var outDir = "out/documents"

    func validate() throws {
        if [person != nil, agency != nil, master, all].filter({ $0 }).count > 1 {
            throw ValidationError(say("--person、--agency、--master、--all のどれか一つを選んでください",
                                      "choose one of --person, --agency, --master or --all"))
        }
    }

    var reader: Reader {
        if let person { return .person(person) }
        if let agency { return .agency(agency) }
        return .master
    }

    var documentFormat: DocumentFormat {
        get throws {
            guard let f = DocumentFormat(rawValue: format) else {
                throw InputError(say("--format '\(TextRule.printable(format))' は md か html にしてください",
                                     "--format '\(TextRule.printable(format))' must be md or html"))
            }
            return f
        }
    }

    var renderer: DocumentRenderer {
        DocumentRenderer(templatesFolder: templates ?? ProcessInfo.processInfo.environment["KASANE_TEMPLATES"] ?? "templates")
    }
}

extension DocumentOptions {
    /// Renders the `kind` document of the meeting: the one copy asked for on stdout, or with `--all`
    /// the master and every attendee's copy into `--out-dir` (printing each path).
    func write(_ kind: MeetingDocumentKind, workspace: WorkspaceOptions) throws {
        let docs = try MeetingDocuments(meeting: meeting, store: try workspace.open())
        let format = try documentFormat
        if !all { return print(try docs.render(kind, for: reader, format: format, renderer: renderer), terminator: "") }
        let copies = try docs.renderAll(kind, format: format, renderer: renderer)
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        for copy in copies {
            let path = (outDir as NSString).appendingPathComponent(copy.fileName)
            try Data(copy.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print(path)
        }
    }
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "会議の次第を templates/ から読み手ごとに作ります (R15)。")
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var options: DocumentOptions

    func run() throws { try options.write(.agenda, workspace: workspace) }
}

struct MinutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "ケースファイルに記録された決定から会議の議事録を読み手ごとに作ります。")
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var options: DocumentOptions

    func run() throws { try options.write(.minutes, workspace: workspace) }
}
