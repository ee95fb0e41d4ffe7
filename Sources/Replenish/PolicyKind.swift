/// The replenishment rules a configuration can name, with their parameters.
///
/// | config name      | rule            | reorder point s              | order-up-to S          |
/// |------------------|-----------------|------------------------------|------------------------|
/// | `order_up_to`    | (R, S)          | = S (order at every review)  | service level over P   |
/// | `s_S`            | (R, s, S)       | service level over P         | s + Q                  |
/// | `min_max`        | min/max         | `min` units                  | `max` units            |
/// | `days_of_supply` | days of supply  | d̄ × `min` days               | d̄ × `max` days         |
///
/// P = L + R, Q = max(D_R, EOQ) (the expected order size), d̄ = mean forecast demand per day
/// over P. See ``ReplenishmentPolicy`` for the decision and Silver, Pyke & Thomas (2017),
/// §7.1 and §8.2, for the rules.
public enum PolicyKind: Sendable, Equatable {
    /// (R, S): every review, order up to S.
    case orderUpTo
    /// (R, s, S): when the inventory position is at or below s, order up to S. The default.
    case reorderPointOrderUpTo
    /// Fixed s = `min` and S = `max`, units, 0 ≤ min ≤ max.
    case minMax(min: Double, max: Double)
    /// s = d̄·`minDays`, S = d̄·`maxDays`, days, 0 ≤ minDays ≤ maxDays.
    case daysOfSupply(minDays: Double, maxDays: Double)

    /// The names a configuration uses.
    public static let configNames = ["order_up_to", "s_S", "min_max", "days_of_supply"]

    /// Whether the rule's levels come from the service target ((R, S) and (R, s, S)), not from
    /// fixed units or days of supply.
    public var setsLevelsFromTarget: Bool {
        switch self {
        case .orderUpTo, .reorderPointOrderUpTo: true
        case .minMax, .daysOfSupply: false
        }
    }

    /// The configuration name of this rule.
    public var configName: String {
        switch self {
        case .orderUpTo: "order_up_to"
        case .reorderPointOrderUpTo: "s_S"
        case .minMax: "min_max"
        case .daysOfSupply: "days_of_supply"
        }
    }

    /// A rule from its configuration name and parameters: `min`/`max` are units for `min_max`,
    /// days for `days_of_supply`, and must be absent for the other two.
    public init(configName name: String, min: Double? = nil, max: Double? = nil) throws(PolicyKindError) {
        switch name {
        case "order_up_to", "s_S":
            if min != nil || max != nil { throw PolicyKindError(name: name, problem: "takes no min or max") }
            self = name == "s_S" ? .reorderPointOrderUpTo : .orderUpTo
        case "min_max", "days_of_supply":
            guard let lo = min, let hi = max else { throw PolicyKindError(name: name, problem: "needs both min and max") }
            guard lo.isFinite, hi.isFinite, lo >= 0, hi >= lo else {
                throw PolicyKindError(name: name, problem: "needs 0 ≤ min ≤ max, got min \(lo) and max \(hi)")
            }
            self = name == "min_max" ? .minMax(min: lo, max: hi) : .daysOfSupply(minDays: lo, maxDays: hi)
        default:
            throw PolicyKindError(name: name, problem: "is not a policy; expected one of \(Self.configNames.joined(separator: ", "))")
        }
    }
}

/// A policy name or its parameters that cannot be used.
public struct PolicyKindError: Error, Equatable, CustomStringConvertible {
    /// The offending name as written.
    public var name: String
    public var problem: String
    public var description: String { "policy \"\(name)\" \(problem)" }
}
