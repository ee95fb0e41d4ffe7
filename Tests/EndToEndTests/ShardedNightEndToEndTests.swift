import Foundation
import Testing
import TestSupport

/// A night split across machines (issue 11): `restock pool`, `run --shard I/N --pool FILE` and
/// `restock merge` give the single run's files byte for byte, and the merge refuses shards that
/// are incomplete or not of one night without touching the published set.
@Suite(.serialized) struct ShardedNightEndToEndTests {
    /// The samples with purchase-order terms, so the merge's cross-sku supplier stage has work.
    static func dataWithSupplierTerms(_ dir: TempDir) throws -> String {
        let data = try dir.copySamples()
        try dir.write("data/suppliers.csv", "supplier,order_days,allows_expedite,min_order_value,min_order_units,order_multiple_units\n"
                      + "SUP-A,\"mon,thu\",true,5000,,\nSUP-B,tue,true,,400,24\n")
        return data
    }

    static func shardedNight(data: String, dir: TempDir, shards n: Int, extra: [String] = []) throws -> String {
        let pool = dir.path + "/pool.json"
        let p = try RestockProcess.run(["pool", "--data", data, "--out", pool] + extra)
        #expect(p.status == 0, "\(p.stderr)")
        var outs: [String] = []
        for i in 0..<n {
            let out = dir.path + "/shard\(i)"
            let r = try RestockProcess.run(["run", "--data", data, "--shard", "\(i)/\(n)", "--pool", pool, "--out", out] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            outs.append(out)
        }
        let merged = dir.path + "/merged"
        // Shards in any order; the data and settings are the shards'.
        let m = try RestockProcess.run(["merge"] + outs.reversed() + ["--out", merged])
        #expect(m.status == 0, "\(m.stderr)")
        return merged
    }

    @Test func fourShardsMergedAreTheSingleRunByteForByte() throws {
        let dir = try TempDir()
        let data = try Self.dataWithSupplierTerms(dir)
        let single = dir.path + "/single"
        let r = try RestockProcess.run(["run", "--data", data, "--out", single])
        #expect(r.status == 0, "\(r.stderr)")
        let merged = try Self.shardedNight(data: data, dir: dir, shards: 4)
        let a = try OutputSetFiles.files(single), b = try OutputSetFiles.files(merged)
        #expect(Set(a.keys) == Set(b.keys))
        #expect(a.keys.contains("report.html") && a.keys.contains("state/baseline.v1/meta.json") && a.keys.contains("state/models.v1.csv"))
        for (name, bytes) in a where name != "summary.json" {
            #expect(b[name] == bytes, "\(name) differs")
        }
        #expect(try OutputSetFiles.summaryWithoutTimings(a["summary.json"]!) == OutputSetFiles.summaryWithoutTimings(b["summary.json"]!))
        // The supplier stage ran over the whole night in the merge.
        let exceptions = String(decoding: b["exceptions.csv"]!, as: UTF8.self)
        #expect(exceptions.contains("below_supplier_minimum") || exceptions.contains("supplier_multiple_unmet"))
        // Every sku is in exactly one shard, whole: its locations all there.
        var skusSeen: [String: Int] = [:]
        for i in 0..<4 {
            let rows = parseCSV(String(decoding: try dir.read("shard\(i)/state/shard.v1/results.csv"), as: UTF8.self)).dropFirst()
            for sku in Set(rows.map { $0[0] }) { skusSeen[sku, default: 0] += 1 }
        }
        let singleRows = parseCSV(String(decoding: a["forecast.csv"]!, as: UTF8.self)).dropFirst()
        #expect(Set(skusSeen.keys) == Set(singleRows.map { $0[0] }))
        #expect(skusSeen.values.allSatisfy { $0 == 1 })
    }

    @Test func aReplayShardedAsOfAnEarlierDateIsTheSingleReplay() throws {
        let dir = try TempDir()
        let data = RestockProcess.samples
        let single = dir.path + "/single"
        #expect(try RestockProcess.run(["run", "--data", data, "--out", single, "--as-of", "2024-11-30", "--horizon", "21"]).status == 0)
        let merged = try Self.shardedNight(data: data, dir: dir, shards: 3, extra: ["--as-of", "2024-11-30", "--horizon", "21"])
        let a = try OutputSetFiles.files(single), b = try OutputSetFiles.files(merged)
        #expect(Set(a.keys) == Set(b.keys))
        for (name, bytes) in a where name != "summary.json" { #expect(b[name] == bytes, "\(name) differs") }
    }

    @Test func mergeRefusesAMissingOrDoubledShardAndLeavesThePublishedSetAlone() throws {
        let dir = try TempDir()
        let data = RestockProcess.samples
        let pool = dir.path + "/pool.json"
        #expect(try RestockProcess.run(["pool", "--data", data, "--out", pool]).status == 0)
        for i in 0..<4 {
            let r = try RestockProcess.run(["run", "--data", data, "--shard", "\(i)/4", "--pool", pool, "--out", dir.path + "/shard\(i)"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let out = dir.path + "/night"
        #expect(try RestockProcess.run(["run", "--data", data, "--out", out]).status == 0)
        let before = try OutputSetFiles.files(out)
        let missing = try RestockProcess.run(["merge", dir.path + "/shard0", dir.path + "/shard1", dir.path + "/shard3",
                                              "--data", data, "--out", out])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("2/4 missing"), "\(missing.stderr)")
        let doubled = try RestockProcess.run(["merge", dir.path + "/shard0", dir.path + "/shard1", dir.path + "/shard2",
                                              dir.path + "/shard3", dir.path + "/shard1", "--data", data, "--out", out])
        #expect(doubled.status == 64)
        #expect(doubled.stderr.contains("1/4 given more than once"), "\(doubled.stderr)")
        // A shard killed before its swap leaves no output set: it counts as missing.
        let notShard = try RestockProcess.run(["merge", dir.path + "/shard0", dir.path + "/nothing", "--data", data, "--out", out])
        #expect(notShard.status == 64)
        #expect(try OutputSetFiles.files(out) == before)
    }

    @Test func mergeRefusesShardsOfAnotherDateOrOtherSettings() throws {
        let dir = try TempDir()
        let data = RestockProcess.samples
        #expect(try RestockProcess.run(["pool", "--data", data, "--out", dir.path + "/pool.json"]).status == 0)
        #expect(try RestockProcess.run(["pool", "--data", data, "--out", dir.path + "/pool-early.json", "--as-of", "2024-12-01"]).status == 0)
        for i in 0..<2 {
            #expect(try RestockProcess.run(["run", "--data", data, "--shard", "\(i)/2", "--pool", dir.path + "/pool.json",
                                            "--out", dir.path + "/s\(i)"]).status == 0)
        }
        let early = try RestockProcess.run(["run", "--data", data, "--shard", "1/2", "--pool", dir.path + "/pool-early.json",
                                            "--out", dir.path + "/early1", "--as-of", "2024-12-01"])
        #expect(early.status == 0, "\(early.stderr)")
        let out = dir.path + "/night"
        let mixed = try RestockProcess.run(["merge", dir.path + "/s0", dir.path + "/early1", "--data", data, "--out", out])
        #expect(mixed.status == 64)
        #expect(mixed.stderr.contains("as-of"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try RestockProcess.run(["pool", "--data", data, "--out", dir.path + "/pool-14.json", "--horizon", "14"]).status == 0)
        #expect(try RestockProcess.run(["run", "--data", data, "--shard", "1/2", "--pool", dir.path + "/pool-14.json",
                                        "--out", dir.path + "/h14", "--horizon", "14"]).status == 0)
        let settings = try RestockProcess.run(["merge", dir.path + "/s0", dir.path + "/h14", "--out", out])
        #expect(settings.status == 64)
        #expect(settings.stderr.contains("settings"), "\(settings.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // A shard given a pool made with other settings refuses it.
        let wrongPool = try RestockProcess.run(["run", "--data", data, "--shard", "1/2", "--pool", dir.path + "/pool.json",
                                                "--out", dir.path + "/h14b", "--horizon", "14"])
        #expect(wrongPool.status == 64)
        #expect(wrongPool.stderr.contains("other settings"), "\(wrongPool.stderr)")
        // The data directory may be given when the merge sees it elsewhere; its files must be the same.
        #expect(try RestockProcess.run(["merge", dir.path + "/s0", dir.path + "/s1", "--data", data, "--out", out]).status == 0)
    }

    @Test func aShardRefusesAPoolOfOtherInputsAndBadShardSpecs() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        #expect(try RestockProcess.run(["pool", "--data", data, "--out", dir.path + "/pool.json"]).status == 0)
        for spec in ["4/4", "-1/4", "1", "a/b", "0/0"] {
            let r = try RestockProcess.run(["run", "--data", data, "--shard", spec, "--pool", dir.path + "/pool.json", "--out", dir.path + "/o"])
            #expect(r.status == 64, "\(spec): \(r.stderr)")
        }
        let noPool = try RestockProcess.run(["run", "--data", data, "--shard", "0/2", "--out", dir.path + "/o"])
        #expect(noPool.status == 64)
        #expect(noPool.stderr.contains("--pool"))
        // The inputs change after the pool was made (same rows, CRLF line ends): the pool no longer fits.
        let inventory = data + "/inventory.csv"
        let text = try String(contentsOfFile: inventory, encoding: .utf8)
        try Data((text.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: URL(fileURLWithPath: inventory))
        let stale = try RestockProcess.run(["run", "--data", data, "--shard", "0/2", "--pool", dir.path + "/pool.json", "--out", dir.path + "/o"])
        #expect(stale.status == 64)
        #expect(stale.stderr.contains("inventory.csv"), "\(stale.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/o"))
    }
}

/// A night of more series than the pool samples (2,000), with promotions, events and categories,
/// so the pool's hashed sample and its per-category and per-location priors matter: shards still
/// give the single run's files, and each sku is in the shard its name's stable hash names.
@Suite(.serialized) struct ShardedNightOfManySeriesEndToEndTests {
    /// FNV-1a 64 over the UTF-8 bytes, then SplitMix64's finaliser: the contract's shard hash.
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// 750 skus × (DC + 2 stores) = 2,250 series, 150 days, a weekly pattern, promotions on every
    /// fifth sku, one event a month; deterministic.
    static func write(_ dir: TempDir) throws -> String {
        var sales = "date,sku,location,quantity,on_hand\n", items = "sku,location,source,lead_time_days,service_level,unit_cost,category\n"
        var inventory = "sku,location,on_hand\n", promotions = "sku,location,start_date,end_date,promo_type,discount_pct\n"
        var state: UInt64 = 11
        func next() -> Double {
            state = state &+ 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        let start = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2024, month: 3, day: 1).date!
        let fmt = DateFormatter()
        fmt.dateFormat = "yyyy-MM-dd"
        fmt.timeZone = TimeZone(identifier: "UTC")
        let days = (0..<150).map { fmt.string(from: start.addingTimeInterval(Double($0) * 86400)) }
        for k in 0..<750 {
            let sku = "P\(String(format: "%04d", (k * 7919) % 10007))"
            let category = ["food", "home", "toys"][k % 3]
            let promo = k % 5 == 0 ? 60 + k % 40 : -1
            if promo >= 0 { promotions += "\(sku),,\(days[promo]),\(days[promo + 6]),discount,\(10 + k % 30)\n" }
            for (l, loc) in ["DC", "S1", "S2"].enumerated() {
                let level = (0.5 + Double(k % 13)) * (l == 0 ? 2 : 1)
                for (t, day) in days.enumerated() {
                    var mean = level * (t % 7 >= 5 ? 1.4 : 1) * (t % 30 == 0 ? 1.8 : 1)
                    if promo >= 0 && t >= promo && t <= promo + 6 { mean *= 2.2 }
                    let q = Int((mean * (0.5 + next())).rounded(.down))
                    if q > 0 || t % 3 == 0 { sales += "\(day),\(sku),\(loc),\(q),\(5 + k % 9)\n" }
                }
                items += "\(sku),\(loc),\(l == 0 ? "SUP\(k % 4)" : "DC"),\(l == 0 ? 10 : 2),0.95,\(1 + k % 17),\(category)\n"
                inventory += "\(sku),\(loc),\(3 + (k + l) % 11)\n"
            }
        }
        let events = "date,event\n" + stride(from: 10, to: 150, by: 30).map { "\(days[$0]),payday" }.joined(separator: "\n") + "\n"
        try dir.write("many/sales.csv", sales)
        try dir.write("many/items.csv", items)
        try dir.write("many/inventory.csv", inventory)
        try dir.write("many/promotions.csv", promotions)
        try dir.write("many/events.csv", events)
        try dir.write("many/lanes.csv", "from_location,to_location,lead_time_days\nS1,S2,1\n")
        return dir.path + "/many"
    }

    @Test func threeShardsOfMoreSeriesThanThePoolSamplesAreTheSingleRun() throws {
        let dir = try TempDir()
        let data = try Self.write(dir)
        let options = ["--horizon", "14", "--global-model", "off"]
        let single = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/single"] + options)
        #expect(single.status == 0, "\(single.stderr)")
        let merged = try ShardedNightEndToEndTests.shardedNight(data: data, dir: dir, shards: 3, extra: options)
        let a = try OutputSetFiles.files(dir.path + "/single"), b = try OutputSetFiles.files(merged)
        #expect(Set(a.keys) == Set(b.keys))
        for (name, bytes) in a where name != "summary.json" { #expect(b[name] == bytes, "\(name) differs") }
        let forecast = parseCSV(String(decoding: a["forecast.csv"]!, as: UTF8.self))
        #expect(Set(forecast.dropFirst().map { $0[0] + "@" + $0[1] }).count == 2250)
        #expect(forecast.dropFirst().contains { $0.last!.contains("+reg") }, "no series used the pooled effects")
        for i in 0..<3 {
            let rows = parseCSV(String(decoding: try dir.read("shard\(i)/state/shard.v1/results.csv"), as: UTF8.self)).dropFirst()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { Int(Self.stableHash($0[0]) % 3) == i })
        }
    }
}
