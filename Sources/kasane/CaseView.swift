import Foundation
import KasaneCore

/// The whole case file as `case show` prints it (the secretariat's view: it includes personal details).
struct CaseView: Encodable {
    struct Member: Encodable {
        let key: String, relation: String, principal: Bool
        let name: String?, born: String?, address: String?, circumstances: String?
    }
    struct ConsentView: Encodable {
        let member: String, grantedOn: String, withdrawnOn: String?, agencies: [String], fields: [String], form: String
        /// R1b: the 親権者 who consented on the member's behalf.
        let givenBy: String?
    }
    struct PlanView: Encodable {
        let kind: String, version: Int, draftedOn: String, state: String, urgent: Bool, event: Int
        let services: [PlanService]
        /// R16: approval, 支援決定 and report (case 3).
        let approvedOn: String?, supportDecisionBy: String?, supportDecisionOn: String?, reportedOn: String?
    }
    struct ContactView: Encodable { let date: String, method: String, reached: Bool, by: String?, event: Int }
    struct EventView: Encodable { let seq: Int, kind: String, recordedAt: String, payload: String }

    let number: String, status: String, openedOn: String, referredBy: String
    let fields: [String], involvedAgencies: [String], principalAttends: Bool
    let members: [Member], consents: [ConsentView], plans: [PlanView], contacts: [ContactView]
    let endProposals: [EndProposal], decisions: [LoggedDecision], events: [EventView]

    init(file: CaseFile, details: [MemberKey: MemberDetails], events: [RecordedEvent]) {
        number = file.number
        status = file.status.rawValue
        openedOn = file.openedOn.iso
        referredBy = file.referredBy
        fields = file.fields.sorted().map(\.rawValue)
        involvedAgencies = file.involvedAgencies
        principalAttends = file.principalAttends
        members = file.members.map { m in
            let d = details[m.key]
            return Member(key: m.key, relation: m.relation, principal: m.isPrincipal, name: d?.name,
                          born: d?.birthDate?.iso, address: d?.address, circumstances: d?.circumstances)
        }
        consents = file.consents.map {
            ConsentView(member: $0.member, grantedOn: $0.grantedOn.iso, withdrawnOn: $0.withdrawnOn?.iso,
                        agencies: $0.scope.agencies.sorted(), fields: $0.scope.fields.sorted().map(\.rawValue),
                        form: $0.formReference, givenBy: $0.givenBy)
        }
        plans = file.plans.map {
            PlanView(kind: $0.kind.rawValue, version: $0.version, draftedOn: $0.draftedOn.iso, state: $0.state.rawValue,
                     urgent: $0.urgent, event: $0.eventSeq, services: $0.services, approvedOn: $0.approvedOn?.iso,
                     supportDecisionBy: $0.supportDecision?.by, supportDecisionOn: $0.supportDecision?.on.iso,
                     reportedOn: $0.reportedOn?.iso)
        }
        contacts = file.contacts.map {
            ContactView(date: $0.attempt.date.iso, method: $0.attempt.method.rawValue, reached: $0.attempt.reached,
                        by: $0.attempt.by, event: $0.eventSeq)
        }
        endProposals = file.endProposals
        decisions = file.decisions
        self.events = events.map {
            EventView(seq: $0.seq, kind: $0.event.kind, recordedAt: $0.recordedAt,
                      payload: String(decoding: $0.event.payload(), as: UTF8.self))
        }
    }

    /// Prints the file for a person to read; every value is passed through `TextRule.printable`,
    /// so a name holding terminal escapes cannot drive the terminal (#12 minor).
    func printHuman() {
        func print(_ line: String) { Swift.print(TextRule.printable(line)) }
        print("\(number)  [\(status)]  opened \(openedOn), referred by \(referredBy)")
        print("分野: \(fields.joined(separator: ", "))")
        print("agencies: \(involvedAgencies.joined(separator: ", "))\(principalAttends ? "  (本人 attends)" : "")")
        print("members:")
        for m in members {
            print("  \(m.key)  \(m.relation)\(m.principal ? " (本人)" : "")  \(m.name ?? "")  \(m.born ?? "")")
        }
        print("consents:")
        for c in consents {
            let scope = (c.agencies + c.fields).joined(separator: ", ")
            print("  \(c.member)  \(c.grantedOn)\(c.withdrawnOn.map { " – withdrawn \($0)" } ?? "")  [\(scope)]  \(c.form)"
                + (c.givenBy.map { "  親権者 \($0) が代わって同意 (R1b)" } ?? ""))
        }
        print("plans:")
        for p in plans {
            print("  \(p.kind) v\(p.version)  \(p.draftedOn)  \(p.state)\(p.urgent ? "  urgent" : "")  (event #\(p.event))")
            if let a = p.approvedOn { print("    会議で承認: \(a)") }
            if let by = p.supportDecisionBy, let on = p.supportDecisionOn { print("    支援決定: \(on)（\(by)） (R16)") }
            if let r = p.reportedOn { print("    自治体へ報告: \(r) (R16)") }
            for s in p.services { print("    - \(s.agency): \(s.task)\(s.statutory ? "  [statutory]" : "")") }
        }
        print("contacts:")
        for c in contacts {
            print("  \(c.date)  \(c.method)  \(c.reached ? "reached" : "not reached")\(c.by.map { "  by \($0)" } ?? "")")
        }
        for e in endProposals { print("end proposed \(e.proposedOn) by \(e.by) (event #\(e.eventSeq))") }
        print("events: \(events.count)")
    }
}

/// One line of `case list`: no personal data.
struct CaseSummary: Encodable {
    let number: String, status: String, openedOn: String, referredBy: String
    let fields: [String], involvedAgencies: [String]

    init(_ f: CaseFile) {
        number = f.number
        status = f.status.rawValue
        openedOn = f.openedOn.iso
        referredBy = f.referredBy
        fields = f.fields.sorted().map(\.rawValue)
        involvedAgencies = f.involvedAgencies
    }
}
