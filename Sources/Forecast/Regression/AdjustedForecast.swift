import Foundation

/// Combines the regression with a baseline model: remove the yearly season and the promotion,
/// event and price effects from the history, forecast the adjusted series with the baseline,
/// then put the effects of the horizon's days (planned promotions and events) back.
///
/// With a_t the adjustment (``PromotionEffects/adjustments(features:trendOrigin:)``):
/// adjusted y'_t = max(0, (1 + y_t)·e^{−a_t} − 1); forecast ŷ_h = max(0, (1 + b_h)·e^{a_{n+h}} − 1),
/// sd_h scaled by e^{a_{n+h}}.
public enum AdjustedForecast {
    public static func adjust(_ y: DemandSeries, adjustments a: [Double]) -> DemandSeries {
        var out = y
        out.demand.withUnsafeMutableBufferPointer { d in
            for t in 0..<d.count { d[t] = max(0, (1 + d[t]) * exp(-a[t]) - 1) }
        }
        return out
    }

    /// Puts the effects of days n…n+h−1 back on a baseline forecast of the adjusted series.
    public static func restore(_ base: DemandForecast, adjustments a: [Double], origin n: Int) -> DemandForecast {
        var out = base
        for h in 0..<base.mean.count {
            let m = exp(a[n + h])
            out.mean[h] = max(0, (1 + base.mean[h]) * m - 1)
            out.sd[h] = base.sd[h] * m
        }
        out.model = base.model + "+reg"
        return out
    }
}
