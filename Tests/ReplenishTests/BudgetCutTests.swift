import Testing
@testable import Replenish
import Foundation

private func StandardNormalPDF(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

/// The budget step of the cross-sku stage (hand-computed cases). Unmet demand is lost: the units
/// short after tonight's order arrives are E[(D_R − q − (IP − D_L)⁺)⁺]. Without a lead time
/// (`leadDemand` nil) that is E[(D_P − IP − q)⁺], and with σ = 0 it is max(0, μ − IP − q).
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

    /// Lost sales: the order arrives to what the lead time left, X = (IP − D_L)⁺, and
    /// short(q) = E[(D_R − q − X)⁺] = E_R[(L_L(IP + q − D_R) − L_L(IP))⁺] with L_L the lead time's
    /// loss function. A: position 40, 10 ordered in packs of 5 at 1, D_L ~ N(40, 5²), D_P = 50 with
    /// σ = 0, so D_R = 10 exactly and short(q) = L_L(30 + q) − L_L(40) = 5·G((30 + q − 40)/5) − 5·G(0):
    /// q = 10: 0; q = 5: 5·G(−1) − 5·G(0) = 5.41660 − 1.99471 = 3.42189; q = 0: 5·G(−2) − 5·G(0) =
    /// 10.04245 − 1.99471 = 8.04774. (Half the time the lead time sells less than 40 and leaves stock.)
    /// A's last pack avoids 3.42189 units for 5 → 0.684. B: 10 ordered in packs of 5 at 1, demand 6
    /// (σ = 0), no lead time: its last pack avoids 1 → 0.2. Cap 15 cuts B's pack.
    @Test func theOrderServesTheReviewPeriodFromWhatTheLeadTimeLeft() {
        let a = BudgetLine(sku: "A", location: "S1", supplier: "S", quantity: 10, casePack: 5, unitCost: 1, inventoryPosition: 40,
                           demand: .normal(mean: 50, sd: 0), leadDemand: .normal(mean: 40, sd: 5), reviewDemand: 10)
        let b = line("B", q: 10, pack: 5, cost: 1, mean: 6)
        #expect(a.expectedShortage(10) == 0)
        #expect(abs(a.expectedShortage(5) - 3.42189) < 1e-4 && abs(a.expectedShortage(0) - 8.04774) < 1e-4)
        #expect(BudgetCut.apply(OrderBudget(total: 15), to: [a, b]).quantities == [10, 5])
        // With the lead time's demand certain (σ_L = 0) the stock at arrival is 40 − 40 = 0: short(q) = (10 − q)⁺.
        var c = a
        c.leadDemand = .normal(mean: 40, sd: 0)
        #expect(c.expectedShortage(5) == 5 && c.expectedShortage(10) == 0)
        // Position 45 leaves 5 at arrival: short(q) = (10 − 5 − q)⁺.
        c.inventoryPosition = 45
        #expect(c.expectedShortage(0) == 5 && c.expectedShortage(5) == 0)
    }

    /// The failure of the backorder measure short(q) = E[(D_P − S)⁺] − E[(D_L − S)⁺], S = IP + q:
    /// a line whose stock runs out before its order arrives showed the same shortage at any q ≤ D_L,
    /// so its packs looked worthless and it was cut whole. Both lines: 10 ordered in packs of 5 at 1,
    /// D_P ~ N(50, 5²) and, as the plan makes them, D_L ~ N(40, (5·√(40/50))²) and D_R: mean 10,
    /// σ 5·√(10/50) = 2.236 (variance/mean 0.5) → Poisson(10).
    /// A (urgent): position 10, gone long before arrival (P(D_L < 10) = Φ(−6.7)), so X = 0 and
    /// short(q) = E[(N − q)⁺], N ~ Poisson(10): E[(N − k)⁺] = λ(1 − F(k − 1)) − k(1 − F(k)):
    /// q = 10: 10·f(10) = 10·0.125110 = 1.25110; q = 5: 10·(1 − 0.029253) − 5·(1 − 0.067086) =
    /// 9.70747 − 4.66457 = 5.04290; q = 0: 10. Its last pack avoids 3.7918 units for 5 → 0.758.
    /// B (ample): position 100, X ≈ 60 at arrival: short ≈ 0 at any q, its packs worth ≈ 0.
    /// Cap 10 (spend 20): B's two packs go, A keeps its 10. The backorder measure gave A
    /// (50 − S) − (40 − S) = 10 at both q = 10 and 5 — 0 avoided, tied with B and first by sku —
    /// and cut A whole.
    @Test func aLineThatRunsOutBeforeArrivalIsNotCutBeforeALineWithAmpleStock() {
        func l(_ sku: String, ip: Double) -> BudgetLine {
            BudgetLine(sku: sku, location: "S1", supplier: "S", quantity: 10, casePack: 5, unitCost: 1, inventoryPosition: ip,
                       demand: .normal(mean: 50, sd: 5), leadDemand: .normal(mean: 40, sd: 5 * 0.8.squareRoot()), reviewDemand: 10)
        }
        let a = l("A", ip: 10), b = l("B", ip: 100)
        #expect(a.reviewPeriodDemand == .poisson(mean: 10))
        #expect(abs(a.expectedShortage(10) - 1.25110) < 1e-4 && abs(a.expectedShortage(5) - 5.04290) < 1e-4)
        #expect(abs(a.expectedShortage(0) - 10) < 1e-4)
        #expect(b.expectedShortage(0) < 1e-6)
        let o = BudgetCut.apply(OrderBudget(total: 10), to: [a, b])
        #expect(o.quantities == [10, 0])
        #expect(o.cuts.map(\.line) == [1])
        #expect(BudgetCut.apply(OrderBudget(total: 10), to: [b, a]).quantities == [0, 10])
        // Fill rate over the two lines' review demand 20: 1 − 1.2511/20 before and after.
        #expect(abs(o.fillRateBefore - (1 - 1.25110 / 20)) < 1e-5 && abs(o.fillRateAfter - o.fillRateBefore) < 1e-6)
    }

    /// The normal case (D_R normal, integrated by Simpson's rule) and the discrete one (Σ over D_R's pmf)
    /// against the definition E[(D_R − q − (IP − D_L)⁺)⁺] summed over a fine grid of both demands.
    @Test func lostSalesShortageMatchesTheDefinition() {
        // Normal: D_P ~ N(100, 10²), D_L ~ N(60, 10·√0.6) → D_R ~ N(40, 10·√0.4), position 50.
        let n = BudgetLine(sku: "N", location: "S1", supplier: "S", quantity: 30, unitCost: 1, inventoryPosition: 50,
                           demand: .normal(mean: 100, sd: 10), leadDemand: .normal(mean: 60, sd: 10 * 0.6.squareRoot()),
                           reviewDemand: 40)
        let r = n.reviewPeriodDemand, lead = n.leadDemand!
        #expect(r.model == .normal && abs(r.mean - 40) < 1e-12 && abs(r.sd - 10 * 0.4.squareRoot()) < 1e-12)
        for q in [0.0, 15, 30, 60] {
            // Midpoint rule over ±8σ on both (800 × 800 cells).
            let m = 800, h = 16.0 / Double(m)
            var sum = 0.0
            for i in 0..<m {
                let zl = -8 + (Double(i) + 0.5) * h, x = max(0, 50 - (lead.mean + lead.sd * zl))
                let wl = StandardNormalPDF(zl) * h
                for j in 0..<m {
                    let zr = -8 + (Double(j) + 0.5) * h
                    sum += wl * StandardNormalPDF(zr) * h * max(0, r.mean + r.sd * zr - q - x)
                }
            }
            #expect(abs(n.expectedShortage(q) - sum) < 1e-3, "q = \(q): \(n.expectedShortage(q)) vs \(sum)")
        }
        // Discrete: D_P negative binomial (μ 12, σ² 30), D_L = Poisson(4) → D_R = choose(8, √(30·8/12)), position 6.
        let d = BudgetLine(sku: "D", location: "S1", supplier: "S", quantity: 5, unitCost: 1, inventoryPosition: 6,
                           demand: .negativeBinomial(mean: 12, variance: 30), leadDemand: .poisson(mean: 4), reviewDemand: 8)
        let dr = d.reviewPeriodDemand, dl = d.leadDemand!
        #expect(dr.model == .negativeBinomial && abs(dr.mean - 8) < 1e-9 && abs(dr.variance - 20) < 1e-9)
        for q in [0.0, 3, 5, 12] {
            var sum = 0.0
            for i in 0..<200 { for j in 0..<200 { sum += dl.pmf(i) * dr.pmf(j) * max(0, Double(j) - q - max(0, 6 - Double(i))) } }
            #expect(abs(d.expectedShortage(q) - sum) < 1e-9, "q = \(q): \(d.expectedShortage(q)) vs \(sum)")
        }
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
