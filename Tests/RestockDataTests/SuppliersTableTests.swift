import Testing
@testable import RestockData

@Suite("suppliers.csv")
struct SuppliersTableTests {
    let monThu = SupplierCalendar(name: "S", orderWeekdays: SupplierCalendar.weekdays("mon,thu")!)
    // 2024-12-30 is a Monday.
    let monday = Day(year: 2024, month: 12, day: 30)

    @Test func weekdayNames() {
        #expect(SupplierCalendar.weekdays("mon,thu") == 0b0001001)
        #expect(SupplierCalendar.weekdays(" Monday ; FRI ") == 0b0010001)
        #expect(SupplierCalendar.weekdays("sun") == 0b1000000)
        #expect(SupplierCalendar.weekdays("mon,funday") == nil)
        #expect(SupplierCalendar.weekdays("") == nil)
    }

    /// Order days → the wait to the next one and the protection gap after it (hand-computed).
    @Test func waitsAndGaps() {
        #expect(monday.weekday == 0)
        #expect(monThu.daysToOrderDay(from: monday) == 0)
        #expect(monThu.daysToOrderDay(from: monday.adding(1)) == 2)        // Tue → Thu
        #expect(monThu.daysToOrderDay(from: monday.adding(4)) == 3)        // Fri → Mon
        #expect(monThu.daysToNextOrderDay(after: monday) == 3)             // Mon → Thu
        #expect(monThu.daysToNextOrderDay(after: monday.adding(3)) == 4)   // Thu → Mon
        let weekly = SupplierCalendar(name: "W", orderWeekdays: SupplierCalendar.weekdays("wed")!)
        #expect(weekly.daysToNextOrderDay(after: monday.adding(2)) == 7)
    }

    @Test func loadsAndReportsBadRows() throws {
        var files = minimalFiles
        files["suppliers.csv"] = "supplier,order_days,allows_expedite\nSUP,\"mon,thu\",no\nX,someday,\nY,tue,maybe\n"
        var options = DataSetLoader.Options()
        options.quarantine = .init(sales: 0.001, other: 1)
        let (data, issues) = try loadData(files, options: options)
        let d = try #require(data, "\(issues.errors)")
        #expect(d.suppliers["SUP"] == SupplierCalendar(name: "SUP", orderWeekdays: 0b0001001, allowsExpedite: false))
        #expect(d.rejected["suppliers.csv"]?.map(\.line) == [3, 4])
        #expect(d.rejected["suppliers.csv"]?.first?.reason == "column 'order_days': 'someday': expected weekdays such as mon,thu")
        files["suppliers.csv"] = "supplier,order_days\nSUP,mon\nSUP,tue\n"
        let (dup, dupIssues) = try loadData(files, options: options)
        #expect(dup == nil)
        #expect(dupIssues.errors.first?.message.contains("duplicate supplier 'SUP'") == true)
    }
}
