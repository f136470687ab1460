import Foundation
import GRDB
import KasaneCore
import KasaneStore

/// A folder under the system temporary directory, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kasane-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A small municipality: enough agencies, people and bodies for the store's reads and writes.
enum Fixture {
    static let today = LocalDate(year: 2026, month: 11, day: 26)!
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let agencies = [
        Agency(id: "city", name: "福祉政策課", field: .general, kind: .municipal, mailbox: "city@example.jp",
               roles: [.municipality]),
        Agency(id: "shakyo", name: "社会福祉協議会", field: .general, kind: .contracted, mailbox: "shakyo@example.jp",
               roles: [.coordinator, .outreach]),
        Agency(id: "houkatsu", name: "地域包括支援センター", field: .elderly, kind: .contracted,
               mailbox: "houkatsu@example.jp"),
        Agency(id: "kodomo", name: "こども家庭センター", field: .children, kind: .municipal, mailbox: "kodomo@example.jp"),
        Agency(id: "ibasho", name: "NPO いばしょ", field: .employment, kind: .external, mailbox: "ibasho@example.org",
               roles: [.participation]),
    ]
    static let people = [
        Person(id: "p-city", name: "市 職員", mailbox: "a@city.example.jp", agency: "city", title: "係長"),
        Person(id: "p-shakyo", name: "社協 相談員", mailbox: "b@shakyo.example.jp", agency: "shakyo", title: "相談支援包括化推進員"),
        Person(id: "p-houkatsu", name: "包括 職員", mailbox: "c@houkatsu.example.jp", agency: "houkatsu", title: ""),
    ]
    static let bodies = [
        MeetingBody(id: "jusou", name: "重層的支援会議", kind: .multiAgency,
                    members: [BodyMember(person: "p-city"), BodyMember(person: "p-shakyo")]),
        MeetingBody(id: "shien", name: "支援会議", kind: .supportMeeting, members: [
            BodyMember(person: "p-city", appointedOn: date("2026-04-01"), confidentialityAcknowledgedOn: date("2026-04-01")),
            BodyMember(person: "p-houkatsu", appointedOn: date("2026-04-01")),
        ]),
    ]
    static let registry = Registry(agencies: agencies, people: people, bodies: bodies)

    /// Every entry label of `registry`, as the import report writes them.
    static var labels: [String] {
        agencies.map { "agency \($0.id)" } + people.map { "person \($0.id)" } + bodies.map { "body \($0.id)" }
    }

    static func opened(_ number: CaseNumber, on iso: String = "2026-09-01") -> CaseEvent.Opened {
        CaseEvent.Opened(number: number, openedOn: date(iso), referredBy: "houkatsu", fields: [.elderly, .children],
                         involvedAgencies: ["houkatsu", "kodomo"])
    }

    static let members = [
        NewMember(member: HouseholdMember(key: "m1", relation: "本人", isPrincipal: true),
                  details: MemberDetails(name: "架空 花子", birthDate: date("1950-01-02"), address: "かさね市1-1",
                                         circumstances: "要介護")),
        NewMember(member: HouseholdMember(key: "m2", relation: "長男", isPrincipal: false),
                  details: MemberDetails(name: "架空 一郎")),
    ]

    /// A workspace with the fixture registry imported.
    static func workspace(_ folder: TemporaryFolder, name: String = "kasane.sqlite") throws -> AppDatabase {
        let db = try AppDatabase(path: folder.path(name))
        _ = try db.importRegistry(registry)
        return db
    }

    /// A workspace with the registry and one opened case (`R8-1`, members m1 and m2).
    static func workspaceWithCase(_ folder: TemporaryFolder) throws -> AppDatabase {
        let db = try workspace(folder)
        try db.openCase(opened("R8-1"), members: members, today: today, now: now)
        return db
    }
}

/// Every table of the SQLite file at `path`, row by row, read with a connection of its own:
/// two dumps are equal exactly when the database content is.
func dumpDatabase(at path: String) throws -> [String: [String]] {
    var config = Configuration()
    config.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: config)
    return try queue.read { db in
        var dump: [String: [String]] = [:]
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for table in tables {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").count
            let order = columns >= 2 ? "ORDER BY 1, 2" : "ORDER BY 1"
            dump[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) \(order)")
                .map(\.description)
        }
        dump["sqlite_master"] = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        return dump
    }
}

/// The case numbers on record, straight from the file.
func caseNumbers(at path: String) throws -> [String] {
    try DatabaseQueue(path: path).read { db in
        try String.fetchAll(db, sql: "SELECT number FROM case_file ORDER BY id")
    }
}
