import Foundation

/// One problem found in an input file: where it is, what was there and what was expected.
public struct InputIssue: Sendable, CustomStringConvertible, Equatable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// The file's name within the data directory, e.g. `sales.csv`.
    public var file: String
    /// 1-based line (the header is line 1); nil for a whole-file problem.
    public var line: Int?
    /// 1-based field number within the record; nil when not about one field.
    public var column: Int?
    /// The header name of that column.
    public var columnName: String?
    /// The offending text, shortened for display.
    public var value: String?
    /// What is wrong and what was expected.
    public var message: String
    /// True for a problem confined to one data row (a value that does not parse, a row with the
    /// wrong number of fields): the row can be set aside and the rest of the file used
    /// (``InputIssues/Quarantine``). False for a problem with the file (a missing column, a
    /// syntax error that ends it, duplicate keys, a whole-file check).
    public var rejectsRow = false
    /// The row as it was in the file (its fields joined by commas, quoted where needed), for
    /// a row-level error.
    public var record: String? = nil

    public init(_ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
                columnName: String? = nil, value: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value
        self.message = message
    }

    /// `[column 'name':] ['value':] message`: the problem without its place.
    public var reason: String {
        var s = ""
        if let columnName { s += "column '\(columnName)': " }
        if let value { s += "'\(value)': " }
        return s + message
    }

    /// `file:line:column: severity: [column 'name':] ['value':] message`
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        s += ": \(severity.rawValue): "
        if let columnName { s += "column '\(columnName)': " }
        if let value { s += "'\(value)': " }
        return s + message
    }
}

/// Every problem found while loading a data directory, errors and warnings apart.
///
/// Each file keeps at most ``maxStoredPerFile`` issues of each severity; the rest are counted,
/// so a file with a million bad rows reports quickly and within bounded memory.
public final class InputIssues: @unchecked Sendable {
    public static let maxStoredPerFile = 200

    public private(set) var errors: [InputIssue] = []
    public private(set) var warnings: [InputIssue] = []
    /// Issues counted but not stored, per file and severity.
    public private(set) var suppressed: [String: Int] = [:]
    private var storedPerFile: [String: Int] = [:]
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0

    public init() {}

    public var hasErrors: Bool { errorCount > 0 }

    /// One data row set aside: its 1-based line, its first problem and its original text.
    public struct RejectedRow: Sendable, Equatable {
        public var line: Int
        public var reason: String
        public var record: String
    }

    /// Most rejected rows kept per file (each counted in ``rejectedCount`` regardless).
    public static let maxRejectedPerFile = 100_000
    /// Rejected rows per file, by line (the first problem of each row), at most ``maxRejectedPerFile``.
    public private(set) var rejected: [String: [Int: RejectedRow]] = [:]
    /// Distinct rows with a row-level error, per file.
    public private(set) var rejectedCount: [String: Int] = [:]
    /// Errors that reject a row (``InputIssue/rejectsRow``), stored or not.
    public private(set) var rowErrorCount = 0
    /// Data rows read per file (as counted by ``TableReader``), for the rejected share.
    public private(set) var rowsRead: [String: Int] = [:]

    /// Guards every change: the parts of one file parsed in parallel may report to one value.
    private let lock = NSLock()

    /// Adds `rows` to the rows read from `file`.
    public func noteRows(_ file: String, _ rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        rowsRead[file, default: 0] += rows
    }

    public func add(_ issue: InputIssue) {
        lock.lock()
        defer { lock.unlock() }
        add(issue, trackRow: true)
    }

    private func add(_ issue: InputIssue, trackRow: Bool) {
        let key = issue.file + "|" + issue.severity.rawValue
        if issue.severity == .error { errorCount += 1 } else { warningCount += 1 }
        if issue.severity == .error && issue.rejectsRow {
            rowErrorCount += 1
            if trackRow, let line = issue.line { reject(issue.file, RejectedRow(line: line, reason: issue.reason, record: issue.record ?? "")) }
        }
        let stored = storedPerFile[key, default: 0]
        guard stored < InputIssues.maxStoredPerFile else {
            suppressed[key, default: 0] += 1
            return
        }
        storedPerFile[key] = stored + 1
        if issue.severity == .error { errors.append(issue) } else { warnings.append(issue) }
    }

    public func error(_ file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                      value: String? = nil, _ message: String) {
        add(InputIssue(.error, file: file, line: line, column: column, columnName: columnName, value: value, message: message))
    }

    public func warning(_ file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                        value: String? = nil, _ message: String) {
        add(InputIssue(.warning, file: file, line: line, column: column, columnName: columnName, value: value, message: message))
    }

    /// Adds `other`'s issues (and its suppressed counts), shifting their line numbers by
    /// `lineOffset`: for a file parsed in parts, each part counting lines from its own start.
    public func absorb(_ other: InputIssues, lineOffset: Int) {
        lock.lock()
        defer { lock.unlock() }
        for var issue in other.errors + other.warnings {
            if let l = issue.line { issue.line = l + lineOffset }
            add(issue, trackRow: false)
        }
        for (key, n) in other.suppressed {
            suppressed[key, default: 0] += n
            if key.hasSuffix("|error") { errorCount += n } else { warningCount += n }
        }
        // Row errors beyond the stored ones were counted in `other` but not re-added above.
        rowErrorCount += other.rowErrorCount - other.errors.filter(\.rejectsRow).count
        for (file, rows) in other.rejected {
            for (_, row) in rows { var r = row; r.line += lineOffset; reject(file, r) }
            // Rows counted beyond the kept ones.
            rejectedCount[file, default: 0] += other.rejectedCount[file, default: 0] - rows.count
        }
        for (file, n) in other.rowsRead { rowsRead[file, default: 0] += n }
    }

    private func reject(_ file: String, _ row: RejectedRow) {
        var rows = rejected[file, default: [:]]
        guard rows[row.line] == nil else { return }
        rejectedCount[file, default: 0] += 1
        guard rows.count < InputIssues.maxRejectedPerFile else { return }
        rows[row.line] = row
        rejected[file] = rows
    }

    /// Lines for a report: stored issues, then one line per file that had more than were kept.
    public func reportLines(severity: InputIssue.Severity) -> [String] {
        var lines = (severity == .error ? errors : warnings).map(\.description)
        for (key, n) in suppressed.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            if parts.count == 2, parts[1] == severity.rawValue {
                lines.append("\(parts[0]): \(n) more \(severity.rawValue)s not shown")
            }
        }
        return lines
    }
}

extension InputIssues {
    /// How many rows of each file may be set aside before the file counts as broken: a share
    /// of its data rows, in [0, 1]. Nil limits (``DataSetLoader/Options/quarantine``) = strict:
    /// any error stops the load.
    public struct Quarantine: Sendable, Equatable {
        /// Share of `sales.csv` rows (a dropped sales row is a day of demand lost).
        public var sales: Double
        /// Share of the rows of every other file.
        public var other: Double

        public init(sales: Double = 0.001, other: Double = 0.01) {
            self.sales = sales
            self.other = other
        }

        /// The limit of a file named as stored: `sales.csv`, `sales.csv.gz` and every part file
        /// of `sales/` are the sales table.
        public func limit(for file: String) -> Double { ContractTable(storedName: file) == .sales ? sales : other }
    }

    /// Tables whose rejected rows exceed their share under `q`, each with a message saying so.
    /// The share is of the whole table: a folder's part files count together, as their
    /// concatenation would.
    public func overQuarantine(_ q: Quarantine) -> [String] {
        // Files by table (a file that is no contract table's stands alone).
        let tableOf = { (file: String) in ContractTable(storedName: file).map { $0.stem } ?? file }
        var rejectedByTable: [String: (n: Int, files: Set<String>)] = [:]
        for (file, n) in rejectedCount {
            rejectedByTable[tableOf(file), default: (0, [])].n += n
            rejectedByTable[tableOf(file), default: (0, [])].files.insert(file)
        }
        var rowsByTable: [String: Int] = [:]
        for (file, n) in rowsRead { rowsByTable[tableOf(file), default: 0] += n }
        return rejectedByTable.keys.sorted().compactMap { table in
            let (n, files) = rejectedByTable[table]!
            let rows = max(1, rowsByTable[table] ?? 0)
            let share = Double(n) / Double(rows)
            let limit = q.limit(for: files.first!)
            guard share > limit else { return nil }
            let name = files.count == 1 ? files.first! : "\(table) (\(files.sorted().joined(separator: ", ")))"
            return "\(name): \(n) of \(rows) rows have errors (\(percent(share))), above the \(percent(limit)) that may be set aside"
        }
    }

    /// Whether the load must stop: any error when `q` is nil (strict); otherwise a problem with a
    /// file, or more rejected rows than `q` allows in some file.
    public func isBlocking(_ q: Quarantine?) -> Bool {
        guard let q else { return hasErrors }
        return errorCount > rowErrorCount || !overQuarantine(q).isEmpty
    }

    /// The rows set aside, per file, in line order.
    public var rejectedRows: [String: [RejectedRow]] {
        rejected.mapValues { $0.values.sorted { $0.line < $1.line } }
    }

    private func percent(_ x: Double) -> String {
        let p = x * 100
        return (p >= 1 ? String(format: "%.1f", p) : String(format: "%.3g", p)) + " %"
    }
}
