import Testing
@testable import RestockData

/// The sales index (``SalesRun``) a full load records, and loading only some skus through it:
/// their histories must come out bit for bit as in the full load, however the file is ordered
/// and split into parts.
@Suite("Sales index and partial loads")
struct SalesIndexTests {
    enum Order { case bySku, byLocation, byDay }

    /// Sales of `skus` skus at 3 locations over 60 days, fractional quantities, some days twice;
    /// grouped by sku, by location then sku, or interleaved day by day.
    static func sales(skus: Int, order: Order) -> String {
        var rows: [(sku: Int, loc: Int, day: Int, line: String)] = []
        var seed: UInt64 = 7
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        for sku in 0..<skus {
            for loc in 0..<3 {
                for day in 0..<60 where next() % 5 != 0 {
                    let copies = next() % 4 == 0 ? 2 : 1
                    for _ in 0..<copies {
                        let q = Double(next() % 1000) / 7.0
                        let d = Day(year: 2024, month: 1, day: 1).adding(day)
                        rows.append((sku, loc, day, "\(d),SKU\(sku),L\(loc),\(q),\(next() % 50),\(Double(next() % 900) / 100)"))
                    }
                }
            }
        }
        switch order {
        case .bySku: break
        case .byLocation: rows.sort { ($0.loc, $0.sku, $0.day) < ($1.loc, $1.sku, $1.day) }
        case .byDay: rows.sort { ($0.day, $0.loc, $0.sku) < ($1.day, $1.loc, $1.sku) }
        }
        return "date,sku,location,quantity,on_hand,price\n" + rows.map(\.line).joined(separator: "\n") + "\n"
    }

    func check(order: Order, partBytes: Int) throws {
        try withTempDir { dir in
            _ = try dir.write("sales.csv", SalesIndexTests.sales(skus: 40, order: order))
            _ = try dir.write("items.csv", "sku,location,source,lead_time_days\n" + (0..<40).map { "SKU\($0),L0,SUP,3" }.joined(separator: "\n") + "\n")
            _ = try dir.write("inventory.csv", "sku,location,on_hand\n" + (0..<40).map { "SKU\($0),L1,5" }.joined(separator: "\n") + "\n")
            let asOf = Day(year: 2024, month: 2, day: 20)
            var options = DataSetLoader.Options(asOf: asOf, minimumPartBytes: partBytes)
            let full = try #require(try DataSetLoader.load(directory: dir.path, options: options, issues: InputIssues()))
            // Rows by day: too scattered to be worth an index.
            guard order != .byDay else { #expect(full.salesRuns == nil); return }
            let runs = try #require(full.salesRuns)
            #expect(Set(runs.map(\.sku)).count == 40)
            #expect(runs.count <= (order == .bySku ? 40 : 120) + 16)
            let wanted: Set<String> = ["SKU0", "SKU17", "SKU18", "SKU39"]
            let mine = runs.filter { wanted.contains(full.skus[$0.sku]) }
            options.only = .init(skus: wanted, runs: mine, files: full.salesFiles, locations: full.locations.names)
            let part = try #require(try DataSetLoader.load(directory: dir.path, options: options, issues: InputIssues()))
            let expected = full.series.filter { wanted.contains(full.skuName($0)) }
            #expect(part.series.count == expected.count)
            for (a, b) in zip(expected, part.series) {
                #expect(full.skuName(a) == part.skuName(b) && full.locationName(a) == part.locationName(b))
                #expect(a.history?.firstDay == b.history?.firstDay)
                #expect(a.history?.quantity.map(\.bitPattern) == b.history?.quantity.map(\.bitPattern))
                #expect(a.history?.onHand.map(\.bitPattern) == b.history?.onHand.map(\.bitPattern))
                #expect(a.history?.price.map(\.bitPattern) == b.history?.price.map(\.bitPattern))
                #expect(a.item?.leadTimeDays == b.item?.leadTimeDays)
                #expect(a.inventory?.onHand == b.inventory?.onHand)
            }
        }
    }

    @Test func aFileGroupedBySkuInOnePart() throws { try check(order: .bySku, partBytes: 32 << 20) }
    @Test func aFileGroupedBySkuInManyParts() throws { try check(order: .bySku, partBytes: 1 << 12) }
    @Test func aFileGroupedByLocationInManyParts() throws { try check(order: .byLocation, partBytes: 1 << 12) }
    @Test func aFileSortedByDayIsNotIndexed() throws { try check(order: .byDay, partBytes: 1 << 12) }

    @Test func runsCoverTheRowsExactly() throws {
        try withTempDir { dir in
            let text = "\u{FEFF}date,sku,location,quantity\r\n2024-01-01,A,S,1\r\n\r\n2024-01-02,A,S,2\r\n2024-01-01,\"B,x\",S,3\r\n2024-01-03,A,S,4"
            _ = try dir.write("sales.csv", text)
            let data = try #require(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: InputIssues()))
            let runs = try #require(data.salesRuns)
            let bytes = Array(text.utf8)
            func slice(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
            #expect(runs.map { data.skus[$0.sku] } == ["A", "B,x", "A"])
            #expect(slice(0..<runs[0].range.lowerBound).hasSuffix("quantity\r"))  // a CR LF record ends at its CR
            #expect(data.salesFiles == ["sales.csv"] && runs.allSatisfy { $0.file == 0 })
            #expect(slice(runs[1].range).hasPrefix("\n2024-01-01,\"B,x\"") || slice(runs[1].range).hasPrefix("2024-01-01,\"B,x\""))
            #expect(runs[2].range.upperBound == bytes.count)
            #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
        }
    }
}
