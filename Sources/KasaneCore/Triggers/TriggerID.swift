/// A trigger id taken apart: `<case number>#<source event seq>`, e.g. `R8-3#5` (`Trigger.id`).
/// The one place that reads a trigger id (#13: it was split on "#" in four places).
public struct TriggerID: Hashable, Sendable {
    /// The case the trigger belongs to.
    public let caseNumber: CaseNumber
    /// The sequence number of the event that raised it.
    public let sourceEvent: Int

    /// The id of the trigger raised by event `sourceEvent` of case `caseNumber`.
    public init(caseNumber: CaseNumber, sourceEvent: Int) {
        self.caseNumber = caseNumber
        self.sourceEvent = sourceEvent
    }

    /// Reads `R8-3#5`; `nil` unless the text is a case number, one `#` and a positive event
    /// number in ASCII digits. Case numbers never hold `#` (`CaseNumberRule`).
    public init?(_ text: some StringProtocol) {
        guard let hash = text.firstIndex(of: "#") else { return nil }
        let number = text[..<hash], seq = text[text.index(after: hash)...]
        guard !number.isEmpty, !seq.isEmpty, seq.count <= 18, seq.allSatisfy({ $0.isASCII && $0.isNumber }),
              let event = Int(seq), event >= 1 else { return nil }
        self.init(caseNumber: String(number), sourceEvent: event)
    }

    /// `R8-3#5`.
    public var text: String { "\(caseNumber)#\(sourceEvent)" }
}
