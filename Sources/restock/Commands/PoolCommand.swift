import ArgumentParser
import Foundation
import LinearAlgebra
import Logging
import RestockData

/// `restock pool`: the first stage of a night split across machines. Pools the promotion and
/// event effects once over the whole data set (``PoolSample``) and fits the cross-series model,
/// and writes both to one file (``PoolFile``) that every `run --shard I/N --pool FILE` reads.
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
        BLASRuntime.useSingleThread()
        let t0 = Date()
        let (data, _) = try DataLoading.load(directory: common.data, asOf: asOf, requirePlanningFiles: true,
                                             logger: logger, quarantine: config.quarantine)
        logger.info("loaded", metadata: ["stage": "load", "series": "\(data.series.count)", "as_of": "\(data.asOf)"])
        let pipeline = Pipeline(data: data, config: config, plan: true)
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        let pool = pipeline.effectPool(calendar)
        let global = config.globalModel != .off ? pipeline.globalFit(calendar, pool: pool) : nil
        try PoolFile(data: data, config: config, calendar: calendar, pool: pool, global: global).write(to: out)
        logger.info("done", metadata: ["stage": "pool", "out": "\(out)", "global_model": "\(global != nil)",
                                       "seconds": "\(String((Date().timeIntervalSince(t0) * 1000).rounded() / 1000))"])
    }
}
