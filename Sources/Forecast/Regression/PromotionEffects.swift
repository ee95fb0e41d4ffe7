import Foundation
import LinearAlgebra

/// Regression of one series' log demand on calendar, promotions, events and price, solved by
/// ridge through LAPACK's Cholesky (`ridgeSolve`), shrinking each effect toward a prior (the
/// pooled estimate of the same effect across the series' category and all series).
///
/// Model, on observed (uncensored) days t of the fit window:
/// log(1 + y_t) = x_tᵀβ + ε_t, and the fit minimises Σ(log(1+y_t) − x_tᵀβ)² + Σ_j λ_j(β_j − β̄_j)²
/// with β̄ the prior (0 for intercept, trend and weekday). Effects are multiplicative on 1 + y.
/// The *adjustment* on day t is a_t = Σ_{j ≥ firstAdjustment} x_tj β_j (weekly and yearly season + effects):
/// a baseline model fits (1 + y_t)·e^{−a_t} − 1 and its forecast b is put back as (1 + b)·e^{a} − 1.
public struct PromotionEffects: Sendable {
    public let layout: EffectLayout
    /// β, one per layout column.
    public var coefficients: [Double]
    /// Days each column was non-zero among the fitted days (the weight of its estimate).
    public var exposure: [Double]

    public init(layout: EffectLayout, coefficients: [Double], exposure: [Double]) {
        self.layout = layout
        self.coefficients = coefficients
        self.exposure = exposure
    }

    /// Ridge penalties λ_j, in days of data: an effect seen on fewer days than its penalty stays
    /// near its prior. Intercept unpenalised; weekday lightly, trend strongly penalised.
    public static func penalties(_ layout: EffectLayout, effectPenalty: Double = 6) -> [Double] {
        var p = [Double](repeating: effectPenalty, count: layout.columns)
        p[layout.intercept] = 0
        p[layout.trend] = 200
        for k in 0..<6 { p[layout.weekday + k] = 1 }
        for k in 0..<(2 * EffectLayout.fourierPairs) { p[layout.fourier + k] = 30 }
        return p
    }

    /// Fits the last `window` days of `y` (observed days only). `features` covers at least the
    /// history; `prior` has `layout.columns` elements or is nil (zeros). Nil when fewer than
    /// 14 observed days or the system cannot be solved.
    /// `effectPenalty` is λ for the effect columns (days); pooling fits use a small one so the
    /// pooled estimates are not shrunk toward zero.
    public static func fit(_ y: DemandSeries, features: CalendarFeatures, layout: EffectLayout,
                           prior: [Double]?, window: Int = 730, effectPenalty: Double = 6) -> PromotionEffects? {
        let n = y.count
        let start = max(0, n - window)
        var rows = 0
        for t in start..<n where y.isObserved(t) { rows += 1 }
        guard rows >= 14 else { return nil }
        let k = layout.columns
        var x = [Double](repeating: 0, count: rows * k)
        var z = [Double](repeating: 0, count: rows)
        let beta0 = prior ?? [Double](repeating: 0, count: k)
        var exposure = [Double](repeating: 0, count: k)
        x.withUnsafeMutableBufferPointer { xb in
            let xp = xb.baseAddress!
            var r = 0
            for t in start..<n where y.isObserved(t) {
                layout.fillRow(xp, rows: rows, row: r, day: t, features: features, trendOrigin: n - 1)
                // Residual against the prior: solve for δ = β − β̄.
                var prior = 0.0
                for c in 0..<k {
                    let v = xp[c * rows + r]
                    if v != 0 { exposure[c] += 1; prior += v * beta0[c] }
                }
                z[r] = log1p(max(0, y.demand[t])) - prior
                r += 1
            }
        }
        guard let matrix = try? Matrix(rows: rows, columns: k, elements: x),
              let delta = try? ridgeSolve(matrix, z, penalty: penalties(layout, effectPenalty: effectPenalty)) else { return nil }
        var beta = beta0
        for c in 0..<k { beta[c] += delta[c] }
        guard beta.allSatisfy(\.isFinite) else { return nil }
        return PromotionEffects(layout: layout, coefficients: beta, exposure: exposure)
    }

    /// The adjustment a_t (weekly and yearly season + effects) for every day of `features`.
    public func adjustments(features: CalendarFeatures, trendOrigin: Int) -> [Double] {
        let k = layout.columns
        var row = [Double](repeating: 0, count: k)
        var out = [Double](repeating: 0, count: features.count)
        row.withUnsafeMutableBufferPointer { rb in
            for t in 0..<features.count {
                layout.fillRow(rb.baseAddress!, rows: 1, row: 0, day: t, features: features, trendOrigin: trendOrigin)
                var a = 0.0
                for c in layout.firstAdjustment..<k { a += rb[c] * coefficients[c] }
                out[t] = a
            }
        }
        return out
    }
}
