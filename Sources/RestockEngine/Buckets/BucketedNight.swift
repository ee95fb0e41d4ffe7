import Forecast
import Foundation
import Logging
import RestockData
import RestockSettings

/// A night whose catalogue is larger than `max_series_in_memory`, forecast and planned in parts
/// (``SkuBuckets``: runs of whole skus in sku order) in one process, so its memory is bounded by
/// the setting rather than by the catalogue. The files are the whole night's, byte for byte:
///
/// 1. a first pass over the inputs keeps no sku's history (``DataSetLoader/Options/skuFilter``):
///    it checks every row, fingerprints the files, logs the warnings and lists every series with
///    history, from which the parts are cut;
/// 2. the effects are pooled and the cross-series model fitted on their samples' skus alone
///    (``SampledNight``, as `restock pool` does), so they are the whole night's;
/// 3. part by part: its skus loaded (every row parsed again, only its histories kept), forecast
///    and planned by ``Pipeline`` with the pool, and its rows written by the night's one
///    ``OutputWriters`` (rebound to the part: rows in sku order, as a whole load writes them);
///    the report's charts of the part's candidates are drawn before it is dropped;
/// 4. the cross-sku supplier stage over the night's order lines, summary.json (counts summed
///    over the parts), the input profile and its gate, the what-if snapshot and report.html,
///    then the one swap of the staged set.
///
/// Memory: the night's names, one part's histories and results, the order lines waiting for
/// the supplier stage. Time: the sales table is parsed once per part, plus twice.
package struct BucketedNight {
    package let night: NightlyRun
    /// Series with history per part, at most (a sku with more is a part of its own).
    package let maxSeries: Int

    /// Parts of this many series when `max_series_in_memory` is automatic (0) and the sales
    /// table is larger than ``automaticAboveBytes`` as stored.
    package static let automaticSeries = 50_000
    package static let automaticAboveBytes = 2 << 30

    package init(night: NightlyRun, maxSeries: Int) {
        self.night = night
        self.maxSeries = max(1, maxSeries)
    }

    /// The part size for `night`, nil when it is held whole. A shard is a part of the night
    /// already; the merge of a sharded night is held in parts like a whole night, its forecasts
    /// the shards' (``NightStage/mergedForecasts``).
    package static func limit(for night: NightlyRun) -> Int? {
        guard night.stage == nil || night.stage?.mergedForecasts != nil else { return nil }
        if night.config.maxSeriesInMemory > 0 { return night.config.maxSeriesInMemory }
        guard case .found(let sales) = InputLayout.lookup(.sales, in: night.dataDirectory),
              sales.storedSize > automaticAboveBytes else { return nil }
        return automaticSeries
    }

    /// Runs the night in parts; false, having written nothing, when the catalogue fits in one
    /// part (then the caller loads it whole).
    package func execute(in directory: OutputDirectory, logger: Logger) throws -> Bool {
        let config = night.config, plan = night.plan
        SeriesParallelism.begin()
        var timings: [String: Double] = [:]
        let t0 = Date()
        let inputStats = BaselineSnapshot.stats(dataDirectory: night.dataDirectory)

        // 1. Names, fingerprints and every row's checks; the load's warnings are logged here.
        let (names, nameWarnings) = try DataLoading.load(directory: night.dataDirectory, asOf: night.asOf,
                                                         requirePlanningFiles: plan, logger: logger,
                                                         quarantine: config.quarantine, skuFilter: { _ in false })
        let buckets = SkuBuckets(names: names, maxSeries: maxSeries)
        guard buckets.parts.count > 1 else {
            logger.info("fits in one part", metadata: ["stage": "load", "series_with_history": "\(names.historyKeysLeftOut.count)",
                                                       "max_series_in_memory": "\(maxSeries)"])
            return false
        }
        logger.info("in parts", metadata: ["stage": "load", "parts": "\(buckets.parts.count)",
                                           "series_with_history": "\(names.historyKeysLeftOut.count)",
                                           "max_series_in_memory": "\(maxSeries)"])

        // 2. The effects and the cross-series model, from their samples' skus; a merge has the
        // shards' pool, and takes every series' forecast from the shards.
        let t1 = Date()
        let merged = night.stage?.mergedForecasts
        let pool: PoolFile
        if let stage = night.stage {
            if let why = stage.pool.mismatch(data: names, config: config) {
                throw RestockError.usage("the pool \(stage.poolPath) does not fit this night: \(why); make it again with `restock pool` on the same inputs and settings")
            }
            pool = stage.pool
        } else {
            pool = try makePool(names: names, logger: logger)
            timings["effects_and_cross_series_fit"] = Date().timeIntervalSince(t1)
        }
        let global = config.globalModel == .off ? nil : try pool.globalModel()
        var mergedSeries = 0

        // 3. Part by part.
        var quiet = logger
        quiet.logLevel = .critical
        var loadWarnings = nameWarnings
        var negativeDays: NegativeDemandDays? = nil
        var modelStateWarning: String? = nil
        var writers: OutputWriters? = nil
        var recorder: BaselineRecorder? = nil
        var part: DataSet? = nil
        var tally = InputProfile.Tally()
        var counts = NightCounts()
        var latestSalesDay = names.latestSalesDay
        var skuNames = Set<String>(), categories = Set<String>()
        var loadSeconds = Date().timeIntervalSince(t0) - (timings["effects_and_cross_series_fit"] ?? 0)
        var computeSeconds = 0.0, writeSeconds = 0.0
        var offset = 0
        let progress = Progress(stage: plan ? "forecast+plan" : "forecast", total: names.historyKeysLeftOut.count, unit: "series/s")
        // Where each part's sales rows are: with the index, a part reads its rows only.
        let partRuns = buckets.salesRuns(in: names)
        for (b, skus) in buckets.parts.enumerated() {
            let tl = Date()
            var (data, warnings) = try loadPart(skus, runs: partRuns?[b], names: names, logger: quiet)
            loadSeconds += Date().timeIntervalSince(tl)
            // Warnings about this part's series (the first pass kept none); the count of days
            // with more returns than sales is the night's, summed over the parts.
            if var n = data.negativeDemandDays {
                warnings.removeAll { $0.hasSuffix(n.message) }
                n.firstSeries = Self.loadOrder(of: n, in: names)
                negativeDays = negativeDays.map { $0.merged(with: n) } ?? n
            }
            for w in warnings where !loadWarnings.contains(w) {
                logger.warning("\(w)")
                loadWarnings.append(w)
            }
            tally.add(data)
            counts.add(data)
            latestSalesDay = max(latestSalesDay, data.latestSalesDay)
            for s in data.series {
                skuNames.insert(data.skuName(s))
                if let c = s.item?.category { categories.insert(c) }
            }
            let tc = Date()
            if let writers {
                writers.rebind(to: data, seriesOffset: offset)
                recorder?.rebind(to: data, seriesOffset: offset, pool: nil, config: config)
            } else {
                let w = try OutputWriters(directory: directory, data: data, config: config, plan: plan)
                writers = w
                recorder = plan ? try BaselineRecorder(directory: directory, data: data, writers: w) : nil
            }
            let calendar = SeriesCalendar(data: data, horizon: config.horizon)
            let effects = try pool.effectPool(calendar: calendar, data: data)
            var run = RunDescription(source: .fitAfresh, effects: .pooled(effects), crossSeriesModel: global)
            if let merged {
                run.source = .recorded(try data.series.map { s in
                    guard let e = merged[ShardResults.key(sku: data.skuName(s), location: data.locationName(s))] else {
                        throw RestockError.usage("no shard holds \(data.skuName(s)) at \(data.locationName(s)): the shards were not made from these inputs")
                    }
                    return e
                })
                mergedSeries += data.series.count
            } else if config.reselectDays > 0 && night.asOf == nil {
                let (entries, warning) = ModelState.read(outputDirectory: night.outputDirectory, data: data)
                if b == 0, let warning { modelStateWarning = warning }
                if let entries { run.source = .refitRemembered(entries) }
            }
            let pipeline = Pipeline(data: data, config: config, plan: plan, run: run)
            var partWrite = 0.0
            try pipeline.run(progress: progress) { batch in
                let w = Date()
                try writers!.write(batch)
                partWrite += Date().timeIntervalSince(w)
            }
            writeSeconds += partWrite
            computeSeconds += Date().timeIntervalSince(tc) - partWrite
            logger.debug("part", metadata: ["stage": "forecast", "part": "\(b + 1)", "series": "\(data.series.count)"])
            offset += data.series.count
            // Leave the part before the next is loaded: its charts drawn and its priors taken
            // while its histories are here, then only its series-less shell is kept.
            var shell = data
            shell.series = []
            writers!.rebind(to: shell, seriesOffset: offset)
            recorder?.rebind(to: shell, seriesOffset: offset, pool: effects, config: config)
            part = shell
        }
        Progress.clearLine()
        guard let writers, let data = part else { return false }
        if let merged, merged.count != mergedSeries {
            throw RestockError.usage("the shards hold \(merged.count) series, the inputs \(mergedSeries): they were not made from these inputs")
        }

        // 4. The night's checks and the cross-sku stage, then the files that span the parts.
        // A whole load warns of negative days after the checks of whole files, before the
        // warnings about series.
        if let n = negativeDays {
            let w = "\(ContractTable.sales.rawValue): warning: \(n.message)"
            logger.warning("\(w)")
            loadWarnings.insert(w, at: nameWarnings.count)
        }
        let profile = InputProfile(tally, data: data, latestSalesDay: latestSalesDay)
        try night.check(profile, latestSalesDay: latestSalesDay)
        try JSONOutput.write(profile, to: directory.stagingFile(InputProfile.relativePath))
        var warnings = loadWarnings
        if plan {
            for w in config.policy.unmatchedRules(skus: skuNames, categories: categories) { logger.warning("\(w)"); warnings.append(w) }
        }
        if let w = modelStateWarning { logger.warning("\(w)"); warnings.append(w) }
        for w in writers.fallbackSummary { logger.warning("\(w)"); warnings.append(w) }
        let t2 = Date()
        try writers.close()
        writeSeconds += Date().timeIntervalSince(t2)
        timings["load"] = loadSeconds
        timings[plan ? "forecast_and_plan" : "forecast"] = computeSeconds
        timings["write"] = writeSeconds
        timings["total"] = Date().timeIntervalSince(t0)
        timings["forecast_thread_seconds"] = writers.forecastThreadSeconds
        if plan {
            timings["plan_thread_seconds"] = writers.planThreadSeconds
            timings["supplier_stage"] = writers.supplierStageSeconds
        }
        logger.info("computed", metadata: ["stage": plan ? "forecast_and_plan" : "forecast",
                                           "forecast_rows": "\(writers.forecastRows)", "orders": "\(writers.orderRows)",
                                           "transfers": "\(writers.transferRows)", "exceptions": "\(writers.exceptionRows)"])
        var summary = Summary(command: night.command, data: data, config: config, writers: writers, timings: timings, warnings: warnings)
        summary.inputs = PoolFile.inputs(of: names)
        summary.counts.takeDataCounts(from: counts.summaryCounts(rowsAfterAsOf: names.rowsAfterAsOf))
        try summary.write(to: directory.stagingFile("summary.json"))
        try recorder?.finish(inputs: inputStats, loadWarnings: loadWarnings, config: config, pool: nil, global: global,
                             summary: summary, output: directory, latestSalesDay: latestSalesDay, salesIndex: names)
        try summary.writeReport(writers, data: data, config: config, title: "restock \(night.command) — as of \(data.asOf)",
                                notes: [], to: directory.stagingFile("report.html"))
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(night.outputDirectory)", "parts": "\(buckets.parts.count)",
                                       "seconds": "\(night.fmt(timings["total"]!))"])
        return true
    }
}

extension BucketedNight {
    /// The night's effects and cross-series model from their samples' skus (``SampledNight``),
    /// by names; the samples' histories are dropped on return.
    func makePool(names: DataSet, logger: Logger) throws -> PoolFile {
        let config = night.config
        let (sample, wholeNight) = try SampledNight.load(directory: night.dataDirectory, asOf: night.asOf, config: config,
                                                         logger: logger, names: names, requirePlanningFiles: night.plan)
        let pipeline = Pipeline(data: sample, config: config, plan: night.plan)
        var calendar = SeriesCalendar(data: sample, horizon: config.horizon)
        calendar.wholeNight = wholeNight
        let effects = pipeline.effectPool(calendar)
        let fitted = config.globalModel != .off ? pipeline.globalFit(calendar, pool: effects) : nil
        return try PoolFile(data: sample, config: config, calendar: calendar, pool: effects, global: fitted)
    }

    /// One part's skus (``DataLoading/loadSkus(_:runs:names:directory:requirePlanningFiles:quarantine:logger:)``).
    func loadPart(_ skus: Set<String>, runs: [SalesRun]?, names: DataSet, logger: Logger) throws -> (DataSet, [String]) {
        try DataLoading.loadSkus(skus, runs: runs, names: names, directory: night.dataDirectory, requirePlanningFiles: night.plan,
                                 quarantine: night.config.quarantine, logger: logger)
    }

    /// The place of `n`'s first series in the order the sales table first names series (the
    /// first load's), so the parts' firsts compare.
    static func loadOrder(of n: NegativeDemandDays, in names: DataSet) -> Int {
        names.historyKeysLeftOut.firstIndex { names.skus[$0.sku] == n.sku && names.locations[$0.location] == n.location } ?? n.firstSeries
    }
}

/// The data-set counts of summary.json, summed over the parts of a night.
struct NightCounts {
    var series = 0, skus = 0, withHistory = 0, planned = 0
    var locations = Set<Int32>()

    mutating func add(_ data: DataSet) {
        series += data.series.count
        skus += data.skuRanges.count
        for s in data.series {
            locations.insert(s.key.location)
            if s.history != nil { withHistory += 1 }
            if s.item != nil { planned += 1 }
        }
    }

    func summaryCounts(rowsAfterAsOf: Int) -> Summary.Counts {
        Summary.Counts(series: series, skus: skus, locations: locations.count, series_with_history: withHistory,
                       series_planned: planned, sales_rows_after_as_of: rowsAfterAsOf, forecast_rows: 0, orders: 0,
                       transfers: 0, exceptions: 0, units_ordered: 0, units_transferred: 0)
    }
}
