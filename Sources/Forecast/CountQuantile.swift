import Foundation

/// Quantiles of daily demand as a count: negative binomial with the forecast's mean μ and
/// variance σ² when σ² > μ, Poisson(μ) otherwise (Syntetos & Boylan; the M5 uncertainty
/// track's lesson: slow movers sell whole units, and a normal truncated at 0 puts mass where
/// no count lies). For μ above ``normalAbove`` the normal is used (the counts are then close to
/// it, and summing the mass function would cost more than it adds).
public enum CountQuantile {
    /// Mean demand per day above which the normal approximation is used.
    public static let normalAbove = 40.0

    /// The smallest k ≥ 0 with P(D ≤ k) ≥ p, p in (0, 1).
    public static func quantile(mean mu: Double, sd: Double, p: Double) -> Double {
        guard mu > 0, mu.isFinite else { return 0 }
        let variance = sd * sd
        if mu > normalAbove { return max(0, mu + StandardNormal.quantile(p) * sd) }
        var pmf: Double, step: (Double) -> Double
        if variance > mu * (1 + 1e-9) {
            // NB(r, q): mean r(1 − q)/q = μ, variance μ/q = σ².
            let q = mu / variance, r = mu * q / (1 - q)
            pmf = exp(r * log(q))
            step = { k in (k + r) / (k + 1) * (1 - q) }
        } else {
            pmf = exp(-mu)
            step = { k in mu / (k + 1) }
        }
        guard pmf > 0 else { return max(0, mu + StandardNormal.quantile(p) * sd) }
        var cdf = pmf, k = 0.0
        let limit = mu + 60 * max(sd, mu.squareRoot()) + 100
        while cdf < p && k < limit {
            pmf *= step(k)
            k += 1
            cdf += pmf
        }
        return k
    }
}
