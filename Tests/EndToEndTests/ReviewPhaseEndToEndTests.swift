import Foundation
import Testing

/// Review phase without a supplier calendar, end to end: five weekly skus, nothing on hand, no
/// suppliers.csv; the night of Monday 2024-04-29 (orders dated Tuesday 2024-04-30). Every sku
/// orders: on its review night (`below_reorder_point`) or out of cycle (`expedite`).
/// `next_order_date` shows when its next regular review orders; `order_weekday` sets it.
@Suite struct ReviewPhaseEndToEndTests {
    func writeData(_ dir: TempDir) throws -> String {
        let data = try FiveSkuStore.writeSalesAndInventory(dir)
        try dir.write("data/items.csv", "sku,location,source,lead_time_days,review_days,unit_cost\n"
                      + FiveSkuStore.skus.map { "\($0),S1,SUPX,3,7,1\n" }.joined())
        return data
    }

    func orders(_ dir: TempDir, _ out: String) throws -> [String: [String: String]] {
        let t = parseCSV(String(decoding: try dir.read(out + "/orders.csv"), as: UTF8.self))
        return Dictionary(uniqueKeysWithValues: t.dropFirst().map { row in
            (row[0], Dictionary(uniqueKeysWithValues: zip(t[0], row).map { ($0, $1) }))
        })
    }

    @Test func theReviewPhaseIsShownAndCanBeSet() throws {
        let dir = try TempDir()
        let data = try writeData(dir)
        let hashed = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/hashed"])
        #expect(hashed.status == 0, "stderr: \(hashed.stderr)")
        let header = parseCSV(String(decoding: try dir.read("hashed/orders.csv"), as: UTF8.self))[0]
        #expect(Array(header.suffix(2)) == ["next_order_date", "prebuild_units"])
        let a = try orders(dir, "hashed")
        #expect(a.count == 5)
        // A review night's next regular order is a week on; an out-of-cycle line's comes sooner.
        for (sku, row) in a {
            if row["reason"] == "below_reorder_point" { #expect(row["next_order_date"] == "2024-05-07", "\(sku)") }
            else {
                #expect(row["reason"] == "expedite")
                #expect(row["next_order_date"]! > "2024-04-30" && row["next_order_date"]! < "2024-05-07", "\(sku)")
            }
        }
        #expect(Set(a.values.map { $0["next_order_date"]! }).count > 1)  // the hash spreads the skus over the week

        // Every item ordering on Tuesdays: all five are reviewed tonight.
        try dir.write("tue.toml", "[policy]\norder_weekday = \"tue\"\n")
        let tue = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/tue", "--config", dir.path + "/tue.toml"])
        #expect(tue.status == 0, "stderr: \(tue.stderr)")
        let b = try orders(dir, "tue")
        #expect(b.count == 5 && b.values.allSatisfy { $0["reason"] == "below_reorder_point" && $0["next_order_date"] == "2024-05-07" })
        #expect(try dir.read("tue/forecast.csv") == dir.read("hashed/forecast.csv"))

        // One sku on Fridays: reviewed Thursday night, so tonight it orders out of cycle; the others as hashed.
        try dir.write("fri.toml", "[policy.sku.SKU2]\norder_weekday = \"fri\"\n")
        let fri = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/fri", "--config", dir.path + "/fri.toml"])
        #expect(fri.status == 0, "stderr: \(fri.stderr)")
        let c = try orders(dir, "fri")
        #expect(c["SKU2"]?["reason"] == "expedite" && c["SKU2"]?["next_order_date"] == "2024-05-03")
        for sku in ["SKU1", "SKU3", "SKU4", "SKU5"] { #expect(c[sku] == a[sku], "\(sku)") }

        try dir.write("bad.toml", "horizon = 28\n[policy.sku.SKU2]\norder_weekday = \"funday\"\n")
        let bad = try RestockProcess.run(["run", "--data", data, "--out", dir.path + "/bad", "--config", dir.path + "/bad.toml"])
        #expect(bad.status == 64 && bad.stderr.contains("bad.toml:3:"), "\(bad.stderr)")
    }
}
