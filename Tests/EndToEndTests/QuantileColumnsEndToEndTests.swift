import Foundation
import Testing

/// `--quantiles` / `quantiles = [...]`: quantile columns at the end of forecast.csv.
@Suite(.serialized) struct QuantileColumnsEndToEndTests {
    @Test func quantileColumnsFollowTheContractColumnsAndAreOrdered() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/f",
                                        "--horizon", "14", "--quantiles", "0.5,0.9,0.99"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("f/forecast.csv"), as: UTF8.self))
        #expect(rows[0] == RunEndToEndTests.forecastHeader + ["q0.5", "q0.9", "q0.99"])
        var slowRows = 0
        for row in rows.dropFirst() {
            let q = row[10...12].map { Double($0)! }
            #expect(q[0] <= q[1] && q[1] <= q[2], "\(row)")
            #expect(q.allSatisfy { $0 >= 0 && $0.isFinite })
            // Slow movers get whole units.
            if Double(row[3])! < 5 {
                slowRows += 1
                #expect(q.allSatisfy { $0 == $0.rounded() }, "\(row)")
            }
        }
        #expect(slowRows > 0)
        // Without the option, the file is as before.
        let plain = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/p", "--horizon", "14"])
        #expect(plain.status == 0)
        let before = parseCSV(String(decoding: try dir.read("p/forecast.csv"), as: UTF8.self))
        #expect(before[0] == RunEndToEndTests.forecastHeader)
        #expect(before.count == rows.count)
        #expect(zip(before, rows).dropFirst().allSatisfy { Array($0.0) == Array($0.1[0..<10]) })
    }

    @Test func badQuantilesAreUsageErrors() throws {
        let dir = try TempDir()
        for bad in ["1.5", "0.5,0.5", "x"] {
            let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/f", "--quantiles", bad])
            #expect(r.status == 64, "\(bad): \(r.stderr)")
        }
        try dir.write("q.toml", "quantiles = [0.25, 0.75]\n")
        let ok = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/g", "--horizon", "3",
                                         "--config", dir.path + "/q.toml"])
        #expect(ok.status == 0, "stderr: \(ok.stderr)")
        #expect(parseCSV(String(decoding: try dir.read("g/forecast.csv"), as: UTF8.self))[0].suffix(2) == ["q0.25", "q0.75"])
    }
}
