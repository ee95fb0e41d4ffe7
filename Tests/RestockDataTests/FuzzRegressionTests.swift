import Foundation
import Testing
@testable import RestockData

/// Inputs the fuzzer (`scripts/fuzz.sh`) or review found hard, in `Tests/Fixtures/fuzz/`, loaded
/// the way the fuzz target loads them (the first byte picks the file, a minimal `sales.csv`
/// beside any other): each must end in a data set or reported issues, strict and quarantined,
/// parsed whole and in parts.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")
    static let tables = ["sales.csv", "promotions.csv", "events.csv", "items.csv", "inventory.csv", "open_orders.csv", "lanes.csv"]

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func thereAreInputs() { #expect(Self.inputs.count >= 6) }

    @Test(arguments: inputs)
    func loadsWithoutCrashing(name: String) throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let table = Self.tables[Int(bytes.first ?? 0) % Self.tables.count]
        var files = [table: String(decoding: bytes.dropFirst(), as: UTF8.self)]
        if table != "sales.csv" { files["sales.csv"] = "date,sku,location,quantity\n2024-01-01,A,S1,1\n2024-01-02,A,S1,2\n" }
        for quarantine in [nil, InputIssues.Quarantine()] {
            for part in [32 << 20, 64] {
                var options = DataSetLoader.Options(requirePlanningFiles: false, minimumPartBytes: part)
                options.quarantine = quarantine
                options.fingerprints = false
                let (data, issues) = try withTempDir { dir -> (DataSet?, InputIssues) in
                    _ = try dir.write(table, bytes: Array(bytes.dropFirst()))
                    if table != "sales.csv" { _ = try dir.write("sales.csv", files["sales.csv"]!) }
                    let issues = InputIssues()
                    return (try DataSetLoader.load(directory: dir.path, options: options, issues: issues), issues)
                }
                #expect(data != nil || issues.hasErrors, "\(name): no data set and no error")
            }
        }
    }
}
