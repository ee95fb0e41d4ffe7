import Foundation
import Forecast
import Replenish
import RestockData

/// An item of a capacity-limited supplier reviewed tonight, kept until the cross-sku stage.
package struct PendingCapacityItem {
    /// Place of the series among all series of the night (``OutputWriters/globalIndex``).
    package var series: Int
    /// The series as loaded, without its history (``PendingOrderLine/record``).
    package var record: Series
    package var decision: ReplenishmentDecision
    package var item: CapacityItem
    /// Mean forecast demand over the horizon (units per day), for a pre-build-only line's cover.
    package var meanDaily: Double
}

/// The pre-build step's result: units built per pending order line, and the suppliers' peaks.
package struct PrebuildStageResult {
    package var outcome: CapacityPrebuildOutcome
    /// Pre-built units by pending order line (index in ``OutputWriters/pendingOrders``).
    package var units: [Int: Double]
}

/// `summary.json`'s `capacity_prebuild`: per supplier with a week over its capacity, the peak and
/// what tonight built for it.
package struct CapacityPrebuildSummary: Encodable {
    package struct Supplier: Encodable {
        package var supplier: String
        package var weekly_capacity_units: Double
        /// First order date of the week over capacity with the largest requirement, and its busiest day.
        package var peak_week_order_date: String
        package var peak_date: String
        package var peak_week_units: Double
        package var excess_units: Double
        package var carried_to_tonight_units: Double
        package var prebuilt_units: Double
        package var unmet_units: Double
    }
    package var suppliers: [Supplier]
    package var prebuilt_units: Double
    package var lines: Int
}

extension OutputWriters {
    /// Supplier → weekly capacity, for the suppliers that set one (none with `prebuild = false`).
    package var supplierCapacity: [String: Double] {
        guard config.prebuild else { return [:] }
        return data.suppliers.compactMapValues(\.weeklyCapacityUnits)
    }

    /// Whether series `i` (bought from a supplier, `item`) is weighed by the pre-build step tonight:
    /// its supplier has a capacity and takes the order dated tomorrow.
    package func weighsCapacity(_ item: ItemSettings) -> Bool {
        guard config.prebuild, let c = data.suppliers[item.source], c.weeklyCapacityUnits != nil else { return false }
        return c.takesOrders(on: data.asOf.adding(1))
    }

    /// Records a capacity-limited supplier's item for the pre-build step; `demand`: the mean daily
    /// demand its plan was made against, day 1 first (units per day).
    package func holdForCapacity(series i: Int, decision d: ReplenishmentDecision, quantity: Double, demand: [Double],
                                 meanDaily: Double) {
        let s = data.series[i], item = s.item!
        pendingCapacity.append(PendingCapacityItem(series: globalIndex(i), record: s.withoutHistory, decision: d, item: CapacityItem(
            sku: data.skuName(s), location: data.locationName(s), supplier: item.source, plannedQuantity: quantity,
            inventoryPosition: d.inventoryPosition, safetyStock: d.safetyStock, dailyDemand: demand, arrivalDays: d.arrivalDays,
            casePack: item.orderMultiple, maxUnits: item.maxUnits), meanDaily: meanDaily))
    }

    /// The pre-build step, first in the cross-sku stage (``CapacityPrebuild/plan(capacity:items:roomMultiple:)``):
    /// adds the built units to the items' pending lines, and a line of its own (reason `prebuild`) for
    /// an item with none, keeping ``pendingOrders`` in series order. Records ``prebuildStage``.
    package func buildForPeaks() {
        let capacity = supplierCapacity
        guard !capacity.isEmpty, !pendingCapacity.isEmpty else { return }
        let pallets = data.suppliers.compactMapValues(\.orderMultipleUnits)
        let outcome = CapacityPrebuild.plan(capacity: capacity, items: pendingCapacity.map(\.item), roomMultiple: pallets)
        var lineOf: [Int: Int] = [:]
        for (k, p) in pendingOrders.enumerated() { lineOf[p.series] = k }
        var built: [Int: Double] = [:]  // by series
        for (k, units) in outcome.prebuild.enumerated() where units > 0 {
            let c = pendingCapacity[k]
            built[c.series] = units
            if let j = lineOf[c.series] {
                pendingOrders[j].line.quantity += units
            } else {
                var d = c.decision
                d.reason = "prebuild"
                let item = c.record.item!
                pendingOrders.append(PendingOrderLine(series: c.series, record: c.record, decision: d, line: PurchaseOrderLine(
                    sku: c.item.sku, location: c.item.location, supplier: item.source, quantity: units, casePack: item.orderMultiple,
                    unitCost: item.unitCost, inventoryPosition: d.inventoryPosition, dailyDemand: c.meanDaily,
                    maxCoverDays: config.excessCoverDays, maxUnits: item.maxUnits)))
            }
        }
        pendingOrders.sort { $0.series < $1.series }
        var units: [Int: Double] = [:]
        for (j, p) in pendingOrders.enumerated() { if let u = built[p.series] { units[j] = u } }
        prebuildStage = PrebuildStageResult(outcome: outcome, units: units)
    }

    /// The `capacity_prebuild` exception rows: one per line with pre-built units, by supplier, sku
    /// and location; the detail names the peak, the capacity and the units.
    package func writePrebuildExceptions() throws {
        guard let r = prebuildStage else { return }
        let peaks = Dictionary(uniqueKeysWithValues: r.outcome.peaks.map { ($0.supplier, $0) })
        let rows = r.units.keys.sorted { a, b in
            let x = pendingOrders[a].line, y = pendingOrders[b].line
            return (x.supplier, x.sku, x.location) < (y.supplier, y.sku, y.location)
        }
        for j in rows {
            let pending = pendingOrders[j], units = r.units[j]!
            guard let p = peaks[pending.line.supplier] else { continue }
            let detail = "\(format(units)) units built early for the peak of \(data.asOf.adding(p.peakDay)) "
                + "(\(pending.line.supplier) can deliver \(format(p.capacity)) units a week; the week of orders from "
                + "\(data.asOf.adding(1 + 7 * p.week)) needs \(format(p.weekRequirement.rounded()))): arrive "
                + "\(data.asOf.adding(pending.decision.arrivalDays)); the supplier's build tonight \(format(p.prebuiltTonight))"
                + (p.unmetUnits > 0 ? ", \(format(p.unmetUnits.rounded())) units beyond tonight's capacity" : "")
            try writeExceptionRow(sku: pending.line.sku, location: pending.line.location, kind: "capacity_prebuild", detail: detail)
            totals.addException("capacity_prebuild")
        }
    }

    /// `summary.json`'s `capacity_prebuild` (nil when no supplier has a capacity, or with `prebuild = false`).
    package var prebuildSummary: CapacityPrebuildSummary? {
        guard !supplierCapacity.isEmpty else { return nil }
        let peaks = prebuildStage?.outcome.peaks ?? []
        func r(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        return CapacityPrebuildSummary(suppliers: peaks.map { p in
            .init(supplier: p.supplier, weekly_capacity_units: p.capacity, peak_week_order_date: "\(data.asOf.adding(1 + 7 * p.week))",
                  peak_date: "\(data.asOf.adding(p.peakDay))", peak_week_units: r(p.weekRequirement), excess_units: r(p.excessUnits),
                  carried_to_tonight_units: r(p.carriedToTonight), prebuilt_units: p.prebuiltTonight, unmet_units: r(p.unmetUnits))
        }, prebuilt_units: peaks.reduce(0) { $0 + $1.prebuiltTonight }, lines: prebuildStage?.units.count ?? 0)
    }
}
