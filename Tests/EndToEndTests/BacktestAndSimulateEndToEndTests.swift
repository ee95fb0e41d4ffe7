import Foundation
import Testing

/// `restock backtest` and `restock simulate` on the committed samples.
@Suite(.serialized) struct BacktestAndSimulateEndToEndTests {
    /// The `all`-folds row of `model` and `segment` in backtest.csv, by column name.
    func row(_ rows: [[String]], model: String, segment: String) -> [String: String]? {
        let header = rows[0]
        guard let r = rows.first(where: { $0[0] == "all" && $0[2] == model && $0[3] == segment }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(header, r))
    }

    @Test func backtestBeatsTheBaselinesOnTheSamples() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["backtest", "--data", RestockProcess.samples, "--out", dir.path + "/bt",
                                        "--folds", "2", "--horizon", "28"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("bt/backtest.csv"), as: UTF8.self))
        #expect(rows[0] == ["fold", "origin", "model", "segment", "series", "days", "mase", "rmsse", "wape", "bias",
                            "coverage80", "coverage95", "pinball80", "pinball95"])
        let restock = try #require(row(rows, model: "restock", segment: "all"))
        let seasonal = try #require(row(rows, model: "seasonal_naive", segment: "all"))
        let naive = try #require(row(rows, model: "naive", segment: "all"))
        // Measured on the samples: restock WAPE ≈ 0.34, seasonal naive ≈ 0.49, naive ≈ 0.49.
        #expect(Double(restock["wape"]!)! < 0.9 * Double(seasonal["wape"]!)!)
        #expect(Double(restock["rmsse"]!)! < Double(naive["rmsse"]!)!)
        #expect(Double(restock["mase"]!)! < Double(seasonal["mase"]!)!)
        let promo = try #require(row(rows, model: "restock", segment: "promo_event"))
        let seasonalPromo = try #require(row(rows, model: "seasonal_naive", segment: "promo_event"))
        #expect(Double(promo["wape"]!)! < Double(seasonalPromo["wape"]!)!)
        // Intervals: 95 % coverage well above 80 % coverage, both plausible.
        let c80 = Double(restock["coverage80"]!)!, c95 = Double(restock["coverage95"]!)!
        #expect(c80 > 0.6 && c95 > c80 && c95 <= 1)
        let summary = try JSONSerialization.jsonObject(with: try dir.read("bt/summary.json")) as! [String: Any]
        #expect((summary["accuracy"] as? [String: Any])?["restock"] != nil)
    }

    @Test func simulateReportsServiceAndStockAgainstMinMax() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["simulate", "--data", RestockProcess.samples, "--from", "2024-11-01",
                                        "--to", "2024-11-28", "--out", dir.path + "/sim", "--refit-days", "14"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("min_max multiplier"))
        let rows = parseCSV(String(decoding: try dir.read("sim/simulation.csv"), as: UTF8.self))
        #expect(rows[0] == ["policy", "group", "key", "series", "target_csl", "achieved_csl", "fill_rate",
                            "stockout_days", "average_stock", "turnover", "units_demand", "units_lost"])
        let all = rows.filter { $0[1] == "all" }
        #expect(all.map { $0[0] } == ["restock", "min_max"])
        for row in all {
            let fill = Double(row[6])!, csl = Double(row[5])!
            #expect(fill > 0.5 && fill <= 1 && csl > 0.5 && csl <= 1, "\(row)")
        }
        // Locations and demand classes are reported.
        #expect(rows.contains { $0[0] == "restock" && $0[1] == "location" && $0[2] == "S01" })
        #expect(rows.contains { $0[0] == "restock" && $0[1] == "demand_class" })
        #expect(try RestockProcess.run(["simulate", "--data", RestockProcess.samples, "--from", "2024-12-20",
                                        "--to", "2024-12-01"]).status == 64)
    }
}
