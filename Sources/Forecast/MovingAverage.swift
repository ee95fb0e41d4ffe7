/// Moving average: the mean of the last `window` observed days (censored days are skipped,
/// looking further back), flat over the horizon. The backtest's `mean28` reference (window 28),
/// the kind of simple benchmark the M5 competition scored every entry against.
/// The forecast sd is the standard deviation of those days (n − 1 divisor), the same on every
/// horizon day: the spread of one day's demand around the level, not the level's uncertainty.
public struct MovingAverage: Sendable {
    /// Days averaged, ≥ 1.
    public var window: Int
    /// Observed days actually averaged: `window`, or fewer when the history has fewer.
    public var used: Int
    /// Mean of those days, units per day (0 when none was observed).
    public var level: Double
    /// Their standard deviation, units (0 with fewer than two days).
    public var sigma: Double

    public static func fit(_ y: DemandSeries, window: Int = 28) -> MovingAverage {
        precondition(window >= 1, "window must be ≥ 1")
        var sum = 0.0, n = 0
        var t = y.count - 1
        while t >= 0 && n < window {
            if y.isObserved(t) { sum += y.demand[t]; n += 1 }
            t -= 1
        }
        let mean = n > 0 ? sum / Double(n) : 0
        // Second pass over the same days for the sum of squares (no cancellation).
        var ss = 0.0, k = 0
        t = y.count - 1
        while t >= 0 && k < n {
            if y.isObserved(t) { let d = y.demand[t] - mean; ss += d * d; k += 1 }
            t -= 1
        }
        let sigma = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
        return MovingAverage(window: window, used: n, level: mean, sigma: sigma)
    }

    /// Flat forecast named `mean<window>` (e.g. `mean28`): `horizon` days of `level` and `sigma`.
    public func forecast(horizon: Int) -> DemandForecast {
        DemandForecast(mean: .init(repeating: max(0, level), count: horizon),
                       sd: .init(repeating: sigma, count: horizon), model: "mean\(window)")
    }
}
