import ArgumentParser
import Foundation
import Forecast
import LinearAlgebra
import Logging
import Replenish
import RestockData

/// `restock simulate`: replays the nightly policy over a past window and reports the service
/// it achieved against its targets.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the nightly policy over a past window; report achieved service, stock and turnover.",
        discussion: """
        Each night of [--from, --to] plans with only the sales before it (forecasts refitted every \
        --refit-days nights), then that day's actual sales arrive as demand: what stock cannot serve is \
        lost. Orders arrive after their lead time. Every planned series is simulated on its own (a store \
        supplied by a location is assumed to get what it orders). Stock at the start is the on_hand of \
        sales.csv on the night before --from when known, else the policy's order-up-to level. The same \
        replay runs a min/max rule on recent average demand, tuned to restock's fill rate, for comparison. \
        Writes simulation.csv and summary.json to --out (default ./simulation).
        """)

    @OptionGroup var common: CommonOptions

    @Option(help: "First day replayed (YYYY-MM-DD).")
    var from: String

    @Option(help: "Last day replayed (YYYY-MM-DD), on or before the last sales date.")
    var to: String

    @Option(help: "Output directory (written as a whole set).")
    var out: String = "simulation"

    @Option(name: .customLong("refit-days"), help: "Refit the forecasts every N nights (1 = every night).")
    var refitDays: Int = 7

    func validate() throws {
        guard Day.parse(from) != nil else { throw ValidationError("--from: '\(from)' is not a date YYYY-MM-DD") }
        guard Day.parse(to) != nil else { throw ValidationError("--to: '\(to)' is not a date YYYY-MM-DD") }
        guard Day.parse(from)! <= Day.parse(to)! else { throw ValidationError("--from must be on or before --to") }
        guard refitDays >= 1 else { throw ValidationError("--refit-days must be ≥ 1") }
    }

    func run() throws {
        var config = try common.resolvedConfig()
        let first = Day.parse(from)!, last = Day.parse(to)!
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        let t0 = Date()
        let (data, warnings) = try DataLoading.load(directory: common.data, asOf: try common.asOfDay(),
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
        print(SimulationReport.table(restock: restock, minMax: minMax.result, multiplier: minMax.multiplier))
    }
}
