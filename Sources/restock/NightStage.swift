import Foundation
import Forecast
import RestockData

/// How a `run` takes part in a night split across machines: with a pool made once
/// (`restock pool`, ``PoolFile``) instead of pooling itself, as one shard of it
/// (`run --shard I/N`: only the skus of that shard, plus its results for the merge), or as the
/// merge (`restock merge`: every sku planned from the shards' forecasts and written by `run`'s
/// own writers). ``NightlyJob`` calls it at three points: before the pipeline runs, per batch,
/// and before the output set is swapped in.
final class NightStage {
    enum Role {
        /// The whole data set with a given pool.
        case whole
        case shard(ShardSpec)
        /// Every series' result from the shards, by ``ShardResults/key(sku:location:)``.
        case merge([String: ShardResults.Entry])
    }

    let role: Role
    let pool: PoolFile
    let poolPath: String
    let poolSHA256: String
    let asOfGiven: Bool
    /// The run's data and settings options (a shard records them for the merge).
    var arguments: [String] = []
    private var results: ShardResultsWriter?
    private var skus = 0
    private var series = 0

    init(role: Role, poolPath: String, asOfGiven: Bool) throws {
        self.role = role
        self.poolPath = poolPath
        pool = try PoolFile.read(poolPath)
        poolSHA256 = FileFingerprints.sha256(path: poolPath) ?? ""
        self.asOfGiven = asOfGiven
    }

    /// Gives `pipeline` the pool's effects and cross-series model, and its part of the night.
    func prepare(_ pipeline: inout Pipeline, data: DataSet, config: RestockConfig, directory: OutputDirectory) throws {
        if let why = pool.mismatch(data: data, config: config) {
            throw RestockError.usage("the pool \(poolPath) does not fit this night: \(why); make it again with `restock pool` on the same inputs and settings")
        }
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        pipeline.pool = try pool.effectPool(calendar: calendar, data: data)
        pipeline.global = config.globalModel == .off ? nil : try pool.globalModel()
        switch role {
        case .whole:
            break
        case .shard(let spec):
            let keep = data.skus.names.map { spec.keeps(sku: $0) }
            pipeline.skip = { range in !keep[Int(data.series[range.lowerBound].key.sku)] }
            for r in data.skuRanges where keep[Int(data.series[r.lowerBound].key.sku)] {
                skus += 1
                series += r.count
            }
            results = try ShardResultsWriter(directory: directory, data: data)
            try FileManager.default.copyItem(atPath: poolPath, toPath: directory.stagingFile(ShardResults.directory + "/pool.json"))
        case .merge(let entries):
            var given = [DemandForecast?](repeating: nil, count: data.series.count)
            var chosen = [Day](repeating: data.asOf, count: data.series.count)
            var fallback = [String?](repeating: nil, count: data.series.count)
            for (i, s) in data.series.enumerated() {
                guard let e = entries[ShardResults.key(sku: data.skuName(s), location: data.locationName(s))] else {
                    throw RestockError.usage("no shard holds \(data.skuName(s)) at \(data.locationName(s)): the shards were not made from these inputs")
                }
                given[i] = e.forecast
                chosen[i] = e.chosenOn
                fallback[i] = e.fallback
            }
            guard entries.count == data.series.count else {
                throw RestockError.usage("the shards hold \(entries.count) series, the inputs \(data.series.count): they were not made from these inputs")
            }
            pipeline.givenForecasts = given
            let base = pipeline, chosenOn = chosen, fallbacks = fallback
            pipeline.reuse = { range in
                var r = base.work(range, calendar: calendar, pool: nil)
                r.chosenOn = Array(chosenOn[range])
                if fallbacks[range].contains(where: { $0 != nil }) { r.fallbacks = Array(fallbacks[range]) }
                return r
            }
        }
    }

    /// The options of a `restock run` command line that say what data and settings the night has:
    /// all but the subcommand, `--shard`, `--pool`, `--out` and `--accept-input-change`.
    static func settingsArguments(_ argv: [String]) -> [String] {
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

    /// A batch of results, as the pipeline hands them on.
    func record(_ batch: [SkuResult]) throws {
        try results?.record(batch)
    }

    /// Completes what the stage adds to the output set (a shard's `state/shard.v1/`).
    func finish(directory: OutputDirectory, data: DataSet, config: RestockConfig) throws {
        guard case .shard(let spec) = role, let results else { return }
        try results.close()
        let meta = ShardMeta(version: ShardMeta.currentVersion, shard: spec.index, shards: spec.count, as_of: "\(data.asOf)",
                             as_of_given: asOfGiven, config: config.fingerprint, inputs: PoolFile.inputs(of: data),
                             pool_sha256: poolSHA256, skus: skus, series: series, arguments: arguments,
                             directory: FileManager.default.currentDirectoryPath)
        try JSONOutput.write(meta, to: directory.stagingFile(ShardResults.metaFile))
    }
}
