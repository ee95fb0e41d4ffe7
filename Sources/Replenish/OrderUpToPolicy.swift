/// What one location of one sku needs for tonight's decision.
public struct ReplenishmentInput: Sendable {
    /// Units on hand at the end of the as-of day (may be negative for backorders).
    public var onHand: Double
    /// Units promised to customers, ≥ 0.
    public var allocated: Double
    /// Inbound units by arrival, days after as-of (≥ 1), sorted.
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
    /// Cycle service level in (0, 1).
    public var serviceLevel: Double
    public var lot: LotRules

    public init(onHand: Double, allocated: Double, inbound: [(day: Int, quantity: Double)], demandMean: [Double],
                demandSD: [Double], leadTimeDays: Double, leadTimeSDDays: Double, reviewDays: Int,
                serviceLevel: Double, lot: LotRules) {
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
    }

    /// Units on order (all inbound).
    public var onOrder: Double { inbound.reduce(0) { $0 + $1.quantity } }
    /// Inventory position: on hand − allocated + on order, units.
    public var inventoryPosition: Double { onHand - allocated + onOrder }
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
    public var safetyStock: Double
    /// Days from ordering to arrival (the lead time rounded up).
    public var arrivalDays: Int
    /// Why it orders (or not), for `orders.csv`'s `reason`.
    public var reason: String
    public var lot: LotSizing.Result
    /// Projected stock runs out before an order placed tonight could arrive.
    public var stockoutBeforeArrival: Bool
}

/// Periodic review (R, s, S), reviewed nightly.
///
/// Protection interval P = L + R (lead time + review period). With D_P the forecast demand over
/// P and σ_P from ``SafetyStock/protectionSD(dailySD:days:meanDailyDemand:leadTimeSDDays:)``:
/// safety stock SS = k·σ_P with k = Φ⁻¹(CSL), reorder point s = D_P + SS, order-up-to
/// S = s + D_R (one more review period of demand, so orders come about every R days).
/// When the inventory position IP ≤ s, order S − IP, sized by ``LotSizing``
/// (Silver, Pyke & Thomas, 2017, §7.3, with the forecast's own error in place of a stationary σ).
public enum OrderUpToPolicy {
    public static func decide(_ input: ReplenishmentInput) -> ReplenishmentDecision {
        let lead = max(0, input.leadTimeDays)
        let review = Double(max(1, input.reviewDays))
        let protection = lead + review
        let dP = SafetyStock.demandOver(days: protection, mean: input.demandMean)
        let dR = SafetyStock.demandOver(days: review, mean: input.demandMean)
        let meanDaily = protection > 0 ? dP / protection : 0
        let sigmaP = SafetyStock.protectionSD(dailySD: input.demandSD, days: protection,
                                              meanDailyDemand: meanDaily, leadTimeSDDays: input.leadTimeSDDays)
        let k = SafetyStock.safetyFactor(cycleServiceLevel: input.serviceLevel)
        let safety = max(0, k * sigmaP)
        let s = dP + safety
        let S = s + dR
        let ip = input.inventoryPosition
        let arrival = Int(lead.rounded(.up))

        // Stock-out before arrival: projected available stock falls below zero by the arrival day.
        var available = input.onHand - input.allocated
        var stockout = false
        var nextInbound = 0
        for day in 1...max(1, arrival) {
            while nextInbound < input.inbound.count && input.inbound[nextInbound].day <= day {
                available += input.inbound[nextInbound].quantity
                nextInbound += 1
            }
            available -= input.demandMean.isEmpty ? 0 : input.demandMean[min(day - 1, input.demandMean.count - 1)]
            if available < 0 && arrival > 0 { stockout = true; break }
        }

        var lot = LotSizing.Result(quantity: 0, cappedByCapacity: false, moqExceedsCapacity: false)
        var reason: String
        if ip <= s && S - ip > 1e-9 {
            lot = LotSizing.quantity(need: S - ip, inventoryPosition: ip, rules: input.lot)
            reason = lot.quantity > 0 ? "below_reorder_point" : "capacity_full"
            if lot.moqExceedsCapacity { reason = "below_reorder_point_moq_above_max" }
        } else {
            reason = "above_reorder_point"
        }
        return ReplenishmentDecision(quantity: lot.quantity, onOrder: input.onOrder, inventoryPosition: ip,
                                     reorderPoint: s, orderUpTo: S, safetyStock: safety, arrivalDays: arrival,
                                     reason: reason, lot: lot, stockoutBeforeArrival: stockout)
    }
}
