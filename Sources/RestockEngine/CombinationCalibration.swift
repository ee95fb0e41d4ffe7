import Foundation
import Forecast
import RestockData

extension SeriesCalendar {
    /// The last days of the holdout windows' histories: the window just before the horizon
    /// (the most recent behaviour), and the horizon's own dates a year earlier (364 days: the
    /// same weekdays, the same season and yearly events, which the most recent window cannot
    /// show); when the data holds less than a year and two horizons, the window before the last.
    package var calibrationCuts: [Day] {
        let first = wholeNight?.earliestHistoryDay ?? data.series.compactMap { $0.history?.firstDay }.min() ?? data.asOf
        let yearAgo = data.asOf.adding(-364)
        let second = first.distance(to: yearAgo) >= 2 * horizon ? yearAgo : data.asOf.adding(-2 * horizon)
        return [data.asOf.adding(-horizon), second]
    }

    /// Series whose own model is fitted again on each window, at most (every k-th of the
    /// cross-series model's sample).
    package static let calibrationSample = 150

    /// The cross-series model of this data set with its weight chosen the way it will be used
    /// (`global_model = "auto"`): on each holdout window (``calibrationCuts``) the cross-series
    /// model is fitted on the data cut at the window's start, started from the night's
    /// coefficients (on the night's own rows whose days all lie on or before the cut when they
    /// are exactly the cut's rows, ``GlobalModel/Training/keepsTheOrigins(ofCut:)``: no rows
    /// built twice), and it and each sampled series' own model
    /// (`model`, priors from `pool`, fitted on the cut data) forecast the window;
    /// ``CombinationWeights/choose(_:grid:)`` picks the weight by the weighted RMSSE over both
    /// windows. (On the generated set the two most recent windows chose the combination for a
    /// November horizon where the series' own models won; the year-ago window chose right, and
    /// a third window changed no choice on M5, Rossmann or the generated set.) A window too
    /// early for a series leaves it out; with no usable holdout the weights stay even. The same
    /// holdouts, combined at the chosen weight, teach the quantile calibration (for the pinball
    /// loss) and the interval calibration (for coverage)
    /// (``CombinationWeights/calibrations(_:weights:for:)``; identity with too few days).
    /// Deterministic: fits in parallel into slots, scored in series order. Nil when the model
    /// cannot be fitted on the full data.
    package func calibratedGlobalModel(threads: Int, model: ModelChoice, pool: EffectPool?,
                               demand: @escaping @Sendable (Series) -> DemandSeries) -> GlobalModel? {
        guard let (training, used) = globalTraining(threads: threads, demand: { demand(data.series[$0]) }),
              var full = training.fit() else { return nil }
        let sample = globalSampleIndices
        var subset = data
        subset.series = sample.map { data.series[$0] }
        var holdouts: [CombinationWeights.Holdout] = []
        for cut in calibrationCuts {
            // Per training series, the index of the cut's day in its history.
            let lastDays = used.map { i -> Int in
                let h = data.series[i].history!
                return min(h.count - 1, h.firstDay.distance(to: cut))
            }
            // The night's rows when they are the cut's (always for a cut a multiple of 28 days
            // back while the row budget keeps every origin), else a fit of the cut data.
            let shared = training.keepsTheOrigins(ofCut: lastDays)
                ? training.fit(lastDays: lastDays, start: full.coefficients) : nil
            let window = calibrationCuts.firstIndex(of: cut)!
            holdouts += windowHoldouts(subset: subset, sample: sample, cut: cut, threads: threads, model: model,
                                       pool: pool, global: shared, start: full.coefficients, demand: demand)
                .map { var h = $0; h.window = window; return h }
        }
        full.weights = CombinationWeights.choose(holdouts)
        full.levelWeight = CombinationWeights.chooseLevel(holdouts, weights: full.weights)
        let maps = CombinationWeights.calibrations(holdouts, weights: full.weights, level: full.levelWeight,
                                                   for: [.quantiles, .intervals])
        full.quantileCalibration = maps[0]
        full.intervalCalibration = maps[1]
        return full
    }

    /// One window's holdouts: `subset` (the series `sample` of this data set) cut at `cut`,
    /// forecast by each chosen series' own model and by `shared` (the cross-series model of the
    /// cut, fitted on the night's rows) or, without it, by a fit of the cut data started from
    /// `start` (the night's coefficients).
    private func windowHoldouts(subset: DataSet, sample: [Int], cut: Day, threads: Int, model: ModelChoice,
                                pool: EffectPool?, global shared: GlobalModel?, start: [Double],
                                demand: @escaping @Sendable (Series) -> DemandSeries) -> [CombinationWeights.Holdout] {
        let (past, source) = subset.replayed(asOf: cut)
        let calendar = SeriesCalendar(data: past, horizon: horizon)
        guard let global = shared ?? calendar.globalModel(threads: threads, start: start, demand: { demand(past.series[$0]) })
        else { return [] }
        let horizon = self.horizon
        let candidates = past.series.indices.filter { j in
            let h = past.series[j].history!
            return h.count >= 2 * horizon && subset.series[source[j]].history!.count >= h.count + horizon
        }
        guard !candidates.isEmpty else { return [] }
        let step = max(1, (candidates.count + SeriesCalendar.calibrationSample - 1) / SeriesCalendar.calibrationSample)
        let chosen = stride(from: 0, to: candidates.count, by: step).map { candidates[$0] }
        var slots = [CombinationWeights.Holdout?](repeating: nil, count: chosen.count)
        slots.withUnsafeMutableBufferPointer { out in
            let box = UnsafeMutableBufferPointerBox(out)
            let chunks = max(1, min(chosen.count, threads * 8))
            ParallelWork.perform(iterations: chunks, threads: threads) { c in
                for m in (c * chosen.count / chunks)..<((c + 1) * chosen.count / chunks) {
                    let j = chosen[m]
                    let y = demand(past.series[j])
                    guard y.observedCount > 0, let features = calendar.features(for: j) else { continue }
                    let wholeSeries = subset.series[source[j]], whole = wholeSeries.history!
                    var actual = [Double](repeating: 0, count: horizon), observed = [Bool](repeating: false, count: horizon)
                    for h in 0..<horizon {
                        actual[h] = max(0, whole.quantity[y.count + h])
                        observed[h] = !wholeSeries.isCensored(y.count + h)
                    }
                    let context = ForecastContext(features: features, layout: calendar.layout,
                                                  prior: pool.map { self.prior($0, series: sample[source[j]]) })
                    let local = model.forecast(ClosureRuns.censor(y), horizon: horizon, context: context)
                    let g = global.forecast(y, features: features, horizon: horizon)
                    let scales = CompetitionScales.of(y, price: past.series[j].history!.price)
                    let level = MovingAverage.fit(y, window: 28).forecast(horizon: horizon)
                    box.buffer[m] = CombinationWeights.Holdout(
                        demandClass: DemandClass.classify(y), weight: scales.weight, scale: scales.mse,
                        actual: actual, observed: observed, local: local.mean, global: g.mean,
                        localSD: local.sd, globalSD: g.sd, spreadScale: scales.mae)
                    box.buffer[m]!.level = level.mean
                    box.buffer[m]!.levelSD = level.sd
                }
            }
        }
        return slots.compactMap { $0 }
    }
}
