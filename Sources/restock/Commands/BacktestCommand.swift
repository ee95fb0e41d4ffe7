import ArgumentParser
import Foundation
import RestockData
import RestockEngine

/// `restock backtest`: rolling-origin accuracy of restock's forecasts against the references
/// (seasonal naive, naive, mean28), with the M5 competition's metrics beside the classic ones
/// (columns and definitions: docs/CONTRACT.md).
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin accuracy (MASE, RMSSE, WAPE, bias, coverage, pinball, WRMSSE, RMSPE, WSPL) per fold, model and segment.",
        discussion: """
        Fold k (k = 1…K) has its origin K−k+1 horizons before the as-of date and fits only on data up to it; \
        it is scored on the following --horizon days (stock-out days are not scored). Writes backtest.csv and \
        summary.json (and, with --write-forecasts, backtest_forecasts.csv) to --out (default ./backtest).
        """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Output directory (written as a whole set).")
    var out: String = "backtest"

    @Option(help: "Number of rolling origins.")
    var folds: Int = 3

    @Option(name: .customLong("warm-age-days"), help: "Choose methods this many nights before each origin and only refit them at it, as a warm nightly run does (0 = choose at the origin).")
    var warmAgeDays: Int = 0

    @Flag(name: .customLong("write-forecasts"), help: "Also write every fold's forecasts and actuals to backtest_forecasts.csv.")
    var writeForecasts = false

    func validate() throws {
        guard folds >= 1 && folds <= 52 else { throw ValidationError("--folds must be 1…52") }
    }

    func run() throws {
        var config = try common.resolvedConfig()
        if common.horizon == nil { config.horizon = 28 }
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        try BacktestRun(dataDirectory: common.data, asOf: try common.asOfDay(), folds: folds, warmAgeDays: warmAgeDays,
                        writeForecasts: writeForecasts, config: config)
            .execute(in: directory, logger: logger)
    }
}
