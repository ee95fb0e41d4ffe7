import Foundation
import Replenish
import RestockData

/// The budget step's result: the cut of each line, by pending line.
package struct BudgetStageResult {
    package var outcome: BudgetOutcome
    /// The pending order line (index in ``OutputWriters/pendingOrders``) of each budget line.
    package var pendingIndex: [Int]

    /// Units cut, by pending line (absent when not cut).
    package var cutUnits: [Int: Double] {
        Dictionary(uniqueKeysWithValues: outcome.cuts.map { (pendingIndex[$0.line], $0.units) })
    }
}

/// Σ expected units short over the review period after arrival and Σ review-period demand over
/// some planned series (``BudgetLine/expectedShortage(_:)`` of what they get tonight: `quantity`
/// arriving after the lead time to what is left of `inventoryPosition`).
package struct PlanService {
    package var short = 0.0
    package var demand = 0.0
    package var series = 0

    package mutating func add(_ d: ReplenishmentDecision, inventoryPosition: Double, quantity: Double = 0) {
        guard let p = d.protectionDemand, d.reviewDemand > 0 else { return }
        let line = BudgetLine(sku: "", location: "", supplier: "", quantity: quantity, unitCost: nil,
                              inventoryPosition: inventoryPosition, demand: p, leadDemand: d.leadTimeDemand,
                              reviewDemand: d.reviewDemand)
        short += line.expectedShortage(quantity)
        demand += d.reviewDemand
        series += 1
    }
}

/// `summary.json`'s `budget` section: the caps, what they cut and the service it costs.
package struct BudgetSummary: Encodable {
    package struct Cap: Encodable {
        package var scope: String
        package var cap: Double
        package var planned_value: Double
        package var kept_value: Double
    }

    package var caps: [Cap]
    package var planned_value: Double
    package var kept_value: Double
    package var cut_value: Double
    package var cut_units: Double
    package var lines_cut: Int
    package var lines_cut_whole: Int
    /// Expected fill rate of the night's order lines (1 − Σ expected units short over the review
    /// period after arrival, unmet demand lost / Σ D_R).
    package var expected_fill_rate_before: Double
    package var expected_fill_rate_after: Double
    package var expected_units_short_before: Double
    package var expected_units_short_after: Double
    /// The same over every planned series (the others with tonight's transfers, if any),
    /// and how many series that is.
    package var plan_expected_fill_rate_before: Double
    package var plan_expected_fill_rate_after: Double
    package var plan_series: Int

    package init(_ r: BudgetStageResult, others: PlanService) {
        let o = r.outcome
        func round(_ x: Double, _ places: Double = 100) -> Double { (x * places).rounded() / places }
        caps = o.scopes.map { Cap(scope: $0.name, cap: $0.cap, planned_value: round($0.plannedValue), kept_value: round($0.keptValue)) }
        planned_value = round(o.plannedValue)
        kept_value = round(o.keptValue)
        cut_value = round(o.plannedValue - o.keptValue)
        cut_units = o.cuts.reduce(0) { $0 + $1.units }
        lines_cut = o.cuts.count
        lines_cut_whole = o.cuts.filter { o.quantities[$0.line] <= 0 }.count
        expected_fill_rate_before = round(o.fillRateBefore, 1e6)
        expected_fill_rate_after = round(o.fillRateAfter, 1e6)
        expected_units_short_before = round(o.shortageBefore, 1e3)
        expected_units_short_after = round(o.shortageAfter, 1e3)
        let demand = o.reviewDemand + others.demand
        func fill(_ short: Double) -> Double { demand > 0 ? round(max(0, 1 - (short + others.short) / demand), 1e6) : 1 }
        plan_expected_fill_rate_before = fill(o.shortageBefore)
        plan_expected_fill_rate_after = fill(o.shortageAfter)
        plan_series = others.series + o.quantities.count
    }
}

extension OutputWriters {
    /// Whether order lines wait for the cross-sku stage (supplier terms, capacities or a budget) at ``close()``.
    package var holdsOrderLines: Bool { !supplierTerms.isEmpty || config.budget.isSet || !supplierCapacity.isEmpty }

    /// The budget step of the cross-sku stage, after the supplier terms: the night's placed lines
    /// (Σ over a line's purchase orders) cut to `config.budget` by ``BudgetCut/apply(_:to:)``. A
    /// line's cut comes off its last purchase orders first; placements cut to nothing are dropped.
    /// Records the result in ``budgetStage`` (nil without a budget).
    package func cutToBudget(_ placements: [SupplierTermsOutcome.Placement]) -> [SupplierTermsOutcome.Placement] {
        guard config.budget.isSet else { return placements }
        var placed: [Int: Double] = [:]
        for p in placements { placed[p.line, default: 0] += p.units }
        let pending = placed.keys.sorted()
        let lines = pending.map { k -> BudgetLine in
            let o = pendingOrders[k], item = o.record.item
            return BudgetLine(sku: o.line.sku, location: o.line.location, supplier: o.line.supplier, category: item?.category,
                              quantity: placed[k]!, casePack: o.line.casePack, moq: item?.moq ?? 0, unitCost: o.line.unitCost,
                              inventoryPosition: o.line.inventoryPosition,
                              demand: o.decision.protectionDemand ?? .normal(mean: 0, sd: 0), leadDemand: o.decision.leadTimeDemand,
                              reviewDemand: o.decision.reviewDemand)
        }
        let outcome = BudgetCut.apply(config.budget, to: lines)
        budgetStage = BudgetStageResult(outcome: outcome, pendingIndex: pending)
        // Lines the supplier terms held: their stock level is the position without tonight's order.
        for (k, o) in pendingOrders.enumerated() where placed[k] == nil {
            unbudgetedService.add(o.decision, inventoryPosition: o.line.inventoryPosition)
        }
        var keep: [Int: Double] = [:]
        for (b, k) in pending.enumerated() { keep[k] = outcome.quantities[b] }
        // Fill each line's placements in order up to what is kept.
        var out: [SupplierTermsOutcome.Placement] = []
        for var p in placements {
            let left = keep[p.line] ?? 0
            let units = min(p.units, left)
            keep[p.line] = left - units
            guard units > 1e-9 else { continue }
            p.toppedUp = min(p.toppedUp, units)
            p.units = units
            out.append(p)
        }
        return out
    }

    /// The `budget_cut` exception rows, one per line cut, by sku and location.
    package func writeBudgetExceptions() throws {
        guard let r = budgetStage else { return }
        let cuts = r.outcome.cuts.sorted { a, b in
            let x = pendingOrders[r.pendingIndex[a.line]].line, y = pendingOrders[r.pendingIndex[b.line]].line
            return (x.sku, x.location, a.line) < (y.sku, y.location, b.line)
        }
        for c in cuts {
            let pending = pendingOrders[r.pendingIndex[c.line]]
            let planned = c.units + r.outcome.quantities[c.line]
            let demand = pending.decision.reviewDemand
            func fill(_ short: Double) -> String {
                demand > 0 ? String(format: "%.1f %%", 100 * max(0, 1 - short / demand)) : "n/a"
            }
            let what = r.outcome.quantities[c.line] <= 0 ? "all \(format(planned)) units" : "\(format(c.units)) of \(format(planned)) units"
            let detail = "\(what) cut (\(String(format: "%.2f", c.value))) to meet the \(c.scope) budget: expected units short "
                + "in the review period after arrival \(String(format: "%.2f", c.shortageBefore)) → \(String(format: "%.2f", c.shortageAfter)), "
                + "expected fill rate \(fill(c.shortageBefore)) → \(fill(c.shortageAfter))"
            try writeExceptionRow(sku: pending.line.sku, location: pending.line.location, kind: "budget_cut", detail: detail)
            totals.addException("budget_cut")
        }
    }
}
