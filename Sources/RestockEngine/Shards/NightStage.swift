import Forecast
import Foundation
import Logging
import RestockData
import RestockSettings

/// How a ``NightlyRun`` takes part in a night split across machines: with a pool made once
/// (`restock pool`, ``PoolFile``) instead of pooling itself, as one shard of it
/// (`run --shard I/N`: only the skus of that shard, plus its results for the merge), or as the
/// merge (`restock merge`, ``ShardMerge``: every sku planned from the shards' forecasts and
/// written by `run`'s own writers). ``NightlyRun`` calls it at three points: when it describes
/// the run, per batch, and before the output set is swapped in.
package final class NightStage {
    package enum Role {
        /// The whole data set with a given pool.
        case whole
        case shard(ShardSpec)
        /// Every series' result from the shards, by ``ShardResults/key(sku:location:)``.
        case merge([String: ShardResults.Entry])
    }

    package let role: Role
    package let pool: PoolFile
    package let poolPath: String
    package let poolSHA256: String
    package let asOfGiven: Bool
    /// The run's data and settings options (a shard records them for the merge).
    package var arguments: [String] = []
    private var results: ShardResultsWriter?
    private var skus = 0
    private var series = 0

    package init(role: Role, poolPath: String, asOfGiven: Bool) throws {
        self.role = role
        self.poolPath = poolPath
        pool = try PoolFile.read(poolPath)
        poolSHA256 = FileFingerprints.sha256(path: poolPath) ?? ""
        self.asOfGiven = asOfGiven
    }

    /// The stage of `restock run [--shard I/N] [--pool FILE]`: nil without `--pool` (the whole
    /// night pools here); `--shard` needs `--pool` (exit 64). `arguments` are the run's data and
    /// settings options, recorded by a shard for the merge.
    package static func forRun(shard: String?, pool: String?, asOfGiven: Bool, arguments: [String]) throws -> NightStage? {
        let spec = try shard.map(ShardSpec.parse)
        guard let pool else {
            if spec != nil { throw RestockError.usage("--shard needs --pool FILE (made by `restock pool` from the same inputs)") }
            return nil
        }
        let stage = try NightStage(role: spec.map { .shard($0) } ?? .whole, poolPath: pool, asOfGiven: asOfGiven)
        stage.arguments = arguments
        return stage
    }

    /// The options of a `restock run` command line that say what data and settings the night has
    /// (a shard records them for `restock merge`): all but the subcommand, `--shard`, `--pool`,
    /// `--out` and `--accept-input-change`.
    package static func settingsArguments(_ argv: [String]) -> [String] {
        var args = Array(argv.dropFirst())
        if let run = args.firstIndex(of: "run") { args.removeFirst(run + 1) }
        var out: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if ["--shard", "--pool", "--out"].contains(a) { i += 2; continue }
            if a.hasPrefix("--shard=") || a.hasPrefix("--pool=") || a.hasPrefix("--out=") || a == "--accept-input-change" { i += 1; continue }
            out.append(a)
            i += 1
        }
        return out
    }

    /// The merge's recorded forecasts by ``ShardResults/key(sku:location:)``; nil for another role.
    package var mergedForecasts: [String: ShardResults.Entry]? {
        guard case .merge(let entries) = role else { return nil }
        return entries
    }

    /// Which skus the night loads: a shard its own (``ShardSpec/keeps(sku:)``), so it holds
    /// only their histories; nil = every sku (the whole night, the merge).
    package var skuFilter: (@Sendable (String) -> Bool)? {
        guard case .shard(let spec) = role else { return nil }
        return { spec.keeps(sku: $0) }
    }

    /// A shard's skus and where their rows lie, when the pool carries the sales index
    /// (``PoolFile/sales_index``): the shard then reads only its own rows
    /// (``DataSetLoader/Options/only``) instead of streaming the whole table; nil otherwise.
    package var salesSubset: DataSetLoader.Subset? {
        guard case .shard(let spec) = role, let index = pool.sales_index else { return nil }
        let mine = index.skus.map { spec.keeps(sku: $0) }
        var runs: [SalesRun] = []
        for r in index.runs where r.count == 5 && r[0] >= 0 && r[0] < mine.count && mine[r[0]] && r[2] <= r[3] {
            runs.append(SalesRun(sku: Int32(r[0]), part: r[1], range: r[2]..<r[3], file: r[4]))
        }
        let skus = Set(index.skus.indices.lazy.filter { mine[$0] }.map { index.skus[$0] })
        return DataSetLoader.Subset(skus: skus, runs: runs, files: index.files, locations: pool.locations)
    }

    /// Loads a shard's part of the night through the pool's sales index (``salesSubset``) as of
    /// the pool's date. What a partial read does not take from the files it takes here: every
    /// input's SHA-256 (the pool's when every file shows the stamps the pool took before reading
    /// it, ``PoolFile/input_stamps``; else computed now, so the pool's check of the inputs is
    /// real), and the files' rows as the pool counted them. Nil when the shard streams the whole table.
    package func loadThroughIndex(directory: String, requirePlanningFiles: Bool, quarantine: InputIssues.Quarantine?,
                                  logger: Logger) throws -> (DataSet, [String])? {
        guard let subset = salesSubset, let asOf = Day.parse(pool.as_of) else { return nil }
        // The index is only good for the files the pool was made from: any other (or a file
        // more or less) streams the whole table, and the pool's check then names the difference.
        var sources: [TableSource] = []
        for t in ContractTable.allCases { if case .found(let s) = InputLayout.lookup(t, in: directory) { sources.append(s) } }
        // The pool's digests when every input shows the stamps the pool took (``PoolFile/input_stamps``), else hashed now.
        let digests = pool.input_stamps == FileStamps.stamps(of: sources)
            ? Dictionary(pool.inputs.map { ($0.file, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            : FileFingerprints(sources: sources).wait()
        guard digests.count == pool.inputs.count, pool.inputs.allSatisfy({ digests[$0.file] == $0.sha256 && !$0.sha256.isEmpty }) else {
            return nil
        }
        var (data, warnings) = try DataLoading.load(directory: directory, asOf: asOf, requirePlanningFiles: requirePlanningFiles,
                                                    logger: logger, only: subset, fingerprints: false, quarantine: quarantine)
        let rows = Dictionary(pool.inputs.map { ($0.file, $0.rows) }, uniquingKeysWith: { a, _ in a })
        for i in data.files.indices {
            data.files[i].sha256 = digests[data.files[i].name] ?? ""
            if let r = rows[data.files[i].name] { data.files[i].rows = r }
        }
        for w in warnings { logger.warning("\(w)") }
        return (data, warnings)
    }

    /// Gives `run` the pool's effects and cross-series model, and its part of the night: a
    /// shard covers only its skus, the merge takes every series' forecast from the shards.
    package func describe(_ run: inout RunDescription, data: DataSet, config: RestockConfig, directory: OutputDirectory) throws {
        if let why = pool.mismatch(data: data, config: config) {
            throw RestockError.usage("the pool \(poolPath) does not fit this night: \(why); make it again with `restock pool` on the same inputs and settings")
        }
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        run.effects = .pooled(try pool.effectPool(calendar: calendar, data: data))
        run.crossSeriesModel = config.globalModel == .off ? nil : try pool.globalModel()
        switch role {
        case .whole:
            break
        case .shard(let spec):
            let keep = data.skus.names.map { spec.keeps(sku: $0) }
            var mine = Set<Int32>()
            for r in data.skuRanges where keep[Int(data.series[r.lowerBound].key.sku)] {
                mine.insert(data.series[r.lowerBound].key.sku)
                skus += 1
                series += r.count
            }
            run.coverage = .only(mine)
            results = try ShardResultsWriter(directory: directory, data: data)
            try FileManager.default.copyItem(atPath: poolPath, toPath: directory.stagingFile(ShardResults.directory + "/pool.json"))
        case .merge(let entries):
            var recorded: [RunDescription.RecordedForecast] = []
            recorded.reserveCapacity(data.series.count)
            for s in data.series {
                guard let e = entries[ShardResults.key(sku: data.skuName(s), location: data.locationName(s))] else {
                    throw RestockError.usage("no shard holds \(data.skuName(s)) at \(data.locationName(s)): the shards were not made from these inputs")
                }
                recorded.append(e)
            }
            guard entries.count == data.series.count else {
                throw RestockError.usage("the shards hold \(entries.count) series, the inputs \(data.series.count): they were not made from these inputs")
            }
            run.source = .recorded(recorded)
            run.coverage = .everySku
        }
    }

    /// A batch of results, as the pipeline hands them on.
    package func record(_ batch: [SkuResult]) throws {
        try results?.record(batch)
    }

    /// Completes what the stage adds to the output set (a shard's `state/shard.v1/`).
    package func finish(directory: OutputDirectory, data: DataSet, config: RestockConfig) throws {
        guard case .shard(let spec) = role, let results else { return }
        try results.close()
        let meta = ShardMeta(version: ShardMeta.currentVersion, shard: spec.index, shards: spec.count, as_of: "\(data.asOf)",
                             as_of_given: asOfGiven, config: config.fingerprint, inputs: PoolFile.inputs(of: data),
                             pool_sha256: poolSHA256, skus: skus, series: series, arguments: arguments,
                             directory: FileManager.default.currentDirectoryPath)
        try JSONOutput.write(meta, to: directory.stagingFile(ShardResults.metaFile))
    }
}
