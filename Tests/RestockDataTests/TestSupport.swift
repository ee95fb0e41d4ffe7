import Foundation
@testable import RestockData

/// A unique temporary directory, removed by `withTempDir` when the body returns or throws.
struct TempDir {
    let path: String

    /// Writes `text` (as UTF-8 bytes, verbatim) to `name` inside the directory; returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
}

func withTempDir<T>(_ body: (TempDir) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("restock-tests-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(TempDir(path: url.path))
}

/// One parsed record: the line it starts on and its fields' raw bytes.
struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [[UInt8]]
    var strings: [String] { fields.map { String(decoding: $0, as: UTF8.self) } }
    var description: String { "\(line): \(strings)" }
}

/// Every record of `path` (or of `byteRange`), read with `CSVReader`.
func readRecords(_ path: String, byteRange: Range<Int>? = nil) throws -> [Record] {
    let r = try CSVReader(path: path, byteRange: byteRange)
    var out: [Record] = []
    while try r.nextRecord() {
        out.append(Record(line: r.line, fields: (0..<r.fieldCount).map { Array(r.field($0)) }))
    }
    return out
}

/// Runs `body` with a raw buffer over the UTF-8 bytes of `text`.
func withField<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    Array(text.utf8).withUnsafeBytes(body)
}
