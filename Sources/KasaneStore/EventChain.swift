import Crypto
import Foundation
public import KasaneCore

/// Tamper evidence for case files: each event's hash covers the previous event's hash and the
/// event itself, so editing, inserting or removing a stored event breaks the chain from there on.
enum EventChain {
    /// The hash before a case's first event.
    static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 (hex) over the previous hash and the stored fields of one event.
    static func hash(previous: String, caseNumber: CaseNumber, seq: Int, kind: String, payload: String,
                     recordedAt: String) -> String {
        let text = [previous, caseNumber, String(seq), kind, payload, recordedAt].joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// A case whose event chain does not hold, with the first event that breaks it.
public struct BrokenChain: Hashable, Sendable, Codable, CustomStringConvertible {
    public var caseNumber: CaseNumber
    public var seq: Int
    public var reason: String

    public var description: String { "case \(caseNumber): event #\(seq) \(reason)" }
}
