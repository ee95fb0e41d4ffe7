import Forecast

/// Demand over a protection interval P = L + R (lead time + review period), units.
///
/// Three models, one interface (`cdf`, `quantile`, `expectedShortfall`):
/// - **normal** N(μ, σ²): fast movers, where a continuous approximation is good;
/// - **Poisson**(λ = μ): slow movers whose variance is about their mean;
/// - **negative binomial** NB(r, p), pmf f(k) = Γ(k+r)/(Γ(r)·k!)·p^r·(1−p)^k, k = 0, 1, …:
///   slow movers with more variance than mean (lumpy, intermittent demand), fitted by the method
///   of moments p = μ/σ², r = μ²/(σ² − μ) (Silver, Pyke & Thomas, 2017, §6.11 and App. III;
///   Zipkin, 2000, App. C.2.3.6; same parameterisation as SciPy's `nbinom`).
///
/// The automatic choice (``choose(mean:sd:)``):
/// 1. μ ≥ ``discreteMeanLimit`` (20 units over P) → normal: at that volume the normal's error at
///    the service levels used (0.8–0.99) is below one unit and whole-unit rounding no longer matters;
/// 2. otherwise discrete: Poisson when σ²/μ ≤ ``poissonDispersionLimit`` (1.1) — including
///    under-dispersed forecasts, for which Poisson is the least dispersed count model — and
///    negative binomial when σ²/μ > 1.1;
/// 3. μ ≤ 0 → Poisson(0), all mass at zero.
///
/// Discrete models are integer-valued: `quantile` returns whole units and the loss function is
/// the piecewise-linear interpolation between integers. All functions are pure, allocate
/// nothing, and cost O(1) for the normal model and O(number of non-negligible pmf terms) —
/// about μ + 40σ at most — for the discrete ones.
public struct DemandDistribution: Sendable, Equatable {
    public enum Model: String, Sendable, Equatable {
        case normal
        case poisson
        case negativeBinomial = "negative_binomial"
    }

    /// Means below this many units over P use a discrete model.
    public static let discreteMeanLimit = 20.0
    /// Variance-to-mean ratios up to this use Poisson; above it, negative binomial.
    public static let poissonDispersionLimit = 1.1

    public let model: Model
    /// E[D], units ≥ 0 for the discrete models.
    public let mean: Double
    /// Var[D], units².
    public let variance: Double
    /// Negative binomial shape r > 0 (number of successes); 0 for the other models.
    public let shape: Double
    /// Negative binomial success probability p in (0, 1); 0 for the other models.
    public let successProbability: Double

    /// Standard deviation, units.
    public var sd: Double { variance.squareRoot() }

    /// Normal with mean μ and standard deviation σ ≥ 0 (σ = 0: all mass at μ).
    public static func normal(mean: Double, sd: Double) -> DemandDistribution {
        DemandDistribution(model: .normal, mean: mean, variance: max(0, sd) * max(0, sd), shape: 0, successProbability: 0)
    }

    /// Poisson with mean λ ≥ 0 (negative λ is taken as 0).
    public static func poisson(mean: Double) -> DemandDistribution {
        let m = max(0, mean)
        return DemandDistribution(model: .poisson, mean: m, variance: m, shape: 0, successProbability: 0)
    }

    /// Negative binomial with shape r > 0 and success probability p in (0, 1):
    /// mean r(1−p)/p, variance r(1−p)/p².
    public static func negativeBinomial(shape r: Double, successProbability p: Double) -> DemandDistribution {
        precondition(r > 0 && p > 0 && p < 1, "negative binomial needs r > 0 and 0 < p < 1")
        return DemandDistribution(model: .negativeBinomial, mean: r * (1 - p) / p, variance: r * (1 - p) / (p * p),
                                  shape: r, successProbability: p)
    }

    /// Negative binomial by the method of moments: p = μ/σ², r = μ²/(σ² − μ).
    /// Requires μ > 0 and σ² > μ; otherwise returns Poisson(μ). So does a pair whose shape or
    /// probability is not representable: a mean so small that μ² underflows to 0 (seen on a
    /// million generated series: one forecast of ~1e-170 a day stopped the night), or an
    /// infinite variance.
    public static func negativeBinomial(mean: Double, variance: Double) -> DemandDistribution {
        guard mean > 0, variance > mean else { return poisson(mean: mean) }
        let r = mean * mean / (variance - mean), p = mean / variance
        guard r > 0, r.isFinite, p > 0, p < 1 else { return poisson(mean: mean) }
        return negativeBinomial(shape: r, successProbability: p)
    }

    /// The automatic choice described on the type: normal for μ ≥ 20, else Poisson or negative
    /// binomial by the variance-to-mean ratio.
    public static func choose(mean: Double, sd: Double) -> DemandDistribution {
        if mean >= discreteMeanLimit { return normal(mean: mean, sd: sd) }
        if mean <= 0 { return poisson(mean: 0) }
        let variance = sd * sd
        if variance / mean <= poissonDispersionLimit { return poisson(mean: mean) }
        return negativeBinomial(mean: mean, variance: variance)
    }

    /// P(D ≤ x). Discrete models: F(⌊x⌋), 0 for x < 0.
    public func cdf(_ x: Double) -> Double {
        switch model {
        case .normal:
            let s = sd
            if s == 0 { return x >= mean ? 1 : 0 }
            return StandardNormal.cdf((x - mean) / s)
        case .poisson, .negativeBinomial:
            guard x >= 0 else { return 0 }
            guard x.isFinite else { return 1 }
            return discreteCDF(Int(x.rounded(.down)))
        }
    }

    /// Normal: μ + σ·Φ⁻¹(q) (continuous). Discrete: the smallest integer s with P(D ≤ s) ≥ q.
    /// q ≤ 0 gives the bottom of the support (−∞ for the normal with σ > 0, 0 for discrete);
    /// q ≥ 1 gives +∞ (unless σ = 0 or μ = 0).
    public func quantile(_ q: Double) -> Double {
        switch model {
        case .normal:
            let s = sd
            return s == 0 ? mean : mean + s * StandardNormal.quantile(q)
        case .poisson, .negativeBinomial:
            if q <= 0 || mean <= 0 { return 0 }
            if q >= 1 { return .infinity }
            return Double(discreteQuantile(q))
        }
    }

    /// Loss function E[(D − s)⁺], units: the expected demand beyond a stock level s.
    /// Normal: σ·G((s − μ)/σ) with G the standard loss (Silver, Pyke & Thomas, 2017, §6.7).
    /// Discrete: exact at integers and linear in between; μ − s for s < 0.
    public func expectedShortfall(_ s: Double) -> Double {
        switch model {
        case .normal:
            let sigma = sd
            if sigma == 0 { return max(0, mean - s) }
            return sigma * StandardNormal.loss((s - mean) / sigma)
        case .poisson, .negativeBinomial:
            if s < 0 { return mean - s }
            guard s.isFinite else { return 0 }
            let n = s.rounded(.down)
            let fraction = s - n
            let k = Int(n)
            let atK = discreteLoss(k)
            return fraction == 0 ? atK : max(0, atK - fraction * discreteSurvival(k))
        }
    }
}
