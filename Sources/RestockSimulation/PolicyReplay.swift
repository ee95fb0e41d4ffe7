import Forecast
import Foundation
import Logging
import Replenish
import RestockData
import RestockEngine
import RestockSettings

/// Replays nights `first`…`last` for every planned series with history before `first`.
package struct PolicyReplay {
    package let data: DataSet
    package let config: RestockConfig
    package let first: Day
    package let last: Day
    package let refitDays: Int
    package let logger: Logger

    package struct Result {
        package var overall = SimulationTotals()
        package var byLocation: [String: SimulationTotals] = [:]
        package var byClass: [String: SimulationTotals] = [:]
        /// By how the series is replenished: `supplier` (bought: purchase orders, the cross-sku
        /// stage and the suppliers' capacities apply) or `location` (shipped from a DC).
        package var bySource: [String: SimulationTotals] = [:]
        /// Units capacity-limited suppliers could not ship (``SupplyCapacity``).
        package var unitsShortShipped = 0.0
    }

    /// Series simulated: planned, selling before `first`.
    package var members: [Int] {
        data.series.indices.filter { i in
            guard data.series[i].item != nil, let h = data.series[i].history else { return false }
            return h.firstDay < first
        }
    }

    /// Actual sales of series `i` on `day` (0 outside its history).
    package func sales(_ i: Int, on day: Day) -> Double {
        guard let h = data.series[i].history else { return 0 }
        let t = h.firstDay.distance(to: day)
        return t >= 0 && t < h.count ? h.quantity[t] : 0
    }

    /// End-of-day stock of series `i` on `day` from sales.csv, when known.
    package func recordedOnHand(_ i: Int, on day: Day) -> Double? {
        guard let h = data.series[i].history, !h.onHand.isEmpty else { return nil }
        let t = h.firstDay.distance(to: day)
        guard t >= 0 && t < h.count, !h.onHand[t].isNaN else { return nil }
        return Double(h.onHand[t])
    }

    package func input(_ i: Int, state: SimulatedLocation, night: Int, forecast: DemandForecast, offset: Int) -> ReplenishmentInput {
        let item = data.series[i].item!
        let mean = Array(forecast.mean.dropFirst(offset))
        let sd = Array(forecast.sd.dropFirst(offset))
        let shifted = DemandForecast(mean: mean.isEmpty ? [forecast.mean.last ?? 0] : mean,
                                     sd: sd.isEmpty ? [forecast.sd.last ?? 0] : sd, model: forecast.model)
        return config.replenishmentInput(sku: data.skuName(data.series[i]), item: item, night: first.adding(night),
                                         onHand: state.onHand,
                                         allocated: 0, inbound: state.inbound(after: night), forecast: shifted,
                                         history: data.series[i].history.map { h in
                                             var cut = h
                                             let n = max(0, min(h.count, h.firstDay.distance(to: first.adding(night))))
                                             cut.quantity = Array(h.quantity[0..<n])
                                             if !h.onHand.isEmpty { cut.onHand = Array(h.onHand[0..<n]) }
                                             return cut
                                         }, calendar: data.suppliers[item.source])
    }

    /// Forecasts of every series of `data` made with the sales up to `origin`.
    package func forecasts(origin: Day) throws -> [DemandForecast?] {
        let (cut, source) = data.replayed(asOf: origin)
        var out = [DemandForecast?](repeating: nil, count: data.series.count)
        try Pipeline(data: cut, config: config, plan: false).run(progress: nil) { batch in
            for r in batch { for (k, i) in r.range.enumerated() { out[source[i]] = r.forecasts[k] } }
        }
        return out
    }

    package func runRestock() throws -> Result {
        let ids = members
        var states: [SimulatedLocation?] = .init(repeating: nil, count: data.series.count)
        var current: [DemandForecast?] = []
        var origin = first.adding(-1)
        let nights = first.distance(to: last) + 1
        let terms = supplierTerms, capacity = supplierCapacity
        var supply = SupplyCapacity(limits: data.suppliers.compactMapValues(\.weeklyCapacityUnits))
        let stage = playsCrossSkuStage || !supply.limits.isEmpty
        for n in 0..<nights {
            let day = first.adding(n)
            var planned: [ReplayedOrderLine] = []
            var weighed: [(series: Int, decision: ReplenishmentDecision, item: CapacityItem)] = []
            if n % refitDays == 0 {
                origin = day.adding(-1)
                current = try forecasts(origin: origin)
                logger.debug("refit", metadata: ["origin": "\(origin)"])
            }
            for i in ids {
                guard let f = current[i] else { continue }
                if states[i] == nil {
                    var s = SimulatedLocation(onHand: 0)
                    if let oh = recordedOnHand(i, on: first.adding(-1)) {
                        s.onHand = max(0, oh)
                    } else {
                        s.onHand = ReplenishmentPolicy.decide(input(i, state: s, night: n - 1, forecast: f, offset: 0)).orderUpTo.rounded()
                    }
                    states[i] = s
                }
                states[i]!.live(day: n, demand: sales(i, on: day))
                let offset = origin.distance(to: day)
                let decision = ReplenishmentPolicy.decide(input(i, state: states[i]!, night: n, forecast: f, offset: offset))
                if !capacity.isEmpty && data.sourceLocation(of: data.series[i].item!) == nil,
                   let c = capacityItem(i, decision: decision, forecast: Array(f.mean.dropFirst(offset)), night: day, capacity: capacity) {
                    weighed.append((i, decision, c))
                }
                if stage && decision.quantity > 0 && data.sourceLocation(of: data.series[i].item!) == nil {
                    let mean = f.mean.dropFirst(offset)
                    planned.append(ReplayedOrderLine(series: i, decision: decision,
                                                     dailyDemand: mean.isEmpty ? 0 : mean.reduce(0, +) / Double(mean.count)))
                } else {
                    states[i]!.order(decision.quantity, arrivingOn: n + decision.arrivalDays)
                }
            }
            // Supplier orders go through the night's cross-sku stage (pre-build, terms, budget), as in `run`.
            buildForPeaks(&planned, items: weighed, capacity: capacity, alreadyOrdered: supply.recentlyShipped(before: n))
            if !planned.isEmpty {
                var units = crossSkuStage(planned, terms: terms)
                if !supply.limits.isEmpty {
                    let items = planned.map { data.series[$0.series].item! }
                    units = supply.ship(units, supplier: items.map(\.source), casePack: items.map(\.orderMultiple), night: n)
                }
                for (k, p) in planned.enumerated() { states[p.series]!.order(units[k], arrivingOn: n + p.decision.arrivalDays) }
            }
        }
        var result = totals(states, ids: ids)
        result.unitsShortShipped = supply.shortUnits
        return result
    }

    /// Min/max with one multiplier, tuned by bisection to reach `fillRate` overall.
    package func tunedMinMax(fillRate: Double) -> (multiplier: Double, result: Result) {
        var lo = 0.0, hi = 6.0
        var best = (hi, runMinMax(MinMaxRule(multiplier: hi)))
        for _ in 0..<14 {
            let m = (lo + hi) / 2
            let r = runMinMax(MinMaxRule(multiplier: m))
            if r.overall.fillRate >= fillRate { hi = m; best = (m, r) } else { lo = m }
        }
        return best
    }

    package func runMinMax(_ rule: MinMaxRule) -> Result {
        let ids = members
        var states: [SimulatedLocation?] = .init(repeating: nil, count: data.series.count)
        let nights = first.distance(to: last) + 1
        for i in ids {
            let item = data.series[i].item!
            var recent = 0.0
            for k in 1...28 { recent += sales(i, on: first.adding(-k)) }
            let d = recent / 28
            let (low, high) = rule.levels(meanDaily: d, leadTimeDays: item.leadTimeDays, reviewDays: item.reviewDays ?? config.reviewDays)
            var s = SimulatedLocation(onHand: recordedOnHand(i, on: first.adding(-1)) ?? high)
            let lot = LotRules(moq: item.moq, orderMultiple: item.orderMultiple, maxUnits: item.maxUnits)
            let arrival = 1 + Int(item.leadTimeDays.rounded(.up))  // placed the morning after, as restock's orders
            for n in 0..<nights {
                s.live(day: n, demand: sales(i, on: first.adding(n)))
                let position = s.onHand + s.pipeline.reduce(0) { $0 + $1.quantity }
                let review = item.reviewDays ?? config.reviewDays
                let sku = data.skuName(data.series[i])
                let reviews = ReviewCalendar.reviews(on: first.adding(n), reviewDays: review, sku: sku,
                                                     orderWeekday: config.policy.orderWeekday(sku: sku, category: item.category))
                if reviews && position <= low {
                    let q = LotSizing.quantity(need: high - position, inventoryPosition: position, rules: lot).quantity
                    s.order(q, arrivingOn: n + arrival)
                }
            }
            states[i] = s
        }
        return totals(states, ids: ids)
    }

    package func totals(_ states: [SimulatedLocation?], ids: [Int]) -> Result {
        var r = Result()
        for i in ids {
            guard var s = states[i] else { continue }
            s.finish()
            let series = data.series[i]
            let target = series.item!.serviceLevel ?? config.serviceLevel
            let h = series.history!
            let before = DemandSeries(demand: Array(h.quantity[0..<max(1, min(h.count, h.firstDay.distance(to: first)))]))
            r.overall.add(s, target: target)
            r.byLocation[data.locationName(series), default: SimulationTotals()].add(s, target: target)
            r.byClass[DemandClass.classify(before).rawValue, default: SimulationTotals()].add(s, target: target)
            r.bySource[data.sourceLocation(of: series.item!) == nil ? "supplier" : "location", default: SimulationTotals()].add(s, target: target)
        }
        return r
    }
}
