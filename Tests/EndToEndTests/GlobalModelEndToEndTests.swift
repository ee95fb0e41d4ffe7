import Foundation
import Testing

/// `global_model` / `--global-model`: each series' own forecast averaged with the cross-series
/// model, end to end on the samples.
@Suite(.serialized) struct GlobalModelEndToEndTests {
    @Test func runWithTheGlobalModelCombinesEverySeriesWithHistory() throws {
        let dir = try TempDir()
        let off = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/off", "--global-model", "off"])
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
        #expect(flag.stderr.contains("auto, on or off"))
        try dir.write("auto.toml", "global_model = \"auto\"\nhorizon = 14\n")
        let auto = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/a",
                                           "--config", dir.path + "/auto.toml"])
        #expect(auto.status == 0, "stderr: \(auto.stderr)")
        let byDefault = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/d",
                                                "--horizon", "14"])
        #expect(byDefault.status == 0, "stderr: \(byDefault.stderr)")
        #expect(try dir.read("a/forecast.csv") == dir.read("d/forecast.csv"), "auto is the default")
        try dir.write("word.toml", "global_model = \"sometimes\"\n")
        let word = try RestockProcess.run(["forecast", "--data", RestockProcess.samples, "--out", dir.path + "/w",
                                           "--config", dir.path + "/word.toml"])
        #expect(word.status == 64)
        #expect(word.stderr.contains("word.toml:1") && word.stderr.contains("auto"))
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

    /// The default (`auto`): one weight for the run, chosen on holdout windows, so every series
    /// with history either carries the combination or none does; the same bytes whatever the
    /// threads; the nightly snapshot keeps the weight, and a what-if from it writes what a
    /// recomputed baseline writes.
    @Test func autoChoosesOneWeightPerRunAndTheSnapshotKeepsIt() throws {
        let dir = try TempDir()
        let samples = try dir.copySamplesWithCalendarsOnly()  // the snapshot path needs data without cross-sku terms
        let night = try RestockProcess.run(["run", "--data", samples, "--out", dir.path + "/night"])
        #expect(night.status == 0, "stderr: \(night.stderr)")
        let rows = parseCSV(String(decoding: try dir.read("night/forecast.csv"), as: UTF8.self)).dropFirst()
        let models = Set(rows.map { $0[9] }).filter { $0 != "no_history" }
        let combined = models.filter { $0.hasSuffix("+global") }
        #expect(combined.isEmpty || combined.count == models.count, "\(models)")
        let global = String(decoding: try dir.read("night/state/baseline.v1/global.csv"), as: UTF8.self)
        let weights = global.split(separator: "\n").filter { $0.hasPrefix("weight_") }
        #expect(weights.count == 4, "\(global.suffix(200))")
        #expect(weights.allSatisfy { $0.hasSuffix(combined.isEmpty ? ",0.0" : ",0.5") }, "\(weights)")
        // The quantile calibration learnt on the same holdouts: four bands × 17 probabilities.
        #expect(global.split(separator: "\n").filter { $0.hasPrefix("calibration_") }.count == 68)
        let one = try RestockProcess.run(["run", "--data", samples, "--out", dir.path + "/one", "--threads", "1"])
        #expect(one.status == 0, "stderr: \(one.stderr)")
        #expect(try dir.read("one/forecast.csv") == dir.read("night/forecast.csv"))
        try dir.write("scenario.toml", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\ndiscount = 30\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n")
        let fast = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/fast",
                                           "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(fast.status == 0, "stderr: \(fast.stderr)")
        #expect(fast.stderr.contains("from baseline snapshot"), "\(fast.stderr)")
        let slow = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/slow",
                                           "--baseline", dir.path + "/night", "--recompute-baseline",
                                           "--scenario", dir.path + "/scenario.toml"])
        #expect(slow.status == 0, "stderr: \(slow.stderr)")
        try WhatIfSnapshotEndToEndTests().expectSameFiles(dir, "fast", "slow")
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
        for name in ["restock", "global", "local", "combo", "mean28"] {
            let row = rows.first { $0[model] == name && $0[segment] == "all" }
            #expect(row != nil, "no \(name) row")
            if let row { #expect(Double(row[wrmsse])?.isFinite == true, "\(name): \(row[wrmsse])") }
        }
    }

    /// With the option on, a what-if from the nightly snapshot forecasts with the nightly
    /// cross-series model and writes what a recomputed baseline writes, byte for byte.
    @Test(arguments: [
        ("one sku", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\ndiscount = 30\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n"),
        ("history", "[promotion.1]\naction = \"move\"\nsku = \"SKU00003\"\ndays = -400\n[price.1]\nsku = \"SKU00009\"\nstart = \"2024-12-01\"\nend = \"2025-01-15\"\nchange_pct = -15\n"),
    ])
    func whatIfFromTheSnapshotUsesTheNightlyGlobalModel(name: String, scenario: String) throws {
        let dir = try TempDir()
        let samples = try dir.copySamplesWithCalendarsOnly()  // the snapshot path needs data without cross-sku terms
        try dir.write("scenario.toml", scenario)
        let night = try RestockProcess.run(["run", "--data", samples, "--out", dir.path + "/night", "--global-model", "on"])
        #expect(night.status == 0, "stderr: \(night.stderr)")
        #expect(try dir.read("night/state/baseline.v1/global.csv").count > 100)
        let fast = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/fast",
                                           "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml",
                                           "--global-model", "on"])
        #expect(fast.status == 0, "stderr: \(fast.stderr)")
        #expect(fast.stderr.contains("from baseline snapshot"), "\(name): \(fast.stderr)")
        let slow = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/slow",
                                           "--baseline", dir.path + "/night", "--recompute-baseline",
                                           "--scenario", dir.path + "/scenario.toml", "--global-model", "on"])
        #expect(slow.status == 0, "stderr: \(slow.stderr)")
        try WhatIfSnapshotEndToEndTests().expectSameFiles(dir, "fast", "slow")
        let forecast = parseCSV(String(decoding: try dir.read("fast/forecast.csv"), as: UTF8.self))
        #expect(forecast.dropFirst().contains { $0[9].hasSuffix("+global") })
        // A snapshot made without the option cannot serve a what-if with it: recomputed, with the reason.
        let plainNight = try RestockProcess.run(["run", "--data", samples, "--out", dir.path + "/plain",
                                                 "--global-model", "off"])
        #expect(plainNight.status == 0)
        let mixed = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/mixed",
                                            "--baseline", dir.path + "/plain", "--scenario", dir.path + "/scenario.toml",
                                            "--global-model", "on"])
        #expect(mixed.status == 0, "stderr: \(mixed.stderr)")
        #expect(!mixed.stderr.contains("from baseline snapshot"))
        #expect(mixed.stderr.contains("recomput"), "\(mixed.stderr)")
    }
}
