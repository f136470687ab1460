public import KasaneCore

/// Reads the registry file (agencies, people, meeting bodies). See README "Registry file".
public enum RegistryFile {
    /// Parses and checks a registry file.
    /// - Throws: `YAMLInputError` at `file:line` for malformed YAML, an unknown key, a bad value,
    ///   a duplicated id, or a reference to an agency or person that is not in the file.
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> Registry {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["agencies", "people", "bodies"])
        var agencies: [Agency] = []
        var agencyIDs: Set<AgencyID> = []
        for node in try top["agencies"]?.sequence() ?? [] {
            let m = try node.mapping(allowing: ["id", "name", "field", "kind", "mailbox", "roles"])
            let idNode = try m.required("id", in: node)
            let id = try idNode.identifier()
            guard agencyIDs.insert(id).inserted else { throw idNode.fail(.idTwice(.agency, id)) }
            var roles: Set<ProgrammeRole> = []
            for r in try m["roles"]?.sequence() ?? [] {
                roles.insert(try r.enumeration(ProgrammeRole.self, what: .programmeRole))
            }
            agencies.append(Agency(
                id: id, name: try m.required("name", in: node).nonEmptyString(),
                field: try m.required("field", in: node).enumeration(Field.self, what: .field),
                kind: try m.required("kind", in: node).enumeration(AgencyKind.self, what: .agencyKind),
                mailbox: try m.required("mailbox", in: node).mailbox(), roles: roles))
        }
        var people: [Person] = []
        var personIDs: Set<PersonID> = []
        for node in try top["people"]?.sequence() ?? [] {
            let m = try node.mapping(allowing: ["id", "name", "mailbox", "agency", "title"])
            let idNode = try m.required("id", in: node)
            let id = try idNode.identifier()
            guard personIDs.insert(id).inserted else { throw idNode.fail(.idTwice(.person, id)) }
            let agencyNode = try m.required("agency", in: node)
            let agency = try agencyNode.identifier()
            guard agencyIDs.contains(agency) else {
                throw agencyNode.fail(.unknownAgency(agency))
            }
            people.append(Person(id: id, name: try m.required("name", in: node).nonEmptyString(),
                                 mailbox: try m.required("mailbox", in: node).mailbox(), agency: agency,
                                 title: try m["title"]?.string() ?? ""))
        }
        var bodies: [MeetingBody] = []
        var bodyIDs: Set<BodyID> = []
        for node in try top["bodies"]?.sequence() ?? [] {
            let m = try node.mapping(allowing: ["id", "name", "kind", "members"])
            let idNode = try m.required("id", in: node)
            let id = try idNode.identifier()
            guard bodyIDs.insert(id).inserted else { throw idNode.fail(.idTwice(.body, id)) }
            let kind = try m.required("kind", in: node).enumeration(BodyKind.self, what: .bodyKind)
            var members: [BodyMember] = []
            for memberNode in try m["members"]?.sequence() ?? [] {
                let mm = try memberNode.mapping(allowing: ["person", "appointed", "confidentiality", "ends", "temporary"])
                let personNode = try mm.required("person", in: memberNode)
                let person = try personNode.identifier()
                guard personIDs.contains(person) else {
                    throw personNode.fail(.unknownPerson(person))
                }
                guard !members.contains(where: { $0.person == person }) else {
                    throw personNode.fail(.personTwiceInBody(person: person, body: id))
                }
                let member = BodyMember(
                    person: person, appointedOn: try mm["appointed"]?.date(),
                    confidentialityAcknowledgedOn: try mm["confidentiality"]?.date(),
                    appointmentEndsOn: try mm["ends"]?.date(), temporary: try mm["temporary"]?.bool() ?? false)
                if kind == .supportMeeting && member.appointedOn == nil {
                    throw memberNode.fail(.supportMemberNeedsAppointment)
                }
                if let a = member.appointedOn, let e = member.appointmentEndsOn, e < a {
                    throw memberNode.fail(.appointmentEndsBeforeStart(ends: e, starts: a))
                }
                members.append(member)
            }
            bodies.append(MeetingBody(id: id, name: try m.required("name", in: node).nonEmptyString(), kind: kind,
                                      members: members))
        }
        return Registry(agencies: agencies, people: people, bodies: bodies)
    }
}
