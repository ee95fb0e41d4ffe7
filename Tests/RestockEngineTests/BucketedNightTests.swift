import Foundation
import RestockData
import RestockEngine
import Replenish
import RestockSettings
import Testing
import TestSupport

/// A night held in parts (`max_series_in_memory`, ``BucketedNight``) writes the whole night's
/// files, byte for byte: forecasts, plans, the supplier stage over every part's order lines,
/// the what-if snapshot, the report, the model state a second night reads.
@Suite struct BucketedNightTests {
    static func run(out: String, config: RestockConfig, asOf: Day? = nil, plan: Bool = true) throws {
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        defer { directory.release() }
        var night = NightlyRun(dataDirectory: NightlyRunTests.samples, outputDirectory: out, asOf: asOf, config: config,
                               command: plan ? "run" : "forecast", plan: plan)
        night.acceptInputChange = true
        try night.execute(in: directory, logger: NightlyRunTests.quietLogger)
    }

    @Test func theSamplesInPartsAreTheWholeNightTwoNightsRunning() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 21
        var parts = config
        parts.maxSeriesInMemory = 25  // 120 series with history: five parts
        // Night one, then a second night on the same output: the model state read back part by part.
        for _ in 0..<2 {
            try Self.run(out: root + "/whole", config: config)
            try Self.run(out: root + "/parts", config: parts)
            #expect(try OutputSetFiles.differences(root + "/whole", root + "/parts") == [])
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/parts/summary.json"))) as! [String: Any]
        let counts = summary["counts"] as! [String: Any]
        #expect(counts["series"] as? Int == 120)
        #expect((summary["warnings"] as! [String]).contains { $0.contains("6 series-days have more returns than sales") })
    }

    @Test func aBudgetAndAForecastOnlyNightInPartsAreTheWholeNight() throws {
        let root = try NightlyRunTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 28
        config.budget = OrderBudget(total: 2000)
        var parts = config
        parts.maxSeriesInMemory = 10
        try Self.run(out: root + "/whole", config: config, asOf: Day.parse("2024-11-20")!)
        try Self.run(out: root + "/parts", config: parts, asOf: Day.parse("2024-11-20")!)
        #expect(try OutputSetFiles.differences(root + "/whole", root + "/parts") == [])
        let exceptions = try String(contentsOfFile: root + "/parts/exceptions.csv", encoding: .utf8)
        #expect(exceptions.contains("budget_cut"))

        try Self.run(out: root + "/f-whole", config: config, plan: false)
        try Self.run(out: root + "/f-parts", config: parts, plan: false)
        #expect(try OutputSetFiles.differences(root + "/f-whole", root + "/f-parts") == [])
    }

    @Test func partsAreRunsOfWholeSkusInSkuOrder() throws {
        var options = DataSetLoader.Options()
        options.skuFilter = { _ in false }
        let names = try #require(try DataSetLoader.load(directory: NightlyRunTests.samples, options: options, issues: InputIssues()))
        let buckets = SkuBuckets(names: names, maxSeries: 25)
        #expect(buckets.seriesWithHistory.reduce(0, +) == 120)
        #expect(buckets.seriesWithHistory.allSatisfy { $0 <= 25 })
        let ordered = buckets.parts.map { $0.sorted() }
        #expect(ordered.flatMap { $0 } == names.skus.names.sorted())
        for (a, b) in zip(ordered, ordered.dropFirst()) { #expect(a.last! < b.first!) }
        // A sku with more series than the limit is a part of its own.
        let tiny = SkuBuckets(names: names, maxSeries: 1)
        #expect(tiny.parts.allSatisfy { $0.count == 1 })
    }
}
