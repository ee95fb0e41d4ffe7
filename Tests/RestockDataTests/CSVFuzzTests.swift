import Foundation
import Testing
import TestSupport
@testable import RestockData

/// Seeded fuzzing of the CSV scanner: random bytes never crash it, and random records written by
/// `CSVWriter` always read back identically, whatever they contain.
@Suite("CSV fuzz")
struct CSVFuzzTests {
    /// Bytes drawn mostly from the characters that matter to the grammar.
    private func randomBytes(_ rng: inout SplitMix64, count: Int) -> [UInt8] {
        let alphabet: [UInt8] = Array("ab,\"\r\n 1.-".utf8) + [0xEF, 0xBB, 0xBF, 0xFF, 0x00]
        return (0..<count).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] }
    }

    @Test func randomBytesEndInRecordsOrASyntaxErrorNeverACrash() throws {
        var rng = SplitMix64(seed: 2024)
        try withTempDir { dir in
            for round in 0..<400 {
                let path = try dir.write("f\(round).csv", bytes: randomBytes(&rng, count: rng.int(0...3000)))
                let reader = try CSVReader(path: path)
                var records = 0
                do {
                    while try reader.nextRecord() {
                        records += 1
                        for i in 0..<reader.fieldCount { _ = reader.field(i) }
                    }
                } catch let e as CSVSyntaxError {
                    #expect(e.line >= 1 && e.column >= 1)
                }
                #expect(records >= 0)
            }
        }
    }

    @Test func randomRecordsRoundTripThroughTheWriter() throws {
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "b", ",", "\"", "\n", "\r\n", " ", "é", "漢", "1.5", ""]
        try withTempDir { dir in
            for round in 0..<200 {
                let rows: [[String]] = (0..<rng.int(1...20)).map { _ in
                    (0..<rng.int(1...6)).map { _ in (0..<rng.int(0...5)).map { _ in pieces[rng.int(0...(pieces.count - 1))] }.joined() }
                }
                let path = dir.path + "/r\(round).csv"
                let writer = try CSVWriter(path: path)
                for row in rows { try writer.writeRow(row) }
                try writer.close()
                let reader = try CSVReader(path: path)
                var read: [[String]] = []
                while try reader.nextRecord() { read.append((0..<reader.fieldCount).map { reader.string($0)! }) }
                // A row that is one empty field is a blank line, which readers skip.
                #expect(read == rows.filter { $0 != [""] }, "round \(round)")
            }
        }
    }
}
