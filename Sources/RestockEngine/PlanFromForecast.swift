import Forecast
import Foundation
import Logging
import RestockData
import RestockSettings

/// `restock plan`: orders and transfers from a forecast given in a file (`sku,location,date,forecast,sd`),
/// e.g. one a planner edited. The caller has locked `directory` and releases it.
package struct PlanFromForecast {
    package var dataDirectory: String
    /// The given forecast's CSV file.
    package var forecastFile: String
    package var asOf: Day?
    package var config: RestockConfig

    package init(dataDirectory: String, forecastFile: String, asOf: Day?, config: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.forecastFile = forecastFile
        self.asOf = asOf
        self.config = config
    }

    package func execute(in directory: OutputDirectory, logger: Logger) throws {
        SeriesParallelism.begin()
        var config = self.config
        let t0 = Date()
        var (data, warnings) = try DataLoading.load(directory: dataDirectory, asOf: asOf,
                                                    requirePlanningFiles: true, logger: logger, quarantine: config.quarantine)
        for w in config.policy.unmatchedRules(in: data) { logger.warning("\(w)"); warnings.append(w) }
        let issues = InputIssues()
        let given: [GivenForecastTable.SeriesForecast?]
        do { given = try GivenForecastTable.load(path: forecastFile, data: data, issues: issues) } catch {
            throw RestockError.data("\(error)")
        }
        for w in issues.reportLines(severity: .warning) { logger.warning("\(w)"); warnings.append(w) }
        if issues.hasErrors {
            for line in issues.reportLines(severity: .error) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            throw RestockError.data("\(issues.errorCount) error(s) in \(forecastFile); nothing was written")
        }
        let horizon = given.compactMap { $0?.mean.count }.max() ?? config.horizon
        config.horizon = horizon
        var missing = 0
        let forecasts: [DemandForecast?] = given.enumerated().map { i, g in
            if let g { return DemandForecast(mean: g.mean, sd: g.sd, model: "given") }
            if data.series[i].item != nil { missing += 1 }
            return DemandForecast(mean: .init(repeating: 0, count: horizon), sd: .init(repeating: 0, count: horizon),
                                  model: "none_given")
        }
        if missing > 0 {
            let w = "\(missing) planned series have no rows in \(forecastFile): planned with zero demand"
            logger.warning("\(w)")
            warnings.append(w)
        }
        let timings = ["load": Date().timeIntervalSince(t0)]
        let writers = try OutputWriters(directory: directory, data: data, config: config, plan: true)
        let pipeline = Pipeline(data: data, config: config, plan: true, run: RunDescription(source: .given(forecasts)))
        try pipeline.run(progress: Progress(stage: "plan", total: data.series.count)) { try writers.write($0) }
        Progress.clearLine()
        try writers.close()
        var all = timings
        all["total"] = Date().timeIntervalSince(t0)
        try Summary(command: "plan", data: data, config: config, writers: writers, timings: all, warnings: warnings)
            .write(to: directory.stagingFile("summary.json"))
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(directory.path)", "orders": "\(writers.orderRows)"])
    }
}
