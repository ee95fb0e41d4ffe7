/// The plan's key figures for `summary.json`, accumulated series by series.
///
/// - days of cover = Σ on hand / Σ mean daily forecast (units / units per day);
/// - projected turnover = yearly forecast demand at cost / stock at cost (per year; in units when
///   no `unit_cost` is known);
/// - slow-moving share = stock value of series with more than `excess_cover_days` of cover or no
///   sale in `dead_stock_days`, over all stock value;
/// - units and value ordered per supplier (purchase orders only; transfers move stock).
package struct PlanKPIs: Encodable {
    package struct Supplier: Encodable {
        package var orders = 0
        package var units = 0.0
        package var value = 0.0
    }

    package var series_planned = 0
    package var stock_units = 0.0
    package var stock_value = 0.0
    package var days_of_cover = 0.0
    package var projected_turnover_per_year = 0.0
    package var slow_moving_share_of_stock_value = 0.0
    package var ordered_by_supplier: [String: Supplier] = [:]
    package var units_transferred = 0.0

    private var demandPerDay = 0.0
    private var demandValuePerDay = 0.0
    private var slowValue = 0.0

    package enum CodingKeys: String, CodingKey {
        case series_planned, stock_units, stock_value, days_of_cover, projected_turnover_per_year,
             slow_moving_share_of_stock_value, ordered_by_supplier, units_transferred
    }

    /// One planned series: stock on hand (units), unit cost (nil: counted at 1 per unit for value
    /// shares), mean daily forecast (units/day), whether it is slow-moving.
    package mutating func add(onHand: Double, unitCost: Double?, meanDaily: Double, slow: Bool) {
        series_planned += 1
        let stock = max(0, onHand)
        let cost = unitCost ?? 1
        stock_units += stock
        stock_value += stock * cost
        demandPerDay += meanDaily
        demandValuePerDay += meanDaily * cost
        if slow { slowValue += stock * cost }
    }

    package mutating func ordered(supplier: String, units: Double, unitCost: Double?) {
        ordered_by_supplier[supplier, default: Supplier()].orders += 1
        ordered_by_supplier[supplier, default: Supplier()].units += units
        ordered_by_supplier[supplier, default: Supplier()].value += units * (unitCost ?? 0)
    }

    package mutating func transferred(units: Double) { units_transferred += units }

    /// Final ratios, rounded for the summary.
    package func finished() -> PlanKPIs {
        var k = self
        func r(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : 0 }
        k.days_of_cover = r(demandPerDay > 0 ? stock_units / demandPerDay : 0)
        k.projected_turnover_per_year = r(stock_value > 0 ? demandValuePerDay * 365 / stock_value : 0)
        k.slow_moving_share_of_stock_value = stock_value > 0 ? (slowValue / stock_value * 1e5).rounded() / 1e5 : 0
        k.stock_units = r(stock_units)
        k.stock_value = r(stock_value)
        k.units_transferred = r(units_transferred)
        for key in k.ordered_by_supplier.keys {
            k.ordered_by_supplier[key]!.units = r(k.ordered_by_supplier[key]!.units)
            k.ordered_by_supplier[key]!.value = r(k.ordered_by_supplier[key]!.value)
        }
        return k
    }
}
