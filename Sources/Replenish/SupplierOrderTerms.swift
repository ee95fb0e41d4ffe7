/// A supplier's terms for one purchase order (`suppliers.csv`); nil = not set.
public struct SupplierOrderTerms: Sendable, Equatable {
    /// The least Σ units × unit cost a purchase order may have (currency, ≥ 0).
    public var minValue: Double?
    /// The least Σ units a purchase order may have (units, ≥ 0).
    public var minUnits: Double?
    /// A purchase order's Σ units must be a whole multiple of it (units, > 0; a pallet).
    public var multipleUnits: Double?
    /// The most Σ units one purchase order may carry (units, > 0; a truck).
    public var maxUnits: Double?

    public init(minValue: Double? = nil, minUnits: Double? = nil, multipleUnits: Double? = nil, maxUnits: Double? = nil) {
        self.minValue = minValue
        self.minUnits = minUnits
        self.multipleUnits = multipleUnits
        self.maxUnits = maxUnits
    }
}

/// One order line of the night as its sku's own plan made it, with the context the
/// cross-sku stage needs (all of it known once the sku is planned, so lines planned on
/// different machines can be brought together and enforced at merge time).
public struct PurchaseOrderLine: Sendable, Equatable {
    public var sku: String
    public var location: String
    public var supplier: String
    /// Units the sku's own plan ordered (> 0).
    public var quantity: Double
    /// The case pack (`items.csv` `order_multiple`, 1 when not set): top-ups come in whole packs (units, > 0).
    public var casePack: Double
    /// Currency per unit; nil = unknown (the line adds nothing to a PO's value).
    public var unitCost: Double?
    /// On hand − allocated + on order before tonight's order (units).
    public var inventoryPosition: Double
    /// Forecast demand (units per day; the horizon's mean). 0 = no demand: the line takes no top-up.
    public var dailyDemand: Double
    /// A top-up never takes the line's cover after tonight's order above this (days; `excess_cover_days`).
    public var maxCoverDays: Double
    /// A top-up never takes inventory position + quantity above this (units; `items.csv` `max_units`); nil = no limit.
    public var maxUnits: Double?

    public init(sku: String, location: String, supplier: String, quantity: Double, casePack: Double = 1, unitCost: Double?,
                inventoryPosition: Double, dailyDemand: Double, maxCoverDays: Double, maxUnits: Double? = nil) {
        self.sku = sku
        self.location = location
        self.supplier = supplier
        self.quantity = quantity
        self.casePack = casePack > 0 ? casePack : 1
        self.unitCost = unitCost
        self.inventoryPosition = inventoryPosition
        self.dailyDemand = dailyDemand
        self.maxCoverDays = maxCoverDays
        self.maxUnits = maxUnits
    }

    /// Days of cover after tonight's order: (inventory position + quantity) / daily demand; +∞ without demand.
    func cover(_ quantity: Double) -> Double {
        dailyDemand > 0 ? (inventoryPosition + quantity) / dailyDemand : .infinity
    }

    /// Whether one more case pack on top of `quantity` keeps the line within its excess limits.
    func takesAnotherPack(_ quantity: Double) -> Bool {
        let after = quantity + casePack
        return dailyDemand > 0 && cover(after) <= maxCoverDays + SupplierOrderTerms.tolerance
            && (maxUnits.map { inventoryPosition + after <= $0 + SupplierOrderTerms.tolerance } ?? true)
    }
}

/// What ``SupplierOrderTerms/enforce(_:on:)`` made of the night's order lines.
public struct SupplierTermsOutcome: Sendable, Equatable {
    /// Units of one input line on one purchase order of its supplier.
    public struct Placement: Sendable, Equatable {
        /// Index of the line in the input.
        public var line: Int
        /// 1-based number of the supplier's purchase order tonight (> 1 only when split at the maximum).
        public var order: Int
        /// Units on this purchase order (> 0), of which `toppedUp` were added by the stage (≥ 0).
        public var units: Double
        public var toppedUp: Double
    }

    /// One supplier's order of the night, before any split.
    public struct SupplierOrder: Sendable, Equatable {
        public var supplier: String
        /// Input line indices, by (sku, location).
        public var lines: [Int]
        /// Σ units and Σ units × unit cost as the skus' own plans made them.
        public var plannedUnits: Double
        public var plannedValue: Double
        /// Units the stage added (minimum and multiple).
        public var toppedUpUnits: Double
        /// Held: below a minimum that no line could be topped up to without excess; none of its
        /// lines is ordered.
        public var held: Bool
        /// Units still missing to a whole `multipleUnits` when no line could take another pack
        /// without excess (0 = a whole multiple, or no multiple set); the order goes out as it is.
        public var shortOfMultiple: Double
        /// Purchase orders it is sent as (0 when held, > 1 when split at `maxUnits`).
        public var orders: Int
    }

    /// Placements by input line, then order number; held lines have none.
    public var placements: [Placement]
    /// One per supplier with a line, by supplier name.
    public var suppliers: [SupplierOrder]
}

extension SupplierOrderTerms {
    /// Slack on unit and day comparisons (quantities are sums of case packs).
    static let tolerance = 1e-9

    /// Applies each supplier's terms to the night's order lines, after every sku's own plan:
    /// the cross-sku stage. A pure function of `lines` and `terms` (supplier → terms; a supplier
    /// without terms keeps its lines as they are), independent of the input's order.
    ///
    /// Per supplier, its lines taken by (sku, location):
    /// 1. **Minimum** (`minValue` currency, `minUnits` units): while the order is below either,
    ///    one case pack is added to the line with the fewest days of cover after tonight's order,
    ///    (inventory position + quantity) / daily demand (ties: sku, then location), among the
    ///    lines that help (a value minimum needs a line with a unit cost) and can take the pack
    ///    without going above `maxCoverDays` of cover or `maxUnits`. When no line can, the whole
    ///    order is **held**: none of its lines is placed.
    /// 2. **Multiple** (`multipleUnits`): while Σ units is not a whole multiple, a pack is added
    ///    the same way, among the lines whose pack fits in what is missing to the next multiple;
    ///    when none fits, the order goes out short (``SupplierTermsOutcome/SupplierOrder/shortOfMultiple``).
    /// 3. **Maximum** (`maxUnits`): an order above it is split into purchase orders of at most
    ///    `maxUnits` (rounded down to a whole `multipleUnits` when one is set), filled in line
    ///    order, the first ones full; a line that does not fit the rest of a purchase order goes
    ///    on in whole case packs to the next (it is then placed twice). The minimum and the
    ///    multiple are the night's order's, before the split; nothing is cut.
    ///
    /// Invariants: placed units ≥ the plan's on every line that is not held; every added unit is
    /// a whole case pack; no added pack takes a line above its excess limits; the result is the
    /// same for any permutation of `lines`. Cost: O(p · n) per supplier for p packs added over n lines.
    public static func enforce(_ terms: [String: SupplierOrderTerms], on lines: [PurchaseOrderLine]) -> SupplierTermsOutcome {
        var bySupplier: [String: [Int]] = [:]
        for (i, l) in lines.enumerated() { bySupplier[l.supplier, default: []].append(i) }
        var placements: [SupplierTermsOutcome.Placement] = []
        var orders: [SupplierTermsOutcome.SupplierOrder] = []
        for supplier in bySupplier.keys.sorted() {
            let idx = bySupplier[supplier]!.sorted { a, b in
                (lines[a].sku, lines[a].location, a) < (lines[b].sku, lines[b].location, b)
            }
            let (order, placed) = enforce(terms[supplier] ?? SupplierOrderTerms(), supplier: supplier, on: idx, of: lines)
            orders.append(order)
            placements += placed
        }
        placements.sort { ($0.line, $0.order) < ($1.line, $1.order) }
        return SupplierTermsOutcome(placements: placements, suppliers: orders)
    }

    /// One supplier's order: `idx` are its lines' indices, by (sku, location).
    private static func enforce(_ t: SupplierOrderTerms, supplier: String, on idx: [Int],
                                of lines: [PurchaseOrderLine]) -> (SupplierTermsOutcome.SupplierOrder, [SupplierTermsOutcome.Placement]) {
        let eps = tolerance
        var q = [Double](repeating: 0, count: lines.count)
        for i in idx { q[i] = lines[i].quantity }
        let plannedUnits = idx.reduce(0) { $0 + lines[$1].quantity }
        let plannedValue = idx.reduce(0) { $0 + lines[$1].quantity * (lines[$1].unitCost ?? 0) }
        var units = plannedUnits, value = plannedValue
        /// The lowest-cover line among `idx` passing `eligible` (ties by the (sku, location) order of `idx`).
        func lowestCover(_ eligible: (Int) -> Bool) -> Int? {
            var best: Int? = nil
            for i in idx where eligible(i) && lines[i].takesAnotherPack(q[i]) {
                if best == nil || lines[i].cover(q[i]) < lines[best!].cover(q[best!]) { best = i }
            }
            return best
        }
        func addPack(_ i: Int) {
            q[i] += lines[i].casePack
            units += lines[i].casePack
            value += lines[i].casePack * (lines[i].unitCost ?? 0)
        }
        var order = SupplierTermsOutcome.SupplierOrder(supplier: supplier, lines: idx, plannedUnits: plannedUnits,
                                                       plannedValue: plannedValue, toppedUpUnits: 0, held: false,
                                                       shortOfMultiple: 0, orders: 1)
        // 1. Minimum value and units.
        while true {
            let valueShort = t.minValue.map { value < $0 - eps } ?? false
            let unitsShort = t.minUnits.map { units < $0 - eps } ?? false
            guard valueShort || unitsShort else { break }
            guard let i = lowestCover({ unitsShort || (lines[$0].unitCost ?? 0) > 0 }) else {
                order.held = true
                order.orders = 0
                return (order, [])
            }
            addPack(i)
        }
        // 2. A whole multiple of the pallet.
        if let m = t.multipleUnits {
            while true {
                let r = units.truncatingRemainder(dividingBy: m)
                let gap = r < eps || m - r < eps ? 0 : m - r
                guard gap > 0 else { break }
                guard let i = lowestCover({ lines[$0].casePack <= gap + eps }) else {
                    order.shortOfMultiple = gap
                    break
                }
                addPack(i)
            }
        }
        order.toppedUpUnits = units - plannedUnits
        // 3. Split at the truck's maximum.
        var placed: [SupplierTermsOutcome.Placement] = []
        var capacity = Double.infinity
        if let x = t.maxUnits, units > x + eps {
            capacity = x
            if let m = t.multipleUnits, (x / m).rounded(.down) >= 1 { capacity = (x / m).rounded(.down) * m }
        }
        var part = 1, inPart = 0.0
        for i in idx {
            let l = lines[i]
            var left = q[i], given = 0.0
            while left > eps {
                var room = capacity - inPart
                if inPart > eps && (room < eps || (room < left - eps && room < l.casePack - eps)) {
                    part += 1
                    inPart = 0
                    room = capacity
                }
                // A whole case pack larger than the truck still goes whole, alone.
                let take = left <= room + eps ? left : max((room / l.casePack + eps).rounded(.down), 1) * l.casePack
                let taken = min(take, left)
                let topped = max(0, min(given + taken, q[i]) - max(given, l.quantity))
                placed.append(.init(line: i, order: part, units: taken, toppedUp: topped))
                given += taken
                left -= taken
                inPart += taken
            }
        }
        order.orders = part
        return (order, placed)
    }
}
