import ArgumentParser
import Foundation
import RestockEngine
import RestockSettings

/// restock: nightly demand forecasts, purchase orders and transfers from sales history.
@main
struct Restock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restock",
        abstract: "Forecast daily demand per sku and location, and plan purchase orders and transfers.",
        discussion: "Exit status: 0 done; 64 bad usage or configuration; 65 bad input data (nothing written); 70 internal failure; 73 an output cannot be created; 74 an output cannot be written (e.g. a full disk; previous outputs untouched); 75 another run holds the output directory's lock.",
        version: Summary.version,
        subcommands: [RunCommand.self, ForecastCommand.self, PoolCommand.self, MergeCommand.self, PlanCommand.self, SimulateCommand.self, WhatIfCommand.self, BacktestCommand.self, ValidateCommand.self])

    /// Parses, runs, and maps every error to the contract's exit status in one place.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as RestockError {
            Progress.clearLine()
            FileHandle.standardError.write(Data("restock: error: \(error.message)\n".utf8))
            Foundation.exit(ExitStatus.of(error).rawValue)
        } catch {
            // An output that cannot be created or written: the path and the system's reason.
            let status = ExitStatus.of(error)
            if status == .cannotCreate || status == .ioError {
                Progress.clearLine()
                FileHandle.standardError.write(Data("restock: error: \(error); the previous outputs are untouched\n".utf8))
                Foundation.exit(status.rawValue)
            }
            // argument-parser's own errors (help, version, usage) keep their messages and codes:
            // help/version exit 0, usage errors 64.
            let code = exitCode(for: error).rawValue
            if code == 0 || code == 64 { exit(withError: error) }
            FileHandle.standardError.write(Data("restock: internal error: \(error)\n".utf8))
            Foundation.exit(ExitStatus.internalFailure.rawValue)
        }
    }
}
