extension ETS {
    /// The candidate specifications of R's `ets(y)` (model "ZZZ", `restrict = TRUE`,
    /// `allow.multiplicative.trend = FALSE`), in R's search order (error A, M; trend N, A;
    /// season N, A, M; damped before undamped), so that AICc ties resolve as in R:
    ///
    /// - additive error never with a multiplicative season (numerically unstable;
    ///   Hyndman et al. 2008, §7.2);
    /// - multiplicative error or season only when `positive`;
    /// - seasonal models only for `period` ≥ 2 and more than `period` days (R's `n <= m` rule);
    /// - damped trends only when `allowDamped`.
    ///
    /// Up to 15 specifications for daily data (6 with additive errors, 9 with multiplicative).
    public static func candidates(period: Int, days: Int, positive: Bool, allowDamped: Bool = true) -> [ETSSpec] {
        let seasonal = period >= 2 && days > period
        var out: [ETSSpec] = []
        for error in [ETSSpec.Error.additive, .multiplicative] where error == .additive || positive {
            for trend in [false, true] {
                for season in [ETSSpec.Season.none, .additive, .multiplicative] {
                    if season != .none && !seasonal { continue }
                    if season == .multiplicative && (error == .additive || !positive) { continue }
                    for damped in [true, false] {
                        if damped && (!trend || !allowDamped) { continue }
                        let t: ETSSpec.Trend = trend ? (damped ? .additiveDamped : .additive) : .none
                        out.append(ETSSpec(error: error, trend: t, season: season, period: period))
                    }
                }
            }
        }
        return out
    }

    /// Fits every candidate (see `candidates`) and returns the one with the smallest AICc
    /// (Hyndman et al. 2008, §7.1; R's `ets(y)` default `ic = "aicc"`); ties keep the earlier
    /// candidate. Multiplicative error and season are considered only when every observed day
    /// is strictly positive. Nil when no candidate can be fitted (e.g. too few observed days:
    /// ETS(A,N,N) needs 6).
    ///
    /// Cost: up to 15 fits of at most 2000 likelihood evaluations of O(n) each; the buffers of
    /// one series are allocated once and reused across candidates.
    public static func select(_ y: DemandSeries, period: Int = 7, allowDamped: Bool = true) -> ETSFit? {
        let workspace = ETSWorkspace(y)
        var best: ETSFit?
        for spec in candidates(period: period, days: y.count, positive: workspace.positive, allowDamped: allowDamped) {
            guard let fit = workspace.fit(spec), !fit.aicc.isNaN else { continue }
            if best == nil || fit.aicc < best!.aicc { best = fit }
        }
        return best
    }
}
