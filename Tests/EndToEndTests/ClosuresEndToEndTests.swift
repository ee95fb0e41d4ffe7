import Foundation
import Testing

/// `closures.csv` on the samples (as-of 2024-12-30): a store closed for three planned days
/// after the as-of date forecasts 0 on them; a past closure of one sku (November 2024, when it
/// sold nothing) is not demand: it is read exactly as stock-out days are, so the forecasts
/// equal, byte for byte, those of the same data with those days marked as stock-outs.
@Suite struct ClosuresEndToEndTests {
    func forecasts(_ dir: TempDir, _ data: String, _ out: String) throws -> (text: Data, byKey: [String: Double]) {
        let r = try RestockProcess.run(["forecast", "--data", data, "--out", dir.path + "/" + out, "--horizon", "14"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let text = try dir.read(out + "/forecast.csv")
        let rows = parseCSV(String(decoding: text, as: UTF8.self))
        let h = rows[0]
        let sku = h.firstIndex(of: "sku")!, loc = h.firstIndex(of: "location")!, date = h.firstIndex(of: "date")!
        let f = h.firstIndex(of: "forecast")!
        var out: [String: Double] = [:]
        for row in rows.dropFirst() where row.count == h.count { out[row[sku] + "@" + row[loc] + "@" + row[date]] = Double(row[f])! }
        return (text, out)
    }

    /// The samples with SKU00001 at S01 selling nothing in November 2024; `stockout` also sets
    /// its on_hand to 0 on those days.
    func edited(_ dir: TempDir, _ name: String, stockout: Bool) throws -> String {
        let d = try dir.copySamples(name)
        let path = d + "/sales.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",").map(String.init)
        let onHand = header.firstIndex(of: "on_hand")!
        let out = lines.map { line -> String in
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count, f[1] == "SKU00001", f[2] == "S01", f[0].hasPrefix("2024-11-") else { return String(line) }
            f[3] = "0"
            if stockout { f[onHand] = "0" }
            return f.joined(separator: ",")
        }
        try out.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return d
    }

    @Test func plannedClosuresForecastZeroAndPastOnesAreNotDemand() throws {
        let dir = try TempDir()
        let plain = try edited(dir, "plain", stockout: false)
        let closed = try edited(dir, "closed", stockout: false)
        let stockout = try edited(dir, "stockout", stockout: true)
        let planned = "S02,2025-01-02,2025-01-04,\n"
        try ("location,start_date,end_date,sku\n" + planned + "S01,2024-11-01,2024-11-30,SKU00001\n")
            .write(toFile: closed + "/closures.csv", atomically: true, encoding: .utf8)
        try ("location,start_date,end_date,sku\n" + planned).write(toFile: stockout + "/closures.csv", atomically: true, encoding: .utf8)
        let a = try forecasts(dir, plain, "a"), b = try forecasts(dir, closed, "b"), c = try forecasts(dir, stockout, "c")
        #expect(b.text == c.text, "a declared closure is read as stock-out days")
        #expect(a.text != b.text)
        let closedDays = ["2025-01-02", "2025-01-03", "2025-01-04"]
        func onClosedDays(_ f: [String: Double]) -> [Double] {
            f.filter { k, _ in k.contains("@S02@") && closedDays.contains { k.hasSuffix($0) } }.map(\.value)
        }
        #expect(onClosedDays(b.byKey).count == 30 * closedDays.count)
        #expect(onClosedDays(b.byKey).allSatisfy { $0 == 0 })
        #expect(onClosedDays(a.byKey).reduce(0, +) > 100)
    }

    @Test func aBadClosureRowIsReportedWithFileLineAndColumn() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        try "location,start_date,end_date\nS01,2025-01-05,2025-01-01\n".write(toFile: data + "/closures.csv", atomically: true, encoding: .utf8)
        let r = try RestockProcess.run(["validate", "--data", data])
        #expect(r.status == 65)
        #expect(r.stderr.contains("closures.csv:2:3: error: column 'end_date'"), "stderr: \(r.stderr)")
    }
}
