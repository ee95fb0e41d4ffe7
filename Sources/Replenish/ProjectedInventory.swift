/// Day-by-day projected available stock of one series over a planning horizon.
///
/// For day t = 1…H (day 1 = the day after as-of):
///   a_t = (on hand − allocated) + Σ_{arrivals with day ≤ t} quantity − Σ_{h=1..t} d_h,
/// where arrivals are the open orders on their due days plus any planned arrivals, and d_h the
/// forecast mean demand (the deterministic "projected available balance" of MRP / DRP;
/// Silver, Pyke & Thomas, 2017, §15.3). Arrivals land at the start of their day, demand is
/// spread evenly over the day. Backorders are not netted against arrivals: a negative a_t is
/// unmet demand to date.
///
/// - first stock-out day: the first t with a_t < 0, or nil;
/// - days of cover: when the stock runs out, in days: (t − 1) + b_t/d_t on the stock-out day t,
///   with b_t = a_{t−1} + arrivals on day t the stock at the start of that day; H when it never
///   runs out.
///
/// Arrivals after the horizon are not in the projection (they still count in the inventory
/// position). Forecast days beyond `demandMean` repeat its last value, as in ``SafetyStock``.
public struct ProjectedInventory: Sendable, Equatable {
    /// a_1…a_H, units.
    public var available: [Double]
    /// First day with a_t < 0 (1-based), or nil.
    public var firstStockoutDay: Int?
    /// Days until the projection runs out, fractional, in [0, H].
    public var daysOfCover: Double

    /// Projects `input` over `horizonDays` days (default: the forecast's length).
    /// `plannedArrivals` (day ≥ 1, units) are added to the open orders, in any order.
    /// O(H + arrivals); allocates the result array only.
    public static func project(_ input: ReplenishmentInput, plannedArrivals: [(day: Int, quantity: Double)] = [],
                               horizonDays: Int? = nil) -> ProjectedInventory {
        let horizon = max(0, horizonDays ?? input.demandMean.count)
        var arrivals = [Double](repeating: 0, count: horizon + 1)  // index = day; 0 holds day ≤ 0
        for list in [input.inbound, plannedArrivals] {
            for a in list where a.day <= horizon { arrivals[max(0, a.day)] += a.quantity }
        }
        var level = input.onHand - input.allocated + arrivals[0]
        var available = [Double](repeating: 0, count: horizon)
        var firstStockout: Int? = nil
        var cover = Double(horizon)
        for t in stride(from: 1, through: horizon, by: 1) {
            let demand = input.demandMean.isEmpty ? 0 : input.demandMean[min(t - 1, input.demandMean.count - 1)]
            let start = level + arrivals[t]
            level = start - demand
            available[t - 1] = level
            if firstStockout == nil && level < 0 {
                firstStockout = t
                cover = Double(t - 1) + (start > 0 && demand > 0 ? start / demand : 0)
            }
        }
        return ProjectedInventory(available: available, firstStockoutDay: firstStockout, daysOfCover: cover)
    }
}
