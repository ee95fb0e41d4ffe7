/// Croston's method for intermittent demand (Croston, "Forecasting and stock control for
/// intermittent demands", *Operational Research Quarterly* 23(3), 1972) and its Syntetos–Boylan
/// approximation (SBA; Syntetos & Boylan, "The accuracy of intermittent demand estimates",
/// *International Journal of Forecasting* 21(2), 2005, §3).
///
/// On each observed day t with demand yₜ > 0, with qₜ the number of observed days since the
/// previous demand day (for the first demand: since the start of the history, counting day t):
///
///     ẑ ← α_z·yₜ + (1 − α_z)·ẑ      (size, units)
///     p̂ ← α_p·qₜ + (1 − α_p)·p̂      (interval, days)
///
/// and nothing changes on a zero day. ẑ and p̂ start at the first demand size and the first
/// interval, as statsforecast does. The forecast for every future day is
///
///     classic:  ŷ = ẑ / p̂                      units per day
///     SBA:      ŷ = (1 − α_p/2) · ẑ / p̂
///
/// (SBA removes Croston's positive bias ≈ α_p/(2 − α_p)·ẑ/p̂; with α_p = 0.1 the factor is
/// statsforecast's 0.95.)
///
/// **Censored days** are missing: they neither update ẑ or p̂ nor count towards qₜ, and carry no
/// error; the result is the same as if the day were deleted. Days with demand ≤ 0 are zeros.
///
/// **Smoothing parameters.** `fit(_:variant:)` chooses α_z and α_p as statsforecast's
/// `CrostonOptimized` does: each separately minimises the in-sample SSE of its own SES over its
/// own sub-series (sizes, intervals) by golden-section search on [0.1, 0.3]
/// (`IntermittentSmoothing.goldenSectionAlpha`). statsforecast's `CrostonClassic` and
/// `CrostonSBA` are `fit(_:variant:alphaSize: 0.1, alphaInterval: 0.1)`.
///
/// See `IntermittentFit` for `sigma`. Cost O(n) per fit (O(k) per SSE evaluation, k demand days);
/// the only allocation is one scratch buffer of 2n doubles for the optimised fit (stack for
/// short series).
public enum Croston {
    public enum Variant: Sendable, Equatable {
        /// Croston (1972): ẑ / p̂, model `croston`.
        case classic
        /// Syntetos–Boylan approximation: (1 − α_p/2)·ẑ / p̂, model `croston_sba`.
        case sba

        public var model: String {
            switch self {
            case .classic: return "croston"
            case .sba: return "croston_sba"
            }
        }
    }

    /// Search interval of the optimised smoothing parameters (statsforecast's).
    public static let alphaBounds: (lower: Double, upper: Double) = (0.1, 0.3)

    /// Fits with α_z and α_p optimised as statsforecast's `CrostonOptimized` (see above).
    /// Returns nil when no observed day has demand > 0.
    public static func fit(_ y: DemandSeries, variant: Variant) -> IntermittentFit? {
        let n = y.count
        let alphas: (size: Double, interval: Double)? = withUnsafeTemporaryAllocation(
            of: Double.self, capacity: max(1, 2 * n)
        ) { scratch in
            // Sizes in scratch[0..<k], intervals in scratch[n..<n+k].
            var k = 0
            var q = 0
            y.demand.withUnsafeBufferPointer { d in
                for t in 0..<d.count where y.isObserved(t) {
                    q += 1
                    if d[t] > 0 {
                        scratch[k] = d[t]
                        scratch[n + k] = Double(q)
                        k += 1
                        q = 0
                    }
                }
            }
            guard k > 0, let base = scratch.baseAddress else { return nil }
            let sizes = UnsafeBufferPointer(start: base, count: k)
            let intervals = UnsafeBufferPointer(start: base + n, count: k)
            return (IntermittentSmoothing.goldenSectionAlpha(sizes, lower: alphaBounds.lower, upper: alphaBounds.upper),
                    IntermittentSmoothing.goldenSectionAlpha(intervals, lower: alphaBounds.lower, upper: alphaBounds.upper))
        }
        guard let alphas else { return nil }
        return fit(y, variant: variant, alphaSize: alphas.size, alphaInterval: alphas.interval)
    }

    /// Fits with fixed smoothing parameters `alphaSize` (α_z) and `alphaInterval` (α_p), both in
    /// (0, 1]. Returns nil when no observed day has demand > 0. O(n), no allocation.
    public static func fit(_ y: DemandSeries, variant: Variant, alphaSize: Double, alphaInterval: Double)
        -> IntermittentFit?
    {
        precondition(alphaSize > 0 && alphaSize <= 1, "alphaSize must be in (0, 1]")
        precondition(alphaInterval > 0 && alphaInterval <= 1, "alphaInterval must be in (0, 1]")
        let factor = variant == .sba ? 1 - alphaInterval / 2 : 1
        var size = 0.0
        var interval = 0.0
        var q = 0
        var started = false
        var errors = OneStepErrors()
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) {
                let v = max(0, d[t])
                q += 1
                if started { errors.add(actual: v, forecast: factor * (size / interval)) }
                if v > 0 {
                    if started {
                        size = IntermittentSmoothing.step(size, toward: v, alpha: alphaSize)
                        interval = IntermittentSmoothing.step(interval, toward: Double(q), alpha: alphaInterval)
                    } else {
                        size = v
                        interval = Double(q)
                        started = true
                    }
                    q = 0
                }
            }
        }
        guard started else { return nil }
        let level = factor * (size / interval)
        return IntermittentFit(level: level, sigma: errors.rmse(fallbackFor: y, level: level), model: variant.model,
                               alphaSize: alphaSize, alphaOccurrence: alphaInterval)
    }
}
