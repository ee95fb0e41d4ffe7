import Foundation
import Logging
import RestockData
import RestockSettings

/// Loads a data directory for a command, logging warnings and turning data errors into exit 65
/// (with every error printed to stderr, each naming its file, line and column).
package enum DataLoading {
    /// `only`: load those skus only (their warnings are about that part, so they are returned, not logged).
    /// `quarantine`: how many rows with errors may be set aside (``DataSet/rejected``, each file
    /// named in a warning); nil = strict, any error is exit 65.
    /// `skuFilter`: keep those skus' series only (``DataSetLoader/Options/skuFilter``: a shard's).
    package static func load(directory: String, asOf: Day?, requirePlanningFiles: Bool, logger: Logger,
                     only: DataSetLoader.Subset? = nil, fingerprints: Bool = true,
                     quarantine: InputIssues.Quarantine?,
                     skuFilter: (@Sendable (String) -> Bool)? = nil) throws -> (DataSet, [String]) {
        let issues = InputIssues()
        let loaded: DataSet?
        var options = DataSetLoader.Options(asOf: asOf, requirePlanningFiles: requirePlanningFiles)
        options.only = only
        options.skuFilter = skuFilter
        options.fingerprints = fingerprints
        options.quarantine = quarantine
        if Progress.isTerminal && only == nil {
            // Bytes as stored (compressed ones too: the reader reports its compressed offset).
            var size = 0
            if case .found(let sales) = InputLayout.lookup(.sales, in: directory) { size = sales.storedSize }
            let bar = Progress(stage: "load", total: max(1, size), unit: "MB/s", scale: 1e-6)
            options.progress = { bar.advance(by: $0) }
        }
        defer { Progress.clearLine() }
        do {
            loaded = try DataSetLoader.load(directory: directory, options: options, issues: issues)
        } catch {
            throw RestockError.data("\(error)")
        }
        var warnings = issues.reportLines(severity: .warning)
        guard let data = loaded, !issues.isBlocking(quarantine) else {
            if only == nil { for w in warnings { logger.warning("\(w)") } }
            var lines = issues.reportLines(severity: .error)
            if let quarantine { lines += issues.overQuarantine(quarantine).map { $0 + " (limits: max_rejected_share_sales, max_rejected_share)" } }
            if only != nil { throw RestockError.data(lines.prefix(3).joined(separator: "; ")) }
            Progress.clearLine()
            for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            throw RestockError.data("\(issues.errorCount) error(s) in \(directory); nothing was written")
        }
        // Rows set aside: one warning per file (the rows and reasons are in rejected/<file>).
        for (file, n) in data.rejectedCounts.sorted(by: { $0.key < $1.key }) {
            let first = data.rejected[file]?.first.map { " (first: line \($0.line): \($0.reason))" } ?? ""
            warnings.append("\(file): \(n) row(s) with errors set aside into \(RejectedRowsFile.relativePath(of: file))\(first)")
        }
        if only == nil { for w in warnings { logger.warning("\(w)") } }
        return (data, warnings)
    }

    /// Those skus of a night whose first load (`names`: every row checked, files hashed) is
    /// made: their rows read through its sales index (`runs`, theirs of ``DataSet/salesRuns``)
    /// when the sales table has one, else the whole table streamed keeping theirs
    /// (``DataSetLoader/Options/skuFilter``). What a partial read cannot know of the whole table
    /// (its rows set aside, its rows after the as-of date, its files' rows and digests) is the
    /// first load's, so no file is hashed twice. Warnings are returned (the first load logged
    /// the table's own).
    package static func loadSkus(_ skus: Set<String>, runs: [SalesRun]?, names: DataSet, directory: String,
                                 requirePlanningFiles: Bool, quarantine: InputIssues.Quarantine?,
                                 logger: Logger) throws -> (DataSet, [String]) {
        var (data, warnings): (DataSet, [String])
        if let runs {
            let subset = DataSetLoader.Subset(skus: skus, runs: runs, files: names.salesFiles, locations: names.locations.names)
            (data, warnings) = try load(directory: directory, asOf: names.asOf, requirePlanningFiles: requirePlanningFiles,
                                        logger: logger, only: subset, fingerprints: false, quarantine: quarantine)
            // A partial load's own notes of rows set aside repeat the first load's.
            warnings.removeAll { $0.contains("row(s) with errors set aside") }
        } else {
            (data, warnings) = try load(directory: directory, asOf: names.asOf, requirePlanningFiles: requirePlanningFiles,
                                        logger: logger, fingerprints: false, quarantine: quarantine,
                                        skuFilter: { skus.contains($0) })
        }
        data.files = names.files
        data.rejected = names.rejected
        data.rejectedCounts = names.rejectedCounts
        data.rowsAfterAsOf = names.rowsAfterAsOf
        return (data, warnings)
    }

    /// The runs of `skus` in `names`' sales index (``DataSet/salesRuns``); nil when it has none.
    package static func salesRuns(of skus: Set<String>, in names: DataSet) -> [SalesRun]? {
        guard let runs = names.salesRuns else { return nil }
        let wanted = names.skus.names.map { skus.contains($0) }
        return runs.filter { Int($0.sku) < wanted.count && wanted[Int($0.sku)] }
    }
}
