public import KasaneCore

/// Reads local closures (e.g. Okinawa's 慰霊の日) from `calendars/closures.yaml`:
/// `closures: [{name: 慰霊の日, month: 6, day: 23}]`, each a yearly rule.
public enum ClosuresFile {
    /// Parses the closures file.
    /// - Throws: `YAMLInputError` at `file:line` for a malformed entry or a day that never exists.
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> [LocalClosure] {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["closures"])
        var result: [LocalClosure] = []
        for node in try top["closures"]?.sequence() ?? [] {
            let m = try node.mapping(allowing: ["name", "month", "day"])
            func int(_ key: String) throws(YAMLInputError) -> Int {
                let n = try m.required(key, in: node)
                guard let v = Int(try n.string()) else { throw n.fail(.expectedWholeNumber) }
                return v
            }
            let name = try m.required("name", in: node).nonEmptyString()
            let month = try int("month"), day = try int("day")
            do {
                result.append(try LocalClosure(name: name, month: month, day: day))
            } catch {
                throw node.fail(.refused(error.description))
            }
        }
        return result
    }
}
