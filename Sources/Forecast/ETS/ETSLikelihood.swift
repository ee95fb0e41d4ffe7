import Foundation

/// The concentrated likelihood criterion R's `ets` minimises (Hyndman et al. 2008, §5.2,
/// eq. 5.3; `etscalc.c`): with ε_t the one-step errors (y_t − ŷ_t for additive errors,
/// (y_t − ŷ_t)/ŷ_t for multiplicative ones) over the n observed days,
///
///     L*(θ, x₀) = n·log(Σ ε_t²) + 2·Σ log|ŷ_t|        (second term for multiplicative errors only)
///
/// which is −2·log-likelihood up to a constant once σ² is concentrated out; R reports
/// log-likelihood = −L*/2 and AIC = L* + 2k. Censored (NaN) days add nothing and leave the
/// states at their one-step predictions.
struct ETSLikelihood {
    /// L*, or +∞ when it is not a number (e.g. a zero forecast with multiplicative errors).
    var criterion: Double
    /// Σ ε_t² over observed days (ε relative for multiplicative errors).
    var sumOfSquares: Double
    var observations: Int
    /// Level and slope after the last day.
    var final: ETSLevelSlope

    /// Runs the recursion over `y` (NaN = missing) from the initial states.
    ///
    /// - Parameters:
    ///   - ring: m seasonal states (m = 1 without a season): on entry `ring[k]` is the state used
    ///     on day k (k < m), i.e. R's s_{m−1−k}; on return it holds the final seasonal states,
    ///     `ring[(n + h) % m]` being the one for horizon h + 1.
    /// - Complexity: O(n); no allocation. The non-seasonal kinds (the calendar-adjusted series'
    ///   candidates) each run a copy of the loop with their kind fixed, so the day's step has no
    ///   branches on the kind; the same arithmetic, the same bits.
    @inline(__always)
    static func evaluate(_ y: UnsafeBufferPointer<Double>, ring: UnsafeMutableBufferPointer<Double>,
                         initial: ETSLevelSlope, kind: ETSKind, multiplicativeError: Bool,
                         smoothing p: ETSSmoothing) -> ETSLikelihood {
        guard kind.season == .none else {
            return run(y, ring: ring, initial: initial, kind: kind, multiplicativeError: multiplicativeError, smoothing: p)
        }
        switch (kind.trend, multiplicativeError) {
        case (.none, false):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .none, season: .none), multiplicativeError: false, smoothing: p)
        case (.none, true):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .none, season: .none), multiplicativeError: true, smoothing: p)
        case (.additive, false):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .additive, season: .none), multiplicativeError: false, smoothing: p)
        case (.additive, true):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .additive, season: .none), multiplicativeError: true, smoothing: p)
        case (.additiveDamped, false):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .additiveDamped, season: .none), multiplicativeError: false, smoothing: p)
        case (.additiveDamped, true):
            return run(y, ring: ring, initial: initial, kind: ETSKind(trend: .additiveDamped, season: .none), multiplicativeError: true, smoothing: p)
        }
    }

    @inline(__always)
    private static func run(_ y: UnsafeBufferPointer<Double>, ring: UnsafeMutableBufferPointer<Double>,
                            initial: ETSLevelSlope, kind: ETSKind, multiplicativeError: Bool,
                            smoothing p: ETSSmoothing) -> ETSLikelihood {
        var x = initial
        let m = ring.count
        var slot = 0
        var sse = 0.0
        var logSum = 0.0
        var product = 1.0  // running product of |ŷ|, folded into logSum before it over/underflows
        var nobs = 0
        for t in 0..<y.count {
            let yt = y[t]
            var s = ring[slot]
            let f = ETSRecursion.step(&x, season: &s, y: yt, kind: kind, p: p)
            ring[slot] = s
            slot += 1
            if slot == m { slot = 0 }
            if !yt.isNaN {
                if multiplicativeError {
                    let e = (yt - f) / f
                    sse += e * e
                    product *= abs(f)
                    if product > 1e150 || product < 1e-150 {
                        logSum += log(product)
                        product = 1
                    }
                } else {
                    let e = yt - f
                    sse += e * e
                }
                nobs += 1
            }
        }
        var criterion = Double(nobs) * log(sse)
        if multiplicativeError { criterion += 2 * (logSum + log(product)) }
        if criterion.isNaN { criterion = .infinity }
        return ETSLikelihood(criterion: criterion, sumOfSquares: sse, observations: nobs, final: x)
    }
}
