import Foundation
import Testing

/// `global_model` / `--global-model`: each series' own forecast averaged with the cross-series
/// model, end to end on the samples.
@Suite(.serialized) struct GlobalModelEndToEndTests {
    @Test func runWithTheGlobalModelCombinesEverySeriesWithHistory() throws {
        let dir = try TempDir()
        let off = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/off"])
        #expect(off.status == 0, "stderr: \(off.stderr)")
        let on = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/on", "--global-model", "on"])
        #expect(on.status == 0, "stderr: \(on.stderr)")
        let plain = parseCSV(String(decoding: try dir.read("off/forecast.csv"), as: UTF8.self))
        let combined = parseCSV(String(decoding: try dir.read("on/forecast.csv"), as: UTF8.self))
        #expect(plain.first == combined.first)
        #expect(plain.count == combined.count)
        var changed = 0
        for (a, b) in zip(plain.dropFirst(), combined.dropFirst()) {
            #expect(a[0...2] == b[0...2])
            #expect(b[9] == a[9] + "+global" || a[9] == "no_history", "\(a[9]) → \(b[9])")
            let v = Double(b[3])!
            #expect(v.isFinite && v >= 0)
            if a[3] != b[3] { changed += 1 }
        }
        #expect(changed > (plain.count - 1) / 2)
        // The same inputs give the same bytes, whatever the threads.
        let again = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/again",
                                            "--global-model", "on", "--threads", "1"])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try dir.read("again/forecast.csv") == dir.read("on/forecast.csv"))
        #expect(try dir.read("again/orders.csv") == dir.read("on/orders.csv"))
    }

    @Test func configFileKeyAndBadValues() throws {
        let dir = try TempDir()
        try dir.write("on.toml", "global_model = true\nhorizon = 14\n")
        let r = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/f",
                                        "--config", dir.path + "/on.toml"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("f/forecast.csv"), as: UTF8.self))
        #expect(rows.dropFirst().contains { $0[9].hasSuffix("+global") })
        try dir.write("bad.toml", "global_model = 3\n")
        let bad = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/g",
                                          "--config", dir.path + "/bad.toml"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("bad.toml:1") && bad.stderr.contains("global_model"))
        let flag = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/h",
                                           "--global-model", "maybe"])
        #expect(flag.status == 64)
    }

    @Test func everyNamedConfigurationRuns() throws {
        let dir = try TempDir()
        let models = RestockProcess.packageRoot.appendingPathComponent("models").path
        let names = try FileManager.default.contentsOfDirectory(atPath: models).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(names.contains("item-level.toml") && names.contains("nightly.toml"))
        for name in names {
            let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/" + name,
                                            "--config", models + "/" + name, "--horizon", "14"])
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        let rows = parseCSV(String(decoding: try dir.read("item-level.toml/forecast.csv"), as: UTF8.self))
        #expect(rows[0].suffix(2) == ["q0.5", "q0.95"])
        #expect(rows.dropFirst().contains { $0[9].hasSuffix("+global") })
    }

    @Test func backtestScoresTheGlobalModelAloneAndCombined() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["backtest", "--data", RestockProcess.samples, "--out", dir.path + "/bt",
                                        "--folds", "1", "--horizon", "14"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("bt/backtest.csv"), as: UTF8.self))
        let header = rows[0]
        let model = header.firstIndex(of: "model")!, segment = header.firstIndex(of: "segment")!
        let wrmsse = header.firstIndex(of: "wrmsse")!
        for name in ["restock", "global", "combo", "mean28"] {
            let row = rows.first { $0[model] == name && $0[segment] == "all" }
            #expect(row != nil, "no \(name) row")
            if let row { #expect(Double(row[wrmsse])?.isFinite == true, "\(name): \(row[wrmsse])") }
        }
    }

    @Test func whatIfFromABaselineWithTheGlobalModelRecomputesAndSaysWhy() throws {
        let dir = try TempDir()
        let night = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/night", "--global-model", "on"])
        #expect(night.status == 0, "stderr: \(night.stderr)")
        try dir.write("s.toml", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n")
        let w = try RestockProcess.run(["whatif", "--data", RestockProcess.samples, "--out", dir.path + "/w", "--scenario", dir.path + "/s.toml",
                                        "--baseline", dir.path + "/night", "--global-model", "on"])
        #expect(w.status == 0, "stderr: \(w.stderr)")
        #expect(w.stderr.contains("global_model"))
        let diff = parseCSV(String(decoding: try dir.read("w/diff.csv"), as: UTF8.self))
        #expect(diff.count > 1)
    }
}
