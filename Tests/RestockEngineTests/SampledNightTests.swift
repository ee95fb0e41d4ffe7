import Foundation
import Forecast
import RestockData
@testable import RestockEngine
import RestockSettings
import Testing

/// `restock pool` loads only the samples' skus (``SampledNight``): on a night of more series than
/// both samples, it must choose the very series a full load chooses — the effect pool's
/// lowest-hash sample and the cross-series model's every-k-th — know the night's earliest
/// history day, and pool the same effects.
@Suite struct SampledNightTests {
    /// 4,000 skus at one store (more series than both samples, and more skus than they cover
    /// together), 90 days; some series start late, one only after the as-of date; promotions on
    /// some skus.
    static func write(_ root: String) throws -> String {
        let dir = root + "/night"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let first = Day(year: 2024, month: 1, day: 1)
        var sales = "date,sku,location,quantity\n", items = "sku,location,source,lead_time_days,category\n"
        var inventory = "sku,location,on_hand\n", promotions = "sku,location,start_date,end_date,promo_type\n"
        var seed: UInt64 = 11
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for k in 0..<4000 {
            let sku = "P\(String(k * 7919 % 10007, radix: 36))-\(k)"
            for (l, loc) in ["S1"].enumerated() {
                let start = k == 5 ? 91 : (k % 9 == 0 ? 40 + l : 0)
                for d in start..<91 where next() % 3 != 0 {
                    sales += "\(first.adding(d)),\(sku),\(loc),\(Double(next() % 40) / 4)\n"
                }
                items += "\(sku),\(loc),SUP,\(l + 10),\(k % 4 == 0 ? "a" : "b")\n"
                inventory += "\(sku),\(loc),\(next() % 20)\n"
            }
            if k % 5 == 0 { promotions += "\(sku),,\(first.adding(20 + k % 50)),\(first.adding(26 + k % 50)),bogo\n" }
        }
        try sales.write(toFile: dir + "/sales.csv", atomically: true, encoding: .utf8)
        try items.write(toFile: dir + "/items.csv", atomically: true, encoding: .utf8)
        try inventory.write(toFile: dir + "/inventory.csv", atomically: true, encoding: .utf8)
        try promotions.write(toFile: dir + "/promotions.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theSamplesOfTheSampledNightAreTheFullLoads() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = try Self.write(root)
        var config = RestockConfig()
        config.horizon = 14
        config.globalModel = .off
        let asOf = Day(year: 2024, month: 3, day: 31)
        let (full, _) = try DataLoading.load(directory: dir, asOf: asOf, requirePlanningFiles: true,
                                             logger: NightlyRunTests.quietLogger, quarantine: nil)
        let (part, whole) = try SampledNight.load(directory: dir, asOf: asOf, config: config, logger: NightlyRunTests.quietLogger)
        #expect(full.series.filter { $0.history != nil }.count > SeriesCalendar.globalSample)
        #expect(part.series.count < full.series.count)
        func names(_ d: DataSet, _ ix: [Int]) -> [String] { ix.map { d.skuName(d.series[$0]) + "@" + d.locationName(d.series[$0]) } }

        let fullCalendar = SeriesCalendar(data: full, horizon: config.horizon)
        var partCalendar = SeriesCalendar(data: part, horizon: config.horizon)
        partCalendar.wholeNight = whole
        #expect(names(part, PoolSample.indices(part, size: Pipeline.poolSample)) == names(full, PoolSample.indices(full, size: Pipeline.poolSample)))
        #expect(names(part, partCalendar.globalSampleIndices) == names(full, fullCalendar.globalSampleIndices))
        #expect(whole.earliestHistoryDay == full.series.compactMap { $0.history?.firstDay }.min())
        #expect(partCalendar.calibrationCuts == fullCalendar.calibrationCuts)

        // The same effects, category by category and location by location (by name).
        let a = Pipeline(data: full, config: config, plan: true).effectPool(fullCalendar).parts
        let b = Pipeline(data: part, config: config, plan: true).effectPool(partCalendar).parts
        #expect(a.sum.map(\.bitPattern) == b.sum.map(\.bitPattern) && a.weight.map(\.bitPattern) == b.weight.map(\.bitPattern))
        for (g, name) in fullCalendar.categories.enumerated() {
            let h = try #require(partCalendar.categories.firstIndex(of: name))
            #expect(a.categorySum[g].map(\.bitPattern) == b.categorySum[h].map(\.bitPattern))
        }
        #expect(full.locations.names == part.locations.names)
        #expect(a.locationSum.map { $0.map(\.bitPattern) } == b.locationSum.map { $0.map(\.bitPattern) })
    }
}
