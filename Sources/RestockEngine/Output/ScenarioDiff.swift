import Forecast
import Foundation
import Replenish
import RestockData

/// `diff.csv`: per series, the baseline next to the scenario over the horizon, and the totals.
package final class ScenarioDiff {
    package static let header = ["sku", "location", "touched", "baseline_demand", "scenario_demand", "demand_change_pct",
                         "baseline_units_ordered", "scenario_units_ordered", "baseline_value_ordered",
                         "scenario_value_ordered", "baseline_units_transferred", "scenario_units_transferred",
                         "baseline_first_stockout", "scenario_first_stockout", "baseline_order_up_to", "scenario_order_up_to"]

    package struct Totals: Encodable {
        package var series_touched = 0
        package var baseline_demand = 0.0
        package var scenario_demand = 0.0
        package var baseline_units_ordered = 0.0
        package var scenario_units_ordered = 0.0
        package var baseline_value_ordered = 0.0
        package var scenario_value_ordered = 0.0
        package var baseline_units_transferred = 0.0
        package var scenario_units_transferred = 0.0
        package var baseline_stockout_risks = 0
        package var scenario_stockout_risks = 0
    }

    private let writer: CSVWriter
    package private(set) var totals = Totals()

    package init(path: String) throws {
        writer = try CSVWriter(path: path)
        try writer.writeRow(ScenarioDiff.header)
    }

    /// One series' row: `touched` says whether the scenario recomputed it.
    package func write(sku: String, location: String, baseline b: DiffValues, scenario c: DiffValues, touched: Bool, asOf: Day) throws {
        try writer.writeField(sku)
        try writer.writeField(location)
        try writer.writeInteger(touched ? 1 : 0)
        try writer.writeDecimal(b.demand, places: 2)
        try writer.writeDecimal(c.demand, places: 2)
        try writer.writeDecimal(b.demand > 0 ? 100 * (c.demand - b.demand) / b.demand : 0, places: 2)
        try writer.writeDecimal(b.ordered)
        try writer.writeDecimal(c.ordered)
        try writer.writeDecimal(b.value, places: 2)
        try writer.writeDecimal(c.value, places: 2)
        try writer.writeDecimal(b.transferred)
        try writer.writeDecimal(c.transferred)
        for d in [b.firstStockoutDay, c.firstStockoutDay] {
            if let d { try writer.writeDay(asOf.adding(d)) } else { try writer.writeField("") }
        }
        for u in [b.orderUpTo, c.orderUpTo] {
            if let u { try writer.writeDecimal(u, places: 2) } else { try writer.writeField("") }
        }
        try writer.endRecord()
        if touched { totals.series_touched += 1 }
        totals.baseline_demand += b.demand
        totals.scenario_demand += c.demand
        totals.baseline_units_ordered += b.ordered
        totals.scenario_units_ordered += c.ordered
        totals.baseline_value_ordered += b.value
        totals.scenario_value_ordered += c.value
        totals.baseline_units_transferred += b.transferred
        totals.scenario_units_transferred += c.transferred
        if b.stockoutRisk { totals.baseline_stockout_risks += 1 }
        if c.stockoutRisk { totals.scenario_stockout_risks += 1 }
    }

    package func close() throws { try writer.close() }
}

extension DiffValues {
    /// A series' diff columns from its forecast and plan (nil: not planned).
    package init(forecast f: DemandForecast, plan p: NodePlan?, item: ItemSettings?, data: DataSet) {
        demand = f.mean.reduce(0, +)
        guard let p, let item else { return }
        if data.sourceLocation(of: item) == nil {
            ordered = p.quantity
            value = p.quantity * (item.unitCost ?? 0)
        } else {
            transferred = p.quantity
        }
        firstStockoutDay = p.decision.firstStockoutDay
        orderUpTo = p.decision.orderUpTo
        stockoutRisk = p.decision.stockoutBeforeArrival
    }
}
