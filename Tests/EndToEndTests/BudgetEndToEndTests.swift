import Foundation
import Testing

/// `[budget]` end to end: one store, five skus, nothing on hand, every night a review night (every
/// sku orders). The night is run without a budget and with a total cap of 60 % of its spend.
@Suite struct BudgetEndToEndTests {
    /// 120 days from 2024-01-01 (as-of 2024-04-29). SKU5 has no unit cost: no cap counts it.
    func writeData(_ dir: TempDir) throws -> String {
        let data = try FiveSkuStore.writeSalesAndInventory(dir)
        try dir.write("data/items.csv", FiveSkuStore.itemsFromThreeSuppliers)
        return data
    }

    func table(_ dir: TempDir, _ file: String) throws -> [[String]] {
        parseCSV(String(decoding: try dir.read(file), as: UTF8.self))
    }

    @Test func aBudgetCutsTheNightsOrdersToItsCapAndSaysWhatItCosts() throws {
        let dir = try TempDir()
        let data = try writeData(dir)
        let cost = ["SKU1": 2.0, "SKU2": 1, "SKU3": 1.5, "SKU4": 3, "SKU5": 0]
        let plain = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/plain", "--threads", "2"])
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        let orders = try table(dir, "plain/orders.csv")
        let h = orders[0]
        #expect(Array(h.suffix(4)) == ["topped_up_units", "budget_cut_units", "next_order_date", "prebuild_units"])
        let cSku = h.firstIndex(of: "sku")!, cQty = h.firstIndex(of: "quantity")!, cCut = h.firstIndex(of: "budget_cut_units")!
        #expect(orders.dropFirst().allSatisfy { $0[cCut] == "0" && $0[h.firstIndex(of: "next_order_date")!] == "2024-05-01" })  // reviewed every night: the next order is dated tomorrow
        let qty = Dictionary(uniqueKeysWithValues: orders.dropFirst().map { ($0[cSku], Double($0[cQty])!) })
        #expect(qty.count == 5)
        let spend = qty.reduce(0) { $0 + $1.value * cost[$1.key]! }
        let cap = (0.6 * spend).rounded(.down)

        try dir.write("budget.toml", "[budget]\ntotal = \(Int(cap))\n")
        let run = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/budget", "--threads", "2",
                                          "--config", dir.path + "/budget.toml"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = try table(dir, "budget/orders.csv").dropFirst()
        let kept = Dictionary(uniqueKeysWithValues: rows.map { ($0[cSku], Double($0[cQty])!) })
        let cutColumn = Dictionary(uniqueKeysWithValues: rows.map { ($0[cSku], Double($0[cCut])!) })
        let keptSpend = kept.reduce(0) { $0 + $1.value * cost[$1.key]! }
        #expect(keptSpend <= cap + 1e-9 && keptSpend > 0)
        #expect(kept["SKU5"] == qty["SKU5"])  // no unit cost: never cut
        var cutSkus: [String] = []
        for (sku, q) in qty.sorted(by: { $0.key < $1.key }) {
            let k = kept[sku] ?? 0
            #expect(k <= q)
            if k < q { cutSkus.append(sku) }
            if let c = cutColumn[sku] { #expect(c == q - k, "\(sku)") }
        }
        #expect(!cutSkus.isEmpty)
        // SKU1's cuts come in whole case packs of 5.
        #expect((qty["SKU1"]! - (kept["SKU1"] ?? 0)).truncatingRemainder(dividingBy: 5) == 0)
        let cuts = try table(dir, "budget/exceptions.csv").filter { $0[2] == "budget_cut" }
        #expect(cuts.map { $0[0] } == cutSkus)
        for row in cuts {
            let q = qty[row[0]]!, k = kept[row[0]] ?? 0
            let what = k == 0 ? "all \(Int(q)) units cut" : "\(Int(q - k)) of \(Int(q)) units cut"
            #expect(row[3].hasPrefix(what + " (") && row[3].contains("to meet the total budget: expected units short"), "\(row[3])")
        }
        let summary = try JSONSerialization.jsonObject(with: try dir.read("budget/summary.json")) as! [String: Any]
        let b = try #require(summary["budget"] as? [String: Any])
        #expect(abs((b["planned_value"] as! Double) - spend) < 0.006)
        #expect(abs((b["kept_value"] as! Double) - keptSpend) < 0.006)
        #expect(b["lines_cut"] as? Int == cutSkus.count)
        let before = b["expected_fill_rate_before"] as! Double, after = b["expected_fill_rate_after"] as! Double
        // Unmet demand is lost: what is left of 60 % of an order that covers lead time, review night
        // and safety stock still covers the review night after arrival, so the cut may cost nothing.
        #expect(after <= before && before <= 1 && after > 0, "fill rate \(before) → \(after)")
        #expect((summary["exceptions_by_kind"] as! [String: Int])["budget_cut"] == cutSkus.count)
        // A cap of 0 cuts every costed unit: nothing arrives for those lines' review night.
        try dir.write("zero.toml", "[budget]\ntotal = 0\n")
        let zero = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/zero", "--threads", "2",
                                           "--config", dir.path + "/zero.toml"])
        #expect(zero.status == 0, "stderr: \(zero.stderr)")
        let z = try #require((try JSONSerialization.jsonObject(with: try dir.read("zero/summary.json")) as! [String: Any])["budget"] as? [String: Any])
        let zb = z["expected_fill_rate_before"] as! Double, za = z["expected_fill_rate_after"] as! Double
        #expect(zb == before && za < before && za >= 0, "fill rate \(zb) → \(za)")
        #expect((z["expected_units_short_after"] as! Double) > (z["expected_units_short_before"] as! Double))
        let plainSummary = try JSONSerialization.jsonObject(with: try dir.read("plain/summary.json")) as! [String: Any]
        #expect(plainSummary["budget"] == nil)

        // The same inputs give the same bytes, on any number of threads.
        let again = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/again", "--threads", "1",
                                            "--config", dir.path + "/budget.toml"])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        for file in ["orders.csv", "purchase_orders.csv", "exceptions.csv", "forecast.csv"] {
            #expect(try dir.read("again/" + file) == dir.read("budget/" + file), "\(file)")
        }

        // A cap above the night's spend changes no output table.
        try dir.write("loose.toml", "[budget]\ntotal = 1e12\n[budget.supplier]\nSUPX = 1e12\n")
        let loose = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/loose", "--config", dir.path + "/loose.toml"])
        #expect(loose.status == 0, "stderr: \(loose.stderr)")
        for file in ["orders.csv", "purchase_orders.csv", "exceptions.csv"] {
            #expect(try dir.read("loose/" + file) == dir.read("plain/" + file), "\(file)")
        }

        // A cap that is not an amount: exit 64 naming the file and line.
        try dir.write("bad.toml", "horizon = 28\n[budget]\ntotal = -1\n")
        let bad = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/bad", "--config", dir.path + "/bad.toml"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("bad.toml:3:") && bad.stderr.contains("budget.total"), "\(bad.stderr)")
    }
}
