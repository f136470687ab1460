public import KasaneCore

/// Where one message of the outbox stands (#14.5).
public enum OutboxState: String, Hashable, Sendable, CaseIterable, Codable {
    /// Recorded, not yet handed to the relay (a new message, or one a stopped run never reached).
    case queued
    /// Being handed to the relay: the run stopped before it knew whether the relay accepted it.
    /// Never sent again on its own (it may have arrived); `kasane outbox` shows it.
    case sending
    /// The relay accepted it (`OutboxEntry.serverReply` holds the relay's reply).
    case sent
    /// The relay refused it or could not be reached (`OutboxEntry.failure`); the next
    /// `invite --smtp` tries it again.
    case failed
    /// Written as files only (`invite` without `--smtp`): Kasane does not deliver it.
    case written
}

/// A message to record in the outbox: its bytes, ready to send, and what it is about.
public struct OutboxDraft: Hashable, Sendable {
    /// The Message-ID without angle brackets; unique for every message ever recorded.
    public var messageID: String
    /// The item's calendar key.
    public var triggerID: String
    public var personID: PersonID
    public var method: ITIPMethod
    public var sequence: Int
    /// The envelope sender and recipient.
    public var sender: String
    public var recipient: String
    /// The `.eml` file the message was also written to.
    public var path: String
    /// The whole message (CRLF).
    public var message: String

    public init(messageID: String, triggerID: String, personID: PersonID, method: ITIPMethod, sequence: Int,
                sender: String, recipient: String, path: String, message: String) {
        self.messageID = messageID
        self.triggerID = triggerID
        self.personID = personID
        self.method = method
        self.sequence = sequence
        self.sender = sender
        self.recipient = recipient
        self.path = path
        self.message = message
    }
}

/// One recorded message and its delivery state.
public struct OutboxEntry: Hashable, Sendable {
    /// The outbox number (increasing, never reused).
    public var number: Int
    public var draft: OutboxDraft
    public var state: OutboxState
    /// How many times the relay was asked to take it.
    public var attempts: Int
    public var queuedAt: UTCTimestamp
    public var lastAttemptAt: UTCTimestamp?
    /// The relay's reply when it accepted the message.
    public var serverReply: String?
    /// Why the last attempt failed.
    public var failure: String?

    public init(number: Int, draft: OutboxDraft, state: OutboxState, attempts: Int, queuedAt: UTCTimestamp,
                lastAttemptAt: UTCTimestamp?, serverReply: String?, failure: String?) {
        self.number = number
        self.draft = draft
        self.state = state
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.lastAttemptAt = lastAttemptAt
        self.serverReply = serverReply
        self.failure = failure
    }

    /// Sent after at least one failed attempt.
    public var retried: Bool { state == .sent && attempts > 1 }
}

/// The outbox (#14.5): every message `invite` makes is recorded, in the transaction that records
/// the publishing run, before anything is sent; each delivery attempt then moves its state.
/// A separate protocol from `WorkspaceStore`, so other stores adopt it on their own.
public protocol OutboxStore: AnyObject, Sendable {
    /// Reads the schedule, lets `body` prepare the messages (numbered from the `firstNumber` it is
    /// given, so each Message-ID can carry its outbox number), and records the run and the
    /// messages — in one transaction. `queued` says whether the messages are to be delivered
    /// (`.queued`) or were written as files only (`.written`). When `body` throws, nothing is recorded.
    func publishing<T>(queued: Bool, at now: UTCTimestamp,
                       _ body: (PublishSnapshot, _ firstNumber: Int) throws -> (record: PublishRecord, drafts: [OutboxDraft], extra: T))
        throws -> T
    /// The recorded messages in `states` (every message when `nil`), by number.
    func outbox(states: Set<OutboxState>?) throws -> [OutboxEntry]
    /// Claims message `number` (queued or failed) for one attempt, committed before the relay is
    /// asked; `false` when another run already took it or it is in another state.
    func markSending(_ number: Int, at now: UTCTimestamp) throws -> Bool
    /// Marks message `number` as accepted by the relay with its `reply`.
    func markSent(_ number: Int, reply: String, at now: UTCTimestamp) throws
    /// Marks message `number` as failed with `reason`.
    func markFailed(_ number: Int, reason: String, at now: UTCTimestamp) throws
}
