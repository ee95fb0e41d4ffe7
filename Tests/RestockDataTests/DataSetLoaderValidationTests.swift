import Testing
@testable import RestockData

/// Each broken input is reported as an error naming the file, the line and (for a field) the column.
@Suite("DataSetLoader: invalid inputs")
struct DataSetLoaderValidationTests {
    /// `minimalFiles` with `name` replaced by `text`; returns the load result and its errors.
    private func errors(replacing name: String, with text: String) throws -> (DataSet?, [InputIssue]) {
        var files = minimalFiles
        files[name] = text
        let (data, issues) = try loadData(files)
        #expect(issues.errorCount == issues.errors.count)
        return (data, issues.errors)
    }

    private let salesHeader = "date,sku,location,quantity\n"

    @Test func badDate() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: salesHeader + "2024-01-01,A,S1,1\n2024-02-30,A,S1,1\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv")
        #expect(e.first?.line == 3)
        #expect(e.first?.column == 1)
        #expect(e.first?.columnName == "date")
        #expect(e.first?.value == "2024-02-30")
        #expect(e.first?.description.hasPrefix("sales.csv:3:1: error: column 'date': '2024-02-30': ") == true)
    }

    @Test(arguments: ["abc", "NaN", "inf", "-inf", "nan", "1,5", ""])
    func badQuantity(text: String) throws {
        let field = text.contains(",") ? "\"\(text)\"" : text
        let (data, e) = try errors(replacing: "sales.csv", with: salesHeader + "2024-01-01,A,S1,1\n2024-01-02,A,S1,\(field)\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv")
        #expect(e.first?.line == 3)
        #expect(e.first?.column == 4)
        #expect(e.first?.columnName == "quantity")
        #expect(e.first?.value == text)
    }

    @Test func missingRequiredColumn() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: "date,sku,location\n2024-01-01,A,S1\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv")
        #expect(e.first?.line == 1)
        #expect(e.first?.message.contains("'quantity'") == true)
    }

    @Test func duplicateHeaderColumn() throws {
        let (_, e) = try errors(replacing: "inventory.csv", with: "sku,location,on_hand,SKU\nA,S1,1,A\n")
        #expect(e.count == 1)
        #expect(e.first?.file == "inventory.csv")
        #expect(e.first?.column == 4)
        #expect(e.first?.columnName == "sku")
    }

    @Test func promotionEndsBeforeStart() throws {
        var files = minimalFiles
        files["promotions.csv"] = "sku,location,start_date,end_date,promo_type\nA,S1,2024-01-05,2024-01-05,x\nA,S1,2024-01-05,2024-01-04,x\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(issues.errors.count == 1)
        let e = issues.errors.first
        #expect(e?.file == "promotions.csv" && e?.line == 3 && e?.columnName == "end_date")
    }

    @Test(arguments: ["1.5", "0", "1", "-0.2", "x"])
    func serviceLevelOutsideOpenUnitInterval(text: String) throws {
        let (data, e) = try errors(replacing: "items.csv",
                                   with: "sku,location,source,lead_time_days,service_level\nA,S1,SUP,3,0.95\nB,S1,SUP,2,\(text)\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "items.csv")
        #expect(e.first?.line == 3)
        #expect(e.first?.column == 5)
        #expect(e.first?.columnName == "service_level")
        #expect(e.first?.value == text)
    }

    @Test func duplicateItemsRow() throws {
        let (data, e) = try errors(replacing: "items.csv",
                                   with: "sku,location,source,lead_time_days\nA,S1,SUP,3\nB,S1,SUP,2\n A ,S1,SUP,4\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "items.csv")
        #expect(e.first?.line == 4)
        #expect(e.first?.message.contains("line 2") == true)
    }

    @Test func duplicateInventoryRow() throws {
        let (data, e) = try errors(replacing: "inventory.csv", with: "sku,location,on_hand\nA,S1,3\nB,S1,8\nA,S1,5\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "inventory.csv")
        #expect(e.first?.line == 4)
        #expect(e.first?.message.contains("line 2") == true)
    }

    @Test func laneNamingUnknownLocation() throws {
        var files = minimalFiles
        files["lanes.csv"] = "from_location,to_location,lead_time_days\nS1,NOWHERE,2\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(issues.errors.count == 1)
        let e = issues.errors.first
        #expect(e?.file == "lanes.csv" && e?.line == 2 && e?.columnName == "to_location" && e?.value == "NOWHERE")
    }

    @Test func sourceLocationWithoutItemsRow() throws {
        // B@S1 is supplied from DC, a location (it appears in inventory.csv) with no items row for B.
        var files = minimalFiles
        files["inventory.csv"] = "sku,location,on_hand\nA,S1,3\nB,S1,8\nA,DC,100\n"
        files["items.csv"] = "sku,location,source,lead_time_days\nA,S1,SUP,3\nB,S1,DC,2\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(issues.errors.count == 1)
        let e = issues.errors.first
        #expect(e?.file == "items.csv" && e?.line == 3 && e?.columnName == "source" && e?.value == "DC")
    }

    @Test func sourceChainLoop() throws {
        var files = minimalFiles
        files["items.csv"] = "sku,location,source,lead_time_days\nA,S1,DC,3\nA,DC,S1,2\nB,S1,SUP,2\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(issues.errors.count == 2)  // both rows of the loop
        #expect(issues.errors.allSatisfy { $0.file == "items.csv" && $0.message.contains("loops") })
        #expect(issues.errors.map(\.line) == [2, 3])
    }

    @Test func invalidUTF8InSku() throws {
        var files = minimalFiles
        files["sales.csv"] = nil
        try withTempDir { dir in
            for (name, text) in files { try dir.write(name, text) }
            try dir.write("sales.csv", bytes: Array((salesHeader + "2024-01-01,A,S1,1\n2024-01-02,").utf8) + [0x41, 0xFF, 0xFE]
                          + Array(",S1,1\n".utf8))
            let issues = InputIssues()
            let data = try DataSetLoader.load(directory: dir.path, options: .init(), issues: issues)
            #expect(data == nil)
            #expect(issues.errors.count == 1)
            let e = issues.errors.first
            #expect(e?.file == "sales.csv" && e?.line == 3 && e?.columnName == "sku")
            #expect(e?.message.contains("UTF-8") == true)
        }
    }

    @Test func invalidUTF8InItemsSku() throws {
        var files = minimalFiles
        files["items.csv"] = nil
        try withTempDir { dir in
            for (name, text) in files { try dir.write(name, text) }
            try dir.write("items.csv", bytes: Array("sku,location,source,lead_time_days\n".utf8) + [0xC0, 0x80]
                          + Array(",S1,SUP,1\n".utf8))
            let issues = InputIssues()
            #expect(try DataSetLoader.load(directory: dir.path, options: .init(), issues: issues) == nil)
            #expect(issues.errors.map(\.line) == [2])
            #expect(issues.errors.first?.columnName == "sku")
        }
    }

    @Test func emptySalesFile() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: "")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv")
        #expect(e.first?.line == 1)
    }

    @Test func headerOnlySalesFile() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: salesHeader)
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv")
    }

    @Test func wrongFieldCount() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: salesHeader + "2024-01-01,A,S1,1\n2024-01-02,A,S1\n2024-01-03,A,S1,1,9\n")
        #expect(data == nil)
        #expect(e.map(\.line) == [3, 4])
        #expect(e.allSatisfy { $0.file == "sales.csv" && $0.message.contains("expected 4 fields") })
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let sales = salesHeader + """
            2024-01-01,A,S1,1
            2024-13-01,A,S1,1
            2024-01-02,A,S1,1
            2024-01-03,A,S1,lots
            "2024-01-04",A,S1,"multi
            line"
            2024-01-05,,S1,1

            """
        var files = minimalFiles
        files["sales.csv"] = sales
        files["inventory.csv"] = "sku,location,on_hand\nA,S1,x\nB,S1,8\nB,S1,9\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        let salesErrors = issues.errors.filter { $0.file == "sales.csv" }
        #expect(salesErrors.map(\.line) == [3, 5, 6, 8])
        #expect(salesErrors.map(\.columnName) == ["date", "quantity", "quantity", "sku"])
        let inventoryErrors = issues.errors.filter { $0.file == "inventory.csv" }
        #expect(inventoryErrors.map(\.line) == [2, 4])
        #expect(issues.errorCount == 6)
    }

    @Test func csvSyntaxErrorIsReportedWithLineAndColumn() throws {
        let (data, e) = try errors(replacing: "sales.csv", with: salesHeader + "2024-01-01,A,S1,1\n2024-01-02,\"A\"B,S1,1\n")
        #expect(data == nil)
        #expect(e.count == 1)
        #expect(e.first?.file == "sales.csv" && e.first?.line == 3 && e.first?.column == 2)
    }

    @Test func missingPlanningFiles() throws {
        var files = minimalFiles
        files["items.csv"] = nil
        files["inventory.csv"] = nil
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(Set(issues.errors.map(\.file)) == ["items.csv", "inventory.csv"])
        let (forecastOnly, issues2) = try loadData(files, options: .init(requirePlanningFiles: false))
        #expect(issues2.errors == [])
        #expect(forecastOnly?.series.count == 2)
    }

    @Test func missingSalesAndNotADirectory() throws {
        var files = minimalFiles
        files["sales.csv"] = nil
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        #expect(issues.errors.map(\.file) == ["sales.csv"])
        let i2 = InputIssues()
        #expect(try DataSetLoader.load(directory: "/nonexistent-restock-dir", options: .init(), issues: i2) == nil)
        #expect(i2.errorCount == 1)
    }

    @Test func asOfBeforeFirstSale() throws {
        let (data, issues) = try loadData(minimalFiles, options: .init(asOf: Day.parse("2023-12-31")))
        #expect(data == nil)
        #expect(issues.errors.count == 1)
        #expect(issues.errors.first?.file == "sales.csv")
    }
}
