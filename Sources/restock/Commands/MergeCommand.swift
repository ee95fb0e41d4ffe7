import ArgumentParser
import Foundation

/// `restock merge`: the last stage of a night split across machines. Checks the shards
/// (``ShardMerge``), then writes the night's output set as `run` does, through the same lock and
/// swap, from the shards' forecasts: every sku is planned again from them (cheap next to
/// forecasting), the cross-sku supplier stage runs over all order lines, and summary.json,
/// report.html, the model state and the what-if snapshot are made by `run`'s own code, so the
/// merged set is byte for byte the single run's (summary.json's timings apart). The data and
/// settings are the shards' (recorded in each shard's `state/shard.v1/meta.json`).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge the output directories of every shard of a night (run --shard I/N) into the night's output set.")

    @Argument(help: "The output directories of shards 0..N-1 (any order).")
    var shards: [String] = []
    @OptionGroup var output: OutputOptions
    @Option(help: "The data directory, when this machine sees it at another path than the shards did (its files must be the same).")
    var data: String?
    @Option(help: "Worker threads (0 = one per core).")
    var threads: Int?
    @Option(name: .customLong("log-format"), help: "Log format on stderr: plain or json.")
    var logFormat: String?
    @Option(name: .customLong("log-level"), help: "Log level: debug, info, warning or error.")
    var logLevel: String?
    @Flag(name: .customLong("accept-input-change"), help: "Go on even though the inputs fell from the previous night's beyond the gate (gate_* settings).")
    var acceptInputChange = false

    func run() throws {
        guard !shards.isEmpty else { throw RestockError.usage("merge: name the shard output directories") }
        let metas = try shards.map { try ShardMeta.read(shardDirectory: $0) }
        try ShardMerge.check(metas, directories: shards)
        let first = metas[0]
        var common: CommonOptions
        do { common = try CommonOptions.parse(first.arguments) } catch {
            throw RestockError.usage("merge: \(shards[0])'s recorded options cannot be read: \(error)")
        }
        func resolved(_ path: String) -> String { path.hasPrefix("/") ? path : first.directory + "/" + path }
        common.data = data ?? resolved(common.data)
        common.config = common.config.map(resolved)
        if let threads { common.threads = threads }
        if let logFormat { common.logFormat = logFormat }
        if let logLevel { common.logLevel = logLevel }
        let config = try common.resolvedConfig()
        if config.fingerprint != first.config {
            throw RestockError.usage("merge: the settings differ from the shards' (\(config.fingerprint) vs \(first.config)); has the config file changed? nothing was written")
        }
        let results = try ShardMerge.results(shards)
        let stage = try NightStage(role: .merge(results), poolPath: shards[0] + "/" + ShardResults.directory + "/pool.json",
                                   asOfGiven: first.as_of_given)
        guard stage.poolSHA256 == first.pool_sha256 else {
            throw RestockError.usage("merge: \(shards[0])'s copy of the pool does not match its meta.json; nothing was written")
        }
        try NightlyJob(common: common, out: output.out, command: "run", plan: true,
                       acceptInputChange: acceptInputChange, stage: stage).execute()
    }
}
