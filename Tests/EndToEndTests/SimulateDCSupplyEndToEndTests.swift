import Foundation
import Testing

/// `restock simulate` replays a store served by a DC against the DC's own simulated stock.
///
/// Fixture: SKU1 at store S1 sells 2 a day for 120 days (2024-01-01 … 2024-04-29), reviewed every
/// night, shipped from DC1 with a lead time of 1 day; it has nothing on hand the night before the
/// replay. DC1 sells nothing itself and buys from SUPX with a 60-day lead time, so nothing it
/// orders arrives during the 10-day replay (2024-04-20 … 2024-04-29): all the store can sell is
/// what DC1 holds at the start.
///
/// Hand-computed: the store's demand over the replay is 10 × 2 = 20 units. With 5 units at DC1,
/// DC1 ships those 5 (the store asks for more than that on its first nights) and nothing else, so
/// the store sells exactly 5 and loses 15, and DC1 reports units it could not ship. With 1000 at
/// DC1 the store is supplied and loses only what it cannot have before the first shipment
/// arrives (it starts empty): fewer than 15. The min/max rule plays the same network: behind the
/// short DC its store loses 15 too, whatever multiplier it is tuned to.
@Suite struct SimulateDCSupplyEndToEndTests {
    func write(_ dir: TempDir, dcStock: Int) throws -> String {
        var sales = "date,sku,location,quantity,on_hand\n"
        for date in isoDays(from: 2024, 1, 1, count: 120) {
            sales += "\(date),SKU1,S1,2,\(date == "2024-04-19" ? 0 : 50)\n"
            sales += "\(date),SKU1,DC1,0,\(dcStock)\n"
        }
        let name = "data\(dcStock)"
        try dir.write(name + "/sales.csv", sales)
        try dir.write(name + "/items.csv", """
            sku,location,source,lead_time_days,review_days,unit_cost
            SKU1,DC1,SUPX,60,7,1
            SKU1,S1,DC1,1,1,1

            """)
        try dir.write(name + "/inventory.csv", "sku,location,on_hand\nSKU1,DC1,\(dcStock)\nSKU1,S1,0\n")
        return dir.path + "/" + name
    }

    func simulate(_ dir: TempDir, dcStock: Int) throws -> (rows: [[String: String]], summary: [String: Any]) {
        let data = try write(dir, dcStock: dcStock)
        let out = dir.path + "/out\(dcStock)"
        let r = try RestockProcess.run(["simulate", "--data", data, "--from", "2024-04-20", "--to", "2024-04-29", "--out", out])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let t = parseCSV(String(decoding: try dir.read("out\(dcStock)/simulation.csv"), as: UTF8.self))
        let rows = t.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(t[0], $0).map { ($0, $1) }) }
        let summary = try JSONSerialization.jsonObject(with: dir.read("out\(dcStock)/summary.json")) as! [String: Any]
        return (rows, summary)
    }

    func store(_ rows: [[String: String]], policy: String = "restock") throws -> [String: String] {
        try #require(rows.first { $0["policy"] == policy && $0["group"] == "location" && $0["key"] == "S1" })
    }

    @Test func aStoreSellsOnlyWhatItsShortDCShips() throws {
        let dir = try TempDir()
        let (rows, summary) = try simulate(dir, dcStock: 5)
        let s = try store(rows)
        #expect(Double(s["units_demand"]!) == 20)
        #expect(Double(s["units_lost"]!) == 15, "\(s)")
        // The min/max rule plays the same network: whatever its multiplier, the store gets DC1's 5 units and no more.
        let m = try store(rows, policy: "min_max")
        #expect(Double(m["units_demand"]!) == 20 && Double(m["units_lost"]!) == 15, "\(m)")
        #expect((summary["restock_units_short_transferred"] as? Double ?? 0) > 0)
        let location = (summary["restock_by_source"] as? [String: Any])?["location"] as? [String: Any]
        #expect(location?["series"] as? Int == 1)
    }

    @Test func aStoreOfAStockedDCIsSupplied() throws {
        let dir = try TempDir()
        let (rows, summary) = try simulate(dir, dcStock: 1000)
        let s = try store(rows)
        #expect(Double(s["units_demand"]!) == 20)
        let lost = Double(s["units_lost"]!)!
        #expect(lost > 0 && lost < 15, "\(s)")
        #expect(summary["restock_units_short_transferred"] as? Double == 0)
    }
}
