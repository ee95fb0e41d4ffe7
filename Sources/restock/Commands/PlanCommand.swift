import ArgumentParser
import Foundation
import RestockData
import RestockEngine

/// `restock plan`: orders and transfers from a given forecast (`sku,location,date,forecast,sd`).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Plan orders and transfers from a given forecast file (sku,location,date,forecast,sd).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Forecast CSV with columns sku,location,date,forecast,sd (sd = daily forecast error standard deviation).")
    var forecast: String

    func run() throws {
        let config = try common.resolvedConfig()
        let (logger, directory) = try CommandStart.begin(config: config, out: output.out)
        defer { directory.release() }
        try PlanFromForecast(dataDirectory: common.data, forecastFile: forecast, asOf: try common.asOfDay(), config: config)
            .execute(in: directory, logger: logger)
    }
}
