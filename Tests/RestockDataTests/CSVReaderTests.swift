import Testing
@testable import RestockData

@Suite("CSVReader")
struct CSVReaderTests {
    private func records(_ text: String) throws -> [Record] {
        try withTempDir { dir in try readRecords(try dir.write("t.csv", text)) }
    }

    private func records(bytes: [UInt8]) throws -> [Record] {
        try withTempDir { dir in try readRecords(try dir.write("t.csv", bytes: bytes)) }
    }

    @Test func plainLFFile() throws {
        let r = try records("a,b,c\n1,2,3\n")
        #expect(r.map(\.strings) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(r.map(\.line) == [1, 2])
    }

    @Test func quotedCommasAndDoubledQuotes() throws {
        let r = try records("h1,h2\n\"x, y\",\"say \"\"hi\"\"\"\n")
        #expect(r.count == 2)
        #expect(r[1].strings == ["x, y", "say \"hi\""])
    }

    @Test func embeddedLFAndCRLFInQuotesKeepLaterLineNumbers() throws {
        // Record 2 spans lines 2-3 (LF inside quotes), record 3 spans lines 4-5 (CRLF inside quotes).
        let r = try records("h\n\"a\nb\"\n\"c\r\nd\"\nlast\n")
        #expect(r.map(\.strings) == [["h"], ["a\nb"], ["c\r\nd"], ["last"]])
        #expect(r.map(\.line) == [1, 2, 4, 6])
    }

    @Test func crlfFile() throws {
        let r = try records("a,b\r\n1,2\r\n3,4\r\n")
        #expect(r.map(\.strings) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func loneCRLineEnds() throws {
        let r = try records("a,b\r1,2\r3,4")
        #expect(r.map(\.strings) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let r = try records(bytes: [0xEF, 0xBB, 0xBF] + Array("date,sku\n2024-01-01,A\n".utf8))
        #expect(r.map(\.strings) == [["date", "sku"], ["2024-01-01", "A"]])
    }

    @Test func bomBeforeQuotedFirstField() throws {
        let r = try records(bytes: [0xEF, 0xBB, 0xBF] + Array("\"a,b\",c\n".utf8))
        #expect(r.map(\.strings) == [["a,b", "c"]])
    }

    @Test func noFinalNewline() throws {
        #expect(try records("a,b\n1,2").map(\.strings) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,\"2\"").map(\.strings) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,").map(\.strings) == [["a", "b"], ["1", ""]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let r = try records("a\n\n1\r\n\r\n\n2\n\n")
        #expect(r.map(\.strings) == [["a"], ["1"], ["2"]])
        #expect(r.map(\.line) == [1, 3, 6])
    }

    @Test func emptyFieldsAndEmptyQuotedField() throws {
        let r = try records("a,b,c\n,,\n\"\",x,\"\"\n\"\"\n")
        #expect(r.map(\.strings) == [["a", "b", "c"], ["", "", ""], ["", "x", ""], [""]])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        #expect(try records("12\" pipe,b\n").map(\.strings) == [["12\" pipe", "b"]])
    }

    @Test func strayCharacterAfterClosingQuoteIsAnError() throws {
        try withTempDir { dir in
            let p = try dir.write("t.csv", "a,b\n1,2\nx,\"ok\"y\n")
            let r = try CSVReader(path: p)
            #expect(try r.nextRecord())
            #expect(try r.nextRecord())
            let e = #expect(throws: CSVSyntaxError.self) { _ = try r.nextRecord() }
            #expect(e?.line == 3)
            #expect(e?.column == 2)
            #expect(e?.path == p)
        }
    }

    @Test func unterminatedQuoteAtEOFIsAnError() throws {
        try withTempDir { dir in
            let p = try dir.write("t.csv", "a,b\n1,\"never closed\nmore\n")
            let r = try CSVReader(path: p)
            #expect(try r.nextRecord())
            let e = #expect(throws: CSVSyntaxError.self) { _ = try r.nextRecord() }
            #expect(e?.line == 2)  // the record's starting line
            #expect(e?.column == 2)
        }
    }

    @Test func recordSpanningTheChunkBoundary() throws {
        // The reader's chunk is 1 MiB; place a 20 000-byte quoted field (with commas, doubled
        // quotes and newlines inside) so that it straddles byte 1 << 20.
        var text = "id,payload\n"
        var n = 0
        while text.utf8.count < (1 << 20) - 10_000 { n += 1; text += "\(n),row\(n)\n" }
        let piece = "ab,c\"\"d\ne"  // decodes to: ab,c"d<LF>e  (one LF per piece)
        let pieces = 20_000 / piece.utf8.count
        let bigLine = n + 2
        text += "big,\"" + String(repeating: piece, count: pieces) + "\"\n"
        text += "after,1\n"
        #expect(text.utf8.count > 1 << 20)
        let r = try records(text)
        #expect(r.count == n + 3)
        let big = r[n + 1]
        #expect(big.line == bigLine)
        #expect(big.strings[0] == "big")
        #expect(big.strings[1] == String(repeating: "ab,c\"d\ne", count: pieces))
        #expect(r.last?.strings == ["after", "1"])
        #expect(r.last?.line == bigLine + pieces + 1)
    }

    @Test func crlfSplitAcrossChunkBoundary() throws {
        // Make the CR of a CRLF the last byte of the first 1 MiB chunk.
        let header = "x\r\n"
        let filler = String(repeating: "a", count: (1 << 20) - header.utf8.count - 1)
        let text = header + filler + "\r\nnext\r\n"
        let r = try records(text)
        #expect(r.map(\.line) == [1, 2, 3])
        #expect(r.last?.strings == ["next"])
    }

    @Test func invalidUTF8FieldStringIsNil() throws {
        try withTempDir { dir in
            let p = try dir.write("t.csv", bytes: Array("a,".utf8) + [0xC3, 0x28] + [10])
            let r = try CSVReader(path: p)
            #expect(try r.nextRecord())
            #expect(r.fieldCount == 2)
            #expect(r.string(0) == "a")
            #expect(r.string(1) == nil)
            #expect(Array(r.field(1)) == [0xC3, 0x28])
        }
    }

    @Test func linesReadAfterEnd() throws {
        try withTempDir { dir in
            let p = try dir.write("t.csv", "a\n\"b\nc\"\nd\n")
            let r = try CSVReader(path: p)
            while try r.nextRecord() {}
            #expect(r.linesRead == 4)
        }
    }

    @Test func missingFileThrowsOpenError() {
        #expect(throws: CSVOpenError.self) { _ = try CSVReader(path: "/nonexistent/restock/\(UInt64.random(in: 0...UInt64.max)).csv") }
    }
}
