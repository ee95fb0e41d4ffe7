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
        The scenario file format is in docs/WHATIF.md.
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Scenario file (the config format with numbered change sections; see docs/WHATIF.md).")
    var scenario: String

    @Option(help: "Output directory of the nightly run whose model state (state/models.v1.csv) both runs start from (default: choose every method afresh).")
    var baseline: String?

    func validate() throws {
        if let baseline, URL(fileURLWithPath: baseline).standardizedFileURL == URL(fileURLWithPath: output.out).standardizedFileURL {
            throw ValidationError("--baseline and --out must differ: a what-if must not overwrite the nightly outputs")
        }
    }

    func run() throws {
        var config = try common.resolvedConfig()
        let parsed = try Scenario(path: scenario)
        if let settings = parsed.settings { try config.apply(settings) }
        let (logger, directory) = try CommandStart.begin(config: config, out: output.out)
        defer { directory.release() }
        let t0 = Date()
        var (baseData, warnings) = try DataLoading.load(directory: common.data, asOf: try common.asOfDay(),
                                                        requirePlanningFiles: true,
                                                        logger: logger)
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
                try diff.write(baseline: frozen[r.range.lowerBound]!, scenario: r, baselineData: baseData,
                               scenarioData: scenarioData, touched: isTouched)
            }
        }
        Progress.clearLine()
        try writers.close()
        try diff.close()
        let scenarioSeconds = Date().timeIntervalSince(t2)
        var summary = Summary(command: "whatif", data: scenarioData, config: config, writers: writers,
                              timings: ["load": loadSeconds, "baseline": baselineSeconds, "scenario": scenarioSeconds,
                                        "total": Date().timeIntervalSince(t0)],
                              warnings: warnings)
        summary.scenario = Summary.ScenarioSection(file: scenario, changes: applied.notes, skus_touched: touched.count,
                                                  totals: diff.totals.rounded())
        try summary.write(to: directory.stagingFile("summary.json"))
        try summary.writeReport(writers, data: scenarioData, config: config,
                                title: "restock what-if — \(URL(fileURLWithPath: scenario).lastPathComponent), as of \(scenarioData.asOf)",
                                notes: applied.notes, to: directory.stagingFile("report.html"))
        try directory.commit()
        let t = diff.totals
        print(String(format: "scenario: %d series touched; demand %.0f → %.0f; units ordered %.0f → %.0f; value ordered %.2f → %.2f; transfers %.0f → %.0f; stock-out risks %d → %d",
                     t.series_touched, t.baseline_demand, t.scenario_demand, t.baseline_units_ordered, t.scenario_units_ordered,
                     t.baseline_value_ordered, t.scenario_value_ordered, t.baseline_units_transferred,
                     t.scenario_units_transferred, t.baseline_stockout_risks, t.scenario_stockout_risks))
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
