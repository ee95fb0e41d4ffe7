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
        /// Tweedie power p in [1, 2): 1 = Poisson.
        public var tweediePower = 1.2
        /// Row weight ω = s^power (s at the series' newest training origin): 0 = every series
        /// alike, 1 = by volume (Poisson on units; measured better on M5, and it keeps a series
        /// that sold nothing for a month, whose y/s is huge, from steering the fit).
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
    /// history) for horizon H. Nil without rows or when the system cannot be solved.
    ///
    /// `start` (one coefficient per column of `layout`; ignored otherwise) is where IRLS begins
    /// instead of the GLM start, e.g. a fit of the same layout on overlapping rows: the holdout
    /// windows' fits start from the night's own, which they differ from by a few weeks of rows,
    /// and converge in fewer steps to the same optimum (to the stopping tolerance).
    public static func fit(series: [DemandSeries], features: [CalendarFeatures], layout: GlobalLayout,
                           horizon: Int, settings: Settings = Settings(), threads: Int = 1,
                           start: [Double]? = nil) -> GlobalModel? {
        precondition(series.count == features.count, "one calendar per series")
        guard !series.isEmpty, horizon >= 1 else { return nil }
        let perSeries = max(1, settings.maxRows / max(1, series.count * horizon))
        // What every IRLS step re-reads: per series its sums and origin summaries.
        struct Prepared { var sums: HistorySums; var origins: [Int]; var summaries: [OriginSummary] }
        var prepared = [Prepared?](repeating: nil, count: series.count)
        prepared.withUnsafeMutableBufferPointer { out in
            let box = SendableBuffer(out)
            let chunks = max(1, min(series.count, threads * 4))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for i in (c * series.count / chunks)..<((c + 1) * series.count / chunks) {
                    let y = series[i]
                    guard y.count > horizon + 28 else { continue }
                    let sums = HistorySums(y)
                    let origins = trainingOrigins(n: y.count, horizon: horizon, settings: settings, limit: perSeries)
                        .filter { sums.lastSale[$0] >= 0 }
                    guard !origins.isEmpty else { continue }
                    let summaries = origins.map {
                        OriginSummary(y, sums: sums, features: features[i], origin: $0)
                    }
                    box.buffer[i] = Prepared(sums: sums, origins: origins, summaries: summaries)
                }
            }
        }
        let ready = prepared
        let p = layout.columns
        let power = settings.tweediePower
        // The design rows once (they do not depend on β), in 32 fixed groups of series: row-major
        // Float (p per row; features need no more digits), with each row's target on the unit
        // scale, the series' scale and its weight ω. Bounded by `maxRows` × (4p + 24) bytes.
        let groups = 32
        var design = [DesignRows?](repeating: nil, count: groups)
        design.withUnsafeMutableBufferPointer { out in
            let box = SendableBuffer(out)
            DispatchQueue.concurrentPerform(iterations: groups) { g in
                var rows = DesignRows(columns: p, power: power)
                var count = 0
                for i in stride(from: g, to: series.count, by: groups) { count += (ready[i]?.origins.count ?? 0) * horizon }
                rows.reserve(count)
                var row = [Double](repeating: 0, count: p)
                for i in stride(from: g, to: series.count, by: groups) {
                    guard let prep = ready[i] else { continue }
                    let y = series[i], f = features[i]
                    let omega = pow(prep.summaries[0].scale, settings.seriesWeightPower)
                    for (k, o) in prep.origins.enumerated() {
                        let summary = prep.summaries[k]
                        for h in 1...horizon where y.isObserved(o + h) {
                            row.withUnsafeMutableBufferPointer { x in
                                layout.fillRow(x.baseAddress!, rows: 1, row: 0, summary: summary, sums: prep.sums,
                                               features: f, origin: o, ahead: h, horizon: horizon)
                                rows.append(UnsafePointer(x.baseAddress!), target: max(0, y.demand[o + h]) / summary.scale,
                                            scale: summary.scale, omega: omega)
                            }
                        }
                    }
                    rows.endSeries()
                }
                box.buffer[g] = rows
            }
        }
        let rowsOf = design
        /// One pass over the rows of every `every`-th group (every `every`-th series, as series i
        /// is in group i mod `groups`) at β (nil: the GLM start, μ' = y' + 0.1): the deviance and
        /// errors at β and the weighted system of the next step from there.
        func pass(_ beta: [Double]?, every: Int) -> Pass {
            var partials = [Pass?](repeating: nil, count: groups / every)
            partials.withUnsafeMutableBufferPointer { out in
                let box = SendableBuffer(out)
                DispatchQueue.concurrentPerform(iterations: groups / every) { j in
                    let g = j * every
                    let acc = Accumulator(columns: p, block: 1024)
                    var part = Pass(columns: p)
                    // The right-hand side through a pointer of its own: no copy-on-write check per row.
                    let rhs = UnsafeMutablePointer<Double>.allocate(capacity: p)
                    rhs.initialize(repeating: 0, count: p)
                    defer { rhs.deallocate() }
                    if let rows = rowsOf[g] {
                        rows.x.withUnsafeBufferPointer { xs in (beta ?? []).withUnsafeBufferPointer { betaBuffer in
                            for n in 0..<rows.count {
                                let xr = xs.baseAddress! + n * p
                                let target = rows.target[n], omega = rows.omega[n]
                                var eta: Double
                                if beta != nil {
                                    eta = GlobalModel.dot(xr, betaBuffer.baseAddress!, p)
                                    eta = min(12, max(-20, eta))
                                } else {
                                    eta = log(target + 0.1)
                                }
                                let mu = exp(eta)
                                // μ^(1−p) from η (one exp, not a pow: this loop runs over every row of every pass).
                                let muPow = power == 1 ? 1 : exp((1 - power) * eta)
                                // From β: Newton's weight, the deviance's own curvature in η,
                                // ω·μ^(1−p)·((2−p)μ + (p−1)y) (positive for 1 ≤ p < 2), which converges
                                // quadratically where Fisher's ω·μ^(2−p) (its expectation) is linear
                                // for p > 1. From the GLM start: Fisher's, the regression of z.
                                let w = beta == nil ? omega * mu * muPow
                                    : omega * muPow * ((2 - power) * mu + (power - 1) * target)
                                // The Gram block in Float (BLAS ssyrk); the right-hand side exactly, in
                                // Double from the Float design row: with β given it is the gradient
                                // XᵀW(z − η), so the inexact Gram changes the steps, not the optimum.
                                let root = w.squareRoot()
                                let out = acc.nextRow()
                                for c in 0..<p { out[c] = Float(Double(xr[c]) * root) }
                                let k = beta == nil ? w * ((target - mu) / mu + eta) : omega * muPow * (target - mu)
                                for c in 0..<p { rhs[c] += Double(xr[c]) * k }
                                part.rows += 1
                                part.weight += omega
                                if power == 1 {
                                    part.deviance += omega * GlobalModel.deviance(target, mu, power: 1)
                                } else {
                                    // ``deviance(_:_:power:)`` with y^(2−p)/((1−p)(2−p)) precomputed per row.
                                    part.deviance += omega * 2 * (rows.devianceConstant[n] - target * muPow / (1 - power)
                                                                  + mu * muPow / (2 - power))
                                }
                                if acc.full { acc.flush(into: &part.gram) }
                            }
                        } }
                    }
                    for c in 0..<p { part.rhs[c] = rhs[c] }
                    acc.flush(into: &part.gram)
                    box.buffer[j] = part
                }
            }
            var total = Pass(columns: p)
            for part in partials { if let part { total.add(part) } }
            return total
        }
        /// The next β: from `beta` (whose pass made `system`) the Newton step
        /// (G̃ + Λ)Δ = ∇ − Λβ with ∇ = XᵀW(z − η) exact, so a fixed point is the exact penalised
        /// optimum, with Newton's decrement Δᵀ(∇ − Λβ) (the deviance the step saves on the
        /// quadratic model); without `beta` (the GLM start) the weighted least-squares fit of z
        /// itself (decrement 0).
        func solve(_ system: Pass, from beta: [Double]?) -> (beta: [Double], decrement: Double)? {
            var gram = system.gram
            // The passes fill the lower triangle only.
            for j in 1..<p { for i in 0..<j { gram[i + j * p] = gram[j + i * p] } }
            var penalty = [Double](repeating: settings.ridge * system.weight / Double(system.rows), count: p)
            let perDay = system.weight / Double(settings.maxBackDays + horizon)
            for j in layout.eventDay..<p { penalty[j] += settings.eventRidge * perDay }
            penalty[0] = 1e-9 * system.weight
            for j in 0..<p { gram[j * p + j] += penalty[j] }
            var rhs = system.rhs
            if let beta { for j in 0..<p { rhs[j] -= penalty[j] * beta[j] } }
            guard let m = try? Matrix(rows: p, columns: p, elements: gram),
                  var next = try? choleskySolve(m, rhs) else { return nil }
            var decrement = 0.0
            if let beta {
                for j in 0..<p { decrement += next[j] * rhs[j] }
                for j in 0..<p { next[j] += beta[j] }
            }
            return next.allSatisfy(\.isFinite) ? (next, decrement) : nil
        }
        /// IRLS on every `every`-th group from `start` (nil: the GLM start): β and its pass.
        func irls(every: Int, from start: [Double]?) -> (beta: [Double], pass: Pass)? {
            var beta: [Double]
            if let start {
                beta = start
            } else {
                let initial = pass(nil, every: every)
                guard initial.rows > p, let first = solve(initial, from: nil) else { return nil }
                beta = first.beta
            }
            var current = pass(beta, every: every)
            guard current.rows > p else { return nil }
            for _ in 0..<max(1, settings.iterations) {
                guard let step = solve(current, from: beta) else { break }
                var next = step.beta
                // Newton's decrement below the tolerance: the fit is at its optimum, no trial pass.
                let predicted = step.decrement
                if predicted <= settings.tolerance * current.deviance { break }
                // The trial builds its own system too: accepted (the usual case), it is the next
                // step's, so a step costs one pass over the rows, not a scoring pass and a system pass.
                var trial = pass(next, every: every)
                // At the optimum a step only moves the deviance by rounding: stop, do not halve.
                if abs(trial.deviance - current.deviance) <= 1e-9 * current.deviance {
                    if trial.deviance < current.deviance { beta = next; current = trial }
                    break
                }
                // Step halving while the deviance rises (Newton's method can overshoot). A step
                // that should save less than 10 × the tolerance and does not is at the noise of
                // the Float Gram: stop there rather than halve it six times.
                var halvings = 0
                let halvable = predicted > 10 * settings.tolerance * current.deviance
                while trial.deviance > current.deviance * (1 + 1e-12) && halvings < 6 && halvable {
                    for j in 0..<p { next[j] = 0.5 * (next[j] + beta[j]) }
                    trial = pass(next, every: every)
                    halvings += 1
                }
                if trial.deviance > current.deviance { break }
                let improvement = (current.deviance - trial.deviance) / max(1e-300, current.deviance)
                beta = next
                current = trial
                if improvement < 1e-6 { break }
            }
            return (beta, current)
        }
        var begin: [Double]? = nil
        if let start, start.count == p, start.allSatisfy(\.isFinite) {
            begin = start
        } else {
            // A cold fit starts from the fit of every 16th series, then every 4th, on the rows
            // already built (each level with at least ``Settings/coarseStartSeries`` series): a
            // subset lands near the optimum in cheap passes, so the full fit takes the few steps
            // of a warm start (the optimum is the same, to the tolerance).
            for every in [16, 4] where series.count / every >= Settings.coarseStartSeries {
                if let coarse = irls(every: every, from: begin) { begin = coarse.beta }
            }
        }
        guard let (beta, current) = irls(every: 1, from: begin) else { return nil }
        let dispersion = GlobalModel.typicalDispersion(rowsOf, beta: beta, power: power) ?? 1
        let totalRows = current.rows
        var model = GlobalModel(layout: layout, coefficients: beta, dispersion: dispersion, rows: totalRows)
        model.power = power
        return model
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
        precondition(local.mean.count == global.mean.count, "one horizon")
        guard w > 0 else { return local }
        var out = local
        for h in 0..<local.mean.count {
            out.mean[h] = (1 - w) * local.mean[h] + w * global.mean[h]
            out.sd[h] = ((1 - w) * local.sd[h] * local.sd[h] + w * global.sd[h] * global.sd[h]).squareRoot()
        }
        out.model = local.model + GlobalModel.suffix
        return out
    }

    /// The series' forecast with the cross-series one at this model's ``weights`` for its class,
    /// its quantiles read through ``quantileCalibration``.
    public func combine(local: DemandForecast, global: DemandForecast, demandClass: DemandClass) -> DemandForecast {
        var f = GlobalModel.combine(local: local, global: global, weight: weights.weight(for: demandClass))
        f.calibration = quantileCalibration.map(for: f.mean)
        f.intervalCalibration = intervalCalibration.map(for: f.mean)
        return f
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

/// The sums of one pass over the training rows.
struct Pass {
    /// XᵀWX (p × p, column-major; lower triangle) and XᵀWz (the GLM start) or XᵀW(z − η) (the
    /// gradient, at a given β).
    var gram: [Double]
    var rhs: [Double]
    var rows = 0
    /// Σω and the deviance Σω·d(y', μ').
    var weight = 0.0, deviance = 0.0

    init(columns p: Int) {
        gram = [Double](repeating: 0, count: p * p)
        rhs = [Double](repeating: 0, count: p)
    }

    mutating func add(_ o: Pass) {
        for j in 0..<gram.count { gram[j] += o.gram[j] }
        for j in 0..<rhs.count { rhs[j] += o.rhs[j] }
        rows += o.rows; weight += o.weight; deviance += o.deviance
    }
}

extension GlobalModel {
    /// The overdispersion φ of a typical training series at β: each series' own
    /// Σ(y − μ)² / Σμ^p over its rows (units), and their median weighted by Σμ^p. The pooled
    /// ratio over every row lets one series steer it: on M5 one item whose price fell to 29 %
    /// of its regular price for a few weeks was predicted at thousands of times its level on
    /// those days, and the pooled φ went from about 3.5 to 57, widening every series' interval.
    /// Nil without rows. Deterministic: ties in φ are ordered by group and position.
    static func typicalDispersion(_ groups: [DesignRows?], beta: [Double], power: Double) -> Double? {
        var perSeries: [(phi: Double, weight: Double)] = []
        for rows in groups {
            guard let rows else { continue }
            rows.x.withUnsafeBufferPointer { xs in beta.withUnsafeBufferPointer { b in
                var start = 0
                for end in rows.seriesEnds {
                    var squared = 0.0, spread = 0.0
                    for n in start..<end {
                        let eta = min(12, max(-20, GlobalModel.dot(xs.baseAddress! + n * rows.columns, b.baseAddress!, rows.columns)))
                        let m = exp(eta) * rows.scale[n]
                        let e = rows.target[n] * rows.scale[n] - m
                        squared += e * e
                        spread += power == 1 ? m : pow(m, power)
                    }
                    if spread > 0 { perSeries.append((squared / spread, spread)) }
                    start = end
                }
            } }
        }
        guard !perSeries.isEmpty else { return nil }
        let total = perSeries.reduce(0) { $0 + $1.weight }
        var order = Array(perSeries.indices)
        order.sort { perSeries[$0].phi != perSeries[$1].phi ? perSeries[$0].phi < perSeries[$1].phi : $0 < $1 }
        var running = 0.0
        for i in order {
            running += perSeries[i].weight
            if running >= total / 2 { return max(1, perSeries[i].phi) }
        }
        return max(1, perSeries[order.last!].phi)
    }

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

/// One group's training rows of the cross-series fit, as fixed before the first IRLS step.
struct DesignRows {
    let columns: Int
    /// Row-major, `count × columns`.
    var x: [Float] = []
    /// y/s on the unit scale, the series' scale s (units/day) and its row weight ω, per row.
    var target: [Double] = [], scale: [Double] = [], omega: [Double] = []
    /// Per row, for a Tweedie power p ≠ 1: y'^(2−p)/((1−p)(2−p)) (the deviance's constant term).
    var devianceConstant: [Double] = []
    /// The Tweedie power the rows are prepared for.
    let power: Double

    init(columns: Int, power: Double = 1) {
        self.columns = columns
        self.power = power
    }

    var count: Int { target.count }

    mutating func reserve(_ rows: Int) {
        x.reserveCapacity(rows * columns)
        target.reserveCapacity(rows); scale.reserveCapacity(rows); omega.reserveCapacity(rows)
        if power != 1 { devianceConstant.reserveCapacity(rows) }
    }

    /// Row index where each series' rows end, in the order they were appended.
    var seriesEnds: [Int] = []

    /// Closes the rows of one series (``seriesEnds``).
    mutating func endSeries() { if count > (seriesEnds.last ?? 0) { seriesEnds.append(count) } }

    /// Appends one row (`columns` values, stored as Float) with its target y' = y/s, scale s
    /// and weight ω.
    mutating func append(_ row: UnsafePointer<Double>, target t: Double, scale s: Double, omega w: Double) {
        // Grown once and written through one pointer: not an append (and its checks) per value.
        let start = x.count
        x.append(contentsOf: repeatElement(0, count: columns))
        x.withUnsafeMutableBufferPointer { b in for c in 0..<columns { b[start + c] = Float(row[c]) } }
        target.append(t); scale.append(s); omega.append(w)
        if power != 1 {
            devianceConstant.append(t == 0 ? 0 : pow(t, 2 - power) / ((1 - power) * (2 - power)))
        }
    }
}

/// A block of weighted design rows (row-major, `block × columns`), added to XᵀWX (lower
/// triangle) through BLAS when full. A class over raw storage, so filling a row is a pointer
/// write with no copy-on-write check (one block per thread, never shared).
final class Accumulator {
    let columns: Int
    let block: Int
    /// Weighted rows, row-major `block × columns`, Float (the Gram only steers the Newton steps).
    private let storage: UnsafeMutablePointer<Float>
    /// The block's XᵀX (Float, lower triangle), before it is added to the Double sum.
    private let blockGram: UnsafeMutablePointer<Float>
    private(set) var used = 0

    init(columns: Int, block: Int) {
        self.columns = columns
        self.block = block
        storage = .allocate(capacity: columns * block)
        storage.initialize(repeating: 0, count: columns * block)
        blockGram = .allocate(capacity: columns * columns)
        blockGram.initialize(repeating: 0, count: columns * columns)
    }

    deinit {
        storage.deallocate()
        blockGram.deallocate()
    }

    var full: Bool { used == block }

    /// The next row of the block (`columns` Floats to fill).
    func nextRow() -> UnsafeMutablePointer<Float> { used += 1; return storage + (used - 1) * columns }

    /// Adds the used rows' XᵀX to `gram`'s lower triangle (p × p, Double), then empties the block.
    func flush(into gram: inout [Double]) {
        guard used > 0 else { return }
        let rows = used, p = columns
        gram.withUnsafeMutableBufferPointer { g in
            try? accumulateGram(rowMajor: storage, rows: rows, columns: p, scratch: blockGram, gram: g.baseAddress!)
        }
        used = 0
    }
}

/// Lets concurrent iterations write disjoint slots of one buffer.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}
