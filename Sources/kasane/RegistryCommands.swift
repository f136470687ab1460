import ArgumentParser
import KasaneCore
import KasaneStore
import KasaneYAML
import Logging

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "The registry of agencies, people and meeting bodies.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the registry from a YAML file (re-importing the same file changes nothing).")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The registry YAML file.") var file: String
        @Flag(help: "Print the report as JSON.") var json = false

        func run() throws {
            let registry = try RegistryFile.parse(try readInput(file), file: file)
            let report = try workspace.open().importRegistry(registry)
            logger.info("registry imported", metadata: ["registry.added": "\(report.added.count)",
                                                        "registry.changed": "\(report.changed.count)"])
            if json { return try printJSON(report) }
            print("added \(report.added.count), changed \(report.changed.count), unchanged \(report.unchanged.count)")
            for a in report.added { print("  + \(a)") }
            for c in report.changed { print("  ~ \(c)") }
            for n in report.notInFile { print("  ! \(n): not in the file, kept") }
        }
    }
}

struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "Agencies (支援関係機関).", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the agencies.")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let agencies = try workspace.open().registry().agencies
            if json { return try printJSON(agencies.map(AgencyView.init)) }
            printTable(["id", "name", "分野", "kind", "mailbox", "roles"], agencies.map {
                [$0.id, $0.name, $0.field.rawValue, $0.kind.rawValue, $0.mailbox,
                 $0.roles.sorted().map(\.rawValue).joined(separator: ",")]
            })
        }
    }
}

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "People who may be invited.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the people.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Only the people of this agency.") var agency: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let people = try workspace.open().registry().people.filter { agency == nil || $0.agency == agency }
            if json { return try printJSON(people) }
            printTable(["id", "name", "agency", "title", "mailbox"], people.map {
                [$0.id, $0.name, $0.agency, $0.title, $0.mailbox]
            })
        }
    }
}

struct BodyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "body", abstract: "Meeting bodies (会議体) and their members.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the meeting bodies with their members.")
        @OptionGroup var workspace: WorkspaceOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let bodies = try workspace.open().registry().bodies
            if json { return try printJSON(bodies) }
            for b in bodies {
                print("\(b.id)  \(b.name)  [\(b.kind.rawValue)]  \(b.members.count) members")
                for m in b.members {
                    var notes: [String] = []
                    if let a = m.appointedOn { notes.append("appointed \(a)") }
                    if let c = m.confidentialityAcknowledgedOn { notes.append("守秘義務 \(c)") }
                    if let e = m.appointmentEndsOn { notes.append("until \(e)") }
                    if m.temporary { notes.append("臨時") }
                    print("  - \(m.person)\(notes.isEmpty ? "" : "  (" + notes.joined(separator: ", ") + ")")")
                }
            }
        }
    }
}

/// An agency as printed by `agency list --json` (roles sorted).
struct AgencyView: Encodable {
    let id: String, name: String, field: String, kind: String, mailbox: String, roles: [String]

    init(_ a: Agency) {
        id = a.id
        name = a.name
        field = a.field.rawValue
        kind = a.kind.rawValue
        mailbox = a.mailbox
        roles = a.roles.sorted().map(\.rawValue)
    }
}
