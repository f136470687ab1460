import Foundation
import KasaneYAML
import Testing

/// A valid document given line by line, so a bad-input case can replace or insert one line and
/// name the exact line the error must point at.
struct Document: Sendable {
    let lines: [String]

    var text: String { lines.joined(separator: "\n") + "\n" }

    /// The document with line `number` (1-based) replaced by `replacement`.
    func replacing(_ number: Int, with replacement: String) -> Document {
        precondition(lines.indices.contains(number - 1), "no line \(number)")
        var copy = lines
        copy[number - 1] = replacement
        return Document(lines: copy)
    }

    /// The document with `inserted` placed after line `number` (it becomes line `number + 1`).
    func inserting(_ inserted: String, after number: Int) -> Document {
        var copy = lines
        copy.insert(inserted, at: number)
        return Document(lines: copy)
    }
}

/// One bad input: the edit, the line the error must name (`nil`: no line), and the gist of the message.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let document: Document
    let line: Int?
    let gist: [String]

    var testDescription: String { name }
}

/// Lets the table types print readably without importing Testing into the fixtures.
protocol CustomTestStringConvertible { var testDescription: String { get } }

/// The repository root, derived from this file's path (Tests/KasaneYAMLTests/…).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func example(_ name: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("examples").appendingPathComponent(name), encoding: .utf8)
}

/// Whether `text` is written in Japanese (has kana or kanji): messages are Japanese by default (#13.3).
func japanese(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
}
