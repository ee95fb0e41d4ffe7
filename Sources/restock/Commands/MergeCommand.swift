import ArgumentParser
import Foundation

/// `restock merge`: the last stage of a night split across machines. Checks the shards
/// (``ShardMerge``), then writes the night's output set as `run` does, through the same lock and
/// swap, from the shards' forecasts: every sku is planned again from them (cheap next to
/// forecasting), the cross-sku supplier stage runs over all order lines, and summary.json,
/// report.html, the model state and the what-if snapshot are made by `run`'s own code, so the
/// merged set is byte for byte the single run's (summary.json's timings apart).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge the output directories of every shard of a night (run --shard I/N) into the night's output set.")

    @Argument(help: "The output directories of shards 0..N-1 (any order).")
    var shards: [String] = []
    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("accept-input-change"), help: "Go on even though the inputs fell from the previous night's beyond the gate (gate_* settings).")
    var acceptInputChange = false

    func run() throws {
        guard !shards.isEmpty else { throw RestockError.usage("merge: name the shard output directories") }
        let metas = try shards.map { try ShardMeta.read(shardDirectory: $0) }
        try ShardMerge.check(metas, directories: shards)
        var common = self.common
        if let given = common.asOf, given != metas[0].as_of {
            throw RestockError.usage("merge: --as-of \(given), but the shards are as of \(metas[0].as_of); nothing was written")
        }
        if metas[0].as_of_given { common.asOf = metas[0].as_of }
        let config = try common.resolvedConfig()
        if config.fingerprint != metas[0].config {
            throw RestockError.usage("merge: the settings differ from the shards' (\(config.fingerprint) vs \(metas[0].config)); give merge the shards' --config and options; nothing was written")
        }
        let results = try ShardMerge.results(shards)
        let stage = try NightStage(role: .merge(results), poolPath: shards[0] + "/" + ShardResults.directory + "/pool.json",
                                   asOfGiven: metas[0].as_of_given)
        guard stage.poolSHA256 == metas[0].pool_sha256 else {
            throw RestockError.usage("merge: \(shards[0])'s copy of the pool does not match its meta.json; nothing was written")
        }
        try NightlyJob(common: common, out: output.out, command: "run", plan: true,
                       acceptInputChange: acceptInputChange, stage: stage).execute()
    }
}
