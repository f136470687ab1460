public import KasaneCore
public import KasaneStore

/// The registry use cases: import it from its file, list agencies, people and meeting bodies.
public struct RegistryCases: Sendable {
    public var store: any WorkspaceStore

    public init(store: any WorkspaceStore) { self.store = store }

    /// Imports `registry` (re-importing the same file changes nothing).
    /// - Throws: the store's refusal.
    public func importRegistry(_ registry: Registry) throws -> RegistryImportReport {
        try store.importRegistry(registry)
    }

    /// Every agency, as listed.
    public func agencies() throws -> [AgencyView] { try store.registry().agencies.map(AgencyView.init) }

    /// The people, only those of `agency` when given.
    public func people(of agency: AgencyID?) throws -> [Person] {
        try store.registry().people.filter { agency == nil || $0.agency == agency }
    }

    /// The meeting bodies with their members.
    public func bodies() throws -> [MeetingBody] { try store.registry().bodies }
}

/// An agency as `agency list` gives it (roles sorted).
public struct AgencyView: Encodable, Hashable, Sendable {
    public let id: String, name: String, field: String, kind: String, mailbox: String, roles: [String]

    public init(_ a: Agency) {
        id = a.id
        name = a.name
        field = a.field.rawValue
        kind = a.kind.rawValue
        mailbox = a.mailbox
        roles = a.roles.sorted().map(\.rawValue)
    }
}
