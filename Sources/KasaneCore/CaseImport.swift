/// A household member to add, with the personal details that stay in the case-file tables.
public struct NewMember: Hashable, Sendable {
    public var member: HouseholdMember
    public var details: MemberDetails

    public init(member: HouseholdMember, details: MemberDetails) {
        self.member = member
        self.details = details
    }
}

/// One event to append, with where it came from (`cases.yaml:42`) for error messages.
public struct SourcedEvent: Hashable, Sendable {
    public var event: CaseEvent
    public var source: String?

    public init(_ event: CaseEvent, source: String? = nil) {
        self.event = event
        self.source = source
    }
}

/// A whole case to import: its opening, members and events in order.
public struct CaseImport: Hashable, Sendable {
    public var opened: CaseEvent.Opened
    public var source: String?
    public var members: [NewMember]
    public var events: [SourcedEvent]

    public init(opened: CaseEvent.Opened, source: String? = nil, members: [NewMember], events: [SourcedEvent]) {
        self.opened = opened
        self.source = source
        self.members = members
        self.events = events
    }
}
