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

    /// Whether a replayed night's supplier orders go through the cross-sku stage: some supplier
    /// sets terms, or the config sets a budget.
    var playsCrossSkuStage: Bool { config.budget.isSet || !supplierTerms.isEmpty }

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
