import GRDB
public import KasaneCore

/// What a registry import did, entry by entry ("agency kodomo", "person p-12", "body shien").
public struct RegistryImportReport: Hashable, Sendable, Codable {
    public var added: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
    /// Entries in the workspace but not in the file: kept, since cases may refer to them.
    public var notInFile: [String] = []

    public init() {}
}

extension AppDatabase {
    // MARK: - Reads

    /// The whole registry, in registry order.
    public func registry() throws -> Registry {
        try read { db in try Self.loadRegistry(db) }
    }

    static func loadRegistry(_ db: Database) throws -> Registry {
        var roles: [AgencyID: Set<ProgrammeRole>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT agency_id, role FROM agency_role") {
            if let role = ProgrammeRole(rawValue: row["role"]) { roles[row["agency_id"], default: []].insert(role) }
        }
        let agencies = try Row.fetchAll(db, sql: "SELECT * FROM agency ORDER BY position, id").map { row in
            Agency(id: row["id"], name: row["name"], field: Field(rawValue: row["field"]) ?? .community,
                   kind: AgencyKind(rawValue: row["kind"]) ?? .external, mailbox: row["mailbox"],
                   roles: roles[row["id"]] ?? [])
        }
        let people = try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY position, id").map { row in
            Person(id: row["id"], name: row["name"], mailbox: row["mailbox"], agency: row["agency_id"],
                   title: row["title"])
        }
        var members: [BodyID: [BodyMember]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM body_member ORDER BY body_id, position") {
            members[row["body_id"], default: []].append(BodyMember(
                person: row["person_id"],
                appointedOn: (row["appointed_on"] as String?).flatMap(LocalDate.init(iso:)),
                confidentialityAcknowledgedOn: (row["confidentiality_acknowledged_on"] as String?).flatMap(LocalDate.init(iso:)),
                appointmentEndsOn: (row["appointment_ends_on"] as String?).flatMap(LocalDate.init(iso:)),
                temporary: row["temporary"]))
        }
        let bodies = try Row.fetchAll(db, sql: "SELECT * FROM body ORDER BY position, id").map { row in
            MeetingBody(id: row["id"], name: row["name"], kind: BodyKind(rawValue: row["kind"]) ?? .otherExisting,
                        members: members[row["id"]] ?? [])
        }
        return Registry(agencies: agencies, people: people, bodies: bodies)
    }

    // MARK: - Writes

    /// Imports a registry in one transaction: adds new entries, updates changed ones and leaves
    /// identical ones alone, so importing the same file twice changes nothing.
    /// - Throws: a database error when the registry breaks a schema invariant (nothing is written).
    public func importRegistry(_ registry: Registry) throws -> RegistryImportReport {
        try write { db in
            let plan = RegistryImportPlan(old: try Self.loadRegistry(db), new: registry)
            for (i, a) in plan.agencies {
                try db.execute(sql: """
                    INSERT INTO agency (id, name, field, kind, mailbox, position) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, field = excluded.field,
                      kind = excluded.kind, mailbox = excluded.mailbox, position = excluded.position
                    """, arguments: [a.id, a.name, a.field.rawValue, a.kind.rawValue, a.mailbox, i])
                try db.execute(sql: "DELETE FROM agency_role WHERE agency_id = ?", arguments: [a.id])
                for role in a.roles.sorted() {
                    try db.execute(sql: "INSERT INTO agency_role (agency_id, role) VALUES (?, ?)",
                                   arguments: [a.id, role.rawValue])
                }
            }
            for (i, p) in plan.people {
                try db.execute(sql: """
                    INSERT INTO person (id, name, mailbox, agency_id, title, position) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, mailbox = excluded.mailbox,
                      agency_id = excluded.agency_id, title = excluded.title, position = excluded.position
                    """, arguments: [p.id, p.name, p.mailbox, p.agency, p.title, i])
            }
            for (i, b) in plan.bodies {
                try db.execute(sql: """
                    INSERT INTO body (id, name, kind, position) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, position = excluded.position
                    """, arguments: [b.id, b.name, b.kind.rawValue, i])
                try db.execute(sql: "DELETE FROM body_member WHERE body_id = ?", arguments: [b.id])
                for (j, m) in b.members.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO body_member (body_id, person_id, position, appointed_on,
                          confidentiality_acknowledged_on, appointment_ends_on, temporary)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [b.id, m.person, j, m.appointedOn?.iso, m.confidentialityAcknowledgedOn?.iso,
                                         m.appointmentEndsOn?.iso, m.temporary])
                }
            }
            return plan.report
        }
    }
}
