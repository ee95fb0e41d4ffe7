import Testing
@testable import RestockData

/// Rows with errors set aside (``DataSetLoader/Options/quarantine``) instead of stopping the load.
@Suite("DataSetLoader: quarantine")
struct QuarantineTests {
    /// 20,000 good rows of 111 series, with three bad ones at known lines.
    static func sales(badRows: Int = 3) -> String {
        var s = "date,sku,location,quantity\n"
        for k in 0..<20_000 { s += "2024-0\(1 + k % 9)-1\(k % 10),SKU\(k % 37),S\(k % 3),\(k % 7)\n" }
        let bad = ["2024-02-30,SKU1,S1,1\n", "2024-01-01,SKU2,S1,lots\n", "2024-01-02,SKU3,S2,1,9\n"]
        for k in 0..<badRows { s += bad[k % 3] }
        return s
    }

    @Test func badRowsAreSetAsideWithLineReasonAndText() throws {
        var options = DataSetLoader.Options(requirePlanningFiles: false)
        options.quarantine = .init()
        let (data, issues) = try loadData(["sales.csv": Self.sales()], options: options)
        let d = try #require(data, "\(issues.errors)")
        #expect(d.series.count == 37 * 3)
        let rows = try #require(d.rejected["sales.csv"])
        #expect(rows.map(\.line) == [20_002, 20_003, 20_004])
        #expect(rows[0].reason == "column 'date': '2024-02-30': expected a date YYYY-MM-DD")
        #expect(rows[1].record == "2024-01-01,SKU2,S1,lots")
        #expect(rows[2].reason == "expected 4 fields as in the header, found 5")
        #expect(d.rejectedCounts == ["sales.csv": 3])
        #expect(issues.rowsRead["sales.csv"] == 20_003)   // every record after the header, bad ones too
    }

    /// Parsing in parts finds the same rows at the same whole-file lines.
    @Test func partsRejectTheSameRows() throws {
        var one = DataSetLoader.Options(requirePlanningFiles: false), many = DataSetLoader.Options(requirePlanningFiles: false, minimumPartBytes: 1 << 14)
        one.quarantine = .init()
        many.quarantine = .init()
        let files = ["sales.csv": Self.sales()]
        let (a, _) = try loadData(files, options: one), (b, _) = try loadData(files, options: many)
        let x = try #require(a), y = try #require(b)
        #expect(x.rejected == y.rejected)
        #expect(x.rejectedCounts == y.rejectedCounts)
        #expect(x.series.map { $0.history?.quantity ?? [] } == y.series.map { $0.history?.quantity ?? [] })
    }

    @Test func strictOrOverTheShareStopsTheLoad() throws {
        let (strict, _) = try loadData(["sales.csv": Self.sales()], options: .init(requirePlanningFiles: false))
        #expect(strict == nil)
        var options = DataSetLoader.Options(requirePlanningFiles: false)
        options.quarantine = .init(sales: 0.001, other: 0.01)
        // 30 bad rows of 20,030: 0.15 % > 0.1 %.
        let (over, issues) = try loadData(["sales.csv": Self.sales(badRows: 30)], options: options)
        #expect(over == nil)
        #expect(issues.overQuarantine(options.quarantine!) == ["sales.csv: 30 of 20030 rows have errors (0.15 %), above the 0.1 % that may be set aside"])
    }

    /// A duplicate key is about the file (which row is right cannot be told): never set aside.
    @Test func duplicateItemKeysStillStopTheLoad() throws {
        var files = minimalFiles
        files["items.csv"] = "sku,location,source,lead_time_days\nA,S1,SUP,3\nB,S1,SUP,2\nA,S1,SUP,4\n"
        var options = DataSetLoader.Options()
        options.quarantine = .init(sales: 1, other: 1)
        let (data, issues) = try loadData(files, options: options)
        #expect(data == nil)
        #expect(issues.errors.map(\.rejectsRow) == [false])
        // A bad lead time is one row's problem: set aside (1 of 3 rows, under a 50 % limit).
        files["items.csv"] = "sku,location,source,lead_time_days\nA,S1,SUP,3\nB,S1,SUP,2\nC,S1,SUP,-4\n"
        options.quarantine = .init(sales: 0.001, other: 0.5)
        let (kept, _) = try loadData(files, options: options)
        #expect(try #require(kept).rejected["items.csv"]?.map(\.line) == [4])
    }
}
