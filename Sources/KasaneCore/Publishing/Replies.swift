/// An invitee's answer to one item (R21: an intention, not the attendance record), as iTIP
/// PARTSTAT values.
public enum AnswerState: String, Hashable, Sendable, Codable, CaseIterable {
    /// No answer yet, or the answer no longer holds after a significant change (回答なし).
    case needsAction = "NEEDS-ACTION"
    /// 出席.
    case accepted = "ACCEPTED"
    /// 欠席.
    case declined = "DECLINED"
    /// 未定.
    case tentative = "TENTATIVE"
    /// 代理: a colleague goes instead (DELEGATED-TO).
    case delegated = "DELEGATED"
}

/// What a reply (iTIP REPLY or COUNTER) says, read from its calendar.
public struct ReceivedReply: Hashable, Sendable, Codable {
    /// `REPLY` or `COUNTER`.
    public enum Method: String, Hashable, Sendable, Codable { case reply = "REPLY", counter = "COUNTER" }

    public var method: Method
    public var uid: String
    /// The SEQUENCE answered (0 when absent, RFC 5546 §2.1.4).
    public var sequence: Int
    /// The replying attendee's mailbox (lower-cased) and PARTSTAT as written.
    public var attendee: String
    public var partstat: String
    /// DELEGATED-TO's mailbox (lower-cased).
    public var delegatedTo: String?
    /// DTSTAMP: when the answer was made.
    public var stamp: UTCTimestamp?
    /// COUNTER: the proposed start and end, as written (never applied).
    public var proposedStart: String?
    public var proposedEnd: String?

    public init(method: Method, uid: String, sequence: Int, attendee: String, partstat: String, delegatedTo: String?,
                stamp: UTCTimestamp?, proposedStart: String? = nil, proposedEnd: String? = nil) {
        self.method = method
        self.uid = uid
        self.sequence = sequence
        self.attendee = attendee
        self.partstat = partstat
        self.delegatedTo = delegatedTo
        self.stamp = stamp
        self.proposedStart = proposedStart
        self.proposedEnd = proposedEnd
    }
}

/// Why a reply was refused (never applied; logged without personal data).
public enum ReplyRefusal: Error, Hashable, Sendable, Codable {
    /// Bigger than the cap (bytes, limit).
    case tooLarge(bytes: Int, limit: Int)
    /// Not UTF-8 at `line`.
    case notUTF8(line: Int)
    /// An unfolded line longer than `limit` octets at `line`.
    case lineTooLong(line: Int, limit: Int)
    /// A control character (other than TAB, CR, LF) at `line`.
    case controlCharacter(line: Int)
    /// The mail has no `text/calendar` or `.ics` part.
    case noCalendar
    /// The mail's structure cannot be read (`what`: the part that failed).
    case badMail(String)
    /// libical could not read the calendar, or a required property is missing (`what`).
    case notICalendar(String)
    /// The parser took too long or too much memory (child process stopped).
    case parserLimit
    /// METHOD is not REPLY or COUNTER.
    case notAReply(method: String)
    /// Not exactly one ATTENDEE.
    case attendeeCount(Int)
    /// A PARTSTAT other than ACCEPTED, DECLINED, TENTATIVE, DELEGATED.
    case unknownPartstat(String)
    /// DELEGATED without DELEGATED-TO.
    case delegatedToMissing
    /// A UID of another municipality (not this workspace's domain).
    case otherMunicipality
    /// A UID of this workspace that no published item has.
    case unknownItem(uid: String)
    /// The mail's From is not the ATTENDEE's mailbox.
    case senderNotAttendee
    /// The ATTENDEE was not sent this item (not invited, or uninvited).
    case notInvited(uid: String)
}

/// What became of one reply (R21).
public enum ReplyOutcome: Hashable, Sendable, Codable {
    /// The answer now in force for the person and item.
    case applied(AnswerState)
    /// A reply to an older SEQUENCE than the person's invitation: recorded, not applied.
    case stale(answered: Int, current: Int)
    /// A COUNTER: recorded as a proposal for the secretariat, never applied.
    case counter
    /// DELEGATED to someone who cannot be seated as a deputy (R15): the answer is kept, no deputy.
    case delegationKept(DelegationProblem)
    /// The same bytes were read before.
    case duplicate
    /// Refused: never applied.
    case refused(ReplyRefusal)
}

extension ReplyOutcome {
    /// The outcome's code as the reply log stores it (`applied`, `stale`, `counter`,
    /// `delegation_kept`, `duplicate`, `refused`).
    public var code: String {
        switch self {
        case .applied: "applied"
        case .stale: "stale"
        case .counter: "counter"
        case .delegationKept: "delegation_kept"
        case .duplicate: "duplicate"
        case .refused: "refused"
        }
    }
}

/// Why a delegation did not seat a deputy (R15).
public enum DelegationProblem: Hashable, Sendable, Codable {
    /// No registered person has the DELEGATED-TO mailbox.
    case unknownDelegate
    /// The delegate works for another agency than the one it would stand in for (R15).
    case otherAgency
    /// The delegate already attends the item in their own right.
    case alreadyAttends
}

/// What a reply does to the workspace, decided from what was published (R21, R15).
public struct ReplyJudgement: Hashable, Sendable {
    public var outcome: ReplyOutcome
    /// The item and person answered (nil when refused before they were known).
    public var triggerID: String?
    public var person: PersonID?
    /// The deputy to seat for the person's agency (DELEGATED to a colleague of that agency).
    public var deputy: (agency: AgencyID, person: PersonID)? {
        get { deputyAgency.flatMap { a in deputyPerson.map { (a, $0) } } }
        set { deputyAgency = newValue?.agency; deputyPerson = newValue?.person }
    }
    private var deputyAgency: AgencyID?
    private var deputyPerson: PersonID?

    public init(outcome: ReplyOutcome, triggerID: String? = nil, person: PersonID? = nil,
                deputy: (agency: AgencyID, person: PersonID)? = nil) {
        self.outcome = outcome
        self.triggerID = triggerID
        self.person = person
        self.deputyAgency = deputy?.agency
        self.deputyPerson = deputy?.person
    }
}

/// The rules of replies (R21): who may answer which item, and what the answer does.
public enum ReplyRules {
    /// Judges `reply`, received in a mail from `sender` (nil for a bare .ics file), against the
    /// published items: the UID must be one of this workspace's items (`uidDomain`), the From
    /// and the ATTENDEE the mailbox of a person who was sent that item's REQUEST. A COUNTER is
    /// only recorded; a reply to an older SEQUENCE than the person's is stale; DELEGATED seats the
    /// colleague named by DELEGATED-TO as a deputy when R15 allows it, and otherwise keeps the
    /// answer with the reason.
    public static func judge(_ reply: ReceivedReply, from sender: String?, items: [PublishedItem], registry: Registry,
                             uidDomain: String) -> ReplyJudgement {
        let uid = reply.uid.lowercased()
        guard let item = items.first(where: { $0.event.uid.lowercased() == uid }) else {
            let domain = uid.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            return ReplyJudgement(outcome: .refused(domain == uidDomain.lowercased() ? .unknownItem(uid: reply.uid)
                                                                                        : .otherMunicipality))
        }
        if let sender, sender.lowercased() != reply.attendee.lowercased() {
            return ReplyJudgement(outcome: .refused(.senderNotAttendee))
        }
        guard let (personID, sent) = item.recipients.sorted(by: { $0.key < $1.key }).first(where: { id, sent in
            sent.method == .request && registry.person(id)?.mailbox.lowercased() == reply.attendee.lowercased()
        }), let person = registry.person(personID) else {
            return ReplyJudgement(outcome: .refused(.notInvited(uid: reply.uid)))
        }
        let answered = ReplyJudgement(outcome: .counter, triggerID: item.triggerID, person: personID)
        if reply.method == .counter { return answered }
        guard let state = AnswerState(rawValue: reply.partstat.uppercased()), state != .needsAction else {
            return ReplyJudgement(outcome: .refused(.unknownPartstat(reply.partstat)))
        }
        if reply.sequence < sent.sequence {
            return ReplyJudgement(outcome: .stale(answered: reply.sequence, current: sent.sequence),
                                  triggerID: item.triggerID, person: personID)
        }
        var judged = answered
        judged.outcome = .applied(state)
        guard state == .delegated else { return judged }
        guard let to = reply.delegatedTo?.lowercased(), !to.isEmpty else {
            return ReplyJudgement(outcome: .refused(.delegatedToMissing))
        }
        guard let delegate = registry.people.first(where: { $0.mailbox.lowercased() == to }) else {
            judged.outcome = .delegationKept(.unknownDelegate)
            return judged
        }
        guard delegate.agency == person.agency else {
            judged.outcome = .delegationKept(.otherAgency)
            return judged
        }
        if item.recipients[delegate.id]?.method == .request {
            judged.outcome = .delegationKept(.alreadyAttends)
            return judged
        }
        judged.deputy = (person.agency, delegate.id)
        return judged
    }
}

extension CalendarEvent {
    /// The item's day, time and place as one text: what an answer holds for (R21).
    public var when: String { "\(date.iso) \(start)-\(end) \(location ?? "")" }
}
