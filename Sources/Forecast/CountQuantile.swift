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
        if mu > normalAbove { return max(0, mu + StandardNormal.quantile(p) * sd) }
        guard var mass = Mass(mean: mu, sd: sd) else { return max(0, mu + StandardNormal.quantile(p) * sd) }
        var cdf = mass.pmf, k = 0.0
        let limit = mu + 60 * max(sd, mu.squareRoot()) + 100
        while cdf < p && k < limit {
            mass.advance(from: k)
            k += 1
            cdf += mass.pmf
        }
        return k
    }

    /// P(D < y) and P(D ≤ y) for the distribution ``quantile(mean:sd:p:)`` reads, at an actual
    /// y ≥ 0 (units; a fractional y counts the whole units below it). For the normal (truncated
    /// at 0) both are Φ((y − μ)/σ) except at y = 0, where P(D < 0) = 0. A zero mean is the point
    /// mass at 0. What ``QuantileCalibration`` learns from.
    public static func cdf(mean mu: Double, sd: Double, at y: Double) -> QuantileCalibration.Transform {
        guard mu > 0, mu.isFinite else { return .init(below: y > 0 ? 1 : 0, atOrBelow: 1) }
        func normal() -> QuantileCalibration.Transform {
            guard sd > 0 else { return .init(below: y > mu ? 1 : 0, atOrBelow: y >= mu ? 1 : 0) }
            let v = StandardNormal.cdf((y - mu) / sd)
            return .init(below: y > 0 ? v : 0, atOrBelow: v)
        }
        if mu > normalAbove { return normal() }
        guard var mass = Mass(mean: mu, sd: sd) else { return normal() }
        let whole = y.rounded(.down), top = y == whole ? whole - 1 : whole   // P(D < y) = P(D ≤ top)
        var cdf = mass.pmf, k = 0.0, below = top < 0 ? 0.0 : -1
        while k < whole {
            if k == top { below = cdf }
            mass.advance(from: k)
            k += 1
            cdf += mass.pmf
        }
        if below < 0 { below = cdf }
        return .init(below: min(1, below), atOrBelow: min(1, cdf))
    }

    /// The mass function walked up from 0: negative binomial NB(r, q) with mean r(1 − q)/q = μ
    /// and variance μ/q = σ² when σ² > μ, Poisson(μ) otherwise. Nil when P(D = 0) underflows.
    private struct Mass {
        var pmf: Double
        let r: Double, q: Double, mu: Double, poisson: Bool

        init?(mean mu: Double, sd: Double) {
            let variance = sd * sd
            self.mu = mu
            if variance > mu * (1 + 1e-9) {
                q = mu / variance
                r = mu * q / (1 - q)
                poisson = false
                pmf = exp(r * log(q))
            } else {
                q = 0
                r = 0
                poisson = true
                pmf = exp(-mu)
            }
            guard pmf > 0 else { return nil }
        }

        /// From P(D = k) to P(D = k + 1).
        @inline(__always)
        mutating func advance(from k: Double) {
            pmf *= poisson ? mu / (k + 1) : (k + r) / (k + 1) * (1 - q)
        }
    }
}
