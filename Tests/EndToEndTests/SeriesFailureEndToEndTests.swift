import Foundation
import Testing

/// One series whose forecast breaks (injected with `RESTOCK_FAILPOINT_FORECAST`) does not fail
/// the night: it is forecast by the 28-day mean, named in a warning and an exception row, and
/// every other series' output is what it would have been.
@Suite struct SeriesFailureEndToEndTests {
    @Test func aBrokenSeriesFallsBackAndTheNightCompletes() throws {
        let dir = try TempDir()
        let clean = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/clean"])
        #expect(clean.status == 0, "stderr: \(clean.stderr)")
        let broken = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/broken"],
                                            environment: ["RESTOCK_FAILPOINT_FORECAST": "SKU00003@S02"])
        #expect(broken.status == 0, "stderr: \(broken.stderr)")
        #expect(broken.stderr.contains("SKU00003 at S02: forecast replaced by the 28-day mean: failpoint gave mean nan"), "\(broken.stderr)")
        let exceptions = parseCSV(String(decoding: try dir.read("broken/exceptions.csv"), as: UTF8.self))
        #expect(exceptions.contains { $0[0] == "SKU00003" && $0[1] == "S02" && $0[2] == "forecast_fallback" })
        let rows = parseCSV(String(decoding: try dir.read("broken/forecast.csv"), as: UTF8.self)).dropFirst()
        let mine = rows.filter { $0[0] == "SKU00003" && $0[1] == "S02" }
        #expect(mine.count == 56 && mine.allSatisfy { $0[9] == "fallback_mean28" && Double($0[3])!.isFinite })
        // Other skus' forecasts are untouched (the cross-series model and pool are fitted on
        // the histories, which did not change).
        let cleanRows = parseCSV(String(decoding: try dir.read("clean/forecast.csv"), as: UTF8.self)).dropFirst()
        #expect(rows.filter { $0[0] != "SKU00003" } == cleanRows.filter { $0[0] != "SKU00003" })
        let summary = String(decoding: try dir.read("broken/summary.json"), as: UTF8.self)
        #expect(summary.contains("\"forecast_fallback\" : 1"), "\(summary)")
    }
}
