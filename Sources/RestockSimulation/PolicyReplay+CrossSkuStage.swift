import Forecast
import Replenish
import RestockData
import RestockSettings

/// One planned supplier order of a replayed night, waiting for the cross-sku stage.
struct ReplayedOrderLine {
    var series: Int
    var decision: ReplenishmentDecision
    /// Mean forecast demand over the night's horizon (units per day).
    var dailyDemand: Double
}

extension PolicyReplay {
    /// Suppliers' purchase-order terms (`suppliers.csv`), only the suppliers that set one.
    var supplierTerms: [String: SupplierOrderTerms] {
        data.suppliers.filter { $0.value.hasOrderTerms }.mapValues {
            SupplierOrderTerms(minValue: $0.minOrderValue, minUnits: $0.minOrderUnits, multipleUnits: $0.orderMultipleUnits,
                               maxUnits: $0.maxUnitsPerOrder)
        }
    }

    /// Suppliers' weekly capacities (`weekly_capacity_units`), none with `prebuild = false`.
    var supplierCapacity: [String: Double] {
        config.prebuild ? data.suppliers.compactMapValues(\.weeklyCapacityUnits) : [:]
    }

    /// Whether a replayed night's supplier orders go through the cross-sku stage: some supplier
    /// sets terms or a capacity, or the config sets a budget.
    var playsCrossSkuStage: Bool { config.budget.isSet || !supplierTerms.isEmpty || !supplierCapacity.isEmpty }

    /// An item of a capacity-limited supplier that takes the order dated the day after `night`,
    /// for the pre-build step; nil otherwise.
    func capacityItem(_ i: Int, decision d: ReplenishmentDecision, forecast mean: [Double], night: Day,
                      capacity: [String: Double]) -> CapacityItem? {
        let item = data.series[i].item!
        guard capacity[item.source] != nil, let c = data.suppliers[item.source], c.takesOrders(on: night.adding(1)) else { return nil }
        return CapacityItem(sku: data.skuName(data.series[i]), location: data.locationName(data.series[i]), supplier: item.source,
                            plannedQuantity: d.quantity, inventoryPosition: d.inventoryPosition, safetyStock: d.safetyStock,
                            dailyDemand: mean, arrivalDays: d.arrivalDays, casePack: item.orderMultiple, maxUnits: item.maxUnits)
    }

    /// The pre-build step over one replayed night (``CapacityPrebuild/plan(capacity:items:roomMultiple:)``),
    /// as the nightly run plays it first in the stage: built units go onto the item's planned line,
    /// or a line of its own.
    func buildForPeaks(_ planned: inout [ReplayedOrderLine], items: [(series: Int, decision: ReplenishmentDecision, item: CapacityItem)],
                       capacity: [String: Double], alreadyOrdered: [String: Double]) {
        guard !items.isEmpty else { return }
        let outcome = CapacityPrebuild.plan(capacity: capacity, items: items.map(\.item),
                                            roomMultiple: data.suppliers.compactMapValues(\.orderMultipleUnits),
                                            alreadyOrdered: alreadyOrdered)
        var lineOf: [Int: Int] = [:]
        for (k, p) in planned.enumerated() { lineOf[p.series] = k }
        for (k, units) in outcome.prebuild.enumerated() where units > 0 {
            let c = items[k]
            if let j = lineOf[c.series] {
                planned[j].decision.quantity += units
            } else {
                var d = c.decision
                d.quantity = units
                d.reason = "prebuild"
                let mean = c.item.dailyDemand
                planned.append(ReplayedOrderLine(series: c.series, decision: d,
                                                 dailyDemand: mean.isEmpty ? 0 : mean.reduce(0, +) / Double(mean.count)))
            }
        }
    }

    /// The cross-sku stage over one replayed night's supplier orders, as the nightly run plays it
    /// (``SupplierOrderTerms/enforce(_:on:)``, then ``BudgetCut/apply(_:to:)``): units ordered per line.
    func crossSkuStage(_ planned: [ReplayedOrderLine], terms: [String: SupplierOrderTerms]) -> [Double] {
        let lines = planned.map { p -> PurchaseOrderLine in
            let item = data.series[p.series].item!
            return PurchaseOrderLine(sku: data.skuName(data.series[p.series]), location: data.locationName(data.series[p.series]),
                                     supplier: item.source, quantity: p.decision.quantity, casePack: item.orderMultiple,
                                     unitCost: item.unitCost, inventoryPosition: p.decision.inventoryPosition,
                                     dailyDemand: p.dailyDemand, maxCoverDays: config.excessCoverDays, maxUnits: item.maxUnits)
        }
        var placed = [Double](repeating: 0, count: planned.count)
        for p in SupplierOrderTerms.enforce(terms, on: lines).placements { placed[p.line] += p.units }
        guard config.budget.isSet else { return placed }
        let kept = placed.indices.filter { placed[$0] > 0 }
        let budgetLines = kept.map { k -> BudgetLine in
            let p = planned[k], item = data.series[p.series].item!
            return BudgetLine(sku: lines[k].sku, location: lines[k].location, supplier: item.source, category: item.category,
                              quantity: placed[k], casePack: item.orderMultiple, moq: item.moq, unitCost: item.unitCost,
                              inventoryPosition: p.decision.inventoryPosition,
                              demand: p.decision.protectionDemand ?? .normal(mean: 0, sd: 0), leadDemand: p.decision.leadTimeDemand,
                              reviewDemand: p.decision.reviewDemand)
        }
        let outcome = BudgetCut.apply(config.budget, to: budgetLines)
        var out = [Double](repeating: 0, count: planned.count)
        for (b, k) in kept.enumerated() { out[k] = outcome.quantities[b] }
        return out
    }
}
