import KasaneCore
import Yams

/// A problem in an input file, located at `file:line`, written for the person who must fix it.
public struct YAMLInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A YAML node with the file it came from, so every error can name `file:line`.
/// Readers declare the keys they accept: an unknown key is an error, not silently ignored.
struct YAMLNode {
    let node: Node
    let file: String
    /// Where the node sits, e.g. `agencies[2].field`.
    let path: String

    var line: Int? { node.mark.map(\.line) }
    var location: String { line.map { "\(file):\($0)" } ?? file }

    /// Parses `text` into its root node.
    /// - Throws: `YAMLInputError` with the line of a syntax error or a duplicated key.
    static func parse(_ text: String, file: String) throws(YAMLInputError) -> YAMLNode {
        try YAMLGuard.check(text, file: file)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw YAMLInputError(file: file, line: nil, message: "the file is empty")
            }
            return YAMLNode(node: root, file: file, path: "")
        } catch let error as YAMLInputError {
            throw error
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _):
                throw YAMLInputError(file: file, line: mark.line, message: "malformed YAML: \(problem)")
            case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
                // An unclosed bracket is noticed a line later: point at where the construct starts.
                let detail = context.map { " (\($0.text) starting on line \($0.mark.line), noticed on line \(mark.line))" } ?? ""
                throw YAMLInputError(file: file, line: context?.mark.line ?? mark.line,
                                     message: "malformed YAML: \(problem)\(detail)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw YAMLInputError(file: file, line: context.mark.line,
                                     message: "duplicated key \(duplicates.joined(separator: ", "))")
            default:
                throw YAMLInputError(file: file, line: nil, message: "malformed YAML: \(error)")
            }
        } catch {
            throw YAMLInputError(file: file, line: nil, message: "malformed YAML: \(error)")
        }
    }

    func fail(_ message: String) -> YAMLInputError {
        YAMLInputError(file: file, line: line, message: path.isEmpty ? message : "\(path): \(message)")
    }

    // MARK: - Shapes

    /// The mapping's entries, refusing any key outside `allowed`.
    func mapping(allowing allowed: Set<String>) throws(YAMLInputError) -> [String: YAMLNode] {
        guard let mapping = node.mapping else { throw fail("expected a mapping (key: value)") }
        var result: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail("keys must be plain text") }
            let child = YAMLNode(node: value, file: file, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let keyNode = YAMLNode(node: key, file: file, path: path)
                throw keyNode.fail("unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[name] = child
        }
        return result
    }

    /// The sequence's items (an empty or absent value is an empty list).
    func sequence() throws(YAMLInputError) -> [YAMLNode] {
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        guard let items = node.sequence else { throw fail("expected a list") }
        return items.enumerated().map { YAMLNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func string() throws(YAMLInputError) -> String {
        guard let s = node.scalar?.string else { throw fail("expected text") }
        return s
    }

    func nonEmptyString() throws(YAMLInputError) -> String {
        let s = try string().trimmingSpaces
        guard !s.isEmpty else { throw fail("must not be empty") }
        return s
    }

    func bool() throws(YAMLInputError) -> Bool {
        switch try string() {
        case "true": return true
        case "false": return false
        case let other: throw fail("expected true or false, found '\(other)'")
        }
    }

    func date() throws(YAMLInputError) -> LocalDate {
        let s = try string()
        guard let d = LocalDate(iso: s) else { throw fail("'\(s)' is not a real date of the form YYYY-MM-DD") }
        return d
    }

    /// An id for agencies, people and bodies (`IdentifierRule`): 1–64 ASCII letters, digits,
    /// '-', '_' or '.', never starting with '.' or '-'.
    func identifier() throws(YAMLInputError) -> String {
        let s = try string()
        guard IdentifierRule.isValid(s) else {
            throw fail("'\(s)' is not a valid id: \(IdentifierRule.summary)")
        }
        return s
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_: E.Type, what: String) throws(YAMLInputError) -> E
        where E.RawValue == String {
        let s = try string()
        guard let value = E(rawValue: s) else {
            throw fail("unknown \(what) '\(s)' (one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    /// A mail address (`Mailbox`, the one mailbox rule).
    func mailbox() throws(YAMLInputError) -> String {
        let s = try nonEmptyString()
        if let problem = Mailbox.problem(s) {
            throw fail("'\(s)' is not a mail address like name@example.jp: \(problem)")
        }
        return s
    }
}

extension [String: YAMLNode] {
    /// The value of a required key.
    func required(_ key: String, in parent: YAMLNode) throws(YAMLInputError) -> YAMLNode {
        guard let value = self[key] else { throw parent.fail("missing key '\(key)'") }
        return value
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
