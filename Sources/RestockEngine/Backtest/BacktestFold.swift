import Forecast
import Foundation
import RestockData
import RestockSettings

/// One rolling origin of a backtest: every series is cut at `origin`, forecast by restock and
/// by the references (seasonal naive, naive, the 28-day mean), and compared with what it sold
/// in the next `horizon` days.
package struct BacktestFold {
    package let data: DataSet
    package let origin: Day
    package let config: RestockConfig
    /// When > 0, methods are chosen this many nights before the origin and only refitted at it,
    /// as a warm nightly run does with its model state (``ModelState``).
    package var warmAgeDays = 0

    /// Quantiles written per day in `backtest_forecasts.csv` (columns `q<p>`): the M5 uncertainty
    /// track's nine and the 80 % interval's ends.
    package static let quantileLevels: [Double] = [0.005, 0.025, 0.1, 0.165, 0.25, 0.5, 0.75, 0.835, 0.9, 0.975, 0.995]

    /// One series' fold: actuals, which days count, forecasts by model (restock first).
    package struct SeriesResult {
        package var series: Int
        package var actual: [Double]
        package var observed: [Bool]
        package var special: [Bool]
        package var demandClass: String
        package var scales: (mae: Double, mse: Double)
        /// The M5 metrics' scales (since the first sale) and dollar weight, from the training history.
        package var competition: CompetitionScales
        package var forecasts: [(String, DemandForecast)]

        package func segments(restockModel: String) -> [String] {
            ["all", "promo_event", "regular", "class:" + demandClass, "model:" + restockModel]
        }

        package func include(segment: String) -> [Bool] {
            switch segment {
            case "promo_event": return zip(observed, special).map { $0 && $1 }
            case "regular": return zip(observed, special).map { $0 && !$1 }
            default: return observed
            }
        }

        /// One row per horizon day; `levels` (fractions, ascending) are the `lo`/`hi` pairs written
        /// after the quantiles (``DemandForecast/interval(_:level:)``).
        package func write(to w: CSVWriter, fold: Int, model: String, forecast f: DemandForecast, data: DataSet,
                   levels: [Double]) throws {
            let s = data.series[series]
            for h in 0..<actual.count {
                try w.writeInteger(fold)
                try w.writeField(data.skuName(s))
                try w.writeField(data.locationName(s))
                try w.writeDay(foldOrigin.adding(h + 1))
                try w.writeDecimal(actual[h])
                try w.writeInteger(observed[h] ? 0 : 1)
                try w.writeInteger(special[h] ? 1 : 0)
                try w.writeField(model)
                try w.writeDecimal(f.mean[h])
                try w.writeDecimal(f.sd[h])
                try w.writeField(forecasts[0].1.model)
                for p in BacktestFold.quantileLevels { try w.writeDecimal(f.quantile(h, p)) }
                for l in levels {
                    let b = f.interval(h, level: l)
                    try w.writeDecimal(b.lower)
                    try w.writeDecimal(b.upper)
                }
                try w.endRecord()
            }
        }
        package var foldOrigin: Day
    }

    /// Methods chosen `warmAgeDays` nights before the origin, by series index in `data`.
    package func earlierChoices() -> [Int: String] {
        let (early, source) = data.replayed(asOf: origin.adding(-warmAgeDays))
        var config = self.config
        config.reselectDays = 0
        config.globalModel = .off
        var chosen: [Int: String] = [:]
        try? Pipeline(data: early, config: config, plan: false).run(progress: nil) { batch in
            for r in batch { for (k, i) in r.range.enumerated() { chosen[source[i]] = r.forecasts[k].model } }
        }
        return chosen
    }

    package func run(progress: Progress?) -> [SeriesResult] {
        let (fold, source) = data.replayed(asOf: origin)
        let horizon = config.horizon
        var foldConfig = config
        foldConfig.horizon = horizon
        let pipeline = Pipeline(data: fold, config: foldConfig, plan: false)
        let calendar = SeriesCalendar(data: fold, horizon: horizon)
        let pool = pipeline.effectPool(calendar)
        let model = ModelChoice(holdoutDays: config.holdoutDays)
        // The cross-series model as the night would use it (weights chosen on the fold's own
        // past under `auto`), and the equal-weight combination beside it.
        let global = config.globalModel == .auto
            ? calendar.calibratedGlobalModel(threads: config.effectiveThreads, model: model, pool: pool) { Pipeline.demandSeries($0) }
            : calendar.globalModel(threads: config.effectiveThreads) { pipeline.demandSeries(fold.series[$0]) }
        let chosenEarlier = warmAgeDays > 0 ? earlierChoices() : [:]
        var results = [SeriesResult?](repeating: nil, count: fold.series.count)
        let threads = config.effectiveThreads
        results.withUnsafeMutableBufferPointer { out in
            let box = UnsafeMutableBufferPointerBox(out)
            let chunks = max(1, min(fold.series.count, threads * 8))
            ParallelWork.perform(iterations: chunks, threads: threads) { c in
                let lo = c * fold.series.count / chunks, hi = (c + 1) * fold.series.count / chunks
                for i in lo..<hi {
                    let y = pipeline.demandSeries(fold.series[i])
                    // Actuals from the full history.
                    let fullSeries = data.series[source[i]], full = fullSeries.history!
                    let offset = full.firstDay.distance(to: origin) + 1
                    var actual = [Double](repeating: 0, count: horizon)
                    var observed = [Bool](repeating: false, count: horizon)
                    for h in 0..<horizon where offset + h < full.count {
                        actual[h] = full.quantity[offset + h]
                        observed[h] = !fullSeries.isCensored(offset + h)
                    }
                    let features = calendar.features(for: i)
                    var special = [Bool](repeating: false, count: horizon)
                    if let f = features { for h in 0..<horizon { special[h] = f.isSpecial(y.count + h) } }
                    var context: ForecastContext? = nil
                    if let f = features {
                        context = ForecastContext(features: f, layout: calendar.layout, prior: calendar.prior(pool, series: i))
                    }
                    let own = ClosureRuns.censor(y)
                    let local = chosenEarlier[source[i]].flatMap { model.refit(own, horizon: horizon, context: context, model: $0) }
                        ?? model.forecast(own, horizon: horizon, context: context)
                    let seasonal = SeasonalNaive.fit(y, period: 7).forecast(horizon: horizon)
                    let naive = SeasonalNaive.fit(y, period: 1).forecast(horizon: horizon)
                    let mean28 = MovingAverage.fit(y, window: 28).forecast(horizon: horizon)
                    // The cross-series model alone, and the local choice with (or without) it.
                    var restock = local
                    var extra: [(String, DemandForecast)] = []
                    if let global, let f = features, y.observedCount > 0 {
                        let g = global.forecast(y, features: f, horizon: horizon)
                        let even = GlobalModel.combine(local: local, global: g)
                        switch config.globalModel {
                        case .off: extra = [("global", g), ("combo", even)]
                        case .on:
                            restock = even
                            extra = [("global", g), ("local", local)]
                        case .auto:
                            restock = global.combine(local: local, global: g, demandClass: DemandClass.classify(y), level: mean28)
                            extra = [("global", g), ("local", local), ("combo", even)]
                        }
                    }
                    box.buffer[i] = SeriesResult(
                        series: source[i], actual: actual, observed: observed, special: special,
                        demandClass: DemandClass.classify(y).rawValue,
                        scales: AccuracyMetrics.scales(y),
                        competition: CompetitionScales.of(y, price: fold.series[i].history!.price),
                        forecasts: [("restock", restock), ("seasonal_naive", seasonal), ("naive", naive),
                                    ("mean28", mean28)] + extra,
                        foldOrigin: origin)
                    progress?.advance(by: 1)
                }
            }
        }
        return results.compactMap { $0 }
    }
}

