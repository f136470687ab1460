import Foundation

extension PlacementReason {
    /// The reason as stored in a text column: JSON with sorted keys.
    public var storedText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every associated value is a string, a number, a date or an array of them: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A stored reason: the JSON of `storedText`, or, for a row written before reasons were
    /// typed (an English sentence), `.legacy` with the text as it was.
    public init(storedText text: String) {
        if text.hasPrefix("{"), let reason = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) {
            self = reason
        } else {
            self = .legacy(text)
        }
    }
}
