import ArgumentParser
import Foundation
import LinearAlgebra
import Logging
import RestockData

/// `restock run`: the nightly job. Forecast every series, plan orders and transfers, write the
/// output set atomically.
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
        let spec = try shard.map(ShardSpec.parse)
        if spec != nil && pool == nil { throw RestockError.usage("--shard needs --pool FILE (made by `restock pool` from the same inputs)") }
        let stage = try pool.map { try NightStage(role: spec.map { .shard($0) } ?? .whole, poolPath: $0, asOfGiven: common.asOf != nil) }
        stage?.arguments = NightStage.settingsArguments(CommandLine.arguments)
        try NightlyJob(common: common, out: output.out, command: "run", plan: true,
                       acceptInputChange: acceptInputChange, stage: stage).execute()
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
        try NightlyJob(common: common, out: output.out, command: "forecast", plan: false,
                       acceptInputChange: acceptInputChange).execute()
    }
}

/// The shared body of `run` and `forecast`: lock, load, compute in parallel, write, swap.
struct NightlyJob {
    let common: CommonOptions
    let out: String
    let command: String
    let plan: Bool
    /// Skip the gate against the previous night's inputs (``InputGate``).
    var acceptInputChange = false
    /// A part in a night split across machines (a given pool, a shard, the merge); nil = the whole night here.
    var stage: NightStage? = nil

    func execute() throws {
        let config = try common.resolvedConfig()
        let asOf = try common.asOfDay()
        let (logger, directory) = try CommandStart.begin(config: config, out: out)
        defer { directory.release() }
        var timings: [String: Double] = [:]
        let t0 = Date()
        // Taken before the load: a file changed during the run then fails the snapshot's check.
        let inputStats = BaselineSnapshot.stats(dataDirectory: common.data)

        var (data, warnings) = try DataLoading.load(directory: common.data, asOf: asOf, requirePlanningFiles: plan,
                                                    logger: logger, quarantine: config.quarantine)
        let loadWarnings = warnings
        timings["load"] = Date().timeIntervalSince(t0)
        logger.info("loaded", metadata: ["stage": "load", "series": "\(data.series.count)", "as_of": "\(data.asOf)",
                                         "seconds": "\(fmt(timings["load"]!))"])

        let profile = try checkInputs(data, config: config)

        let t1 = Date()
        let writers = try OutputWriters(directory: directory, data: data, config: config, plan: plan)
        try JSONOutput.write(profile, to: directory.stagingFile(InputProfile.relativePath))
        let progress = Progress(stage: plan ? "forecast+plan" : "forecast", total: data.series.count, unit: "series/s")
        var writeSeconds = 0.0
        var pipeline = Pipeline(data: data, config: config, plan: plan)
        // `run` keeps a snapshot of its results for what-ifs (state/baseline.v1).
        let recorder = plan ? try BaselineRecorder(directory: directory, data: data, writers: writers) : nil
        if let stage {
            try stage.prepare(&pipeline, data: data, config: config, directory: directory)
        } else if recorder != nil {
            pipeline.pool = pipeline.effectPool()
            // The snapshot keeps the cross-series model too, so a what-if forecasts with the same one.
            if config.globalModel != .off { pipeline.global = pipeline.globalFit(pool: pipeline.pool) }
        }
        // A replay (--as-of) chooses every method afresh, so any past night gives the same files
        // whatever the output directory held before.
        if config.reselectDays > 0 && common.asOf == nil {
            let (entries, warning) = ModelState.read(outputDirectory: out, data: data)
            if let warning { logger.warning("\(warning)"); warnings.append(warning) }
            pipeline.warm = entries
            logger.info("model state", metadata: ["stage": "fit", "warm": "\(entries != nil)"])
        }
        try pipeline.run(progress: progress) { batch in
            let w = Date()
            try writers.write(batch)
            try stage?.record(batch)
            writeSeconds += Date().timeIntervalSince(w)
        }
        Progress.clearLine()
        for w in writers.fallbackWarnings { logger.warning("\(w)"); warnings.append(w) }
        if writers.fallbackCount > writers.fallbackWarnings.count {
            let more = "\(writers.fallbackCount - writers.fallbackWarnings.count) more series' forecasts replaced by the 28-day mean"
            logger.warning("\(more)")
            warnings.append(more)
        }
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
        if plan { timings["plan_thread_seconds"] = writers.planThreadSeconds }
        let summary = Summary(command: command, data: data, config: config, writers: writers,
                              timings: timings, warnings: warnings)
        try summary.write(to: directory.stagingFile("summary.json"))
        try recorder?.finish(inputs: inputStats, loadWarnings: loadWarnings, config: config, pool: pipeline.pool,
                              global: pipeline.global, summary: summary, output: directory)
        try summary.writeReport(writers, data: data, config: config, title: "restock \(command) — as of \(data.asOf)",
                                notes: [], to: directory.stagingFile("report.html"))
        try stage?.finish(directory: directory, data: data, config: config)
        try directory.commit()
        logger.info("done", metadata: ["stage": "write", "out": "\(out)", "seconds": "\(fmt(timings["total"]!))"])
    }

    /// The night's input profile, after the checks that stop a night on suspicious inputs: the
    /// freshness limit (`max_input_age_days`) and the gate against the previous night's profile
    /// in the output directory, when this night's as-of date is later; a night whose sales end
    /// before the previous night's stops too. A re-run of the same date, a replay with `--as-of`
    /// and a first night skip both. Exit 65, nothing written.
    private func checkInputs(_ data: DataSet, config: RestockConfig) throws -> InputProfile {
        let profile = InputProfile(data)
        guard common.asOf == nil else { return profile }
        if config.maxInputAgeDays > 0 {
            let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            let today = Day(year: now.year!, month: now.month!, day: now.day!)
            let age = data.latestSalesDay.distance(to: today)
            if age > config.maxInputAgeDays {
                throw RestockError.data("sales.csv ends on \(data.latestSalesDay), \(age) days before today (\(today)): older than max_input_age_days = \(config.maxInputAgeDays); nothing was written")
            }
        }
        guard !acceptInputChange, let previous = InputProfile.previous(outputDirectory: out), previous.as_of != profile.as_of else {
            return profile
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
        return profile
    }

    private func fmt(_ x: Double) -> String { String((x * 1000).rounded() / 1000) }
}
