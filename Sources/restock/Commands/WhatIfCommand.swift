import ArgumentParser
import Foundation
import RestockData
import RestockEngine
import RestockScenarios

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
        let t = try WhatIfRun(dataDirectory: common.data, asOf: try common.asOfDay(), scenario: parsed, scenarioPath: scenario,
                              baseline: baseline, recomputeBaseline: recomputeBaseline, config: config,
                              nightlyConfig: nightlyConfig)
            .execute(in: directory, logger: logger)
        print(String(format: "scenario: %d series touched; demand %.0f → %.0f; units ordered %.0f → %.0f; value ordered %.2f → %.2f; transfers %.0f → %.0f; stock-out risks %d → %d",
                     t.series_touched, t.baseline_demand, t.scenario_demand, t.baseline_units_ordered, t.scenario_units_ordered,
                     t.baseline_value_ordered, t.scenario_value_ordered, t.baseline_units_transferred,
                     t.scenario_units_transferred, t.baseline_stockout_risks, t.scenario_stockout_risks))
    }
}
