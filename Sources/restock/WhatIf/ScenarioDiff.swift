import Foundation
import Forecast
import Replenish
import RestockData

/// `diff.csv`: per series, the baseline next to the scenario over the horizon, and the totals.
final class ScenarioDiff {
    static let header = ["sku", "location", "touched", "baseline_demand", "scenario_demand", "demand_change_pct",
                         "baseline_units_ordered", "scenario_units_ordered", "baseline_value_ordered",
                         "scenario_value_ordered", "baseline_units_transferred", "scenario_units_transferred",
                         "baseline_first_stockout", "scenario_first_stockout", "baseline_order_up_to", "scenario_order_up_to"]

    struct Totals: Encodable {
        var series_touched = 0
        var baseline_demand = 0.0
        var scenario_demand = 0.0
        var baseline_units_ordered = 0.0
        var scenario_units_ordered = 0.0
        var baseline_value_ordered = 0.0
        var scenario_value_ordered = 0.0
        var baseline_units_transferred = 0.0
        var scenario_units_transferred = 0.0
        var baseline_stockout_risks = 0
        var scenario_stockout_risks = 0
    }

    private let writer: CSVWriter
    private(set) var totals = Totals()

    init(path: String) throws {
        writer = try CSVWriter(path: path)
        try writer.writeRow(ScenarioDiff.header)
    }

    /// Units ordered from a supplier and units received by transfer for one series' plan.
    private func flows(_ p: NodePlan?, item: ItemSettings?, data: DataSet) -> (ordered: Double, value: Double, transferred: Double) {
        guard let p, let item else { return (0, 0, 0) }
        if data.sourceLocation(of: item) == nil { return (p.quantity, p.quantity * (item.unitCost ?? 0), 0) }
        return (0, 0, p.quantity)
    }

    func write(baseline: SkuResult, scenario: SkuResult, baselineData: DataSet, scenarioData: DataSet, touched: Bool) throws {
        for (k, i) in baseline.range.enumerated() {
            let s = scenarioData.series[i]
            let bDemand = baseline.forecasts[k].mean.reduce(0, +), sDemand = scenario.forecasts[k].mean.reduce(0, +)
            let bp = baseline.plans.isEmpty ? nil : baseline.plans[k]
            let sp = scenario.plans.isEmpty ? nil : scenario.plans[k]
            let b = flows(bp, item: baselineData.series[i].item, data: baselineData)
            let c = flows(sp, item: s.item, data: scenarioData)
            try writer.writeField(scenarioData.skuName(s))
            try writer.writeField(scenarioData.locationName(s))
            try writer.writeInteger(touched ? 1 : 0)
            try writer.writeDecimal(bDemand, places: 2)
            try writer.writeDecimal(sDemand, places: 2)
            try writer.writeDecimal(bDemand > 0 ? 100 * (sDemand - bDemand) / bDemand : 0, places: 2)
            try writer.writeDecimal(b.ordered)
            try writer.writeDecimal(c.ordered)
            try writer.writeDecimal(b.value, places: 2)
            try writer.writeDecimal(c.value, places: 2)
            try writer.writeDecimal(b.transferred)
            try writer.writeDecimal(c.transferred)
            for p in [bp, sp] {
                if let d = p?.decision.firstStockoutDay { try writer.writeDay(scenarioData.asOf.adding(d)) } else { try writer.writeField("") }
            }
            for p in [bp, sp] {
                if let p { try writer.writeDecimal(p.decision.orderUpTo, places: 2) } else { try writer.writeField("") }
            }
            try writer.endRecord()
            if touched { totals.series_touched += 1 }
            totals.baseline_demand += bDemand
            totals.scenario_demand += sDemand
            totals.baseline_units_ordered += b.ordered
            totals.scenario_units_ordered += c.ordered
            totals.baseline_value_ordered += b.value
            totals.scenario_value_ordered += c.value
            totals.baseline_units_transferred += b.transferred
            totals.scenario_units_transferred += c.transferred
            if bp?.decision.stockoutBeforeArrival == true { totals.baseline_stockout_risks += 1 }
            if sp?.decision.stockoutBeforeArrival == true { totals.scenario_stockout_risks += 1 }
        }
    }

    func close() throws { try writer.close() }
}
