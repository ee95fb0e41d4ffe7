import Foundation
import Testing

/// `suppliers.csv` purchase-order terms, end to end on a small data set: one store buying five
/// skus from three suppliers, every night a review night, nothing on hand (every sku orders).
/// The night is run without terms, with terms that change nothing, and with terms that top up
/// SUPX, split SUPY and hold SUPZ; the last is checked against the first.
@Suite struct SupplierTermsEndToEndTests {
    static let everyDay = "\"mon,tue,wed,thu,fri,sat,sun\""

    /// 120 days from 2024-01-01 (as-of 2024-04-29, orders dated 2024-04-30).
    func writeData(_ dir: TempDir, suppliers: String) throws -> String {
        let data = try FiveSkuStore.writeSalesAndInventory(dir)
        try dir.write("data/items.csv", FiveSkuStore.itemsFromThreeSuppliers)
        try dir.write("data/suppliers.csv", suppliers)
        return data
    }

    func table(_ dir: TempDir, _ file: String) throws -> [[String]] {
        parseCSV(String(decoding: try dir.read(file), as: UTF8.self))
    }

    @Test func minimumsMultiplesAndMaximumsShapeThePurchaseOrders() throws {
        let dir = try TempDir()
        // 1. No terms.
        let data = try writeData(dir, suppliers: "supplier,order_days\n" + ["SUPX", "SUPY", "SUPZ"].map { "\($0),\(Self.everyDay)\n" }.joined())
        let plain = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/plain", "--threads", "2"])
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        let orders = try table(dir, "plain/orders.csv")
        let h = orders[0]
        let cSku = h.firstIndex(of: "sku")!, cQty = h.firstIndex(of: "quantity")!, cPO = h.firstIndex(of: "po")!
        #expect(Array(h.suffix(5)) == ["po", "topped_up_units", "budget_cut_units", "next_order_date", "prebuild_units"])
        let cTop = h.firstIndex(of: "topped_up_units")!
        #expect(orders.dropFirst().map { $0[cSku] } == ["SKU1", "SKU2", "SKU3", "SKU4", "SKU5"])
        let cCut = h.firstIndex(of: "budget_cut_units")!
        #expect(orders.dropFirst().allSatisfy { $0[cTop] == "0" && $0[cCut] == "0" })
        let qty = Dictionary(uniqueKeysWithValues: orders.dropFirst().map { ($0[cSku], Double($0[cQty])!) })
        let x = qty["SKU1"]!, y = qty["SKU2"]! + qty["SKU3"]!, z = qty["SKU4"]! + qty["SKU5"]!
        #expect(x > 0 && y > 10 && z > 0)

        // 2. Terms that change nothing: the same bytes as no terms.
        try dir.write("data/suppliers.csv", "supplier,order_days,min_order_units,min_order_value,order_multiple_units,max_units_per_order\n"
                      + "SUPX,\(Self.everyDay),0,,1,\nSUPY,\(Self.everyDay),,0,,1000000\nSUPZ,\(Self.everyDay),,,,\n")
        let same = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/same", "--threads", "1"])
        #expect(same.status == 0, "stderr: \(same.stderr)")
        for file in ["orders.csv", "purchase_orders.csv", "exceptions.csv"] {
            #expect(try dir.read("same/" + file) == dir.read("plain/" + file), "\(file)")
        }

        // 3. SUPX: a minimum of x + 7 units takes two packs of 5 on its one line. SUPY: a truck
        // of half its units (rounded up) splits it in two. SUPZ: a minimum no line can reach
        // within 120 days of cover holds its purchase order.
        let truck = (y / 2).rounded(.up)
        try dir.write("data/suppliers.csv", """
            max_units_per_order,supplier,order_days,min_order_units
            ,SUPX,\(Self.everyDay),\(Int(x) + 7)
            \(Int(truck)),SUPY,\(Self.everyDay),
            ,SUPZ,\(Self.everyDay),100000

            """)
        let terms = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/terms", "--threads", "2"])
        #expect(terms.status == 0, "stderr: \(terms.stderr)")
        let shaped = try table(dir, "terms/orders.csv")
        let rows = shaped.dropFirst()
        #expect(!rows.contains { $0[cSku] == "SKU4" || $0[cSku] == "SKU5" })
        let sku1 = try #require(rows.first { $0[cSku] == "SKU1" })
        #expect(Double(sku1[cQty]) == x + 10 && sku1[cTop] == "10" && sku1[cPO] == "PO-20240430-SUPX")
        // SUPY: its lines in sku order fill the first truck, the rest goes on PO …-SUPY-2.
        let supy = rows.filter { $0[cSku] == "SKU2" || $0[cSku] == "SKU3" }
        let perPO = Dictionary(grouping: supy, by: { $0[cPO] }).mapValues { $0.reduce(0) { $0 + Double($1[cQty])! } }
        #expect(perPO == ["PO-20240430-SUPY": truck, "PO-20240430-SUPY-2": y - truck])
        #expect(supy.allSatisfy { $0[cTop] == "0" })
        let pos = try table(dir, "terms/purchase_orders.csv")
        #expect(pos.dropFirst().map { [$0[0], $0[4], $0[5]] } == [
            ["PO-20240430-SUPX", "1", "\(Int(x) + 10)"],
            ["PO-20240430-SUPY", "\(supy.filter { $0[cPO] == "PO-20240430-SUPY" }.count)", "\(Int(truck))"],
            ["PO-20240430-SUPY-2", "\(supy.filter { $0[cPO] == "PO-20240430-SUPY-2" }.count)", "\(Int(y - truck))"],
        ])
        #expect(pos[1][6] == "\(Int(x) * 2 + 20)")  // value: (x + 10) × 2
        let held = try table(dir, "terms/exceptions.csv").filter { $0[2] == "below_supplier_minimum" }
        #expect(held.map { $0[0] } == ["SKU4", "SKU5"])
        #expect(held.allSatisfy { $0[3].hasPrefix("PO-20240430-SUPZ held: \(Int(z)) units of min_order_units 100000;") })
        #expect(held[0][3].hasSuffix("; \(Int(qty["SKU4"]!)) units not ordered"))
        let summary = try JSONSerialization.jsonObject(with: try dir.read("terms/summary.json")) as! [String: Any]
        let counts = summary["counts"] as! [String: Any]
        #expect(counts["orders"] as? Int == rows.count)
    }
}
