public import KasaneCore

/// Who a document is for (R15): one attendee, one agency, or the secretariat's master copy.
public enum Reader: Hashable, Sendable {
    /// A person's copy: only the items the person attends, and only those items' attendees.
    case person(PersonID)
    /// An agency's copy: only the items a person of the agency attends.
    case agency(AgencyID)
    /// The secretariat's master copy, marked 非公開: every item, with exclusions and their reasons.
    case master

    /// Whether this reader may see an item with `attendance`, given the people recorded as having
    /// actually attended it (minutes): the master sees every item.
    func sees(_ attendance: ItemAttendance?, attended: [PersonID] = [], registry: Registry) -> Bool {
        switch self {
        case .master:
            return true
        case .person(let id):
            return attendance?.attendee(id) != nil || attended.contains(id)
        case .agency(let id):
            return attendance?.attends(agency: id) == true
                || attended.contains { registry.person($0)?.agency == id }
        }
    }
}
