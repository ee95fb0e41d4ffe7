import ArgumentParser
import Foundation
import LinearAlgebra
import Logging
import RestockData

/// `restock whatif`: a run under changed assumptions, with its difference to the baseline.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "A run under changed assumptions (promotions, events, prices, demand, service, lead times, lots, sources) and its difference to the baseline.",
        discussion: """
        Writes the scenario's forecast.csv, orders.csv, transfers.csv, exceptions.csv and summary.json, plus \
        diff.csv (per series: baseline and scenario demand over the horizon, units and value ordered, transfers, \
        first projected stock-out date). Series the scenario does not touch keep the baseline's rows byte for byte. \
        With --baseline naming a nightly run's output directory whose snapshot (state/baseline.v1) still matches \
        the data and settings, only the skus the scenario touches are loaded and recomputed. \
        The scenario file format is in docs/WHATIF.md.
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Scenario file (the config format with numbered change sections; see docs/WHATIF.md).")
    var scenario: String

    @Option(help: "Output directory of the nightly run to start from: its snapshot (state/baseline.v1) and model state (default: recompute the baseline, choosing every method afresh).")
    var baseline: String?

    @Flag(help: "Recompute every baseline series even when --baseline has a usable snapshot (slow; gives the same files).")
    var recomputeBaseline = false

    func validate() throws {
        if let baseline, URL(fileURLWithPath: baseline).standardizedFileURL == URL(fileURLWithPath: output.out).standardizedFileURL {
            throw ValidationError("--baseline and --out must differ: a what-if must not overwrite the nightly outputs")
        }
    }

    func run() throws {
        var config = try common.resolvedConfig()
        let parsed = try Scenario(path: scenario)
        let nightlyConfig = config
        if let settings = parsed.settings { try config.apply(settings) }
        let (logger, directory) = try CommandStart.begin(config: config, out: output.out)
        defer { directory.release() }
        let t0 = Date()
        var result: WhatIfFromBaseline.Result? = nil
        var warnings: [String] = []
        var snapshotMeta: BaselineSnapshot.Meta? = nil
        if baseline != nil && !recomputeBaseline && config != nightlyConfig && config.fingerprint != nightlyConfig.fingerprint {
            let w = "the scenario changes settings, so every series is recomputed (the nightly snapshot is for the nightly settings)"
            warnings.append(w)
            logger.warning("\(w)")
        } else if let baseline, !recomputeBaseline {
            let (snapshot, why) = BaselineSnapshot.load(outputDirectory: baseline, dataDirectory: common.data,
                                                        asOf: try common.asOfDay(), config: config)
            let snapshotSeconds = Date().timeIntervalSince(t0)
            if let snapshot {
                let fast = WhatIfFromBaseline(snapshot: snapshot, baselineDirectory: baseline, dataDirectory: common.data,
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
        logger.info("done", metadata: ["stage": "write", "out": "\(output.out)", "series_touched": "\(r.diff.totals.series_touched)",
                                       "seconds": "\((Date().timeIntervalSince(t0) * 1000).rounded() / 1000)"])
        let t = r.diff.totals
        print(String(format: "scenario: %d series touched; demand %.0f → %.0f; units ordered %.0f → %.0f; value ordered %.2f → %.2f; transfers %.0f → %.0f; stock-out risks %d → %d",
                     t.series_touched, t.baseline_demand, t.scenario_demand, t.baseline_units_ordered, t.scenario_units_ordered,
                     t.baseline_value_ordered, t.scenario_value_ordered, t.baseline_units_transferred,
                     t.scenario_units_transferred, t.baseline_stockout_risks, t.scenario_stockout_risks))
    }

    /// The what-if with every baseline series recomputed (no usable snapshot).
    private func recomputed(config: RestockConfig, scenario parsed: Scenario, directory: OutputDirectory,
                            logger: Logger) throws -> WhatIfFromBaseline.Result {
        let t0 = Date()
        var (baseData, warnings) = try DataLoading.load(directory: common.data, asOf: try common.asOfDay(),
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
        var baselinePipeline = Pipeline(data: baseData, config: config, plan: true)
        baselinePipeline.warm = warm
        let pool = baselinePipeline.effectPool()
        baselinePipeline.pool = pool
        let global = config.globalModel != .off ? baselinePipeline.globalFit(pool: pool) : nil
        baselinePipeline.global = global
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
        var scenarioPipeline = Pipeline(data: scenarioData, config: config, plan: true)
        scenarioPipeline.pool = pool
        scenarioPipeline.global = global
        scenarioPipeline.adjustments = applied.adjustments
        scenarioPipeline.warm = warm
        scenarioPipeline.reuse = { range in touched.contains(scenarioData.series[range.lowerBound].key.sku) ? nil : frozen[range.lowerBound] }
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
    func rounded() -> ScenarioDiff.Totals {
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
