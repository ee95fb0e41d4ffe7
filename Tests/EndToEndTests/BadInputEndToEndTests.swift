import Foundation
import Testing

/// Broken inputs exit 65 with messages naming file, line and column, and write nothing;
/// valid but awkward CSV is accepted and round-trips into the outputs.
@Suite struct BadInputEndToEndTests {
    /// Copies the samples, applies `corrupt`, runs `validate` and `run --strict`: both exit 65
    /// naming every problem, and nothing is written. Then the default `run`: with `setAside`
    /// (file → the lines of its bad rows) the night completes with those rows in
    /// `rejected/<file>` and counted in `summary.json`; without, it too exits 65.
    func expectDataError(_ corrupt: (TempDir, String) throws -> Void, mentions: [String],
                         setAside: [String: [Int]]? = nil) throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        try corrupt(dir, data)
        let v = try RestockProcess.run(["validate", "--data", data])
        #expect(v.status == 65, "validate exit \(v.status): \(v.stderr)")
        for m in mentions { #expect(v.stderr.contains(m), "expected '\(m)' in:\n\(v.stderr.prefix(2000))") }
        let strict = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/strict", "--strict"])
        #expect(strict.status == 65)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/strict"), "a failed run must write nothing")
        let r = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/out"])
        guard let setAside else {
            #expect(r.status == 65)
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"), "a failed run must write nothing")
            return
        }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let summary = String(decoding: try dir.read("out/summary.json"), as: UTF8.self)
        for (file, lines) in setAside {
            #expect(r.stderr.contains("\(file): \(lines.count) row(s) with errors set aside into rejected/\(file)"), "\(r.stderr)")
            let rows = parseCSV(String(decoding: try dir.read("out/rejected/" + file), as: UTF8.self))
            #expect(rows.first == ["line", "reason", "record"])
            #expect(rows.dropFirst().map { Int($0[0]) } == lines, "\(rows)")
            #expect(summary.contains("\"\(file)\" : \(lines.count)"), "\(summary)")
        }
    }

    /// Replaces line `line` (1-based) of `file` in the data dir.
    func replaceLine(_ data: String, _ file: String, _ line: Int, with text: String) throws {
        let path = data + "/" + file
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = text
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func appendLine(_ data: String, _ file: String, _ text: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/" + file))
        h.seekToEndOfFile()
        h.write(Data((text + "\n").utf8))
        try h.close()
    }

    @Test func everyBadRowIsReportedWithFileLineAndColumn() throws {
        try expectDataError({ _, data in
            try replaceLine(data, "sales.csv", 3, with: "2023-02-30,SKU00001,DC1,1,5,9.99")
            try replaceLine(data, "sales.csv", 5, with: "2023-01-04,SKU00001,DC1,many,5,9.99")
            try replaceLine(data, "sales.csv", 7, with: "2023-01-06,SKU00001,DC1,NaN,5,9.99")
            try replaceLine(data, "sales.csv", 9, with: "2023-01-08,SKU00001,DC1,inf,5,9.99")
            // What real exports hold and is not an error: a blank price, a price above the regular one.
            try replaceLine(data, "sales.csv", 11, with: "2023-01-10,SKU00001,DC1,2,5,")
            try appendLine(data, "promotions.csv", "SKU00001,,2024-05-10,2024-05-12,feature,-12.5")
        }, mentions: ["sales.csv:3:1", "'2023-02-30'", "expected a date YYYY-MM-DD",
                      "sales.csv:5:4", "'many'", "sales.csv:7:4", "sales.csv:9:4", "expected a finite number"],
                            setAside: ["sales.csv": [3, 5, 7, 9]])
    }

    @Test func hugeNumbersAreDataErrorsNotCrashes() throws {
        try expectDataError({ _, data in
            let lines = try String(contentsOfFile: data + "/items.csv", encoding: .utf8).components(separatedBy: "\n")
            // Line 3: a store's row (line 2 is the DC the stores are supplied from, whose loss
            // would leave their rows without a source: that stops the night).
            var fields = lines[2].components(separatedBy: ",")
            fields[3] = "1e19"  // lead_time_days
            try replaceLine(data, "items.csv", 3, with: fields.joined(separator: ","))
            let inventory = try String(contentsOfFile: data + "/inventory.csv", encoding: .utf8).components(separatedBy: "\n")
            var stock = inventory[1].components(separatedBy: ",")
            stock[2] = "1e19"
            try replaceLine(data, "inventory.csv", 2, with: stock.joined(separator: ","))
        }, mentions: ["items.csv:3:4", "inventory.csv:2:3", "below 1e12"], setAside: ["items.csv": [3], "inventory.csv": [2]])
    }

    @Test func missingRequiredColumn() throws {
        try expectDataError({ _, data in
            try replaceLine(data, "sales.csv", 1, with: "date,sku,location,qty,on_hand,price")
        }, mentions: ["sales.csv:1", "missing required column 'quantity'"])
    }

    @Test func promotionEndingBeforeItStarts() throws {
        try expectDataError({ _, data in
            try appendLine(data, "promotions.csv", "SKU00001,,2024-05-10,2024-05-01,discount,20")
        }, mentions: ["promotions.csv:240", "end_date is before start_date"], setAside: ["promotions.csv": [240]])
    }

    /// A DC's items row with a bad value: set aside, the stores it supplies have no source row,
    /// and that is a problem with the file (their network cannot be planned): exit 65.
    @Test func aBadRowANetworkDependsOnStopsTheNight() throws {
        try expectDataError({ _, data in
            let lines = try String(contentsOfFile: data + "/items.csv", encoding: .utf8).components(separatedBy: "\n")
            var fields = lines[1].components(separatedBy: ",")
            fields[6] = "1.5"
            try replaceLine(data, "items.csv", 2, with: fields.joined(separator: ","))
        }, mentions: ["items.csv:2:7", "source location has no items.csv row for sku SKU00001"])
    }

    @Test func serviceLevelOutsideZeroOne() throws {
        try expectDataError({ _, data in
            let lines = try String(contentsOfFile: data + "/items.csv", encoding: .utf8).components(separatedBy: "\n")
            var fields = lines[2].components(separatedBy: ",")
            fields[6] = "1.5"
            try replaceLine(data, "items.csv", 3, with: fields.joined(separator: ","))
        }, mentions: ["items.csv:3:7", "service_level", "strictly between 0 and 1"], setAside: ["items.csv": [3]])
    }

    @Test func duplicateKeysInItemsAndInventory() throws {
        try expectDataError({ _, data in
            let items = try String(contentsOfFile: data + "/items.csv", encoding: .utf8).components(separatedBy: "\n")
            try appendLine(data, "items.csv", items[1])
            let inventory = try String(contentsOfFile: data + "/inventory.csv", encoding: .utf8).components(separatedBy: "\n")
            try appendLine(data, "inventory.csv", inventory[1])
        }, mentions: ["items.csv:122", "duplicate (sku, location)", "already on line 2", "inventory.csv:122"])
    }

    @Test func lanesAndSourcesNamingUnknownLocations() throws {
        try expectDataError({ _, data in
            try appendLine(data, "lanes.csv", "S01,S99,1,0.5")
            // A store supplied from a location that has no items row for the sku.
            try appendLine(data, "items.csv", "SKU00001,S04,S03X,2,0,1,0.95,0,1,100,1.5,snacks")
            try appendLine(data, "inventory.csv", "SKU00002,S05,3,0")
            try appendLine(data, "items.csv", "SKU00002,S05,S04,2,0,1,0.95,0,1,100,1.5,snacks")
        }, mentions: ["lanes.csv:8:2", "'S99'", "unknown location", "items.csv", "source location has no items.csv row for sku SKU00002"])
    }

    @Test func invalidUTF8AndEmptyFiles() throws {
        try expectDataError({ _, data in
            var bytes = try Data(contentsOf: URL(fileURLWithPath: data + "/sales.csv"))
            let line2 = bytes.firstIndex(of: 10)! + 1
            bytes.replaceSubrange(line2 + 11..<line2 + 19, with: [0x53, 0x4B, 0xFF, 0xFE, 0x30, 0x30, 0x30, 0x31])
            try bytes.write(to: URL(fileURLWithPath: data + "/sales.csv"))
            try Data().write(to: URL(fileURLWithPath: data + "/events.csv"))
        }, mentions: ["sales.csv:2:2", "invalid UTF-8", "events.csv:1", "the file is empty"])
    }

    @Test func awkwardButValidCSVIsAcceptedAndRoundTrips() throws {
        let dir = try TempDir()
        let sku = "Mug \"Big\", 12oz"
        let loc = "Store\nNorth"
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var sales = "\u{FEFF}date,sku,location,quantity\r\n"
        for d in 1...28 { sales += String(format: "2024-02-%02d", d) + ",\(q(sku)),\(q(loc)),\(d % 7)\r\n" }
        sales += "2024-02-29,\(q(sku)),\(q(loc)),3"  // no final line break
        try dir.write("data/sales.csv", sales)
        // Reviewed every night, so tonight's plan orders.
        try dir.write("data/items.csv", "sku,location,source,lead_time_days,review_days\r\n\(q(sku)),\(q(loc)),\"SUP, Inc.\",3,1\r\n")
        try dir.write("data/inventory.csv", "sku,location,on_hand\n\(q(sku)),\(q(loc)),0\n")
        let r = try RestockProcess.run(["run", "--data", dir.path + "/data", "--out", dir.path + "/out", "--horizon", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let forecast = parseCSV(String(decoding: try dir.read("out/forecast.csv"), as: UTF8.self))
        #expect(forecast.count == 6)
        #expect(forecast[1][0] == sku && forecast[1][1] == loc)
        #expect(forecast[1][2] == "2024-03-01")
        let orders = parseCSV(String(decoding: try dir.read("out/orders.csv"), as: UTF8.self))
        #expect(orders.count == 2)
        #expect(orders[1][0] == sku && orders[1][1] == loc && orders[1][2] == "SUP, Inc.")
    }
}
