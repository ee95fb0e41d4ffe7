import Forecast
import Foundation
import Replenish
import RestockData
import RestockSettings

/// The results for one sku: a forecast per series of the sku and, when planning, a plan per
/// series (nil for series without an `items.csv` row).
package struct SkuResult {
    package var range: Range<Int>
    package var forecasts: [DemandForecast]
    package var plans: [NodePlan?]
    /// Night each series' method was chosen (for the model state).
    package var chosenOn: [Day] = []
    /// Thread time spent forecasting and planning this sku, seconds.
    package var forecastSeconds = 0.0
    package var planSeconds = 0.0
    /// Why a series' forecast was replaced by ``ForecastGuard``'s fallback, by position in
    /// `range` (nil = it was not); empty when none was.
    package var fallbacks: [String?] = []
}

/// Forecasts and plans the data set sku by sku (a sku with all its locations is the unit of
/// work, so a run can later be split across machines by sku), in parallel over chunks of skus,
/// and hands the results to `consume` in sku order, batch by batch, whatever the thread count.
/// What the run is — its skus, where each forecast comes from, what it shares with another
/// run — is its ``RunDescription``.
package struct Pipeline {
    package let data: DataSet
    package let config: RestockConfig
    package let plan: Bool
    package let spec: RunDescription

    // The description, unpacked for the per-series loop.
    private let given: [DemandForecast?]?
    private let recorded: [RunDescription.RecordedForecast]?
    private let remembered: [ModelState.Entry?]?
    private let adjustments: ScenarioAdjustments?
    private let fromSnapshot: (@Sendable (Int, CalendarFeatures?) -> DemandForecast?)?
    private let priors: [[Double]]?

    package init(data: DataSet, config: RestockConfig, plan: Bool, run: RunDescription = .fitAfresh) {
        self.data = data
        self.config = config
        self.plan = plan
        self.spec = run
        var given: [DemandForecast?]? = nil, remembered: [ModelState.Entry?]? = nil
        var recorded: [RunDescription.RecordedForecast]? = nil
        var adjustments: ScenarioAdjustments? = nil
        var fromSnapshot: (@Sendable (Int, CalendarFeatures?) -> DemandForecast?)? = nil
        switch run.source {
        case .fitAfresh: break
        case .refitRemembered(let entries): remembered = entries
        case .given(let forecasts): given = forecasts
        case .recorded(let r):
            given = r.map(\.forecast)
            recorded = r
        case .scenario(let s):
            adjustments = s.adjustments
            remembered = s.remembered
            fromSnapshot = s.fromSnapshot
        }
        self.given = given
        self.recorded = recorded
        self.remembered = remembered
        self.adjustments = adjustments
        self.fromSnapshot = fromSnapshot
        if case .priors(let p) = run.effects { priors = p } else { priors = nil }
    }

    /// `RESTOCK_FAILPOINT_FORECAST=sku@location`: that series' forecast comes back non-finite,
    /// as a broken fit would (for drills and the end-to-end test of the fallback); unset in
    /// normal use.
    package static let failpoint: String? = ProcessInfo.processInfo.environment["RESTOCK_FAILPOINT_FORECAST"].flatMap { $0.isEmpty ? nil : $0 }

    /// Skus per batch: bounds the memory held for results before they are written.
    package static let batchSize = 4096
    /// Series sampled to pool promotion and event effects across series.
    package static let poolSample = 2000

    package func run(progress: Progress?, consume: ([SkuResult]) throws -> Void) throws {
        let ranges: [Range<Int>]
        var reused: [Int: SkuResult]? = nil
        var recompute: Set<Int32> = []
        switch spec.coverage {
        case .everySku: ranges = data.skuRanges
        case .only(let skus): ranges = data.skuRanges.filter { skus.contains(data.series[$0.lowerBound].key.sku) }
        case .allBut(let skus): ranges = data.skuRanges.filter { !skus.contains(data.series[$0.lowerBound].key.sku) }
        case .recompute(let skus, let results):
            ranges = data.skuRanges
            reused = results
            recompute = skus
        }
        let calendar = SeriesCalendar(data: data, horizon: config.horizon)
        // A given forecast needs no effects nor cross-series model.
        var pool: EffectPool? = nil
        if given == nil {
            switch spec.effects {
            case .priors: pool = nil
            case .pooled(let p): pool = p
            case .pooledHere: pool = effectPool(calendar)
            }
        }
        let global = config.globalModel != .off && given == nil ? (spec.crossSeriesModel ?? globalFit(calendar, pool: pool)) : nil
        let work: @Sendable (Range<Int>) -> SkuResult = { [self, pool, global, reused, recompute] range in
            if let reused, !recompute.contains(data.series[range.lowerBound].key.sku), let r = reused[range.lowerBound] { return r }
            return self.work(range, calendar: calendar, pool: pool, global: global)
        }
        let threads = config.effectiveThreads
        var start = 0
        while start < ranges.count {
            let end = min(ranges.count, start + Pipeline.batchSize)
            let batch = Array(ranges[start..<end])
            var results = [SkuResult?](repeating: nil, count: batch.count)
            let chunks = min(batch.count, threads * 8)
            results.withUnsafeMutableBufferPointer { slots in
                let out = UnsafeMutableBufferPointerBox(slots)
                ParallelWork.perform(iterations: chunks, threads: threads) { chunk in
                    let lo = chunk * batch.count / chunks
                    let hi = (chunk + 1) * batch.count / chunks
                    for i in lo..<hi {
                        out.buffer[i] = work(batch[i])
                        progress?.advance(by: batch[i].count)
                    }
                }
            }
            try consume(results.map { $0! })
            start = end
        }
    }

    /// Effects pooled over a sample of this data set's series.
    package func effectPool(_ calendar: SeriesCalendar? = nil) -> EffectPool {
        (calendar ?? SeriesCalendar(data: data, horizon: config.horizon))
            .pool(sampleSize: Pipeline.poolSample, threads: config.effectiveThreads) {
                ClosedDays.censor(ClosureRuns.censor(demandSeries(data.series[$0])))
            }
    }

    /// The cross-series model fitted on this data set's series (nil when it cannot be fitted),
    /// with `global_model = "auto"` its weights chosen on holdout windows (the series' own models
    /// there take their priors from `pool`, pooled here when nil), otherwise even weights.
    package func globalFit(_ calendar: SeriesCalendar? = nil, pool: EffectPool? = nil) -> GlobalModel? {
        let calendar = calendar ?? SeriesCalendar(data: data, horizon: config.horizon)
        guard config.globalModel == .auto else {
            return calendar.globalModel(threads: config.effectiveThreads) { demandSeries(data.series[$0]) }
        }
        return calendar.calibratedGlobalModel(threads: config.effectiveThreads, model: ModelChoice(holdoutDays: config.holdoutDays),
                                              pool: pool ?? effectPool(calendar)) { Pipeline.demandSeries($0) }
    }

    /// Forecast then plan one sku; `pool` gives each series' prior for its effects; with
    /// `global`, each series' own forecast is averaged with the cross-series model's.
    package func work(_ range: Range<Int>, calendar: SeriesCalendar, pool: EffectPool?, global: GlobalModel? = nil) -> SkuResult {
        let model = ModelChoice(holdoutDays: config.holdoutDays)
        let started = DispatchTime.now().uptimeNanoseconds
        var forecasts: [DemandForecast] = []
        forecasts.reserveCapacity(range.count)
        var chosenOn: [Day] = []
        chosenOn.reserveCapacity(range.count)
        var fallbacks: [String?] = []
        for i in range {
            if let given = given?[i] {
                // A recorded forecast keeps its night of choice and its fallback's reason.
                chosenOn.append(recorded?[i].chosenOn ?? data.asOf)
                if let why = recorded?[i].fallback {
                    if fallbacks.isEmpty { fallbacks = .init(repeating: nil, count: range.count) }
                    fallbacks[forecasts.count] = why
                }
                forecasts.append(given)
                continue
            }
            var context: ForecastContext? = nil
            if var features = calendar.features(for: i) {
                adjustments?.adjust(&features, series: i, data: data)
                context = ForecastContext(features: features, layout: calendar.layout,
                                          prior: priors?[i] ?? pool.map { calendar.prior($0, series: i) })
            }
            let y = demandSeries(data.series[i])
            let own = ClosureRuns.censor(y)
            let current = remembered?[i].flatMap { w in w.chosenOn.distance(to: data.asOf) < config.reselectDays && w.chosenOn <= data.asOf ? w : nil }
            let injected = Pipeline.failpoint.map { $0 == data.skuName(data.series[i]) + "@" + data.locationName(data.series[i]) } ?? false
            // One series' failure must not fail the night: an unusable forecast falls back to
            // the 28-day mean, named in a warning and an exception row.
            var (f, failure) = ForecastGuard.checked(own, horizon: config.horizon) {
                if injected { return DemandForecast(mean: .init(repeating: .nan, count: config.horizon), sd: .init(repeating: 1, count: config.horizon), model: "failpoint") }
                if let w = current, let reused = fromSnapshot?(i, context?.features) {
                    chosenOn.append(w.chosenOn)
                    return reused
                }
                if let w = current, let refit = model.refit(own, horizon: config.horizon, context: context,
                                                           model: GlobalModel.ownModel(of: w.model)) {
                    chosenOn.append(w.chosenOn)
                    return refit
                }
                chosenOn.append(data.asOf)
                return model.forecast(own, horizon: config.horizon, context: context)
            }
            if chosenOn.count < forecasts.count + 1 { chosenOn.append(data.asOf) }
            if failure == nil, let global, let features = context?.features, y.observedCount > 0 {
                let level = global.levelWeight > 0 ? MovingAverage.fit(y, window: 28).forecast(horizon: config.horizon) : nil
                let combined = global.combine(local: f, global: global.forecast(y, features: features, horizon: config.horizon),
                                              demandClass: DemandClass.classify(y), level: level)
                if let problem = ForecastGuard.problem(combined, horizon: config.horizon) {
                    failure = "the cross-series combination " + problem + "; the series' own forecast is used"
                } else {
                    f = combined
                }
            }
            adjustments?.scale(&f, series: i, data: data)
            if let problem = ForecastGuard.problem(f, horizon: config.horizon) {
                failure = (failure.map { $0 + "; " } ?? "") + "the adjusted forecast " + problem
                f = ForecastGuard.fallback(own, horizon: config.horizon)
            }
            // A planned closure (closures.csv) sells nothing: those horizon days forecast 0.
            let s = data.series[i]
            if !s.closures.isEmpty {
                for h in 0..<f.mean.count where s.isClosed(data.asOf.adding(h + 1)) { f.mean[h] = 0; f.sd[h] = 0 }
            }
            if let failure {
                if fallbacks.isEmpty { fallbacks = .init(repeating: nil, count: range.count) }
                fallbacks[forecasts.count] = failure
            }
            forecasts.append(f)
        }
        let forecasted = DispatchTime.now().uptimeNanoseconds
        let forecastSeconds = Double(forecasted - started) / 1e9
        guard plan else {
            return SkuResult(range: range, forecasts: forecasts, plans: [], chosenOn: chosenOn, forecastSeconds: forecastSeconds,
                             fallbacks: fallbacks)
        }
        // Build the sku's network from the series that have items rows.
        var nodeOf = [Int](repeating: -1, count: range.count)
        var members: [Int] = []
        for (k, i) in range.enumerated() where data.series[i].item != nil {
            nodeOf[k] = members.count
            members.append(i)
        }
        var nodes: [NetworkNode] = []
        for i in members {
            let s = data.series[i]
            let item = s.item!
            var source: Int? = nil
            if let loc = data.sourceLocation(of: item) {
                if let k = range.firstIndex(where: { data.series[$0].key.location == loc }) { source = nodeOf[k - range.lowerBound] }
            }
            let f = forecasts[i - range.lowerBound]
            let inbound = s.openOrders.map { (day: max(1, data.asOf.distance(to: $0.due)), quantity: $0.quantity) }
            let input = config.replenishmentInput(sku: data.skuName(s), item: item, night: data.asOf,
                                                   onHand: s.inventory?.onHand ?? 0, allocated: s.inventory?.allocated ?? 0,
                                                   inbound: inbound, forecast: f, history: s.history,
                                                   calendar: data.suppliers[item.source])
            nodes.append(NetworkNode(sourceNode: source, input: input))
        }
        // Lanes between this sku's planned locations.
        var nodeAtLocation: [Int32: Int] = [:]
        for (n, i) in members.enumerated() { nodeAtLocation[data.series[i].key.location] = n }
        let lanes = data.lanes.compactMap { lane -> NetworkLane? in
            guard let a = nodeAtLocation[lane.from], let b = nodeAtLocation[lane.to] else { return nil }
            return NetworkLane(from: a, to: b, leadTimeDays: lane.leadTimeDays, costPerUnit: lane.costPerUnit)
        }
        let nodePlans = NetworkPlan.plan(nodes, lanes: lanes, unitCost: members.map { data.series[$0].item?.unitCost },
                                         rebalancing: RebalancingSettings(keepCoverDays: config.rebalanceKeepCoverDays,
                                                                          maxCostShare: config.rebalanceMaxCostShare))
        var plans = [NodePlan?](repeating: nil, count: range.count)
        for (n, i) in members.enumerated() {
            var p = nodePlans[n]
            // Moves name nodes; outputs need series indices.
            p.rebalancing = p.rebalancing.map { m in
                RebalancingMove(from: members[m.from], to: members[m.to], quantity: m.quantity, arrivalDays: m.arrivalDays)
            }
            plans[i - range.lowerBound] = p
        }
        return SkuResult(range: range, forecasts: forecasts, plans: plans, chosenOn: chosenOn, forecastSeconds: forecastSeconds,
                         planSeconds: Double(DispatchTime.now().uptimeNanoseconds - forecasted) / 1e9, fallbacks: fallbacks)
    }

    /// The forecaster's view of a series: demand with stock-out days marked censored.
    package func demandSeries(_ s: Series) -> DemandSeries { Pipeline.demandSeries(s) }

    /// The forecaster's view of a series: demand with stock-out days marked censored. The
    /// series' own models and the effect pool see it with its closure runs censored too
    /// (``ClosureRuns/censor(_:)``); the cross-series model sees the zeros, as it learns what
    /// follows a run of them from every series.
    package static func demandSeries(_ s: Series) -> DemandSeries {
        guard let h = s.history else { return DemandSeries(demand: []) }
        var censored: [Bool] = []
        if s.hasCensoredDays {
            censored = (0..<h.count).map { s.isCensored($0) }
        }
        return DemandSeries(demand: h.quantity, censored: censored, weekdayOfFirstDay: h.firstDay.weekday)
    }
}

/// Lets concurrent iterations write disjoint slots of one buffer.
package struct UnsafeMutableBufferPointerBox<T>: @unchecked Sendable {
    package let buffer: UnsafeMutableBufferPointer<T>
    package init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}
