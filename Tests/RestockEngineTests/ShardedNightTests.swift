import Foundation
import RestockData
import RestockEngine
import RestockSettings
import Testing
import TestSupport

/// A night in shards through the library, as the executable's `pool`, `run --shard` and `merge`
/// call it: ``PoolRun``, ``NightlyRun`` with a shard's ``NightStage``, ``ShardMerge``.
@Suite struct ShardedNightTests {
    static func run(out: String, config: RestockConfig, stage: NightStage?) throws {
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        defer { directory.release() }
        try NightlyRun(dataDirectory: NightlyRunTests.samples, outputDirectory: out, asOf: nil, config: config,
                       command: "run", plan: true, stage: stage)
            .execute(in: directory, logger: NightlyRunTests.quietLogger)
    }

    /// pool, then `shards` shards (each with its part of the night), each into `root`.
    static func shards(_ n: Int, root: String, config: RestockConfig) throws -> [String] {
        try PoolRun(dataDirectory: NightlyRunTests.samples, asOf: nil, config: config)
            .execute(writingTo: root + "/pool.json", logger: NightlyRunTests.quietLogger)
        return try (0..<n).map { i in
            let out = root + "/shard\(i)"
            let stage = try NightStage.forRun(shard: "\(i)/\(n)", pool: root + "/pool.json", asOfGiven: false,
                                              arguments: ["--data", NightlyRunTests.samples])
            try run(out: out, config: config, stage: stage)
            return out
        }
    }

    @Test func threeShardsMergedAreTheSingleNight() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 14
        try Self.run(out: root + "/single", config: config, stage: nil)
        let shards = try Self.shards(3, root: root, config: config)
        // Every series is in exactly one shard.
        var series = 0
        for s in shards {
            let meta = try ShardMeta.read(shardDirectory: s)
            series += meta.series
            #expect(meta.arguments == ["--data", NightlyRunTests.samples])
        }
        #expect(series == 120)

        let merge = try ShardMerge(shardDirectories: shards.reversed())
        #expect(merge.arguments == ["--data", NightlyRunTests.samples])
        try Self.run(out: root + "/merged", config: config, stage: try merge.stage(config: config))

        let single = try OutputSetFiles.files(root + "/single"), merged = try OutputSetFiles.files(root + "/merged")
        #expect(Set(single.keys) == Set(merged.keys))
        for (name, bytes) in single where name != "summary.json" {
            #expect(merged[name] == bytes, "\(name) differs")
        }
        #expect(try OutputSetFiles.summaryWithoutTimings(single["summary.json"]) == OutputSetFiles.summaryWithoutTimings(merged["summary.json"]))
    }

    @Test func aShardReadsOnlyItsOwnRowsThroughThePoolsSalesIndex() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 7
        try PoolRun(dataDirectory: NightlyRunTests.samples, asOf: nil, config: config)
            .execute(writingTo: root + "/pool.json", logger: NightlyRunTests.quietLogger)
        let index = try #require(try PoolFile.read(root + "/pool.json").sales_index)
        #expect(index.files == ["sales.csv"])
        #expect(Set(index.runs.map { index.skus[$0[0]] }).count == 30)  // the samples' rows are grouped by sku
        var seen = 0
        for i in 0..<3 {
            let stage = try NightStage.forRun(shard: "\(i)/3", pool: root + "/pool.json", asOfGiven: false, arguments: [])!
            let subset = try #require(stage.salesSubset)
            #expect(subset.skus.allSatisfy { ShardSpec.shard(ofSku: $0, count: 3) == i })
            #expect(subset.runs.allSatisfy { subset.skus.contains(index.skus[Int($0.sku)]) })
            seen += subset.skus.count
            let (data, _) = try #require(try stage.loadThroughIndex(directory: NightlyRunTests.samples, requirePlanningFiles: true,
                                                                   quarantine: config.quarantine, logger: NightlyRunTests.quietLogger))
            #expect(Set(data.series.map { data.skuName($0) }) == subset.skus)
            #expect(data.files.allSatisfy { !$0.sha256.isEmpty })
        }
        #expect(seen == index.skus.count)
        // The whole night (no shard) and a pool without the index stream the table.
        #expect(try NightStage.forRun(shard: nil, pool: root + "/pool.json", asOfGiven: false, arguments: [])!.salesSubset == nil)
    }

    /// A shard takes the pool's SHA-256 when every input shows the stamps the pool took (no
    /// input hashed once per shard), hashes them when a stamp differs, and the merge hashes
    /// them itself: a file rewritten in place with its size and time kept is refused there.
    @Test func aShardTakesThePoolsDigestsOnlyWhileTheInputsShowItsStamps() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/data"
        try FileManager.default.copyItem(atPath: NightlyRunTests.samples, toPath: data)
        var config = RestockConfig()
        config.horizon = 7
        try PoolRun(dataDirectory: data, asOf: nil, config: config).execute(writingTo: root + "/pool.json", logger: NightlyRunTests.quietLogger)
        let pool = try PoolFile.read(root + "/pool.json")
        let stamps = try #require(pool.input_stamps)
        #expect(Set(stamps.keys) == Set(pool.inputs.map(\.file)))
        let poolDigests = Dictionary(uniqueKeysWithValues: pool.inputs.map { ($0.file, $0.sha256) })
        func shardDigests() throws -> [String: String] {
            let stage = try NightStage.forRun(shard: "0/2", pool: root + "/pool.json", asOfGiven: false, arguments: [])!
            let (loaded, _) = try #require(try stage.loadThroughIndex(directory: data, requirePlanningFiles: true,
                                                                     quarantine: config.quarantine, logger: NightlyRunTests.quietLogger))
            return Dictionary(uniqueKeysWithValues: loaded.files.map { ($0.name, $0.sha256) })
        }
        #expect(try shardDigests() == poolDigests)

        // Same bytes, a new time: hashed again, the same digests.
        let inventory = data + "/inventory.csv"
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, inventory, &times, 0) == 0)
        #expect(FileStamps.stamps(ofTablesIn: data)["inventory.csv"] != stamps["inventory.csv"])
        #expect(try shardDigests() == poolDigests)

        // Other bytes of the same size under the pool's stamp: the shard trusts the stamp, the merge does not.
        var text = try String(contentsOfFile: inventory, encoding: .utf8)
        let last = try #require(text.lastIndex(where: { $0.isNumber }))
        text.replaceSubrange(last...last, with: text[last] == "1" ? "2" : "1")
        try text.write(toFile: inventory, atomically: false, encoding: .utf8)
        let recorded = try #require(stamps["inventory.csv"]?.split(separator: " ").last.flatMap { Int64($0) })
        times = [timespec(tv_sec: Int(recorded / 1_000_000_000), tv_nsec: Int(recorded % 1_000_000_000)),
                 timespec(tv_sec: Int(recorded / 1_000_000_000), tv_nsec: Int(recorded % 1_000_000_000))]
        #expect(utimensat(AT_FDCWD, inventory, &times, 0) == 0)
        #expect(try shardDigests() == poolDigests)
        var shards: [String] = []
        for i in 0..<2 {
            let out = root + "/shard\(i)"
            let stage = try NightStage.forRun(shard: "\(i)/2", pool: root + "/pool.json", asOfGiven: false, arguments: ["--data", data])
            let directory = try OutputDirectory(path: out)
            try directory.acquire()
            defer { directory.release() }
            try NightlyRun(dataDirectory: data, outputDirectory: out, asOf: nil, config: config, command: "run", plan: true, stage: stage)
                .execute(in: directory, logger: NightlyRunTests.quietLogger)
            shards.append(out)
        }
        let merge = try ShardMerge(shardDirectories: shards)
        let out = root + "/merged"
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        defer { directory.release() }
        do {
            try NightlyRun(dataDirectory: data, outputDirectory: out, asOf: nil, config: config, command: "run", plan: true,
                           stage: try merge.stage(config: config))
                .execute(in: directory, logger: NightlyRunTests.quietLogger)
            Issue.record("the merge published a night whose inventory.csv changed after the pool")
        } catch let e as RestockError {
            #expect(e.message.contains("inventory.csv"), "\(e.message)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/forecast.csv"))
    }

    @Test func theMergeRefusesAMissingShardOrOtherSettings() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 7
        let shards = try Self.shards(2, root: root, config: config)
        do {
            _ = try ShardMerge(shardDirectories: [shards[0]])
            Issue.record("a merge of one shard of two was accepted")
        } catch let e as RestockError {
            #expect(e.status == .usage)
            #expect(e.message.contains("shard 1/2 missing"), "\(e.message)")
        }
        let merge = try ShardMerge(shardDirectories: shards)
        var other = config
        other.horizon = 8
        #expect(throws: RestockError.self) { _ = try merge.stage(config: other) }
    }

    @Test func aShardIsNamedByIAndNAndNeedsAPool() throws {
        #expect(try ShardSpec.parse("2/4") == ShardSpec(index: 2, count: 4))
        for bad in ["4/4", "-1/3", "1", "a/b", "0/0", "1/5000"] {
            #expect(throws: RestockError.self) { _ = try ShardSpec.parse(bad) }
        }
        #expect(throws: RestockError.self) { _ = try NightStage.forRun(shard: "0/2", pool: nil, asOfGiven: false, arguments: []) }
        #expect(try NightStage.forRun(shard: nil, pool: nil, asOfGiven: false, arguments: []) == nil)
        // What a shard records for the merge: its data and settings options, not its part of the night.
        #expect(NightStage.settingsArguments(["restock", "run", "--data", "in", "--shard", "1/4", "--pool=p.json", "--out", "o",
                                              "--horizon", "14", "--accept-input-change"]) == ["--data", "in", "--horizon", "14"])
        // A sku's shard depends on its name only.
        #expect(ShardSpec.shard(ofSku: "SKU00001", count: 4) == ShardSpec.shard(ofSku: "SKU00001", count: 4))
    }
}
