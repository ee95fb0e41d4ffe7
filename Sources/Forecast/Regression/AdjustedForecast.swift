import Foundation

/// Combines the regression with a baseline model: remove the yearly season and the promotion,
/// event and price effects from the history, forecast the adjusted series with the baseline,
/// then put the effects of the horizon's days (planned promotions and events) back.
///
/// With a_t the adjustment (``PromotionEffects/adjustments(features:trendOrigin:)``):
/// adjusted y'_t = max(0, (1 + y_t)·e^{−a_t} − 1); forecast ŷ_h = max(0, (1 + b_h)·e^{a_{n+h}} − 1),
/// sd_h scaled by e^{a_{n+h}}.
///
/// Robustness: on the log scale w_t = log(1 + y_t) − a_t is winsorised to
/// median ± 5·(1.4826·MAD) over the observed days, so a day the regression explains badly (a store
/// open on a holiday when most are closed, say: a_t ≈ −8) cannot blow the baseline up by e^8.
public enum AdjustedForecast {
    public static func adjust(_ y: DemandSeries, adjustments a: [Double]) -> DemandSeries {
        var out = y
        var w = [Double](repeating: 0, count: y.count)
        var observed: [Double] = []
        observed.reserveCapacity(y.count)
        for t in 0..<y.count {
            w[t] = log1p(max(0, y.demand[t])) - a[t]
            if y.isObserved(t) { observed.append(w[t]) }
        }
        var lo = -Double.infinity, hi = Double.infinity
        if observed.count >= 7 {
            let median = OrderStatistic.kthSmallest(&observed, observed.count / 2)
            var deviations = observed.map { abs($0 - median) }
            let spread = 5 * 1.4826 * max(OrderStatistic.kthSmallest(&deviations, deviations.count / 2), 0.05)
            lo = median - spread
            hi = median + spread
        }
        out.demand.withUnsafeMutableBufferPointer { d in
            for t in 0..<d.count { d[t] = max(0, expm1(min(max(w[t], lo), hi))) }
        }
        return out
    }

    /// Puts the effects of days n…n+h−1 back on a baseline forecast of the adjusted series.
    public static func restore(_ base: DemandForecast, adjustments a: [Double], origin n: Int) -> DemandForecast {
        var out = base
        // A baseline certain of 0 (mean and sd 0: a closed day, ``ClosedDays``) stays 0: the
        // effects scale demand, and (1 + 0)·e^a − 1 is an artefact of the log(1 + y) scale.
        for h in 0..<base.mean.count where !DemandForecast.isCertainZero(mean: base.mean[h], sd: base.sd[h]) {
            let m = exp(a[n + h])
            out.mean[h] = max(0, (1 + base.mean[h]) * m - 1)
            out.sd[h] = base.sd[h] * m
        }
        out.model = base.model + "+reg"
        return out
    }
}
