import Foundation
import Testing

/// `purchase_orders.csv`: the night's order lines grouped per supplier and order date, each
/// line's `po` in `orders.csv`, totals that add up; the same from a what-if over the snapshot.
@Suite struct PurchaseOrdersEndToEndTests {
    @Test func ordersAreGroupedIntoPurchaseOrdersThatAddUp() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/night"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let orders = parseCSV(String(decoding: try dir.read("night/orders.csv"), as: UTF8.self))
        let pos = parseCSV(String(decoding: try dir.read("night/purchase_orders.csv"), as: UTF8.self))
        #expect(pos.first == ["po", "supplier", "order_date", "expected_arrival", "lines", "units", "value"])
        let po = orders[0].firstIndex(of: "po")!, qty = orders[0].firstIndex(of: "quantity")!, arrival = orders[0].firstIndex(of: "arrival_date")!
        let lines = orders.dropFirst()
        #expect(!lines.isEmpty)
        for p in pos.dropFirst() {
            let mine = lines.filter { $0[po] == p[0] }
            // PO-<date>-<supplier>, and -2, -3… for the further truckloads of an order split at
            // the supplier's max_units_per_order (SUP-A's 3,000 on the samples).
            let base = "PO-" + p[2].replacingOccurrences(of: "-", with: "") + "-" + p[1]
            #expect(p[0] == base || (p[0].hasPrefix(base + "-") && Int(p[0].dropFirst(base.count + 1)).map { $0 >= 2 } == true))
            #expect(mine.allSatisfy { $0[2] == p[1] && $0[3] == p[2] })
            #expect(Int(p[4]) == mine.count)
            #expect(Double(p[5]) == mine.reduce(0) { $0 + Double($1[qty])! })
            #expect(p[3] == mine.map { $0[arrival] }.max())
        }
        #expect(Set(lines.map { $0[po] }) == Set(pos.dropFirst().map { $0[0] }))
        // A what-if from the night's snapshot that touches one sku: the other lines come from the
        // snapshot, and the purchase orders are what a full recomputation writes.
        try dir.write("scenario.toml", "[demand.1]\nsku = \"SKU00003\"\nstart = \"2024-12-31\"\nend = \"2025-02-28\"\nscale = 1.5\n")
        let fast = try RestockProcess.run(["whatif", "--data", RestockProcess.samples, "--out", dir.path + "/fast",
                                           "--baseline", dir.path + "/night", "--scenario", dir.path + "/scenario.toml"])
        #expect(fast.status == 0, "stderr: \(fast.stderr)")
        let slow = try RestockProcess.run(["whatif", "--data", RestockProcess.samples, "--out", dir.path + "/slow",
                                           "--scenario", dir.path + "/scenario.toml"])
        #expect(slow.status == 0, "stderr: \(slow.stderr)")
        #expect(try dir.read("fast/purchase_orders.csv") == dir.read("slow/purchase_orders.csv"))
    }
}
