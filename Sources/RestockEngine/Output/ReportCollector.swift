import Forecast
import Foundation
import Replenish
import RestockData
import RestockReport
import RestockSettings

/// Gathers, while the outputs are written, what `report.html` shows: the most valuable series,
/// the most urgent ones, the top exception rows, and (for a what-if) the changed series with
/// their baseline forecast.
package final class ReportCollector {
    package struct Candidate {
        /// Place among all series (orders ties).
        package var series: Int
        /// Index in the data set the chart is drawn from; nil = not loaded (cannot be charted).
        package var local: Int?
        package var forecast: DemandForecast?
        package var baseline: DemandForecast?
        package var plan: NodePlan?
        package var score: Double
        /// Its chart, drawn while its data set was loaded (``drawCharts(data:config:)``); the
        /// reason is set when the report is made.
        package var drawn: SeriesChart? = nil
    }

    package static let chartsPerKind = 4
    package static let rowsPerException = 5

    package private(set) var valuable: [Candidate] = []
    package private(set) var urgent: [Candidate] = []
    package private(set) var changed: [Candidate] = []
    package private(set) var exceptionRows: [String: [(sku: String, location: String, detail: String)]] = [:]

    /// Keeps the best `n` by score (ties: lower series index), as the series stream by.
    private func keep(_ c: Candidate, in list: inout [Candidate]) {
        list.append(c)
        list.sort { ($0.score, -$0.series) > ($1.score, -$1.series) }
        if list.count > ReportCollector.chartsPerKind { list.removeLast() }
    }

    /// Forecast value over the horizon (units × unit cost, 1 without a cost).
    package static func valuableScore(forecast f: DemandForecast, unitCost: Double?) -> Double {
        f.mean.reduce(0, +) * (unitCost ?? 1)
    }

    /// Urgency of a series projected to run out before tonight's order arrives (sooner = higher); nil otherwise.
    package static func urgentScore(forecast f: DemandForecast, plan p: NodePlan) -> Double? {
        guard p.decision.stockoutBeforeArrival else { return nil }
        return 1000 - Double(p.decision.firstStockoutDay ?? 999) + f.mean.reduce(0, +) / 1e9
    }

    /// Series `series` (its place among all series) with its scores (``valuableScore(forecast:unitCost:)``,
    /// ``urgentScore(forecast:plan:)``). `local` is its index in the data set charts are drawn
    /// from and `forecast` its forecast; without them (a what-if's untouched series not loaded)
    /// it takes its place in the rankings but cannot be charted.
    package func consider(series: Int, valuableScore: Double, urgentScore: Double?, local: Int? = nil,
                  forecast f: DemandForecast? = nil, plan: NodePlan? = nil, baseline: DemandForecast? = nil) {
        func candidate(_ score: Double) -> Candidate {
            Candidate(series: series, local: local, forecast: f, baseline: baseline, plan: plan, score: score)
        }
        keep(candidate(valuableScore), in: &valuable)
        if let u = urgentScore { keep(candidate(u), in: &urgent) }
        if let b = baseline, let f, b.mean != f.mean {
            keep(candidate(zip(b.mean, f.mean).reduce(0) { $0 + abs($1.1 - $1.0) }), in: &changed)
        }
    }

    /// Whether rows of any of `kinds` would still be kept.
    package func wantsRows(_ kinds: [String]) -> Bool {
        kinds.contains { (exceptionRows[$0]?.count ?? 0) < ReportCollector.rowsPerException }
    }

    package func exception(kind: String, sku: String, location: String, detail: String) {
        if exceptionRows[kind, default: []].count < ReportCollector.rowsPerException {
            exceptionRows[kind, default: []].append((sku, location, detail))
        }
    }

    /// Draws the charts of the candidates kept so far from `data` (the data set their `local`
    /// indices point into), before it is replaced by the next part of a night held in parts;
    /// they keep their place in the rankings.
    package func drawCharts(data: DataSet, config: RestockConfig) {
        func draw(_ list: inout [Candidate]) {
            for k in list.indices where list[k].local != nil {
                list[k].drawn = chart(list[k], reason: "", data: data, config: config)
                list[k].local = nil
            }
        }
        draw(&valuable)
        draw(&urgent)
        draw(&changed)
    }

    /// The chart of one candidate: the last 8 weeks of history and the whole horizon.
    package func chart(_ c: Candidate, reason: String, data: DataSet, config: RestockConfig) -> SeriesChart? {
        if var drawn = c.drawn {
            drawn.reason = reason
            return drawn
        }
        guard let local = c.local, let forecast = c.forecast else { return nil }
        let s = data.series[local]
        guard let h = s.history else { return nil }
        let shown = min(h.count, 56)
        let start = h.firstDay.adding(h.count - shown)
        let level = config.levels.sorted().first ?? 80
        let z = StandardNormal.quantile(0.5 + level / 200)
        let last = data.asOf.adding(forecast.mean.count)
        let promotions = data.promotions.filter { p in
            p.sku == s.key.sku && (p.location == nil || p.location == s.key.location) && p.end >= start && p.start <= last
        }.map { (start: max($0.start, start), end: min($0.end, last), label: data.promotionTypes[$0.type]) }
        let events = data.events.filter { $0.day >= start && $0.day <= last }.map { (day: $0.day, label: data.eventNames[$0.event]) }
        var arrivals = s.openOrders.map { (day: $0.due, quantity: $0.quantity, label: "open \($0.kind?.rawValue ?? "order")") }
        var projection: [Double]? = nil
        if let item = s.item, let p = c.plan {
            if p.quantity > 0 {
                arrivals.append((day: data.asOf.adding(p.decision.arrivalDays), quantity: p.quantity, label: "ordered tonight"))
            }
            let input = config.replenishmentInput(sku: data.skuName(s), item: item, night: data.asOf,
                                                  onHand: s.inventory?.onHand ?? 0, allocated: s.inventory?.allocated ?? 0,
                                                  inbound: s.openOrders.map { (day: max(1, data.asOf.distance(to: $0.due)), quantity: $0.quantity) },
                                                  forecast: forecast, calendar: data.suppliers[item.source])
            let planned = p.quantity > 0 ? [(day: p.decision.arrivalDays, quantity: p.quantity)] : []
            // Stock cannot go below zero on a shelf: show the projection floored at 0.
            projection = ProjectedInventory.project(input, plannedArrivals: planned, horizonDays: forecast.mean.count).available.map { max(0, $0) }
        }
        return SeriesChart(
            title: "\(data.skuName(s)) at \(data.locationName(s))", reason: reason, historyStart: start,
            history: Array(h.quantity.suffix(shown)), censored: (h.count - shown..<h.count).map { h.isStockout($0) },
            forecast: c.baseline?.mean ?? forecast.mean,
            lower: zip(c.baseline?.mean ?? forecast.mean, c.baseline?.sd ?? forecast.sd).map { max(0, $0 - z * $1) },
            upper: zip(c.baseline?.mean ?? forecast.mean, c.baseline?.sd ?? forecast.sd).map { $0 + z * $1 },
            intervalLevel: level, scenarioForecast: c.baseline == nil ? nil : forecast.mean,
            promotions: promotions, events: events, projectedInventory: projection, arrivals: arrivals,
            reorderPoint: c.plan?.decision.reorderPoint, orderUpTo: c.plan?.decision.orderUpTo)
    }

    /// The report of a run or what-if.
    package func input(title: String, data: DataSet, config: RestockConfig, summary: Summary, notes: [String],
               meanServiceTarget: Double) -> ReportInput {
        var kpis: [(label: String, value: String)] = [
            ("Series", "\(summary.counts.series)"),
            ("Orders", "\(summary.counts.orders)"),
            ("Transfers", "\(summary.counts.transfers)"),
            ("Exceptions", "\(summary.counts.exceptions)"),
        ]
        if let p = summary.plan {
            kpis += [("Days of cover", String(format: "%.1f", p.days_of_cover)),
                     ("Projected turnover / year", String(format: "%.1f", p.projected_turnover_per_year)),
                     ("Slow-moving share of stock value", String(format: "%.1f %%", 100 * p.slow_moving_share_of_stock_value)),
                     ("Mean service-level target", String(format: "%.1f %%", 100 * meanServiceTarget))]
        }
        var charts: [SeriesChart] = []
        var shown = Set<Int>()
        for (list, reason) in [(changed, "changed by the scenario"), (urgent, "stock-out risk"), (valuable, "highest forecast value")] {
            for c in list where !shown.contains(c.series) {
                if let chart = chart(c, reason: reason, data: data, config: config) { charts.append(chart); shown.insert(c.series) }
            }
        }
        let exceptions = summary.exceptions_by_kind.sorted { $0.key < $1.key }.map {
            (kind: $0.key, count: $0.value, top: exceptionRows[$0.key] ?? [])
        }
        let mix = summary.model_mix.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (model: $0.key, series: $0.value) }
        return ReportInput(title: title, asOf: data.asOf, kpis: kpis, exceptionsByKind: exceptions, modelMix: mix,
                           charts: charts, notes: notes + summary.warnings)
    }
}
