import Foundation
import Replenish
import RestockData

/// An orders.csv line as its series' own plan made it, kept until the supplier stage has run.
package struct PendingOrderLine {
    /// Place of the series among all series of the night (``OutputWriters/globalIndex``):
    /// orders the lines.
    package var series: Int
    /// The series as loaded, without its history: what its orders.csv row needs (item, stock)
    /// once the data set it came from is gone (a night held in parts, ``BucketedNight``).
    package var record: Series
    package var decision: ReplenishmentDecision
    /// The stage's view of the line (units, currency per unit, units per day, days).
    package var line: PurchaseOrderLine
}

extension OutputWriters {
    /// The cross-sku stage, once every sku is planned: builds stock early for capacity-limited
    /// peaks (``buildForPeaks()``, `capacity_prebuild` rows first), then applies the suppliers' purchase-order terms
    /// to the night's pending order lines (``SupplierOrderTerms/enforce(_:on:)``), writes the placed
    /// lines to orders.csv in series order (a line split over two purchase orders gets a row on
    /// each; a held line none), counts them in the totals and purchase orders, and writes the
    /// exception rows of held and short orders after every series' own rows, by supplier, then
    /// sku and location.
    package func enforceSupplierTerms() throws {
        // First the pre-build for capacity-limited peaks: its units are on the lines the terms see.
        buildForPeaks()
        var prebuilt = prebuildStage?.units ?? [:]
        let outcome = SupplierOrderTerms.enforce(supplierTerms, on: pendingOrders.map(\.line))
        // Then the budget (a line's cut goes on its first row).
        let placements = cutToBudget(outcome.placements)
        var cut = budgetStage?.cutUnits ?? [:]
        for p in placements {
            let pending = pendingOrders[p.line]
            try writeOrderRow(pending, units: p.units, order: p.order, toppedUp: p.toppedUp, budgetCut: cut.removeValue(forKey: p.line) ?? 0,
                              prebuilt: prebuilt.removeValue(forKey: p.line) ?? 0)
            totals.addOrderLine(supplier: pending.line.supplier, order: p.order, units: p.units, unitCost: pending.line.unitCost,
                                arrival: data.asOf.adding(pending.decision.arrivalDays))
        }
        try writePrebuildExceptions()
        let po = { (supplier: String) in PurchaseOrderBook.number(supplier: supplier, orderDate: self.data.asOf.adding(1)) }
        for o in outcome.suppliers where o.held || o.shortOfMultiple > 0 {
            let terms = supplierTerms[o.supplier] ?? SupplierOrderTerms()
            for k in o.lines {
                let pending = pendingOrders[k]
                let kind: String, detail: String
                if o.held {
                    var shortOf: [String] = []
                    if let v = terms.minValue { shortOf.append("value \(money(o.plannedValue)) of min_order_value \(money(v))") }
                    if let u = terms.minUnits { shortOf.append("\(format(o.plannedUnits)) units of min_order_units \(format(u))") }
                    kind = "below_supplier_minimum"
                    detail = "\(po(o.supplier)) held: \(shortOf.joined(separator: ", ")); topping it up would take its lines above "
                        + "\(format(config.excessCoverDays)) days of cover or max_units; \(format(pending.line.quantity)) units not ordered"
                } else {
                    kind = "supplier_multiple_unmet"
                    detail = "\(po(o.supplier)): \(format(o.plannedUnits + o.toppedUpUnits)) units, \(format(o.shortOfMultiple)) short of "
                        + "a whole order_multiple_units \(format(terms.multipleUnits ?? 0)): no case pack fits without excess"
                }
                try writeExceptionRow(sku: pending.line.sku, location: pending.line.location, kind: kind, detail: detail)
                totals.addException(kind)
            }
        }
        try writeBudgetExceptions()
    }

    /// A currency amount with 2 decimals.
    private func money(_ x: Double) -> String { String(format: "%.2f", x) }
}
