/// Tonight's order for one location of one sku, under any ``PolicyKind``.
///
/// 1. Demand over P = L + R: D_P, D_R, σ_P and the demand model (normal, or Poisson / negative
///    binomial for slow items) from ``ProtectionDemand``.
/// 2. Expected order size Q = max(D_R, EOQ) (EOQ only with cost data, see ``EOQ``).
/// 3. Levels by policy (Silver, Pyke & Thomas, 2017, §7.3 (R, S), §7.4 (R, s, S); min/max and
///    days of supply as in ERP practice):
///    - (R, S):   S = the service-target stock level over P; s = S; order when IP < S;
///    - (R, s, S): s = the service-target stock level over P; S = s + Q; order when IP ≤ s;
///    - min/max:  s = min, S = max; order when IP ≤ s;
///    - days of supply: s = d̄·minDays, S = d̄·maxDays; order when IP ≤ s.
///    The service-target stock level is ``DemandDistribution/stockLevel(for:orderQuantity:)``
///    (CSL quantile, or the fill-rate level with that Q).
/// 4. Order need S − IP, at least the EOQ, sized by ``LotSizing`` (case pack, MOQ, capacity),
///    only on a review night (``ReplenishmentInput/reviewsTonight``) — or out of cycle
///    (`expedite`) when the projected stock-out comes before an order placed on the next review
///    night could arrive (day ``ReplenishmentInput/daysToNextReview`` + 1 + ⌈L⌉), or, for (R, S)
///    and (R, s, S), when the stock until then is short of the service target (``WaitCover``),
///    and the supplier takes such orders (``ReplenishmentInput/expediteAllowed``).
/// 5. Projected stock without tonight's order (``ProjectedInventory``) gives the first
///    stock-out day, the days of cover, and whether it runs out before an order placed tonight
///    arrives (day ⌈L⌉).
///
/// Safety stock is reported as s − D_P. O(forecast length); allocates the projection only.
public enum ReplenishmentPolicy {
    public static func decide(_ input: ReplenishmentInput) -> ReplenishmentDecision {
        let demand = ProtectionDemand(input)
        let eoq = input.costs.flatMap { EOQ.quantity(dailyMean: input.demandMean, costs: $0) }
        let cycleQuantity = max(demand.reviewMean, eoq ?? 0)
        let s: Double, S: Double
        var ordersBelowS = false  // (R, S) orders whenever IP < S rather than IP ≤ s
        switch input.policy {
        case .orderUpTo:
            S = demand.distribution.stockLevel(for: input.target, orderQuantity: cycleQuantity)
            s = S
            ordersBelowS = true
        case .reorderPointOrderUpTo:
            s = demand.distribution.stockLevel(for: input.target, orderQuantity: cycleQuantity)
            S = s + cycleQuantity
        case .minMax(let lo, let hi):
            s = lo
            S = max(lo, hi)
        case .daysOfSupply(let lo, let hi):
            s = demand.meanDaily * lo
            S = demand.meanDaily * max(lo, hi)
        }
        let ip = input.inventoryPosition
        let arrival = demand.arrivalDays
        let projection = ProjectedInventory.project(input, horizonDays: max(input.demandMean.count, arrival))
        // Arrivals come in the morning: running out on the arrival day itself is covered.
        let stockout = projection.firstStockoutDay.map { $0 < arrival } ?? false

        var lot = LotSizing.Result(quantity: 0, cappedByCapacity: false, moqExceedsCapacity: false)
        let reason: String
        let needsOrder = (ordersBelowS ? ip < S : ip <= s) && S - ip > 1e-9
        // Out of cycle (only weighed when an order is needed): the next review night's order would
        // arrive after the projected stock-out, or (levels from a service target) the stock until
        // it arrives is short of that target.
        let expedite = needsOrder && !input.reviewsTonight && input.expediteAllowed && input.daysToNextReview > 0
            && ((projection.firstStockoutDay.map { $0 < input.daysToNextReview + arrival } ?? false)
                || (input.policy.setsLevelsFromTarget && WaitCover.isShort(input, demand: demand, cycleQuantity: cycleQuantity)))
        if needsOrder && !input.reviewsTonight && !expedite {
            reason = "below_reorder_point_next_review"
        } else if needsOrder {
            let need = max(S - ip, eoq ?? 0)
            lot = LotSizing.quantity(need: need, inventoryPosition: ip, rules: input.lot)
            reason = lot.moqExceedsCapacity ? "below_reorder_point_moq_above_max"
                : (lot.quantity > 0 ? (expedite ? "expedite" : "below_reorder_point") : "capacity_full")
        } else {
            reason = "above_reorder_point"
        }
        return ReplenishmentDecision(
            quantity: lot.quantity, onOrder: input.onOrder, inventoryPosition: ip, reorderPoint: s, orderUpTo: S,
            safetyStock: s - demand.mean, arrivalDays: arrival, reason: reason, lot: lot,
            stockoutBeforeArrival: stockout, firstStockoutDay: projection.firstStockoutDay,
            daysOfCover: projection.daysOfCover, demandModel: demand.distribution.model, policy: input.policy,
            economicOrderQuantity: eoq, protectionDemand: demand.distribution, leadTimeDemand: demand.leadTimeDistribution,
            reviewDemand: demand.reviewMean,
            nextReviewDays: input.daysToNextReview > 0 ? input.daysToNextReview : max(1, input.reviewDays))
    }
}
