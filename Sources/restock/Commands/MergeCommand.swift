import ArgumentParser
import RestockEngine
import RestockSettings

/// `restock merge`: the last stage of a night split across machines. The engine's
/// ``ShardMerge`` checks the shards; the night is then `run`'s (``NightlyRun`` with the merge's
/// stage) on the data and settings the shards recorded, so the merged set is the single run's.
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
        let merge = try ShardMerge(shardDirectories: shards)
        // The shards' own data and settings options, paths as the first shard saw them.
        var common: CommonOptions
        do { common = try CommonOptions.parse(merge.arguments) } catch {
            throw RestockError.usage("merge: \(shards[0])'s recorded options cannot be read: \(error)")
        }
        common.data = data ?? merge.resolved(common.data)
        common.config = common.config.map(merge.resolved)
        if let threads { common.threads = threads }
        if let logFormat { common.logFormat = logFormat }
        if let logLevel { common.logLevel = logLevel }
        let stage = try merge.stage(config: try common.resolvedConfig())
        try NightlyCommand.run(common: common, out: output.out, command: "run", plan: true, acceptInputChange: acceptInputChange,
                               stage: stage)
    }
}
