public import KasaneCore

/// Reads a bulk case file (`kasane case import`), for municipalities moving existing records in.
/// See README "Case file".
public enum CaseImportFile {
    /// Parses a case file. Structure and values are checked here with `file:line`; the rules of the
    /// case file (consent before withdrawal, known agencies, …) are checked when the store appends.
    /// - Throws: `YAMLInputError` at `file:line`.
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> [CaseImport] {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["cases"])
        var numbers: Set<CaseNumber> = []
        var result: [CaseImport] = []
        for node in try top.required("cases", in: root).sequence() {
            let m = try node.mapping(allowing: ["number", "opened", "referred_by", "fields", "agencies", "members", "events"])
            let numberNode = try m.required("number", in: node)
            let number = try numberNode.string()
            guard CaseNumberRule.isValid(number) else {
                throw numberNode.fail(.invalidCaseNumber(number))
            }
            guard numbers.insert(number).inserted else { throw numberNode.fail(.caseTwice(number)) }
            let opened = CaseEvent.Opened(
                number: number, openedOn: try m.required("opened", in: node).date(),
                referredBy: try m.required("referred_by", in: node).identifier(),
                fields: Set(try (m["fields"]?.sequence() ?? []).map { n throws(YAMLInputError) in try n.enumeration(Field.self, what: .field) }),
                involvedAgencies: try (m["agencies"]?.sequence() ?? []).map { n throws(YAMLInputError) in try n.identifier() })
            var members: [NewMember] = []
            for mn in try m["members"]?.sequence() ?? [] {
                members.append(try member(mn))
            }
            var events: [SourcedEvent] = []
            for en in try m["events"]?.sequence() ?? [] {
                // Sequence numbers: 1 is the opening, then one per member, then the events in order.
                let seq = 1 + members.count + events.count + 1
                events += try event(en, seq: seq).map { SourcedEvent($0, source: en.location) }
            }
            result.append(CaseImport(opened: opened, source: node.location, members: members, events: events))
        }
        return result
    }

    static func member(_ node: YAMLNode) throws(YAMLInputError) -> NewMember {
        let m = try node.mapping(allowing: ["key", "relation", "principal", "name", "born", "address", "circumstances"])
        let keyNode = try m.required("key", in: node)
        let key = try keyNode.string()
        guard CaseNumberRule.isValid(key) else {
            throw keyNode.fail(.invalidMemberKey(key))
        }
        return NewMember(
            member: HouseholdMember(key: key, relation: try m.required("relation", in: node).nonEmptyString(),
                                    isPrincipal: try m["principal"]?.bool() ?? false),
            details: MemberDetails(name: try m.required("name", in: node).nonEmptyString(),
                                   birthDate: try m["born"]?.date(), address: try m["address"]?.string(),
                                   circumstances: try m["circumstances"]?.string()))
    }

    /// One entry: a mapping with exactly one key naming its kind. A plan entry with `confirmed`
    /// also records the decision that confirmed it (for records moved in from elsewhere).
    static func event(_ node: YAMLNode, seq: Int) throws(YAMLInputError) -> [CaseEvent] {
        let outer = try node.mapping(allowing: ["consent", "withdraw", "plan", "revise", "contact", "propose_end",
                                                "join", "leave", "principal_attends"])
        guard outer.count == 1, let (kind, body) = outer.first, kind == "plan" || kind == "revise" else {
            return [try event(node)]
        }
        let m = try body.mapping(allowing: ["kind", "on", "urgent", "services", "confirmed", "monitoring",
                                            "support_decision_by"])
        guard let confirmedNode = m["confirmed"] else {
            for key in ["monitoring", "support_decision_by"] {
                if let n = m[key] { throw n.fail(.needsConfirmed(key)) }
            }
            return [try event(node)]
        }
        let confirmed = try confirmedNode.date()
        return [try event(node), .decisionRecorded(.init(
            onEvent: seq, decidedOn: confirmed, outcome: .planApproved, monitoringOn: try m["monitoring"]?.date(),
            supportDecisionBy: try m["support_decision_by"]?.identifier()))]
    }

    /// One event: a mapping with exactly one key naming its kind.
    static func event(_ node: YAMLNode) throws(YAMLInputError) -> CaseEvent {
        let kinds: Set<String> = ["consent", "withdraw", "plan", "revise", "contact", "propose_end", "join", "leave",
                                  "principal_attends"]
        let outer = try node.mapping(allowing: kinds)
        guard outer.count == 1, let (kind, body) = outer.first else {
            throw node.fail(.notOneEvent(allowed: kinds.sorted()))
        }
        switch kind {
        case "consent":
            let m = try body.mapping(allowing: ["member", "on", "agencies", "fields", "form", "given_by"])
            return .consentGranted(.init(
                member: try m.required("member", in: body).string(), grantedOn: try m.required("on", in: body).date(),
                scope: ConsentScope(
                    agencies: Set(try (m["agencies"]?.sequence() ?? []).map { n throws(YAMLInputError) in try n.identifier() }),
                    fields: Set(try (m["fields"]?.sequence() ?? []).map { n throws(YAMLInputError) in try n.enumeration(Field.self, what: .field) })),
                formReference: try m.required("form", in: body).nonEmptyString(),
                givenBy: try m["given_by"]?.string()))
        case "withdraw":
            let m = try body.mapping(allowing: ["member", "on"])
            return .consentWithdrawn(.init(member: try m.required("member", in: body).string(),
                                           withdrawnOn: try m.required("on", in: body).date()))
        case "plan", "revise":
            let m = try body.mapping(allowing: ["kind", "on", "urgent", "services", "confirmed", "monitoring",
                                                "support_decision_by"])
            var services: [PlanService] = []
            for sn in try m.required("services", in: body).sequence() {
                let s = try sn.mapping(allowing: ["agency", "task", "statutory"])
                services.append(PlanService(agency: try s.required("agency", in: sn).identifier(),
                                            task: try s.required("task", in: sn).nonEmptyString(),
                                            statutory: try s["statutory"]?.bool() ?? false))
            }
            let drafted = CaseEvent.PlanDrafted(
                kind: try m.required("kind", in: body).enumeration(PlanKind.self, what: .planKind),
                draftedOn: try m.required("on", in: body).date(), services: services,
                urgent: try m["urgent"]?.bool() ?? false)
            return kind == "plan" ? .planDrafted(drafted) : .planRevised(drafted)
        case "contact":
            let m = try body.mapping(allowing: ["on", "method", "reached", "by"])
            return .contactLogged(ContactAttempt(
                date: try m.required("on", in: body).date(),
                method: try m.required("method", in: body).enumeration(ContactMethod.self, what: .contactMethod),
                reached: try m.required("reached", in: body).bool(), by: try m["by"]?.identifier()))
        case "propose_end":
            let m = try body.mapping(allowing: ["on", "by", "urgent"])
            return .endProposed(.init(proposedOn: try m.required("on", in: body).date(),
                                      by: try m.required("by", in: body).identifier(),
                                      urgent: try m["urgent"]?.bool() ?? false))
        case "join", "leave":
            let m = try body.mapping(allowing: ["agency", "on"])
            let change = CaseEvent.AgencyChange(agency: try m.required("agency", in: body).identifier(),
                                                on: try m.required("on", in: body).date())
            return kind == "join" ? .agencyJoined(change) : .agencyLeft(change)
        default:
            let m = try body.mapping(allowing: ["attends", "on"])
            return .principalAttendance(.init(attends: try m.required("attends", in: body).bool(),
                                              on: try m.required("on", in: body).date()))
        }
    }
}
