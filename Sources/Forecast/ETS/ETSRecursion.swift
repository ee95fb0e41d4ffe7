/// The smoothing parameters of an ETS model, inside R's "usual" bounds after fitting:
/// α in [1e-4, 0.9999], β in [1e-4, α], γ in [1e-4, 1 − α], φ in [0.8, 0.98].
/// Absent components carry β = 0, γ = 0, φ = 1, which makes the recursion ignore them.
struct ETSSmoothing: Sendable, Equatable {
    var alpha: Double
    var beta: Double = 0
    var gamma: Double = 0
    var phi: Double = 1
}

/// The non-seasonal part of the state: level ℓ (units per day) and slope b (units per day per
/// day; 0 without a trend). The seasonal states live in a ring of `m` values beside it.
struct ETSLevelSlope: Sendable, Equatable {
    var level: Double
    var slope: Double = 0
}

/// Which recursion to run: the trend and season kinds. The error kind does not enter the
/// state update (see `ETSRecursion.step`); it only changes the likelihood and the intervals.
struct ETSKind: Sendable, Equatable {
    var trend: ETSSpec.Trend
    var season: ETSSpec.Season
    init(_ spec: ETSSpec) { trend = spec.trend; season = spec.season }
    init(trend: ETSSpec.Trend, season: ETSSpec.Season) { self.trend = trend; self.season = season }
}

enum ETSRecursion {
    /// Guard against division by a (near) zero seasonal factor or level, as in R's `etscalc.c`.
    static let tiny = 1.0e-10
    static let huge = 1.0e10

    /// One step of the ETS state-space recursion in error-correction form (Hyndman et al.
    /// 2008, Table 2.1 and §2.5.2; the same arithmetic as R forecast's `etscalc.c`):
    ///
    ///     q  = ℓ + φb                         (ℓ, b, s: the states after day t−1; φ = 1 if undamped)
    ///     ŷ  = q, q + s, or q·s               (one-step forecast; s = s_{t−m})
    ///     ℓ' = (1 − α)q + αp,  p = y, y − s, or y / s
    ///     b' = φb + β(p − q)                  (R: φb + (β/α)(ℓ' − ℓ − φb), the same number;
    ///                                          = φb + βε for additive errors)
    ///     s' = s + γ(u − s),   u = y − q or y / q
    ///
    /// Level and slope are written with the shortest floating-point dependency chain from one
    /// day to the next (the loop is latency-bound); they agree with R's arithmetic up to rounding.
    ///
    /// The update is written in terms of y alone, so it is the same for additive and
    /// multiplicative errors (e.g. (M,N,M): ℓ(1 + αε) = ℓ + α(y/s − ℓ) with ε = (y − ℓs)/(ℓs)).
    ///
    /// A missing observation (`y` is NaN: a censored day) leaves the error at 0: the states move
    /// to their one-step predictions (ℓ' = q, b' = φb, s' = s).
    ///
    /// - Parameters:
    ///   - x: level and slope, updated in place.
    ///   - s: on entry s_{t−m} (the seasonal state for this day; ignored without a season),
    ///     on return s_t (written back into the same ring slot by the caller).
    ///   - y: the observation, units; NaN when missing.
    /// - Returns: the one-step forecast ŷ made before the update, units.
    @inline(__always)
    static func step(_ x: inout ETSLevelSlope, season s: inout Double, y: Double, kind: ETSKind,
                     p: ETSSmoothing) -> Double {
        let phib: Double
        switch kind.trend {
        case .none: phib = 0
        case .additive: phib = x.slope
        case .additiveDamped: phib = p.phi * x.slope
        }
        let q = x.level + phib
        let forecast: Double
        switch kind.season {
        case .none: forecast = q
        case .additive: forecast = q + s
        case .multiplicative: forecast = q * s
        }
        if y.isNaN {
            x.level = q
            x.slope = phib
            return forecast
        }
        let deseasonalized: Double
        switch kind.season {
        case .none: deseasonalized = y
        case .additive: deseasonalized = y - s
        case .multiplicative: deseasonalized = abs(s) < tiny ? huge : y / s
        }
        let level = (1 - p.alpha) * q + p.alpha * deseasonalized
        if kind.trend != .none {
            x.slope = phib + p.beta * (deseasonalized - q)
        }
        switch kind.season {
        case .none: break
        case .additive: s += p.gamma * (y - q - s)
        case .multiplicative: s += p.gamma * ((abs(q) < tiny ? huge : y / q) - s)
        }
        x.level = level
        return forecast
    }

    /// φ_h = φ + φ² + … + φ^h, the damped trend multiplier (h for φ = 1); Hyndman et al. 2008,
    /// §2.5.1. Used as `phiSum(h)` = φ_h for h ≥ 1.
    @inline(__always)
    static func phiSum(_ phi: Double, _ h: Int) -> Double {
        if phi == 1 { return Double(h) }
        var s = 0.0
        var power = 1.0
        for _ in 0..<h { power *= phi; s += power }
        return s
    }

    /// Point forecasts ŷ_{n+h|n} for h = 1…horizon from the final states (Hyndman et al. 2008,
    /// Table 2.1 forecast column): (ℓ + φ_h b) then + s or × s, with s the seasonal state for the
    /// day's position in the cycle. `seasonal[k]` is the state used for horizon k+1, k+1+m, ….
    static func pointForecasts(_ x: ETSLevelSlope, seasonal: [Double], kind: ETSKind, phi: Double,
                               horizon: Int) -> [Double] {
        var out = [Double](repeating: 0, count: horizon)
        var phiH = 0.0
        var power = 1.0
        for h in 0..<horizon {
            power *= phi
            phiH += power
            var f = x.level
            if kind.trend != .none { f += (kind.trend == .additive ? Double(h + 1) : phiH) * x.slope }
            switch kind.season {
            case .none: break
            case .additive: f += seasonal[h % seasonal.count]
            case .multiplicative: f *= seasonal[h % seasonal.count]
            }
            out[h] = f
        }
        return out
    }
}
