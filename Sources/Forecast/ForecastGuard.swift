import Foundation

/// Keeps one series' failure from failing a night: a forecast that throws or comes back
/// unusable (a non-finite or negative mean or sd, the wrong length) is replaced by a simple
/// one, with the reason, so the caller can name the series in a warning and an exception row.
public enum ForecastGuard {
    /// Model name of the replacement forecast.
    public static let fallbackModel = "fallback_mean28"

    /// `make()`'s forecast when it is usable; otherwise ``fallback(_:horizon:)`` and why.
    public static func checked(_ y: DemandSeries, horizon: Int,
                               _ make: () throws -> DemandForecast) -> (forecast: DemandForecast, failure: String?) {
        let f: DemandForecast
        do { f = try make() } catch {
            return (fallback(y, horizon: horizon), "the forecast failed: \(error)")
        }
        if let problem = problem(f, horizon: horizon) {
            return (fallback(y, horizon: horizon), "\(f.model) \(problem)")
        }
        return (f, nil)
    }

    /// What makes `f` unusable for a horizon of `horizon` days, nil when nothing does.
    public static func problem(_ f: DemandForecast, horizon: Int) -> String? {
        guard f.mean.count == horizon, f.sd.count == horizon else {
            return "gave \(f.mean.count) means and \(f.sd.count) sds for \(horizon) days"
        }
        for h in 0..<horizon where !(f.mean[h].isFinite && f.mean[h] >= 0 && f.sd[h].isFinite && f.sd[h] >= 0) {
            return "gave mean \(f.mean[h]) and sd \(f.sd[h]) on day \(h + 1)"
        }
        return nil
    }

    /// The mean of the last 28 observed days whose values are finite and ≥ 0, every day of the
    /// horizon, with their standard deviation (× √(1 + 1/n) for the mean's own error); zeros
    /// when there are none. Always usable.
    public static func fallback(_ y: DemandSeries, horizon: Int) -> DemandForecast {
        var sum = 0.0, sq = 0.0, n = 0
        var t = y.count - 1
        while t >= 0 && n < 28 {
            let v = y.demand[t]
            if y.isObserved(t) && v.isFinite && v >= 0 && v < 1e12 { sum += v; sq += v * v; n += 1 }
            t -= 1
        }
        let mean = n > 0 ? sum / Double(n) : 0
        let variance = n > 1 ? max(0, (sq - Double(n) * mean * mean) / Double(n - 1)) : mean
        let sd = (variance * (1 + 1 / Double(max(1, n)))).squareRoot()
        return DemandForecast(mean: .init(repeating: mean, count: horizon),
                              sd: .init(repeating: sd.isFinite ? sd : 0, count: horizon), model: fallbackModel)
    }
}
