import Testing
@testable import RestockData

/// Loads a data directory made of `files` (name → contents, written verbatim).
func loadData(_ files: [String: String], options: DataSetLoader.Options = .init()) throws -> (DataSet?, InputIssues) {
    try withTempDir { dir in
        for (name, text) in files { try dir.write(name, text) }
        let issues = InputIssues()
        let data = try DataSetLoader.load(directory: dir.path, options: options, issues: issues)
        return (data, issues)
    }
}

/// A valid minimal data set: two series (A@S1, B@S1), items and inventory for both.
let minimalFiles: [String: String] = [
    "sales.csv": """
        date,sku,location,quantity,on_hand
        2024-01-01,A,S1,5,10
        2024-01-02,A,S1,3,7
        2024-01-02,A,S1,2,6
        2024-01-04,A,S1,4,0
        2024-01-05,A,S1,-3,3
        2024-01-03,B,S1,1,9
        2024-01-06,B,S1,2,8

        """,
    "items.csv": "sku,location,source,lead_time_days\nA,S1,SUP,3\nB,S1,SUP,2\n",
    "inventory.csv": "sku,location,on_hand\nA,S1,3\nB,S1,8\n",
]

@Suite("DataSetLoader: valid inputs")
struct DataSetLoaderTests {
    @Test func minimalSetLoads() throws {
        let (data, issues) = try loadData(minimalFiles)
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.series.count == 2)
        #expect(d.asOf.description == "2024-01-06")  // the last sales date
        let a = d.series[0], b = d.series[1]
        #expect(d.skuName(a) == "A" && d.locationName(a) == "S1")
        #expect(d.skuName(b) == "B")
        let h = try #require(a.history)
        #expect(h.firstDay.description == "2024-01-01")
        // Jan 2 rows summed (3+2); Jan 3 has no row (0); Jan 5 net -3 floored to 0; cut at as-of Jan 6.
        #expect(h.quantity == [5, 5, 0, 4, 0, 0])
        #expect(h.count == 6)
        #expect(h.isStockout(3))  // on_hand 0 on Jan 4
        #expect(!h.isStockout(0))
        #expect(!h.isStockout(2))  // no row: on_hand unknown (NaN), not a stock-out
        #expect(h.onHand[1] == 6)  // the later duplicate row's on_hand wins
        #expect(h.onHand[2].isNaN)
        #expect(h.price.isEmpty)
        let hb = try #require(b.history)
        #expect(hb.firstDay.description == "2024-01-03")
        #expect(hb.quantity == [1, 0, 0, 2])
        // The negative day is reported as a warning naming the series and day.
        let negative = issues.warnings.filter { $0.file == "sales.csv" && $0.message.contains("net below zero") }
        #expect(negative.count == 1)
        #expect(negative.first?.message.contains("2024-01-05") == true)
        #expect(a.item?.source == "SUP" && a.item?.leadTimeDays == 3)
        #expect(a.item?.orderMultiple == 1 && a.item?.moq == 0 && a.item?.serviceLevel == nil)
        #expect(a.inventory == InventoryRecord(onHand: 3, allocated: 0))
        #expect(d.rowsAfterAsOf == 0)
        #expect(d.files.map(\.table) == [.sales, .inventory, .items])
        #expect(d.files[0].rows == 7)
        #expect(d.files.allSatisfy { $0.sha256.count == 64 })
        #expect(d.skuRanges == [0..<1, 1..<2])
    }

    @Test func asOfCutsLaterRows() throws {
        let (data, issues) = try loadData(minimalFiles, options: .init(asOf: Day.parse("2024-01-04")))
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.asOf.description == "2024-01-04")
        #expect(d.series[0].history?.quantity == [5, 5, 0, 4])
        #expect(d.series[1].history?.quantity == [1, 0])
        // The Jan 5 (-3) row is after as-of: no negative-day warning.
        #expect(!issues.warnings.contains { $0.message.contains("net below zero") })
    }

    /// An as-of date after the last sale would read the missing days as zero demand (a late
    /// export): it is an error naming the last sales date.
    @Test func asOfAfterTheLastSaleIsAnError() throws {
        let (data, issues) = try loadData(minimalFiles, options: .init(asOf: Day.parse("2024-01-08")))
        #expect(data == nil)
        #expect(issues.errors.contains { $0.file == "sales.csv" && $0.message.contains("before the as-of date 2024-01-08") })
    }

    @Test func rowsAfterAsOfCountsRows() throws {
        // as-of Jan 1: sales rows after it are on Jan 3 and Jan 6 (2 rows, 6 days apart), plus two on Jan 6 for C.
        let files: [String: String] = [
            "sales.csv": "date,sku,location,quantity\n2024-01-01,A,S1,1\n2024-01-03,A,S1,1\n2024-01-06,A,S1,1\n2024-01-06,C,S1,1\n2024-01-06,C,S1,1\n",
        ]
        let (data, issues) = try loadData(files, options: .init(asOf: Day.parse("2024-01-01"), requirePlanningFiles: false))
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.series.map { d.skuName($0) } == ["A"])  // C has no sale on or before as-of and no items row
        #expect(d.rowsAfterAsOf == 4)
    }

    /// A literal quote in an unquoted sku upsets the partition's quote parity; the loader must
    /// notice the misplaced split and parse the file as one part, giving the same data set.
    @Test func partitionFallbackOnLiteralQuote() throws {
        var sales = "date,sku,location,quantity\n2024-01-01,12\" pipe,S1,1\n"
        var i = 0
        while sales.utf8.count < 400_000 {
            i += 1
            sales += "2024-01-0\(1 + i % 9),\"SKU\nline \(i % 50)\",S1,\(i % 5)\n"
        }
        let files = ["sales.csv": sales]
        let (one, issuesOne) = try loadData(files, options: .init(requirePlanningFiles: false))
        let (many, issuesMany) = try loadData(files, options: .init(requirePlanningFiles: false,
                                                                   minimumPartBytes: 1 << 14))
        #expect(issuesOne.errors == [] && issuesMany.errors == [])
        let a = try #require(one), b = try #require(many)
        #expect(a.series.count == 51)
        #expect(a.series.map { a.skuName($0) } == b.series.map { b.skuName($0) })
        #expect(a.series.map { $0.history?.quantity ?? [] } == b.series.map { $0.history?.quantity ?? [] })
    }

    /// Without literal quotes, parsing in parts gives exactly the single-part result, and errors
    /// in later parts carry their line in the whole file.
    @Test func partsMergeInFileOrderWithWholeFileLineNumbers() throws {
        var sales = "date,sku,location,quantity\n"
        for k in 0..<20_000 { sales += "2024-0\(1 + k % 9)-1\(k % 10),SKU\(k % 37),\"S,\(k % 3)\",\(k % 7)\n" }
        sales += "2024-02-30,SKU1,S1,1\n"  // line 20,002
        let files = ["sales.csv": sales]
        let (_, issuesOne) = try loadData(files, options: .init(requirePlanningFiles: false))
        let (_, issuesMany) = try loadData(files, options: .init(requirePlanningFiles: false,
                                                                minimumPartBytes: 1 << 14))
        #expect(issuesOne.errors.map(\.line) == [20_002])
        #expect(issuesMany.errors.map(\.line) == [20_002])
        var good = files
        good["sales.csv"] = String(sales.dropLast("2024-02-30,SKU1,S1,1\n".count))
        let (a, _) = try loadData(good, options: .init(requirePlanningFiles: false))
        let (b, _) = try loadData(good, options: .init(requirePlanningFiles: false, minimumPartBytes: 1 << 14))
        let x = try #require(a), y = try #require(b)
        #expect(x.series.count == 37 * 3)
        #expect(x.series.map { x.skuName($0) + "|" + x.locationName($0) } == y.series.map { y.skuName($0) + "|" + y.locationName($0) })
        #expect(x.series.map { $0.history?.quantity ?? [] } == y.series.map { $0.history?.quantity ?? [] })
    }

    @Test func bomCRLFAndQuotedAwkwardSku() throws {
        let sales = "\u{FEFF}date,sku,location,quantity\r\n2024-01-01,\"SKU, \"\"special\"\"\",S1,4\r\n2024-01-02,\"SKU, \"\"special\"\"\",S1,6\r\n"
        let (data, issues) = try loadData([
            "sales.csv": sales,
            "items.csv": "sku,location,source,lead_time_days\r\n\"SKU, \"\"special\"\"\",S1,SUP,1\r\n",
            "inventory.csv": "sku,location,on_hand\r\n\"SKU, \"\"special\"\"\",S1,2\r\n",
        ])
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.series.count == 1)
        #expect(d.skuName(d.series[0]) == "SKU, \"special\"")
        #expect(d.series[0].history?.quantity == [4, 6])
        #expect(d.series[0].item != nil)
        #expect(d.series[0].inventory?.onHand == 2)
    }

    @Test func optionalFilesAndSourceChain() throws {
        var files = minimalFiles
        files["items.csv"] = "sku,location,source,lead_time_days,service_level,order_multiple,moq,max_units,review_days\nA,S1,DC,1,0.9,6,12,100,2\nA,DC,SUP,7,,,,,\nB,S1,SUP,2,,,,,\n"
        files["lanes.csv"] = "from_location,to_location,lead_time_days\nDC,S1,1\n"
        files["promotions.csv"] = "sku,location,start_date,end_date,promo_type,discount_pct\nA,,2024-01-02,2024-01-03,bogo,50\n"
        files["events.csv"] = "date,event\n2024-01-05,holiday\n2024-01-02,payday\n"
        files["open_orders.csv"] = "sku,location,quantity,due_date,kind\nA,S1,24,2024-01-09,PO\nA,S1,12,2024-01-08,\n"
        let (data, issues) = try loadData(files)
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.series.map { "\(d.skuName($0))@\(d.locationName($0))" } == ["A@DC", "A@S1", "B@S1"])
        let a = d.series[1]
        #expect(a.item?.serviceLevel == 0.9 && a.item?.orderMultiple == 6 && a.item?.moq == 12)
        #expect(a.item?.maxUnits == 100 && a.item?.reviewDays == 2)
        #expect(d.sourceLocation(of: a.item!) == d.series[0].key.location)
        #expect(d.sourceLocation(of: d.series[0].item!) == nil)  // SUP is a supplier
        #expect(d.series[0].history == nil)  // DC has no sales
        #expect(a.openOrders.map(\.quantity) == [12, 24])  // sorted by due day
        #expect(a.openOrders.last?.kind == .po)
        #expect(d.lanes.count == 1 && d.lanes[0].leadTimeDays == 1)
        #expect(d.promotions.count == 1 && d.promotions[0].location == nil && d.promotions[0].discountPercent == 50)
        #expect(d.events.map(\.day.description) == ["2024-01-02", "2024-01-05"])
    }

    /// Real exports have promotions priced above the regular price (a negative discount): valid;
    /// a blank discount is unknown; −100 or less (a negative price) is still an error naming the
    /// file, line and column.
    @Test func negativeAndBlankDiscountsAreValidPromotions() throws {
        var files = minimalFiles
        files["promotions.csv"] = "sku,location,start_date,end_date,promo_type,discount_pct\nA,,2024-01-02,2024-01-03,feature,-12.5\nA,,2024-01-05,2024-01-06,display,\n"
        let (data, issues) = try loadData(files)
        #expect(issues.errors == [])
        let d = try #require(data)
        #expect(d.promotions.map(\.discountPercent) == [-12.5, nil])
        files["promotions.csv"] = "sku,location,start_date,end_date,promo_type,discount_pct\nA,,2024-01-02,2024-01-03,feature,-100\n"
        let (_, bad) = try loadData(files)
        #expect(bad.errors.count == 1)
        #expect(bad.errors.first.map { "\($0)".contains("promotions.csv") && "\($0)".contains("-100 < d < 100") } == true, "\(bad.errors)")
    }
}
