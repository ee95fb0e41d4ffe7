import Replenish
import RestockData

/// What a capacity-limited supplier can deliver during a replay: whatever the planner asks, a
/// supplier with `weekly_capacity_units` ships at most that many units on the orders of any 7
/// consecutive nights (expedites included); a night's orders beyond it are shipped short. This is
/// the supplier's physical limit, in force whether the plan builds ahead for it (`prebuild`) or not.
struct SupplyCapacity {
    /// Supplier → units per 7 nights (> 0).
    let limits: [String: Double]
    /// Units shipped per supplier on each of the last nights: (night, units), oldest first.
    private var shipped: [String: [(night: Int, units: Double)]] = [:]
    /// Units the suppliers could not ship on the scored nights (night index ≥ `scoredFrom`).
    private(set) var shortUnits = 0.0
    /// First night index whose shortfall `shortUnits` counts (the nights before are a warm-up).
    let scoredFrom: Int

    init(limits: [String: Double], scoredFrom: Int = 0) {
        self.limits = limits
        self.scoredFrom = scoredFrom
    }

    /// Units shipped per supplier on the 6 nights before `night`: what tonight's room must leave out.
    func recentlyShipped(before night: Int) -> [String: Double] {
        shipped.mapValues { $0.filter { $0.night > night - 7 && $0.night < night }.reduce(0) { $0 + $1.units } }
    }

    /// Limits one night's supplier lines (`units` by line, `supplier` and `casePack` of each) to what
    /// each supplier has left of its capacity over nights `night − 6 … night`: when a supplier's
    /// lines ask for more, every line is scaled by the same share and rounded down to a whole case
    /// pack. Deterministic (depends only on the lines in the order given). Returns units shipped.
    mutating func ship(_ units: [Double], supplier: [String], casePack: [Double], night: Int) -> [Double] {
        var out = units
        var asked: [String: Double] = [:]
        for (k, u) in units.enumerated() where limits[supplier[k]] != nil { asked[supplier[k], default: 0] += u }
        for (s, total) in asked.sorted(by: { $0.key < $1.key }) {
            var recent = shipped[s, default: []].filter { $0.night > night - 7 }
            let room = max(0, limits[s]! - recent.reduce(0) { $0 + $1.units })
            var sent = total
            if total > room + 1e-9 {
                let share = total > 0 ? room / total : 0
                sent = 0
                for k in units.indices where supplier[k] == s {
                    let pack = casePack[k] > 0 ? casePack[k] : 1
                    out[k] = (units[k] * share / pack + 1e-9).rounded(.down) * pack
                    sent += out[k]
                }
                if night >= scoredFrom { shortUnits += total - sent }
            }
            recent.append((night, sent))
            shipped[s] = recent
        }
        return out
    }
}
