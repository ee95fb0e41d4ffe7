import Testing
@testable import RestockData

@Suite("closures.csv")
struct ClosuresTableTests {
    /// A location closure covers every sku there, a sku closure only that sku; closed history
    /// days are censored (not demand), a stock-out stays censored, other days are observed.
    @Test func closuresCensorTheirSeriesDays() throws {
        var files = minimalFiles
        files["closures.csv"] = "location,start_date,end_date,sku\nS1,2024-01-02,2024-01-03,\nS1,2024-01-06,2024-01-09,B\n"
        let (data, issues) = try loadData(files)
        let d = try #require(data, "\(issues.errors)")
        #expect(!issues.warnings.contains { $0.file == "closures.csv" }, "\(issues.warnings)")
        let a = try #require(d.series.first { d.skuName($0) == "A" }), b = try #require(d.series.first { d.skuName($0) == "B" })
        #expect(a.closures == [Day(year: 2024, month: 1, day: 2)...Day(year: 2024, month: 1, day: 3)])
        #expect(b.closures.count == 2)
        // A: 01-01 … 01-05; 01-02 and 01-03 closed, 01-04 a stock-out (on_hand 0).
        #expect((0..<5).map { a.isCensored($0) } == [false, true, true, true, false])
        // B: 01-03 … 01-06; 01-03 closed (location), 01-06 closed (its own closure).
        #expect((0..<4).map { b.isCensored($0) } == [true, false, false, true])
        #expect(b.isClosed(Day(year: 2024, month: 1, day: 9)) && !b.isClosed(Day(year: 2024, month: 1, day: 10)))
        #expect(d.files.contains { $0.table == .closures && $0.rows == 2 })
    }

    @Test func badRowsNameFileLineAndColumnAndUnknownPlacesWarn() throws {
        var files = minimalFiles
        files["closures.csv"] = "location,start_date,end_date\nS1,2024-01-05,2024-01-02\nS1,someday,2024-01-02\nS9,2024-01-01,2024-01-02\n"
        let (data, issues) = try loadData(files)
        #expect(data == nil)
        let messages = issues.errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("closures.csv:2:3:") && $0.contains("end_date") && $0.contains("on or after start_date 2024-01-05") })
        #expect(messages.contains { $0.hasPrefix("closures.csv:3:2:") && $0.contains("expected a date YYYY-MM-DD") })
        files["closures.csv"] = "location,start_date,end_date\nS9,2024-01-01,2024-01-02\n"
        let (ok, warned) = try loadData(files)
        #expect(ok != nil)
        #expect(warned.warnings.map(\.description).contains { $0.contains("location S9") && $0.contains("ignored") })
    }
}
