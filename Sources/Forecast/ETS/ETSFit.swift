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
