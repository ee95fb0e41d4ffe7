import Foundation
import LinearAlgebra
import RestockData
import RestockEngine

/// `simulation.csv` (one row per policy and group) and the table printed at the end.
package final class SimulationReport {
    private let writer: CSVWriter
    package static let header = ["policy", "group", "key", "series", "target_csl", "achieved_csl", "fill_rate",
                         "stockout_days", "average_stock", "turnover", "units_demand", "units_lost"]

    package init(path: String) throws {
        writer = try CSVWriter(path: path)
        try writer.writeRow(SimulationReport.header)
    }

    package func write(policy: String, result: PolicyReplay.Result) throws {
        try row(policy, "all", "all", result.overall)
        for (k, t) in result.byLocation.sorted(by: { $0.key < $1.key }) { try row(policy, "location", k, t) }
        for (k, t) in result.byClass.sorted(by: { $0.key < $1.key }) { try row(policy, "demand_class", k, t) }
    }

    private func row(_ policy: String, _ group: String, _ key: String, _ t: SimulationTotals) throws {
        try writer.writeField(policy)
        try writer.writeField(group)
        try writer.writeField(key)
        try writer.writeInteger(t.series)
        try writer.writeDecimal(t.targetServiceLevel)
        try writer.writeDecimal(t.cycleServiceLevel)
        try writer.writeDecimal(t.fillRate)
        try writer.writeInteger(t.stockoutDays)
        try writer.writeDecimal(t.totalAverageStock)
        try writer.writeDecimal(t.turnover)
        try writer.writeDecimal(t.demand)
        try writer.writeDecimal(t.demand - t.sold)
        try writer.endRecord()
    }

    package func close() throws { try writer.close() }

    package static func table(restock: PolicyReplay.Result, minMax: PolicyReplay.Result, multiplier: Double) -> String {
        func pct(_ x: Double) -> String { String(format: "%6.2f%%", 100 * x) }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        var lines = ["policy   group        key           series   target      CSL     fill  stockout-days  avg stock  turnover"]
        for (name, r) in [("restock", restock), ("min_max", minMax)] {
            var rows: [(String, String, SimulationTotals)] = [("all", "all", r.overall)]
            rows += r.byLocation.sorted { $0.key < $1.key }.map { ("location", $0.key, $0.value) }
            rows += r.byClass.sorted { $0.key < $1.key }.map { ("class", $0.key, $0.value) }
            for (g, k, t) in rows {
                lines.append(pad(name, 9) + pad(g, 13) + pad(k, 13)
                             + String(format: "%6d  %@  %@  %@  %13d  %9.0f  %8.2f", t.series, pct(t.targetServiceLevel),
                                      pct(t.cycleServiceLevel), pct(t.fillRate), t.stockoutDays, t.totalAverageStock, t.turnover))
            }
        }
        lines.append(String(format: "min_max multiplier tuned to restock's fill rate: %.3f", multiplier))
        return lines.joined(separator: "\n")
    }
}

/// `summary.json` of a simulation.
package struct SimulationSummary: Encodable {
    package struct Policy: Encodable {
        package var fill_rate: Double
        package var cycle_service_level: Double
        package var target_service_level: Double
        package var stockout_days: Int
        package var average_stock: Double
        package var turnover: Double
        /// Orders placed on the scored nights (purchase order lines and transfers; an extension).
        package var orders_placed: Int
        package var service: Service
    }
    /// Achieved service read against targets weighted the same way: the fill rate (units filled /
    /// units demanded over the window) against the targets weighted by units demanded, the cycle
    /// service level (cycles without lost demand / cycles) against the targets weighted by cycles;
    /// and per target type (the policy's `service_target`: `fill_rate` series are held to their fill
    /// rate, the others to their cycle service level).
    package struct Service: Encodable {
        package var fill_rate: Double
        package var fill_rate_target: Double
        package var cycle_service_level: Double
        package var cycle_service_level_target: Double
        package var fill_rate_targeted: Targeted
        package var cycle_service_level_targeted: Targeted
        package struct Targeted: Encodable {
            package var series: Int
            package var achieved: Double
            package var target: Double
        }
        init(_ t: SimulationTotals) {
            func r(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
            func typed(_ x: SimulationTotals.TargetedTotals) -> Targeted { Targeted(series: x.series, achieved: r(x.achieved), target: r(x.target)) }
            fill_rate = r(t.fillRate)
            fill_rate_target = r(t.demandWeightedTarget)
            cycle_service_level = r(t.cycleServiceLevel)
            cycle_service_level_target = r(t.cycleWeightedTarget)
            fill_rate_targeted = typed(t.fillRateTargeted)
            cycle_service_level_targeted = typed(t.cycleTargeted)
        }
    }
    package var restock_version = Summary.version
    package var command = "simulate"
    /// The scored window (`--from`, `--to`), inclusive: every figure below counts only its days.
    package var from: String
    package var to: String
    /// The nights replayed before `from` and not scored (`--warm-up`); absent without a warm-up.
    package var warm_up: WarmUp?
    package struct WarmUp: Encodable {
        /// Nights (≥ 1).
        package var days: Int
        /// First and last night of the warm-up (the replay's first night; the day before `from`).
        package var from: String
        package var to: String
    }
    package var series: Int
    package var inputs: [Summary.Input]
    package var restock: Policy
    package var min_max: Policy
    package var min_max_multiplier: Double
    /// restock's replay: how many series lost demand on each date (dates with none left out), so a
    /// peak's stock-out days can be summed over any part of the window.
    package var restock_stockout_series_by_date: [String: Int]
    /// Units capacity-limited suppliers (`weekly_capacity_units`) did not ship of what restock's
    /// nights asked (a unit asked again on a later night counts again).
    package var restock_units_short_shipped: Double
    /// Units stores asked of a simulated DC that it could not ship from its own stock (a unit
    /// asked again on a later night counts again).
    package var restock_units_short_transferred: Double
    /// restock's replay by how series are replenished (`supplier`, `location`): the policy's
    /// figures and the stock-outs by date, as above.
    package var restock_by_source: [String: SourcePolicy]
    package struct SourcePolicy: Encodable {
        package var series: Int
        package var fill_rate: Double
        package var target_service_level: Double
        package var stockout_days: Int
        package var orders_placed: Int
        package var stockout_series_by_date: [String: Int]
        package var service: Service
    }
    package var warnings: [String]
    package var seconds: Double

    package init(data: DataSet, from: Day, to: Day, restock: PolicyReplay.Result, minMax: (multiplier: Double, result: PolicyReplay.Result),
         warnings: [String], seconds: Double) {
        self.from = from.description
        self.to = to.description
        series = restock.overall.series
        inputs = data.files.map { Summary.Input(file: $0.name, rows: $0.rows, sha256: $0.sha256, unknown_columns: $0.unknownColumns) }
        func p(_ t: SimulationTotals) -> Policy {
            func r(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
            return Policy(fill_rate: r(t.fillRate), cycle_service_level: r(t.cycleServiceLevel),
                          target_service_level: r(t.targetServiceLevel), stockout_days: t.stockoutDays,
                          average_stock: r(t.totalAverageStock), turnover: r(t.turnover), orders_placed: t.ordersPlaced,
                          service: Service(t))
        }
        self.restock = p(restock.overall)
        min_max = p(minMax.result.overall)
        min_max_multiplier = (minMax.multiplier * 1e6).rounded() / 1e6
        restock_units_short_shipped = (restock.unitsShortShipped * 1000).rounded() / 1000
        restock_units_short_transferred = (restock.unitsShortTransferred * 1000).rounded() / 1000
        restock_by_source = restock.bySource.mapValues { t in
            SourcePolicy(series: t.series, fill_rate: (t.fillRate * 1e6).rounded() / 1e6,
                         target_service_level: (t.targetServiceLevel * 1e6).rounded() / 1e6, stockout_days: t.stockoutDays,
                         orders_placed: t.ordersPlaced,
                         stockout_series_by_date: Dictionary(uniqueKeysWithValues: t.stockoutsByDay.map { (from.adding($0.key).description, $0.value) }),
                         service: Service(t))
        }
        restock_stockout_series_by_date = Dictionary(uniqueKeysWithValues: restock.overall.stockoutsByDay.map {
            (from.adding($0.key).description, $0.value)
        })
        self.warnings = warnings
        self.seconds = (seconds * 1000).rounded() / 1000
    }

    package func write(to path: String) throws { try JSONOutput.write(self, to: path) }
}
