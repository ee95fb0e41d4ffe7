import Foundation
import TOMLKit

/// A config or scenario file: TOML (v1.0, parsed by TOMLKit), flattened to dotted keys with the
/// line each was set on. A table's keys are `table.key`; a quoted key is one component whatever it
/// holds (`[policy.sku."A-100/7"]` sets `policy.sku.A-100/7.kind`); inline tables flatten the same
/// way. Values are numbers (integers and floats), booleans, strings, local dates (read as
/// `YYYY-MM-DD` strings) and arrays of those, on one line or many.
///
/// A syntax error names the file, line and column; what restock does not use (times, arrays of
/// tables, nested arrays) is an error naming the line, so a typo never silently becomes a default.
package struct ConfigFile {
    package enum Value: Equatable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case array([Value])
    }

    package struct ParseError: Error, CustomStringConvertible {
        package var path: String
        package var line: Int
        package var message: String
        package var description: String { "\(path):\(line): \(message)" }
    }

    /// Values by dotted key, and the line each came from.
    package private(set) var values: [String: (value: Value, line: Int)] = [:]
    package let path: String

    package init(path: String, text: String) throws {
        self.path = path
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ParseError(path: path, line: e.source.begin.line,
                             message: "column \(e.source.begin.column): \(e.description)")
        }
        let lines = KeyLines(text: text)
        try flatten(table, prefix: [], lines: lines)
    }

    /// A file of the given values, all on `line` (settings that come from elsewhere than a file,
    /// such as the environment; `path` then names where they came from).
    package init(path: String, values: [String: Value], line: Int = 1) {
        self.path = path
        self.values = values.mapValues { ($0, line) }
    }

    private mutating func flatten(_ table: TOMLTable, prefix: [String], lines: KeyLines) throws {
        for (key, value) in table {
            let keyPath = prefix + [key]
            let line = lines.line(of: keyPath)
            if value.type == .table, let sub = value.table {
                try flatten(sub, prefix: keyPath, lines: lines)
                continue
            }
            guard let v = ConfigFile.value(value) else {
                throw ParseError(path: path, line: line,
                                 message: "'\(keyPath.joined(separator: "."))': expected a number, true/false, a \"string\", a date or an [array] of those")
            }
            values[keyPath.joined(separator: ".")] = (v, line)
        }
    }

    private static func value(_ v: TOMLValueConvertible, inArray: Bool = false) -> Value? {
        switch v.type {
        case .int: return v.int.map { .number(Double($0)) }
        case .double: return v.double.flatMap { $0.isFinite ? .number($0) : nil }
        case .bool: return v.bool.map { .bool($0) }
        case .string: return v.string.map { .string($0) }
        case .date:
            guard let d = v.date else { return nil }
            return .string(String(format: "%04d-%02d-%02d", d.year, d.month, d.day))
        case .array:
            guard !inArray, let a = v.array else { return nil }
            var items: [Value] = []
            for item in a {
                guard let x = value(item, inArray: true) else { return nil }
                items.append(x)
            }
            return .array(items)
        default: return nil
        }
    }

    /// Reads and parses `path`; errors are usage errors naming the file and line.
    package static func read(path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RestockError.usage("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RestockError.usage("\(path): the file is not UTF-8")
        }
        do { return try ConfigFile(path: path, text: text) } catch let e as ParseError {
            throw RestockError.usage(e.description)
        }
    }

    /// The same file without the keys `drop` selects.
    package func filtered(drop: (String) -> Bool) -> ConfigFile {
        var copy = self
        copy.values = values.filter { !drop($0.key) }
        return copy
    }

    /// Every key and its value and line, in line order (keys on one line in key order).
    package var entries: [(key: String, value: Value, line: Int)] {
        values.map { ($0.key, $0.value.value, $0.value.line) }.sorted { ($0.line, $0.key) < ($1.line, $1.key) }
    }

    /// Keys not in `known` (for a clear error on typos).
    package func unknownKeys(known: Set<String>) -> [(String, Int)] {
        values.filter { !known.contains($0.key) }.map { ($0.key, $0.value.line) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    package func value(_ key: String) -> (value: Value, line: Int)? { values[key] }
}

extension ConfigFile.Value {
    package var isScalar: Bool {
        if case .array = self { return false }
        return true
    }
}

/// The line each key of a TOML text is set on (TOMLKit gives values without their positions):
/// `[table]` headers and `key = value` lines, with bare, quoted and dotted keys, skipping the
/// inside of multi-line strings and arrays. A key not found (one inside an inline table) takes
/// the line of its nearest enclosing key that is.
struct KeyLines {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var depth = 0            // open [ of a multi-line array value
        var multiline: String? = nil  // the delimiter of an open multi-line string
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(raw.unicodeScalars)
            var p = 0
            if let delimiter = multiline {
                guard let end = KeyLines.find(delimiter, in: line, from: 0) else { continue }
                multiline = nil
                p = end
                depth += KeyLines.scanValue(line, from: p, multiline: &multiline)
                continue
            }
            if depth > 0 {
                depth += KeyLines.scanValue(line, from: 0, multiline: &multiline)
                continue
            }
            KeyLines.skipSpace(line, &p)
            guard p < line.count, line[p] != "#" else { continue }
            if line[p] == "[" {
                var q = p + 1
                if q < line.count && line[q] == "[" { q += 1 }
                if let key = KeyLines.keyPath(line, &q) {
                    table = key
                    if lines[key] == nil { lines[key] = i + 1 }
                }
                continue
            }
            guard let key = KeyLines.keyPath(line, &p) else { continue }
            let full = table + key
            if lines[full] == nil { lines[full] = i + 1 }
            // The value: skip past "=", then track arrays and strings that go on to later lines.
            KeyLines.skipSpace(line, &p)
            if p < line.count && line[p] == "=" { p += 1 }
            depth += KeyLines.scanValue(line, from: p, multiline: &multiline)
        }
    }

    func line(of keyPath: [String]) -> Int {
        var k = keyPath
        while !k.isEmpty {
            if let l = lines[k] { return l }
            k.removeLast()
        }
        return 1
    }

    private static func skipSpace(_ s: [Unicode.Scalar], _ p: inout Int) {
        while p < s.count && (s[p] == " " || s[p] == "\t" || s[p] == "\r") { p += 1 }
    }

    /// A dotted key (`a.b."c.d".'e'`) at `p`, leaving `p` after it; nil when there is none.
    private static func keyPath(_ s: [Unicode.Scalar], _ p: inout Int) -> [String]? {
        var parts: [String] = []
        while true {
            skipSpace(s, &p)
            guard p < s.count else { return nil }
            var part = ""
            if s[p] == "\"" || s[p] == "'" {
                let quote = s[p]
                p += 1
                while p < s.count && s[p] != quote {
                    if quote == "\"" && s[p] == "\\" && p + 1 < s.count {
                        p += 1
                        switch s[p] {
                        case "n": part.unicodeScalars.append("\n")
                        case "t": part.unicodeScalars.append("\t")
                        default: part.unicodeScalars.append(s[p])
                        }
                    } else {
                        part.unicodeScalars.append(s[p])
                    }
                    p += 1
                }
                guard p < s.count else { return nil }
                p += 1
            } else {
                while p < s.count, s[p].properties.isAlphabetic || ("0"..."9").contains(s[p]) || s[p] == "_" || s[p] == "-" {
                    part.unicodeScalars.append(s[p])
                    p += 1
                }
                guard !part.isEmpty else { return nil }
            }
            parts.append(part)
            skipSpace(s, &p)
            guard p < s.count, s[p] == "." else { return parts }
            p += 1
        }
    }

    private static func find(_ delimiter: String, in s: [Unicode.Scalar], from: Int) -> Int? {
        let d = Array(delimiter.unicodeScalars)
        var p = from
        while p + d.count <= s.count {
            if Array(s[p..<(p + d.count)]) == d { return p + d.count }
            p += 1
        }
        return nil
    }

    /// The change in open `[` over a value's text from `p` (strings and comments skipped); sets
    /// `multiline` when a multi-line string stays open at the end of the line.
    private static func scanValue(_ s: [Unicode.Scalar], from start: Int, multiline: inout String?) -> Int {
        var depth = 0
        var p = start
        while p < s.count {
            let c = s[p]
            if c == "#" { break }
            if c == "\"" || c == "'" {
                let triple = String(repeating: String(c), count: 3)
                if let end = find(triple, in: s, from: p), end == p + 3 {
                    guard let close = find(triple, in: s, from: p + 3) else { multiline = triple; return depth }
                    p = close
                    continue
                }
                p += 1
                while p < s.count && s[p] != c {
                    if c == "\"" && s[p] == "\\" { p += 1 }
                    p += 1
                }
                p += 1
                continue
            }
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
            p += 1
        }
        return depth
    }
}

extension String {
    package func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
