/// What one location of one sku needs for tonight's decision.
///
/// Units: quantities in units of the item, times in days after the as-of day (day 1 is
/// tomorrow). The fields after `lot` are optional refinements with defaults that reproduce the
/// first planner: cycle service level `serviceLevel`, the (R, s, S) policy, no cost data.
public struct ReplenishmentInput: Sendable {
    /// Units on hand at the end of the as-of day (may be negative for backorders).
    public var onHand: Double
    /// Units promised to customers, ≥ 0.
    public var allocated: Double
    /// Inbound units by arrival, days after as-of (≥ 1), sorted. Arrivals beyond the forecast
    /// horizon still count in the inventory position.
    public var inbound: [(day: Int, quantity: Double)]
    /// Forecast mean daily demand from the day after as-of, units per day.
    public var demandMean: [Double]
    /// Forecast standard deviation of each day's error, units.
    public var demandSD: [Double]
    /// Lead time and its standard deviation, days.
    public var leadTimeDays: Double
    public var leadTimeSDDays: Double
    /// Review period R, days ≥ 1.
    public var reviewDays: Int
    /// Cycle service level in (0, 1); the target when `serviceTarget` is nil.
    public var serviceLevel: Double
    public var lot: LotRules
    /// Service target; nil means `.cycleServiceLevel(serviceLevel)`.
    public var serviceTarget: ServiceTarget?
    /// Which replenishment rule decides tonight's order (see ``ReplenishmentPolicy``).
    public var policy: PolicyKind
    /// Ordering and holding costs; when present the EOQ is the smallest lot (see ``EOQ``).
    public var costs: OrderingCosts?
    /// Whether tonight is one of the item's review nights (every `reviewDays` nights). The
    /// levels protect lead time + review period, so an item orders only on its review nights.
    public var reviewsTonight: Bool = true
    /// Nights until the next review night when tonight is not one (≥ 1); with
    /// ``expediteAllowed``, an item that would run out before an order placed then could
    /// arrive orders tonight instead (reason `expedite`). 0 = unknown: no expedite.
    public var daysToNextReview: Int = 0
    /// Whether an out-of-cycle order may be placed tonight (the supplier takes them).
    public var expediteAllowed: Bool = true
    /// Recent daily demand (oldest first; NaN for stock-out days), used to check the forecast's
    /// spread over the protection interval against what demand really did (``ProtectionDemand``).
    public var recentDemand: [Double] = []

    public init(onHand: Double, allocated: Double, inbound: [(day: Int, quantity: Double)], demandMean: [Double],
                demandSD: [Double], leadTimeDays: Double, leadTimeSDDays: Double, reviewDays: Int,
                serviceLevel: Double, lot: LotRules, serviceTarget: ServiceTarget? = nil,
                policy: PolicyKind = .reorderPointOrderUpTo, costs: OrderingCosts? = nil) {
        self.onHand = onHand
        self.allocated = allocated
        self.inbound = inbound
        self.demandMean = demandMean
        self.demandSD = demandSD
        self.leadTimeDays = leadTimeDays
        self.leadTimeSDDays = leadTimeSDDays
        self.reviewDays = reviewDays
        self.serviceLevel = serviceLevel
        self.lot = lot
        self.serviceTarget = serviceTarget
        self.policy = policy
        self.costs = costs
    }

    /// Units on order (all inbound, whatever their due day).
    public var onOrder: Double { inbound.reduce(0) { $0 + $1.quantity } }
    /// Inventory position: on hand − allocated + on order, units.
    public var inventoryPosition: Double { onHand - allocated + onOrder }
    /// The service target in force: `serviceTarget`, else the cycle service level.
    public var target: ServiceTarget { serviceTarget ?? .cycleServiceLevel(serviceLevel) }
}

/// Tonight's decision for one location of one sku, with the numbers behind it.
public struct ReplenishmentDecision: Sendable, Equatable {
    /// Units to order tonight, ≥ 0 (0 = no order).
    public var quantity: Double
    public var onOrder: Double
    public var inventoryPosition: Double
    /// Reorder point s: an order is placed when the inventory position is at or below it, units.
    public var reorderPoint: Double
    /// Order-up-to level S, units.
    public var orderUpTo: Double
    /// Reorder point minus mean demand over the protection interval, units. Never negative for
    /// the normal model; may be slightly negative for a discrete model (s is a whole number).
    public var safetyStock: Double
    /// Days from ordering to arrival (the lead time rounded up).
    public var arrivalDays: Int
    /// Why it orders (or not), for `orders.csv`'s `reason`.
    public var reason: String
    public var lot: LotSizing.Result
    /// Projected stock runs out before an order placed tonight could arrive.
    public var stockoutBeforeArrival: Bool
    /// First day (1 = tomorrow) the projected available stock is below zero, without tonight's
    /// order; nil when it stays ≥ 0 over the projection.
    public var firstStockoutDay: Int? = nil
    /// Days the projected stock lasts without tonight's order (fractional; the projection's
    /// length when it never runs out).
    public var daysOfCover: Double = 0
    /// The demand model over the protection interval behind the reorder point.
    public var demandModel: DemandDistribution.Model = .normal
    /// The policy that decided.
    public var policy: PolicyKind = .reorderPointOrderUpTo
    /// Economic order quantity used as the smallest lot, units; nil without cost data.
    public var economicOrderQuantity: Double? = nil
    /// Demand over the protection interval (``ProtectionDemand/distribution``), over the lead time
    /// alone (D_L with σ_P scaled by √(D_L/D_P), the same model choice) and over one review period
    /// (D_R, units): what the budget stage weighs a case pack against.
    public var protectionDemand: DemandDistribution? = nil
    public var leadTimeDemand: DemandDistribution? = nil
    public var reviewDemand: Double = 0
    /// Nights from tonight to the item's next regular review after tonight (≥ 1).
    public var nextReviewDays: Int = 1
}
