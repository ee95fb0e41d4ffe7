import Foundation

/// Writes a `summary.json`: pretty-printed, keys sorted (stable across runs), final newline.
package enum JSONOutput {
    package static func write<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(10)
        try OutputDirectory.writeDurably(data, to: path)
    }
}
