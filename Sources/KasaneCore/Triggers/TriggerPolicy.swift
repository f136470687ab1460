/// How long after its moment each trigger's meeting is due, and when contact counts as lost.
///
/// It is read from a config file (JSON or YAML with the same keys); every key is optional and
/// falls back to `TriggerPolicy.standard`:
///
/// ```json
/// {
///   "days":       { "plan": 30, "replan": 30, "ending": 30, "suspension": 14, "monitoring": 0 },
///   "urgentDays": { "plan": 7,  "replan": 7,  "ending": 7,  "suspension": 7,  "monitoring": 0 },
///   "contactLossLimitDays": 90,
///   "monitoringLeadDays": 14
/// }
/// ```
///
/// - `days`: calendar days from the moment (plan drafted, end proposed, contact lost) to the due
///   date; for monitoring, days after the monitoring date the meeting set (0 = due on that date).
///   The defaults give one monthly 定期開催 session a chance to take every item; suspension is
///   shorter because by then the case has already waited the contact-loss limit.
/// - `urgentDays`: the same for urgent plans and end proposals (随時開催); a kind left out takes
///   the smaller of its standard urgent days and its `days`. Never longer than `days`.
/// - `contactLossLimitDays`: R8, how many days without a reached contact raise 支援中断の決定時.
/// - `monitoringLeadDays`: how many days before the monitoring date a session may take the review.
///
/// A due date that falls on a closed day moves to the previous business day (`Triggers`).
public struct TriggerPolicy: Hashable, Sendable, Codable {
    /// Days per trigger kind.
    public struct Days: Hashable, Sendable, Codable {
        /// プラン策定時.
        public let plan: Int
        /// 再プラン策定時.
        public let replan: Int
        /// 支援終結の判断時.
        public let ending: Int
        /// 支援中断の決定時.
        public let suspension: Int
        /// モニタリング: days after the monitoring date.
        public let monitoring: Int

        /// Creates a table of days; `TriggerPolicy.init` checks the values.
        public init(plan: Int, replan: Int, ending: Int, suspension: Int, monitoring: Int) {
            self.plan = plan
            self.replan = replan
            self.ending = ending
            self.suspension = suspension
            self.monitoring = monitoring
        }

        /// The days for `kind`.
        public subscript(kind: TriggerKind) -> Int {
            switch kind {
            case .planDrafted: plan
            case .planRevised: replan
            case .endProposed: ending
            case .contactLost: suspension
            case .monitoring: monitoring
            }
        }

        /// Replaces the days of the kinds named in `values` (by `TriggerKind.policyKey`).
        func merging(_ values: [TriggerKind: Int]) -> Days {
            Days(plan: values[.planDrafted] ?? plan, replan: values[.planRevised] ?? replan,
                 ending: values[.endProposed] ?? ending, suspension: values[.contactLost] ?? suspension,
                 monitoring: values[.monitoring] ?? monitoring)
        }
    }

    /// Days from the moment to the due date, per kind.
    public let days: Days
    /// Days for urgent items, per kind; each at most the matching `days`.
    public let urgentDays: Days
    /// R8: days without a reached contact after which 支援中断の決定時 is raised (strictly more).
    public let contactLossLimitDays: Int
    /// Days before a monitoring date from which a session may take the review.
    public let monitoringLeadDays: Int

    /// The documented defaults: 30 days for plans, re-plans and endings, 14 for suspension, due on
    /// the monitoring date; 7 days when urgent; contact lost after 90 days; monitoring 14 days early.
    public static let standard = TriggerPolicy(
        checked: Days(plan: 30, replan: 30, ending: 30, suspension: 14, monitoring: 0),
        urgentDays: Days(plan: 7, replan: 7, ending: 7, suspension: 7, monitoring: 0),
        contactLossLimitDays: 90, monitoringLeadDays: 14)

    /// The longest number of days any setting accepts: a trigger due more than a year on is no deadline.
    public static let maximumDays = 366

    /// Creates a policy.
    /// - Throws: `TriggerPolicyError` when a number of days is out of range or an urgent delay is
    ///   longer than the normal one.
    public init(days: Days = standard.days, urgentDays: Days = standard.urgentDays,
                contactLossLimitDays: Int = standard.contactLossLimitDays,
                monitoringLeadDays: Int = standard.monitoringLeadDays) throws(TriggerPolicyError) {
        for kind in TriggerKind.allCases {
            guard (0...Self.maximumDays).contains(days[kind]) else {
                throw .daysOutOfRange(setting: "days.\(kind.policyKey)", value: days[kind])
            }
            guard (0...Self.maximumDays).contains(urgentDays[kind]) else {
                throw .daysOutOfRange(setting: "urgentDays.\(kind.policyKey)", value: urgentDays[kind])
            }
            guard urgentDays[kind] <= days[kind] else {
                throw .urgentLongerThanNormal(kind: kind, urgent: urgentDays[kind], normal: days[kind])
            }
        }
        guard (1...Self.maximumDays).contains(contactLossLimitDays) else {
            throw .contactLossLimitOutOfRange(contactLossLimitDays)
        }
        guard (0...Self.maximumDays).contains(monitoringLeadDays) else {
            throw .daysOutOfRange(setting: "monitoringLeadDays", value: monitoringLeadDays)
        }
        self.init(checked: days, urgentDays: urgentDays, contactLossLimitDays: contactLossLimitDays,
                  monitoringLeadDays: monitoringLeadDays)
    }

    private init(checked days: Days, urgentDays: Days, contactLossLimitDays: Int, monitoringLeadDays: Int) {
        self.days = days
        self.urgentDays = urgentDays
        self.contactLossLimitDays = contactLossLimitDays
        self.monitoringLeadDays = monitoringLeadDays
    }

    /// The days from the moment to the due date for `kind`.
    public func days(for kind: TriggerKind, urgent: Bool) -> Int {
        urgent ? urgentDays[kind] : days[kind]
    }

    // MARK: - Config file

    private enum CodingKeys: String, CodingKey {
        case days, urgentDays, contactLossLimitDays, monitoringLeadDays
    }

    /// Reads a policy file; missing keys take the standard values.
    /// - Throws: `DecodingError.dataCorrupted` naming the setting and how to fix it, for an
    ///   unknown kind key or a value `init(days:urgentDays:…)` rejects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func table(_ key: CodingKeys) throws -> [TriggerKind: Int] {
            guard let raw = try container.decodeIfPresent([String: Int].self, forKey: key) else { return [:] }
            var values: [TriggerKind: Int] = [:]
            for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
                guard let kind = TriggerKind.allCases.first(where: { $0.policyKey == name }) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container,
                        debugDescription: TriggerPolicyError.unknownKind(setting: key.rawValue, key: name).description)
                }
                values[kind] = value
            }
            return values
        }
        let days = Self.standard.days.merging(try table(.days))
        var urgentDefaults: [TriggerKind: Int] = [:]
        for kind in TriggerKind.allCases { urgentDefaults[kind] = min(Self.standard.urgentDays[kind], days[kind]) }
        let urgentDays = Self.standard.urgentDays.merging(urgentDefaults).merging(try table(.urgentDays))
        let limit = try container.decodeIfPresent(Int.self, forKey: .contactLossLimitDays)
            ?? Self.standard.contactLossLimitDays
        let lead = try container.decodeIfPresent(Int.self, forKey: .monitoringLeadDays)
            ?? Self.standard.monitoringLeadDays
        do {
            try self.init(days: days, urgentDays: urgentDays, contactLossLimitDays: limit, monitoringLeadDays: lead)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

/// Why a trigger policy was refused, worded for the person editing the policy file.
public enum TriggerPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A number of days below 0 or above `TriggerPolicy.maximumDays`.
    case daysOutOfRange(setting: String, value: Int)
    /// An urgent delay longer than the normal delay of the same kind.
    case urgentLongerThanNormal(kind: TriggerKind, urgent: Int, normal: Int)
    /// A contact-loss limit below 1 or above `TriggerPolicy.maximumDays`.
    case contactLossLimitOutOfRange(Int)
    /// A key in `days` or `urgentDays` that names no trigger kind.
    case unknownKind(setting: String, key: String)

    /// The message to show.
    public var description: String {
        switch self {
        case let .daysOutOfRange(setting, value):
            "The trigger policy sets \(setting) to \(value); please give a number of days from 0 to \(TriggerPolicy.maximumDays)."
        case let .urgentLongerThanNormal(kind, urgent, normal):
            "The trigger policy gives urgent \(kind.rawValue) items \(urgent) days but normal ones \(normal); "
                + "please make urgentDays.\(kind.policyKey) at most days.\(kind.policyKey)."
        case let .contactLossLimitOutOfRange(value):
            "The trigger policy sets contactLossLimitDays to \(value); please give 1 to \(TriggerPolicy.maximumDays) days (default 90)."
        case let .unknownKind(setting, key):
            "The trigger policy's \(setting) has an unknown key '\(key)'; please use "
                + TriggerKind.allCases.map(\.policyKey).joined(separator: ", ") + "."
        }
    }
}
