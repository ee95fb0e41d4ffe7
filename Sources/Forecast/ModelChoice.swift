/// Chooses a forecasting method per series by a holdout on the most recent days, then refits
/// the winner on the whole history.
///
/// Candidates: simple exponential smoothing (`ses`) and weekly seasonal naive (`seasonal_naive`).
/// Score: mean absolute error over the observed (uncensored) holdout days; ties go to `ses`.
/// Series with fewer than `2 × holdoutDays` observed days skip the holdout and use `ses`; series
/// with no observed day get a zero forecast (`no_history`).
public struct ModelChoice: Sendable {
    /// Holdout length, days, ≥ 1.
    public var holdoutDays: Int
    /// Seasonal period, days.
    public var period: Int

    public init(holdoutDays: Int = 28, period: Int = 7) {
        self.holdoutDays = max(1, holdoutDays)
        self.period = period
    }

    public func forecast(_ y: DemandSeries, horizon: Int) -> DemandForecast {
        guard y.observedCount > 0 else {
            return DemandForecast(mean: .init(repeating: 0, count: horizon), sd: .init(repeating: 0, count: horizon),
                                  model: "no_history")
        }
        guard y.observedCount >= 2 * holdoutDays else {
            return SimpleExponentialSmoothing.fit(y).forecast(horizon: horizon)
        }
        let train = y.prefix(y.count - holdoutDays)
        let candidates = [
            SimpleExponentialSmoothing.fit(train).forecast(horizon: holdoutDays),
            SeasonalNaive.fit(train, period: period).forecast(horizon: holdoutDays),
        ]
        var best = 0
        var bestScore = Double.infinity
        for (i, f) in candidates.enumerated() {
            var err = 0.0
            for h in 0..<holdoutDays where y.isObserved(train.count + h) {
                err += abs(y.demand[train.count + h] - f.mean[h])
            }
            if err < bestScore { bestScore = err; best = i }
        }
        switch best {
        case 1: return SeasonalNaive.fit(y, period: period).forecast(horizon: horizon)
        default: return SimpleExponentialSmoothing.fit(y).forecast(horizon: horizon)
        }
    }
}
