/// A fitted ETS model: its specification, maximum-likelihood parameters and the states after
/// the last day, ready to forecast.
public struct ETSFit: Sendable {
    public var spec: ETSSpec
    /// Level smoothing α in [1e-4, 0.9999].
    public var alpha: Double
    /// Trend smoothing β in [1e-4, α]; 0 without a trend.
    public var beta: Double
    /// Seasonal smoothing γ in [1e-4, 1 − α]; 0 without a season.
    public var gamma: Double
    /// Damping φ in [0.8, 0.98]; 1 for an undamped or absent trend.
    public var phi: Double
    /// R's log-likelihood, −L*/2 (see `ETSLikelihood`; constants omitted exactly as R does).
    public var logLikelihood: Double
    /// AICc = L* + 2k + 2k(k+1)/(n − k − 1), k = `spec.parameterCount` + 1 (σ² counts),
    /// n = observed days.
    public var aicc: Double
    /// One-step error variance Σε²/(n − `spec.parameterCount`): units² for additive errors,
    /// a relative (unitless) variance for multiplicative errors.
    public var sigma2: Double
    /// Level after the last day, units per day.
    public var level: Double
    /// Slope after the last day, units per day per day (0 without a trend).
    public var slope: Double
    /// Seasonal states after the last day in forecast order: `seasonal[k]` applies to horizon
    /// days k+1, k+1+m, … (m = `spec.period` values; empty without a season). Additive
    /// seasons in units, multiplicative ones as factors around 1.
    public var seasonal: [Double]
    /// The fitted initial states in R's order (ℓ₀, b₀, s₀ … s_{m−1}; s₀ the most recent), for
    /// comparison with R's `fit$initstate`.
    public var initialStates: [Double]
    /// Observed (uncensored) days the fit used.
    public var observations: Int
    /// Objective evaluations the optimiser made.
    public var evaluations: Int

    var smoothing: ETSSmoothing { ETSSmoothing(alpha: alpha, beta: beta, gamma: gamma, phi: phi) }
    var finalState: ETSLevelSlope { ETSLevelSlope(level: level, slope: slope) }
}

/// Exponential smoothing state-space models: the ETS(error, trend, season) taxonomy of Hyndman,
/// Koehler, Ord & Snyder, *Forecasting with Exponential Smoothing* (2008), with R's
/// `forecast::ets` (8.20) as the reference: errors A/M, trends N/A/Ad, seasons N/A/M.
///
///     let fit = ETS.select(series, period: 7)              // AICc over up to 15 specifications
///     let one = ETS.fit(series, spec: ETSSpec("MAdM")!)     // one specification
///     let f = fit?.forecast(horizon: 28, seed: seriesSeed)  // DemandForecast, model "ets(m,ad,m)"
///
/// Files (one job each): `ETSSpec` (specification, names, parameter counts), `ETSRecursion`
/// (the one ETS step, point forecasts), `ETSLikelihood` (the concentrated likelihood over a
/// series, no allocation), `ETSBounds` (usual bounds, admissible region), `ETSInitialization`
/// (R's starting values), `ETSWorkspace` (per-series buffers reused by every candidate, the
/// optimiser's objective), `ETSSelection` (candidates in R's order, `select`), `ETSIntervals`
/// (analytic classes 1–3, simulation otherwise), `ETSRandomStream`; the optimiser is
/// `Optimize/NelderMead` (R's `optim` variant; it reproduces R's iterates exactly).
///
/// Agreement with R (Tests/ForecastTests/ETS, fixtures from scripts/make_ets_fixtures.R, 36
/// series): the same model on 36/36; all 143 fixed-specification fits reach R's optimum
/// (log-likelihood within 0.01 %), point forecasts and 80 % half-widths within 0.7 %.
///
/// Differences from R by design: censored days are missing values (R's NA handling inside
/// `etscalc`, not its `na.contiguous` default) and AICc counts observed days; a specification
/// needs at least (parameters + 4) observed days (R switches to Holt–Winters below
/// parameters + 5); no special case for constant series (R returns `ses` with α = 0.99999; here
/// the selection returns ETS(A,N,N) with σ² = 0).
///
/// Cost: ~35 ms per 730-day daily series for `select` in a release build on one core (test
/// `timingOfSelectionOn730Days`, RESTOCK_TIMING=1), nearly all in up to 2000 likelihood
/// evaluations per candidate (R's Nelder–Mead budget); the recursion is latency-bound.
public enum ETS {
    /// Fits one ETS specification by maximum likelihood (Hyndman et al. 2008, §5.2), the way R's
    /// `forecast::ets(y, model = …)` does: R's starting values (`initparam`, `initstate`), then
    /// Nelder–Mead over (α, β, γ, φ, ℓ₀, b₀, s₀…s_{m−2}) jointly, at most 2000 evaluations,
    /// within the usual bounds and the admissible region (R's `bounds = "both"`).
    ///
    /// Censored days are missing values: no likelihood term, states carried at their one-step
    /// predictions (for the starting values only, they are interpolated linearly).
    ///
    /// Returns nil when the model does not apply: fewer than `spec.parameterCount` + 4 observed
    /// days (or `parameterCount` ≥ n − 1, R's limit), a season with period < 2 or not more
    /// than one period of data, a multiplicative component with a non-positive observed value,
    /// or a start point where the likelihood cannot be evaluated.
    public static func fit(_ y: DemandSeries, spec: ETSSpec) -> ETSFit? {
        ETSWorkspace(y).fit(spec)
    }
}
