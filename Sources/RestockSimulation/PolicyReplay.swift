import Forecast
import Foundation
import Logging
import Replenish
import RestockData
import RestockEngine
import RestockSettings

/// Replays nights `first`…`last` for every planned series with history before `first`; the
/// first `warmUpDays` of them are a warm-up: played, not scored (every total of ``Result`` counts
/// the days `scoredFirst`…`last` only).
package struct PolicyReplay {
    package let data: DataSet
    package let config: RestockConfig
    /// First night replayed (warm-up included) and last; `first ≤ scoredFirst ≤ last`.
    package let first: Day
    package let last: Day
    package let refitDays: Int
    /// Nights played before the scored window (≥ 0; 0 scores every night).
    package let warmUpDays: Int
    package let logger: Logger

    package init(data: DataSet, config: RestockConfig, first: Day, last: Day, refitDays: Int, warmUpDays: Int = 0, logger: Logger) {
        self.data = data
        self.config = config
        self.first = first
        self.last = last
        self.refitDays = refitDays
        self.warmUpDays = max(0, warmUpDays)
        self.logger = logger
    }

    /// First scored day: `first` after the warm-up (`--from`).
    package var scoredFirst: Day { first.adding(warmUpDays) }

    package struct Result {
        package var overall = SimulationTotals()
        package var byLocation: [String: SimulationTotals] = [:]
        package var byClass: [String: SimulationTotals] = [:]
        /// By how the series is replenished: `supplier` (bought: purchase orders, the cross-sku
        /// stage and the suppliers' capacities apply) or `location` (shipped from a DC).
        package var bySource: [String: SimulationTotals] = [:]
        /// Units capacity-limited suppliers could not ship on the scored nights (``SupplyCapacity``).
        package var unitsShortShipped = 0.0
        /// Units stores asked of a simulated DC that it could not ship from its stock (the
        /// network plan's shortfall, summed over the scored nights; a unit asked again later counts again).
        package var unitsShortTransferred = 0.0
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

    /// Replays restock's nights. Each night, per sku: every simulated series lives the day (arrivals,
    /// then demand), then the sku's network is planned as the nightly run plans it
    /// (``NetworkPlan/plan(_:lanes:unitCost:rebalancing:)``, without lanes): a store served by a
    /// simulated DC receives only what the DC ships tonight out of its own stock (``FairShare``),
    /// after the decision's lead time, and the DC's stock drops by it; the DC buys for its own and
    /// its stores' demand. Supplier orders go through the night's pre-build and cross-sku stage and
    /// the suppliers' capacities. Sequential, in series order: deterministic.
    package func runRestock() throws -> Result {
        let ids = members
        let network = ReplayNetwork(data: data, members: ids)
        var states: [SimulatedLocation?] = .init(repeating: nil, count: data.series.count)
        var current: [DemandForecast?] = []
        var origin = first.adding(-1)
        let nights = first.distance(to: last) + 1
        let terms = supplierTerms, capacity = supplierCapacity
        var supply = SupplyCapacity(limits: data.suppliers.compactMapValues(\.weeklyCapacityUnits), scoredFrom: warmUpDays)
        let stage = playsCrossSkuStage || !supply.limits.isEmpty
        var shortTransferred = 0.0
        for n in 0..<nights {
            let day = first.adding(n)
            var planned: [ReplayedOrderLine] = []
            var weighed: [(series: Int, decision: ReplenishmentDecision, item: CapacityItem)] = []
            if n % refitDays == 0 {
                origin = day.adding(-1)
                current = try forecasts(origin: origin)
                logger.debug("refit", metadata: ["origin": "\(origin)"])
            }
            let offset = origin.distance(to: day)
            for sku in network.skus {
                let live = sku.filter { current[$0] != nil }
                guard !live.isEmpty else { continue }
                initialise(&states, live, network: network, night: n, forecasts: current)
                for i in live { states[i]!.live(day: n, demand: sales(i, on: day)) }
                let nodes = self.nodes(live, network: network, states: states, night: n, forecasts: current, offset: offset)
                let plans = NetworkPlan.plan(nodes)
                for (k, i) in live.enumerated() {
                    let p = plans[k], item = data.series[i].item!
                    if let src = nodes[k].sourceNode {
                        // A transfer from a simulated DC: what it ships tonight leaves its stock.
                        states[live[src]]!.onHand = max(0, states[live[src]]!.onHand - p.quantity)
                        states[i]!.order(p.quantity, arrivingOn: n + p.decision.arrivalDays, placedOn: n)
                        if n >= warmUpDays { shortTransferred += p.shortfall }
                        continue
                    }
                    guard data.sourceLocation(of: item) == nil else {
                        // Served by a location that is not simulated: always supplied.
                        states[i]!.order(p.quantity, arrivingOn: n + p.decision.arrivalDays, placedOn: n)
                        continue
                    }
                    let mean = Array(current[i]!.mean.dropFirst(offset))
                    // A DC's requirement is its stores' demand too: the demand its plan was made against.
                    if !capacity.isEmpty, let c = capacityItem(i, decision: p.decision, forecast: p.demandMean.isEmpty ? mean : p.demandMean,
                                                               night: day, capacity: capacity) {
                        weighed.append((i, p.decision, c))
                    }
                    if stage && p.quantity > 0 {
                        planned.append(ReplayedOrderLine(series: i, decision: p.decision,
                                                         dailyDemand: mean.isEmpty ? 0 : mean.reduce(0, +) / Double(mean.count)))
                    } else {
                        states[i]!.order(p.quantity, arrivingOn: n + p.decision.arrivalDays, placedOn: n)
                    }
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
                for (k, p) in planned.enumerated() { states[p.series]!.order(units[k], arrivingOn: n + p.decision.arrivalDays, placedOn: n) }
            }
        }
        var result = totals(states, ids: ids)
        result.unitsShortShipped = supply.shortUnits
        result.unitsShortTransferred = shortTransferred
        return result
    }

    /// One sku's network nodes tonight (`live`: its simulated series with a forecast, in order):
    /// each series' input from its simulated stock and pipeline, its source the node of the
    /// simulated series that ships to it (``ReplayNetwork``).
    func nodes(_ live: [Int], network: ReplayNetwork, states: [SimulatedLocation?], night n: Int,
               forecasts: [DemandForecast?], offset: Int) -> [NetworkNode] {
        var nodeOf: [Int: Int] = [:]
        for (k, i) in live.enumerated() { nodeOf[i] = k }
        return live.map { i in
            NetworkNode(sourceNode: network.sourceSeries[i].flatMap { nodeOf[$0] },
                        input: input(i, state: states[i]!, night: n, forecast: forecasts[i]!, offset: offset))
        }
    }

    /// Opening stock of the series of `live` not yet simulated: the end-of-day stock sales.csv
    /// records the day before the replay, else the order-up-to level the network plan sets them
    /// with nothing on hand or on order (a DC's for its stores' demand too).
    func initialise(_ states: inout [SimulatedLocation?], _ live: [Int], network: ReplayNetwork, night n: Int,
                    forecasts: [DemandForecast?]) {
        let fresh = live.filter { states[$0] == nil }
        guard !fresh.isEmpty else { return }
        var levels: [Int: Double] = [:]
        if fresh.contains(where: { recordedOnHand($0, on: first.adding(-1)) == nil }) {
            let empty = [SimulatedLocation?](repeating: SimulatedLocation(onHand: 0), count: states.count)
            let plans = NetworkPlan.plan(nodes(live, network: network, states: empty, night: n - 1, forecasts: forecasts, offset: 0))
            for (k, i) in live.enumerated() { levels[i] = plans[k].decision.orderUpTo.rounded() }
        }
        for i in fresh {
            states[i] = SimulatedLocation(onHand: recordedOnHand(i, on: first.adding(-1)).map { max(0, $0) } ?? levels[i]!,
                                          scoredFrom: warmUpDays)
        }
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

    /// Replays the min/max rule on the same networks as restock (``ReplayNetwork``): each night,
    /// every series lives the day; then, per sku, a series on its review night orders up to max
    /// when its position is at or below min; a store's order is shipped from its simulated DC's
    /// stock tonight, shared by ``FairShare`` when the DC cannot cover every store, and arrives the
    /// morning after its lead time; the DC's (and every supplier-bought series') orders arrive in
    /// full after theirs. A DC's levels are on its own and its stores' recent demand.
    package func runMinMax(_ rule: MinMaxRule) -> Result {
        let ids = members
        let network = ReplayNetwork(data: data, members: ids)
        let nights = first.distance(to: last) + 1
        var recent = [Double](repeating: 0, count: data.series.count)
        for i in ids {
            var sum = 0.0
            for k in 1...28 { sum += sales(i, on: first.adding(-k)) }
            recent[i] = sum / 28
        }
        // Demand a series' levels are set on: its own, plus its stores' when it ships to them.
        var levelDemand = recent
        for (store, dc) in network.sourceSeries.sorted(by: { $0.key < $1.key }) { levelDemand[dc] += recent[store] }
        var levels: [Int: (low: Double, high: Double)] = [:]
        var states: [SimulatedLocation?] = .init(repeating: nil, count: data.series.count)
        for i in ids {
            let item = data.series[i].item!
            let l = rule.levels(meanDaily: levelDemand[i], leadTimeDays: item.leadTimeDays, reviewDays: item.reviewDays ?? config.reviewDays)
            levels[i] = (l.min, l.max)
            states[i] = SimulatedLocation(onHand: recordedOnHand(i, on: first.adding(-1)) ?? levels[i]!.high, scoredFrom: warmUpDays)
        }
        for n in 0..<nights {
            let day = first.adding(n)
            for sku in network.skus {
                for i in sku { states[i]!.live(day: n, demand: sales(i, on: day)) }
                // Deepest first (stores before the DCs that ship to them): tonight's shipments leave a
                // DC's stock before it decides.
                let ordered = sku.sorted { (network.depth($0), $1) > (network.depth($1), $0) }
                var requests: [Int: [(series: Int, quantity: Double, position: Double)]] = [:]
                for i in ordered {
                    if let shipped = requests[i] {
                        let claims = shipped.map { r in
                            FairShare.Claim(requested: r.quantity, inventoryPosition: r.position, orderUpTo: levels[r.series]!.high,
                                            casePack: data.series[r.series].item!.orderMultiple)
                        }
                        for (r, units) in zip(shipped, FairShare.allocate(available: states[i]!.onHand, claims: claims)) {
                            states[i]!.onHand = max(0, states[i]!.onHand - units)
                            states[r.series]!.order(units, arrivingOn: n + minMaxArrival(r.series), placedOn: n)
                        }
                    }
                    guard let q = minMaxOrder(i, state: states[i]!, levels: levels[i]!, night: n), q > 0 else { continue }
                    if let dc = network.sourceSeries[i] {
                        requests[dc, default: []].append((i, q, states[i]!.onHand + states[i]!.pipeline.reduce(0) { $0 + $1.quantity }))
                    } else {
                        states[i]!.order(q, arrivingOn: n + minMaxArrival(i), placedOn: n)
                    }
                }
            }
        }
        return totals(states, ids: ids)
    }

    /// Days from a min/max night to the order's arrival: placed the morning after, as restock's orders.
    func minMaxArrival(_ i: Int) -> Int { 1 + Int(data.series[i].item!.leadTimeDays.rounded(.up)) }

    /// The min/max order of series `i` tonight (night index `n`): up to max in lots when it is a
    /// review night and the position (stock + pipeline) is at or below min; nil otherwise.
    func minMaxOrder(_ i: Int, state s: SimulatedLocation, levels: (low: Double, high: Double), night n: Int) -> Double? {
        let item = data.series[i].item!
        let position = s.onHand + s.pipeline.reduce(0) { $0 + $1.quantity }
        let sku = data.skuName(data.series[i])
        let reviews = ReviewCalendar.reviews(on: first.adding(n), reviewDays: item.reviewDays ?? config.reviewDays, sku: sku,
                                             orderWeekday: config.policy.orderWeekday(sku: sku, category: item.category))
        guard reviews && position <= levels.low else { return nil }
        let lot = LotRules(moq: item.moq, orderMultiple: item.orderMultiple, maxUnits: item.maxUnits)
        return LotSizing.quantity(need: levels.high - position, inventoryPosition: position, rules: lot).quantity
    }

    package func totals(_ states: [SimulatedLocation?], ids: [Int]) -> Result {
        var r = Result()
        for i in ids {
            guard var s = states[i] else { continue }
            s.finish()
            let series = data.series[i]
            let item = series.item!
            let target = item.serviceLevel ?? config.serviceLevel
            let fill = config.policy.assignment(sku: data.skuName(series), category: item.category, serviceLevel: target,
                                                unitCost: item.unitCost).1 == .fillRate(target)
            let h = series.history!
            // Classed on the sales before the scored window, so a warm-up leaves the groups as they are.
            let before = DemandSeries(demand: Array(h.quantity[0..<max(1, min(h.count, h.firstDay.distance(to: scoredFirst)))]))
            r.overall.add(s, target: target, fillRateTarget: fill)
            r.byLocation[data.locationName(series), default: SimulationTotals()].add(s, target: target, fillRateTarget: fill)
            r.byClass[DemandClass.classify(before).rawValue, default: SimulationTotals()].add(s, target: target, fillRateTarget: fill)
            r.bySource[data.sourceLocation(of: series.item!) == nil ? "supplier" : "location", default: SimulationTotals()].add(s, target: target, fillRateTarget: fill)
        }
        return r
    }
}
