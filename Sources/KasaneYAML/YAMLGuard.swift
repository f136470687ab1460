// libyaml's event parser, which Yams builds on: the guard reads the events before Yams composes
// the document, because composing (and Yams' duplicate-key check, which hashes whole key nodes)
// is where nested aliases cost exponential time.
internal import CYaml

/// A pass over a YAML text's events, before it is composed into nodes (#12.2): refuses what
/// could make composing slow or silently wrong, with `file:line`.
///
/// - an alias (`*name`) or a sequence or mapping used as a mapping key (billion-laughs keys);
/// - aliases that expand to more than `maximumAliasNodes` nodes in all (each alias counts the
///   nodes of what it names, its own aliases expanded); the literal nodes of a large file do not
///   count, the file's size bounds them;
/// - a control character in a scalar (a quoted `"\0"` would otherwise cut the value short), but
///   TAB and line feed.
///
/// Syntax errors are left to the composer, which reports them with their context.
enum YAMLGuard {
    /// The most nodes a document's aliases may expand to, in all (every Kasane file is far below).
    static let maximumAliasNodes = 100_000

    /// - Throws: `YAMLInputError` at the line of the offending node.
    static func check(_ text: String, file: String) throws(YAMLInputError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLInputError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            try walk(&parser, file: file)
        }
    }

    private struct Frame {
        let isMapping: Bool
        let anchor: String?
        /// Nodes inside so far, aliases expanded, the collection itself included.
        var nodes = 1
        /// In a mapping: whether the next node is a key.
        var expectingKey = true
    }

    private static func walk(_ parser: inout yaml_parser_t, file: String) throws(YAMLInputError) {
        var anchors: [String: Int] = [:]
        var stack: [Frame] = []
        var expanded = 0
        func fail(_ line: Int, _ problem: YAMLProblem) -> YAMLInputError {
            YAMLInputError(file: file, line: line, problem: problem)
        }
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return }  // the composer reports it
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            var size: Int?  // a finished node's expanded size
            var anchor: String?
            let inKeyPosition = stack.last.map { $0.isMapping && $0.expectingKey } ?? false
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                if inKeyPosition {
                    throw fail(line, .aliasAsKey(name))
                }
                size = anchors[name] ?? 1
                expanded += size ?? 1
                guard expanded <= maximumAliasNodes else {
                    throw fail(line, .aliasExpansion(limit: maximumAliasNodes))
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                if let value = s.value {
                    for i in 0..<s.length {
                        let b = value[i]
                        if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F {
                            throw fail(line, .controlCharacter(b))
                        }
                    }
                }
                anchor = string(s.anchor)
                size = 1
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if inKeyPosition {
                    throw fail(line, .collectionAsKey)
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                stack.append(Frame(isMapping: isMapping, anchor: string(isMapping ? event.data.mapping_start.anchor
                                                                             : event.data.sequence_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let done = stack.popLast() else { return }
                anchor = done.anchor
                size = done.nodes
                if let anchor { anchors[anchor] = done.nodes }
                if var parent = stack.popLast() {
                    parent.nodes += done.nodes
                    if parent.isMapping { parent.expectingKey.toggle() }
                    stack.append(parent)
                }
                continue
            default:
                continue
            }
            guard let size else { continue }
            if let anchor { anchors[anchor] = size }
            if var parent = stack.popLast() {
                parent.nodes += size
                if parent.isMapping { parent.expectingKey.toggle() }
                stack.append(parent)
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
