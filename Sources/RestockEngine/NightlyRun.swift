import Forecast
import Foundation
import Logging
import RestockData
import RestockSettings

/// One night of `run` (forecast and plan) or `forecast`, the whole flow in this file:
///
/// 1. load the data directory (``DataLoading``; rows with errors set aside within the quarantine);
/// 2. check it against the previous night's input profile (``InputGate``) and its age;
/// 3. describe the run (``RunDescription``): every sku, methods remembered from the model state,
///    effects pooled once and the cross-series model fitted once (both kept for the snapshot);
/// 4. forecast and plan sku by sku in parallel (``Pipeline``), streaming each batch to the
///    output writers;
/// 5. write summary.json, the baseline snapshot and report.html into the staging directory;
/// 6. swap the staged set in (``OutputDirectory/commit()``).
///
/// A night split across machines is this flow with a ``NightStage``: the effects and the
/// cross-series model come from `restock pool`'s file, a shard covers only its skus (and keeps
/// its forecasts in `state/shard.v1/`), the merge plans every sku from the shards' forecasts.
///
/// The caller has locked `directory` (an ``OutputDirectory`` at `outputDirectory`) and releases
/// it; logging is the caller's too (a `Logger` comes in, nothing is bootstrapped here).
package struct NightlyRun {
    /// The input directory (sales.csv and the other contract files).
    package var dataDirectory: String
    /// The output directory's path: the previous night's model state and input profile are read from it.
    package var outputDirectory: String
    /// A replay of a past night (`--as-of`): every method chosen afresh, no gate; nil = tonight.
    package var asOf: Day?
    package var config: RestockConfig
    /// "run" or "forecast" (summary.json's `command`).
    package var command: String
    /// Plan orders and transfers (`run`), or forecast only.
    package var plan: Bool
    /// Skip the gate against the previous night's inputs (``InputGate``).
    package var acceptInputChange = false
    /// A part of a night split across machines (a given pool, a shard, the merge); nil = the
    /// whole night here.
    package var stage: NightStage? = nil

    package init(dataDirectory: String, outputDirectory: String, asOf: Day?, config: RestockConfig, command: String,
                 plan: Bool, acceptInputChange: Bool = false, stage: NightStage? = nil) {
        self.dataDirectory = dataDirectory
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.config = config
        self.command = command
        self.plan = plan
        self.acceptInputChange = acceptInputChange
        self.stage = stage
    }

    package func execute(in directory: OutputDirectory, logger: Logger) throws {
        // A catalogue larger than max_series_in_memory is held in parts (``BucketedNight``);
        // false when it fits in one, then it is loaded whole below.
        if let limit = BucketedNight.limit(for: self), try BucketedNight(night: self, maxSeries: limit).execute(in: directory, logger: logger) {
            return
        }
        SeriesParallelism.begin()
        let out = outputDirectory
        var timings: [String: Double] = [:]
        let t0 = Date()
        // Taken before the load: a file changed during the run then fails the snapshot's check.
        let inputStats = BaselineSnapshot.stats(dataDirectory: dataDirectory)

        // A shard loads its own skus' series only: its memory is its part of the catalogue's.
        // Through the pool's sales index when it has one: then the shard reads only its rows.
        var (data, warnings) = try stage?.loadThroughIndex(directory: dataDirectory, requirePlanningFiles: plan,
                                                           quarantine: config.quarantine, logger: logger)
            ?? DataLoading.load(directory: dataDirectory, asOf: asOf, requirePlanningFiles: plan,
                                logger: logger, quarantine: config.quarantine, skuFilter: stage?.skuFilter)
        let loadWarnings = warnings
        timings["load"] = Date().timeIntervalSince(t0)
        logger.info("loaded", metadata: ["stage": "load", "series": "\(data.series.count)", "as_of": "\(data.asOf)",
                                         "seconds": "\(fmt(timings["load"]!))"])

        let profile = InputProfile(data)
        try check(profile, latestSalesDay: data.latestSalesDay)
        if plan {
            for w in config.policy.unmatchedRules(in: data) { logger.warning("\(w)"); warnings.append(w) }
        }

        let t1 = Date()
        let writers = try OutputWriters(directory: directory, data: data, config: config, plan: plan)
        try JSONOutput.write(profile, to: directory.stagingFile(InputProfile.relativePath))
        let progress = Progress(stage: plan ? "forecast+plan" : "forecast", total: data.series.count, unit: "series/s")
        var writeSeconds = 0.0
        // What tonight's run is: every sku, each series' method remembered from earlier nights
        // and refitted (or chosen afresh), effects pooled over tonight's series.
        var run = RunDescription(source: .fitAfresh)
        // `run` keeps a snapshot of its results for what-ifs (state/baseline.v1), with the pooled
        // effects and the cross-series model, so a what-if forecasts with the same ones.
        let recorder = plan ? try BaselineRecorder(directory: directory, data: data, writers: writers) : nil
        if recorder != nil && stage == nil {
            let t = Date()
            let shared = Pipeline(data: data, config: config, plan: plan)
            let pool = shared.effectPool()
            run.effects = .pooled(pool)
            if config.globalModel != .off { run.crossSeriesModel = shared.globalFit(pool: pool) }
            timings["effects_and_cross_series_fit"] = Date().timeIntervalSince(t)
        }
        // A replay (--as-of) chooses every method afresh, so any past night gives the same files
        // whatever the output directory held before.
        if config.reselectDays > 0 && asOf == nil {
            let (entries, warning) = ModelState.read(outputDirectory: out, data: data)
            if let warning { logger.warning("\(warning)"); warnings.append(warning) }
            if let entries { run.source = .refitRemembered(entries) }
            logger.info("model state", metadata: ["stage": "fit", "warm": "\(entries != nil)"])
        }
        // A part of a sharded night: the pool's effects and cross-series model; a shard's skus
        // only, or the shards' forecasts for the merge.
        try stage?.describe(&run, data: data, config: config, directory: directory)
        let pipeline = Pipeline(data: data, config: config, plan: plan, run: run)
        try pipeline.run(progress: progress) { batch in
            let w = Date()
            try writers.write(batch)
            try stage?.record(batch)
            writeSeconds += Date().timeIntervalSince(w)
        }
        Progress.clearLine()
        for w in writers.fallbackSummary { logger.warning("\(w)"); warnings.append(w) }
        let t2 = Date()
        try writers.close()
        timings[plan ? "forecast_and_plan" : "forecast"] = t2.timeIntervalSince(t1) - writeSeconds
        writeSeconds += Date().timeIntervalSince(t2)
        timings["write"] = writeSeconds
        logger.info("computed", metadata: ["stage": plan ? "forecast_and_plan" : "forecast",
                                           "forecast_rows": "\(writers.forecastRows)", "orders": "\(writers.orderRows)",
                                           "transfers": "\(writers.transferRows)", "exceptions": "\(writers.exceptionRows)"])
        timings["total"] = Date().timeIntervalSince(t0)
        timings["forecast_thread_seconds"] = writers.forecastThreadSeconds
        if plan {
            timings["plan_thread_seconds"] = writers.planThreadSeconds
            timings["supplier_stage"] = writers.supplierStageSeconds
        }
        let summary = Summary(command: command, data: data, config: config, writers: writers,
                              timings: timings, warnings: warnings)
        try summary.write(to: directory.stagingFile("summary.json"))
        var pool: EffectPool? = nil
        if case .pooled(let p) = run.effects { pool = p }
        try recorder?.finish(inputs: inputStats, loadWarnings: loadWarnings, config: config, pool: pool,
                              global: run.crossSeriesModel, summary: summary, output: directory)
        try summary.writeReport(writers, data: data, config: config, title: "restock \(command) — as of \(data.asOf)",
                                notes: [], to: directory.stagingFile("report.html"))
        try stage?.finish(directory: directory, data: data, config: config)
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(out)", "seconds": "\(fmt(timings["total"]!))"])
    }

    /// The checks of the night's input profile that stop a night on suspicious inputs: the
    /// freshness limit (`max_input_age_days`) and the gate against the previous night's profile
    /// in the output directory, when this night's as-of date is later; a night whose sales end
    /// before the previous night's stops too. A re-run of the same date, a replay with `--as-of`
    /// and a first night skip both. Exit 65, nothing written.
    func check(_ profile: InputProfile, latestSalesDay: Day) throws {
        guard asOf == nil else { return }
        if config.maxInputAgeDays > 0 {
            let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            let today = Day(year: now.year!, month: now.month!, day: now.day!)
            let age = latestSalesDay.distance(to: today)
            if age > config.maxInputAgeDays {
                throw RestockError.data("sales.csv ends on \(latestSalesDay), \(age) days before today (\(today)): older than max_input_age_days = \(config.maxInputAgeDays); nothing was written")
            }
        }
        guard !acceptInputChange, let previous = InputProfile.previous(outputDirectory: outputDirectory), previous.as_of != profile.as_of else {
            return
        }
        // Without --as-of the as-of date is the last sales date: an earlier one is an export
        // that ends before the one planned last night.
        let problems = previous.as_of > profile.as_of
            ? ["sales.csv ends on \(profile.last_sales_date), before the previous night's last date \(previous.last_sales_date)"]
            : config.inputGate.problems(previous: previous, current: profile)
        guard problems.isEmpty else {
            throw RestockError.data("the inputs fell from the previous night's (as of \(previous.as_of)) beyond the gate: "
                                    + problems.joined(separator: "; ")
                                    + ". Nothing was written. If the change is real, run again with --accept-input-change (thresholds: gate_max_* settings)")
        }
    }

    func fmt(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
}
