import Foundation
import RestockData

/// What one series adds to a run's totals (summary counts, KPIs, report scores, what-if diff).
/// Totals are always summed series by series in series order (``RunTotals/add(_:)``), so a
/// what-if that takes the untouched series' tallies from the nightly run's state
/// (``BaselineSnapshot``) sums exactly what a full recomputation would.
package struct SeriesTally: Equatable {
    /// Rows written to forecast.csv (the horizon, days).
    package var forecastRows = 0
    /// The forecasting method's name.
    package var model = ""
    /// Purchase-order rows (0 or 1).
    package var orderRows = 0
    /// Transfer rows (the replenishment transfer and rebalancing moves).
    package var transferRows = 0
    /// Exception kinds written, in order.
    package var exceptions: [String] = []
    /// Units on a purchase order, and their value at `unitCost` (0 without a cost).
    package var unitsOrdered = 0.0
    package var valueOrdered = 0.0
    /// The supplier of the purchase order, when there is one.
    package var supplier: String? = nil
    /// When its purchase order line (if any) arrives.
    package var orderArrival: Day? = nil
    /// Units moved to this location by transfer and rebalancing.
    package var unitsTransferred = 0.0
    /// Planned (has an items.csv row): the inputs of ``PlanKPIs/add(onHand:unitCost:meanDaily:slow:)``.
    package var planned = false
    package var onHand = 0.0
    package var unitCost: Double? = nil
    /// Mean daily forecast over the horizon, units/day.
    package var meanDaily = 0.0
    package var slow = false
    /// Service level asked for (planned series only), in (0, 1).
    package var serviceTarget: Double? = nil
    /// Report scores: forecast value over the horizon, and the stock-out urgency (nil: no risk).
    package var valuableScore = 0.0
    package var urgentScore: Double? = nil
    /// The series' columns in a what-if's diff.csv.
    package var diff = DiffValues()
}

/// One side (baseline or scenario) of a series' row in `diff.csv`.
package struct DiffValues: Equatable {
    /// Forecast demand over the horizon, units.
    package var demand = 0.0
    /// Units ordered from a supplier and their value; units received by transfer from a location.
    package var ordered = 0.0
    package var value = 0.0
    package var transferred = 0.0
    /// Days after as-of of the first projected stock-out, nil when none within the horizon.
    package var firstStockoutDay: Int? = nil
    /// Order-up-to level, nil when the series is not planned.
    package var orderUpTo: Double? = nil
    /// Projected to run out before an order placed tonight arrives.
    package var stockoutRisk = false
}

/// Totals of a run, added series by series in series order.
package struct RunTotals {
    package var forecastRows = 0
    package var orderRows = 0
    package var transferRows = 0
    package var exceptionRows = 0
    package var unitsOrdered = 0.0
    package var unitsTransferred = 0.0
    package var modelMix: [String: Int] = [:]
    package var exceptionKinds: [String: Int] = [:]
    package var kpis = PlanKPIs()
    /// Sum and count of the planned series' service levels (for the report's mean target).
    package var serviceTargetSum = 0.0
    package var serviceTargets = 0
    /// The order lines by supplier and purchase order (``PurchaseOrderBook``).
    package var purchaseOrders = PurchaseOrderBook()

    package mutating func add(_ t: SeriesTally) {
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
    package mutating func addOrderLine(supplier: String, order: Int, units: Double, unitCost: Double?, arrival: Day?) {
        orderRows += 1
        unitsOrdered += units
        kpis.ordered(supplier: supplier, units: units, unitCost: unitCost)
        purchaseOrders.add(supplier: supplier, order: order, units: units, unitCost: unitCost, arrival: arrival)
    }

    /// One exceptions.csv row of `kind` not tied to a series' tally (the supplier stage's).
    package mutating func addException(_ kind: String) {
        exceptionRows += 1
        exceptionKinds[kind, default: 0] += 1
    }

    /// Mean service level over planned series; `fallback` when none is planned.
    package func meanServiceTarget(fallback: Double) -> Double {
        serviceTargets > 0 ? serviceTargetSum / Double(serviceTargets) : fallback
    }
}
