import Foundation
import Testing
import TestSupport

/// A night held in parts (`--max-series-in-memory`, issue 11's memory bound): the executable
/// writes the whole night's files byte for byte, whether the parts read their rows through the
/// sales index (a plain `sales.csv` grouped by sku) or stream a compressed table each.
@Suite(.serialized) struct BucketedNightEndToEndTests {
    @Test func aNightInPartsIsTheWholeNightWithTheSupplierStageOverEveryPart() throws {
        let dir = try TempDir()
        let data = try ShardedNightEndToEndTests.dataWithSupplierTerms(dir)
        let whole = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/whole"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let parts = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/parts", "--max-series-in-memory", "30"])
        #expect(parts.status == 0, "\(parts.stderr)")
        #expect(parts.stderr.contains("parts=5"), "\(parts.stderr)")
        #expect(try OutputSetFiles.differences(dir.path + "/whole", dir.path + "/parts") == [])
        let exceptions = String(decoding: try dir.read("parts/exceptions.csv"), as: UTF8.self)
        #expect(exceptions.contains("below_supplier_minimum") || exceptions.contains("supplier_multiple_unmet"))
        // The setting as an environment variable, and a part size the night fits in (held whole).
        let env = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/env"],
                                         environment: ["RESTOCK_MAX_SERIES_IN_MEMORY": "1000"])
        #expect(env.status == 0, "\(env.stderr)")
        #expect(env.stderr.contains("fits in one part"), "\(env.stderr)")
        #expect(try OutputSetFiles.differences(dir.path + "/whole", dir.path + "/env") == [])
    }

    @Test func aCompressedSalesTableIsStreamedPartByPart() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        try DataLakeInputsEndToEndTests.gzip(data + "/sales.csv")
        let whole = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/whole"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let parts = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/parts", "--max-series-in-memory", "45"])
        #expect(parts.status == 0, "\(parts.stderr)")
        #expect(parts.stderr.contains("parts=3"), "\(parts.stderr)")
        #expect(try OutputSetFiles.differences(dir.path + "/whole", dir.path + "/parts") == [])
    }

    @Test func theMergeOfAShardedNightIsHeldInPartsToo() throws {
        let dir = try TempDir()
        let data = try ShardedNightEndToEndTests.dataWithSupplierTerms(dir)
        let whole = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/whole"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let pool = try RestockProcess.run(["pool", "--data", data, "--out", dir.path + "/pool.json"])
        #expect(pool.status == 0, "\(pool.stderr)")
        for i in 0..<3 {
            let r = try RestockProcess.run(["run", "--data", data, "--shard", "\(i)/3", "--pool", dir.path + "/pool.json",
                                            "--out", dir.path + "/shard\(i)"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let shards = (0..<3).map { dir.path + "/shard\($0)" }
        let merged = try RestockProcess.run(["merge"] + shards + ["--out", dir.path + "/merged"],
                                            environment: ["RESTOCK_MAX_SERIES_IN_MEMORY": "30"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("parts=5"), "\(merged.stderr)")
        #expect(try OutputSetFiles.differences(dir.path + "/whole", dir.path + "/merged") == [])
        // A missing shard is still refused before anything is loaded.
        let missing = try RestockProcess.run(["merge"] + shards.dropLast() + ["--out", dir.path + "/merged"],
                                             environment: ["RESTOCK_MAX_SERIES_IN_MEMORY": "30"])
        #expect(missing.status == 64, "\(missing.stderr)")
    }

    @Test func aNegativePartSizeIsAUsageError() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        let r = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/out", "--max-series-in-memory=-5"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("max_series_in_memory"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/forecast.csv"))
    }
}
