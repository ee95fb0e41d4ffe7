/// Periodic review (R, s, S), reviewed nightly: the default policy.
///
/// Protection interval P = L + R (lead time + review period). With D_P the forecast demand over
/// P and σ_P from ``SafetyStock/protectionSD(dailySD:days:meanDailyDemand:leadTimeSDDays:)``:
/// - fast movers (D_P ≥ 20 units): normal, safety stock SS = k·σ_P with k = Φ⁻¹(CSL) (k ≥ 0),
///   reorder point s = D_P + SS;
/// - slow movers (D_P < 20): s = the CSL-quantile of Poisson or negative binomial demand over P
///   (``DemandDistribution/choose(mean:sd:)``), safety stock SS = s − D_P;
/// order-up-to S = s + D_R (one more review period of demand, so orders come about every R days;
/// s + max(D_R, EOQ) with cost data). When the inventory position IP ≤ s, order S − IP, sized
/// by ``LotSizing`` (Silver, Pyke & Thomas, 2017, §7.4, with the forecast's own error in place
/// of a stationary σ).
///
/// Equivalent to ``ReplenishmentPolicy/decide(_:)`` with `policy = .reorderPointOrderUpTo`,
/// whatever `input.policy` says.
public enum OrderUpToPolicy {
    public static func decide(_ input: ReplenishmentInput) -> ReplenishmentDecision {
        var rSS = input
        rSS.policy = .reorderPointOrderUpTo
        return ReplenishmentPolicy.decide(rSS)
    }
}
