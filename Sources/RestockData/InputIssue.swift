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

    public func add(_ issue: InputIssue) {
        let key = issue.file + "|" + issue.severity.rawValue
        if issue.severity == .error { errorCount += 1 } else { warningCount += 1 }
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
        for var issue in other.errors + other.warnings {
            if let l = issue.line { issue.line = l + lineOffset }
            add(issue)
        }
        for (key, n) in other.suppressed {
            suppressed[key, default: 0] += n
            if key.hasSuffix("|error") { errorCount += n } else { warningCount += n }
        }
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
