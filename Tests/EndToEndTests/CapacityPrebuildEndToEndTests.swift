import Foundation
import Testing

/// A capacity-limited pre-build before an event, end to end through `restock plan` with a given
/// forecast: SKU1 at S1 bought from SUPX (order days Tuesday, 100 units a week, 2 days' lead time,
/// packs of 10), 120 on hand; the forecast is 10 a day for 28 days and 40 a day on days 16 … 22
/// after the as-of date 2024-04-29 (2024-05-15 … 2024-05-21, an event's week).
///
/// Hand-computed (``CapacityPrebuild``): an order dated tomorrow arrives 3 days after the as-of
/// date (A = 3), so week k's orders cover days 7k + 3 … 7k + 9 and M(k) sums demand through day
/// 7(k+1) + 2. The position covers days 1 … 9 (90 units) without an order tonight; M(1) = 190 + SS − 120,
/// M(2) = 440 + SS − 120, M(3) = 490 + SS − 120 (the forecast ends on day 28; SS the plan's safety
/// stock, 0 with a forecast sd of 0): week requirements 0, 70, 250, 50. Week 2 carries 150 to week 1
/// (220), week 1 carries 120 to tonight, whose room is the whole 100: ten packs, 100 units, on a
/// line of their own (`reason` = `prebuild`), 20 beyond tonight's capacity; 270 units moved in all.
/// The peak's date is the busiest day week 2's orders cover (days 17 … 23): the event's second day,
/// 2024-05-16 (day 16 is covered by week 1's orders).
@Suite struct CapacityPrebuildEndToEndTests {
    func table(_ dir: TempDir, _ file: String) throws -> [[String: String]] {
        let t = parseCSV(String(decoding: try dir.read(file), as: UTF8.self))
        return t.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(t[0], $0).map { ($0, $1) }) }
    }

    @Test func anEventsPeakIsBuiltEarlierWithinTheSuppliersCapacity() throws {
        let dir = try TempDir()
        let data = try FiveSkuStore.writeSalesAndInventory(dir)
        try dir.write("data/items.csv", "sku,location,source,lead_time_days,order_multiple,unit_cost\nSKU1,S1,SUPX,2,10,1\n")
        try dir.write("data/inventory.csv", "sku,location,on_hand\nSKU1,S1,120\n")
        try dir.write("data/suppliers.csv", "supplier,order_days,weekly_capacity_units\nSUPX,tue,100\n")
        let asOf = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                  year: 2024, month: 4, day: 29).date!
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        var forecast = "sku,location,date,forecast,sd\n"
        for t in 1...28 { forecast += "SKU1,S1,\(f.string(from: asOf.addingTimeInterval(Double(t) * 86_400))),\((16...22).contains(t) ? 40 : 10),0\n" }
        try dir.write("forecast.csv", forecast)

        let on = try RestockProcess.run(["plan", "--data", data, "--forecast", dir.path + "/forecast.csv", "--out", dir.path + "/on"])
        #expect(on.status == 0, "stderr: \(on.stderr)")
        let orders = try table(dir, "on/orders.csv")
        #expect(orders.count == 1)
        #expect(orders.first?["reason"] == "prebuild")
        #expect(orders.first?["quantity"] == "100" && orders.first?["prebuild_units"] == "100")
        #expect(orders.first?["po"] == "PO-20240430-SUPX")
        let exceptions = try table(dir, "on/exceptions.csv").filter { $0["kind"] == "capacity_prebuild" }
        #expect(exceptions.count == 1)
        #expect(exceptions.first?["detail"]?.hasPrefix("100 units built early for the peak of 2024-05-16") == true, "\(exceptions)")
        let summary = try JSONSerialization.jsonObject(with: dir.read("on/summary.json")) as! [String: Any]
        let prebuild = summary["capacity_prebuild"] as? [String: Any]
        #expect(prebuild?["prebuilt_units"] as? Double == 100)
        let supplier = (prebuild?["suppliers"] as? [[String: Any]])?.first
        #expect(supplier?["peak_date"] as? String == "2024-05-16" && supplier?["peak_week_order_date"] as? String == "2024-05-14")
        #expect(supplier?["excess_units"] as? Double == 270 && supplier?["unmet_units"] as? Double == 20)
        #expect(supplier?["peak_week_units"] as? Double == 250)

        // Off: the sku's own plan alone orders nothing tonight.
        try dir.write("off.toml", "prebuild = false\n")
        let off = try RestockProcess.run(["plan", "--data", data, "--forecast", dir.path + "/forecast.csv", "--out", dir.path + "/off",
                                          "--config", dir.path + "/off.toml"])
        #expect(off.status == 0, "stderr: \(off.stderr)")
        #expect(try table(dir, "off/orders.csv").isEmpty)
        #expect(try table(dir, "off/exceptions.csv").allSatisfy { $0["kind"] != "capacity_prebuild" })
    }
}
