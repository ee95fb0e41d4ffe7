/// The specification of an exponential smoothing state-space model, ETS(error, trend, season)
/// (Hyndman, Koehler, Ord & Snyder, *Forecasting with Exponential Smoothing*, 2008, §2.5,
/// Table 2.1). Multiplicative trends are not part of restock's taxonomy (R's `ets` excludes
/// them by default too, `allow.multiplicative.trend = FALSE`).
public struct ETSSpec: Hashable, Sendable {
    public enum Error: Hashable, Sendable { case additive, multiplicative }
    public enum Trend: Hashable, Sendable { case none, additive, additiveDamped }
    public enum Season: Hashable, Sendable { case none, additive, multiplicative }

    public var error: Error
    public var trend: Trend
    public var season: Season
    /// Length of the seasonal cycle, observations (7 for daily data with a weekly pattern).
    /// Ignored when `season == .none`.
    public var period: Int

    public init(error: Error, trend: Trend, season: Season, period: Int = 7) {
        self.error = error
        self.trend = trend
        self.season = season
        self.period = period
    }

    /// Parses R's compact code: "ANN", "AAdA", "MNM", "MAdM", … (error, trend with an
    /// optional "d" for damping, season). Nil for anything else (including an "M" trend).
    public init?(_ code: String, period: Int = 7) {
        var chars = Array(code)
        guard chars.count == 3 || chars.count == 4 else { return nil }
        let damped = chars.count == 4
        if damped {
            guard chars[2] == "d" else { return nil }
            chars.remove(at: 2)
        }
        switch chars[0] { case "A": error = .additive; case "M": error = .multiplicative; default: return nil }
        switch (chars[1], damped) {
        case ("N", false): trend = .none
        case ("A", false): trend = .additive
        case ("A", true): trend = .additiveDamped
        default: return nil
        }
        switch chars[2] { case "N": season = .none; case "A": season = .additive; case "M": season = .multiplicative
        default: return nil }
        self.period = period
    }

    /// R's name, e.g. "ETS(A,Ad,M)".
    public var name: String {
        let e = error == .additive ? "A" : "M"
        let t: String
        switch trend { case .none: t = "N"; case .additive: t = "A"; case .additiveDamped: t = "Ad" }
        let s: String
        switch season { case .none: s = "N"; case .additive: s = "A"; case .multiplicative: s = "M" }
        return "ETS(\(e),\(t),\(s))"
    }

    /// The `model` column of `forecast.csv`, e.g. "ets(a,ad,m)".
    public var modelName: String { name.lowercased() }

    public var hasTrend: Bool { trend != .none }
    public var isDamped: Bool { trend == .additiveDamped }
    public var hasSeason: Bool { season != .none }

    /// True when a component is multiplicative, so the data must be strictly positive.
    public var needsPositiveData: Bool { error == .multiplicative || season == .multiplicative }

    /// The seasonal period the recursion uses: `period` for seasonal models, 1 otherwise.
    var seasonLength: Int { hasSeason ? period : 1 }

    /// Number of smoothing parameters estimated: α, β (trend), γ (season), φ (damped).
    var smoothingCount: Int { 1 + (hasTrend ? 1 : 0) + (hasSeason ? 1 : 0) + (isDamped ? 1 : 0) }

    /// Number of free initial states: ℓ₀, b₀ (trend), s₀…s_{m−2} (season; the last seasonal
    /// state is fixed by the normalisation Σs = 0 (additive) or m (multiplicative)).
    var initialStateCount: Int { 1 + (hasTrend ? 1 : 0) + (hasSeason ? period - 1 : 0) }

    /// Number of estimated parameters excluding σ²: what R's `ets` counts as `length(fit$par)`.
    public var parameterCount: Int { smoothingCount + initialStateCount }
}

extension ETSSpec: CustomStringConvertible {
    public var description: String { name }
}
