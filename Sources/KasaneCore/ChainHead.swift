/// Where a case file's event chain stands: its last event and that event's hash, as printed in
/// the minutes so that a paper copy anchors the record (a later rewrite no longer ends there).
public struct ChainHead: Hashable, Sendable, Codable {
    /// The case.
    public var caseNumber: CaseNumber
    /// The sequence number of the case's last event.
    public var seq: Int
    /// That event's chain hash (64 hex digits).
    public var hash: String

    /// Creates a head.
    public init(caseNumber: CaseNumber, seq: Int, hash: String) {
        self.caseNumber = caseNumber
        self.seq = seq
        self.hash = hash
    }

    /// The first 16 hex digits: enough to notice a rewrite on paper.
    public var hashPrefix: String { String(hash.prefix(16)) }
}
