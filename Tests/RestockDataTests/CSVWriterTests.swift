import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RestockData

@Suite("CSVWriter")
struct CSVWriterTests {
    /// Writes with `body`, closes, and returns the file's text.
    private func written(_ body: (CSVWriter) throws -> Void) throws -> String {
        try withTempDir { dir in
            let p = dir.path + "/out.csv"
            let w = try CSVWriter(path: p)
            try body(w)
            try w.close()
            return try String(contentsOfFile: p, encoding: .utf8)
        }
    }

    private func decimal(_ v: Double, _ places: Int = 4) throws -> String {
        try written { w in try w.writeDecimal(v, places: places); try w.endRecord() }
    }

    @Test func quotesOnlyWhenNeeded() throws {
        let text = try written { w in
            try w.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "ünïcödé"])
        }
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,ünïcödé\n")
    }

    @Test(arguments: [
        (1.23456, 4, "1.2346"), (2.5, 4, "2.5"), (3.0, 4, "3"), (-0.00001, 4, "0"), (0.00005, 4, "0.0001"),
        (-0.00005, 4, "-0.0001"), (123456789.5, 0, "123456790"), (-2.5, 0, "-3"), (0.0, 4, "0"), (-0.0, 2, "0"),
        (10.0, 2, "10"), (100.5, 1, "100.5"), (-1.05, 1, "-1.1"), (0.000123, 6, "0.000123"), (7.10, 3, "7.1"),
        (1e12 + 0.25, 2, "1000000000000.25"),
    ] as [(Double, Int, String)])
    func writeDecimal(value: Double, places: Int, expected: String) throws {
        #expect(try decimal(value, places) == expected + "\n")
    }

    /// `position` counts buffered bytes; `copy` splices whole records of another file in place.
    @Test func positionAndCopyOfAnotherFilesRecords() throws {
        try withTempDir { dir in
            let source = try dir.write("source.csv", String(repeating: "x,1\n", count: 300_000) + "y,2\nz,3\n")
            let fd = open(source, O_RDONLY)
            defer { close(fd) }
            let p = dir.path + "/out.csv"
            let w = try CSVWriter(path: p)
            try w.writeRow(["h", "v"])
            #expect(w.position == 4)
            let start = 300_000 * 4
            try w.copy(start..<(start + 4), from: fd, sourcePath: source)
            #expect(w.position == 8)
            try w.writeRow(["new", "9"])
            try w.copy(0..<(300_000 * 4), from: fd, sourcePath: source)
            #expect(w.position == 14 + 1_200_000)
            try w.writeRow(["end", "0"])
            try w.close()
            let text = try String(contentsOfFile: p, encoding: .utf8)
            #expect(text == "h,v\ny,2\nnew,9\n" + String(repeating: "x,1\n", count: 300_000) + "end,0\n")
            #expect(throws: CSVOpenError.self) { try CSVWriter(path: dir.path + "/o2.csv").copy(0..<(start + 100), from: fd, sourcePath: source) }
        }
    }

    @Test func nonFiniteIsAnEmptyField() throws {
        let text = try written { w in
            try w.writeInteger(1); try w.writeDecimal(.nan); try w.writeDecimal(.infinity); try w.writeInteger(-7)
            try w.endRecord()
        }
        #expect(text == "1,,,-7\n")
    }

    @Test func daysAndIntegers() throws {
        let text = try written { w in
            try w.writeDay(Day.parse("2024-02-29")!); try w.writeInteger(0); try w.writeInteger(Int.min + 1)
            try w.endRecord()
        }
        #expect(text == "2024-02-29,0,\(Int.min + 1)\n")
    }

    @Test func roundTripThroughCSVReader() throws {
        let rows: [[String]] = [
            ["sku", "note", "unicode"],
            ["SKU, \"special\"", "line1\nline2", "日本語 ✓ 🎉"],
            ["\"", ",", "\r\n"],
            ["", " spaced ", "\"\"\""],
            ["ends with quote\"", "a\rb", "x"],
        ]
        try withTempDir { dir in
            let p = dir.path + "/rt.csv"
            let w = try CSVWriter(path: p)
            for r in rows { try w.writeRow(r) }
            try w.close()
            let back = try readRecords(p).map(\.strings)
            #expect(back == rows)
        }
    }

    @Test func largeOutputIsFlushedCompletely() throws {
        // More than the 1 MiB buffer, so the writer flushes mid-way.
        try withTempDir { dir in
            let p = dir.path + "/big.csv"
            let w = try CSVWriter(path: p)
            for i in 0..<100_000 { try w.writeInteger(i); try w.writeDecimal(Double(i) / 8, places: 3); try w.endRecord() }
            try w.close()
            let r = try readRecords(p)
            #expect(r.count == 100_000)
            #expect(r[99_999].strings == ["99999", "12499.875"])
            #expect(r[3].strings == ["3", "0.375"])
        }
    }
}

/// A write that fails (a full disk: `/dev/full` answers every write with ENOSPC) is a write
/// error naming the path and the reason, not a read error.
@Suite struct CSVWriterFailureTests {
    @Test func aFullDeviceIsAWriteError() throws {
        let w = try CSVWriter(path: "/dev/full")
        let error = #expect(throws: CSVOpenError.self) {
            for _ in 0..<100_000 { try w.writeRow(["a", "b", "c"]) }
            try w.close()
        }
        #expect(error?.operation == .write)
        #expect(error?.description.contains("/dev/full: cannot write: write failed: No space left on device") == true, "\(String(describing: error))")
    }

    @Test func aFileThatCannotBeCreatedIsACreateError() {
        let error = #expect(throws: CSVOpenError.self) { _ = try CSVWriter(path: "/proc/restock-test/x.csv") }
        #expect(error?.operation == .create)
    }
}
