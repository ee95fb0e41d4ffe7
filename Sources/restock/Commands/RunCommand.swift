import ArgumentParser
import Foundation
import RestockData
import RestockEngine

/// `restock run`: the nightly job. Forecast every series, plan orders and transfers, write the
/// output set atomically. With `--pool` (and `--shard`), one part of a night split across
/// machines (``NightStage``).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The nightly job: forecast, then plan orders and transfers.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("accept-input-change"), help: "Go on even though the inputs fell from the previous night's beyond the gate (gate_* settings).")
    var acceptInputChange = false
    @Option(help: "Plan only shard I of N (I/N): the skus whose name hashes to I mod N, each with its whole network; needs --pool. Merge the shards with `restock merge`.")
    var shard: String?
    @Option(help: "The night's pooled effects and cross-series model, made once by `restock pool` (instead of pooling here).")
    var pool: String?

    func run() throws {
        let stage = try NightStage.forRun(shard: shard, pool: pool, asOfGiven: common.asOf != nil,
                                          arguments: NightStage.settingsArguments(CommandLine.arguments))
        try NightlyCommand.run(common: common, out: output.out, command: "run", plan: true, acceptInputChange: acceptInputChange,
                               stage: stage)
    }
}

/// `restock forecast`: forecasts only.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "Forecast every series; writes forecast.csv and summary.json.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("accept-input-change"), help: "Go on even though the inputs fell from the previous night's beyond the gate (gate_* settings).")
    var acceptInputChange = false

    func run() throws {
        try NightlyCommand.run(common: common, out: output.out, command: "forecast", plan: false,
                               acceptInputChange: acceptInputChange)
    }
}

/// `run`, `forecast` and `merge`: settings from the options, logging, the output directory
/// locked, then the engine's ``NightlyRun`` (with a sharded night's ``NightStage``, if any).
enum NightlyCommand {
    static func run(common: CommonOptions, out: String, command: String, plan: Bool, acceptInputChange: Bool,
                    stage: NightStage? = nil) throws {
        let config = try common.resolvedConfig()
        let asOf = try common.asOfDay()
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        try NightlyRun(dataDirectory: common.data, outputDirectory: out, asOf: asOf, config: config, command: command,
                       plan: plan, acceptInputChange: acceptInputChange, stage: stage)
            .execute(in: directory, logger: logger)
    }
}
