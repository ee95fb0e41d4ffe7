import Foundation
import RestockData
import RestockSettings

/// A stable 64-bit hash of names (FNV-1a over the UTF-8 bytes, then SplitMix64's finaliser so
/// that its low bits are as good as its high ones): the same on every machine, build and run,
/// and independent of the order a data set was read in (names, never interned ids).
package enum StableHash {
    package static func of(_ parts: String...) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (k, part) in parts.enumerated() {
            if k > 0 { h = (h ^ 0x1f) &* 0x0000_0100_0000_01b3 }  // unit separator between parts
            for b in part.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }
}

/// `--shard I/N`: the part of a night one process plans. A sku belongs to shard
/// `StableHash.of(sku) mod N`, with all its locations (its DC and stores, and the lanes
/// between them), so a sku's network is never split.
package struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
    package var index: Int
    package var count: Int

    package init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 0 ≤ I < N ≤ 4096 (exit 64 otherwise).
    package static func parse(_ text: String) throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 4096, i >= 0, i < n else {
            throw RestockError.usage("--shard must be I/N with 0 <= I < N <= 4096, got '\(text)'")
        }
        return ShardSpec(index: i, count: n)
    }

    package static func shard(ofSku sku: String, count: Int) -> Int { Int(StableHash.of(sku) % UInt64(count)) }

    package func keeps(sku: String) -> Bool { ShardSpec.shard(ofSku: sku, count: count) == index }

    package var description: String { "\(index)/\(count)" }
}

/// The series the promotion and event effects are pooled over: the `size` series with history
/// whose (sku, location) names hash lowest (``StableHash``), in data-set order. Chosen by name, so
/// `restock pool` and a single-machine `run` pick the same series, whatever else the data holds
/// in between or how it is split.
package enum PoolSample {
    package static func indices(_ data: DataSet, size: Int) -> [Int] {
        var keyed: [(hash: UInt64, index: Int)] = []
        keyed.reserveCapacity(data.series.count)
        for (i, s) in data.series.enumerated() where s.history != nil {
            keyed.append((StableHash.of(data.skuName(s), data.locationName(s)), i))
        }
        guard keyed.count > size else { return keyed.map(\.index) }
        keyed.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
        return keyed[..<max(0, size)].map(\.index).sorted()
    }
}
