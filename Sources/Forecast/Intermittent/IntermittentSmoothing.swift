/// The simple exponential smoothing that the Croston family applies to a sub-series (the non-zero
/// sizes, or the inter-demand intervals), written to reproduce Nixtla statsforecast's
/// `src/ses.cpp` (`ses_sse`, `ses_forecast`, `golden_section_ses`) operation for operation, so
/// that fitted smoothing parameters agree with `CrostonOptimized` to the last few bits.
///
/// Recursion (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §8.1,
/// weighted-average form): f₁ = x₁, fᵢ₊₁ = α·xᵢ + (1 − α)·fᵢ; the forecast after the last value
/// is fₖ₊₁. Errors eᵢ = xᵢ − fᵢ for i = 2…k.
enum IntermittentSmoothing {
    /// One SES step in statsforecast's operation order.
    @inline(__always)
    static func step(_ f: Double, toward x: Double, alpha: Double) -> Double {
        alpha * x + (1 - alpha) * f
    }

    /// Σ (xᵢ − fᵢ)², i = 2…k, for the SES of `x` started at x₁ (0 when k < 2). O(k), no allocation.
    static func sse(_ x: UnsafeBufferPointer<Double>, alpha: Double) -> Double {
        guard x.count >= 2 else { return 0 }
        let complement = 1 - alpha
        var f = x[0]
        var sse = 0.0
        for i in 1..<x.count {
            f = alpha * x[i - 1] + complement * f
            let e = x[i] - f
            sse += e * e
        }
        return sse
    }

    /// The α in `bounds` minimising `sse(x, α)` by golden-section search, as statsforecast's
    /// `golden_section_ses` (default bounds [0.1, 0.3]): interior points c = b − (b − a)/φ,
    /// d = a + (b − a)/φ; keep the side with the strictly smaller SSE; stop when b − a < 1e-12
    /// or on an exact tie (e.g. a constant sub-series, or k < 2, gives the midpoint); return the
    /// midpoint of the final bracket. At most ~60 SSE evaluations; deterministic.
    static func goldenSectionAlpha(_ x: UnsafeBufferPointer<Double>, lower: Double, upper: Double) -> Double {
        let phi = (5.0.squareRoot() + 1) / 2
        var a = lower, b = upper
        var c = b - (b - a) / phi
        var d = a + (b - a) / phi
        var fc = sse(x, alpha: c)
        var fd = sse(x, alpha: d)
        var iterations = 0
        while abs(b - a) >= 1e-12 && iterations < 200 {
            if fc < fd {
                b = d; d = c; fd = fc
                c = b - (b - a) / phi
                fc = sse(x, alpha: c)
            } else if fd < fc {
                a = c; c = d; fc = fd
                d = a + (b - a) / phi
                fd = sse(x, alpha: d)
            } else {
                break
            }
            iterations += 1
        }
        return (b + a) / 2
    }
}
