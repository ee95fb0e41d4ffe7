/// Parameter restrictions for fitting, as R `forecast::ets` applies them with its default
/// `bounds = "both"`: a parameter vector must satisfy both the "usual" bounds and the
/// admissibility (forecastability) conditions of the additive model class.
enum ETSBounds {
    /// R's default `lower = c(1e-4, 1e-4, 1e-4, 0.8)` and `upper = c(0.9999, 0.9999, 0.9999, 0.98)`
    /// for (α, β, γ, φ).
    static let lower = (alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8)
    static let upper = (alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98)

    /// The "usual" region (Hyndman et al. 2008, §5.2 / §10.1): α in [1e-4, 0.9999],
    /// β in [1e-4, min(α, 0.9999)], γ in [1e-4, min(1 − α, 0.9999)], φ in [0.8, 0.98];
    /// absent components are not checked.
    @inline(__always)
    static func usual(_ p: ETSSmoothing, _ spec: ETSSpec) -> Bool {
        if p.alpha < lower.alpha || p.alpha > upper.alpha { return false }
        if spec.hasTrend && (p.beta < lower.beta || p.beta > p.alpha || p.beta > upper.beta) { return false }
        if spec.isDamped && (p.phi < lower.phi || p.phi > upper.phi) { return false }
        if spec.hasSeason && (p.gamma < lower.gamma || p.gamma > 1 - p.alpha || p.gamma > upper.gamma) { return false }
        return true
    }

    /// The admissible region of the linear (additive-error) model: the parameters for which
    /// the discounted forecasts remain stable (Hyndman et al. 2008, §10.2; Hyndman, Akram &
    /// Archibald, *AISM* 60, 2008), as checked by R's `admissible()`:
    ///
    /// - non-seasonal: φ in [0, 1], 1 − 1/φ < α < 1 + 1/φ, α(φ − 1) < β < (1 + φ)(2 − α);
    /// - seasonal (period m > 1): max(1 − 1/φ − α, 0) < γ < 1 + 1/φ − α,
    ///   α > 1 − 1/φ − γ(1 − m + φ + φm)/(2φm), β > −(1 − φ)(γ/m + α), and every root of
    ///   z^{m+1} + (α+β−φ)z^m + (α+β−αφ)(z^{m−1} + … + z²) + (α+β−αφ+γ−1)z + φ(1−α−γ)
    ///   has modulus ≤ 1 + 1e-10.
    ///
    /// The root condition is checked without computing roots, by the Schur–Cohn step-down
    /// (reflection-coefficient) test on the polynomial with z scaled by 1 + 1e-10; it needs
    /// m + 2 scratch values and does not allocate on the heap.
    static func admissible(_ p: ETSSmoothing, _ spec: ETSSpec) -> Bool {
        let phi = spec.isDamped ? p.phi : 1
        if phi < 0 || phi > 1 + 1e-8 { return false }
        if !spec.hasSeason {
            if p.alpha < 1 - 1 / phi || p.alpha > 1 + 1 / phi { return false }
            if spec.hasTrend && (p.beta < p.alpha * (phi - 1) || p.beta > (1 + phi) * (2 - p.alpha)) { return false }
            return true
        }
        let m = spec.period
        if m <= 1 { return true }
        let alpha = p.alpha, gamma = p.gamma
        let beta = spec.hasTrend ? p.beta : 0
        let md = Double(m)
        if gamma < max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha { return false }
        if alpha < 1 - 1 / phi - gamma * (1 - md + phi + phi * md) / (2 * phi * md) { return false }
        if beta < -(1 - phi) * (gamma / md + alpha) { return false }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: m + 2) { c in
            // Monic polynomial z^d + c[1] z^{d−1} + … + c[d], d = m + 1.
            let d = m + 1
            c[0] = 1
            c[1] = alpha + beta - phi
            for k in 2..<m { c[k] = alpha + beta - alpha * phi }
            c[m] = alpha + beta - alpha * phi + gamma - 1
            c[d] = phi * (1 - alpha - gamma)
            return rootsWithinUnitCircle(c, degree: d, radius: 1 + 1e-10)
        }
    }

    /// True when every root of the monic polynomial z^d + c[1]z^{d−1} + … + c[d] has modulus
    /// below `radius` (Schur–Cohn / Levinson step-down: scale to roots of P(radius·z), then all
    /// reflection coefficients must satisfy |k| < 1). Overwrites `c`.
    static func rootsWithinUnitCircle(_ c: UnsafeMutableBufferPointer<Double>, degree d: Int, radius: Double) -> Bool {
        var scale = 1.0
        for i in 1...d {
            scale *= radius
            c[i] /= scale
        }
        var order = d
        while order > 0 {
            let k = c[order]
            if !(abs(k) < 1) { return false }
            let denominator = 1 - k * k
            // a_i ← (a_i − k·a_{order−i}) / (1 − k²), i = 1…order−1, done in symmetric pairs.
            var i = 1, j = order - 1
            while i < j {
                let ai = c[i], aj = c[j]
                c[i] = (ai - k * aj) / denominator
                c[j] = (aj - k * ai) / denominator
                i += 1; j -= 1
            }
            if i == j { c[i] = c[i] * (1 - k) / denominator }
            order -= 1
        }
        return true
    }
}
