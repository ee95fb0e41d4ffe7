import Foundation
import LinearAlgebra
import RestockData
import RestockReport
import RestockSettings

/// `summary.json`: what the run read, made and measured. Keys are sorted; every field other
/// than `timings_seconds` and `finished_at` is the same for the same inputs and as-of date.
package struct Summary: Encodable {
    package struct Input: Codable {
        package var file: String
        package var rows: Int
        package var sha256: String
        package var unknown_columns: [String]

        package init(file: String, rows: Int, sha256: String, unknown_columns: [String]) {
            self.file = file
            self.rows = rows
            self.sha256 = sha256
            self.unknown_columns = unknown_columns
        }
    }

    package struct Counts: Codable {
        package var series: Int
        package var skus: Int
        package var locations: Int
        package var series_with_history: Int
        package var series_planned: Int
        package var sales_rows_after_as_of: Int
        package var forecast_rows: Int
        package var orders: Int
        package var transfers: Int
        package var exceptions: Int
        package var units_ordered: Double
        package var units_transferred: Double

        /// Takes `whole`'s counts of the data set (a what-if that loaded part of it; the
        /// counts of what was written stay).
        package mutating func takeDataCounts(from whole: Counts) {
            series = whole.series
            skus = whole.skus
            locations = whole.locations
            series_with_history = whole.series_with_history
            series_planned = whole.series_planned
            sales_rows_after_as_of = whole.sales_rows_after_as_of
        }
    }

    package var restock_version: String
    package var command: String
    package var as_of: String
    package var horizon_days: Int
    package var interval_levels: [Double]
    package var threads: Int
    package var blas: String
    package var inputs: [Input]
    package var counts: Counts
    package var model_mix: [String: Int]
    package var exceptions_by_kind: [String: Int]
    /// Input rows set aside for errors, per file (`rejected/<file>`); empty when none.
    package var rejected_rows: [String: Int]
    /// The plan's key figures (nil for `forecast`).
    package var plan: PlanKPIs?
    /// What a what-if changed and its totals (nil for other commands).
    package var scenario: ScenarioSection?
    /// The budget step of the cross-sku stage (nil without `[budget]` in the config).
    package var budget: BudgetSummary?
    /// The pre-build step for capacity-limited peaks (nil when no supplier sets `weekly_capacity_units`).
    package var capacity_prebuild: CapacityPrebuildSummary?
    package var timings_seconds: [String: Double]
    package var warnings: [String]
    package var finished_at: String

    package struct ScenarioSection: Encodable {
        package var file: String
        package var changes: [String]
        package var skus_touched: Int
        package var totals: ScenarioDiff.Totals

        package init(file: String, changes: [String], skus_touched: Int, totals: ScenarioDiff.Totals) {
            self.file = file
            self.changes = changes
            self.skus_touched = skus_touched
            self.totals = totals
        }
    }

    package static let version = "0.1.0"

    package init(command: String, data: DataSet, config: RestockConfig, writers: OutputWriters,
         timings: [String: Double], warnings: [String]) {
        restock_version = Summary.version
        self.command = command
        as_of = data.asOf.description
        horizon_days = config.horizon
        interval_levels = config.levels.sorted()
        threads = config.effectiveThreads
        blas = BLASRuntime.configuration
        inputs = data.files.map {
            Input(file: $0.name, rows: $0.rows, sha256: $0.sha256, unknown_columns: $0.unknownColumns)
        }
        counts = Counts(
            series: data.series.count, skus: data.skuRanges.count,
            locations: Set(data.series.map(\.key.location)).count,
            series_with_history: data.series.filter { $0.history != nil }.count,
            series_planned: data.series.filter { $0.item != nil }.count,
            sales_rows_after_as_of: data.rowsAfterAsOf, forecast_rows: writers.forecastRows,
            orders: writers.orderRows, transfers: writers.transferRows, exceptions: writers.exceptionRows,
            units_ordered: writers.unitsOrdered, units_transferred: writers.unitsTransferred)
        model_mix = writers.modelMix
        exceptions_by_kind = writers.exceptionKinds
        rejected_rows = data.rejectedCounts
        plan = writers.kpis.series_planned > 0 ? writers.kpis.finished() : nil
        budget = writers.budgetStage.map { BudgetSummary($0, others: writers.unbudgetedService) }
        capacity_prebuild = writers.prebuildSummary
        timings_seconds = timings.mapValues { ($0 * 1000).rounded() / 1000 }
        self.warnings = warnings
        finished_at = ISO8601DateFormatter().string(from: Date())
    }

    /// Writes `report.html` for this run into `directory`'s staging area.
    package func writeReport(_ writers: OutputWriters, data: DataSet, config: RestockConfig, title: String, notes: [String],
                     to path: String) throws {
        let html = HTMLReport.render(writers.report.input(title: title, data: data, config: config, summary: self, notes: notes,
                                                          meanServiceTarget: writers.totals.meanServiceTarget(fallback: config.serviceLevel)))
        try OutputDirectory.writeDurably(Data(html.utf8), to: path)
    }

    package func write(to path: String) throws { try JSONOutput.write(self, to: path) }
}
