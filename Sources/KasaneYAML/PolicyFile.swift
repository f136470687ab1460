public import KasaneCore

/// Reads the trigger policy (`calendars/policy.yaml`): days per trigger kind, urgent days, the
/// contact-loss limit. Every key is optional; missing ones take the documented defaults (an
/// urgent kind left out takes the smaller of its standard urgent days and its `days`).
public enum PolicyFile {
    /// Parses a policy file.
    /// - Throws: `YAMLInputError` at `file:line` naming the setting that is wrong (#12: value
    ///   errors carry their line).
    public static func parse(_ text: String, file: String) throws(YAMLInputError) -> TriggerPolicy {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["days", "urgentDays", "contactLossLimitDays", "monitoringLeadDays", "retention"])
        let keys = Set(TriggerKind.allCases.map(\.policyKey))
        func table(_ key: String) throws(YAMLInputError) -> [String: (value: Int, node: YAMLNode)] {
            var result: [String: (value: Int, node: YAMLNode)] = [:]
            for (name, node) in try top[key]?.mapping(allowing: keys) ?? [:] {
                result[name] = (try wholeDays(node), node)
            }
            return result
        }
        let days = try table("days"), urgent = try table("urgentDays")
        let standard = TriggerPolicy.standard
        func value(_ t: [String: (value: Int, node: YAMLNode)], _ kind: TriggerKind, _ fallback: Int) -> Int {
            t[kind.policyKey]?.value ?? fallback
        }
        let d = TriggerPolicy.Days(
            plan: value(days, .planDrafted, standard.days.plan), replan: value(days, .planRevised, standard.days.replan),
            ending: value(days, .endProposed, standard.days.ending),
            suspension: value(days, .contactLost, standard.days.suspension),
            monitoring: value(days, .monitoring, standard.days.monitoring))
        func urgentValue(_ kind: TriggerKind) -> Int {
            value(urgent, kind, min(standard.urgentDays[kind], d[kind]))
        }
        let u = TriggerPolicy.Days(
            plan: urgentValue(.planDrafted), replan: urgentValue(.planRevised), ending: urgentValue(.endProposed),
            suspension: urgentValue(.contactLost), monitoring: urgentValue(.monitoring))
        let limitNode = top["contactLossLimitDays"], leadNode = top["monitoringLeadDays"]
        do {
            return try TriggerPolicy(days: d, urgentDays: u,
                                     contactLossLimitDays: try limitNode.map(Self.wholeDays) ?? standard.contactLossLimitDays,
                                     monitoringLeadDays: try leadNode.map(Self.wholeDays) ?? standard.monitoringLeadDays)
        } catch let error as YAMLInputError {
            throw error
        } catch let error as TriggerPolicyError {
            let node: YAMLNode?
            switch error {
            case .daysOutOfRange(let setting, _):
                let parts = setting.split(separator: ".").map(String.init)
                node = parts.count == 2 ? (parts[0] == "days" ? days : urgent)[parts[1]]?.node : leadNode
            case .urgentLongerThanNormal(let kind, _, _):
                node = urgent[kind.policyKey]?.node ?? days[kind.policyKey]?.node
            case .contactLossLimitOutOfRange:
                node = limitNode
            case .unknownKind:
                node = nil
            }
            throw YAMLInputError(file: file, line: node?.line, problem: .refused(error.description))
        } catch {
            throw YAMLInputError(file: file, line: nil, problem: .refused("\(error)"))
        }
    }

    /// Reads the retention rule (#17.2): `retention: { yearsAfterEnd: 5 }`; nil when the file has
    /// no `retention` key (details are then never due for erasure).
    /// - Throws: `YAMLInputError` at `file:line` for an unknown key or years outside
    ///   `RetentionRule.allowedYears`.
    public static func retention(_ text: String, file: String) throws(YAMLInputError) -> RetentionRule? {
        let root = try YAMLNode.parse(text, file: file)
        let top = try root.mapping(allowing: ["days", "urgentDays", "contactLossLimitDays", "monitoringLeadDays", "retention"])
        guard let node = top["retention"] else { return nil }
        let rule = try node.mapping(allowing: ["yearsAfterEnd"])
        let years = try rule.required("yearsAfterEnd", in: node)
        let text = try years.string()
        guard let n = Int(text), RetentionRule.allowedYears.contains(n) else {
            throw years.fail(.notRetentionYears(text, allowed: RetentionRule.allowedYears))
        }
        return RetentionRule(yearsAfterEnd: n)
    }

    /// A whole number of days.
    private static func wholeDays(_ node: YAMLNode) throws(YAMLInputError) -> Int {
        let s = try node.string()
        guard let n = Int(s) else { throw node.fail(.notADayCount(s)) }
        return n
    }
}
