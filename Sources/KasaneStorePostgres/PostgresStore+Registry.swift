public import KasaneCore
public import KasaneStore
import PostgresNIO

extension PostgresStore {
    public func registry() throws -> Registry {
        try read { tx in try Self.loadRegistry(tx) }
    }

    static func loadRegistry(_ tx: PostgresTransaction) throws -> Registry {
        var roles: [AgencyID: Set<ProgrammeRole>] = [:]
        for row in try tx.query("SELECT agency_id, role FROM agency_role") {
            let (agency, role) = try row.decode((String, String).self)
            if let role = ProgrammeRole(rawValue: role) { roles[agency, default: []].insert(role) }
        }
        let agencies = try tx.query("SELECT id, name, field, kind, mailbox FROM agency ORDER BY position, id").map { row in
            let (id, name, field, kind, mailbox) = try row.decode((String, String, String, String, String).self)
            return Agency(id: id, name: name, field: Field(rawValue: field) ?? .community,
                          kind: AgencyKind(rawValue: kind) ?? .external, mailbox: mailbox, roles: roles[id] ?? [])
        }
        let people = try tx.query("SELECT id, name, mailbox, agency_id, title FROM person ORDER BY position, id").map { row in
            let (id, name, mailbox, agency, title) = try row.decode((String, String, String, String, String).self)
            return Person(id: id, name: name, mailbox: mailbox, agency: agency, title: title)
        }
        var members: [BodyID: [BodyMember]] = [:]
        for row in try tx.query("""
            SELECT body_id, person_id, appointed_on, confidentiality_acknowledged_on, appointment_ends_on, temporary
            FROM body_member ORDER BY body_id, position
            """) {
            let (body, person, appointed, acknowledged, ends, temporary) =
                try row.decode((String, String, String?, String?, String?, Bool).self)
            members[body, default: []].append(BodyMember(
                person: person, appointedOn: appointed.flatMap(LocalDate.init(iso:)),
                confidentialityAcknowledgedOn: acknowledged.flatMap(LocalDate.init(iso:)),
                appointmentEndsOn: ends.flatMap(LocalDate.init(iso:)), temporary: temporary))
        }
        let bodies = try tx.query("SELECT id, name, kind FROM body ORDER BY position, id").map { row in
            let (id, name, kind) = try row.decode((String, String, String).self)
            return MeetingBody(id: id, name: name, kind: BodyKind(rawValue: kind) ?? .otherExisting, members: members[id] ?? [])
        }
        return Registry(agencies: agencies, people: people, bodies: bodies)
    }

    /// Imports a registry in one transaction, as `AppDatabase.importRegistry` does: adds new
    /// entries, updates changed ones, leaves identical ones alone and keeps those not in the file.
    public func importRegistry(_ registry: Registry) throws -> RegistryImportReport {
        try write { tx in
            let plan = RegistryImportPlan(old: try Self.loadRegistry(tx), new: registry)
            for (i, a) in plan.agencies {
                try tx.execute("""
                    INSERT INTO agency (id, name, field, kind, mailbox, position)
                    VALUES (\(a.id), \(a.name), \(a.field.rawValue), \(a.kind.rawValue), \(a.mailbox), \(i))
                    ON CONFLICT (tenant, id) DO UPDATE SET name = excluded.name, field = excluded.field,
                      kind = excluded.kind, mailbox = excluded.mailbox, position = excluded.position
                    """)
                try tx.execute("DELETE FROM agency_role WHERE agency_id = \(a.id)")
                for role in a.roles.sorted() {
                    try tx.execute("INSERT INTO agency_role (agency_id, role) VALUES (\(a.id), \(role.rawValue))")
                }
            }
            for (i, p) in plan.people {
                try tx.execute("""
                    INSERT INTO person (id, name, mailbox, agency_id, title, position)
                    VALUES (\(p.id), \(p.name), \(p.mailbox), \(p.agency), \(p.title), \(i))
                    ON CONFLICT (tenant, id) DO UPDATE SET name = excluded.name, mailbox = excluded.mailbox,
                      agency_id = excluded.agency_id, title = excluded.title, position = excluded.position
                    """)
            }
            for (i, b) in plan.bodies {
                try tx.execute("""
                    INSERT INTO body (id, name, kind, position) VALUES (\(b.id), \(b.name), \(b.kind.rawValue), \(i))
                    ON CONFLICT (tenant, id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                      position = excluded.position
                    """)
                try tx.execute("DELETE FROM body_member WHERE body_id = \(b.id)")
                for (j, m) in b.members.enumerated() {
                    try tx.execute("""
                        INSERT INTO body_member (body_id, person_id, position, appointed_on,
                          confidentiality_acknowledged_on, appointment_ends_on, temporary)
                        VALUES (\(b.id), \(m.person), \(j), \(m.appointedOn?.iso), \(m.confidentialityAcknowledgedOn?.iso),
                          \(m.appointmentEndsOn?.iso), \(m.temporary))
                        """)
                }
            }
            return plan.report
        }
    }
}
