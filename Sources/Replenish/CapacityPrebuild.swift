/// One item bought from a capacity-limited supplier, as its own plan left it tonight: what the
/// pre-build step (``CapacityPrebuild/plan(capacity:items:)``) weighs.
///
/// Units: quantities in units of the item; days after the as-of day (day 1 = tomorrow, tonight's
/// order date).
public struct CapacityItem: Sendable, Equatable {
    public var sku: String
    public var location: String
    public var supplier: String
    /// Units the item's own plan orders tonight (≥ 0; 0 = no line tonight).
    public var plannedQuantity: Double
    /// On hand − allocated + on order before tonight's order (units).
    public var inventoryPosition: Double
    /// Stock the item keeps against forecast error (units, ≥ 0): the requirement is demand + this.
    public var safetyStock: Double
    /// Forecast mean demand by day, day 1 first (units per day).
    public var dailyDemand: [Double]
    /// Days from tonight to the arrival of an order placed tomorrow (≥ 1; the lead time rounded up).
    public var arrivalDays: Int
    /// The case pack: pre-built units come in whole packs (units, > 0).
    public var casePack: Double
    /// Inventory position + tonight's order never goes above this (units; `items.csv` `max_units`); nil = no limit.
    public var maxUnits: Double?

    public init(sku: String, location: String, supplier: String, plannedQuantity: Double, inventoryPosition: Double,
                safetyStock: Double, dailyDemand: [Double], arrivalDays: Int, casePack: Double = 1, maxUnits: Double? = nil) {
        self.sku = sku
        self.location = location
        self.supplier = supplier
        self.plannedQuantity = max(0, plannedQuantity)
        self.inventoryPosition = inventoryPosition
        self.safetyStock = max(0, safetyStock)
        self.dailyDemand = dailyDemand
        self.arrivalDays = max(1, arrivalDays)
        self.casePack = casePack > 0 ? casePack : 1
        self.maxUnits = maxUnits
    }

    /// M(k): units that must be ordered by the end of order week k (weeks of 7 order dates, week 0
    /// = days 1…7) beyond inventory position and tonight's plan, to cover demand until the orders
    /// of week k + 1 can arrive: max(0, Σ demand over days 1 … 7(k+1) + arrival − 1, + safety stock
    /// − (IP + tonight's order)). Demand past the forecast counts as 0.
    func cumulativeRequirement(week k: Int) -> Double {
        let through = min(dailyDemand.count, 7 * (k + 1) + arrivalDays - 1)
        var d = 0.0
        for t in 0..<max(0, through) { d += dailyDemand[t] }
        return max(0, d + safetyStock - inventoryPosition - plannedQuantity)
    }
}

/// What the pre-build step made of one supplier's weeks.
public struct CapacityPeak: Sendable, Equatable {
    public var supplier: String
    /// The supplier's capacity (units per order week).
    public var capacity: Double
    /// The order week (0 = tonight's) with the largest own requirement among those above capacity
    /// (≥ 1; the latest such week on ties): the peak's week.
    public var week: Int
    /// Σ items' requirement of that week, units.
    public var weekRequirement: Double
    /// The day (after the as-of day) of the highest total forecast demand among the days that
    /// week's orders cover: the peak.
    public var peakDay: Int
    /// Units that had to move out of their own weeks into earlier ones (Σ over every over-capacity week).
    public var excessUnits: Double
    /// Of those, the units that reached tonight's week.
    public var carriedToTonight: Double
    /// Units pre-built tonight (whole case packs, within tonight's room).
    public var prebuiltTonight: Double
    /// Carried to tonight but not built: no room left tonight, or a line's `max_units` (units).
    public var unmetUnits: Double
}

/// The outcome: pre-built units per input item and one ``CapacityPeak`` per supplier that needed one.
public struct CapacityPrebuildOutcome: Sendable, Equatable {
    /// Units added to each input item's order tonight (whole case packs, ≥ 0), by input index.
    public var prebuild: [Double]
    /// By supplier name; only suppliers with a week over capacity.
    public var peaks: [CapacityPeak]
}

/// Building stock earlier for a peak a supplier cannot deliver in its own weeks: a cross-sku
/// step, after every sku's own plan (before the supplier terms and the budget).
///
/// Per supplier with a weekly capacity C (units per 7 order dates, counted from tonight's order
/// date), over order weeks k = 0 … K − 1 (K = ⌈longest forecast / 7⌉):
/// 1. each item's week requirement w_k = M(k) − M(k − 1) (``CapacityItem/cumulativeRequirement(week:)``,
///    M(−1) = 0): the units its orders of week k must bring so stock lasts until week k + 1's
///    orders arrive. Week 0's load also holds tonight's own orders.
/// 2. Going back from the last week: when a week's need (its requirement + what later weeks
///    carried into it) is above C, the excess is carried to the week before, shared among the
///    items in proportion to their need that week (a capacity-constrained lot-sizing pass, as late
///    as possible: Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*,
///    §8.5, the backward pass). A week with room absorbs what is carried into it: a later night,
///    when that week is its own, orders it.
/// 3. What reaches week 0 is built tonight: case packs, one at a time, to the item with the most
///    carried units still unbuilt (ties by sku, then location; the last pack of an item rounds
///    up), while week 0's room lasts: C − tonight's planned units − week 0's remaining requirement,
///    rounded down to a whole `roomMultiple` (a pallet) when given; an item's `maxUnits` is never
///    exceeded. What does not fit is ``CapacityPeak/unmetUnits``.
///
/// Tonight's own plan is never cut, even above C. Deterministic: the result does not depend on the
/// order of `items`. Cost: O(n · K) per supplier plus O(p · n) for p packs built.
public enum CapacityPrebuild {
    static let tolerance = 1e-9

    /// - Parameters:
    ///   - capacity: supplier → weekly capacity (units per order week, > 0); suppliers not listed are unlimited.
    ///   - items: every item bought from those suppliers that is reviewed tonight (an item not in
    ///     `capacity` is left as it is).
    ///   - roomMultiple: supplier → units tonight's total should stay a whole multiple of (a pallet).
    ///   - alreadyOrdered: supplier → units ordered from it on the 6 nights before tonight, when known
    ///     (a replay knows them; a night does not: open orders carry no order date): they take
    ///     tonight's room too, the capacity being a supplier's per 7 consecutive order dates.
    public static func plan(capacity: [String: Double], items: [CapacityItem], roomMultiple: [String: Double] = [:],
                            alreadyOrdered: [String: Double] = [:]) -> CapacityPrebuildOutcome {
        var prebuild = [Double](repeating: 0, count: items.count)
        var peaks: [CapacityPeak] = []
        var bySupplier: [String: [Int]] = [:]
        for (i, item) in items.enumerated() where capacity[item.supplier] != nil { bySupplier[item.supplier, default: []].append(i) }
        for supplier in bySupplier.keys.sorted() {
            let idx = bySupplier[supplier]!.sorted { a, b in
                (items[a].sku, items[a].location, a) < (items[b].sku, items[b].location, b)
            }
            if let peak = plan(supplier: supplier, capacity: capacity[supplier]!, idx: idx, items: items,
                               roomMultiple: roomMultiple[supplier], alreadyOrdered: alreadyOrdered[supplier] ?? 0,
                               into: &prebuild) {
                peaks.append(peak)
            }
        }
        return CapacityPrebuildOutcome(prebuild: prebuild, peaks: peaks)
    }

    private static func plan(supplier: String, capacity: Double, idx: [Int], items: [CapacityItem],
                             roomMultiple: Double?, alreadyOrdered: Double, into prebuild: inout [Double]) -> CapacityPeak? {
        let eps = tolerance
        let longest = idx.map { items[$0].dailyDemand.count }.max() ?? 0
        let weeks = max(1, (longest + 6) / 7)
        // need[j][k]: item idx[j]'s requirement of week k.
        var need = idx.map { i -> [Double] in
            var m = [Double](repeating: 0, count: weeks), prev = 0.0
            for k in 0..<weeks {
                let c = items[i].cumulativeRequirement(week: k)
                m[k] = max(0, c - prev)
                prev = max(prev, c)
            }
            return m
        }
        var peak: CapacityPeak? = nil
        var excessTotal = 0.0
        for k in stride(from: weeks - 1, through: 1, by: -1) {
            let total = need.reduce(0) { $0 + $1[k] }
            guard total > capacity + eps else { continue }
            let excess = total - capacity
            excessTotal += excess
            for j in need.indices {
                let moved = need[j][k] * excess / total
                need[j][k] -= moved
                need[j][k - 1] += moved
            }
            let own = idx.reduce(0) { s, i in
                s + max(0, items[i].cumulativeRequirement(week: k) - items[i].cumulativeRequirement(week: k - 1))
            }
            if peak == nil || own > peak!.weekRequirement + eps {
                peak = CapacityPeak(supplier: supplier, capacity: capacity, week: k, weekRequirement: own,
                                    peakDay: peakDay(week: k, idx: idx, items: items), excessUnits: 0,
                                    carriedToTonight: 0, prebuiltTonight: 0, unmetUnits: 0)
            }
        }
        guard var found = peak else { return nil }
        // Week 0: what was carried into it beyond its own requirement is built tonight.
        var carried = idx.indices.map { j -> Double in
            let own = items[idx[j]].cumulativeRequirement(week: 0)
            return max(0, need[j][0] - own)
        }
        let planned = idx.reduce(0) { $0 + items[$1].plannedQuantity }
        let ownWeek0 = idx.reduce(0) { $0 + items[$1].cumulativeRequirement(week: 0) }
        var room = max(0, capacity - max(0, alreadyOrdered) - planned - ownWeek0)
        if let m = roomMultiple, m > 0 {
            let total = ((planned + ownWeek0 + room) / m + eps).rounded(.down) * m
            room = max(0, total - max(0, alreadyOrdered) - planned - ownWeek0)
        }
        let carriedTotal = carried.reduce(0, +)
        var built = 0.0
        while true {
            var best: Int? = nil
            for j in idx.indices where carried[j] > eps {
                let item = items[idx[j]]
                guard item.casePack <= room - built + eps else { continue }
                if let cap = item.maxUnits,
                   item.inventoryPosition + item.plannedQuantity + prebuild[idx[j]] + item.casePack > cap + eps { continue }
                if best == nil || carried[j] > carried[best!] + eps { best = j }
            }
            guard let j = best else { break }
            let i = idx[j]
            prebuild[i] += items[i].casePack
            carried[j] -= items[i].casePack
            built += items[i].casePack
        }
        found.excessUnits = excessTotal
        found.carriedToTonight = carriedTotal
        found.prebuiltTonight = built
        found.unmetUnits = max(0, carried.reduce(0) { $0 + max(0, $1) })
        return found
    }

    /// The day with the highest Σ forecast demand among the days week k's orders cover (the
    /// days after M(k − 1)'s end through M(k)'s, per item; the first such day on ties).
    private static func peakDay(week k: Int, idx: [Int], items: [CapacityItem]) -> Int {
        var byDay: [Int: Double] = [:]
        for i in idx {
            let item = items[i]
            let from = 7 * k + item.arrivalDays - 1, to = min(item.dailyDemand.count, 7 * (k + 1) + item.arrivalDays - 1)
            guard from < to else { continue }
            for t in from..<to { byDay[t + 1, default: 0] += item.dailyDemand[t] }
        }
        var best = 0, most = -Double.infinity
        for d in byDay.keys.sorted() where byDay[d]! > most + tolerance { best = d; most = byDay[d]! }
        return best
    }
}
