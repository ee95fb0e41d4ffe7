/// What the M5 metrics need to know about one series' training history (up to the origin).
///
/// Both scales start at the series' first non-zero sale (earlier zeros are before the item was
/// on sale, as in M5) and use a one-day change y_t − y_{t−1} only when days t and t−1 are both
/// observed (not stock-outs). The weight is the series' dollar sales over the last `weightDays`
/// days of the history.
public struct CompetitionScales: Sendable, Equatable {
    /// Mean squared one-day change, units²: the RMSSE scale of WRMSSE (0 when there is none).
    public var mse: Double
    /// Mean absolute one-day change, units: the scale of WSPL (0 when there is none).
    public var mae: Double
    /// Σ quantity × price over the last `weightDays` days, in the currency of `price` (units
    /// when there is no price), ≥ 0.
    public var weight: Double

    public init(mse: Double, mae: Double, weight: Double) {
        self.mse = mse
        self.mae = mae
        self.weight = weight
    }

    /// Days of dollar sales in the weight, as in M5 (the last 28 days before the origin).
    public static let weightDays = 28

    /// Scales and weight of a training history. `price[t]` is day t's selling price (NaN where
    /// unknown), `train.count` elements, or empty when the data has no price (the weight is
    /// then units sold).
    public static func of(_ train: DemandSeries, price: [Float], weightDays: Int = weightDays) -> CompetitionScales {
        let s = changeScales(train)
        return CompetitionScales(mse: s.mse, mae: s.mae, weight: dollarSales(train.demand, price: price, days: weightDays))
    }

    /// Mean squared and mean absolute one-day change since the first day with demand > 0,
    /// observed pairs of days only.
    public static func changeScales(_ train: DemandSeries) -> (mse: Double, mae: Double) {
        var first = 0
        while first < train.count && !(train.demand[first] > 0) { first += 1 }
        var sq = 0.0, ab = 0.0, n = 0
        var t = first + 1
        while t < train.count {
            if train.isObserved(t) && train.isObserved(t - 1) {
                let d = train.demand[t] - train.demand[t - 1]
                sq += d * d; ab += abs(d); n += 1
            }
            t += 1
        }
        return n > 0 ? (sq / Double(n), ab / Double(n)) : (0, 0)
    }

    /// Σ quantity[t] × price[t] over the last `days` days (all days, stock-outs included: they
    /// are still sales). A day whose price is unknown (NaN) takes the latest known price on or
    /// before it, from anywhere in the history; a day with no known price yet adds nothing.
    /// With `price` empty, Σ quantity[t].
    public static func dollarSales(_ quantity: [Double], price: [Float], days: Int) -> Double {
        let start = max(0, quantity.count - days)
        var total = 0.0
        guard !price.isEmpty else {
            for t in start..<quantity.count { total += quantity[t] }
            return total
        }
        precondition(price.count == quantity.count, "price must match quantity")
        var last = Double.nan
        var back = start - 1
        while back >= 0 && last.isNaN { if !price[back].isNaN { last = Double(price[back]) }; back -= 1 }
        for t in start..<quantity.count {
            if !price[t].isNaN { last = Double(price[t]) }
            if !last.isNaN { total += quantity[t] * last }
        }
        return total
    }
}

/// Accumulates the M5 competition's metrics (Makridakis, Spiliotis & Assimakopoulos 2022, "M5
/// accuracy competition", IJF 38(4); Makridakis et al. 2022, "The M5 uncertainty competition",
/// IJF 38(4)) over many series of one fold (or of all folds) and one segment. Per series i, over its n_i scored
/// days (`include`) of forecast error e = ŷ − y:
/// - WRMSSE = Σ w_i·RMSSE_i / Σ w_i, RMSSE_i = √((Σ e² / n_i) / mse_i), `mse_i` from
///   ``CompetitionScales`` (since the first sale, not the whole history as `AccuracyMetrics.rmsse`);
/// - WSPL = Σ w_i·SPL_i / Σ w_i, SPL_i = (Σ_days Σ_k pinball(y, q_k, τ_k)) / (9·n_i) / mae_i over
///   the nine ``quantileLevels`` τ_k;
/// - RMSPE = √(mean of ((ŷ − y)/y)² over every scored day with y > 0, pooled over the series).
///
/// w_i is the series' dollar sales before the origin; across folds each (fold, series) pair
/// keeps its own fold's weight. A series whose scale or weight is 0 adds nothing to WRMSSE/WSPL,
/// so the weights are normalised over the series that do. Metrics with nothing to average are NaN.
public struct CompetitionMetrics: Sendable {
    /// The M5 uncertainty track's quantiles: the median and the 50, 67, 95 and 99 % central intervals.
    public static let quantileLevels: [Double] = [0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995]

    /// Series (or aggregates) with at least one scored day, and their scored days.
    public private(set) var series = 0
    public private(set) var days = 0
    private var rmsseWeighted = 0.0, rmsseWeight = 0.0
    private var splWeighted = 0.0, splWeight = 0.0
    private var percentSquares = 0.0, percentDays = 0

    public init() {}

    /// Adds one series' scored days: `actual[h]`, forecast `mean[h]`, its quantiles (row-major
    /// `actual.count × quantileLevels.count`, element h·9 + k at `quantileLevels[k]`, e.g. from
    /// ``DemandForecast/quantiles(_:)``), which days to score and the series' scales and weight.
    public mutating func add(actual: [Double], mean: [Double], quantiles: [Double], include: [Bool],
                             scales: CompetitionScales) {
        let levels = CompetitionMetrics.quantileLevels
        let p = levels.count
        precondition(quantiles.count == actual.count * p, "quantiles must be horizon × quantileLevels.count")
        var sq = 0.0, pinball = 0.0, n = 0
        for h in 0..<actual.count where include[h] {
            let y = actual[h], e = mean[h] - y
            sq += e * e; n += 1
            if y > 0 { let r = e / y; percentSquares += r * r; percentDays += 1 }
            for k in 0..<p { pinball += AccuracyMetrics.pinball(y, quantiles[h * p + k], levels[k]) }
        }
        guard n > 0 else { return }
        record(n: n, squaredErrors: sq, scales: scales)
        if scales.mae > 0 && scales.weight > 0 {
            splWeighted += scales.weight * (pinball / Double(n * p) / scales.mae)
            splWeight += scales.weight
        }
    }

    /// Adds one aggregate series (a sum of series, e.g. all of a location's) to WRMSSE only:
    /// its summed actuals and forecast means, the days scored, its own scales and weight.
    public mutating func addAggregate(actual: [Double], mean: [Double], include: [Bool], scales: CompetitionScales) {
        var sq = 0.0, n = 0
        for h in 0..<actual.count where include[h] {
            let e = mean[h] - actual[h]
            sq += e * e; n += 1
        }
        guard n > 0 else { return }
        record(n: n, squaredErrors: sq, scales: scales)
    }

    private mutating func record(n: Int, squaredErrors sq: Double, scales: CompetitionScales) {
        series += 1
        days += n
        if scales.mse > 0 && scales.weight > 0 {
            rmsseWeighted += scales.weight * (sq / Double(n) / scales.mse).squareRoot()
            rmsseWeight += scales.weight
        }
    }

    /// Adds everything `other` accumulated (e.g. a fold's aggregates into the all-folds total).
    public mutating func merge(_ other: CompetitionMetrics) {
        series += other.series
        days += other.days
        rmsseWeighted += other.rmsseWeighted; rmsseWeight += other.rmsseWeight
        splWeighted += other.splWeighted; splWeight += other.splWeight
        percentSquares += other.percentSquares; percentDays += other.percentDays
    }

    public var wrmsse: Double { rmsseWeight > 0 ? rmsseWeighted / rmsseWeight : .nan }
    public var wspl: Double { splWeight > 0 ? splWeighted / splWeight : .nan }
    public var rmspe: Double { percentDays > 0 ? (percentSquares / Double(percentDays)).squareRoot() : .nan }
}
