/// Runs of zero days that are not demand: a store closed for a refurbishment, an item off the
/// shelf for weeks, detected in the history so that they do not drag the level to zero once
/// sales resume.
///
/// A run is taken for a closure when
/// - it is at least ``minimumDays`` consecutive days with no sales,
/// - sales resumed after it, before the last day (a run still going at the end may be demand
///   that has stopped: it stays, and the models follow it),
/// - and the series sold at least ``minimumLevel`` units a day over its last ``levelDays``
///   observed days before the run, so that that many zero days in a row would be all but
///   impossible as demand (Poisson: P = e^(−level·days) ≤ e^(−14) ≈ 1e-6): sales stopped
///   abruptly. A slow mover or a season that fades out never qualifies.
/// Its days are marked censored (skipped in every fit, as stock-out days are).
public enum ClosureRuns {
    /// Shortest closure, days: shorter runs (a holiday weekend, a closed Sunday) are calendar
    /// patterns the models learn.
    public static let minimumDays = 7
    /// Least units a day sold just before the run.
    public static let minimumLevel = 2.0
    /// Observed days before the run whose mean is the level.
    public static let levelDays = 7

    /// `y` with the days of every closure run censored; `y` itself when it has none. O(n).
    public static func censor(_ y: DemandSeries) -> DemandSeries {
        let n = y.count
        var out = y
        var t = 0
        while t < n {
            guard y.demand[t] <= 0 else { t += 1; continue }
            var end = t
            while end + 1 < n && y.demand[end + 1] <= 0 { end += 1 }
            if end - t + 1 >= minimumDays && end + 1 < n && levelBefore(y, t) >= minimumLevel {
                if out.censored.isEmpty { out.censored = [Bool](repeating: false, count: n) }
                for d in t...end { out.censored[d] = true }
            }
            t = end + 1
        }
        return out
    }

    /// Mean demand over the last `levelDays` observed days before day `t` (0 without any).
    static func levelBefore(_ y: DemandSeries, _ t: Int) -> Double {
        var sum = 0.0, days = 0, d = t - 1
        while d >= 0 && days < levelDays {
            if y.isObserved(d) { sum += y.demand[d]; days += 1 }
            d -= 1
        }
        return days < levelDays ? 0 : sum / Double(days)
    }
}
