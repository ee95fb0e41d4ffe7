import Foundation
import RestockData
import RestockSettings

/// `restock merge`: the last stage of a night split across machines. Reading the shards'
/// `state/shard.v1/meta.json` (``ShardMeta``) checks them: every shard 0..<N present exactly
/// once, and all of them made as of the same day, with the same settings, from the same inputs
/// and with the same pool. Any failure is exit 64 and names what is wrong; the published output
/// set is not touched.
///
/// The night itself is then ``NightlyRun`` with the merge's ``NightStage`` (``stage(config:)``):
/// every sku is planned again from the shards' forecasts (cheap next to forecasting), the
/// cross-sku supplier stage runs over all order lines, and summary.json, report.html, the model
/// state and the what-if snapshot are made by `run`'s own code, so the merged set is byte for
/// byte the single run's (summary.json's timings apart). The data and settings are the shards'
/// (``arguments``, as the first shard's command line gave them, relative to ``resolved(_:)``).
package struct ShardMerge {
    /// The shard output directories, as given.
    package let directories: [String]
    /// Each directory's meta.json, in the same order.
    package let metas: [ShardMeta]

    /// Reads and checks the shards' meta.json files (exit 64 on any problem).
    package init(shardDirectories dirs: [String]) throws {
        guard !dirs.isEmpty else { throw RestockError.usage("merge: name the shard output directories") }
        directories = dirs
        metas = try dirs.map { try ShardMeta.read(shardDirectory: $0) }
        try ShardMerge.check(metas, directories: dirs)
    }

    /// The first shard's data and settings options (all but `--shard`, `--pool`, `--out`).
    package var arguments: [String] { metas[0].arguments }

    /// Whether the night was a replay (`--as-of` given to the shards).
    package var asOfGiven: Bool { metas[0].as_of_given }

    /// A path from the shards' options, as the shards saw it: relative ones from the directory
    /// the first shard ran in.
    package func resolved(_ path: String) -> String { path.hasPrefix("/") ? path : metas[0].directory + "/" + path }

    /// The merge's stage for ``NightlyRun``: the shards' results and their pool, once `config`
    /// (the settings resolved from ``arguments``) is checked to be the shards' (exit 64).
    package func stage(config: RestockConfig) throws -> NightStage {
        let first = metas[0]
        if config.fingerprint != first.config {
            throw RestockError.usage("merge: the settings differ from the shards' (\(config.fingerprint) vs \(first.config)); has the config file changed? nothing was written")
        }
        let results = try ShardMerge.results(directories)
        let stage = try NightStage(role: .merge(results), poolPath: directories[0] + "/" + ShardResults.directory + "/pool.json",
                                   asOfGiven: first.as_of_given)
        guard stage.poolSHA256 == first.pool_sha256 else {
            throw RestockError.usage("merge: \(directories[0])'s copy of the pool does not match its meta.json; nothing was written")
        }
        return stage
    }

    package static func check(_ metas: [ShardMeta], directories dirs: [String]) throws {
        guard let first = metas.first else { throw RestockError.usage("merge: name the shard output directories") }
        let n = first.shards
        for (m, d) in zip(metas, dirs) where m.shards != n {
            throw RestockError.usage("merge: \(d) is shard \(m.shard)/\(m.shards), \(dirs[0]) is one of \(n): the shards are not of one night")
        }
        var byIndex = [[String]](repeating: [], count: n)
        for (m, d) in zip(metas, dirs) { byIndex[m.shard].append(d) }
        let missing = byIndex.indices.filter { byIndex[$0].isEmpty }
        if !missing.isEmpty {
            throw RestockError.usage("merge: shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing; nothing was written")
        }
        if let twice = byIndex.indices.first(where: { byIndex[$0].count > 1 }) {
            throw RestockError.usage("merge: shard \(twice)/\(n) given more than once (\(byIndex[twice].joined(separator: ", "))); nothing was written")
        }
        for (m, d) in zip(metas, dirs) {
            func differ(_ what: String, _ a: String, _ b: String) -> RestockError {
                RestockError.usage("merge: \(d) and \(dirs[0]) differ in \(what) (\(a) vs \(b)); nothing was written")
            }
            if m.as_of != first.as_of { throw differ("as-of date", m.as_of, first.as_of) }
            if m.as_of_given != first.as_of_given { throw differ("--as-of", "\(m.as_of_given)", "\(first.as_of_given)") }
            if m.config != first.config { throw differ("settings", m.config, first.config) }
            if m.inputs != first.inputs {
                let files = zip(m.inputs, first.inputs).filter { $0.0 != $0.1 }.map(\.0.file)
                throw differ("input digests", files.isEmpty ? "other files" : files.joined(separator: ", "), "")
            }
            if m.pool_sha256 != first.pool_sha256 { throw differ("pool", m.pool_sha256, first.pool_sha256) }
        }
    }

    /// Every shard's results, by series (exit 64 if two shards hold the same series).
    /// The shards' files are read in parallel (one per core at a time) and joined in `dirs`
    /// order, so the first problem reported is the first shard's, as read one by one.
    package static func results(_ dirs: [String]) throws -> [String: ShardResults.Entry] {
        var read = [Result<[String: ShardResults.Entry], any Error>?](repeating: nil, count: dirs.count)
        read.withUnsafeMutableBufferPointer { slots in
            let box = UnsafeMutableBufferPointerBox(slots)
            DispatchQueue.concurrentPerform(iterations: dirs.count) { i in
                box.buffer[i] = Result { try ShardResults.read(shardDirectory: dirs[i]) }
            }
        }
        var all: [String: ShardResults.Entry] = [:]
        for slot in read {
            let r = try slot!.get()
            if all.isEmpty { all = r; continue }
            all.reserveCapacity(all.count + r.count)
            for (k, v) in r {
                guard all.updateValue(v, forKey: k) == nil else {
                    throw RestockError.usage("merge: two shards hold \(k.replacingOccurrences(of: "\u{1F}", with: " at ")); nothing was written")
                }
            }
        }
        return all
    }
}
