/// Simple exponential smoothing, ETS(A,N,N) (Hyndman et al., *Forecasting with Exponential
/// Smoothing*, 2008, §2.3): level ℓ_t = ℓ_{t−1} + α·(y_t − ℓ_{t−1}), forecast ŷ_{t+h} = ℓ_t,
/// h-step error variance σ²·(1 + (h−1)·α²).
///
/// Censored days are skipped: the level is carried over and no error is counted.
public struct SimpleExponentialSmoothing: Sendable {
    /// Smoothing parameter, α in [0.0001, 0.9999].
    public var alpha: Double
    /// Level after the last day, units per day.
    public var level: Double
    /// One-step error standard deviation, units.
    public var sigma: Double

    /// Sum of squared one-step errors and the final level for a given α, initial level `l0`.
    @inline(__always)
    static func run(_ y: DemandSeries, alpha: Double, initialLevel l0: Double) -> (sse: Double, level: Double, n: Int) {
        var level = l0
        var sse = 0.0
        var n = 0
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) {
                let e = d[t] - level
                sse += e * e
                n += 1
                level += alpha * e
            }
        }
        return (sse, level, n)
    }

    /// Fits α by golden-section search on the sum of squared one-step errors; the initial
    /// level is the mean of the first (up to 7) observed days. Needs at least one observed day.
    public static func fit(_ y: DemandSeries) -> SimpleExponentialSmoothing {
        var first = 0.0
        var k = 0
        for t in 0..<y.count where y.isObserved(t) && k < 7 { first += y.demand[t]; k += 1 }
        let l0 = k > 0 ? first / Double(k) : 0
        var lo = 0.0001, hi = 0.9999
        let g = 0.6180339887498949
        var a = hi - g * (hi - lo), b = lo + g * (hi - lo)
        var fa = run(y, alpha: a, initialLevel: l0).sse
        var fb = run(y, alpha: b, initialLevel: l0).sse
        for _ in 0..<40 {
            if fa <= fb {
                hi = b; b = a; fb = fa
                a = hi - g * (hi - lo)
                fa = run(y, alpha: a, initialLevel: l0).sse
            } else {
                lo = a; a = b; fa = fb
                b = lo + g * (hi - lo)
                fb = run(y, alpha: b, initialLevel: l0).sse
            }
        }
        let alpha = (lo + hi) / 2
        let r = run(y, alpha: alpha, initialLevel: l0)
        let sigma = r.n > 1 ? (r.sse / Double(r.n - 1)).squareRoot() : 0
        return SimpleExponentialSmoothing(alpha: alpha, level: max(0, r.level), sigma: sigma)
    }

    public func forecast(horizon: Int) -> DemandForecast {
        var mean = [Double](repeating: level, count: horizon)
        var sd = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            sd[h] = sigma * (1 + Double(h) * alpha * alpha).squareRoot()
            mean[h] = level
        }
        return DemandForecast(mean: mean, sd: sd, model: "ses")
    }
}
