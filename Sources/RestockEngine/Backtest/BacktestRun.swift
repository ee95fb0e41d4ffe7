import Forecast
import Foundation
import Logging
import RestockData
import RestockSettings

/// `restock backtest`: rolling-origin accuracy of restock's forecasts against the references
/// (seasonal naive, naive, mean28). Fold k (k = 1…K) has its origin K−k+1 horizons before the
/// as-of date and fits only on data up to it. Writes backtest.csv, summary.json, report.html
/// (and backtest_forecasts.csv) into `directory`, which the caller has locked and releases.
package struct BacktestRun {
    package var dataDirectory: String
    package var asOf: Day?
    /// Number of rolling origins, 1…52.
    package var folds: Int
    /// Choose methods this many nights before each origin and only refit them at it (0 = choose at the origin).
    package var warmAgeDays = 0
    /// Also write every fold's forecasts and actuals to backtest_forecasts.csv.
    package var writeForecasts = false
    package var config: RestockConfig

    package init(dataDirectory: String, asOf: Day?, folds: Int, warmAgeDays: Int, writeForecasts: Bool, config: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.asOf = asOf
        self.folds = folds
        self.warmAgeDays = warmAgeDays
        self.writeForecasts = writeForecasts
        self.config = config
    }

    package func execute(in directory: OutputDirectory, logger: Logger) throws {
        SeriesParallelism.begin()
        let t0 = Date()
        let (data, warnings) = try DataLoading.load(directory: dataDirectory, asOf: asOf,
                                                    requirePlanningFiles: false,
                                                    logger: logger, quarantine: config.quarantine)
        let loadSeconds = Date().timeIntervalSince(t0)
        let levels = config.levels.sorted().map { $0 / 100 }
        try RejectedRowsFile.write(data, into: directory)
        let report = try BacktestReport(path: directory.stagingFile("backtest.csv"), levels: config.levels.sorted())
        let forecastsFile = writeForecasts ? try CSVWriter(path: directory.stagingFile("backtest_forecasts.csv")) : nil
        try forecastsFile?.writeRow(["fold", "sku", "location", "date", "actual", "censored", "special", "model",
                                     "forecast", "sd", "restock_model"] + BacktestFold.quantileLevels.map { "q\($0)" }
                                     + config.levels.sorted().flatMap { l in ["lo", "hi"].map { $0 + RestockConfig.levelLabel(l) } })
        var overall: [String: AccuracyMetrics] = [:]
        var overallAggregates: [String: CompetitionMetrics] = [:]
        var models: [String] = []
        let t1 = Date()
        for fold in 1...folds {
            let origin = data.asOf.adding(-(folds - fold + 1) * config.horizon)
            var evaluation = BacktestFold(data: data, origin: origin, config: config)
            evaluation.warmAgeDays = warmAgeDays
            let results = evaluation.run(progress: Progress(stage: "backtest fold \(fold)", total: data.series.count))
            Progress.clearLine()
            var metrics: [String: AccuracyMetrics] = [:]
            if models.isEmpty, let r = results.first { models = r.forecasts.map { $0.0 } }
            let readings = BacktestReadings.of(results, levels: levels, threads: config.effectiveThreads)
            for (i, r) in results.enumerated() {
                for (j, (name, forecast)) in r.forecasts.enumerated() {
                    let quantiles = readings[i][j].quantiles, intervals = readings[i][j].intervals
                    for segment in r.segments(restockModel: r.forecasts[0].1.model) where name == "restock" || !segment.hasPrefix("model:") {
                        let include = r.include(segment: segment)
                        let key = name + "|" + segment
                        metrics[key, default: AccuracyMetrics(levels: levels)]
                            .add(actual: r.actual, mean: forecast.mean, sd: forecast.sd, include: include, scales: r.scales,
                                 intervals: intervals, quantiles: quantiles, competition: r.competition)
                        overall[key, default: AccuracyMetrics(levels: levels)]
                            .add(actual: r.actual, mean: forecast.mean, sd: forecast.sd, include: include, scales: r.scales,
                                 intervals: intervals, quantiles: quantiles, competition: r.competition)
                    }
                    if let forecastsFile { try r.write(to: forecastsFile, fold: fold, model: name, forecast: forecast, data: data, levels: levels) }
                }
            }
            let aggregates = BacktestAggregates.score(results, data: data, origin: origin)
            for (key, a) in aggregates { overallAggregates[key, default: CompetitionMetrics()].merge(a) }
            try report.write(fold: String(fold), origin: origin.description, metrics: metrics, aggregates: aggregates)
            logger.info("fold", metadata: ["stage": "backtest", "fold": "\(fold)", "origin": "\(origin)",
                                           "restock_wape": "\(metrics["restock|all"].map { fmt($0.wape) } ?? "-")",
                                           "seasonal_naive_wape": "\(metrics["seasonal_naive|all"].map { fmt($0.wape) } ?? "-")"])
        }
        try report.write(fold: "all", origin: "", metrics: overall, aggregates: overallAggregates)
        try report.close()
        try forecastsFile?.close()
        let summary = BacktestSummary(data: data, config: config, folds: folds, overall: overall,
                                      aggregates: overallAggregates, warnings: warnings,
                                      timings: ["load": loadSeconds, "backtest": Date().timeIntervalSince(t1),
                                                "total": Date().timeIntervalSince(t0)])
        try summary.write(to: directory.stagingFile("summary.json"))
        try BacktestReportPage.write(overall: overall, data: data, config: config, folds: folds,
                                     to: directory.stagingFile("report.html"))
        try directory.commit()
        for model in models {
            if let m = overall[model + "|all"], let p = overall[model + "|promo_event"] {
                logger.info("accuracy", metadata: ["model": "\(model)", "mase": "\(fmt(m.mase))", "rmsse": "\(fmt(m.rmsse))",
                                                   "wape": "\(fmt(m.wape))", "wape_promo_event": "\(fmt(p.wape))",
                                                   "wrmsse": "\(fmt(m.competition.wrmsse))", "wspl": "\(fmt(m.competition.wspl))"])
            }
        }
    }

    private func fmt(_ x: Double) -> String { String((x * 10000).rounded() / 10000) }
}
