import Foundation
import RestockData

/// The checks `restock merge` makes before it writes anything: every shard 0..<N present exactly
/// once, and all of them made as of the same day, with the same settings, from the same inputs
/// and with the same pool. Any failure is exit 64 and names what is wrong; the published output
/// set is not touched.
enum ShardMerge {
    static func check(_ metas: [ShardMeta], directories dirs: [String]) throws {
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
    static func results(_ dirs: [String]) throws -> [String: ShardResults.Entry] {
        var all: [String: ShardResults.Entry] = [:]
        for d in dirs {
            let r = try ShardResults.read(shardDirectory: d)
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
