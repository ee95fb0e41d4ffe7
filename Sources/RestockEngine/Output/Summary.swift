import Foundation
import LinearAlgebra
import RestockReport
import RestockData

/// `summary.json`: what the run read, made and measured. Keys are sorted; every field other
/// than `timings_seconds` and `finished_at` is the same for the same inputs and as-of date.
struct Summary: Encodable {
    struct Input: Codable {
        var file: String
        var rows: Int
        var sha256: String
        var unknown_columns: [String]
    }

    struct Counts: Codable {
        var series: Int
        var skus: Int
        var locations: Int
        var series_with_history: Int
        var series_planned: Int
        var sales_rows_after_as_of: Int
        var forecast_rows: Int
        var orders: Int
        var transfers: Int
        var exceptions: Int
        var units_ordered: Double
        var units_transferred: Double

        /// Takes `whole`'s counts of the data set (a what-if that loaded part of it; the
        /// counts of what was written stay).
        mutating func takeDataCounts(from whole: Counts) {
            series = whole.series
            skus = whole.skus
            locations = whole.locations
            series_with_history = whole.series_with_history
            series_planned = whole.series_planned
            sales_rows_after_as_of = whole.sales_rows_after_as_of
        }
    }

    var restock_version: String
    var command: String
    var as_of: String
    var horizon_days: Int
    var interval_levels: [Double]
    var threads: Int
    var blas: String
    var inputs: [Input]
    var counts: Counts
    var model_mix: [String: Int]
    var exceptions_by_kind: [String: Int]
    /// Input rows set aside for errors, per file (`rejected/<file>`); empty when none.
    var rejected_rows: [String: Int]
    /// The plan's key figures (nil for `forecast`).
    var plan: PlanKPIs?
    /// What a what-if changed and its totals (nil for other commands).
    var scenario: ScenarioSection?
    var timings_seconds: [String: Double]
    var warnings: [String]
    var finished_at: String

    struct ScenarioSection: Encodable {
        var file: String
        var changes: [String]
        var skus_touched: Int
        var totals: ScenarioDiff.Totals
    }

    static let version = "0.1.0"

    init(command: String, data: DataSet, config: RestockConfig, writers: OutputWriters,
         timings: [String: Double], warnings: [String]) {
        restock_version = Summary.version
        self.command = command
        as_of = data.asOf.description
        horizon_days = config.horizon
        interval_levels = config.levels.sorted()
        threads = config.effectiveThreads
        blas = BLASRuntime.configuration
        inputs = data.files.map {
            Input(file: $0.table.rawValue, rows: $0.rows, sha256: $0.sha256, unknown_columns: $0.unknownColumns)
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
        timings_seconds = timings.mapValues { ($0 * 1000).rounded() / 1000 }
        self.warnings = warnings
        finished_at = ISO8601DateFormatter().string(from: Date())
    }

    /// Writes `report.html` for this run into `directory`'s staging area.
    func writeReport(_ writers: OutputWriters, data: DataSet, config: RestockConfig, title: String, notes: [String],
                     to path: String) throws {
        let html = HTMLReport.render(writers.report.input(title: title, data: data, config: config, summary: self, notes: notes,
                                                          meanServiceTarget: writers.totals.meanServiceTarget(fallback: config.serviceLevel)))
        try OutputDirectory.writeDurably(Data(html.utf8), to: path)
    }

    func write(to path: String) throws { try JSONOutput.write(self, to: path) }
}
