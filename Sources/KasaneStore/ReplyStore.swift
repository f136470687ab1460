public import KasaneCore

/// The answer in force for one person and item (R21), with the SEQUENCE it answered.
public struct StoredAnswer: Hashable, Sendable {
    public var triggerID: String
    public var personID: PersonID
    public var state: AnswerState
    public var sequence: Int
    /// DELEGATED: the colleague seated as deputy (R15), when one was.
    public var deputy: PersonID?
    /// The item's day, time and place when it was answered (`CalendarEvent.when`): once they
    /// change, the answer no longer holds (R21).
    public var itemWhen: String
    /// When the answer was made (its DTSTAMP, or when it was received).
    public var answeredAt: UTCTimestamp
    public var receivedAt: UTCTimestamp

    public init(triggerID: String, personID: PersonID, state: AnswerState, sequence: Int, deputy: PersonID?,
                itemWhen: String, answeredAt: UTCTimestamp, receivedAt: UTCTimestamp) {
        self.itemWhen = itemWhen
        self.triggerID = triggerID
        self.personID = personID
        self.state = state
        self.sequence = sequence
        self.deputy = deputy
        self.answeredAt = answeredAt
        self.receivedAt = receivedAt
    }
}

/// One reply read, as recorded: the log row (no personal data for a refusal), and what it
/// changes — the answer and the deputy to seat.
public struct ReplyRecord: Hashable, Sendable {
    /// The file's base name, or `stdin`.
    public var source: String
    /// SHA-256 of the bytes read (hex): the same bytes twice are a duplicate.
    public var digest: String
    public var receivedAt: UTCTimestamp
    public var outcome: ReplyOutcome
    public var triggerID: String?
    public var personID: PersonID?
    public var partstat: String?
    public var sequence: Int?
    /// COUNTER: the proposal as JSON (`{"start": …, "end": …}`).
    public var proposal: String?
    /// The answer to store (applied and delegation-kept replies).
    public var answer: StoredAnswer?
    /// The deputy to seat: session, agency, person (R15).
    public var deputySession: String?
    public var deputyAgency: AgencyID?

    public init(source: String, digest: String, receivedAt: UTCTimestamp, outcome: ReplyOutcome, triggerID: String? = nil,
                personID: PersonID? = nil, partstat: String? = nil, sequence: Int? = nil, proposal: String? = nil,
                answer: StoredAnswer? = nil, deputySession: String? = nil, deputyAgency: AgencyID? = nil) {
        self.source = source
        self.digest = digest
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.triggerID = triggerID
        self.personID = personID
        self.partstat = partstat
        self.sequence = sequence
        self.proposal = proposal
        self.answer = answer
        self.deputySession = deputySession
        self.deputyAgency = deputyAgency
    }
}

/// Replies (R21, #14.1): the answers in force and the log of every reply read. A separate
/// protocol from `WorkspaceStore`, so other stores adopt it on their own.
public protocol ReplyStore: AnyObject, Sendable {
    /// Every answer in force.
    func answers() throws -> [StoredAnswer]
    /// Those of `digests` already read.
    func knownReplyDigests(_ digests: [String]) throws -> Set<String>
    /// Records the replies of one run in one transaction: the log rows, the answers (replacing
    /// the person's earlier answer to the item) and the deputies seated. All or nothing.
    func recordReplies(_ records: [ReplyRecord]) throws
}
