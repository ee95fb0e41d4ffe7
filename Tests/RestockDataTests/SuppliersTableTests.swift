import Testing
@testable import RestockData

@Suite("suppliers.csv")
struct SuppliersTableTests {
    let monThu = SupplierCalendar(name: "S", orderWeekdays: SupplierCalendar.weekdays("mon,thu")!)
    // 2024-12-30 is a Monday.
    let monday = Day(year: 2024, month: 12, day: 30)

    /// Bad non-sales rows set aside (quarantined) rather than fatal.
    static var rowQuarantine: DataSetLoader.Options {
        var options = DataSetLoader.Options()
        options.quarantine = .init(sales: 0.001, other: 1)
        return options
    }

    /// The data set of `files` under ``rowQuarantine``, and what the load reported.
    func loadQuarantiningRows(_ files: [String: String]) throws -> (DataSet, InputIssues) {
        let (data, issues) = try loadData(files, options: Self.rowQuarantine)
        return (try #require(data, "\(issues.errors)"), issues)
    }

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
        let (d, _) = try loadQuarantiningRows(files)
        #expect(d.suppliers["SUP"] == SupplierCalendar(name: "SUP", orderWeekdays: 0b0001001, allowsExpedite: false))
        #expect(d.rejected["suppliers.csv"]?.map(\.line) == [3, 4])
        #expect(d.rejected["suppliers.csv"]?.first?.reason == "column 'order_days': 'someday': expected weekdays such as mon,thu")
        files["suppliers.csv"] = "supplier,order_days\nSUP,mon\nSUP,tue\n"
        let (dup, dupIssues) = try loadData(files, options: Self.rowQuarantine)
        #expect(dup == nil)
        #expect(dupIssues.errors.first?.message.contains("duplicate supplier 'SUP'") == true)
    }

    /// The purchase-order terms: by header name in any order, blank = not set, a bad value is a
    /// row error at file:line:column.
    @Test func loadsOrderTerms() throws {
        var files = minimalFiles
        files["suppliers.csv"] = "max_units_per_order,order_days,supplier,min_order_value,order_multiple_units,min_order_units\n"
            + "2400,mon,A,500,,\n,tue,B,,48,10\n0,wed,C,,,\n,thu,D,-1,,\n,fri,E,,0,\n"
        let (d, issues) = try loadQuarantiningRows(files)
        #expect(d.suppliers["A"] == SupplierCalendar(name: "A", orderWeekdays: 0b0000001, minOrderValue: 500, maxUnitsPerOrder: 2400))
        #expect(d.suppliers["A"]?.hasOrderTerms == true)
        #expect(d.suppliers["B"] == SupplierCalendar(name: "B", orderWeekdays: 0b0000010, minOrderUnits: 10, orderMultipleUnits: 48))
        #expect(d.rejected["suppliers.csv"]?.map(\.line) == [4, 5, 6])
        #expect(d.rejected["suppliers.csv"]?.map(\.reason) == [
            "column 'max_units_per_order': '0': expected units > 0",
            "column 'min_order_value': '-1': expected a value ≥ 0",
            "column 'order_multiple_units': '0': expected units > 0",
        ])
        let located = issues.errors.filter { $0.file == "suppliers.csv" }.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(located == ["4:1", "5:4", "6:5"])
    }
}

extension SuppliersTableTests {
    /// `weekly_capacity_units` (optional, at the end): blank = unlimited, > 0, a bad value is a row error.
    @Test func loadsWeeklyCapacity() throws {
        var files = minimalFiles
        files["suppliers.csv"] = "supplier,order_days,weekly_capacity_units\nA,mon,500\nB,tue,\nC,wed,0\n"
        let (d, issues) = try loadQuarantiningRows(files)
        #expect(d.suppliers["A"]?.weeklyCapacityUnits == 500)
        #expect(d.suppliers["A"]?.hasOrderTerms == false)
        #expect(d.suppliers["B"]?.weeklyCapacityUnits == nil)
        #expect(d.rejected["suppliers.csv"]?.map(\.reason) == ["column 'weekly_capacity_units': '0': expected units per week > 0"])
        let located = issues.errors.filter { $0.file == "suppliers.csv" }.map { "\($0.line ?? 0):\($0.column ?? 0)" }
        #expect(located == ["4:3"])
    }
}
