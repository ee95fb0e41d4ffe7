/// Cost data of one item at one location, for the economic order quantity.
public struct OrderingCosts: Sendable, Equatable {
    /// Unit cost c, currency per unit, > 0.
    public var unitCost: Double
    /// Fixed cost K of placing one order, currency per order, ≥ 0.
    public var orderingCost: Double
    /// Holding rate h, fraction of the unit cost per year (e.g. 0.25 = 25 %/year), > 0.
    public var holdingRatePerYear: Double

    public init(unitCost: Double, orderingCost: Double, holdingRatePerYear: Double) {
        self.unitCost = unitCost
        self.orderingCost = orderingCost
        self.holdingRatePerYear = holdingRatePerYear
    }
}

/// Economic order quantity (Harris, 1913; Silver, Pyke & Thomas, 2017, §4.2, eq. 4.2):
/// EOQ = √(2·D·K / (h·c)), with D the annual demand (units/year), K the cost per order,
/// h the holding rate per year and c the unit cost; it balances ordering cost K·D/Q against
/// holding cost h·c·Q/2.
///
/// In the planner the EOQ is the smallest lot: when an order is placed it is at least the EOQ,
/// then the case pack, MOQ and capacity rules of ``LotSizing`` apply.
public enum EOQ {
    /// Days per year used to annualise a daily forecast.
    public static let daysPerYear = 365.0

    /// √(2·D·K/(h·c)) in units; 0 when D ≤ 0 or K ≤ 0; nil when h·c ≤ 0 (no holding cost, no EOQ).
    public static func quantity(annualDemand: Double, costs: OrderingCosts) -> Double? {
        let holding = costs.holdingRatePerYear * costs.unitCost
        guard holding > 0, holding.isFinite else { return nil }
        guard annualDemand > 0, costs.orderingCost > 0 else { return 0 }
        return (2 * annualDemand * costs.orderingCost / holding).squareRoot()
    }

    /// EOQ from a daily forecast: D = 365 × the mean of `dailyMean` (units/day). An empty
    /// forecast gives 0.
    public static func quantity(dailyMean: [Double], costs: OrderingCosts) -> Double? {
        let mean = dailyMean.isEmpty ? 0 : dailyMean.reduce(0, +) / Double(dailyMean.count)
        return quantity(annualDemand: mean * daysPerYear, costs: costs)
    }
}
