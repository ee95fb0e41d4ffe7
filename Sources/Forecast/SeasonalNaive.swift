/// Seasonal naive with period m (7 for daily data): the forecast for a day is the last observed
/// value on the same day of the season (censored days are skipped, looking further back).
/// h-step error variance σ²·(⌊(h−1)/m⌋ + 1), σ² the mean squared seasonal difference
/// (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §5.5).
public struct SeasonalNaive: Sendable {
    /// Period, days, ≥ 1.
    public var period: Int
    /// The last observed value for each position in the season, indexed by (t mod period)
    /// relative to the series' first day.
    public var lastValues: [Double]
    /// Next day's index (the series length).
    public var origin: Int
    /// Residual standard deviation, units.
    public var sigma: Double

    public static func fit(_ y: DemandSeries, period: Int = 7) -> SeasonalNaive {
        var last = [Double](repeating: .nan, count: period)
        var sse = 0.0
        var n = 0
        for t in 0..<y.count where y.isObserved(t) {
            let p = t % period
            if !last[p].isNaN {
                let e = y.demand[t] - last[p]
                sse += e * e
                n += 1
            }
            last[p] = y.demand[t]
        }
        // Positions never observed take the mean of the observed ones.
        let seen = last.filter { !$0.isNaN }
        let fill = seen.isEmpty ? 0 : seen.reduce(0, +) / Double(seen.count)
        for p in 0..<period where last[p].isNaN { last[p] = fill }
        let sigma = n > 1 ? (sse / Double(n - 1)).squareRoot() : 0
        return SeasonalNaive(period: period, lastValues: last, origin: y.count, sigma: sigma)
    }

    public func forecast(horizon: Int) -> DemandForecast {
        var mean = [Double](repeating: 0, count: horizon)
        var sd = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            mean[h] = max(0, lastValues[(origin + h) % period])
            sd[h] = sigma * Double(h / period + 1).squareRoot()
        }
        return DemandForecast(mean: mean, sd: sd, model: "seasonal_naive")
    }
}
