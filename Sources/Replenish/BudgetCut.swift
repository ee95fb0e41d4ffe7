import Forecast

/// A cap on one night's purchase spend (Σ units × unit cost of the order lines, currency):
/// for all lines, per supplier, per item category. nil / absent = no cap.
public struct OrderBudget: Sendable, Equatable {
    public var total: Double?
    public var suppliers: [String: Double]
    public var categories: [String: Double]

    public init(total: Double? = nil, suppliers: [String: Double] = [:], categories: [String: Double] = [:]) {
        self.total = total
        self.suppliers = suppliers
        self.categories = categories
    }

    /// Whether any cap is set.
    public var isSet: Bool { total != nil || !suppliers.isEmpty || !categories.isEmpty }
}

/// One order line of the night as the budget stage sees it: what is ordered after the supplier
/// terms, what it costs, and the demand it protects against.
public struct BudgetLine: Sendable, Equatable {
    public var sku: String
    public var location: String
    public var supplier: String
    /// The item's category; nil = none (no category cap applies).
    public var category: String?
    /// Units ordered tonight (after the supplier terms), ≥ 0.
    public var quantity: Double
    /// Cuts come in whole case packs (units, > 0).
    public var casePack: Double
    /// The line's minimum order quantity: a cut that would leave fewer units cuts the whole line.
    public var moq: Double
    /// Currency per unit; nil or 0 = unknown: the line counts in no cap and is never cut.
    public var unitCost: Double?
    /// Inventory position before tonight's order (units): the stock level is IP + quantity.
    public var inventoryPosition: Double
    /// Demand over the protection interval P (lead time + review period).
    public var demand: DemandDistribution
    /// Demand over the lead time L alone; nil = none (L = 0).
    public var leadDemand: DemandDistribution?
    /// Expected demand over one review period (units): the fill rate's denominator (for a level
    /// forecast, the mean of ``reviewPeriodDemand``).
    public var reviewDemand: Double

    public init(sku: String, location: String, supplier: String, category: String? = nil, quantity: Double,
                casePack: Double = 1, moq: Double = 0, unitCost: Double?, inventoryPosition: Double,
                demand: DemandDistribution, leadDemand: DemandDistribution? = nil, reviewDemand: Double) {
        self.sku = sku
        self.location = location
        self.supplier = supplier
        self.category = category
        self.quantity = quantity
        self.casePack = casePack > 0 ? casePack : 1
        self.moq = max(0, moq)
        self.unitCost = unitCost
        self.inventoryPosition = inventoryPosition
        self.demand = demand
        self.leadDemand = leadDemand
        self.reviewDemand = reviewDemand
    }

    /// Demand over the review period after tonight's order arrives, D_R = D_P − D_L (units):
    /// mean μ_P − μ_L and σ_P·√((μ_P − μ_L)/μ_P) — the lead time's share of σ_P taken as
    /// ``ProtectionDemand/leadTimeDistribution`` takes it, so σ_L² + σ_R² = σ_P² (independent
    /// parts) — by the automatic model choice; D_P itself without a lead time, and a point mass
    /// when D_P is one.
    public var reviewPeriodDemand: DemandDistribution {
        guard let lead = leadDemand else { return demand }
        let m = max(0, demand.mean - lead.mean)
        if demand.variance <= 0 || demand.mean <= 0 { return .normal(mean: m, sd: 0) }
        return .choose(mean: m, sd: demand.sd * (m / demand.mean).squareRoot())
    }

    /// Expected units short over the review period after tonight's order arrives, with `quantity`
    /// ordered, when unmet demand is lost (retail; as `restock simulate` plays it): the order
    /// arrives at the end of the lead time L to the stock left then, X = (IP − D_L)⁺ (IP ≥ 0; what
    /// runs short before arrival is lost, not backordered), and the two serve D_R:
    ///
    ///     short(q) = E[(D_R − q − X)⁺],  D_L and D_R independent.
    ///
    /// For a ≥ 0, (a − (IP − D_L)⁺)⁺ = (D_L − (IP − a))⁺ − (D_L − IP)⁺ (check D_L ≥ IP and
    /// D_L < IP), so with a = D_R − q and L_L(s) = E[(D_L − s)⁺] the lead time's loss function,
    ///
    ///     short(q) = E_R[(L_L(IP + q − D_R) − L_L(IP))⁺]
    ///
    /// (the term is positive exactly when D_R > q). Evaluated exactly for a point-mass D_L or D_R
    /// and for discrete D_R (Σ over its pmf); for normal D_R by Simpson's rule over D_R from
    /// max(q, μ_R − 8σ_R) to μ_R + 8σ_R (256 panels; the integrand is 0 at D_R = q and smooth after).
    /// Within 0 … E[D_R]; decreasing and convex in q.
    public func expectedShortage(_ quantity: Double) -> Double {
        let q = max(0, quantity), ip = max(0, inventoryPosition)
        let r = reviewPeriodDemand
        guard let lead = leadDemand, lead.mean > 0 else { return r.expectedShortfall(q + ip) }
        if lead.model == .normal && lead.variance <= 0 { return r.expectedShortfall(q + max(0, ip - lead.mean)) }
        let base = lead.expectedShortfall(ip)
        func g(_ d: Double) -> Double { max(0, lead.expectedShortfall(ip + q - d) - base) }
        switch r.model {
        case .normal:
            let sigma = r.sd
            if sigma <= 0 { return g(r.mean) }
            let lo = max(q, r.mean - 8 * sigma), hi = r.mean + 8 * sigma
            guard hi > lo else { return 0 }
            let panels = 256
            let h = (hi - lo) / Double(panels)
            var sum = 0.0
            for k in 0...panels {
                let d = lo + Double(k) * h
                let w = k == 0 || k == panels ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
                sum += w * g(d) * StandardNormal.pdf((d - r.mean) / sigma)
            }
            return max(0, sum * h / (3 * sigma))
        case .poisson, .negativeBinomial:
            guard r.mean > 0 else { return 0 }
            var sum = 0.0
            var k = Int(q.rounded(.down)) + 1
            var count = 0
            while count < 1_000_000 {
                let f = r.pmf(k)
                if Double(k) > r.mean && f < 1e-18 { break }
                sum += f * g(Double(k))
                k += 1
                count += 1
            }
            return sum
        }
    }

    var cost: Double { max(unitCost ?? 0, 0) }

    /// Units the next cut removes from `quantity`: a case pack, or all of it when fewer than
    /// the MOQ (or nothing) would be left.
    func nextCut(_ quantity: Double) -> Double {
        let pack = min(casePack, quantity)
        return quantity - pack < max(moq, BudgetCut.tolerance) - BudgetCut.tolerance ? quantity : pack
    }
}

/// What ``BudgetCut/apply(_:to:)`` made of the night's lines.
public struct BudgetOutcome: Sendable, Equatable {
    /// One cap and what the lines spend under it.
    public struct Scope: Sendable, Equatable {
        /// `total`, `supplier <name>` or `category <name>`.
        public var name: String
        public var cap: Double
        /// Σ value of its lines before and after the cut (currency).
        public var plannedValue: Double
        public var keptValue: Double
    }

    /// One line the budget cut.
    public struct Cut: Sendable, Equatable {
        /// Index of the line in the input.
        public var line: Int
        public var units: Double
        public var value: Double
        /// Expected units short over the review period after arrival (``BudgetLine/expectedShortage(_:)``),
        /// before and after the cut.
        public var shortageBefore: Double
        public var shortageAfter: Double
        /// The cap that was over when its first pack was cut.
        public var scope: String
    }

    /// Units kept, by input line.
    public var quantities: [Double]
    /// Lines cut, by input line.
    public var cuts: [Cut]
    /// Caps, in order: total, suppliers by name, categories by name.
    public var scopes: [Scope]
    /// Σ value of all lines before and after (currency).
    public var plannedValue: Double
    public var keptValue: Double
    /// Σ expected units short (``BudgetLine/expectedShortage(_:)``) and Σ review-period demand
    /// over the lines that protect against any demand: the expected fill rate is 1 − short / demand.
    public var shortageBefore: Double
    public var shortageAfter: Double
    public var reviewDemand: Double

    /// Expected fill rate of the night's order lines, before and after the cut.
    public var fillRateBefore: Double { reviewDemand > 0 ? max(0, 1 - shortageBefore / reviewDemand) : 1 }
    public var fillRateAfter: Double { reviewDemand > 0 ? max(0, 1 - shortageAfter / reviewDemand) : 1 }
}

public enum BudgetCut {
    static let tolerance = 1e-9

    /// Brings the night's order lines within `budget`: the cross-sku stage's step after the
    /// supplier terms. A pure function of `lines` and `budget`, independent of the input's order.
    ///
    /// While any cap is exceeded, the case pack that buys the least service per currency unit
    /// among the lines under an exceeded cap is cut: a line's next pack (its last one) is worth
    /// the expected shortage it avoids, short(q − c) − short(q) (``BudgetLine/expectedShortage(_:)``),
    /// divided by its cost c × unit cost; ties by sku, location. A cut that would leave a line below its MOQ
    /// cuts the whole line. Lines without a unit cost count in no cap and are never cut. Cutting
    /// stops as soon as every cap is met (every cap can be met: each costed line can go to 0).
    ///
    /// Cost: O((n + p) log n) for n lines and p packs cut, plus 2(n + p) shortage evaluations
    /// (each at most 257 loss evaluations of D_L, or a sum over D_R's pmf).
    public static func apply(_ budget: OrderBudget, to lines: [BudgetLine]) -> BudgetOutcome {
        let n = lines.count
        var q = lines.map { max(0, $0.quantity) }
        // Caps and each line's caps.
        var names: [String] = [], caps: [Double] = []
        var supplierScope: [String: Int] = [:], categoryScope: [String: Int] = [:]
        var totalScope: Int? = nil
        if let t = budget.total { totalScope = names.count; names.append("total"); caps.append(t) }
        for (s, cap) in budget.suppliers.sorted(by: { $0.key < $1.key }) {
            supplierScope[s] = names.count; names.append("supplier \(s)"); caps.append(cap)
        }
        for (c, cap) in budget.categories.sorted(by: { $0.key < $1.key }) {
            categoryScope[c] = names.count; names.append("category \(c)"); caps.append(cap)
        }
        let scopesOf: [[Int]] = lines.map { l in
            var s: [Int] = []
            if let t = totalScope { s.append(t) }
            if let k = supplierScope[l.supplier] { s.append(k) }
            if let c = l.category, let k = categoryScope[c] { s.append(k) }
            return s
        }
        var spend = [Double](repeating: 0, count: names.count)
        for i in 0..<n { for k in scopesOf[i] { spend[k] += q[i] * lines[i].cost } }
        let planned = spend
        func over(_ k: Int) -> Bool { spend[k] > caps[k] + 1e-7 * max(1, caps[k]) }

        // Order of ties: sku, location, supplier, input index.
        let rank: [Int] = {
            let order = (0..<n).sorted { a, b in
                (lines[a].sku, lines[a].location, lines[a].supplier, a) < (lines[b].sku, lines[b].location, lines[b].supplier, b)
            }
            var r = [Int](repeating: 0, count: n)
            for (k, i) in order.enumerated() { r[i] = k }
            return r
        }()
        var shortage = (0..<n).map { lines[$0].expectedShortage(q[$0]) }
        let before = shortage
        func key(_ i: Int) -> CutKey {
            let cut = lines[i].nextCut(q[i])
            let avoided = lines[i].expectedShortage(q[i] - cut) - shortage[i]
            return CutKey(worth: max(0, avoided) / (cut * lines[i].cost), rank: rank[i])
        }
        var heap = MinHeap<CutKey, Int>()
        for i in 0..<n where q[i] > tolerance && lines[i].cost > 0 && !scopesOf[i].isEmpty && scopesOf[i].contains(where: over) {
            heap.push(key(i), i)
        }
        var firstScope: [Int: String] = [:]
        while let i = heap.pop() {
            guard let k = scopesOf[i].first(where: over) else { continue }  // its caps are met; they stay met
            if firstScope[i] == nil { firstScope[i] = names[k] }
            let cut = lines[i].nextCut(q[i])
            q[i] = max(0, q[i] - cut)
            shortage[i] = lines[i].expectedShortage(q[i])
            for s in scopesOf[i] { spend[s] -= cut * lines[i].cost }
            if q[i] > tolerance { heap.push(key(i), i) }
        }

        var cuts: [BudgetOutcome.Cut] = []
        for i in 0..<n where q[i] < lines[i].quantity - tolerance {
            let units = lines[i].quantity - q[i]
            cuts.append(.init(line: i, units: units, value: units * lines[i].cost, shortageBefore: before[i],
                              shortageAfter: shortage[i], scope: firstScope[i] ?? ""))
        }
        let scopes = names.indices.map {
            BudgetOutcome.Scope(name: names[$0], cap: caps[$0], plannedValue: planned[$0], keptValue: spend[$0])
        }
        var demand = 0.0
        for l in lines where l.reviewDemand > 0 { demand += l.reviewDemand }
        return BudgetOutcome(
            quantities: q, cuts: cuts, scopes: scopes,
            plannedValue: (0..<n).reduce(0) { $0 + lines[$1].quantity * lines[$1].cost },
            keptValue: (0..<n).reduce(0) { $0 + q[$1] * lines[$1].cost },
            shortageBefore: before.reduce(0, +), shortageAfter: shortage.reduce(0, +), reviewDemand: demand)
    }
}

/// A pack's place in the cutting order: expected units short avoided per currency unit, then
/// the line's rank by sku and location.
struct CutKey: Comparable {
    var worth: Double
    var rank: Int
    static func < (a: CutKey, b: CutKey) -> Bool { a.worth != b.worth ? a.worth < b.worth : a.rank < b.rank }
}

/// A binary min-heap of values by key (ties never occur: keys carry a unique rank).
struct MinHeap<Key: Comparable, Value> {
    private var items: [(key: Key, value: Value)] = []

    mutating func push(_ key: Key, _ value: Value) {
        items.append((key, value))
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard items[c].key < items[p].key else { break }
            items.swapAt(c, p)
            c = p
        }
    }

    mutating func pop() -> Value? {
        guard !items.isEmpty else { return nil }
        let top = items[0].value
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < items.count && items[l].key < items[m].key { m = l }
                if r < items.count && items[r].key < items[m].key { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}
