import Forecast

/// What a planner promises customers, and the stock level that keeps the promise.
///
/// - Cycle service level (CSL, "P1"): the probability of no stock-out in a replenishment cycle.
///   The stock level is the CSL-quantile of demand over the protection interval P:
///   normal s = μ_P + k·σ_P with k = Φ⁻¹(CSL); discrete s = min{s : F(s) ≥ CSL}.
/// - Fill rate β ("P2"): the fraction of demand met from stock. With expected order quantity Q,
///   the expected shortage per cycle may be (1 − β)·Q (Silver, Pyke & Thomas, 2017, §6.7.5
///   and §7.4): normal: σ_P·G(k) = (1 − β)·Q, so solve G(k) = (1 − β)·Q/σ_P for k;
///   discrete: s = min{s : E[(D − s)⁺] ≤ (1 − β)·Q}.
public enum ServiceTarget: Sendable, Equatable {
    /// Probability of no stock-out per cycle, in (0, 1).
    case cycleServiceLevel(Double)
    /// Fraction of demand filled from stock, in (0, 1).
    case fillRate(Double)
}

extension SafetyStock {
    /// Safety factor k with G(k) = `loss`, for a target standard loss > 0, where
    /// G(k) = φ(k) − k·(1 − Φ(k)) is the standard normal loss function (strictly decreasing,
    /// G′(k) = −(1 − Φ(k))). Safeguarded Newton inside a bisection bracket on k in [−40, 8.3]
    /// (G(8.3) ≈ 1e-18), to |ΔG| ≤ 1e-14 relative. A `loss` at or below G(8.3) gives 8.3;
    /// above G(−40) = 40 gives −40. Negative k is returned as is (a large order quantity needs
    /// less than the mean demand in stock); callers may floor it at 0.
    public static func safetyFactor(standardLoss loss: Double) -> Double {
        var lo = -40.0, hi = 8.3
        if loss >= StandardNormal.loss(lo) { return lo }
        if loss <= StandardNormal.loss(hi) { return hi }
        // Start from the right tail approximation or the linear regime.
        var k = loss < 0.3989 ? min(hi, max(lo, 0.0)) : -loss
        for _ in 0..<200 {
            let g = StandardNormal.loss(k) - loss
            if abs(g) <= 1e-14 * loss { return k }
            if g > 0 { lo = k } else { hi = k }  // G decreasing: too much loss → raise k
            let slope = -(1 - StandardNormal.cdf(k))
            var next = slope != 0 ? k - g / slope : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - k) <= 1e-15 * max(1, abs(k)) { return next }
            k = next
        }
        return k
    }

    /// Fill-rate safety factor: k with G(k) = (1 − β)·Q/σ_P (Silver, Pyke & Thomas, 2017,
    /// eq. 7.19 for (s, Q); eq. 7.37 with Q = D_R for periodic review). `orderQuantity` Q and
    /// `protectionSD` σ_P in units; β in (0, 1). σ_P = 0 gives 0.
    public static func safetyFactor(fillRate beta: Double, orderQuantity: Double, protectionSD: Double) -> Double {
        guard protectionSD > 0 else { return 0 }
        return safetyFactor(standardLoss: max(0, 1 - beta) * max(0, orderQuantity) / protectionSD)
    }
}

extension DemandDistribution {
    /// Stock level (reorder point, or base-stock level for order-up-to) meeting `target` against
    /// demand over the protection interval, units.
    ///
    /// `orderQuantity` Q (units) matters only for a fill rate. Normal: μ + k·σ with k from
    /// Φ⁻¹(CSL) or G(k) = (1 − β)·Q/σ, floored at k ≥ 0 (no planner keeps less than the mean
    /// demand in stock). Discrete: the whole-unit rules on ``ServiceTarget``.
    public func stockLevel(for target: ServiceTarget, orderQuantity: Double) -> Double {
        switch (model, target) {
        case (.normal, .cycleServiceLevel(let csl)):
            return mean + max(0, StandardNormal.quantile(csl)) * sd
        case (.normal, .fillRate(let beta)):
            let k = SafetyStock.safetyFactor(fillRate: beta, orderQuantity: orderQuantity, protectionSD: sd)
            return mean + max(0, k) * sd
        case (_, .cycleServiceLevel(let csl)):
            return quantile(csl)
        case (_, .fillRate(let beta)):
            let allowed = max(0, 1 - beta) * max(0, orderQuantity)
            guard allowed > 0 else { return quantile(1 - 1e-12) }
            return Double(discreteSmallestStock(lossAtMost: allowed))
        }
    }
}
