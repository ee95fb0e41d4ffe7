import Dispatch
import Foundation
import LinearAlgebra

/// One regression fitted across many series: what a single series cannot learn alone (how
/// demand on a day relates to the recent levels over several windows, the weekday, the events,
/// promotion and price, the time since the last sale), learnt from all of them at once.
///
/// Model (log link, the series' recent level s as offset; rows from ``GlobalLayout``):
/// E[y_{o+h}] = s_o · exp(x_{o,h}ᵀβ). The target is scaled per series (y/s), so every series
/// counts alike whatever its volume (with ``Settings/seriesWeightPower`` > 0, larger series
/// count more). The loss is Tweedie's with power p (1 = Poisson), minimised by iteratively
/// reweighted least squares: the start solves (XᵀWX + Λ)β = XᵀWz through LAPACK's Cholesky,
/// z = η + (y' − μ')/μ', w = ω·μ'^(2−p) (Fisher's weights); each later step is Newton's,
/// (XᵀW̃X + Λ)Δ = XᵀWu − Λβ with the observed curvature w̃ = ω·μ'^(1−p)·((2−p)μ' + (p−1)y')
/// (positive for 1 ≤ p < 2; Fisher's weight is its expectation) and the exact gradient
/// u = (y' − μ')/μ', until Newton's decrement is below ``Settings/tolerance``. Training rows
/// are cut from each series' own history at origins every ``Settings/originStep`` days back
/// from H days before its end, each with the H days after it, so the model forecasts every day
/// of the horizon directly.
///
/// Determinism: rows are accumulated in fixed groups of series, summed in group order, so the
/// fit is the same bits whatever the thread count.
public struct GlobalModel: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Tweedie power p in [1, 2): 1 = Poisson. Measured on M5 (6 folds, pooled WRMSSE of
        /// restock / the cross-series model alone): p = 1.0 0.9265 / 0.9651, 1.2 0.9246 / 0.9531,
        /// 1.5 0.9229 / 0.9455, 1.7 0.9226 / 0.9436, 1.85 0.9228 / 0.9431; but Rossmann's WAPE
        /// rises from 0.1261 at 1.2 to 0.1363 at 1.5. Choosing between 1.2 and 1.5 per run on
        /// the calibration's holdout windows (lowest dollar-weighted RMSSE) gave M5 0.9229 and
        /// still Rossmann 0.1317: the holdouts' margins (0.1–0.4 % on M5, −2.0 … +0.4 % on
        /// Rossmann) do not separate the cases, so one power for every run.
        public var tweediePower = 1.2
        /// Row weight ω = s^power (s at the series' newest training origin): 0 = every series
        /// alike, 1 = by volume (Poisson on units; measured better on M5 — 0.5 gave WRMSSE
        /// 0.9342 against 0.9246 — and it keeps a series that sold nothing for a month, whose
        /// y/s is huge, from steering the fit).
        public var seriesWeightPower = 1.0
        /// Ridge penalty per coefficient (intercept exempt), in rows of mean weight.
        public var ridge = 10.0
        /// Ridge penalty of an event column, in training days' worth of rows: every series sees an
        /// event on the same days, so a chain-wide shock on one of them looks like a strong
        /// effect over many rows; an event earns its effect only over several occurrences.
        public var eventRidge = 10.0
        /// Most training rows (series × origins × horizon); fewer origins per series beyond it,
        /// spread over the whole history (seasons are learnt from every year there is: on M5,
        /// two years of origins gave WRMSSE 0.955 for the combination, five years 0.939; weighting
        /// recent origins more, with a half-life of 182 or 365 days, measured worse).
        public var maxRows = 800_000
        /// Least days between training origins (rounded down to whole weeks when the row budget
        /// spreads them further, so every origin falls on the same weekday).
        public var originStep = 28
        /// How far back the oldest training origin may lie, days.
        public var maxBackDays = 3650
        /// IRLS steps at most.
        public var iterations = 8
        /// The fit stops when a step would save less than this share of the deviance (Newton's
        /// decrement): on M5, 1e-5 scores the same to four digits as running every step out,
        /// with 43 % fewer passes over the rows (97 against 170 in a 6-fold backtest).
        public var tolerance = 1e-5
        /// Fewest series a coarse start's subset (every 16th or 4th series) is fitted on.
        public static let coarseStartSeries = 16
        public init() {}
    }

    public let layout: GlobalLayout
    /// β, `layout.columns` elements.
    public let coefficients: [Double]
    /// Overdispersion φ of the fit (Var(y) = φ·μ^p in units): the typical training series' own
    /// Σ(y − μ)² / Σμ^p (``typicalDispersion(_:beta:power:)``), at least 1.
    public let dispersion: Double
    /// Variance power p of the fit: Var(y) = φ·μ^p.
    public var power = 1.0
    /// Rows the model was fitted on.
    public let rows: Int
    /// Weight of this model in each series' forecast, by demand class (``combine(local:global:demandClass:)``).
    public var weights: CombinationWeights = .even
    /// Weight of the series' 28-day mean in its forecast after the combination (chosen on the
    /// same holdout windows, ``CombinationWeights/chooseLevel(_:weights:grid:)``; 0 = none).
    public var levelWeight = 0.0
    /// How the combined forecasts' quantiles are read, by band of forecast level (learned with
    /// ``weights`` on the same holdout windows; ``QuantileCalibrationBands/identity`` when not learned).
    public var quantileCalibration = QuantileCalibrationBands.identity
    /// How the combined forecasts' intervals are read (learned on the same windows for coverage;
    /// ``QuantileCalibrationBands/identity`` when not learned: intervals then read the quantiles).
    public var intervalCalibration = QuantileCalibrationBands.identity

    public init(layout: GlobalLayout, coefficients: [Double], dispersion: Double, rows: Int) {
        precondition(coefficients.count == layout.columns, "one coefficient per column")
        self.layout = layout
        self.coefficients = coefficients
        self.dispersion = dispersion
        self.rows = rows
    }

    /// Training origins of a history of n days for horizon H: every `originStep` days (more when
    /// `limit` origins cannot cover the span) back from n − 1 − H, at least 27 days in and at most
    /// `maxBackDays` before the first; at most `limit`.
    static func trainingOrigins(n: Int, horizon: Int, settings: Settings, limit: Int) -> [Int] {
        var origins: [Int] = []
        let newest = n - 1 - horizon
        let oldest = max(27, newest - settings.maxBackDays)
        guard newest >= oldest, limit >= 1 else { return [] }
        var step = max(1, settings.originStep)
        if (newest - oldest) / step + 1 > limit {
            // Spread the origins the budget allows over the whole span, in whole weeks.
            step = max(step, (newest - oldest) / max(1, limit - 1) / 7 * 7)
        }
        var o = newest
        while o >= oldest && origins.count < limit {
            origins.append(o)
            o -= step
        }
        return origins
    }

    /// Fits the model on `series` (each with its calendar `features`, covering at least its
    /// history) for horizon H: ``Training`` on every row, fitted once. Nil without rows or when
    /// the system cannot be solved.
    ///
    /// `start` (one coefficient per column of `layout`; ignored otherwise) is where IRLS begins
    /// instead of the coarse cold start, e.g. a fit of the same layout on overlapping rows.
    public static func fit(series: [DemandSeries], features: [CalendarFeatures], layout: GlobalLayout,
                           horizon: Int, settings: Settings = Settings(), threads: Int = 1,
                           start: [Double]? = nil) -> GlobalModel? {
        Training(series: series, features: features, layout: layout, horizon: horizon, settings: settings,
                 threads: threads)?.fit(start: start)
    }

    /// Forecast of `y` (its last day is the origin) over `horizon` days; `features` covers the
    /// history and the horizon. The sd is √(φ·μ) with φ the series' own overdispersion over its
    /// last four training origins, shrunk toward the fit's (``dispersion``), at least 1.
    public func forecast(_ y: DemandSeries, features f: CalendarFeatures, horizon: Int) -> DemandForecast {
        let n = y.count
        guard n > 0, y.observedCount > 0, f.count >= n + horizon else {
            return DemandForecast(mean: .init(repeating: 0, count: horizon), sd: .init(repeating: 0, count: horizon),
                                  model: "global")
        }
        let sums = HistorySums(y)
        let p = layout.columns
        var row = [Double](repeating: 0, count: p)
        func predict(origin o: Int, ahead h: Int, summary: OriginSummary, span: Int) -> Double {
            row.withUnsafeMutableBufferPointer { x in
                layout.fillRow(x.baseAddress!, rows: 1, row: 0, summary: summary, sums: sums, features: f,
                               origin: o, ahead: h, horizon: span)
                var eta = 0.0
                for c in 0..<p { eta += x[c] * coefficients[c] }
                return summary.scale * exp(min(12, max(-20, eta)))
            }
        }
        let summary = OriginSummary(y, sums: sums, features: f, origin: n - 1)
        var mean = [Double](repeating: 0, count: horizon)
        for h in 1...horizon { mean[h - 1] = predict(origin: n - 1, ahead: h, summary: summary, span: horizon) }
        // The series' own overdispersion, from its recent history.
        var sq = 0.0, mu = 0.0
        let power = self.power
        let back = GlobalModel.trainingOrigins(n: n, horizon: horizon, settings: Settings(), limit: 4)
        for o in back where sums.lastSale[o] >= 0 {
            let s = OriginSummary(y, sums: sums, features: f, origin: o)
            for h in 1...horizon where y.isObserved(o + h) {
                let m = predict(origin: o, ahead: h, summary: s, span: horizon)
                let e = max(0, y.demand[o + h]) - m
                sq += e * e; mu += pow(m, power)
            }
        }
        let prior = 28 * pow(max(summary.scale, 1e-3), power)
        let phi = max(1, (sq + dispersion * prior) / (mu + prior))
        return DemandForecast(mean: mean, sd: mean.map { (phi * pow($0, power)).squareRoot() }, model: "global")
    }
}

extension GlobalModel {
    /// The equal-weight average of a series' own model and the cross-series one (combinations
    /// beat selection in the M4 and M5 competitions, and measured better than either alone on
    /// the M5 and Rossmann backtests): mean (m₁ + m₂)/2, sd √((s₁² + s₂²)/2), model name
    /// `<local>+global`.
    public static func combine(local: DemandForecast, global: DemandForecast) -> DemandForecast {
        combine(local: local, global: global, weight: 0.5)
    }

    /// The series' own forecast and the cross-series one mixed with weight w in [0, 1] on the
    /// cross-series model: mean (1 − w)·local + w·global, variance the same mixture of the two
    /// variances. w = 0 returns `local` unchanged (its model name too); otherwise the model name
    /// is the local one with ``suffix``.
    public static func combine(local: DemandForecast, global: DemandForecast, weight w: Double) -> DemandForecast {
        guard w > 0 else { return local }
        var out = mixLevel(local, level: global, weight: w)
        out.model = local.model + GlobalModel.suffix
        return out
    }

    /// The series' forecast with the cross-series one at this model's ``weights`` for its class,
    /// then with `level` (the mean of its last 28 days, ``MovingAverage``) at ``levelWeight``
    /// (``mixLevel(_:level:weight:)``), its quantiles read through ``quantileCalibration``.
    public func combine(local: DemandForecast, global: DemandForecast, demandClass: DemandClass,
                        level: DemandForecast? = nil) -> DemandForecast {
        var f = GlobalModel.combine(local: local, global: global, weight: weights.weight(for: demandClass))
        if let level { f = GlobalModel.mixLevel(f, level: level, weight: levelWeight) }
        f.calibration = quantileCalibration.map(for: f.mean)
        f.intervalCalibration = intervalCalibration.map(for: f.mean)
        return f
    }

    /// `forecast` mixed with `level` at weight m in [0, 1]: mean (1 − m)·forecast + m·level,
    /// variance the same mixture of the two variances; m = 0 returns `forecast` unchanged. The
    /// model name stays the forecast's. (The mixture ``combine(local:global:weight:)`` makes too.)
    /// A day `forecast` holds certain to be 0 (mean and sd 0: a day the series is closed,
    /// ``ClosedDays``) stays 0: closed is a fact of the day, not a guess to average (on Rossmann
    /// the cross-series model put a fifth of a store's level on Good Friday and Easter Monday,
    /// and 388 closed store-days fell under the 95 % interval).
    public static func mixLevel(_ forecast: DemandForecast, level: DemandForecast, weight m: Double) -> DemandForecast {
        precondition(forecast.mean.count == level.mean.count, "one horizon")
        guard m > 0 else { return forecast }
        var out = forecast
        for h in 0..<forecast.mean.count where !DemandForecast.isCertainZero(mean: forecast.mean[h], sd: forecast.sd[h]) {
            out.mean[h] = (1 - m) * forecast.mean[h] + m * level.mean[h]
            out.sd[h] = ((1 - m) * forecast.sd[h] * forecast.sd[h] + m * level.sd[h] * level.sd[h]).squareRoot()
        }
        return out
    }

    /// Model-name suffix of a forecast averaged with the cross-series model.
    public static let suffix = "+global"

    /// The series' own method in a model name: `name` without the ``suffix``.
    public static func ownModel(of name: String) -> String {
        name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
    }
}

extension GlobalLayout {
    /// Fills row `r` of a column-major block with leading dimension `rows` for target day
    /// o + h of a series (summary at its origin o, horizon H).
    @inline(__always)
    func fillRow(_ x: UnsafeMutablePointer<Double>, rows: Int, row r: Int, summary s: OriginSummary, sums: HistorySums,
                 features f: CalendarFeatures, origin o: Int, ahead h: Int, horizon: Int) {
        for c in 0..<columns { x[c * rows + r] = 0 }
        @inline(__always) func set(_ c: Int, _ v: Double) { x[c * rows + r] = v }
        let t = o + h
        set(GlobalLayout.intercept, 1)
        let wd = (f.firstWeekday + t) % 7
        if wd > 0 { set(GlobalLayout.weekday + wd - 1, 1) }
        set(GlobalLayout.ownWeekday, s.weekdayProfile[wd])
        for k in 0..<GlobalLayout.windows.count { set(GlobalLayout.levels + k, s.levelRatios[k]) }
        set(GlobalLayout.zeroShare, s.zeroShare)
        set(GlobalLayout.sinceSale, s.sinceSale)
        let ahead = Double(h) / Double(horizon)
        set(GlobalLayout.horizon, ahead)
        set(GlobalLayout.horizonLong, ahead * s.levelRatios[5])
        set(GlobalLayout.horizonShort, ahead * s.levelRatios[0])
        if let base = s.yearAgoBase {
            let then = sums.mean(t - 367, min(t - 361, o)).mean
            let c = 0.1 * s.longMean + 0.01
            set(GlobalLayout.yearAgo, min(3, max(-3, log((then + c) / (base + c)))))
        } else {
            set(GlobalLayout.noYearAgo, 1)
        }
        fourier(x, rows: rows, row: r, column: GlobalLayout.fourier, day: f.firstDayOfYear - 1 + t)
        for j in 0..<(2 * EffectLayout.fourierPairs) { x[(GlobalLayout.fourier + j) * rows + r] -= s.fourierMean[j] }
        set(GlobalLayout.price, f.modelledLogPrice(t))
        set(GlobalLayout.priceChange, f.modelledLogPrice(t) - s.meanLogPrice)
        set(GlobalLayout.promoShare, s.promoShare)
        var band = 0
        while band < GlobalLayout.volumeBands.count && s.scale >= GlobalLayout.volumeBands[band] { band += 1 }
        if band < GlobalLayout.volumeBands.count {
            set(GlobalLayout.volumeBand + band, 1)
            set(GlobalLayout.volumeBand + 2 + band, s.levelRatios[5])
            set(GlobalLayout.volumeBand + 4 + band, s.levelRatios[0])
        }
        let n = f.count
        let type = f.promoType[t]
        if type >= 0 {
            set(GlobalLayout.ownPromoLift, s.promoLift)
            set(promo + Int(type), 1)
            set(discount, f.discount[t])
        } else {
            var k = 1
            while k <= EffectLayout.preDays && t + k < n {
                if f.promoType[t + k] >= 0 { set(prePromo, 1); break }
                k += 1
            }
            k = 1
            while k <= EffectLayout.postDays && t - k >= 0 {
                if f.promoType[t - k] >= 0 { set(postPromo, 1); break }
                k += 1
            }
        }
        let e = f.event[t]
        if e >= 0 { set(eventDay + Int(e), 1) }
    }

    @inline(__always)
    private func fourier(_ x: UnsafeMutablePointer<Double>, rows: Int, row r: Int, column: Int, day: Int) {
        if day >= 0 && day < FourierTable.days {
            let base = day * 2 * EffectLayout.fourierPairs
            for j in 0..<(2 * EffectLayout.fourierPairs) { x[(column + j) * rows + r] = FourierTable.values[base + j] }
        } else {
            FourierTable.terms(day: day) { j, v in x[(column + j) * rows + r] = v }
        }
    }
}

extension GlobalModel {
    /// Σ x[c]·β[c] over c < p, in four interleaved partial sums (fixed order: the same bits on
    /// every run) so the loop pipelines; x is a Float design row, the sum is in Double.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ beta: UnsafePointer<Double>, _ p: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var c = 0
        while c + 4 <= p {
            s0 += Double(x[c]) * beta[c]
            s1 += Double(x[c + 1]) * beta[c + 1]
            s2 += Double(x[c + 2]) * beta[c + 2]
            s3 += Double(x[c + 3]) * beta[c + 3]
            c += 4
        }
        while c < p { s0 += Double(x[c]) * beta[c]; c += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Unit Tweedie deviance of y ≥ 0 at mean μ > 0 with power p (1 = Poisson, 1 < p < 2).
    @inline(__always)
    static func deviance(_ y: Double, _ mu: Double, power p: Double) -> Double {
        if p == 1 { return 2 * ((y > 0 ? y * log(y / mu) : 0) - (y - mu)) }
        return 2 * (pow(y, 2 - p) / ((1 - p) * (2 - p)) - y * pow(mu, 1 - p) / (1 - p) + pow(mu, 2 - p) / (2 - p))
    }
}
