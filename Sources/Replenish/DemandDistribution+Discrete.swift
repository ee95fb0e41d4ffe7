import Foundation
import Forecast

/// Poisson and negative binomial arithmetic for ``DemandDistribution``.
///
/// One pmf value is computed in logs with `lgamma` (no overflow of k! or Γ(k + r)); its
/// neighbours follow from the ratio f(k+1)/f(k) — λ/(k+1) for Poisson, (k+r)(1−p)/(k+1) for the
/// negative binomial — so each function is a short loop with no allocation.
/// Sums run towards the tail that is small: the lower sum Σ_{j≤k} for k ≤ μ, the upper sum
/// Σ_{j>k} for k > μ (both distributions have their mode at or below the mean), so neither
/// F(k) near 1 nor the loss far in the tail is computed as a difference of nearly equal numbers.
extension DemandDistribution {
    /// Terms below this fraction of the running sum end a tail sum.
    private static let tailTolerance = 1e-17
    /// Safety cap on tail-sum length (a negative binomial with p near 0 decays slowly).
    private static let maxTailTerms = 1_000_000

    /// log f(k) for integer k ≥ 0 (discrete models; −∞ outside the support).
    func logPMF(_ k: Int) -> Double {
        guard k >= 0 else { return -.infinity }
        let x = Double(k)
        switch model {
        case .poisson:
            if mean == 0 { return k == 0 ? 0 : -.infinity }
            return -mean + x * log(mean) - lgamma(x + 1)
        case .negativeBinomial:
            let r = shape, p = successProbability
            return lgamma(x + r) - lgamma(r) - lgamma(x + 1) + r * log(p) + x * log1p(-p)
        case .normal:
            preconditionFailure("logPMF is for the discrete models")
        }
    }

    /// f(k) = P(D = k) for the discrete models.
    public func pmf(_ k: Int) -> Double { exp(logPMF(k)) }

    /// f(k+1)/f(k), k ≥ 0.
    @inline(__always)
    private func ratio(_ k: Int) -> Double {
        let x = Double(k)
        return model == .poisson ? mean / (x + 1) : (x + shape) * (1 - successProbability) / (x + 1)
    }

    /// Σ_{j=0..k} f(j), summed from f(k) downwards; for k ≤ μ (terms shrink away from the mode).
    private func lowerSum(_ k: Int) -> Double {
        var term = pmf(k)
        var sum = term
        var j = k
        while j > 0 && term > 0 {
            term /= ratio(j - 1)
            j -= 1
            sum += term
        }
        return sum
    }

    /// Σ_{j>k} f(j), summed upwards until the terms are negligible; for k ≥ μ.
    private func upperSum(_ k: Int) -> Double {
        var term = pmf(k + 1)
        var sum = 0.0
        var j = k + 1
        var count = 0
        while term > 0 && count < Self.maxTailTerms {
            sum += term
            term *= ratio(j)
            j += 1
            count += 1
            if term < sum * Self.tailTolerance { break }
        }
        return sum
    }

    /// F(k) = P(D ≤ k), integer k.
    func discreteCDF(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if mean == 0 { return 1 }
        return Double(k) <= mean ? min(1, lowerSum(k)) : max(0, 1 - upperSum(k))
    }

    /// 1 − F(k) = P(D > k), integer k.
    func discreteSurvival(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if mean == 0 { return 0 }
        return Double(k) <= mean ? max(0, 1 - lowerSum(k)) : upperSum(k)
    }

    /// E[(D − k)⁺] for integer k ≥ 0.
    /// k ≥ μ: Σ_{j>k} (j − k)·f(j), summed upwards.
    /// k < μ: μ − k + E[(k − D)⁺] = μ − k + Σ_{j<k} (k − j)·f(j), summed downwards
    /// (both terms positive, so there is no cancellation).
    func discreteLoss(_ k: Int) -> Double {
        if mean == 0 { return 0 }
        if Double(k) >= mean {
            var term = pmf(k + 1)
            var sum = 0.0
            var j = k + 1
            var count = 0
            while term > 0 && count < Self.maxTailTerms {
                let weighted = Double(j - k) * term
                sum += weighted
                term *= ratio(j)
                j += 1
                count += 1
                if Double(j - k) * term < sum * Self.tailTolerance && Double(j) > mean { break }
            }
            return sum
        }
        guard k > 0 else { return mean }
        var term = pmf(k - 1)
        var sum = term
        var j = k - 1
        while j > 0 && term > 0 {
            term /= ratio(j - 1)
            j -= 1
            sum += Double(k - j) * term
        }
        return mean - Double(k) + sum
    }

    /// Smallest integer s ≥ 0 with F(s) ≥ q, for q in (0, 1). Starts from the normal
    /// approximation ⌊μ + σ·Φ⁻¹(q)⌋ and walks with F(s ± 1) = F(s) ± f(·): a few steps.
    func discreteQuantile(_ q: Double) -> Int {
        let guess = mean + sd * StandardNormal.quantile(q)
        var s = guess.isFinite ? max(0, Int(min(guess, 1e15).rounded(.down))) : 0
        var f = pmf(s)
        var cumulative = discreteCDF(s)
        if cumulative >= q {
            while s > 0 && cumulative - f >= q {
                cumulative -= f
                f /= ratio(s - 1)
                s -= 1
            }
            return s
        }
        var count = 0
        while cumulative < q && count < Self.maxTailTerms {
            f *= ratio(s)
            s += 1
            cumulative += f
            count += 1
            if f == 0 { break }  // q is within rounding of 1: nothing more to gain
        }
        return s
    }

    /// Smallest integer s ≥ 0 with E[(D − s)⁺] ≤ `target` (target > 0), walking up with
    /// L(s + 1) = L(s) − (1 − F(s)) (Silver, Pyke & Thomas, 2017, App. III, discrete loss).
    func discreteSmallestStock(lossAtMost target: Double) -> Int {
        if mean == 0 || target >= mean { return 0 }
        // Start a little below where the answer can be (loss ≥ μ − s) to skip the empty bottom.
        var s = max(0, Int((mean - target - 8 * sd).rounded(.down)))
        var loss = discreteLoss(s)
        if loss <= target { s = 0; loss = mean }
        var f = pmf(s)
        var cumulative = discreteCDF(s)
        var count = 0
        while loss > target && count < Self.maxTailTerms {
            let survival = 1 - cumulative
            if survival <= 1e-15 { break }  // the loss cannot fall further in double precision
            loss -= survival
            f *= ratio(s)
            s += 1
            cumulative += f
            count += 1
        }
        return s
    }
}
