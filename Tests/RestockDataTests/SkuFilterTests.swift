import Foundation
import Testing
@testable import RestockData

/// A load that keeps only some skus (``DataSetLoader/Options/skuFilter``, what a shard loads):
/// split into K buckets by a hash of the sku's name, the buckets' series together must be the
/// full load's, each bit for bit (histories, items, stock, open orders, closures), with the
/// same interned names and file facts, whatever the bucket count and however the sales file is
/// ordered and split into parts; and a bucket must hold no other sku's days.
@Suite("Loads of some skus by a filter")
struct SkuFilterTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/retail").path

    /// FNV-1a of the name, mod `count`: any stable split will do.
    static func bucket(of sku: String, count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in sku.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return Int(h % UInt64(count))
    }

    func check(directory: String, asOf: Day?, partBytes: Int, buckets: Int) throws {
        var options = DataSetLoader.Options(asOf: asOf, minimumPartBytes: partBytes)
        let full = try #require(try DataSetLoader.load(directory: directory, options: options, issues: InputIssues()))
        var seen = 0
        for b in 0..<buckets {
            options.skuFilter = { SkuFilterTests.bucket(of: $0, count: buckets) == b }
            let issues = InputIssues()
            let part = try #require(try DataSetLoader.load(directory: directory, options: options, issues: issues))
            #expect(!issues.hasErrors)
            // The same night: as-of, names in the same order, file facts and the sales index.
            #expect(part.asOf == full.asOf && part.latestSalesDay == full.latestSalesDay && part.rowsAfterAsOf == full.rowsAfterAsOf)
            #expect(part.skus.names == full.skus.names && part.locations.names == full.locations.names)
            #expect(part.promotionTypes.names == full.promotionTypes.names && part.eventNames.names == full.eventNames.names)
            #expect(part.files.map(\.rows) == full.files.map(\.rows) && part.files.map(\.sha256) == full.files.map(\.sha256))
            #expect(part.salesRuns == full.salesRuns && part.salesFiles == full.salesFiles)
            #expect(part.lanes.count == full.lanes.count && part.promotions.count == full.promotions.count)
            // This bucket's series, as the full load has them; nothing of any other sku.
            let expected = full.series.filter { SkuFilterTests.bucket(of: full.skuName($0), count: buckets) == b }
            #expect(part.series.count == expected.count)
            #expect(part.series.allSatisfy { SkuFilterTests.bucket(of: part.skuName($0), count: buckets) == b })
            for (a, c) in zip(expected, part.series) {
                #expect(full.skuName(a) == part.skuName(c) && full.locationName(a) == part.locationName(c))
                #expect(a.history?.firstDay == c.history?.firstDay)
                #expect(a.history?.quantity.map(\.bitPattern) == c.history?.quantity.map(\.bitPattern))
                #expect(a.history?.onHand.map(\.bitPattern) == c.history?.onHand.map(\.bitPattern))
                #expect(a.history?.price.map(\.bitPattern) == c.history?.price.map(\.bitPattern))
                #expect(a.item == c.item && a.inventory == c.inventory && a.openOrders == c.openOrders)
                #expect(a.closures == c.closures)
            }
            seen += part.series.count
        }
        #expect(seen == full.series.count)
    }

    @Test(arguments: [1, 3, 7])
    func theSamplesInBuckets(buckets: Int) throws {
        try check(directory: SkuFilterTests.samples, asOf: nil, partBytes: 32 << 20, buckets: buckets)
        try check(directory: SkuFilterTests.samples, asOf: nil, partBytes: 1 << 14, buckets: buckets)
    }

    @Test(arguments: [SalesIndexTests.Order.bySku, .byDay])
    func aGeneratedFileInManyParts(order: SalesIndexTests.Order) throws {
        try withTempDir { dir in
            _ = try dir.write("sales.csv", SalesIndexTests.sales(skus: 40, order: order))
            // Items for skus without sales too, stock, an open order and closures by sku and by location.
            _ = try dir.write("items.csv", "sku,location,source,lead_time_days\n"
                              + (0..<44).map { "SKU\($0),L0,SUP,3" }.joined(separator: "\n") + "\n")
            _ = try dir.write("inventory.csv", "sku,location,on_hand\n" + (0..<40).map { "SKU\($0),L1,5" }.joined(separator: "\n") + "\n")
            _ = try dir.write("open_orders.csv", "sku,location,quantity,due_date\nSKU3,L0,7,2024-02-25\nSKU41,L0,2,2024-02-24\n")
            _ = try dir.write("closures.csv", "location,sku,start_date,end_date\nL2,,2024-01-10,2024-01-12\nL1,SKU5,2024-02-01,2024-02-03\n")
            for buckets in [1, 3, 7] {
                try check(directory: dir.path, asOf: Day(year: 2024, month: 2, day: 20), partBytes: 1 << 12, buckets: buckets)
            }
        }
    }

    /// A bucket that keeps no sku still loads (the night's facts, no series).
    @Test func aFilterKeepingNothing() throws {
        var options = DataSetLoader.Options(minimumPartBytes: 1 << 14)
        let full = try #require(try DataSetLoader.load(directory: SkuFilterTests.samples, options: options, issues: InputIssues()))
        options.skuFilter = { _ in false }
        let none = try #require(try DataSetLoader.load(directory: SkuFilterTests.samples, options: options, issues: InputIssues()))
        #expect(none.series.isEmpty && none.asOf == full.asOf && none.skus.names == full.skus.names)
    }
}
