import Foundation
import Testing
import TestSupport
@testable import Forecast

/// Poisson draws by inversion (means here stay small, < 60).
private func poisson(_ mean: Double, _ rng: inout SplitMix64) -> Double {
    var k = 0.0, p = exp(-mean), cumulative = p
    let u = rng.unit()
    while u > cumulative && k < 1000 { k += 1; p *= mean / k; cumulative += p }
    return k
}

/// `count` series of `days` days drawn from a known multiplicative model: a level per series,
/// Saturday ×2 (weekday 5), promotion type 0 ×1.8 on about one day in eight, event 0 ×0.2 on
/// one day a year. The horizon (`horizon` extra days) has a promotion on its days 3 and 10.
private func synthetic(count: Int, days: Int, horizon: Int, seed: UInt64)
    -> (series: [DemandSeries], features: [CalendarFeatures], levels: [Double]) {
    var rng = SplitMix64(seed: seed)
    var series: [DemandSeries] = [], features: [CalendarFeatures] = [], levels: [Double] = []
    for _ in 0..<count {
        let level = 1 + 9 * rng.unit()
        var f = CalendarFeatures(count: days + horizon, firstWeekday: 0, firstDayOfYear: 1)
        var y = [Double](repeating: 0, count: days)
        for t in 0..<(days + horizon) {
            if t < days ? rng.unit() < 0.125 : (t - days == 3 || t - days == 10) { f.promoType[t] = 0 }
            if t % 365 == 200 { f.event[t] = 0 }
        }
        for t in 0..<days {
            var mean = level
            if t % 7 == 5 { mean *= 2 }
            if f.promoType[t] == 0 { mean *= 1.8 }
            if f.event[t] == 0 { mean *= 0.2 }
            y[t] = poisson(mean, &rng)
        }
        series.append(DemandSeries(demand: y, weekdayOfFirstDay: 0))
        features.append(f)
        levels.append(level)
    }
    return (series, features, levels)
}

@Suite("GlobalModel")
struct GlobalModelTests {
    let layout = GlobalLayout(promotionTypes: 1, events: 1)

    @Test func learnsTheSharedEffectsAndKeepsEachSeriesLevel() throws {
        let horizon = 14
        let data = synthetic(count: 60, days: 600, horizon: horizon, seed: 7)
        let model = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout,
                                                 horizon: horizon, threads: 2))
        // 20 origins (every 28 days from day 585 back to day 27) × 14 days × 60 series.
        #expect(model.rows == 20 * 14 * 60)
        // Forecast series the model was not fitted on, drawn from the same model. The origin,
        // day 599, is a Friday (weekday 4); h = 1 and 8 are Saturdays, h = 4 and 11 promotion
        // days; the other days are plain (×1).
        let fresh = synthetic(count: 20, days: 600, horizon: horizon, seed: 99)
        let plainDays = [2, 3, 5, 6, 7, 9, 10, 12, 13, 14]
        var level = 0.0, trueLevel = 0.0
        for (i, y) in fresh.series.enumerated() {
            let f = model.forecast(y, features: fresh.features[i], horizon: horizon)
            #expect(f.model == "global")
            #expect(f.sd.allSatisfy { $0 > 0 })
            level += plainDays.map { f.mean[$0 - 1] }.reduce(0, +) / Double(plainDays.count)
            trueLevel += fresh.levels[i]
        }
        // Plain days forecast each series' own level (within 10 % over the 20 series).
        #expect(abs(level / trueLevel - 1) < 0.10, "level ratio \(level / trueLevel)")
    }

    @Test func weekdayAndPromotionMultipliersAreRecovered() throws {
        let horizon = 14
        let data = synthetic(count: 60, days: 600, horizon: horizon, seed: 11)
        let model = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout,
                                                 horizon: horizon, threads: 2))
        let fresh = synthetic(count: 30, days: 600, horizon: horizon, seed: 123)
        var saturday = 0.0, weekdayPromo = 0.0, weekdayPlain = 0.0
        for (i, y) in fresh.series.enumerated() {
            let f = model.forecast(y, features: fresh.features[i], horizon: horizon)
            // Origin day 599 is weekday 599 % 7 = 4 (Friday). Promotions on h = 4 and 11 (days
            // 603 and 610, Tuesdays); plain Mondays on h = 3 and 10; Saturdays on h = 1 and 8.
            weekdayPromo += f.mean[3] + f.mean[10]
            weekdayPlain += f.mean[2] + f.mean[9]
            saturday += f.mean[0] + f.mean[7]
        }
        // Promotion ×1.8 and Saturday ×2 against plain weekdays, within 15 %.
        #expect(abs(weekdayPromo / weekdayPlain / 1.8 - 1) < 0.15, "promotion lift \(weekdayPromo / weekdayPlain)")
        #expect(abs(saturday / weekdayPlain / 2 - 1) < 0.15, "Saturday lift \(saturday / weekdayPlain)")
    }

    @Test func originsSpreadOverTheHistoryWhenTheBudgetIsShort() {
        var settings = GlobalModel.Settings()
        // 1000 days, horizon 28: newest origin 971, oldest allowed 27.
        #expect(GlobalModel.trainingOrigins(n: 1000, horizon: 28, settings: settings, limit: 100)
                == Array(stride(from: 971, through: 27, by: -28)))
        // Four origins over 944 days: every 944 / 3 = 314 days, in whole weeks 308.
        #expect(GlobalModel.trainingOrigins(n: 1000, horizon: 28, settings: settings, limit: 4) == [971, 663, 355, 47])
        settings.maxBackDays = 100
        #expect(GlobalModel.trainingOrigins(n: 1000, horizon: 28, settings: settings, limit: 100) == [971, 943, 915, 887])
        #expect(GlobalModel.trainingOrigins(n: 50, horizon: 28, settings: settings, limit: 100).isEmpty)
    }

    @Test func sameBitsWhateverTheThreads() throws {
        let data = synthetic(count: 40, days: 400, horizon: 7, seed: 3)
        let one = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7, threads: 1))
        let four = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7, threads: 4))
        #expect(one.coefficients.map(\.bitPattern) == four.coefficients.map(\.bitPattern))
    }

    @Test func aWarmStartReachesTheColdFitsOptimumAndAWrongSizedOneIsIgnored() throws {
        let data = synthetic(count: 40, days: 500, horizon: 7, seed: 5)
        let cold = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7, threads: 2))
        // Started from a fit on other series of the same layout (as a holdout window starts from the night's).
        let other = synthetic(count: 40, days: 500, horizon: 7, seed: 6)
        let seed = try #require(GlobalModel.fit(series: other.series, features: other.features, layout: layout, horizon: 7, threads: 2))
        #expect(seed.coefficients != cold.coefficients)
        let warm = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7,
                                                threads: 2, start: seed.coefficients))
        #expect(warm.rows == cold.rows)
        // Same optimum to the stopping tolerance: forecasts agree within 0.5 %.
        for (i, y) in data.series.prefix(10).enumerated() {
            let a = cold.forecast(y, features: data.features[i], horizon: 7).mean
            let b = warm.forecast(y, features: data.features[i], horizon: 7).mean
            for h in 0..<7 { #expect(abs(a[h] - b[h]) <= 0.005 * max(a[h], 0.01), "series \(i) day \(h + 1)") }
        }
        let ignored = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7,
                                                   threads: 2, start: [1, 2, 3]))
        #expect(ignored.coefficients.map(\.bitPattern) == cold.coefficients.map(\.bitPattern))
    }

    @Test func aCutOfTheTrainingRowsIsTheFitOfTheHistoriesCutThere() throws {
        // Series of different lengths, all ending on the same day; the cut is 56 days before it
        // (a multiple of the 28-day origin step, so the cut keeps the origins a fit of the cut
        // histories has) and before one series' first day.
        let horizon = 7, cutBack = 56
        let data = synthetic(count: 40, days: 500, horizon: horizon, seed: 21)
        var series = data.series, features = data.features
        for i in [3, 11, 30] { series[i] = series[i].suffix(60 + i) }
        for i in [3, 11, 30] {
            var f = CalendarFeatures(count: series[i].count + horizon, firstWeekday: 0, firstDayOfYear: 1)
            let skip = data.series[i].count - series[i].count
            for t in 0..<f.count { f.promoType[t] = data.features[i].promoType[skip + t]; f.event[t] = data.features[i].event[skip + t] }
            features[i] = f
        }
        series[5] = series[5].suffix(40)
        features[5] = CalendarFeatures(count: 40 + horizon, firstWeekday: 0, firstDayOfYear: 1)
        let training = try #require(GlobalModel.Training(series: series, features: features, layout: layout,
                                                         horizon: horizon, threads: 2))
        let lastDays = series.map { $0.count - 1 - cutBack }
        let cut = try #require(training.fit(lastDays: lastDays))
        // The same series cut there, fitted from scratch (the calendars need no cut: they do not
        // depend on the history).
        var cutSeries: [DemandSeries] = [], cutFeatures: [CalendarFeatures] = []
        for (i, y) in series.enumerated() where y.count > cutBack {
            cutSeries.append(y.prefix(y.count - cutBack)); cutFeatures.append(features[i])
        }
        let direct = try #require(GlobalModel.fit(series: cutSeries, features: cutFeatures, layout: layout,
                                                  horizon: horizon, threads: 2))
        #expect(cut.rows == direct.rows)
        #expect(abs(cut.dispersion - direct.dispersion) <= 0.01 * direct.dispersion)
        for (i, y) in cutSeries.prefix(10).enumerated() {
            let a = cut.forecast(y, features: cutFeatures[i], horizon: horizon).mean
            let b = direct.forecast(y, features: cutFeatures[i], horizon: horizon).mean
            for h in 0..<horizon { #expect(abs(a[h] - b[h]) <= 0.005 * max(b[h], 0.01), "series \(i) day \(h + 1)") }
        }
        #expect(training.keepsTheOrigins(ofCut: lastDays))
        // A cut 49 days back falls between the night's origins: its own fit would have others.
        #expect(!training.keepsTheOrigins(ofCut: series.map { $0.count - 1 - 49 }))
        // Every row again without a cut; a cut before every history leaves no rows.
        #expect(training.fit()?.rows == GlobalModel.fit(series: series, features: features, layout: layout,
                                                        horizon: horizon, threads: 2)?.rows)
        #expect(training.fit(lastDays: series.map { _ in -1 }) == nil)
    }

    @Test func theEventColumnsGramPartIsTheDenseOnes() throws {
        // The pass adds event rows' part of XᵀWX by index; the same system from full rows.
        let layout = GlobalLayout(promotionTypes: 1, events: 3)
        var data = synthetic(count: 20, days: 400, horizon: 7, seed: 8)
        for i in data.features.indices { for t in stride(from: i % 5, to: 407, by: 9) { data.features[i].event[t] = Int32(t % 3) } }
        let training = try #require(GlobalModel.Training(series: data.series, features: data.features, layout: layout, horizon: 7))
        let p = layout.columns, d = layout.eventDay
        var beta = [Double](repeating: 0, count: p)
        for c in 0..<p { beta[c] = 0.01 * Double(c % 7) - 0.02 }
        let segments = training.segments(lastDays: nil)
        let system = training.pass(segments, beta: beta, every: 1)
        var gram = [Double](repeating: 0, count: p * p), rhs = [Double](repeating: 0, count: p), events = 0
        for (g, rows) in training.groups.enumerated() {
            guard let rows else { continue }
            for segment in segments[g] {
                for n in segment.start..<segment.end {
                    var x = (0..<d).map { Double(rows.x[n * d + $0]) } + [Double](repeating: 0, count: p - d)
                    if rows.hot[n] >= 0 { x[d + Int(rows.hot[n])] = 1; events += 1 }
                    let eta = zip(x, beta).reduce(0) { $0 + $1.0 * $1.1 }, mu = exp(eta), y = rows.target[n]
                    let power = training.settings.tweediePower
                    let w = segment.omega * exp((1 - power) * eta) * ((2 - power) * mu + (power - 1) * y)
                    let k = segment.omega * exp((1 - power) * eta) * (y - mu)
                    for c in 0..<p {
                        rhs[c] += x[c] * k
                        for r in c..<p { gram[r + c * p] += w * x[r] * x[c] }
                    }
                }
            }
        }
        #expect(events > 100)
        for c in 0..<p {
            #expect(abs(system.rhs[c] - rhs[c]) <= 1e-9 * max(1, abs(rhs[c])), "rhs \(c)")
            // The dense block goes through a Float Gram: 1e-4 relative to the diagonal.
            for r in c..<p {
                let scale = (gram[r * (p + 1)] * gram[c * (p + 1)]).squareRoot()
                #expect(abs(system.gram[r + c * p] - gram[r + c * p]) <= 1e-4 * max(1, scale), "gram \(r), \(c)")
            }
        }
    }

    @Test func newtonStepsStopAtTheOptimumOfAFitRunToTheEnd() throws {
        // The default fit (cold start from every 4th series, Newton steps, stopped by Newton's
        // decrement at 1e-5) against one with a tolerance of 0 and 40 steps: the same optimum.
        let data = synthetic(count: 80, days: 500, horizon: 7, seed: 17)
        let fit = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7, threads: 2))
        var exhaustive = GlobalModel.Settings()
        exhaustive.tolerance = 0
        exhaustive.iterations = 40
        let full = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7,
                                                settings: exhaustive, threads: 2))
        for (i, y) in data.series.prefix(10).enumerated() {
            let a = fit.forecast(y, features: data.features[i], horizon: 7).mean
            let b = full.forecast(y, features: data.features[i], horizon: 7).mean
            for h in 0..<7 { #expect(abs(a[h] - b[h]) <= 0.002 * max(b[h], 0.01), "series \(i) day \(h + 1)") }
        }
    }

    @Test func oneWildSeriesDoesNotSetEverySeriesDispersion() throws {
        let data = synthetic(count: 40, days: 400, horizon: 7, seed: 8)
        let calm = try #require(GlobalModel.fit(series: data.series, features: data.features, layout: layout, horizon: 7, threads: 2))
        // Poisson draws: the typical series' φ is about 1 (at least 1 by definition).
        #expect(calm.dispersion < 1.5, "φ \(calm.dispersion)")
        // One series sells 5,000 units on a few days no feature explains.
        var series = data.series
        var wild = series[0].demand
        for t in stride(from: 40, to: 400, by: 90) { wild[t] = 5000 }
        series[0] = DemandSeries(demand: wild, weekdayOfFirstDay: 0)
        let shocked = try #require(GlobalModel.fit(series: series, features: data.features, layout: layout, horizon: 7, threads: 2))
        #expect(shocked.dispersion < 1.5, "φ \(shocked.dispersion)")
    }

    @Test func regressionsReadThePriceWithinHalfAndDoubleTheRegularPrice() {
        var f = CalendarFeatures(count: 4, firstWeekday: 0, firstDayOfYear: 1)
        f.logPriceRatio = [log(0.29), log(0.8), log(1.5), log(3)]
        #expect(f.modelledLogPrice(0) == -log(2.0))
        #expect(f.modelledLogPrice(1) == log(0.8))
        #expect(f.modelledLogPrice(2) == log(1.5))
        #expect(f.modelledLogPrice(3) == log(2.0))
    }

    @Test func tweedieDevianceIsZeroAtTheDataAndMatchesPoissonByHand() {
        #expect(GlobalModel.deviance(3, 3, power: 1) == 0)
        // 2·(y·log(y/μ) − (y − μ)) = 2·(2·log 2 − 1) for y = 2, μ = 1.
        #expect(isClose(GlobalModel.deviance(2, 1, power: 1), 2 * (2 * log(2.0) - 1), 1e-12))
        #expect(isClose(GlobalModel.deviance(0, 1.5, power: 1), 3, 1e-12))
        #expect(abs(GlobalModel.deviance(2, 2, power: 1.5)) < 1e-12)
        #expect(GlobalModel.deviance(2, 1, power: 1.5) > 0)
    }

    @Test func combinationAveragesMeansAndVariances() {
        let local = DemandForecast(mean: [2, 4], sd: [1, 3], model: "tsb")
        let global = DemandForecast(mean: [4, 0], sd: [1, 1], model: "global")
        let c = GlobalModel.combine(local: local, global: global)
        #expect(c.mean == [3, 2])
        #expect(isClose(c.sd[0], 1, 1e-12) && isClose(c.sd[1], 5.0.squareRoot(), 1e-12))
        #expect(c.model == "tsb+global")
    }

    @Test func weightedCombinationMixesMeansAndVariancesAndZeroKeepsTheLocalForecast() {
        let local = DemandForecast(mean: [2, 4], sd: [1, 3], model: "tsb")
        let global = DemandForecast(mean: [4, 0], sd: [1, 1], model: "global")
        #expect(GlobalModel.combine(local: local, global: global, weight: 0) == local)
        let q = GlobalModel.combine(local: local, global: global, weight: 0.25)
        #expect(q.mean == [2.5, 3])
        // Variance 0.75·9 + 0.25·1 = 7 on day 2.
        #expect(isClose(q.sd[0], 1, 1e-12) && isClose(q.sd[1], 7.0.squareRoot(), 1e-12))
        #expect(q.model == "tsb+global")
        let half = GlobalModel.combine(local: local, global: global, weight: 0.5)
        #expect(half == GlobalModel.combine(local: local, global: global))
        var model = GlobalModel(layout: layout, coefficients: .init(repeating: 0, count: layout.columns), dispersion: 1, rows: 0)
        model.weights = CombinationWeights(byClass: [0, 0.5, 0.5, 0.5])
        #expect(model.combine(local: local, global: global, demandClass: .smooth) == local)
        #expect(model.combine(local: local, global: global, demandClass: .lumpy) == half)
    }

    /// A day the series' own model holds closed (mean and sd 0) stays closed in every mixture,
    /// in the holdout loss that chooses the weights too, and through the regression's effects.
    @Test func aClosedDayStaysClosedInTheCombination() {
        let local = DemandForecast(mean: [10, 0], sd: [2, 0], model: "ets(a,n,n)")
        let global = DemandForecast(mean: [12, 3], sd: [2, 2], model: "global")
        let c = GlobalModel.combine(local: local, global: global)
        #expect(c.mean == [11, 0] && c.sd[1] == 0)
        let m = GlobalModel.mixLevel(c, level: DemandForecast(mean: [8, 8], sd: [1, 1], model: "mean28"), weight: 0.5)
        #expect(m.mean == [9.5, 0] && m.sd[1] == 0)
        let h = CombinationWeights.Holdout(demandClass: .smooth, weight: 1, scale: 1, actual: [11, 0], observed: [true, true],
                                           local: local.mean, global: global.mean, localSD: local.sd, globalSD: global.sd)
        #expect(isClose(h.rmsse(weight: 0.5), 0, 1e-12))
        let restored = AdjustedForecast.restore(local, adjustments: [0, 0, 0.5, 0.5], origin: 2)
        #expect(restored.mean[1] == 0 && restored.sd[1] == 0 && restored.mean[0] > 10)
    }

    /// The run's weight is the one with the lower dollar-weighted RMSSE over the holdouts; a
    /// tie keeps the series' own model; nothing to score keeps the even average.
    @Test func combinationWeightIsChosenByWeightedRMSSE() {
        func holdout(_ c: DemandClass, weight: Double, actual: [Double], local: [Double], global: [Double]) -> CombinationWeights.Holdout {
            .init(demandClass: c, weight: weight, scale: 1, actual: actual, observed: actual.map { _ in true }, local: local, global: global)
        }
        // Local exact, global off by 2: RMSSE 0 at w = 0, 1 at w = 0.5.
        let localWins = holdout(.smooth, weight: 10, actual: [5, 5], local: [5, 5], global: [7, 7])
        // Local off by 2 one way, global the other: RMSSE 2 at w = 0, 0 at w = 0.5.
        let comboWins = holdout(.lumpy, weight: 1, actual: [5, 5], local: [3, 3], global: [7, 7])
        #expect(localWins.rmsse(weight: 0) == 0 && localWins.rmsse(weight: 0.5) == 1)
        #expect(comboWins.rmsse(weight: 0) == 2 && comboWins.rmsse(weight: 0.5) == 0)
        // 10·0 + 1·2 = 2 against 10·1 + 1·0 = 10: the series' own models.
        #expect(CombinationWeights.choose([localWins, comboWins]).byClass == [0, 0, 0, 0])
        // Weights the other way: 1·0 + 10·2 = 20 against 1·1 + 10·0 = 1.
        var a = localWins, b = comboWins
        a.weight = 1; b.weight = 10
        #expect(CombinationWeights.choose([a, b]).byClass == [0.5, 0.5, 0.5, 0.5])
        let tie = holdout(.erratic, weight: 1, actual: [5], local: [4], global: [6])
        #expect(tie.rmsse(weight: 0.5) == 0)
        let same = holdout(.erratic, weight: 1, actual: [5], local: [4], global: [4])
        #expect(CombinationWeights.choose([same]).byClass == [0, 0, 0, 0])
        #expect(CombinationWeights.choose([]) == .even)
        var unscaled = localWins
        unscaled.scale = 0
        #expect(CombinationWeights.choose([unscaled]) == .even)
        // Stock-out days do not count.
        let censored = CombinationWeights.Holdout(demandClass: .smooth, weight: 1, scale: 4, actual: [5, 0], observed: [true, false],
                                                  local: [3, 9], global: [5, 9])
        #expect(censored.rmsse(weight: 0) == 1)
    }

    /// A chain where most stores are closed on Sundays (0 sold) and a few open every Sunday,
    /// selling twice their mean there, each store with its own pattern over the other days: the
    /// open stores' Sundays come from their own weekday profile, not from the closed majority's
    /// Sunday column. With a profile floored at a tenth of the mean (before), the coefficient that
    /// follows the weekday patterns could not also carry the closed Sundays, and the open stores'
    /// Sundays were forecast far below what they sell.
    @Test func aStoreOpenOnSundaysKeepsItsSundaysAmongStoresClosedOnThem() throws {
        let horizon = 14, days = 600
        var rng = SplitMix64(seed: 11)
        var series: [DemandSeries] = [], features: [CalendarFeatures] = [], open: [Bool] = []
        for k in 0..<40 {
            let isOpen = k % 8 == 0
            let level = 2_000 + 4_000 * rng.unit()
            // Each store's own Monday … Saturday pattern (× 0.6 … 1.4), which the profile's
            // coefficient must follow; weekday 6 is Sunday.
            let pattern = (0..<6).map { _ in 0.6 + 0.8 * rng.unit() }
            features.append(CalendarFeatures(count: days + horizon, firstWeekday: 0, firstDayOfYear: 1))
            // Demand ±10 % around its day's mean.
            let y = (0..<days).map { t -> Double in
                let mean = t % 7 == 6 ? (isOpen ? 2 * level : 0) : level * pattern[t % 7]
                return (mean * (0.9 + 0.2 * rng.unit())).rounded()
            }
            series.append(DemandSeries(demand: y, weekdayOfFirstDay: 0))
            open.append(isOpen)
        }
        let model = try #require(GlobalModel.fit(series: series, features: features, layout: GlobalLayout(promotionTypes: 0, events: 0),
                                                 horizon: horizon, threads: 2))
        for (i, y) in series.enumerated() {
            let f = model.forecast(y, features: features[i], horizon: horizon)
            // The origin, day 599, is weekday 4 (Friday): h = 2 and 9 are Sundays, h = 3 a Monday.
            let sunday = (f.mean[1] + f.mean[8]) / 2
            let level = y.demand.suffix(364).reduce(0, +) / 364
            if open[i] {
                #expect(sunday / level > 1.4, "open store \(i): Sunday/mean \(sunday / level)")
            } else {
                #expect(sunday / level < 0.02, "closed store \(i): Sunday/mean \(sunday / level)")
            }
        }
    }

    /// A level weight must lower the loss on every holdout window, not only pooled: one window
    /// that gains a lot cannot outvote another that loses.
    @Test func theLevelWeightMustHelpOnEveryWindow() {
        func holdout(window: Int, actual: [Double], local: [Double], level: [Double]) -> CombinationWeights.Holdout {
            var h = CombinationWeights.Holdout(demandClass: .smooth, weight: 1, scale: 1, actual: actual,
                                               observed: actual.map { _ in true }, local: local, global: local)
            h.level = level; h.levelSD = level.map { _ in 1 }
            h.window = window
            return h
        }
        let own = CombinationWeights(byClass: [0, 0, 0, 0])
        // Window 0: the level is right and the combination 20 % high; window 1: the combination
        // is right and the level 5 % low. Pooled, 0.2 wins (window 0 gains 0.8, window 1 loses 0.1).
        let gains = holdout(window: 0, actual: [10, 10], local: [12, 12], level: [10, 10])
        let loses = holdout(window: 1, actual: [10, 10], local: [10, 10], level: [9.5, 9.5])
        let pooled = [0.0, 0.1, 0.2].map { m in [gains, loses].map { $0.rmsse(weight: 0, level: m) }.reduce(0, +) }
        #expect(pooled[2] < pooled[1] && pooled[1] < pooled[0])
        #expect(CombinationWeights.chooseLevel([gains, loses], weights: own) == 0)
        // Both windows gain: the pooled choice.
        let alsoGains = holdout(window: 1, actual: [10, 10], local: [11, 11], level: [10, 10])
        #expect(CombinationWeights.chooseLevel([gains, alsoGains], weights: own) == 0.2)
        // The same holdouts all in one window: pooled.
        var sameWindow = loses
        sameWindow.window = 0
        #expect(CombinationWeights.chooseLevel([gains, sameWindow], weights: own) == 0.2)
    }

    /// After the combination, the series' 28-day mean gets the level weight from the grid with
    /// the lower dollar-weighted RMSSE over the holdouts (ties: the smaller); holdouts without
    /// a level do not vote; the mixture of means and variances is exact.
    @Test func theLevelWeightIsChosenByWeightedRMSSE() {
        func holdout(actual: [Double], local: [Double], level: [Double]) -> CombinationWeights.Holdout {
            var h = CombinationWeights.Holdout(demandClass: .smooth, weight: 1, scale: 1, actual: actual,
                                               observed: actual.map { _ in true }, local: local, global: local)
            h.level = level; h.levelSD = level.map { _ in 1 }
            return h
        }
        let own = CombinationWeights(byClass: [0, 0, 0, 0])
        // The level is right and the combination 10 % high: m = 0.2 of the grid is closest.
        let levelRight = holdout(actual: [10, 10], local: [12, 12], level: [10, 10])
        #expect(levelRight.rmsse(weight: 0, level: 0.2) < levelRight.rmsse(weight: 0, level: 0.1))
        #expect(CombinationWeights.chooseLevel([levelRight], weights: own) == 0.2)
        // The combination is right: no level.
        let comboRight = holdout(actual: [10, 10], local: [10, 10], level: [14, 14])
        #expect(CombinationWeights.chooseLevel([comboRight], weights: own) == 0)
        var noLevel = levelRight
        noLevel.level = []; noLevel.levelSD = []
        #expect(CombinationWeights.chooseLevel([noLevel], weights: own) == 0)
        #expect(noLevel.rmsse(weight: 0, level: 0.2) == noLevel.rmsse(weight: 0))
        let f = DemandForecast(mean: [4, 2], sd: [1, 3], model: "ets(a,n,n)+global")
        let level = DemandForecast(mean: [2, 2], sd: [2, 1], model: "mean28")
        let mixed = GlobalModel.mixLevel(f, level: level, weight: 0.25)
        #expect(mixed.mean == [3.5, 2] && mixed.model == f.model)
        #expect(isClose(mixed.sd[0], (0.75 * 1 + 0.25 * 4).squareRoot(), 1e-12))
        #expect(isClose(mixed.sd[1], (0.75 * 9 + 0.25 * 1).squareRoot(), 1e-12))
        #expect(GlobalModel.mixLevel(f, level: level, weight: 0) == f)
    }

    @Test func seriesWithoutSalesForecastZero() {
        let f = CalendarFeatures(count: 20, firstWeekday: 0, firstDayOfYear: 1)
        let model = GlobalModel(layout: layout, coefficients: .init(repeating: 0, count: layout.columns), dispersion: 1, rows: 0)
        let out = model.forecast(DemandSeries(demand: .init(repeating: 0, count: 10), censored: .init(repeating: true, count: 10)),
                                 features: f, horizon: 5)
        #expect(out.mean == .init(repeating: 0, count: 5))
    }
}
