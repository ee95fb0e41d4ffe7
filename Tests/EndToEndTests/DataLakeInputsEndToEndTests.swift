import Foundation
import Testing
import TestSupport

/// Inputs as data lakes export them (issue 11, item 4): a night on `samples/retail` whose sales
/// are a folder of part files, some gzip-compressed, and whose other inputs are partly `.csv.gz`,
/// writes the plain night's files byte for byte; errors name the part file; two forms of one
/// table and a damaged gzip stop the night (exit 65).
@Suite(.serialized) struct DataLakeInputsEndToEndTests {
    /// Compresses `path` in place (`path.gz`, the original removed) with the system's gzip.
    static func gzip(_ path: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// The samples as a lake exports them: `sales/part-0000{0…3}.csv` (each with the header; parts
    /// 1 and 3 gzipped), `items.csv.gz`, `promotions.csv.gz`. Returns the data directory.
    static func lake(_ dir: TempDir, compressParts: Bool = true, calendarsOnly: Bool = false,
                     salesRows: (inout [String]) -> Void = { _ in }) throws -> String {
        let data = try calendarsOnly ? dir.copySamplesWithCalendarsOnly("lake") : dir.copySamples("lake")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: data + "/sales.csv")), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        salesRows(&lines)
        try FileManager.default.removeItem(atPath: data + "/sales.csv")
        try FileManager.default.createDirectory(atPath: data + "/sales", withIntermediateDirectories: true)
        let size = (lines.count + 3) / 4
        for k in 0..<4 {
            let part = data + "/sales/part-0000\(k).csv"
            let rows = lines[(k * size)..<min(lines.count, (k + 1) * size)]
            try Data(([header] + rows).joined(separator: "\n").appending("\n").utf8).write(to: URL(fileURLWithPath: part))
            if compressParts && k % 2 == 1 { try gzip(part) }
        }
        try gzip(data + "/items.csv")
        try gzip(data + "/promotions.csv")
        return data
    }

    @Test func aNightOnPartFilesAndGzipIsThePlainNightByteForByte() throws {
        let dir = try TempDir()
        let lake = try Self.lake(dir)
        let plain = dir.path + "/plain", split = dir.path + "/split"
        let a = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", plain])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try RestockProcess.run(["run", "--data", lake, "--out", split])
        #expect(b.status == 0, "\(b.stderr)")
        let x = try OutputSetFiles.files(plain), y = try OutputSetFiles.files(split)
        #expect(Set(x.keys) == Set(y.keys))
        #expect(["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", "purchase_orders.csv", "report.html",
                 "state/models.v1.csv", "state/inputs.v1.json"].allSatisfy { x[$0] != nil })
        // The snapshot's meta (input files' names and sizes) and sales index (the compressed parts
        // are not indexed) describe the files as stored; everything else is the same bytes.
        let describesStorage: Set<String> = ["summary.json", "state/baseline.v1/meta.json", "state/baseline.v1/sales-index.csv"]
        for (name, bytes) in x where !describesStorage.contains(name) {
            #expect(y[name] == bytes, "\(name) differs")
        }
        // summary.json: the same but for the inputs' names and digests.
        let sx = try OutputSetFiles.summaryWithoutTimings(x["summary.json"]).mutableCopy() as! NSMutableDictionary
        let sy = try OutputSetFiles.summaryWithoutTimings(y["summary.json"]).mutableCopy() as! NSMutableDictionary
        let inputs = try #require(sy["inputs"] as? [[String: Any]])
        let names = inputs.compactMap { $0["file"] as? String }
        #expect(names.contains("sales/") && names.contains("items.csv.gz") && names.contains("promotions.csv.gz"), "\(names)")
        let plainInputs = try #require(sx["inputs"] as? [[String: Any]])
        #expect(plainInputs.map { $0["rows"] as? Int } == inputs.map { $0["rows"] as? Int })
        sx["inputs"] = nil
        sy["inputs"] = nil
        #expect(sx == sy)
    }

    /// A what-if from a lake night's snapshot: with plain part files only the touched skus' rows
    /// are read (the index records each run's part file); with compressed parts the whole table
    /// is read. Either way its files are those of the what-if from the plain night.
    @Test(arguments: [false, true]) func aWhatIfFromALakeNightIsThePlainNightsWhatIf(compressed: Bool) throws {
        let dir = try TempDir()
        // The snapshot's partial recompute needs data without cross-sku supplier terms.
        let lake = try Self.lake(dir, compressParts: compressed, calendarsOnly: true)
        let plainData = try dir.copySamplesWithCalendarsOnly("plain-data")
        try dir.write("scenario.toml", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\ndiscount = 30\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n")
        for (data, name) in [(plainData, "plain"), (lake, "lake")] {
            let night = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night-" + name])
            #expect(night.status == 0, "\(night.stderr)")
            let w = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/whatif-" + name,
                                            "--baseline", dir.path + "/night-" + name, "--scenario", dir.path + "/scenario.toml"])
            #expect(w.status == 0, "\(w.stderr)")
            #expect(w.stderr.contains("from baseline snapshot"), "\(w.stderr)")
            if name == "lake" { #expect(w.stderr.contains("skus_loaded=30") == compressed, "\(w.stderr)") }
        }
        for f in ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", "diff.csv", "report.html", "state/models.v1.csv"] {
            #expect(try dir.read("whatif-plain/" + f) == dir.read("whatif-lake/" + f), "\(f) differs")
        }
    }

    @Test func bothSalesCsvAndASalesFolderIsADataError() throws {
        let dir = try TempDir()
        let lake = try Self.lake(dir)
        try FileManager.default.copyItem(atPath: RestockProcess.samples + "/sales.csv", toPath: lake + "/sales.csv")
        let r = try RestockProcess.run(["run", "--data", lake, "--out", dir.path + "/out"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("sales.csv and sales/ are both in the data directory: expected exactly one of sales.csv, sales.csv.gz, sales/"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }

    @Test func aBrokenRowInACompressedPartIsNamedByThePartAndSetAside() throws {
        let dir = try TempDir()
        // Row 10 of part 1 (its line 11: the header is line 1) gets a quantity that does not parse.
        let lake = try Self.lake(dir) { lines in
            let size = (lines.count + 3) / 4
            var f = lines[size + 9].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[3] = "many"
            lines[size + 9] = f.joined(separator: ",")
        }
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: RestockProcess.samples + "/sales.csv")).prefix(200), as: UTF8.self)
            .split(separator: "\n")[0].split(separator: ",").map(String.init)
        #expect(header[3] == "quantity")
        let v = try RestockProcess.run(["validate", "--data", lake])
        #expect(v.status == 65)
        #expect(v.stderr.contains("sales/part-00001.csv.gz:11:4: error: column 'quantity': 'many': expected a finite number"), "\(v.stderr)")
        let r = try RestockProcess.run(["run", "--data", lake, "--out", dir.path + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("sales/part-00001.csv.gz: 1 row(s) with errors set aside into rejected/sales/part-00001.csv"), "\(r.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("out/rejected/sales/part-00001.csv"), as: UTF8.self))
        #expect(rows.count == 2 && rows[1][0] == "11" && rows[1][2].contains(",many"))
        let summary = try JSONSerialization.jsonObject(with: try dir.read("out/summary.json")) as! [String: Any]
        #expect((summary["rejected_rows"] as? [String: Int]) == ["sales/part-00001.csv.gz": 1])
    }

    @Test func aDamagedGzipIsADataErrorThatSaysSo() throws {
        let dir = try TempDir()
        let lake = try Self.lake(dir)
        let part = lake + "/sales/part-00003.csv.gz"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: part))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: part))
        let r = try RestockProcess.run(["run", "--data", lake, "--out", dir.path + "/out"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("sales/part-00003.csv.gz:") && r.stderr.contains("the gzip data is damaged"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
    }
}
