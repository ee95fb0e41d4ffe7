import Foundation
import Testing

/// `restock simulate --warm-up N` starts the replay N nights before `--from` and scores only
/// `--from … --to`.
///
/// Fixture: SKU1 and SKU2 at store S1 each sell 2 a day for 120 days (2024-01-01 … 2024-04-29),
/// bought from SUPX with a 60-day lead time, so nothing either policy orders arrives during the
/// replay: each series sells only the stock it starts with. sales.csv records 50 on hand every
/// day except: on 2024-04-14 (the night before a 5-night warm-up of --from 2024-04-20) SKU1 24 and
/// SKU2 4; on 2024-04-19 (the night before --from) SKU1 30 and SKU2 10.
///
/// Hand-computed, scored window 2024-04-20 … 2024-04-29 (10 days, 20 units demanded per series):
/// - `--warm-up 5` (replay from 2024-04-15, starting at 24 and 4): SKU1 sells 10 in the warm-up
///   and enters 04-20 with 14: sells 2 a day to 04-26 (end-of-day stock 12, 10, … 2, 0) and loses
///   04-27, 04-28, 04-29; SKU2 sells its 4 on 04-15 and 04-16, loses 04-17 … 04-19 (warm-up, not
///   counted) and every scored day. Scored: 40 demanded, 26 lost, 13 stock-out days (one series on
///   04-20 … 04-26, two on 04-27 … 04-29), average stock 4.2 (SKU1's 42 over 10 days, SKU2's 0).
///   Counting the warm-up would add 10 units demanded per series and SKU2's 3 stock-out days.
/// - No warm-up (starting at 30 and 10 on 04-19's record): SKU1 never runs out (end-of-day 28 …
///   10, mean 19); SKU2 sells 10 to 04-24 (8, 6, 4, 2, 0, mean 2) and loses the 5 days after.
///   Scored: 40 demanded, 10 lost, 5 stock-out days, average stock 21. `--warm-up 0` is the same
///   run: the same files, summary.json without `warm_up`.
/// The min/max rule plays the same replay and its orders arrive just as late: same figures.
@Suite struct SimulateWarmUpEndToEndTests {
    func write(_ dir: TempDir) throws -> String {
        var sales = "date,sku,location,quantity,on_hand\n"
        for date in isoDays(from: 2024, 1, 1, count: 120) {
            let stock: (Int, Int) = date == "2024-04-14" ? (24, 4) : date == "2024-04-19" ? (30, 10) : (50, 50)
            sales += "\(date),SKU1,S1,2,\(stock.0)\n\(date),SKU2,S1,2,\(stock.1)\n"
        }
        try dir.write("data/sales.csv", sales)
        try dir.write("data/items.csv", """
            sku,location,source,lead_time_days,review_days,unit_cost
            SKU1,S1,SUPX,60,7,1
            SKU2,S1,SUPX,60,7,1

            """)
        try dir.write("data/inventory.csv", "sku,location,on_hand\nSKU1,S1,50\nSKU2,S1,50\n")
        return dir.path + "/data"
    }

    struct Outcome {
        var csv: Data
        var rows: [[String: String]]
        var summary: [String: Any]
        var stdout: String
    }

    func simulate(_ dir: TempDir, data: String, name: String, warmUp: Int?) throws -> Outcome {
        var args = ["simulate", "--data", data, "--from", "2024-04-20", "--to", "2024-04-29", "--out", dir.path + "/" + name]
        if let warmUp { args += ["--warm-up", String(warmUp)] }
        let r = try RestockProcess.run(args)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let csv = try dir.read(name + "/simulation.csv")
        let t = parseCSV(String(decoding: csv, as: UTF8.self))
        let rows = t.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(t[0], $0).map { ($0, $1) }) }
        let summary = try JSONSerialization.jsonObject(with: dir.read(name + "/summary.json")) as! [String: Any]
        return Outcome(csv: csv, rows: rows, summary: summary, stdout: r.stdout)
    }

    func all(_ o: Outcome, _ policy: String) throws -> [String: String] {
        try #require(o.rows.first { $0["policy"] == policy && $0["group"] == "all" })
    }

    @Test func warmUpNightsAreReplayedButNotScored() throws {
        let dir = try TempDir()
        let o = try simulate(dir, data: try write(dir), name: "warm", warmUp: 5)
        for policy in ["restock", "min_max"] {
            let a = try all(o, policy)
            #expect(Double(a["units_demand"]!) == 40, "\(policy) \(a)")
            #expect(Double(a["units_lost"]!) == 26, "\(policy) \(a)")
            #expect(Int(a["stockout_days"]!) == 13, "\(policy) \(a)")
            #expect(abs(Double(a["average_stock"]!)! - 4.2) < 1e-9, "\(policy) \(a)")
            #expect(abs(Double(a["fill_rate"]!)! - 14.0 / 40) < 1e-9, "\(policy) \(a)")
        }
        let warm = try #require(o.summary["warm_up"] as? [String: Any])
        #expect(warm["days"] as? Int == 5 && warm["from"] as? String == "2024-04-15" && warm["to"] as? String == "2024-04-19")
        #expect(o.summary["from"] as? String == "2024-04-20" && o.summary["to"] as? String == "2024-04-29")
        let restock = try #require(o.summary["restock"] as? [String: Any])
        #expect(restock["stockout_days"] as? Int == 13 && restock["fill_rate"] as? Double == 0.35)
        let byDate = try #require(o.summary["restock_stockout_series_by_date"] as? [String: Int])
        var expected: [String: Int] = [:]
        for d in 20...26 { expected["2024-04-\(d)"] = 1 }
        for d in 27...29 { expected["2024-04-\(d)"] = 2 }
        #expect(byDate == expected)
        let supplier = (o.summary["restock_by_source"] as? [String: Any])?["supplier"] as? [String: Any]
        #expect(supplier?["stockout_days"] as? Int == 13 && supplier?["stockout_series_by_date"] as? [String: Int] == expected)
        #expect(o.stdout.contains("warm-up: 5 nights 2024-04-15 … 2024-04-19"))
    }

    @Test func warmUpZeroIsTheReplayWithout() throws {
        let dir = try TempDir()
        let data = try write(dir)
        let plain = try simulate(dir, data: data, name: "plain", warmUp: nil)
        let zero = try simulate(dir, data: data, name: "zero", warmUp: 0)
        let a = try all(plain, "restock")
        #expect(Double(a["units_demand"]!) == 40 && Double(a["units_lost"]!) == 10, "\(a)")
        #expect(Int(a["stockout_days"]!) == 5 && abs(Double(a["average_stock"]!)! - 21) < 1e-9, "\(a)")
        #expect(zero.csv == plain.csv)
        #expect(plain.summary["warm_up"] == nil && zero.summary["warm_up"] == nil)
        var p = plain.summary, z = zero.summary
        p["seconds"] = nil
        z["seconds"] = nil
        #expect(NSDictionary(dictionary: p) == NSDictionary(dictionary: z))
        #expect(zero.stdout == plain.stdout && !plain.stdout.contains("warm-up"))
    }

    @Test func aWarmUpBeforeAllHistoryIsAUsageError() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["simulate", "--data", try write(dir), "--from", "2024-04-20", "--to", "2024-04-29",
                                        "--warm-up", "200", "--out", dir.path + "/early"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--warm-up 200"), "\(r.stderr)")
    }
}
