public import Foundation

/// The stored form of an event: a kind name and a JSON payload with sorted keys and sorted sets,
/// so the same event always gives the same bytes (the hash chain and tests rely on it).
extension CaseEvent {
    /// Encodes the payload as canonical JSON.
    public func payload() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The payload types are plain values: encoding cannot fail.
        switch self {
        case .opened(let e): return try! encoder.encode(e)
        case .memberAdded(let e): return try! encoder.encode(e)
        case .agencyJoined(let e), .agencyLeft(let e): return try! encoder.encode(e)
        case .consentGranted(let e): return try! encoder.encode(e)
        case .consentWithdrawn(let e): return try! encoder.encode(e)
        case .planDrafted(let e), .planRevised(let e): return try! encoder.encode(e)
        case .contactLogged(let e): return try! encoder.encode(e)
        case .endProposed(let e): return try! encoder.encode(e)
        case .decisionRecorded(let e): return try! encoder.encode(e)
        case .principalAttendance(let e): return try! encoder.encode(e)
        case .reopened(let e): return try! encoder.encode(e)
        case .supportDecided(let e): return try! encoder.encode(e)
        case .detailsErased(let e): return try! encoder.encode(e)
        }
    }

    /// One decoder for every stored event: it has no options, and each `decode` call keeps its
    /// own state, so sharing it is safe and saves making one per event (#13.4).
    private static let decoder = JSONDecoder()

    /// Decodes a stored event.
    /// - Throws: `DecodingError` when the payload does not fit the kind, or `CaseEventDecodingError`
    ///   for an unknown kind.
    public init(kind: String, payload: Data) throws {
        let d = Self.decoder
        switch kind {
        case "opened": self = .opened(try d.decode(Opened.self, from: payload))
        case "member_added": self = .memberAdded(try d.decode(HouseholdMember.self, from: payload))
        case "agency_joined": self = .agencyJoined(try d.decode(AgencyChange.self, from: payload))
        case "agency_left": self = .agencyLeft(try d.decode(AgencyChange.self, from: payload))
        case "consent_granted": self = .consentGranted(try d.decode(ConsentGranted.self, from: payload))
        case "consent_withdrawn": self = .consentWithdrawn(try d.decode(ConsentWithdrawn.self, from: payload))
        case "plan_drafted": self = .planDrafted(try d.decode(PlanDrafted.self, from: payload))
        case "plan_revised": self = .planRevised(try d.decode(PlanDrafted.self, from: payload))
        case "contact_logged": self = .contactLogged(try d.decode(ContactAttempt.self, from: payload))
        case "end_proposed": self = .endProposed(try d.decode(EndProposed.self, from: payload))
        case "decision_recorded": self = .decisionRecorded(try d.decode(DecisionRecorded.self, from: payload))
        case "principal_attendance": self = .principalAttendance(try d.decode(PrincipalAttendance.self, from: payload))
        case "reopened": self = .reopened(try d.decode(Reopened.self, from: payload))
        case "support_decided": self = .supportDecided(try d.decode(SupportDecided.self, from: payload))
        case "details_erased": self = .detailsErased(try d.decode(DetailsErased.self, from: payload))
        default: throw CaseEventDecodingError(kind: kind)
        }
    }
}

/// A stored event whose kind this version of Kasane does not know.
public struct CaseEventDecodingError: Error, CustomStringConvertible {
    /// The unknown kind, as stored.
    public let kind: String

    /// The error for the stored kind `kind`.
    public init(kind: String) { self.kind = kind }

    public var description: String { "unknown case event kind '\(kind)': is the workspace from a newer Kasane?" }
}

