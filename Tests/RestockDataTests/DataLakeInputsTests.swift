import Foundation
import Testing
@testable import RestockData

/// Gzip bytes of `text`, made by the system's `gzip` (the test does not link zlib itself).
func gzipped(_ text: String) throws -> [UInt8] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("restock-gz-" + UUID().uuidString).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/f"))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-n", dir + "/f"]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/f.gz")))
}

/// Inputs as data lakes export them (issue 11, item 4): `sales/part-*.csv` folders and
/// `.csv.gz` files load exactly as the plain files, name their own files in errors, and a data
/// directory with two forms of one table is refused.
@Suite("Data-lake inputs: part files and gzip")
struct DataLakeInputsTests {
    static let header = "date,sku,location,quantity,on_hand,price"

    /// The rows of ``SalesIndexTests/sales(skus:order:)`` (without the header), cut into `parts` runs of lines.
    static func parts(_ text: String, _ parts: Int) -> [String] {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map(String.init)
        let size = (rows.count + parts - 1) / parts
        return stride(from: 0, to: rows.count, by: size).map { rows[$0..<min(rows.count, $0 + size)].joined(separator: "\n") + "\n" }
    }

    func writePlanningFiles(_ dir: TempDir, gzip: Bool) throws {
        let items = "sku,location,source,lead_time_days\n" + (0..<40).map { "SKU\($0),L0,SUP,3" }.joined(separator: "\n") + "\n"
        if gzip { try dir.write("items.csv.gz", bytes: try gzipped(items)) } else { try dir.write("items.csv", items) }
        try dir.write("inventory.csv", "sku,location,on_hand\n" + (0..<40).map { "SKU\($0),L1,5" }.joined(separator: "\n") + "\n")
    }

    func load(_ dir: TempDir, asOf: Day? = Day(year: 2024, month: 2, day: 20), partBytes: Int = 32 << 20,
              issues: InputIssues = InputIssues()) throws -> DataSet? {
        try DataSetLoader.load(directory: dir.path, options: .init(asOf: asOf, minimumPartBytes: partBytes), issues: issues)
    }

    func expectSameHistories(_ a: DataSet, _ b: DataSet) {
        #expect(a.series.count == b.series.count)
        for (x, y) in zip(a.series, b.series) {
            #expect(a.skuName(x) == b.skuName(y) && a.locationName(x) == b.locationName(y))
            #expect(x.history?.firstDay == y.history?.firstDay)
            #expect(x.history?.quantity.map(\.bitPattern) == y.history?.quantity.map(\.bitPattern))
            #expect(x.history?.onHand.map(\.bitPattern) == y.history?.onHand.map(\.bitPattern))
            #expect(x.history?.price.map(\.bitPattern) == y.history?.price.map(\.bitPattern))
            #expect(x.item?.leadTimeDays == y.item?.leadTimeDays)
        }
        #expect(a.files.map(\.rows) == b.files.map(\.rows))
    }

    @Test func partFilesAndGzipLoadAsTheConcatenation() throws {
        let text = SalesIndexTests.sales(skus: 40, order: .bySku)
        try withTempDir { plain in
            try plain.write("sales.csv", text)
            try writePlanningFiles(plain, gzip: false)
            let whole = try #require(try load(plain))
            // Three parts, the middle one compressed; items.csv compressed; small ranges so the
            // plain parts are split too.
            try withTempDir { lake in
                try FileManager.default.createDirectory(atPath: lake.path + "/sales", withIntermediateDirectories: true)
                let p = Self.parts(text, 3)
                try lake.write("sales/part-00000.csv", Self.header + "\n" + p[0])
                try lake.write("sales/part-00001.csv.gz", bytes: try gzipped(Self.header + "\n" + p[1]))
                // Column order is free per part.
                let reordered = p[2].split(separator: "\n").map { line -> String in
                    let f = line.split(separator: ",", omittingEmptySubsequences: false)
                    return ([f[3], f[0], f[1], f[2]] + f[4...]).joined(separator: ",")
                }
                try lake.write("sales/part-00002.csv", "quantity,date,sku,location,on_hand,price\n" + reordered.joined(separator: "\n") + "\n")
                try lake.write("sales/_SUCCESS", "")
                try writePlanningFiles(lake, gzip: true)
                for partBytes in [32 << 20, 1 << 12] {
                    let issues = InputIssues()
                    let split = try #require(try load(lake, partBytes: partBytes, issues: issues), "\(issues.reportLines(severity: .error))")
                    expectSameHistories(whole, split)
                    #expect(split.files.map(\.name) == ["sales/", "inventory.csv", "items.csv.gz"])
                    #expect(split.salesRuns == nil)  // a compressed part: not indexed, a what-if reads it whole
                }
                // Digests: the gz as stored; the folder's is the manifest of its parts' digests.
                let split = try #require(try load(lake))
                let gz = try #require(split.files.first { $0.table == .items })
                #expect(gz.sha256 == FileFingerprints.sha256(path: lake.path + "/items.csv.gz"))
                let manifest = ["sales/part-00000.csv", "sales/part-00001.csv.gz", "sales/part-00002.csv"]
                    .map { FileFingerprints.sha256(path: lake.path + "/" + $0)! + "  " + $0 + "\n" }.joined()
                #expect(split.files[0].sha256 == FileFingerprints.sha256(bytes: Array(manifest.utf8)))
            }
        }
    }

    /// A day per part file (as a lake partitioned by date writes them): more parts than are
    /// parsed at once (``SalesTableLoader/piecesPerBatch``), merged in name order.
    @Test func aFolderOfADayPerPartLoadsAsTheConcatenation() throws {
        let text = SalesIndexTests.sales(skus: 40, order: .byDay)
        try withTempDir { plain in
            try plain.write("sales.csv", text)
            try writePlanningFiles(plain, gzip: false)
            let whole = try #require(try load(plain))
            try withTempDir { lake in
                try FileManager.default.createDirectory(atPath: lake.path + "/sales", withIntermediateDirectories: true)
                let rows = text.split(separator: "\n").dropFirst()
                let byDay = Dictionary(grouping: rows, by: { $0.prefix(10) })
                #expect(byDay.count > 2 * SalesTableLoader.piecesPerBatch)
                for (k, day) in byDay.keys.sorted().enumerated() {
                    let body = Self.header + "\n" + byDay[day]!.joined(separator: "\n") + "\n"
                    let name = "sales/part-\(String(format: "%05d", k)).csv"
                    if k % 3 == 0 { try lake.write(name + ".gz", bytes: try gzipped(body)) } else { try lake.write(name, body) }
                }
                try writePlanningFiles(lake, gzip: false)
                let split = try #require(try load(lake, partBytes: 1 << 10))
                expectSameHistories(whole, split)
            }
        }
    }

    @Test func plainPartFilesAreIndexedForPartialLoads() throws {
        let text = SalesIndexTests.sales(skus: 40, order: .bySku)
        try withTempDir { lake in
            try FileManager.default.createDirectory(atPath: lake.path + "/sales", withIntermediateDirectories: true)
            for (k, p) in Self.parts(text, 4).enumerated() { try lake.write("sales/part-0000\(k).csv", Self.header + "\n" + p) }
            try writePlanningFiles(lake, gzip: false)
            let full = try #require(try load(lake, partBytes: 1 << 12))
            let runs = try #require(full.salesRuns)
            #expect(full.salesFiles == (0..<4).map { "sales/part-0000\($0).csv" })
            #expect(Set(runs.map(\.file)) == [0, 1, 2, 3])
            let wanted: Set<String> = ["SKU0", "SKU9", "SKU10", "SKU39"]
            var options = DataSetLoader.Options(asOf: Day(year: 2024, month: 2, day: 20), minimumPartBytes: 1 << 12)
            options.only = .init(skus: wanted, runs: runs.filter { wanted.contains(full.skus[$0.sku]) }, files: full.salesFiles,
                                 locations: full.locations.names)
            let part = try #require(try DataSetLoader.load(directory: lake.path, options: options, issues: InputIssues()))
            let expected = full.series.filter { wanted.contains(full.skuName($0)) }
            #expect(part.series.count == expected.count && !expected.isEmpty)
            for (a, b) in zip(expected, part.series) {
                #expect(full.skuName(a) == part.skuName(b) && full.locationName(a) == part.locationName(b))
                #expect(a.history?.quantity.map(\.bitPattern) == b.history?.quantity.map(\.bitPattern))
            }
        }
    }

    @Test func aBrokenRowInACompressedPartIsNamedByThePartLineAndColumn() throws {
        try withTempDir { lake in
            try FileManager.default.createDirectory(atPath: lake.path + "/sales", withIntermediateDirectories: true)
            try lake.write("sales/part-00000.csv", "date,sku,location,quantity\n2024-01-01,A,S,1\n2024-01-02,A,S,2\n")
            try lake.write("sales/part-00001.csv.gz", bytes: try gzipped("date,sku,location,quantity\n2024-01-03,A,S,1\n2024-01-04,A,S,many\n"))
            let issues = InputIssues()
            #expect(try DataSetLoader.load(directory: lake.path, options: .init(requirePlanningFiles: false), issues: issues) == nil)
            let errors = issues.reportLines(severity: .error)
            #expect(errors == ["sales/part-00001.csv.gz:3:4: error: column 'quantity': 'many': expected a finite number"], "\(errors)")
            // Set aside under a quarantine: the row keeps its part's name and line; the share is of the whole table.
            let q = InputIssues()
            var options = DataSetLoader.Options(requirePlanningFiles: false)
            options.quarantine = .init(sales: 0.5, other: 0.5)
            let data = try #require(try DataSetLoader.load(directory: lake.path, options: options, issues: q))
            #expect(data.rejected["sales/part-00001.csv.gz"]?.map(\.line) == [3])
            #expect(q.overQuarantine(.init(sales: 0.3, other: 0.3)).isEmpty)  // 1 of the 4 rows of both parts
            #expect(q.overQuarantine(.init(sales: 0.1, other: 0.1)) == ["sales/part-00001.csv.gz: 1 of 4 rows have errors (25.0 %), above the 10.0 % that may be set aside"])
        }
    }

    @Test func twoFormsOfOneTableAreAnError() throws {
        try withTempDir { dir in
            try FileManager.default.createDirectory(atPath: dir.path + "/sales", withIntermediateDirectories: true)
            try dir.write("sales/part-00000.csv", "date,sku,location,quantity\n2024-01-01,A,S,1\n")
            try dir.write("sales.csv", "date,sku,location,quantity\n2024-01-01,A,S,1\n")
            let issues = InputIssues()
            #expect(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: issues) == nil)
            #expect(issues.reportLines(severity: .error) == ["sales: error: sales.csv and sales/ are both in the data directory: expected exactly one of sales.csv, sales.csv.gz, sales/ (part files) (which one should be read?)"])
            try FileManager.default.removeItem(atPath: dir.path + "/sales")
            try dir.write("events.csv", "date,event\n")
            try dir.write("events.csv.gz", bytes: try gzipped("date,event\n"))
            let again = InputIssues()
            #expect(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: again) == nil)
            #expect(again.reportLines(severity: .error).first?.hasPrefix("events: error: events.csv and events.csv.gz are both") == true)
        }
    }

    @Test func aFolderWithoutPartFilesOrWithDifferentColumnsIsAnError() throws {
        try withTempDir { dir in
            try FileManager.default.createDirectory(atPath: dir.path + "/sales", withIntermediateDirectories: true)
            try dir.write("sales/data.csv", "date,sku,location,quantity\n2024-01-01,A,S,1\n")
            let issues = InputIssues()
            #expect(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: issues) == nil)
            #expect(issues.reportLines(severity: .error).first?.contains("sales/ holds no part files") == true)
            try dir.write("sales/part-1.csv", "date,sku,location,quantity\n2024-01-01,A,S,1\n")
            try dir.write("sales/part-2.csv", "date,sku,location,quantity,price\n2024-01-02,A,S,1,3\n")
            let differ = InputIssues()
            #expect(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: differ) == nil)
            #expect(differ.reportLines(severity: .error).first?.hasPrefix("sales/part-2.csv:1: error: columns date,sku,location,quantity,price differ from sales/part-1.csv's") == true,
                    "\(differ.reportLines(severity: .error))")
        }
    }

    @Test func corruptGzipIsAClearError() throws {
        let good = try gzipped("date,sku,location,quantity\n" + (0..<5000).map { "2024-01-0\($0 % 9 + 1),SKU\($0),S,\($0)" }.joined(separator: "\n") + "\n")
        for (bytes, expected) in [(Array(good.prefix(good.count / 2)), "the gzip data is damaged"),
                                  (Array(good.prefix(good.count - 4)) + [0, 0, 0, 0], "the gzip data is damaged"),
                                  (Array("date,sku,location,quantity\n2024-01-01,A,S,1\n".utf8), "not gzip data")] {
            try withTempDir { dir in
                try dir.write("sales.csv.gz", bytes: bytes)
                let issues = InputIssues()
                #expect(try DataSetLoader.load(directory: dir.path, options: .init(requirePlanningFiles: false), issues: issues) == nil)
                let errors = issues.reportLines(severity: .error)
                #expect(errors.count == 1 && errors[0].hasPrefix("sales.csv.gz:") && errors[0].contains(expected), "\(errors)")
            }
        }
    }
}
