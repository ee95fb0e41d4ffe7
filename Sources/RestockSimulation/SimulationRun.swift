import Forecast
import Foundation
import Logging
import RestockData
import RestockEngine
import RestockSettings

/// `restock simulate`: replays the nightly policy over [first, last] (each night plans with only
/// the sales before it, then that day's sales arrive as demand) next to a min/max rule tuned to
/// the same fill rate. With a warm-up the replay starts `warmUpDays` nights before `first` (from
/// the stock recorded the day before then) and scores only [first, last]. The caller has locked
/// `directory` and releases it.
package struct SimulationRun {
    package var dataDirectory: String
    package var asOf: Day?
    /// First and last day scored; `last` on or before the last sales date.
    package var first: Day
    package var last: Day
    /// Refit the forecasts every this many nights (≥ 1).
    package var refitDays: Int
    /// Nights replayed before `first` and not scored (≥ 0; 0 starts the replay at `first`).
    package var warmUpDays: Int
    package var config: RestockConfig

    package init(dataDirectory: String, asOf: Day?, first: Day, last: Day, refitDays: Int, warmUpDays: Int = 0,
                 config: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.asOf = asOf
        self.first = first
        self.last = last
        self.refitDays = refitDays
        self.warmUpDays = max(0, warmUpDays)
        self.config = config
    }

    /// First night replayed: `first` less the warm-up.
    package var replayFirst: Day { first.adding(-warmUpDays) }

    /// Writes simulation.csv and summary.json into `directory`; returns the comparison table for the terminal.
    package func execute(in directory: OutputDirectory, logger: Logger) throws -> String {
        SeriesParallelism.begin()
        var config = self.config
        let t0 = Date()
        let (data, warnings) = try DataLoading.load(directory: dataDirectory, asOf: asOf,
                                                    requirePlanningFiles: true,
                                                    logger: logger, quarantine: config.quarantine)
        guard last <= data.asOf else { throw RestockError.usage("--to \(last) is after the last sales date \(data.asOf)") }
        guard let earliest = data.series.compactMap({ $0.history?.firstDay }).min(), earliest < replayFirst else {
            throw RestockError.usage(warmUpDays == 0 ? "--from \(first) leaves no history before it"
                                     : "--from \(first) with --warm-up \(warmUpDays) leaves no history before \(replayFirst)")
        }
        let maxProtection = data.series.compactMap { s in s.item.map { $0.leadTimeDays + Double($0.reviewDays ?? config.reviewDays) } }.max() ?? 0
        config.horizon = max(config.horizon, Int(maxProtection.rounded(.up)) + 2 * refitDays + 8)
        let replay = PolicyReplay(data: data, config: config, first: replayFirst, last: last, refitDays: refitDays,
                                  warmUpDays: warmUpDays, logger: logger)
        let restock = try replay.runRestock()
        let target = restock.overall.fillRate
        let minMax = replay.tunedMinMax(fillRate: target)
        try RejectedRowsFile.write(data, into: directory)
        let report = try SimulationReport(path: directory.stagingFile("simulation.csv"))
        try report.write(policy: "restock", result: restock)
        try report.write(policy: "min_max", result: minMax.result)
        try report.close()
        var summary = SimulationSummary(data: data, from: first, to: last, restock: restock, minMax: minMax,
                                        warnings: warnings, seconds: Date().timeIntervalSince(t0))
        if warmUpDays > 0 {
            summary.warm_up = .init(days: warmUpDays, from: replayFirst.description, to: first.adding(-1).description)
        }
        try summary.write(to: directory.stagingFile("summary.json"))
        try directory.commit()
        let table = SimulationReport.table(restock: restock, minMax: minMax.result, multiplier: minMax.multiplier)
        guard warmUpDays > 0 else { return table }
        return table + "\nwarm-up: \(warmUpDays) nights \(replayFirst) … \(first.adding(-1)) replayed, not scored; scored \(first) … \(last)"
    }
}
