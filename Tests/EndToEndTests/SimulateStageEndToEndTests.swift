import Foundation
import Testing

/// `restock simulate` plays the cross-sku stage: a budget in the config cuts each replayed night's
/// supplier orders as the nightly run would.
@Suite struct SimulateStageEndToEndTests {
    func simulate(_ dir: TempDir, _ name: String, config: String?) throws -> [[String]] {
        var args = ["simulate", "--data", RestockProcess.samples, "--from", "2024-11-01", "--to", "2024-11-28",
                    "--out", dir.path + "/" + name, "--refit-days", "14"]
        if let config {
            try dir.write(name + ".toml", config)
            args += ["--config", dir.path + "/" + name + ".toml"]
        }
        let r = try RestockProcess.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return parseCSV(String(decoding: try dir.read(name + "/simulation.csv"), as: UTF8.self))
    }

    @Test func aBudgetCutsTheReplayedNightsOrders() throws {
        let dir = try TempDir()
        let free = try simulate(dir, "free", config: nil)
        // A cap above any night's spend changes nothing.
        let loose = try simulate(dir, "loose", config: "[budget]\ntotal = 1e15\n")
        #expect(loose == free)
        // A cap of 0 buys nothing from suppliers (every samples item has a unit cost): the DC and
        // the store items bought from suppliers end with less stock and lose more sales; items a
        // store gets from the DC (transfers, not supplier orders) are not capped.
        let none = try simulate(dir, "none", config: "[budget]\ntotal = 0\n")
        func row(_ t: [[String]], _ group: String, _ key: String) throws -> [String: String] {
            let r = try #require(t.first { $0[0] == "restock" && $0[1] == group && $0[2] == key })
            return Dictionary(uniqueKeysWithValues: zip(t[0], r).map { ($0, $1) })
        }
        for (group, key) in [("location", "DC1"), ("all", "all")] {
            let a = try row(free, group, key), b = try row(none, group, key)
            #expect(Double(b["average_stock"]!)! < Double(a["average_stock"]!)!, "\(key)")
            #expect(Double(b["units_lost"]!)! > Double(a["units_lost"]!)!, "\(key)")
            #expect(Double(b["fill_rate"]!)! < Double(a["fill_rate"]!)!, "\(key)")
        }
    }
}
