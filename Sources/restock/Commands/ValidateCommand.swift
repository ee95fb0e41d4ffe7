import ArgumentParser
import Foundation
import RestockData
import RestockSettings

/// `restock validate`: checks every input file and reports every problem; writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inputs and report every problem (file:line:column); writes nothing. Exit 65 on any error.")

    @Option(help: "Data directory holding sales.csv and the other input files.")
    var data: String

    @Option(name: .customLong("as-of"), help: "Validate as of this date (YYYY-MM-DD).")
    var asOf: String?

    @Flag(name: .customLong("forecast-only"), help: "Do not require items.csv and inventory.csv (data for `restock forecast`).")
    var forecastOnly = false

    func run() throws {
        var day: Day? = nil
        if let asOf {
            guard let d = Day.parse(asOf) else { throw RestockError.usage("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
            day = d
        }
        let issues = InputIssues()
        let loaded: DataSet?
        do {
            loaded = try DataSetLoader.load(directory: data, options: .init(asOf: day, requirePlanningFiles: !forecastOnly),
                                            issues: issues)
        } catch {
            throw RestockError.data("\(error)")
        }
        var out = ""
        for line in issues.reportLines(severity: .error) { out += line + "\n" }
        for line in issues.reportLines(severity: .warning) { out += line + "\n" }
        FileHandle.standardError.write(Data(out.utf8))
        if issues.hasErrors || loaded == nil {
            throw RestockError.data("\(issues.errorCount) error(s), \(issues.warningCount) warning(s) in \(data)")
        }
        let d = loaded!
        let rows = d.files.map { "\($0.name) \($0.rows) rows" }.joined(separator: ", ")
        print("ok: \(d.series.count) series, \(d.skuRanges.count) skus, as of \(d.asOf); \(rows); \(issues.warningCount) warning(s)")
    }
}
