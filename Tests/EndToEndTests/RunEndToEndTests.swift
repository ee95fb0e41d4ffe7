import Foundation
import Testing

/// `restock run` and `restock forecast` on the committed samples: the contract's files and
/// columns, completeness, finiteness and determinism.
@Suite(.serialized) struct RunEndToEndTests {
    static let forecastHeader = ["sku", "location", "date", "forecast", "sd", "lo80", "hi80", "lo95", "hi95", "model"]
    /// The contract's columns, then the ones restock adds at the end.
    static let ordersHeader = ["sku", "location", "supplier", "order_date", "quantity", "arrival_date", "on_hand",
                               "on_order", "inventory_position", "reorder_point", "order_up_to", "safety_stock", "reason",
                               "days_of_cover", "projected_stockout_date", "urgency", "policy", "demand_model", "po",
                               "topped_up_units", "budget_cut_units", "next_order_date", "prebuild_units"]

    @Test func runWritesAllFiveFilesWithContractColumns() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/out"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out")
        for f in ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", "summary.json"] {
            #expect(files.contains(f), "missing \(f)")
        }
        let forecast = parseCSV(String(decoding: try dir.read("out/forecast.csv"), as: UTF8.self))
        #expect(forecast.first == Self.forecastHeader)
        let orders = parseCSV(String(decoding: try dir.read("out/orders.csv"), as: UTF8.self))
        #expect(orders.first == Self.ordersHeader)
        let transfers = parseCSV(String(decoding: try dir.read("out/transfers.csv"), as: UTF8.self))
        #expect(transfers.first == ["sku", "from_location", "to_location", "quantity", "ship_date", "arrival_date", "reason",
                                    "days_of_cover", "projected_stockout_date", "urgency"])
        let exceptions = parseCSV(String(decoding: try dir.read("out/exceptions.csv"), as: UTF8.self))
        #expect(exceptions.first == ["sku", "location", "kind", "detail"])

        // A row for every series and horizon day (default horizon 56), dates from as-of + 1.
        let series = Set(forecast.dropFirst().map { $0[0] + "|" + $0[1] })
        #expect(series.count == 120)
        #expect(forecast.count - 1 == 120 * 56)
        #expect(forecast[1][2] == "2024-12-31")
        // Every number finite and non-negative, intervals ordered.
        for row in forecast.dropFirst() {
            let numbers = row[3...8].map { Double($0) }
            #expect(numbers.allSatisfy { $0 != nil && $0!.isFinite && $0! >= 0 }, "\(row)")
            // forecast, sd, lo80, hi80, lo95, hi95: quantile pairs, nested, lo95 ≤ lo80 ≤ hi80 ≤ hi95
            // (4-decimal rounding); the mean of a skewed count may lie above hi80 (0.006 a day: 0).
            let v = numbers.map { $0 ?? .nan }
            let tolerance = 1e-4
            #expect(v[4] <= v[2] + tolerance && v[2] <= v[3] + tolerance && v[3] <= v[5] + tolerance, "\(row)")
            #expect(v[2] <= v[0] + tolerance || v[0] < 1, "a lower bound above a mean of a unit or more: \(row)")
        }
        for row in orders.dropFirst() {
            #expect(row.count == Self.ordersHeader.count)
            #expect(Double(row[4])! > 0)
            for k in [4, 6, 7, 8, 9, 10, 11] { #expect(Double(row[k])?.isFinite == true, "\(row)") }
        }
        // summary.json: as-of, inputs with sha256, counts.
        let summary = try JSONSerialization.jsonObject(with: try dir.read("out/summary.json")) as! [String: Any]
        #expect(summary["as_of"] as? String == "2024-12-30")
        let inputs = summary["inputs"] as! [[String: Any]]
        #expect(inputs.count == 8)  // the seven contract files and suppliers.csv
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let counts = summary["counts"] as! [String: Any]
        #expect(counts["series"] as? Int == 120)
        #expect(summary["timings_seconds"] is [String: Any])
    }

    @Test func runTwiceGivesByteIdenticalFiles() throws {
        let dir = try TempDir()
        let a = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/a", "--threads", "1"])
        let b = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/b", "--threads", "4"])
        #expect(a.status == 0 && b.status == 0)
        for f in ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv"] {
            #expect(try dir.read("a/" + f) == dir.read("b/" + f), "\(f) differs between runs")
        }
        // summary.json differs only in timings, finished_at and threads.
        func stable(_ d: Data) throws -> NSDictionary {
            var o = try JSONSerialization.jsonObject(with: d) as! [String: Any]
            o["timings_seconds"] = nil
            o["finished_at"] = nil
            o["threads"] = nil
            return o as NSDictionary
        }
        #expect(try stable(dir.read("a/summary.json")) == stable(dir.read("b/summary.json")))
    }

    @Test func asOfReplaysAPastNight() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/out",
                                        "--as-of", "2024-06-30", "--horizon", "14"])
        #expect(r.status == 0, "\(r.stderr)")
        let forecast = parseCSV(String(decoding: try dir.read("out/forecast.csv"), as: UTF8.self))
        #expect(forecast[1][2] == "2024-07-01")
        #expect(Set(forecast.dropFirst().map { $0[2] }).count == 14)
    }

    @Test func forecastCommandWritesForecastAndSummaryOnly() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/out",
                                        "--horizon", "7", "--levels", "50,90"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out"))
        #expect(files.isSuperset(of: ["forecast.csv", "summary.json"]))
        #expect(!files.contains("orders.csv"))
        let forecast = parseCSV(String(decoding: try dir.read("out/forecast.csv"), as: UTF8.self))
        #expect(forecast[0] == ["sku", "location", "date", "forecast", "sd", "lo50", "hi50", "lo90", "hi90", "model"])
        #expect(forecast.count - 1 == 120 * 7)
    }

    @Test func planFromAGivenForecast() throws {
        let dir = try TempDir()
        let run = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/f"])
        #expect(run.status == 0)
        let plan = try RestockProcess.run(["plan", "--data", RestockProcess.samples, "--forecast", dir.path + "/f/forecast.csv",
                                           "--out", dir.path + "/p"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let orders = parseCSV(String(decoding: try dir.read("p/orders.csv"), as: UTF8.self))
        #expect(orders.count > 1)
        // A forecast with a negative value is bad input: exit 65 naming the file and line.
        try dir.write("bad.csv", "sku,location,date,forecast,sd\nSKU00001,DC1,2024-12-31,-3,1\n")
        let bad = try RestockProcess.run(["plan", "--data", RestockProcess.samples, "--forecast", dir.path + "/bad.csv",
                                          "--out", dir.path + "/p"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.csv:2:4"), "\(bad.stderr)")
    }
}
