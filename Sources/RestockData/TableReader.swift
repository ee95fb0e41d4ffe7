/// Reads one contract table: matches the header by name, checks each record's shape, and turns
/// fields into values, reporting every problem to an ``InputIssues`` with file, line and column.
///
/// Usage: `let t = try TableReader(...)`, then `while try t.next() { ... t.day(c) ... }`.
/// A field accessor returns nil after reporting an error, so a loader can skip the row and go on.
public final class TableReader {
    /// A column of the table: its header name and its 0-based index in the file (-1 if absent).
    public struct Column: Sendable {
        public let name: String
        public let index: Int
        public var isPresent: Bool { index >= 0 }
    }

    public let file: String
    public let reader: CSVReader
    public let issues: InputIssues
    public let header: [String]
    /// Columns in the file that the contract does not define (ignored, noted in the summary).
    public private(set) var unknownColumns: [String] = []
    /// Data rows read so far (records after the header).
    public private(set) var rowCount = 0
    /// Rows already told to ``InputIssues/noteRows(_:_:)``.
    private var rowsNoted = 0
    /// False when the header lacks a required column or the file is empty: no rows are read.
    public private(set) var isUsable = true

    /// Opens `source` (plain or gzip-compressed, whole) as `table`: problems are named by the
    /// file's own name (`sales/part-00003.csv.gz`).
    public convenience init(source: StoredFile, table: ContractTable, issues: InputIssues) throws {
        try self.init(path: source.path, file: source.name, required: table.required, optional: table.optional,
                      issues: issues, compressed: source.isCompressed)
    }

    /// Opens `path` and reads its header. `required` must all be present; `optional` may be.
    /// Problems with the header are reported to `issues`; ``isUsable`` tells whether to go on.
    /// `compressed`: the file is gzip data, read whole (`byteRange` must be nil).
    public init(path: String, file: String, required: [String], optional: [String], issues: InputIssues,
                byteRange: Range<Int>? = nil, compressed: Bool = false) throws {
        precondition(!compressed || byteRange == nil, "a compressed file is read whole")
        self.file = file
        self.issues = issues
        reader = compressed ? try CSVReader(path: path, compressed: true) : try CSVReader(path: path, byteRange: byteRange)
        var names: [String] = []
        do {
            if try reader.nextRecord() {
                for i in 0..<reader.fieldCount {
                    guard let s = reader.string(i) else {
                        issues.error(file, line: reader.line, column: i + 1, "header is not valid UTF-8")
                        names.append("")
                        continue
                    }
                    names.append(s.trimmingSpaces().lowercased())
                }
            } else {
                issues.error(file, line: 1, "the file is empty: expected a header row with \(required.joined(separator: ","))")
                isUsable = false
            }
        } catch let e as CSVSyntaxError {
            issues.error(file, line: e.line, column: e.column, e.message)
            isUsable = false
        } catch let e as CompressedDataError {
            issues.error(file, line: e.line, e.message)
            isUsable = false
        }
        header = names
        if isUsable {
            for name in required where !names.contains(name) {
                issues.error(file, line: 1, "missing required column '\(name)' (header has: \(names.joined(separator: ",")))")
                isUsable = false
            }
            var seen = Set<String>()
            for (i, name) in names.enumerated() {
                if !seen.insert(name).inserted {
                    issues.error(file, line: 1, column: i + 1, columnName: name, "column appears twice in the header")
                    isUsable = false
                }
                if !required.contains(name) && !optional.contains(name) { unknownColumns.append(name) }
            }
        }
    }

    /// A reader for a later part of the same file (``CSVPartition``), sharing `first`'s header.
    /// Its line numbers count from the start of `byteRange`; the caller shifts them.
    public convenience init(continuing first: TableReader, path: String, byteRange: Range<Int>, issues: InputIssues) throws {
        try self.init(continuing: first, path: path, byteRanges: [byteRange], issues: issues)
    }

    /// The same for several ranges of whole records, read one after the other.
    public init(continuing first: TableReader, path: String, byteRanges: [Range<Int>], issues: InputIssues) throws {
        file = first.file
        self.issues = issues
        reader = try CSVReader(path: path, byteRanges: byteRanges)
        header = first.header
        unknownColumns = first.unknownColumns
        isUsable = first.isUsable
    }

    /// Reports a problem with the whole file (its header) and reads no rows from it.
    public func refuse(_ message: String) {
        issues.error(file, line: 1, message)
        isUsable = false
    }

    /// The column named `name` (present or not).
    public func column(_ name: String) -> Column {
        Column(name: name, index: header.firstIndex(of: name) ?? -1)
    }

    /// Advances to the next well-formed record. Records with the wrong number of fields are
    /// reported and skipped; a CSV syntax error is reported and ends the file (returns false).
    public func next() -> Bool {
        guard isUsable else { return false }
        while true {
            do {
                guard try reader.nextRecord() else {
                    issues.noteRows(file, rowCount - rowsNoted)
                    rowsNoted = rowCount
                    return false
                }
            } catch let e as CSVSyntaxError {
                issues.error(file, line: e.line, column: e.column, e.message)
                return false
            } catch let e as CompressedDataError {
                issues.error(file, line: e.line, e.message)
                return false
            } catch {
                issues.error(file, "\(error)")
                return false
            }
            rowCount += 1
            if reader.fieldCount != header.count {
                rejectRow(InputIssue(.error, file: file, line: reader.line,
                                     message: "expected \(header.count) fields as in the header, found \(reader.fieldCount)"))
                continue
            }
            return true
        }
    }

    /// 1-based line of the current record.
    public var line: Int { reader.line }

    /// The raw bytes of a present column in the current record.
    @inline(__always)
    public func bytes(_ c: Column) -> UnsafeRawBufferPointer { reader.field(c.index) }

    /// True when the column is absent or the field is blank.
    @inline(__always)
    public func isBlank(_ c: Column) -> Bool { !c.isPresent || FieldParsers.isBlank(reader.field(c.index)) }

    private func fail(_ c: Column, _ message: String) {
        rejectRow(InputIssue(.error, file: file, line: reader.line, column: c.index + 1, columnName: c.name,
                             value: FieldParsers.display(reader.field(c.index)), message: message))
    }

    /// Reports a row-level error with the current record's text (the row can be set aside).
    private func rejectRow(_ issue: InputIssue) {
        var issue = issue
        issue.rejectsRow = true
        issue.record = currentRecordText()
        issues.add(issue)
    }

    /// The current record as CSV text: its fields (invalid UTF-8 repaired) joined by commas,
    /// quoted when they hold a comma, a quote or a line break.
    public func currentRecordText() -> String {
        (0..<reader.fieldCount).map { i -> String in
            let s = String(decoding: reader.field(i), as: UTF8.self)
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A required date.
    @inline(__always)
    public func day(_ c: Column) -> Day? {
        if let d = Day.parse(reader.field(c.index)) { return d }
        fail(c, "expected a date YYYY-MM-DD")
        return nil
    }

    /// Largest magnitude accepted for any number in the inputs (quantities, stock, costs).
    public static let maximumMagnitude = 1e12

    /// A required finite number, |x| < ``maximumMagnitude``.
    @inline(__always)
    public func number(_ c: Column) -> Double? {
        if let v = FieldParsers.double(reader.field(c.index)) {
            if abs(v) < TableReader.maximumMagnitude { return v }
            fail(c, "expected a number below 1e12 in magnitude")
            return nil
        }
        fail(c, "expected a finite number")
        return nil
    }

    /// An optional number: `.some(nil)` when blank or absent, nil after an error.
    @inline(__always)
    public func optionalNumber(_ c: Column) -> Double?? {
        if isBlank(c) { return .some(nil) }
        guard let v = number(c) else { return nil }
        return .some(v)
    }

    /// An optional number that must satisfy `valid`; `expected` describes the rule.
    public func optionalNumber(_ c: Column, expected: String, _ valid: (Double) -> Bool) -> Double?? {
        guard let v = optionalNumber(c) else { return nil }
        guard let x = v else { return .some(nil) }
        if valid(x) { return .some(x) }
        fail(c, "expected \(expected)")
        return nil
    }

    /// A required non-empty text field (valid UTF-8, surrounding spaces trimmed).
    public func text(_ c: Column) -> String? {
        guard let s = reader.string(c.index) else {
            fail(c, "invalid UTF-8")
            return nil
        }
        let t = s.trimmingSpaces()
        if t.isEmpty {
            fail(c, "expected a non-empty value")
            return nil
        }
        return t
    }

    /// An optional text field: `.some(nil)` when blank or absent, nil after an error.
    public func optionalText(_ c: Column) -> String?? {
        if !c.isPresent { return .some(nil) }
        guard let s = reader.string(c.index) else {
            fail(c, "invalid UTF-8")
            return nil
        }
        let t = s.trimmingSpaces()
        return .some(t.isEmpty ? nil : t)
    }

    /// Reports a problem with the current row that is not about one field's syntax.
    /// Reports a problem found at the current row that is about the file, not the row alone
    /// (a duplicate key: which row is right cannot be told), so it is never set aside.
    public func fileError(_ message: String) {
        issues.error(file, line: reader.line, message)
    }

    public func rowError(_ c: Column?, _ message: String) {
        if let c { fail(c, message) } else { rejectRow(InputIssue(.error, file: file, line: reader.line, message: message)) }
    }

    public func rowWarning(_ c: Column?, _ message: String) {
        issues.warning(file, line: reader.line, column: c.map { $0.index + 1 }, columnName: c?.name,
                       value: c.map { FieldParsers.display(reader.field($0.index)) }, message)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
