import Foundation
import Testing

/// The samples' `suppliers.csv` on the night of 2024-12-30 (a Monday; tonight's orders are
/// dated Tuesday 2024-12-31): SUP-B (Tue) reviews its items, SUP-A (Mon, Thu) and SUP-C (Mon,
/// Wed, Fri) order only out of cycle, SUP-D (Thu, no out-of-cycle orders) not at all.
@Suite struct SupplierCalendarEndToEndTests {
    @Test func itemsAreReviewedOnTheirSuppliersOrderDays() throws {
        let dir = try TempDir()
        let r = try RestockProcess.run(["run", "--data", RestockProcess.samples, "--out", dir.path + "/night"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let orders = parseCSV(String(decoding: try dir.read("night/orders.csv"), as: UTF8.self))
        let supplier = orders[0].firstIndex(of: "supplier")!, reason = orders[0].firstIndex(of: "reason")!
        let lines = orders.dropFirst()
        #expect(lines.contains { $0[supplier] == "SUP-B" })
        #expect(lines.filter { $0[supplier] == "SUP-B" }.allSatisfy { $0[reason] == "below_reorder_point" })
        #expect(lines.filter { $0[supplier] == "SUP-A" || $0[supplier] == "SUP-C" }.allSatisfy { $0[reason] == "expedite" })
        #expect(!lines.contains { $0[supplier] == "SUP-D" })
        let exceptions = parseCSV(String(decoding: try dir.read("night/exceptions.csv"), as: UTF8.self))
        #expect(exceptions.contains { $0[2] == "stockout_risk" })
    }
}
