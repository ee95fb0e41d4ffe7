import Testing
@testable import Replenish

/// The cross-sku stage over the night's order lines: suppliers' minimums, pallet multiples and
/// truck maximums (hand-computed cases).
@Suite("Supplier order terms")
struct SupplierOrderTermsTests {
    func line(_ sku: String, supplier: String = "S", q: Double, pack: Double = 1, cost: Double? = nil,
              ip: Double, d: Double, maxCover: Double = 120) -> PurchaseOrderLine {
        PurchaseOrderLine(sku: sku, location: "S1", supplier: supplier, quantity: q, casePack: pack, unitCost: cost,
                          inventoryPosition: ip, dailyDemand: d, maxCoverDays: maxCover)
    }

    /// Units per input line (summed over its purchase orders) and topped-up units per line.
    func units(_ o: SupplierTermsOutcome, lines: Int) -> (units: [Double], toppedUp: [Double]) {
        var u = [Double](repeating: 0, count: lines), t = [Double](repeating: 0, count: lines)
        for p in o.placements { u[p.line] += p.units; t[p.line] += p.toppedUp }
        return (u, t)
    }

    /// Minimum value 500; value 20·10 + 12·5 = 260. Covers after tonight's order: A (10+20)/2 = 15,
    /// B (40+12)/4 = 13, C (0+10)/1 = 10 — but C has no unit cost, so a pack of C adds no value.
    /// Packs go to the lowest cover: B +12 (cover 16, value 320), A +6 (18, 380), B +12 (19, 440),
    /// A +6 (21, 500): the minimum is met. A 32 (+12), B 36 (+24), C 10 (+0).
    @Test func aPurchaseOrderIsToppedUpToItsMinimumValueOnTheLowestCoverLines() {
        let lines = [line("A", q: 20, pack: 6, cost: 10, ip: 10, d: 2),
                     line("B", q: 12, pack: 12, cost: 5, ip: 40, d: 4),
                     line("C", q: 10, ip: 0, d: 1)]
        let o = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(minValue: 500)], on: lines)
        let (u, t) = units(o, lines: 3)
        #expect(u == [32, 36, 10])
        #expect(t == [12, 24, 0])
        #expect(o.suppliers == [.init(supplier: "S", lines: [0, 1, 2], plannedUnits: 42, plannedValue: 260, toppedUpUnits: 36,
                                      held: false, shortOfMultiple: 0, orders: 1)])
        #expect(o.placements.allSatisfy { $0.order == 1 })
        // The same minimum in units (78 = 42 + 36) goes to C first: it has the lowest cover and any unit counts.
        let byUnits = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(minUnits: 45)], on: lines)
        #expect(units(byUnits, lines: 3).units == [20, 12, 13])  // C 10 → 13: covers 11, 12, 13 stay below A's 15
    }

    /// Minimum 100 units; A can go to 30 units (30 days of cover at most), B to 15 (IP 15 + 15 = 30 days):
    /// 45 at most, so the order is held and none of its lines is placed. Supplier T has no terms:
    /// its line goes out as planned.
    @Test func aPurchaseOrderIsHeldWhenToppingUpWouldCreateExcess() {
        let lines = [line("A", q: 10, pack: 10, ip: 0, d: 1, maxCover: 30),
                     line("B", q: 5, pack: 5, ip: 15, d: 1, maxCover: 30),
                     line("D", supplier: "T", q: 7, ip: 0, d: 1)]
        let o = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(minUnits: 100)], on: lines)
        #expect(o.placements == [.init(line: 2, order: 1, units: 7, toppedUp: 0)])
        #expect(o.suppliers.map(\.supplier) == ["S", "T"])
        #expect(o.suppliers[0].held && o.suppliers[0].orders == 0 && o.suppliers[0].plannedUnits == 15)
        #expect(!o.suppliers[1].held && o.suppliers[1].orders == 1)
        // With a 45-unit minimum it is reachable exactly: A 30, B 15.
        let reachable = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(minUnits: 45)], on: lines)
        #expect(units(reachable, lines: 3).units == [30, 15, 7])
        #expect(!reachable.suppliers[0].held)
    }

    /// Pallet of 48: 37 units, 11 missing. A (cover 30/3 = 10) takes a pack of 6 (43, cover 12);
    /// 5 missing, which only B's 1-unit pack fits: B +5. A 36, B 12 = 48. Supplier V's pallet of
    /// 10 cannot be reached with packs of 6: 12 → 18, then 2 are missing and no pack fits.
    @Test func aPalletMultipleIsFilledWithCasePacksOnTheLowestCoverLines() {
        let lines = [line("A", q: 30, pack: 6, ip: 0, d: 3),
                     line("B", q: 7, ip: 14, d: 1),
                     line("F", supplier: "V", q: 12, pack: 6, ip: 0, d: 1)]
        let o = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(multipleUnits: 48), "V": SupplierOrderTerms(multipleUnits: 10)],
                                           on: lines)
        let (u, t) = units(o, lines: 3)
        #expect(u == [36, 12, 18])
        #expect(t == [6, 5, 6])
        #expect(o.suppliers[0].shortOfMultiple == 0 && o.suppliers[0].toppedUpUnits == 11)
        #expect(o.suppliers[1].shortOfMultiple == 2 && o.suppliers[1].orders == 1)
    }

    /// A truck of 100 units with pallets of 24 carries 96. 168 units (7 pallets): PO 1 gets A's
    /// first 96 (8 packs of 12); PO 2 A's other 24 and B's 48 (72 units).
    @Test func anOrderAboveTheMaximumIsSplitIntoTruckloads() {
        let lines = [line("B", q: 48, ip: 0, d: 5), line("A", q: 120, pack: 12, ip: 0, d: 10)]
        let o = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(multipleUnits: 24, maxUnits: 100)], on: lines)
        #expect(o.placements == [.init(line: 0, order: 2, units: 48, toppedUp: 0),
                                 .init(line: 1, order: 1, units: 96, toppedUp: 0),
                                 .init(line: 1, order: 2, units: 24, toppedUp: 0)])
        #expect(o.suppliers[0].orders == 2 && o.suppliers[0].lines == [1, 0])
        // At or under the maximum: one purchase order.
        let one = SupplierOrderTerms.enforce(["S": SupplierOrderTerms(maxUnits: 168)], on: lines)
        #expect(one.placements.map(\.order) == [1, 1] && one.suppliers[0].orders == 1)
    }

    /// No terms: every line placed as planned, on one purchase order per supplier.
    @Test func withoutTermsNothingChanges() {
        let lines = [line("A", q: 3, pack: 6, cost: 2, ip: 0, d: 1), line("B", supplier: "T", q: 5, ip: 0, d: 0)]
        let o = SupplierOrderTerms.enforce([:], on: lines)
        #expect(o.placements == [.init(line: 0, order: 1, units: 3, toppedUp: 0), .init(line: 1, order: 1, units: 5, toppedUp: 0)])
        #expect(o.suppliers.map(\.toppedUpUnits) == [0, 0])
    }

    /// The outcome does not depend on the order the lines come in (a sharded night merges them in any order).
    @Test func theOrderOfTheLinesDoesNotMatter() {
        var rng = SplitMix64(seed: 13)
        var lines: [PurchaseOrderLine] = []
        for k in 0..<40 {
            lines.append(line("SKU\(k % 13)", supplier: "S\(k % 3)", q: Double(1 + rng.next() % 30), pack: Double(1 + rng.next() % 6),
                              cost: k % 5 == 0 ? nil : Double(1 + rng.next() % 9), ip: Double(rng.next() % 50), d: Double(1 + rng.next() % 4)))
            lines[k].location = "L\(k)"
        }
        let terms = ["S0": SupplierOrderTerms(minValue: 2000, multipleUnits: 12, maxUnits: 90),
                     "S1": SupplierOrderTerms(minUnits: 400), "S2": SupplierOrderTerms(minUnits: 10_000)]
        let a = SupplierOrderTerms.enforce(terms, on: lines)
        let perm = Array((0..<40).reversed())
        let b = SupplierOrderTerms.enforce(terms, on: perm.map { lines[$0] })
        let mapped = b.placements.map { SupplierTermsOutcome.Placement(line: perm[$0.line], order: $0.order, units: $0.units, toppedUp: $0.toppedUp) }
            .sorted { ($0.line, $0.order) < ($1.line, $1.order) }
        #expect(mapped == a.placements)
        #expect(a.suppliers.map(\.held) == [false, false, true])
        // Every added unit is a whole case pack, and placed units cover the plan.
        let (u, t) = units(a, lines: 40)
        for (k, l) in lines.enumerated() where !t.isEmpty && u[k] > 0 {
            #expect(u[k] >= l.quantity && (t[k] / l.casePack).rounded() == t[k] / l.casePack)
        }
        // S0's purchase orders: each at most 84 units (7 pallets of 12), all but the last full.
        var perOrder: [Int: Double] = [:]
        for p in a.placements where lines[p.line].supplier == "S0" { perOrder[p.order, default: 0] += p.units }
        #expect(perOrder.count == a.suppliers[0].orders && perOrder.count > 1)
        #expect(perOrder.values.allSatisfy { $0 <= 84 })
    }
}
