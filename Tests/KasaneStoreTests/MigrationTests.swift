import Foundation
import GRDB
import KasaneCore
import KasaneStore
import Testing

/// The schema's CHECK lists are frozen in the migrations; every value the code can store must be
/// allowed by them, so adding an enum case without a new migration fails here (issue 13).
@Suite("Migrations: frozen lists cover the code")
struct MigrationTests {
    /// The CREATE statement of `table` in a fresh workspace.
    static func schema(_ table: String) throws -> String {
        let folder = try TemporaryFolder()
        _ = try Fixture.workspace(folder)
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: folder.path("kasane.sqlite"), configuration: config)
        return try queue.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                arguments: [table]) ?? ""
        }
    }

    @Test("every enum value the store writes is allowed by the frozen CHECK lists",
          arguments: [
            ("agency", Field.allCases.map(\.rawValue) + AgencyKind.allCases.map(\.rawValue)),
            ("agency_role", ProgrammeRole.allCases.map(\.rawValue)),
            ("body", BodyKind.allCases.map(\.rawValue)),
            ("case_event", CaseEvent.kinds),
            ("session_item", MeetingKind.allCases.map(\.rawValue)),
            ("session", SessionState.allCases.map(\.rawValue) + ["定例", "随時"]),
          ])
    func frozenListsCoverTheCode(table: String, values: [String]) throws {
        let sql = try Self.schema(table)
        #expect(!sql.isEmpty)
        for value in values {
            #expect(sql.contains("'\(value)'"), "\(table) does not allow '\(value)': add a migration")
        }
    }

    @Test("#14: every outbox state the store writes is allowed by v8's frozen list")
    func outboxStates() throws {
        try frozenListsCoverTheCode(table: "outbox", values: OutboxState.allCases.map(\.rawValue))
    }
}
