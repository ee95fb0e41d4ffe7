import Forecast
import Foundation
import Logging
import RestockData
import RestockEngine
import RestockSettings

/// `restock simulate`: replays the nightly policy over [first, last] (each night plans with only
/// the sales before it, then that day's sales arrive as demand) next to a min/max rule tuned to
/// the same fill rate. The caller has locked `directory` and releases it.
package struct SimulationRun {
    package var dataDirectory: String
    package var asOf: Day?
    /// First and last day replayed; `last` on or before the last sales date.
    package var first: Day
    package var last: Day
    /// Refit the forecasts every this many nights (≥ 1).
    package var refitDays: Int
    package var config: RestockConfig

    package init(dataDirectory: String, asOf: Day?, first: Day, last: Day, refitDays: Int, config: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.asOf = asOf
        self.first = first
        self.last = last
        self.refitDays = refitDays
        self.config = config
    }

    /// Writes simulation.csv and summary.json into `directory`; returns the comparison table for the terminal.
    package func execute(in directory: OutputDirectory, logger: Logger) throws -> String {
        SeriesParallelism.begin()
        var config = self.config
        let t0 = Date()
        let (data, warnings) = try DataLoading.load(directory: dataDirectory, asOf: asOf,
                                                    requirePlanningFiles: true,
                                                    logger: logger, quarantine: config.quarantine)
        guard last <= data.asOf else { throw RestockError.usage("--to \(last) is after the last sales date \(data.asOf)") }
        guard let earliest = data.series.compactMap({ $0.history?.firstDay }).min(), earliest < first else {
            throw RestockError.usage("--from \(first) leaves no history before it")
        }
        let maxProtection = data.series.compactMap { s in s.item.map { $0.leadTimeDays + Double($0.reviewDays ?? config.reviewDays) } }.max() ?? 0
        config.horizon = max(config.horizon, Int(maxProtection.rounded(.up)) + 2 * refitDays + 8)
        let replay = PolicyReplay(data: data, config: config, first: first, last: last, refitDays: refitDays, logger: logger)
        let restock = try replay.runRestock()
        let target = restock.overall.fillRate
        let minMax = replay.tunedMinMax(fillRate: target)
        try RejectedRowsFile.write(data, into: directory)
        let report = try SimulationReport(path: directory.stagingFile("simulation.csv"))
        try report.write(policy: "restock", result: restock)
        try report.write(policy: "min_max", result: minMax.result)
        try report.close()
        let summary = SimulationSummary(data: data, from: first, to: last, restock: restock, minMax: minMax,
                                        warnings: warnings, seconds: Date().timeIntervalSince(t0))
        try summary.write(to: directory.stagingFile("summary.json"))
        try directory.commit()
        return SimulationReport.table(restock: restock, minMax: minMax.result, multiplier: minMax.multiplier)
    }
}
