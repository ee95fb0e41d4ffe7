import ArgumentParser
import RestockEngine

/// `restock pool`: the first stage of a night split across machines; the engine's ``PoolRun``
/// writes the pool file (``PoolFile``) every `run --shard I/N --pool FILE` reads.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool", abstract: "Pool the effects and fit the cross-series model once, for a sharded night (run --shard … --pool FILE).")

    @OptionGroup var common: CommonOptions
    @Option(help: "The pool file to write (atomically: a temporary file, then renamed).")
    var out: String

    func run() throws {
        let config = try common.resolvedConfig()
        let asOf = try common.asOfDay()
        let logger = LogSetup.bootstrap(format: config.logFormat, level: config.logLevel)
        try PoolRun(dataDirectory: common.data, asOf: asOf, config: config).execute(writingTo: out, logger: logger)
    }
}
