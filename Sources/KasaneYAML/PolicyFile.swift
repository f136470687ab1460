public import KasaneCore
import Yams

/// Reads the trigger policy (`calendars/policy.yaml`): days per trigger kind, urgent days, the
/// contact-loss limit. Every key is optional; missing ones take the documented defaults.
public enum PolicyFile {
    /// Parses a policy file.
    /// - Throws: `YAMLInputError` naming the setting that is wrong.
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> TriggerPolicy {
        // Check the shape (and unknown keys) with line numbers first, then decode the values.
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["days", "urgentDays", "contactLossLimitDays", "monitoringLeadDays"])
        for key in ["days", "urgentDays"] {
            _ = try top[key]?.mapping(allowing: ["plan", "replan", "ending", "suspension", "monitoring"])
        }
        do {
            return try YAMLDecoder().decode(TriggerPolicy.self, from: text)
        } catch let DecodingError.dataCorrupted(context) {
            throw YAMLInputError(file: file, line: nil, message: context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw YAMLInputError(file: file, line: nil, message: "\(path): expected a whole number of days")
        } catch {
            throw YAMLInputError(file: file, line: nil, message: "\(error)")
        }
    }
}
