import Forecast
import Foundation
import Logging
import RestockData
import RestockEngine
import RestockSettings

/// `restock whatif`: a run under a ``Scenario``'s changed assumptions, with diff.csv against the
/// baseline. With `baseline` naming a nightly run's output directory whose snapshot still matches
/// the data and settings, only the touched skus are loaded and recomputed
/// (``WhatIfFromBaseline``); otherwise the baseline is recomputed here. The caller has locked
/// `directory` and releases it.
package struct WhatIfRun {
    package var dataDirectory: String
    package var asOf: Day?
    package var scenario: Scenario
    /// The scenario file's path (named in summary.json, the report and errors).
    package var scenarioPath: String
    /// A nightly run's output directory to start from; nil = recompute the baseline.
    package var baseline: String?
    /// Recompute every baseline series even when the snapshot is usable.
    package var recomputeBaseline = false
    /// The settings with the scenario's applied, and the nightly settings without them.
    package var config: RestockConfig
    package var nightlyConfig: RestockConfig

    package init(dataDirectory: String, asOf: Day?, scenario: Scenario, scenarioPath: String, baseline: String?,
                 recomputeBaseline: Bool, config: RestockConfig, nightlyConfig: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.asOf = asOf
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.baseline = baseline
        self.recomputeBaseline = recomputeBaseline
        self.config = config
        self.nightlyConfig = nightlyConfig
    }

    /// Writes the what-if's output set into `directory` and returns the totals of its diff.csv.
    @discardableResult
    package func execute(in directory: OutputDirectory, logger: Logger) throws -> ScenarioDiff.Totals {
        SeriesParallelism.begin()
        let parsed = scenario
        let scenario = scenarioPath
        let t0 = Date()
        var result: WhatIfFromBaseline.Result? = nil
        var warnings: [String] = []
        var snapshotMeta: BaselineSnapshot.Meta? = nil
        if baseline != nil && !recomputeBaseline && config != nightlyConfig && config.fingerprint != nightlyConfig.fingerprint {
            let w = "the scenario changes settings, so every series is recomputed (the nightly snapshot is for the nightly settings)"
            warnings.append(w)
            logger.warning("\(w)")
        } else if let baseline, !recomputeBaseline {
            let (snapshot, why) = BaselineSnapshot.load(outputDirectory: baseline, dataDirectory: dataDirectory,
                                                        asOf: asOf, config: config)
            let snapshotSeconds = Date().timeIntervalSince(t0)
            if let snapshot {
                let fast = WhatIfFromBaseline(snapshot: snapshot, baselineDirectory: baseline, dataDirectory: dataDirectory,
                                              scenario: parsed, scenarioPath: scenario, config: config)
                do {
                    result = try fast.run(directory: directory, logger: logger)
                    result!.timings["snapshot"] = snapshotSeconds
                    snapshotMeta = snapshot.meta
                } catch let e as WhatIfFromBaseline.Unusable {
                    warnings.append("\(e); recomputing the baseline")
                    logger.warning("\(e); recomputing the baseline")
                } catch let e as BaselineSnapshot.SnapshotError {
                    warnings.append("\(baseline)/\(BaselineSnapshot.relativePath)/\(e); recomputing the baseline")
                    logger.warning("\(baseline)/\(BaselineSnapshot.relativePath)/\(e); recomputing the baseline")
                }
            } else if let why {
                warnings.append(why)
                logger.warning("\(why)")
            }
        }
        if result == nil { result = try recomputed(config: config, scenario: parsed, directory: directory, logger: logger) }
        let r = result!
        var timings = r.timings
        let tReport = Date()
        defer { logger.debug("report and summary", metadata: ["seconds": "\(Date().timeIntervalSince(tReport))"]) }
        timings["total"] = Date().timeIntervalSince(t0)
        var summary = Summary(command: "whatif", data: r.scenarioData, config: config, writers: r.writers,
                              timings: timings, warnings: r.warnings + warnings)
        if let meta = snapshotMeta {
            // Only part of the data was loaded: what was read comes from the nightly run.
            summary.inputs = meta.summary_inputs
            summary.counts.takeDataCounts(from: meta.counts)
        }
        summary.scenario = Summary.ScenarioSection(file: scenario, changes: r.notes, skus_touched: r.touched,
                                                  totals: r.diff.totals.rounded())
        try summary.write(to: directory.stagingFile("summary.json"))
        try summary.writeReport(r.writers, data: r.scenarioData, config: config,
                                title: "restock what-if — \(URL(fileURLWithPath: scenario).lastPathComponent), as of \(r.scenarioData.asOf)",
                                notes: r.notes, to: directory.stagingFile("report.html"))
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(directory.path)", "series_touched": "\(r.diff.totals.series_touched)",
                                       "seconds": "\((Date().timeIntervalSince(t0) * 1000).rounded() / 1000)"])
        return r.diff.totals
    }

    /// The what-if with every baseline series recomputed (no usable snapshot).
    private func recomputed(config: RestockConfig, scenario parsed: Scenario, directory: OutputDirectory,
                            logger: Logger) throws -> WhatIfFromBaseline.Result {
        let scenario = scenarioPath
        let t0 = Date()
        var (baseData, warnings) = try DataLoading.load(directory: dataDirectory, asOf: asOf,
                                                        requirePlanningFiles: true, logger: logger, quarantine: config.quarantine)
        let applied = try ScenarioApplication.apply(parsed, to: baseData, path: scenario)
        for note in applied.notes { logger.info("\(note)", metadata: ["stage": "scenario"]) }
        let loadSeconds = Date().timeIntervalSince(t0)

        // Baseline: every sku, effects pooled once and shared with the scenario.
        let t1 = Date()
        var warm: [ModelState.Entry?]? = nil
        if let baseline, config.reselectDays > 0 {
            let (entries, warning) = ModelState.read(outputDirectory: baseline, data: baseData)
            if let w = warning ?? (entries == nil ? "no model state in \(baseline); choosing every method afresh" : nil) {
                logger.warning("\(w)")
                warnings.append(w)
            }
            warm = entries
        }
        let shared = Pipeline(data: baseData, config: config, plan: true)
        let pool = shared.effectPool()
        let global = config.globalModel != .off ? shared.globalFit(pool: pool) : nil
        let baselinePipeline = Pipeline(data: baseData, config: config, plan: true,
                                        run: RunDescription(source: warm.map { .refitRemembered($0) } ?? .fitAfresh,
                                                            effects: .pooled(pool), crossSeriesModel: global))
        var baseline: [Int: SkuResult] = [:]
        try baselinePipeline.run(progress: Progress(stage: "baseline", total: baseData.series.count)) { batch in
            for r in batch { baseline[r.range.lowerBound] = r }
        }
        Progress.clearLine()
        let baselineSeconds = Date().timeIntervalSince(t1)

        // Scenario: only touched skus are recomputed; the others reuse the baseline's results.
        let t2 = Date()
        let touched = applied.touchedSkus
        let frozen = baseline
        let scenarioData = applied.data
        let scenarioPipeline = Pipeline(
            data: scenarioData, config: config, plan: true,
            run: RunDescription(source: .scenario(.init(adjustments: applied.adjustments, remembered: warm)),
                                coverage: .recompute(touched, reusing: frozen), effects: .pooled(pool), crossSeriesModel: global))
        let writers = try OutputWriters(directory: directory, data: scenarioData, config: config, plan: true)
        var rangeStart = [Int](repeating: 0, count: scenarioData.series.count)
        for r in scenarioData.skuRanges { for i in r { rangeStart[i] = r.lowerBound } }
        writers.baselineForecast = { [rangeStart] i in
            guard touched.contains(scenarioData.series[i].key.sku), let r = frozen[rangeStart[i]] else { return nil }
            return r.forecasts[i - r.range.lowerBound]
        }
        let diff = try ScenarioDiff(path: directory.stagingFile("diff.csv"))
        try scenarioPipeline.run(progress: Progress(stage: "scenario", total: scenarioData.series.count)) { batch in
            try writers.write(batch)
            for r in batch {
                let isTouched = touched.contains(scenarioData.series[r.range.lowerBound].key.sku)
                let b = frozen[r.range.lowerBound]!
                for (k, i) in r.range.enumerated() {
                    let s = scenarioData.series[i]
                    try diff.write(sku: scenarioData.skuName(s), location: scenarioData.locationName(s),
                                   baseline: DiffValues(forecast: b.forecasts[k], plan: b.plans[k], item: baseData.series[i].item, data: baseData),
                                   scenario: DiffValues(forecast: r.forecasts[k], plan: r.plans[k], item: s.item, data: scenarioData),
                                   touched: isTouched, asOf: scenarioData.asOf)
                }
            }
        }
        Progress.clearLine()
        try writers.close()
        try diff.close()
        return WhatIfFromBaseline.Result(
            scenarioData: scenarioData, writers: writers, diff: diff, notes: applied.notes, touched: touched.count,
            warnings: warnings,
            timings: ["load": loadSeconds, "baseline": baselineSeconds, "scenario": Date().timeIntervalSince(t2)])
    }
}

extension ScenarioDiff.Totals {
    package func rounded() -> ScenarioDiff.Totals {
        var t = self
        func r(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        t.baseline_demand = r(t.baseline_demand); t.scenario_demand = r(t.scenario_demand)
        t.baseline_units_ordered = r(t.baseline_units_ordered); t.scenario_units_ordered = r(t.scenario_units_ordered)
        t.baseline_value_ordered = r(t.baseline_value_ordered); t.scenario_value_ordered = r(t.scenario_value_ordered)
        t.baseline_units_transferred = r(t.baseline_units_transferred)
        t.scenario_units_transferred = r(t.scenario_units_transferred)
        return t
    }
}
