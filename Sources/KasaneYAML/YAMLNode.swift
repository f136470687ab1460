import KasaneCore
public import KasaneWording
import Yams

/// A problem in an input file, located at `file:line`, written for the person who must fix it.
/// Its words come from `YAMLProblem` (Japanese by default: `description`; any language through
/// the catalogue, as a `Worded`).
public struct YAMLInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    /// Where in the file, e.g. `agencies[2].field`; empty for the whole file.
    public let path: String
    /// What is wrong, typed.
    public let problem: YAMLProblem

    public init(file: String, line: Int?, path: String = "", problem: YAMLProblem) {
        self.file = file
        self.line = line
        self.path = path
        self.problem = problem
    }

    /// The message in Japanese, without the location: `agencies[0].field: 分野 '福祉' は使えません…`.
    public var message: String { message(in: .ja) }

    /// The message in `language`, without the location.
    public func message(in language: Language) -> String {
        path.isEmpty ? problem.words(in: language) : "\(path): \(problem.words(in: language))"
    }

    /// `file:line: message`, in Japanese.
    public var description: String { words(in: .ja) }
}

extension YAMLInputError: Worded {
    /// `file:line: message` in `language`.
    public func words(in language: Language) -> String {
        line.map { "\(file):\($0): \(message(in: language))" } ?? "\(file): \(message(in: language))"
    }
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
                throw YAMLInputError(file: file, line: nil, problem: .emptyFile)
            }
            return YAMLNode(node: root, file: file, path: "")
        } catch let error as YAMLInputError {
            throw error
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _):
                throw YAMLInputError(file: file, line: mark.line, problem: .malformed(problem, construct: nil))
            case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
                // An unclosed bracket is noticed a line later: point at where the construct starts.
                let construct = context.map { YAMLProblem.Construct(text: $0.text, startLine: $0.mark.line, noticedLine: mark.line) }
                throw YAMLInputError(file: file, line: context?.mark.line ?? mark.line,
                                     problem: .malformed(problem, construct: construct))
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw YAMLInputError(file: file, line: context.mark.line, problem: .duplicatedKey(duplicates))
            default:
                throw YAMLInputError(file: file, line: nil, problem: .malformed("\(error)", construct: nil))
            }
        } catch {
            throw YAMLInputError(file: file, line: nil, problem: .malformed("\(error)", construct: nil))
        }
    }

    func fail(_ problem: YAMLProblem) -> YAMLInputError {
        YAMLInputError(file: file, line: line, path: path, problem: problem)
    }

    // MARK: - Shapes

    /// The mapping's entries, refusing any key outside `allowed`.
    func mapping(allowing allowed: Set<String>) throws(YAMLInputError) -> [String: YAMLNode] {
        guard let mapping = node.mapping else { throw fail(.expectedMapping) }
        var result: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail(.keysMustBeText) }
            let child = YAMLNode(node: value, file: file, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let keyNode = YAMLNode(node: key, file: file, path: path)
                throw keyNode.fail(.unknownKey(name, allowed: allowed.sorted()))
            }
            result[name] = child
        }
        return result
    }

    /// The sequence's items (an empty or absent value is an empty list).
    func sequence() throws(YAMLInputError) -> [YAMLNode] {
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        guard let items = node.sequence else { throw fail(.expectedList) }
        return items.enumerated().map { YAMLNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func string() throws(YAMLInputError) -> String {
        guard let s = node.scalar?.string else { throw fail(.expectedText) }
        return s
    }

    func nonEmptyString() throws(YAMLInputError) -> String {
        let s = try string().trimmingSpaces
        guard !s.isEmpty else { throw fail(.empty) }
        return s
    }

    func bool() throws(YAMLInputError) -> Bool {
        switch try string() {
        case "true": return true
        case "false": return false
        case let other: throw fail(.expectedBool(found: other))
        }
    }

    func date() throws(YAMLInputError) -> LocalDate {
        let s = try string()
        guard let d = LocalDate(iso: s) else { throw fail(.invalidDate(s)) }
        return d
    }

    /// An id for agencies, people and bodies (`IdentifierRule`): 1–64 ASCII letters, digits,
    /// '-', '_' or '.', never starting with '.' or '-'.
    func identifier() throws(YAMLInputError) -> String {
        let s = try string()
        guard IdentifierRule.isValid(s) else {
            throw fail(.invalidID(s))
        }
        return s
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_: E.Type, what: YAMLProblem.Vocabulary) throws(YAMLInputError) -> E
        where E.RawValue == String {
        let s = try string()
        guard let value = E(rawValue: s) else {
            throw fail(.unknownValue(s, of: what, allowed: E.allCases.map(\.rawValue)))
        }
        return value
    }

    /// A mail address (`Mailbox`, the one mailbox rule).
    func mailbox() throws(YAMLInputError) -> String {
        let s = try nonEmptyString()
        if let problem = Mailbox.problem(s) {
            throw fail(.invalidMailbox(s, problem: problem))
        }
        return s
    }
}

extension [String: YAMLNode] {
    /// The value of a required key.
    func required(_ key: String, in parent: YAMLNode) throws(YAMLInputError) -> YAMLNode {
        guard let value = self[key] else { throw parent.fail(.missingKey(key)) }
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
