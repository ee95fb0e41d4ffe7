import ArgumentParser
import Foundation
import Forecast
import LinearAlgebra
import Logging
import RestockData

/// `restock plan`: orders and transfers from a given forecast (`sku,location,date,forecast,sd`).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Plan orders and transfers from a given forecast file (sku,location,date,forecast,sd).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Forecast CSV with columns sku,location,date,forecast,sd (sd = daily forecast error standard deviation).")
    var forecast: String

    func run() throws {
        var config = try common.resolvedConfig()
        let (logger, directory) = try CommandStart.begin(config: config, out: output.out)
        defer { directory.release() }
        let t0 = Date()
        var (data, warnings) = try DataLoading.load(directory: common.data, asOf: try common.asOfDay(),
                                                    requirePlanningFiles: true, logger: logger, quarantine: config.quarantine)
        let issues = InputIssues()
        let given: [GivenForecastTable.SeriesForecast?]
        do { given = try GivenForecastTable.load(path: forecast, data: data, issues: issues) } catch {
            throw RestockError.data("\(error)")
        }
        for w in issues.reportLines(severity: .warning) { logger.warning("\(w)"); warnings.append(w) }
        if issues.hasErrors {
            for line in issues.reportLines(severity: .error) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            throw RestockError.data("\(issues.errorCount) error(s) in \(forecast); nothing was written")
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
            let w = "\(missing) planned series have no rows in \(forecast): planned with zero demand"
            logger.warning("\(w)")
            warnings.append(w)
        }
        let timings = ["load": Date().timeIntervalSince(t0)]
        let writers = try OutputWriters(directory: directory, data: data, config: config, plan: true)
        var pipeline = Pipeline(data: data, config: config, plan: true)
        pipeline.givenForecasts = forecasts
        try pipeline.run(progress: Progress(stage: "plan", total: data.series.count)) { try writers.write($0) }
        Progress.clearLine()
        try writers.close()
        var all = timings
        all["total"] = Date().timeIntervalSince(t0)
        try Summary(command: "plan", data: data, config: config, writers: writers, timings: all, warnings: warnings)
            .write(to: directory.stagingFile("summary.json"))
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(output.out)", "orders": "\(writers.orderRows)"])
    }
}
