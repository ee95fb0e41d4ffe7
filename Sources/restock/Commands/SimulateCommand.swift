import ArgumentParser
import Foundation
import RestockData
import RestockEngine
import RestockSimulation

/// `restock simulate`: replays the nightly policy over a past window and reports the service
/// it achieved against its targets.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay the nightly policy over a past window; report achieved service, stock and turnover.",
        discussion: """
        Each night of [--from, --to] plans with only the sales before it (forecasts refitted every \
        --refit-days nights), then that day's actual sales arrive as demand: what stock cannot serve is \
        lost. Orders arrive after their lead time. Each sku's network is planned as the nightly run plans it: a \
        store supplied by a simulated DC receives only what the DC ships from its own simulated stock, \
        and the DC buys for its own and its stores' demand through the supplier stage (a store whose \
        source location is not simulated gets what it orders). Stock at the start is the on_hand of \
        sales.csv on the night before --from when known, else the policy's order-up-to level. With \
        --warm-up N the replay starts N nights before --from (from the on_hand recorded the night before \
        then) and plays the policy through them, but every figure reported (fill rate, CSL, stock-out \
        days, stock, turnover, units short, stock-outs by date) counts only --from … --to; summary.json \
        says so in warm_up (absent with 0, the default). The same \
        replay runs a min/max rule on recent average demand (a DC's on its stores' too), on the same \
        networks, tuned to restock's fill rate, for comparison. \
        Writes simulation.csv and summary.json to --out (default ./simulation).
        """)

    @OptionGroup var common: CommonOptions

    @Option(help: "First day scored (YYYY-MM-DD): the replay starts here, or --warm-up nights before.")
    var from: String

    @Option(help: "Last day replayed and scored (YYYY-MM-DD), on or before the last sales date.")
    var to: String

    @Option(help: "Output directory (written as a whole set).")
    var out: String = "simulation"

    @Option(name: .customLong("refit-days"), help: "Refit the forecasts every N nights (1 = every night).")
    var refitDays: Int = 7

    @Option(name: .customLong("warm-up"),
            help: "Start the replay N nights before --from and leave them out of every score (0 = start at --from).")
    var warmUp: Int = 0

    func validate() throws {
        guard Day.parse(from) != nil else { throw ValidationError("--from: '\(from)' is not a date YYYY-MM-DD") }
        guard Day.parse(to) != nil else { throw ValidationError("--to: '\(to)' is not a date YYYY-MM-DD") }
        guard Day.parse(from)! <= Day.parse(to)! else { throw ValidationError("--from must be on or before --to") }
        guard refitDays >= 1 else { throw ValidationError("--refit-days must be ≥ 1") }
        guard warmUp >= 0 else { throw ValidationError("--warm-up must be ≥ 0") }
    }

    func run() throws {
        let config = try common.resolvedConfig()
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        let table = try SimulationRun(dataDirectory: common.data, asOf: try common.asOfDay(), first: Day.parse(from)!,
                                      last: Day.parse(to)!, refitDays: refitDays, warmUpDays: warmUp, config: config)
            .execute(in: directory, logger: logger)
        print(table)
    }
}
