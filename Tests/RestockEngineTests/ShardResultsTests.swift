import Foundation
@testable import RestockEngine
import RestockSettings
import Testing

/// The shards' results are read back as the same bits they were written from.
@Suite struct ShardResultsTests {
    static func parse(_ text: String, what: String = "mean") throws -> [Double] {
        var scratch = NumberListScratch()
        return try Array(text.utf8).withUnsafeBytes { try ShardResults.parseNumbers($0, what, 7, scratch: &scratch) }
    }

    @Test func numbersInShortestRoundTripFormComeBackBitForBit() throws {
        let values: [Double] = [0, -0.0, 1, 1.0095238095238095, 0.1 + 0.2, 5e-324, 2.2250738585072014e-308,
                                1.7976931348623157e308, -2.5e-10, 123456789.12345679, 3.0e15, 1e22, 1e23, 0.000123]
        let read = try Self.parse(ShardResults.numbers(values))
        #expect(read.map(\.bitPattern) == values.map(\.bitPattern))
        // Runs of spaces and an empty field.
        #expect(try Self.parse("  1.5   2 ") == [1.5, 2])
        #expect(try Self.parse("") == [])
        // What Swift writes for the non-finite values reads back too.
        let odd = try Self.parse(ShardResults.numbers([.infinity, -.infinity]))
        #expect(odd == [.infinity, -.infinity])
        #expect(try Self.parse("nan")[0].isNaN)
    }

    @Test func aBadNumberIsNamedWithItsLineAndField() {
        for bad in ["1.5 x2 3", "1.5,2", "1..2", "\t1", "-"] {
            do {
                _ = try Self.parse(bad, what: "reg_base_sd")
                Issue.record("'\(bad)' was read")
            } catch let e as RestockError {
                let prefix = ShardResults.resultsFile + ":7: bad number '"
                #expect(e.message.hasPrefix(prefix), "\(e.message)")
                #expect(e.message.hasSuffix("' in reg_base_sd"), "\(e.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
