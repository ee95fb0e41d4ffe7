/// Whether an item's stock covers the wait for its next regular order at the service asked for:
/// the second trigger of an out-of-cycle order (``ReplenishmentPolicy``), for the policies whose
/// levels come from a service target.
///
/// The next regular order is placed on the next review night's order date and arrives on day
/// A = w + 1 + ⌈L⌉ (w = nights to the next review, ``ReplenishmentInput/daysToNextReview``). Until
/// then the item lives on what it holds: on hand − allocated + the open orders arriving before day
/// A. Demand over those A − 1 days has mean D_W (the forecast summed) and spread σ_P·√(D_W/D_P),
/// the protection interval's spread scaled to the shorter window (so a slow item keeps the spread
/// its recent history showed), in the same automatic model as the levels
/// (``DemandDistribution/choose(mean:sd:)``). The stock is short when it is below that window's
/// stock level for the item's target (``DemandDistribution/stockLevel(for:orderQuantity:)``, with
/// the policy's cycle quantity for a fill rate): waiting for the review would run a risk of
/// stock-out beyond what the target allows. Right after an order up to S the stock holds it (the
/// window is within the protection interval S was set for); demand running ahead of the forecast
/// since then is what makes it short — where the mean projection (the first trigger) waits until
/// the stock-out is expected.
enum WaitCover {
    /// - Parameters:
    ///   - demand: the input's ``ProtectionDemand`` (σ_P and D_P, units).
    ///   - cycleQuantity: expected order size Q (units), for a fill-rate target.
    static func isShort(_ input: ReplenishmentInput, demand: ProtectionDemand, cycleQuantity: Double) -> Bool {
        let arrival = input.daysToNextReview + demand.arrivalDays
        let days = Double(arrival - 1)
        guard input.daysToNextReview > 0, days > 0, demand.mean > 0 else { return false }
        let mean = SafetyStock.demandOver(days: days, mean: input.demandMean)
        guard mean > 0 else { return false }
        let window = DemandDistribution.choose(mean: mean, sd: demand.sd * (mean / demand.mean).squareRoot())
        var available = input.onHand - input.allocated
        for a in input.inbound where a.day < arrival { available += a.quantity }
        return available < window.stockLevel(for: input.target, orderQuantity: cycleQuantity)
    }
}
