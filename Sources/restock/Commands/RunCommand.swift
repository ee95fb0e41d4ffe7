import ArgumentParser
import Foundation
import RestockData
import RestockEngine

/// `restock run`: the nightly job. Forecast every series, plan orders and transfers, write the
/// output set atomically.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The nightly job: forecast, then plan orders and transfers.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("accept-input-change"), help: "Go on even though the inputs fell from the previous night's beyond the gate (gate_* settings).")
    var acceptInputChange = false

    func run() throws {
        try NightlyCommand.run(common: common, out: output.out, command: "run", plan: true, acceptInputChange: acceptInputChange)
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

/// `run` and `forecast`: settings from the options, logging, the output directory locked, then
/// the engine's ``NightlyRun``.
enum NightlyCommand {
    static func run(common: CommonOptions, out: String, command: String, plan: Bool, acceptInputChange: Bool) throws {
        let config = try common.resolvedConfig()
        let asOf = try common.asOfDay()
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        try NightlyRun(dataDirectory: common.data, outputDirectory: out, asOf: asOf, config: config, command: command,
                       plan: plan, acceptInputChange: acceptInputChange)
            .execute(in: directory, logger: logger)
    }
}
