import Foundation
import RestockData

/// What one series adds to a run's totals (summary counts, KPIs, report scores, what-if diff).
/// Totals are always summed series by series in series order (``RunTotals/add(_:)``), so a
/// what-if that takes the untouched series' tallies from the nightly run's state
/// (``BaselineSnapshot``) sums exactly what a full recomputation would.
struct SeriesTally: Equatable {
    /// Rows written to forecast.csv (the horizon, days).
    var forecastRows = 0
    /// The forecasting method's name.
    var model = ""
    /// Purchase-order rows (0 or 1).
    var orderRows = 0
    /// Transfer rows (the replenishment transfer and rebalancing moves).
    var transferRows = 0
    /// Exception kinds written, in order.
    var exceptions: [String] = []
    /// Units on a purchase order, and their value at `unitCost` (0 without a cost).
    var unitsOrdered = 0.0
    var valueOrdered = 0.0
    /// The supplier of the purchase order, when there is one.
    var supplier: String? = nil
    /// When its purchase order line (if any) arrives.
    var orderArrival: Day? = nil
    /// Units moved to this location by transfer and rebalancing.
    var unitsTransferred = 0.0
    /// Planned (has an items.csv row): the inputs of ``PlanKPIs/add(onHand:unitCost:meanDaily:slow:)``.
    var planned = false
    var onHand = 0.0
    var unitCost: Double? = nil
    /// Mean daily forecast over the horizon, units/day.
    var meanDaily = 0.0
    var slow = false
    /// Service level asked for (planned series only), in (0, 1).
    var serviceTarget: Double? = nil
    /// Report scores: forecast value over the horizon, and the stock-out urgency (nil: no risk).
    var valuableScore = 0.0
    var urgentScore: Double? = nil
    /// The series' columns in a what-if's diff.csv.
    var diff = DiffValues()
}

/// One side (baseline or scenario) of a series' row in `diff.csv`.
struct DiffValues: Equatable {
    /// Forecast demand over the horizon, units.
    var demand = 0.0
    /// Units ordered from a supplier and their value; units received by transfer from a location.
    var ordered = 0.0
    var value = 0.0
    var transferred = 0.0
    /// Days after as-of of the first projected stock-out, nil when none within the horizon.
    var firstStockoutDay: Int? = nil
    /// Order-up-to level, nil when the series is not planned.
    var orderUpTo: Double? = nil
    /// Projected to run out before an order placed tonight arrives.
    var stockoutRisk = false
}

/// Totals of a run, added series by series in series order.
struct RunTotals {
    var forecastRows = 0
    var orderRows = 0
    var transferRows = 0
    var exceptionRows = 0
    var unitsOrdered = 0.0
    var unitsTransferred = 0.0
    var modelMix: [String: Int] = [:]
    var exceptionKinds: [String: Int] = [:]
    var kpis = PlanKPIs()
    /// Sum and count of the planned series' service levels (for the report's mean target).
    var serviceTargetSum = 0.0
    var serviceTargets = 0
    /// The order lines by supplier and purchase order (``PurchaseOrderBook``).
    var purchaseOrders = PurchaseOrderBook()

    mutating func add(_ t: SeriesTally) {
        forecastRows += t.forecastRows
        modelMix[t.model, default: 0] += 1
        transferRows += t.transferRows
        exceptionRows += t.exceptions.count
        for k in t.exceptions { exceptionKinds[k, default: 0] += 1 }
        if t.planned { kpis.add(onHand: t.onHand, unitCost: t.unitCost, meanDaily: t.meanDaily, slow: t.slow) }
        if t.orderRows > 0 {
            addOrderLine(supplier: t.supplier ?? "", order: 1, units: t.unitsOrdered, unitCost: t.unitCost, arrival: t.orderArrival)
        }
        if t.transferRows > 0 {
            unitsTransferred += t.unitsTransferred
            kpis.transferred(units: t.unitsTransferred)
        }
        if let s = t.serviceTarget {
            serviceTargetSum += s
            serviceTargets += 1
        }
    }

    /// One orders.csv row: `units` at `unitCost` (nil = unknown) on the supplier's `order`-th
    /// purchase order of the night, arriving on `arrival`.
    mutating func addOrderLine(supplier: String, order: Int, units: Double, unitCost: Double?, arrival: Day?) {
        orderRows += 1
        unitsOrdered += units
        kpis.ordered(supplier: supplier, units: units, unitCost: unitCost)
        purchaseOrders.add(supplier: supplier, order: order, units: units, unitCost: unitCost, arrival: arrival)
    }

    /// One exceptions.csv row of `kind` not tied to a series' tally (the supplier stage's).
    mutating func addException(_ kind: String) {
        exceptionRows += 1
        exceptionKinds[kind, default: 0] += 1
    }

    /// Mean service level over planned series; `fallback` when none is planned.
    func meanServiceTarget(fallback: Double) -> Double {
        serviceTargets > 0 ? serviceTargetSum / Double(serviceTargets) : fallback
    }
}
