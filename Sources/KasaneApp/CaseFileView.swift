import Foundation
public import KasaneCore


/// The whole case file as `case show` gives it (the secretariat's view: it includes personal
/// details). Encoded as the `case show --json` document.
public struct CaseFileView: Encodable, Sendable {
    /// A household member with their details; after an erasure (#17.3) every detail reads
    /// `CaseFileView.erasedMark` and `erased` is true.
    public struct Member: Encodable, Sendable {
        public let key: String, relation: String, principal: Bool
        public let name: String?, born: String?, address: String?, circumstances: String?
        public var erased = false
    }

    /// What a document shows where an erased detail was (#17.3).
    public static let erasedMark = "消去済み"

    /// A consent, in force or withdrawn.
    public struct ConsentView: Encodable, Sendable {
        public let member: String, grantedOn: String, withdrawnOn: String?, agencies: [String], fields: [String]
        public let form: String
        /// R1b: the 親権者 who consented on the member's behalf.
        public let givenBy: String?
    }
    /// One version of a plan.
    public struct PlanView: Encodable, Sendable {
        public let kind: String, version: Int, draftedOn: String, state: String, urgent: Bool, event: Int
        public let services: [PlanService]
        /// R16: approval, 支援決定 and report (case 3).
        public let approvedOn: String?, supportDecisionBy: String?, supportDecisionOn: String?, reportedOn: String?
    }
    /// One contact attempt (R8).
    public struct ContactView: Encodable, Sendable {
        public let date: String, method: String, reached: Bool, by: String?, event: Int
    }
    /// One recorded event with its JSON payload.
    public struct EventView: Encodable, Sendable {
        public let seq: Int, kind: String, recordedAt: String, payload: String
    }

    public let number: String, status: String, openedOn: String, referredBy: String
    public let fields: [String], involvedAgencies: [String], principalAttends: Bool
    public let members: [Member], consents: [ConsentView], plans: [PlanView], contacts: [ContactView]
    public let endProposals: [EndProposal], decisions: [LoggedDecision], events: [EventView]

    public init(file: CaseFile, details: [MemberKey: MemberDetails], events: [RecordedEvent]) {
        number = file.number
        status = file.status.rawValue
        openedOn = file.openedOn.iso
        referredBy = file.referredBy
        fields = file.fields.sorted().map(\.rawValue)
        involvedAgencies = file.involvedAgencies
        principalAttends = file.principalAttends
        members = file.members.map { m in
            if file.erasedMembers.contains(m.key) && details[m.key] == nil {
                let mark = Self.erasedMark
                return Member(key: m.key, relation: m.relation, principal: m.isPrincipal, name: mark, born: mark,
                              address: mark, circumstances: mark, erased: true)
            }
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
}

/// One line of `case list`: no personal data.
public struct CaseSummary: Encodable, Sendable {
    public let number: String, status: String, openedOn: String, referredBy: String
    public let fields: [String], involvedAgencies: [String]

    public init(_ f: CaseFile) {
        number = f.number
        status = f.status.rawValue
        openedOn = f.openedOn.iso
        referredBy = f.referredBy
        fields = f.fields.sorted().map(\.rawValue)
        involvedAgencies = f.involvedAgencies
    }
}
