public import Foundation
public import KasaneCore

/// A mark of the workspace's state at one moment, for asking later whether it moved
/// (`WorkspaceStore.hasChanged(since:)`). Opaque: only equality means something, and only for
/// tokens of the same store value.
public struct ChangeToken: Hashable, Sendable {
    let parts: [Int]

    /// A token made of the implementation's own counters (SQLite: `data_version`; PostgreSQL: a
    /// `LISTEN/NOTIFY` sequence).
    public init(_ parts: [Int]) { self.parts = parts }
}

/// What `schedule` works from, read in the transaction that saves its result.
public struct ScheduleSnapshot: Sendable {
    public var registry: Registry
    public var caseFiles: [CaseFile]
    public var sessions: [Session]
    public var items: [ScheduledItem]
    public var acceptances: [JointAcceptance]

    public init(registry: Registry, caseFiles: [CaseFile], sessions: [Session], items: [ScheduledItem],
                acceptances: [JointAcceptance]) {
        self.registry = registry
        self.caseFiles = caseFiles
        self.sessions = sessions
        self.items = items
        self.acceptances = acceptances
    }
}

/// What `invite` works from, read in the transaction that records what it sent.
public struct PublishSnapshot: Sendable {
    public var registry: Registry
    public var caseFiles: [CaseFile]
    public var sessions: [Session]
    public var items: [ScheduledItem]
    public var published: [PublishedItem]

    public init(registry: Registry, caseFiles: [CaseFile], sessions: [Session], items: [ScheduledItem],
                published: [PublishedItem]) {
        self.registry = registry
        self.caseFiles = caseFiles
        self.sessions = sessions
        self.items = items
        self.published = published
    }
}

/// What a publishing run decided to record: the calendar objects and who was sent what.
public struct PublishRecord: Sendable {
    public var items: [PublishedItem]
    public var sentAt: UTCTimestamp

    public init(items: [PublishedItem], sentAt: UTCTimestamp) {
        self.items = items
        self.sentAt = sentAt
    }
}

/// The workspace as the use cases see it (STYLE §18): domain reads and writes, each write one
/// invariant-preserving transaction, and change notification. `AppDatabase` (SQLite) is one
/// implementation; a second one (PostgreSQL) passes the same contract suite
/// (`Tests/KasaneStoreTests/StoreContract.swift`) unchanged. Every member throws `StoreError`
/// for what the user can fix and the implementation's own errors otherwise.
public protocol WorkspaceStore: AnyObject, Sendable {
    // MARK: - Change notification

    /// A token of the workspace's state now, cheap enough to take on every HTTP request.
    func changeToken() throws -> ChangeToken
    /// Whether anything was committed — by this process or another one — since `token` was taken.
    /// A `true` may be spurious (a commit that changed nothing visible); a `false` never is.
    func hasChanged(since token: ChangeToken) throws -> Bool
    /// A number that changes whenever anything documents and feeds are made from changes
    /// (registry, case files, schedule, published calendar objects); audit rows do not count.
    func workspaceVersion() throws -> Int

    // MARK: - Registry

    /// The registry as stored: agencies, people, bodies, appointments.
    func registry() throws -> Registry
    /// Replaces the registry with `registry`, keeping what the case files refer to.
    func importRegistry(_ registry: Registry) throws -> RegistryImportReport

    // MARK: - Cases

    /// The current state of case `number`. - Throws: `StoreError.caseNotFound`.
    func caseFile(_ number: CaseNumber) throws -> CaseFile
    /// The stored events of case `number`, in order. - Throws: `StoreError.caseNotFound`.
    func events(of number: CaseNumber) throws -> [RecordedEvent]
    /// The members' personal details (names, births) of case `number`; never in a feed.
    func memberDetails(of number: CaseNumber) throws -> [MemberKey: MemberDetails]
    /// Every case file.
    func caseFiles() throws -> [CaseFile]
    /// The case files of `numbers` that exist, in the order they were opened: what a command about
    /// one meeting or one case reads instead of the whole city (#13.4).
    func caseFiles(_ numbers: some Collection<CaseNumber>) throws -> [CaseFile]
    /// The number of stored events.
    func eventCount() throws -> Int
    /// Opens a case with its members (one transaction).
    @discardableResult
    func openCase(_ opened: CaseEvent.Opened, members: [NewMember], today: LocalDate, now: Date) throws -> CaseFile
    /// Appends events to a case, all or none.
    @discardableResult
    func append(_ events: [SourcedEvent], to number: CaseNumber, newMembers: [NewMember], today: LocalDate,
                now: Date) throws -> CaseFile
    /// Imports cases, all or none.
    @discardableResult
    func importCases(_ cases: [CaseImport], today: LocalDate, now: Date) throws -> [CaseFile]

    // MARK: - Chain

    /// Checks every case's chain of events.
    func verifyChains() throws -> (cases: Int, events: Int, broken: [BrokenChain])
    /// The chain heads at the given events (for documents' footers).
    func chainHeads(at events: [(number: CaseNumber, seq: Int)]) throws -> [ChainHead]
    /// The chain heads of the given cases' last events.
    func chainHeads(of numbers: [CaseNumber]) throws -> [ChainHead]

    // MARK: - Sessions and schedule

    /// Every stored session.
    func sessions() throws -> [Session]
    /// Every accepted joint holding (R5).
    func jointAcceptances() throws -> [JointAcceptance]
    /// Every scheduled item.
    func scheduledItems() throws -> [ScheduledItem]
    /// Session `id` with its deputies, or nil.
    func session(_ id: String) throws -> Session?
    /// The items of session `id`, by position.
    func scheduledItems(inSession id: String) throws -> [ScheduledItem]
    /// Sends `person` in place of `agency`'s people to a session (`nil`: the usual people, R15).
    func setDeputy(session sessionID: String, agency: AgencyID, person: PersonID?) throws
    /// Reads the workspace, lets `compute` work out the schedule and saves it, in one transaction.
    func updateSchedule<T>(today: LocalDate,
                           _ compute: (ScheduleSnapshot) throws -> (items: [ScheduledItem], sessions: [Session], extra: T))
        throws -> (report: ScheduleSaveReport, extra: T)
    /// Marks a session held or minuted (R20).
    func setState(_ state: SessionState, of sessionID: String, today: LocalDate) throws
    /// Records an accepted joint holding, storing its session (R5).
    func acceptJointHolding(_ acceptance: JointAcceptance, session: Session) throws
    /// Withdraws the joint holding of a trigger; `false` when there was none.
    func withdrawJointHolding(triggerID: String) throws -> Bool
    /// Saves a schedule (items and sessions), keeping record sessions (R20).
    func saveSchedule(items: [ScheduledItem], sessions: [Session], today: LocalDate) throws -> ScheduleSaveReport

    // MARK: - Publishing

    /// What was last published for every item, with who holds which version.
    func publishedItems() throws -> [PublishedItem]
    /// Reads the schedule, lets `body` write the messages out and records what was sent, in one transaction.
    func publishing<T>(_ body: (PublishSnapshot) throws -> (record: PublishRecord, extra: T)) throws -> T
    /// Stores calendar objects (with `recipients`, who was sent what); returns the rows changed.
    @discardableResult
    func savePublished(_ items: [PublishedItem], sentAt: UTCTimestamp, recipients: Bool) throws -> Int

    // MARK: - Feed tokens and audit

    /// The active token of SHA-256 `hash`: (token id, agency).
    func activeFeedToken(hash: String) throws -> (id: String, agency: AgencyID)?
    /// Every active token by SHA-256.
    func activeFeedTokens() throws -> [String: (id: String, agency: AgencyID)]
    /// The stored tokens (ids and state), of one agency or all.
    func feedTokens(agency: AgencyID?) throws -> [FeedTokenInfo]
    /// The feed reads, newest first.
    func feedAudit(agency: AgencyID?, since: UTCTimestamp?, limit: Int?) throws -> [FeedAuditEntry]
    /// Issues an agency's token. - Throws: `FeedTokenError` when one is active or the agency is unknown.
    func issueFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> IssuedFeedToken
    /// Revokes an agency's tokens and issues a new one.
    func rotateFeedToken(agency: AgencyID, now: UTCTimestamp) throws -> (issued: IssuedFeedToken, revoked: [String])
    /// Revokes an agency's tokens; returns their ids.
    func revokeFeedTokens(agency: AgencyID, now: UTCTimestamp) throws -> [String]
    /// Appends feed reads to the audit log (one transaction).
    func recordFeedReads(_ entries: [FeedAuditEntry]) throws
}

extension WorkspaceStore {
    public func hasChanged(since token: ChangeToken) throws -> Bool { try changeToken() != token }
}

extension AppDatabase: WorkspaceStore {}
