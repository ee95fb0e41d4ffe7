import Foundation

/// Reads the subset of TOML that restock's config files use: `key = value` lines, `#` comments,
/// optional `[section]` headers (keys are then `section.key`), values that are numbers,
/// booleans, double-quoted strings, or flat arrays of numbers or strings.
///
/// Anything else is an error naming the line, so a typo never silently becomes a default.
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
        var section = ""
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = i + 1
            let line = ConfigFile.stripComment(String(raw)).trimmingCharacters()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ParseError(path: path, line: lineNo, message: "expected a section header like [forecast]")
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters()
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ParseError(path: path, line: lineNo, message: "expected 'key = value'")
            }
            let key = String(line[..<eq]).trimmingCharacters()
            let rawValue = String(line[line.index(after: eq)...]).trimmingCharacters()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw ParseError(path: path, line: lineNo, message: "bad key '\(key)'")
            }
            guard let value = ConfigFile.parseValue(rawValue) else {
                throw ParseError(path: path, line: lineNo, message: "bad value '\(rawValue)': expected a number, true/false, a \"string\" or an [array]")
            }
            let full = section.isEmpty ? key : section + "." + key
            if values[full] != nil {
                throw ParseError(path: path, line: lineNo, message: "'\(full)' is set twice")
            }
            values[full] = (value, lineNo)
        }
    }

    private static func stripComment(_ s: String) -> String {
        var inString = false
        var out = ""
        for c in s {
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { break }
            out.append(c)
        }
        return out
    }

    package static func parseValue(_ s: String) -> Value? {
        if s == "true" { return .bool(true) }
        if s == "false" { return .bool(false) }
        if s.hasPrefix("\"") {
            guard s.count >= 2, s.hasSuffix("\"") else { return nil }
            let inner = s.dropFirst().dropLast()
            if inner.contains("\"") { return nil }
            return .string(String(inner))
        }
        if s.hasPrefix("[") {
            guard s.hasSuffix("]") else { return nil }
            let inner = String(s.dropFirst().dropLast()).trimmingCharacters()
            if inner.isEmpty { return .array([]) }
            var items: [Value] = []
            for part in inner.split(separator: ",") {
                let p = String(part).trimmingCharacters()
                if p.isEmpty { continue }  // trailing comma
                guard let v = parseValue(p), v.isScalar else { return nil }
                items.append(v)
            }
            return .array(items)
        }
        if let d = Double(s.replacingUnderscores()), d.isFinite { return .number(d) }
        return nil
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

    /// Every key and its value and line, in line order.
    package var entries: [(key: String, value: Value, line: Int)] {
        values.map { ($0.key, $0.value.value, $0.value.line) }.sorted { $0.line < $1.line }
    }

    /// Keys not in `known` (for a clear error on typos).
    package func unknownKeys(known: Set<String>) -> [(String, Int)] {
        values.filter { !known.contains($0.key) }.map { ($0.key, $0.value.line) }.sorted { $0.1 < $1.1 }
    }

    package func value(_ key: String) -> (value: Value, line: Int)? { values[key] }
}

extension ConfigFile.Value {
    package var isScalar: Bool {
        if case .array = self { return false }
        return true
    }
}

extension String {
    package func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }

    package func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
