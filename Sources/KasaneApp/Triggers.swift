public import KasaneCore
public import KasaneStore

/// The open triggers use case (`kasane triggers`): every case, or one.
public struct OpenTriggers: Sendable {
    public var store: any WorkspaceStore
    public var clock: AppClock

    public init(store: any WorkspaceStore, clock: AppClock) {
        self.store = store
        self.clock = clock
    }

    /// The open mandatory-meeting triggers (R6–R8) and monitoring reviews (R7) on today, of case
    /// `number` or of every case, in schedule order.
    /// - Throws: `StoreError.caseNotFound` for an unknown case.
    public func list(case number: CaseNumber?, policy: TriggerPolicy, calendar: BusinessCalendar) throws -> [Trigger] {
        let files = try number.map { [try store.caseFile($0)] } ?? store.caseFiles()
        return Triggers.open(in: files, policy: policy, calendar: calendar, today: clock.today)
    }
}

/// A trigger as `triggers --json` gives it, with its agenda headings.
public struct TriggerView: Encodable, Sendable {
    public let trigger: Trigger
    public let agenda: [String]

    public init(_ t: Trigger) {
        trigger = t
        agenda = t.agenda
    }

    public func encode(to encoder: any Encoder) throws {
        try trigger.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(agenda, forKey: .agenda)
    }

    enum Key: String, CodingKey { case agenda }
}
