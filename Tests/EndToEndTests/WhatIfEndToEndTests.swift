import Foundation
import Testing

/// `restock whatif`: a promotion added for one sku raises that sku's forecast on its days and
/// leaves every other series' rows byte-identical.
@Suite(.serialized) struct WhatIfEndToEndTests {
    @Test func addingAPromotionRaisesOneSkuAndLeavesTheRestIdentical() throws {
        let dir = try TempDir()
        try dir.write("scenario.toml", """
        # 30 % off SKU00003 everywhere next week
        [promotion.1]
        action = "add"
        sku = "SKU00003"
        type = "discount"
        discount = 30
        start = "2025-01-06"
        end = "2025-01-12"
        """)
        let base = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/base"])
        #expect(base.status == 0, "\(base.stderr)")
        let r = try RestockProcess.run(["whatif", "--data", RestockProcess.samples, "--out", dir.path + "/wi",
                                        "--scenario", dir.path + "/scenario.toml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 series touched"))
        for f in ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv"] {
            let a = String(decoding: try dir.read("base/" + f), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("SKU00003,") }
            let b = String(decoding: try dir.read("wi/" + f), as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("SKU00003,") }
            #expect(a == b, "\(f): untouched rows changed")
        }
        // On the promotion days the scenario forecast is higher; before it, unchanged or close.
        func forecast(_ file: String) throws -> [String: Double] {
            var out: [String: Double] = [:]
            for row in parseCSV(String(decoding: try dir.read(file), as: UTF8.self)).dropFirst() where row[0] == "SKU00003" {
                out[row[1] + "|" + row[2]] = Double(row[3])!
            }
            return out
        }
        let before = try forecast("base/forecast.csv"), after = try forecast("wi/forecast.csv")
        var raised = 0
        for loc in ["DC1", "S01", "S02", "S03"] {
            for d in 6...12 {
                let key = loc + "|2025-01-" + (d < 10 ? "0\(d)" : "\(d)")
                if after[key]! > before[key]! * 1.05 { raised += 1 }
            }
        }
        #expect(raised >= 24, "only \(raised) of 28 promotion days raised")
        let diff = parseCSV(String(decoding: try dir.read("wi/diff.csv"), as: UTF8.self))
        #expect(diff[0].prefix(6) == ["sku", "location", "touched", "baseline_demand", "scenario_demand", "demand_change_pct"])
        let touched = diff.dropFirst().filter { $0[2] == "1" }
        #expect(Set(touched.map { $0[0] }) == ["SKU00003"])
        #expect(touched.allSatisfy { Double($0[4])! > Double($0[3])! })
        let untouched = diff.dropFirst().filter { $0[2] == "0" }
        #expect(untouched.allSatisfy { $0[3] == $0[4] && $0[6] == $0[7] })
        // Order-up-to levels rise with the promotion.
        #expect(touched.contains { Double($0[15])! > Double($0[14])! })
    }

    @Test func aScenarioNamingAnUnknownPromotionTypeIsAUsageError() throws {
        let dir = try TempDir()
        try dir.write("bad.toml", "[promotion.1]\nsku = \"SKU00003\"\ntype = \"flash_sale\"\nstart = \"2025-01-06\"\nend = \"2025-01-07\"\n")
        let r = try RestockProcess.run(["whatif", "--data", RestockProcess.samples, "--out", dir.path + "/wi",
                                        "--scenario", dir.path + "/bad.toml"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("bad.toml:2") && r.stderr.contains("flash_sale"), "\(r.stderr)")
    }
}
