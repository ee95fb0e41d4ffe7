import Foundation
import Testing

/// `restock whatif --baseline DIR` with the nightly run's snapshot (state/baseline.v1): only the
/// touched skus are loaded and recomputed, and the files are exactly those of a what-if that
/// recomputes every baseline series; a snapshot that no longer matches the data is not trusted.
@Suite(.serialized) struct WhatIfSnapshotEndToEndTests {
    static let compared = ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", "diff.csv", "report.html",
                           "state/models.v1.csv"]

    /// summary.json without the fields that differ run to run.
    func summary(_ dir: TempDir, _ out: String) throws -> NSDictionary {
        let json = try JSONSerialization.jsonObject(with: try dir.read(out + "/summary.json")) as! NSDictionary
        let copy = json.mutableCopy() as! NSMutableDictionary
        copy.removeObjects(forKeys: ["timings_seconds", "finished_at"])
        return copy
    }

    func expectSameFiles(_ dir: TempDir, _ a: String, _ b: String) throws {
        for f in WhatIfSnapshotEndToEndTests.compared {
            #expect(try dir.read(a + "/" + f) == dir.read(b + "/" + f), "\(f) differs between \(a) and \(b)")
        }
        #expect(try summary(dir, a) == summary(dir, b), "summary.json differs between \(a) and \(b)")
    }

    @Test(arguments: [
        ("one sku", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\ndiscount = 30\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n", true),
        ("two changes", "[demand.1]\nsku = \"SKU00007\"\nstart = \"2025-01-02\"\nend = \"2025-01-20\"\nscale = 1.5\n[lead_time.1]\nsku = \"SKU00011\"\nadd_days = 10\n", true),
        ("a category", "[service.1]\ncategory = \"snacks\"\nservice_level = 0.99\n[promotion.1]\naction = \"remove\"\ncategory = \"snacks\"\n", true),
        ("everything", "[event.1]\ndate = \"2025-01-10\"\nname = \"singles_day\"\n", false),
        // Promotions moved into the history and a price change there: those series are refitted.
        ("history", "[promotion.1]\naction = \"move\"\nsku = \"SKU00003\"\ndays = -400\n[price.1]\nsku = \"SKU00009\"\nstart = \"2024-12-01\"\nend = \"2025-01-15\"\nchange_pct = -15\n", true),
    ])
    func aWhatIfFromTheSnapshotWritesWhatARecomputedOneWrites(name: String, scenario: String, partial: Bool) throws {
        let dir = try TempDir()
        try dir.write("scenario.toml", scenario)
        let samples = try dir.copySamplesWithCalendarsOnly()
        let night = try RestockProcess.run(["run", "--data", samples, "--out", dir.path + "/night"])
        #expect(night.status == 0, "\(night.stderr)")
        let fast = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/fast",
                                           "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(fast.status == 0, "\(fast.stderr)")
        #expect(fast.stderr.contains("from baseline snapshot"), "\(name): \(fast.stderr)")
        #expect(fast.stderr.contains("skus_loaded=30") != partial, "\(name): \(fast.stderr)")
        // A change to the horizon only puts new effects on the nightly fit; one to the history refits.
        if name == "one sku" { #expect(fast.stderr.contains("fitted=0 reused_nightly_fit=4"), "\(fast.stderr)") }
        if name == "history" { #expect(!fast.stderr.contains("fitted=0 "), "\(fast.stderr)") }
        let slow = try RestockProcess.run(["whatif", "--data", samples, "--out", dir.path + "/slow",
                                           "--baseline", dir.path + "/night", "--recompute-baseline",
                                           "--scenario", dir.path + "/scenario.toml"])
        #expect(slow.status == 0, "\(slow.stderr)")
        #expect(!slow.stderr.contains("from baseline snapshot"))
        #expect(fast.stdout == slow.stdout)
        try expectSameFiles(dir, "fast", "slow")
    }

    @Test func aSnapshotOfOtherDataOrSettingsIsRecomputedWithAWarning() throws {
        let dir = try TempDir()
        let data = try dir.copySamples()
        try dir.write("scenario.toml", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n")
        #expect(try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night"]).status == 0)
        // Changed settings: the snapshot was made with another horizon.
        try dir.write("other.toml", "horizon = 28\n")
        let settings = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/a", "--config", dir.path + "/other.toml",
                                               "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(settings.status == 0, "\(settings.stderr)")
        #expect(settings.stderr.contains("other settings; recomputing the baseline"), "\(settings.stderr)")
        // A scenario that changes settings cannot use the nightly snapshot either.
        try dir.write("settings.toml", "horizon = 28\n[promotion.1]\nsku = \"SKU00003\"\ntype = \"discount\"\nstart = \"2025-01-06\"\nend = \"2025-01-12\"\n")
        let scenarioSettings = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/a2",
                                                       "--baseline", dir.path + "/night", "--scenario", dir.path + "/settings.toml"])
        #expect(scenarioSettings.status == 0, "\(scenarioSettings.stderr)")
        #expect(scenarioSettings.stderr.contains("the scenario changes settings"), "\(scenarioSettings.stderr)")
        // An edit that keeps the file's size and modification time is still caught (by its hash).
        let items = data + "/items.csv"
        let original = try String(contentsOfFile: items, encoding: .utf8)
        try original.write(toFile: dir.path + "/items.ref", atomically: false, encoding: .utf8)
        let touch = Process()
        touch.executableURL = URL(fileURLWithPath: "/usr/bin/touch")
        touch.arguments = ["-r", items, dir.path + "/items.ref"]
        try touch.run(); touch.waitUntilExit()
        try original.replacingOccurrences(of: "SUP-A,17,1.5", with: "SUP-A,17,2.5").write(toFile: items, atomically: false, encoding: .utf8)
        let restore = Process()
        restore.executableURL = URL(fileURLWithPath: "/usr/bin/touch")
        restore.arguments = ["-r", dir.path + "/items.ref", items]
        try restore.run(); restore.waitUntilExit()
        let sameStat = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/a3",
                                               "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(sameStat.status == 0, "\(sameStat.stderr)")
        #expect(sameStat.stderr.contains("items.csv changed since the baseline"), "\(sameStat.stderr)")
        try original.write(toFile: items, atomically: false, encoding: .utf8)
        // Changed data: one stock figure edited after the nightly run.
        let inventory = data + "/inventory.csv"
        var text = try String(contentsOfFile: inventory, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        row[2] = String(Int(Double(row[2])! + 7))
        text = ([String(lines[0]), row.joined(separator: ",")] + lines.dropFirst(2).map(String.init)).joined(separator: "\n")
        try text.write(toFile: inventory, atomically: true, encoding: .utf8)
        let changed = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/b",
                                              "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("input files changed") && changed.stderr.contains("inventory.csv"), "\(changed.stderr)")
        #expect(!changed.stderr.contains("from baseline snapshot"))
        // A corrupt snapshot.
        #expect(try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night"]).status == 0)
        try dir.write("night/state/baseline.v1/series.csv", "sku,location\nSKU00001\n")
        let corrupt = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/c",
                                              "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(corrupt.status == 0, "\(corrupt.stderr)")
        #expect(corrupt.stderr.contains("recomputing the baseline"), "\(corrupt.stderr)")
        let recomputed = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/d", "--recompute-baseline",
                                                 "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(recomputed.status == 0)
        for f in WhatIfSnapshotEndToEndTests.compared where f != "report.html" {
            #expect(try dir.read("c/" + f) == dir.read("d/" + f), "\(f)")
        }
    }

    /// Runs the nightly job on `data`, then the what-if from its snapshot and recomputed; both
    /// must write the same files. Returns the snapshot what-if's stderr.
    func fastAndRecomputed(_ dir: TempDir, data: String, scenario: String, tag: String) throws -> String {
        let night = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night-" + tag])
        #expect(night.status == 0, "\(night.stderr)")
        let fast = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/fast-" + tag,
                                           "--baseline", dir.path + "/night-" + tag, "--scenario", scenario])
        #expect(fast.status == 0, "\(tag): \(fast.stderr)")
        let slow = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/slow-" + tag, "--recompute-baseline",
                                           "--baseline", dir.path + "/night-" + tag, "--scenario", scenario])
        #expect(slow.status == 0, "\(tag): \(slow.stderr)")
        try expectSameFiles(dir, "fast-" + tag, "slow-" + tag)
        return fast.stderr
    }

    @Test func locationsOnlyUnloadedSkusUseAndSalesSortedByDate() throws {
        let dir = try TempDir()
        let data = try dir.copySamplesWithCalendarsOnly()
        // SKU00030 also sells at S09, which a lane names and no other sku uses.
        let sales = try String(contentsOfFile: data + "/sales.csv", encoding: .utf8)
        let lines = sales.split(separator: "\n").map(String.init)
        let extra = lines.filter { $0.contains(",SKU00030,S03,") }.map { $0.replacingOccurrences(of: ",S03,", with: ",S09,") }
        try (sales + extra.joined(separator: "\n") + "\n").write(toFile: data + "/sales.csv", atomically: true, encoding: .utf8)
        let lanes = try String(contentsOfFile: data + "/lanes.csv", encoding: .utf8)
        try (lanes + "S01,S09,2,0.5\n").write(toFile: data + "/lanes.csv", atomically: true, encoding: .utf8)
        // A selector naming S09 for a sku that is not there matches nothing, as in a full run.
        try dir.write("scenario.toml", """
            [promotion.1]
            action = "remove"
            sku = "SKU00003"
            location = "S09"
            [promotion.2]
            sku = "SKU00003"
            type = "discount"
            start = "2025-01-06"
            end = "2025-01-12"
            """)
        let partial = try fastAndRecomputed(dir, data: data, scenario: dir.path + "/scenario.toml", tag: "lane")
        #expect(partial.contains("from baseline snapshot") && !partial.contains("skus_loaded=30"), "\(partial)")
        // A damaged snapshot file (a sku's sales runs deleted) is caught by its checksum.
        let index = dir.path + "/night-lane/state/baseline.v1/sales-index.csv"
        let kept = try String(contentsOfFile: index, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("SKU00003,") }
        try (kept.joined(separator: "\n") + "\n").write(toFile: index, atomically: true, encoding: .utf8)
        let damaged = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/damaged",
                                              "--baseline", dir.path + "/night-lane", "--scenario", dir.path + "/scenario.toml"])
        #expect(damaged.status == 0)
        #expect(damaged.stderr.contains("sales-index.csv is damaged"), "\(damaged.stderr)")
        // A damaged forecast record of a touched series: the what-if notices and recomputes.
        #expect(try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night-lane"]).status == 0)
        let bin = dir.path + "/night-lane/state/baseline.v1/forecasts.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: bin))
        bytes[8 * (2 * 56 + 1) * 8 + 10] ^= 0xff  // series 8 is SKU00003 at DC1
        try bytes.write(to: URL(fileURLWithPath: bin))
        let damagedRecord = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/damaged-record",
                                                    "--baseline", dir.path + "/night-lane", "--scenario", dir.path + "/scenario.toml"])
        #expect(damagedRecord.status == 0)
        #expect(damagedRecord.stderr.contains("forecasts.bin: record 8 is damaged; recomputing the baseline"), "\(damagedRecord.stderr)")
        #expect(try dir.read("damaged-record/forecast.csv") == dir.read("slow-lane/forecast.csv"))
        // A damaged effects record: that series is fitted again, with a warning; same files.
        #expect(try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/night-lane"]).status == 0)
        let effects = dir.path + "/night-lane/state/baseline.v1/effects.bin"
        var effectBytes = try Data(contentsOf: URL(fileURLWithPath: effects))
        let meta = try JSONSerialization.jsonObject(with: try dir.read("night-lane/state/baseline.v1/meta.json")) as! [String: Any]
        let record = effectBytes.count / ((meta["counts"] as! [String: Any])["series"] as! Int)
        effectBytes[8 * record + 16] ^= 0xff
        try effectBytes.write(to: URL(fileURLWithPath: effects))
        let damagedEffects = try RestockProcess.run(["whatif", "--data", data, "--out", dir.path + "/damaged-effects",
                                                     "--baseline", dir.path + "/night-lane", "--scenario", dir.path + "/scenario.toml"])
        #expect(damagedEffects.status == 0)
        #expect(damagedEffects.stderr.contains("1 damaged record(s)") && damagedEffects.stderr.contains("from baseline snapshot"),
                "\(damagedEffects.stderr)")
        for f in WhatIfSnapshotEndToEndTests.compared where f != "report.html" {
            #expect(try dir.read("damaged-effects/" + f) == dir.read("slow-lane/" + f), "\(f)")
        }
        // Rows sorted by date are too scattered to index: the what-if reads sales.csv whole.
        let rows = lines.dropFirst() + extra
        try ([lines[0]] + rows.sorted()).joined(separator: "\n").appending("\n")
            .write(toFile: data + "/sales.csv", atomically: true, encoding: .utf8)
        let whole = try fastAndRecomputed(dir, data: data, scenario: dir.path + "/scenario.toml", tag: "bydate")
        #expect(whole.contains("from baseline snapshot") && whole.contains("skus_loaded=30"), "\(whole)")
    }
}

extension TempDir {
    /// The samples with their suppliers' order days only: the snapshot's partial recompute needs
    /// data without cross-sku terms (minimums, multiples, capacities), which the samples set.
    func copySamplesWithCalendarsOnly(_ name: String = "data") throws -> String {
        let data = try copySamples(name)
        try write(name + "/suppliers.csv", "supplier,order_days,allows_expedite\nSUP-A,\"mon,thu\",true\nSUP-B,tue,true\n"
                  + "SUP-C,\"mon,wed,fri\",true\nSUP-D,thu,false\n")
        return data
    }
}
