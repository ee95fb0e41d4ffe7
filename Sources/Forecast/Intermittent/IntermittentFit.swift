/// A fitted intermittent-demand model (Croston, SBA or TSB): a flat forecast of `level` units per
/// day with a one-step error standard deviation `sigma`.
///
/// **Forecast error.** `sigma` is the in-sample one-step root-mean-squared error of the method,
/// √(Σ eₜ² / n), over the observed days after the first demand day (before it the method has no
/// state). `forecast(horizon:)` uses it unchanged for every day of the horizon: the Croston-family
/// forecasts are flat and their per-period error is dominated by the demand process itself, so
/// the one-step RMSE (equivalently, the MSE of the per-period forecast) is the standard practical
/// choice for the error of each future period (Syntetos & Boylan, *Intermittent Demand
/// Forecasting: Context, Methods and Applications*, 2021, ch. 6; Syntetos & Boylan 2005, §2).
/// When no such day exists (the only demand is on the last observed day) it falls back to the
/// RMS of (yₜ − level) over all observed days.
public struct IntermittentFit: Sendable, Equatable {
    /// Forecast of demand on every future day, units per day, ≥ 0.
    public var level: Double
    /// Standard deviation of one day's forecast error, units, ≥ 0.
    public var sigma: Double
    /// `croston`, `croston_sba` or `tsb`, as written in `forecast.csv`'s `model` column.
    public var model: String
    /// Smoothing parameter of the non-zero demand sizes, in (0, 1].
    public var alphaSize: Double
    /// Smoothing parameter of the occurrence process, in (0, 1]: the inter-demand intervals for
    /// Croston and SBA, the demand probability for TSB.
    public var alphaOccurrence: Double

    public init(level: Double, sigma: Double, model: String, alphaSize: Double, alphaOccurrence: Double) {
        self.level = level
        self.sigma = sigma
        self.model = model
        self.alphaSize = alphaSize
        self.alphaOccurrence = alphaOccurrence
    }

    /// `horizon` days (≥ 0) of mean `level` and error sd `sigma`. O(horizon).
    public func forecast(horizon: Int) -> DemandForecast {
        precondition(horizon >= 0, "horizon must be non-negative")
        return DemandForecast(mean: [Double](repeating: level, count: horizon),
                              sd: [Double](repeating: sigma, count: horizon), model: model)
    }
}

/// Running sum of squared one-step errors, shared by the Croston and TSB recursions.
struct OneStepErrors {
    var sse = 0.0
    var n = 0

    @inline(__always)
    mutating func add(actual: Double, forecast: Double) {
        let e = actual - forecast
        sse += e * e
        n += 1
    }

    /// √(sse / n), or the RMS of (yₜ − level) over the observed days of `y` when n = 0.
    func rmse(fallbackFor y: DemandSeries, level: Double) -> Double {
        if n > 0 { return (sse / Double(n)).squareRoot() }
        var ss = 0.0
        var m = 0
        y.demand.withUnsafeBufferPointer { d in
            for t in 0..<d.count where y.isObserved(t) {
                let e = max(0, d[t]) - level
                ss += e * e
                m += 1
            }
        }
        return m > 0 ? (ss / Double(m)).squareRoot() : 0
    }
}
