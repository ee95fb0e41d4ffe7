import Testing
@testable import Replenish

/// The budget step of the cross-sku stage (hand-computed cases). With σ = 0 the demand over the
/// protection interval is its mean μ and the expected shortage at stock level S is max(0, μ − S).
@Suite("Budget cut")
struct BudgetCutTests {
    func line(_ sku: String, supplier: String = "S", category: String? = nil, q: Double, pack: Double = 1, moq: Double = 0,
              cost: Double?, ip: Double = 0, mean: Double, sd: Double = 0, review: Double? = nil) -> BudgetLine {
        BudgetLine(sku: sku, location: "S1", supplier: supplier, category: category, quantity: q, casePack: pack, moq: moq,
                   unitCost: cost, inventoryPosition: ip, demand: .normal(mean: mean, sd: sd), reviewDemand: review ?? mean)
    }

    /// A: 10 units in packs of 5 at 10, demand 8: its last pack avoids 8 − 5 = 3 units short for
    /// 50 → 0.06 per currency unit. B: 20 in packs of 10 at 2, demand 30: short 10 already; its
    /// last pack avoids 10 more for 20 → 0.5. C: position 5 + 20 in packs of 10 at 1, demand 10:
    /// its last pack avoids nothing → 0. Value 100 + 40 + 20 = 160, cap 120: C's pack goes first
    /// (150), then C's next pack is worth 5 short avoided / 10 = 0.5 > A's 0.06, so A's pack goes
    /// (100 ≤ 120). B, the line short already, keeps all it ordered.
    @Test func aBudgetCutRemovesTheLowestValueUnitsFirst() {
        let lines = [line("A", q: 10, pack: 5, cost: 10, mean: 8),
                     line("B", q: 20, pack: 10, cost: 2, mean: 30),
                     line("C", q: 20, pack: 10, cost: 1, ip: 5, mean: 10)]
        let o = BudgetCut.apply(OrderBudget(total: 120), to: lines)
        #expect(o.quantities == [5, 20, 10])
        #expect(o.plannedValue == 160 && o.keptValue == 100)
        #expect(o.cuts == [.init(line: 0, units: 5, value: 50, shortageBefore: 0, shortageAfter: 3, scope: "total"),
                           .init(line: 2, units: 10, value: 10, shortageBefore: 0, shortageAfter: 0, scope: "total")])
        #expect(o.scopes == [.init(name: "total", cap: 120, plannedValue: 160, keptValue: 100)])
        // Fill rate 1 − short / review demand: 1 − 10/48 before, 1 − 13/48 after.
        #expect(abs(o.fillRateBefore - 38.0 / 48) < 1e-12 && abs(o.fillRateAfter - 35.0 / 48) < 1e-12)
        // A cap already met cuts nothing; a cap of 0 cuts every costed unit.
        #expect(BudgetCut.apply(OrderBudget(total: 160), to: lines).cuts.isEmpty)
        #expect(BudgetCut.apply(OrderBudget(total: 0), to: lines).quantities == [0, 0, 0])
        // The same for any order of the lines.
        let r = BudgetCut.apply(OrderBudget(total: 120), to: [lines[2], lines[0], lines[1]])
        #expect(r.quantities == [10, 5, 20])
    }

    /// With spread demand the marginal pack's worth falls as the stock level rises (the loss is
    /// convex), so packs come off the line with the most stock relative to demand first. A and B
    /// are the same item (N(20, 5²), pack 5 at 1) with 25 and 15 ordered: A's last pack avoids
    /// 5·(G(0) − G(1)) = 5·(0.39894 − 0.08332) = 1.578 units, B's 5·(G(−1) − G(0)) = 5·(1.08332 −
    /// 0.39894) = 3.422. Cap 35: A goes to 20 (35). Cap 30: A's next pack (3.422) is still worth
    /// less than B's (5·(G(−2) − G(−1)) = 5·(2.00849 − 1.08332) = 4.626): A at 15. Cap 25: A's next
    /// pack and B's are worth the same 4.626, and A wins the tie by sku: A at 10.
    @Test func convexLossCutsTheBestStockedLineFirst() {
        let lines = [line("A", q: 25, pack: 5, cost: 1, mean: 20, sd: 5), line("B", q: 15, pack: 5, cost: 1, mean: 20, sd: 5)]
        let o = BudgetCut.apply(OrderBudget(total: 35), to: lines)
        #expect(o.quantities == [20, 15])
        #expect(abs(o.cuts[0].shortageAfter - o.cuts[0].shortageBefore - 5 * (0.398942 - 0.083316)) < 1e-4)
        #expect(BudgetCut.apply(OrderBudget(total: 30), to: lines).quantities == [15, 15])
        #expect(BudgetCut.apply(OrderBudget(total: 25), to: lines).quantities == [10, 15])
        #expect(BudgetCut.apply(OrderBudget(total: 25), to: lines.reversed()).quantities == [15, 10])
    }

    /// What runs short before the order arrives is not the order's to prevent: the cycle's shortage
    /// is E[(D_P − S)⁺] − E[(D_L − S)⁺], within 0 … D_R. A: position 0, 40 ordered in packs of 5 at 1,
    /// D_L ~ N(40, 5²), D_P ~ N(50, 5²), D_R = 10. At S = 40: 5·G(−2) − 5·G(0) = 10.0425 − 1.9947 =
    /// 8.0478; at S = 35: 5·G(−3) − 5·G(−1) = 15.0019 − 5.4166 = 9.5853: its last pack avoids 1.5376
    /// (0.308 per unit of currency). B: 10 ordered in packs of 5 at 1, demand 6 (σ = 0), no lead
    /// time: its last pack avoids 1 (0.2). Cap 45 cuts B's pack. Without the lead time, A's
    /// shortage is E[(D_P − S)⁺] capped at D_R = 10 at both levels: its pack avoids 0 and goes instead.
    @Test func shortageBeforeTheOrderArrivesIsNotTheOrders() {
        let b = line("B", q: 10, pack: 5, cost: 1, mean: 6)
        var a = BudgetLine(sku: "A", location: "S1", supplier: "S", quantity: 40, casePack: 5, unitCost: 1, inventoryPosition: 0,
                           demand: .normal(mean: 50, sd: 5), leadDemand: .normal(mean: 40, sd: 5), reviewDemand: 10)
        #expect(abs(a.expectedShortage(40) - 8.0478) < 1e-3 && abs(a.expectedShortage(35) - 9.5853) < 1e-3)
        #expect(BudgetCut.apply(OrderBudget(total: 45), to: [a, b]).quantities == [40, 5])
        a.leadDemand = nil
        #expect(a.expectedShortage(40) == 10 && a.expectedShortage(35) == 10)
        #expect(BudgetCut.apply(OrderBudget(total: 45), to: [a, b]).quantities == [35, 10])
    }

    /// A supplier cap cuts only that supplier's lines; a cut that would leave a line below its
    /// MOQ cuts all of it; a line without a unit cost counts in no cap and is never cut; a
    /// category cap cuts only that category's lines.
    @Test func supplierAndCategoryCapsMinimumQuantitiesAndUnknownCosts() {
        let x = line("X", supplier: "S1", category: "dairy", q: 40, pack: 10, moq: 25, cost: 1, mean: 100)
        let y = line("Y", supplier: "S2", q: 10, pack: 10, cost: 1, mean: 0)
        let z = line("Z", supplier: "S1", category: "dairy", q: 50, pack: 10, cost: nil, mean: 0)
        // S1 spends 40 (Z has no cost): one pack of X brings it to 30; Y (worth nothing) is another supplier's.
        let a = BudgetCut.apply(OrderBudget(suppliers: ["S1": 30]), to: [x, y, z])
        #expect(a.quantities == [30, 10, 50])
        #expect(a.cuts.map(\.scope) == ["supplier S1"])
        // Cap 20: 40 → 30, then 30 − 10 = 20 is below the MOQ 25: the whole line goes.
        let b = BudgetCut.apply(OrderBudget(suppliers: ["S1": 20]), to: [x, y, z])
        #expect(b.quantities == [0, 10, 50])
        #expect(b.scopes == [.init(name: "supplier S1", cap: 20, plannedValue: 40, keptValue: 0)])
        // A category cap: Y has no category, Z no cost.
        let c = BudgetCut.apply(OrderBudget(categories: ["dairy": 35]), to: [x, y, z])
        #expect(c.quantities == [30, 10, 50])
        // A total cap over a supplier cap: 50 > 25 and S1's 40 > 30. Y's pack is worth nothing and
        // goes first (40); X's pack, worth 10 units short per 10, next (30, S1 met); the total is
        // still over, and X's next cut would leave 20 < MOQ 25: all of X goes (0).
        let d = BudgetCut.apply(OrderBudget(total: 25, suppliers: ["S1": 30]), to: [x, y, z])
        #expect(d.quantities == [0, 0, 50])
        #expect(d.cuts.map(\.scope) == ["total", "total"])
        #expect(d.scopes.map(\.keptValue) == [0, 0])
    }
}
