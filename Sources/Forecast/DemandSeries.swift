/// One series' daily demand history as the forecasters see it.
///
/// `demand[t]` is units sold on day t (t = 0 is the first day, the last index is the as-of day);
/// `censored[t]` is true when day t ended in a stock-out, so its sales understate demand and the
/// day is skipped in fitting (never read as demand). `censored` is empty or has `demand.count`
/// elements. `weekdayOfFirstDay` is 0 = Monday ... 6 = Sunday.
public struct DemandSeries: Sendable {
    public var demand: [Double]
    public var censored: [Bool]
    public var weekdayOfFirstDay: Int

    public init(demand: [Double], censored: [Bool] = [], weekdayOfFirstDay: Int = 0) {
        precondition(censored.isEmpty || censored.count == demand.count, "censored must match demand")
        self.demand = demand
        self.censored = censored
        self.weekdayOfFirstDay = weekdayOfFirstDay
    }

    public var count: Int { demand.count }

    /// Whether day `t` is an observation of demand (not censored).
    @inline(__always)
    public func isObserved(_ t: Int) -> Bool { censored.isEmpty || !censored[t] }

    /// The first `n` days.
    public func prefix(_ n: Int) -> DemandSeries {
        DemandSeries(demand: Array(demand[0..<n]), censored: censored.isEmpty ? [] : Array(censored[0..<n]),
                     weekdayOfFirstDay: weekdayOfFirstDay)
    }

    /// The last `n` days (all of them when `n` ≥ count).
    public func suffix(_ n: Int) -> DemandSeries {
        guard n < count else { return self }
        let start = count - n
        return DemandSeries(demand: Array(demand[start...]), censored: censored.isEmpty ? [] : Array(censored[start...]),
                            weekdayOfFirstDay: (weekdayOfFirstDay + start) % 7)
    }

    /// Number of observed (uncensored) days.
    public var observedCount: Int {
        censored.isEmpty ? demand.count : censored.reduce(0) { $0 + ($1 ? 0 : 1) }
    }
}

/// A forecast of daily demand over a horizon.
///
/// `mean[h]` is the expected demand on day h+1 after the origin (units per day, ≥ 0) and `sd[h]`
/// the standard deviation of that day's forecast error (units, ≥ 0); both have `horizon` elements.
public struct DemandForecast: Sendable, Equatable {
    public var mean: [Double]
    public var sd: [Double]
    /// Whether a day's forecast is certain to be 0 (mean and sd 0: a day the series is closed,
    /// ``ClosedDays``); such a day stays 0 through effects and combinations.
    @inline(__always)
    public static func isCertainZero(mean: Double, sd: Double) -> Bool { mean == 0 && sd == 0 }

    /// The method that made it, as written in `forecast.csv`'s `model` column.
    public var model: String
    /// For a `+reg` forecast, what it was made of (so a change to the horizon's calendar can be
    /// put on it without fitting again; ``ModelChoice/reforecast(_:features:layout:historyDays:)``).
    public var regression: RegressionParts? = nil

    public init(mean: [Double], sd: [Double], model: String) {
        self.mean = mean
        self.sd = sd
        self.model = model
    }

    /// How the probabilities of ``quantile(_:_:)`` are read from the distribution (learned on
    /// holdout windows by the run for the pinball loss; ``QuantileCalibration/identity`` = as
    /// the distribution says).
    public var calibration = QuantileCalibration.identity
    /// How the probabilities of ``interval(_:level:)`` are read (learned on the same holdout
    /// windows for coverage, ``QuantileCalibration/Purpose/intervals``).
    public var intervalCalibration = QuantileCalibration.identity

    /// The central prediction interval at `level` in (0, 1) for day h: the distribution read at
    /// ``intervalCalibration``'s images of (1 − level)/2 and (1 + level)/2 (units, ≥ 0), so that
    /// it covers about `level` of days; without an interval calibration, the (1 ∓ level)/2
    /// quantiles of ``quantile(_:_:)``.
    public func interval(_ h: Int, level: Double) -> (lower: Double, upper: Double) {
        guard !intervalCalibration.isIdentity else { return (quantile(h, (1 - level) / 2), quantile(h, (1 + level) / 2)) }
        return (CountQuantile.quantile(mean: mean[h], sd: sd[h], p: intervalCalibration.map((1 - level) / 2)),
                CountQuantile.quantile(mean: mean[h], sd: sd[h], p: intervalCalibration.map((1 + level) / 2)))
    }

    /// The `p`-quantile of day h's demand, p in (0, 1), units: a count distribution with mean
    /// `mean[h]` and sd `sd[h]` (``CountQuantile``: negative binomial, or Poisson when the sd is
    /// below √mean), the normal truncated at 0 for fast movers, read at ``calibration``'s p′.
    /// What `forecast.csv`'s interval and quantile columns and the backtest's coverage and WSPL read.
    public func quantile(_ h: Int, _ p: Double) -> Double {
        CountQuantile.quantile(mean: mean[h], sd: sd[h], p: calibration.map(p))
    }

    /// `quantile(h, p)` for every horizon day and each of `probabilities`: row-major, h major,
    /// `mean.count × probabilities.count` values (element h·P + k is day h, `probabilities[k]`).
    public func quantiles(_ probabilities: [Double]) -> [Double] {
        var q = [Double](repeating: 0, count: mean.count * probabilities.count)
        for h in 0..<mean.count {
            for (k, p) in probabilities.enumerated() { q[h * probabilities.count + k] = quantile(h, p) }
        }
        return q
    }
}

/// The parts of a `+reg` forecast: the fitted effects and the baseline model's forecast of the
/// effect-adjusted series (log1p scale removed, see ``AdjustedForecast``).
public struct RegressionParts: Sendable, Equatable {
    /// β, one per ``EffectLayout`` column.
    public var coefficients: [Double]
    /// The adjusted series' forecast: mean and sd per horizon day, and its model's name.
    public var baseMean: [Double]
    public var baseSD: [Double]
    public var baseModel: String

    public init(coefficients: [Double], baseMean: [Double], baseSD: [Double], baseModel: String) {
        self.coefficients = coefficients
        self.baseMean = baseMean
        self.baseSD = baseSD
        self.baseModel = baseModel
    }
}
