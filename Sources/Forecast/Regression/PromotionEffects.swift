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
    ///
    /// The event columns (3E of them, at most ``EffectLayout/maxEventColumns`` set on a day)
    /// are sparse: BLAS forms XᵀX over the dense columns only and each event day adds its few
    /// terms (on M5, 17 dense columns of 107).
    public static func fit(_ y: DemandSeries, features: CalendarFeatures, layout: EffectLayout,
                           prior: [Double]?, window: Int = 730, effectPenalty: Double = 6) -> PromotionEffects? {
        let n = y.count
        let start = max(0, n - window)
        var rows = 0
        for t in start..<n where y.isObserved(t) { rows += 1 }
        guard rows >= 14 else { return nil }
        let k = layout.columns
        // Dense columns: those before the events, then log price (dense column `d0`).
        let d0 = layout.eventDay, dense = d0 + 1, m = EffectLayout.maxEventColumns
        @inline(__always) func column(_ j: Int) -> Int { j < d0 ? j : layout.logPrice }
        var x = [Double](repeating: 0, count: rows * dense)
        var hot = [Int32](repeating: 0, count: rows * m), hotCount = [Int](repeating: 0, count: rows)
        var z = [Double](repeating: 0, count: rows)
        let beta0 = prior ?? [Double](repeating: 0, count: k)
        var exposure = [Double](repeating: 0, count: k)
        x.withUnsafeMutableBufferPointer { xb in hot.withUnsafeMutableBufferPointer { hb in
            let xp = xb.baseAddress!
            var r = 0
            for t in start..<n where y.isObserved(t) {
                let (count, price) = layout.fillSplitRow(xp + r, stride: rows, day: t, features: features, trendOrigin: n - 1,
                                                         events: hb.baseAddress! + r * m)
                xp[d0 * rows + r] = price
                hotCount[r] = count
                // Residual against the prior: solve for δ = β − β̄.
                var prior = 0.0
                for j in 0..<dense {
                    let v = xp[j * rows + r]
                    if v != 0 { exposure[column(j)] += 1; prior += v * beta0[column(j)] }
                }
                for e in 0..<count {
                    let c = Int(hb[r * m + e])
                    exposure[c] += 1; prior += beta0[c]
                }
                z[r] = log1p(max(0, y.demand[t])) - prior
                r += 1
            }
        } }
        guard let denseX = try? Matrix(rows: rows, columns: dense, elements: x), denseX.isFinite, z.allSatisfy(\.isFinite),
              let denseGram = try? gram(denseX), let denseRHS = try? multiply(denseX, z, transpose: true) else { return nil }
        // XᵀX + Λ and Xᵀz over every column (column-major k × k): the dense block, then each
        // event day's terms (its event columns with each other and with the dense columns).
        var system = [Double](repeating: 0, count: k * k), rhs = [Double](repeating: 0, count: k)
        for b in 0..<dense {
            rhs[column(b)] = denseRHS[b]
            for a in 0..<dense { system[column(a) + column(b) * k] = denseGram.elements[a + b * dense] }
        }
        for r in 0..<rows where hotCount[r] > 0 {
            for e in 0..<hotCount[r] {
                let c = Int(hot[r * m + e])
                rhs[c] += z[r]
                for f in 0..<hotCount[r] { system[c + Int(hot[r * m + f]) * k] += 1 }
                for j in 0..<dense {
                    let v = x[j * rows + r]
                    system[c + column(j) * k] += v
                    system[column(j) + c * k] += v
                }
            }
        }
        let penalty = penalties(layout, effectPenalty: effectPenalty)
        for c in 0..<k { system[c * k + c] += penalty[c] }
        guard let matrix = try? Matrix(rows: k, columns: k, elements: system),
              let delta = try? choleskySolve(matrix, rhs) else { return nil }
        var beta = beta0
        for c in 0..<k { beta[c] += delta[c] }
        guard beta.allSatisfy(\.isFinite) else { return nil }
        return PromotionEffects(layout: layout, coefficients: beta, exposure: exposure)
    }

    /// The adjustment a_t (weekly and yearly season + effects) for every day of `features`:
    /// Σ x_tj β_j over the adjustment's columns, the event columns summed by index.
    public func adjustments(features: CalendarFeatures, trendOrigin: Int) -> [Double] {
        let d0 = layout.eventDay, first = layout.firstAdjustment
        var row = [Double](repeating: 0, count: d0)
        var out = [Double](repeating: 0, count: features.count)
        row.withUnsafeMutableBufferPointer { rb in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: EffectLayout.maxEventColumns) { events in
                for t in 0..<features.count {
                    let (count, price) = layout.fillSplitRow(rb.baseAddress!, stride: 1, day: t, features: features,
                                                             trendOrigin: trendOrigin, events: events.baseAddress!)
                    var a = 0.0
                    for c in first..<d0 { a += rb[c] * coefficients[c] }
                    for e in 0..<count { a += coefficients[Int(events[e])] }
                    out[t] = a + price * coefficients[layout.logPrice]
                }
            }
        }
        return out
    }
}
