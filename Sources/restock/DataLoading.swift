import Foundation
import Logging
import RestockData

/// Loads a data directory for a command, logging warnings and turning data errors into exit 65
/// (with every error printed to stderr, each naming its file, line and column).
enum DataLoading {
    /// `only`: load those skus only (their warnings are about that part, so they are returned, not logged).
    static func load(directory: String, asOf: Day?, requirePlanningFiles: Bool, logger: Logger,
                     only: DataSetLoader.Subset? = nil, fingerprints: Bool = true) throws -> (DataSet, [String]) {
        let issues = InputIssues()
        let loaded: DataSet?
        var options = DataSetLoader.Options(asOf: asOf, requirePlanningFiles: requirePlanningFiles)
        options.only = only
        options.fingerprints = fingerprints
        if Progress.isTerminal && only == nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/sales.csv")[.size] as? Int) ?? 0
            let bar = Progress(stage: "load", total: max(1, size), unit: "MB/s", scale: 1e-6)
            options.progress = { bar.advance(by: $0) }
        }
        defer { Progress.clearLine() }
        do {
            loaded = try DataSetLoader.load(directory: directory, options: options, issues: issues)
        } catch {
            throw RestockError.data("\(error)")
        }
        let warnings = issues.reportLines(severity: .warning)
        if only == nil { for w in warnings { logger.warning("\(w)") } }
        guard let data = loaded, !issues.hasErrors else {
            let lines = issues.reportLines(severity: .error)
            if only != nil { throw RestockError.data(lines.prefix(3).joined(separator: "; ")) }
            Progress.clearLine()
            for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            throw RestockError.data("\(issues.errorCount) error(s) in \(directory); nothing was written")
        }
        return (data, warnings)
    }
}
