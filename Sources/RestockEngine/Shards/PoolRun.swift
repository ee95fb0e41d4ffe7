import Foundation
import Logging
import RestockData
import RestockSettings

/// `restock pool`: the first stage of a night split across machines. Pools the promotion and
/// event effects once over the whole data set's sample (``PoolSample``) and fits the
/// cross-series model, as ``NightlyRun`` would, and writes both to one file (``PoolFile``) that
/// every `run --shard I/N --pool FILE` reads. Holds the samples' skus' histories only
/// (``SampledNight``), so its memory does not grow with the catalogue's histories. Writes nothing
/// else (no output directory, no lock).
package struct PoolRun {
    package var dataDirectory: String
    package var asOf: Day?
    package var config: RestockConfig

    package init(dataDirectory: String, asOf: Day?, config: RestockConfig) {
        self.dataDirectory = dataDirectory
        self.asOf = asOf
        self.config = config
    }

    /// Loads the data, pools, fits, and writes the pool file to `path` atomically.
    package func execute(writingTo path: String, logger: Logger) throws {
        SeriesParallelism.begin()
        let t0 = Date()
        // Before anything is read, so a file changed while the pool reads it shows another stamp.
        let stamps = FileStamps.stamps(ofTablesIn: dataDirectory)
        // The samples' skus only (``SampledNight``): the pool and the cross-series model are
        // made from them, as a full load would make them.
        // Names only (every row checked, warnings logged once); its sales index goes into the
        // pool so each shard reads only its own rows.
        let (names, _) = try DataLoading.load(directory: dataDirectory, asOf: asOf, requirePlanningFiles: true, logger: logger,
                                              quarantine: config.quarantine, skuFilter: { _ in false })
        let (data, wholeNight) = try SampledNight.load(directory: dataDirectory, asOf: asOf, config: config, logger: logger, names: names)
        logger.info("loaded", metadata: ["stage": "load", "series": "\(data.series.count)", "as_of": "\(data.asOf)"])
        let pipeline = Pipeline(data: data, config: config, plan: true)
        var calendar = SeriesCalendar(data: data, horizon: config.horizon)
        calendar.wholeNight = wholeNight
        let pool = pipeline.effectPool(calendar)
        let global = config.globalModel != .off ? pipeline.globalFit(calendar, pool: pool) : nil
        try PoolFile(data: data, config: config, calendar: calendar, pool: pool, global: global, salesIndex: names, stamps: stamps).write(to: path)
        logger.info("done", metadata: ["stage": "pool", "out": "\(path)", "global_model": "\(global != nil)",
                                       "seconds": "\(String((Date().timeIntervalSince(t0) * 1000).rounded() / 1000))"])
    }
}
