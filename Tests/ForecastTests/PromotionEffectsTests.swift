import Foundation
import LinearAlgebra
import Testing
import TestSupport
@testable import Forecast

/// The per-series calendar regression solves its ridge system with the event columns sparse:
/// the same coefficients as the dense system through ``ridgeSolve(_:_:penalty:)``.
@Suite("PromotionEffects")
struct PromotionEffectsTests {
    /// 500 days with two promotion types, three events (some on consecutive days, so their
    /// before/after windows overlap), prices, and a few censored days.
    func series(seed: UInt64) -> (y: DemandSeries, features: CalendarFeatures, layout: EffectLayout) {
        var rng = SplitMix64(seed: seed)
        let days = 500, horizon = 28
        let layout = EffectLayout(promotionTypes: 2, events: 3)
        var f = CalendarFeatures(count: days + horizon, firstWeekday: 2, firstDayOfYear: 40)
        for t in 0..<(days + horizon) {
            if rng.unit() < 0.1 { f.promoType[t] = Int32(rng.next() % 2); f.discount[t] = 0.2 }
            if t % 61 == 7 || t % 61 == 8 { f.event[t] = Int32((t / 61) % 3) }
            if t % 97 == 50 { f.event[t] = 2 }
            f.logPriceRatio[t] = t % 45 < 5 ? -0.2 : 0
        }
        var demand = [Double](repeating: 0, count: days), censored = [Bool](repeating: false, count: days)
        for t in 0..<days {
            var m = 5.0 * (f.promoType[t] >= 0 ? 1.6 : 1) * (f.event[t] >= 0 ? 0.5 : 1)
            m *= t % 7 == 5 ? 1.5 : 1
            demand[t] = (m * (0.5 + rng.unit())).rounded()
            censored[t] = t % 53 == 11
        }
        return (DemandSeries(demand: demand, censored: censored), f, layout)
    }

    @Test func theSparseSystemIsTheDenseRidge() throws {
        for seed: UInt64 in [1, 2, 3] {
            let (y, f, layout) = series(seed: seed)
            let k = layout.columns
            let prior = (0..<k).map { c in c >= layout.firstEffect ? 0.05 * Double(c % 5) - 0.1 : 0 }
            let fit = try #require(PromotionEffects.fit(y, features: f, layout: layout, prior: prior, window: 400))
            // The dense reference: the whole design, residual against the prior, ridgeSolve.
            let start = y.count - 400
            let days = (start..<y.count).filter { y.isObserved($0) }
            var x = [Double](repeating: 0, count: days.count * k), z = [Double](repeating: 0, count: days.count)
            x.withUnsafeMutableBufferPointer { xb in
                for (r, t) in days.enumerated() {
                    layout.fillRow(xb.baseAddress!, rows: days.count, row: r, day: t, features: f, trendOrigin: y.count - 1)
                    var p = 0.0
                    for c in 0..<k { p += xb[c * days.count + r] * prior[c] }
                    z[r] = log1p(y.demand[t]) - p
                }
            }
            let delta = try ridgeSolve(Matrix(rows: days.count, columns: k, elements: x), z,
                                       penalty: PromotionEffects.penalties(layout))
            var events = 0
            for (r, _) in days.enumerated() { for c in layout.eventDay..<layout.logPrice where x[c * days.count + r] != 0 { events += 1 } }
            #expect(events > 50)
            for c in 0..<k {
                #expect(abs(fit.coefficients[c] - (prior[c] + delta[c])) <= 1e-9 * max(1, abs(delta[c])), "seed \(seed) column \(c)")
                var exposure = 0.0
                for r in 0..<days.count where x[c * days.count + r] != 0 { exposure += 1 }
                #expect(fit.exposure[c] == exposure, "seed \(seed) column \(c)")
            }
            // The adjustments are the dense rows' Σ x_tj β_j over the adjustment's columns.
            let a = fit.adjustments(features: f, trendOrigin: y.count - 1)
            var row = [Double](repeating: 0, count: k)
            for t in 0..<f.count {
                row.withUnsafeMutableBufferPointer { layout.fillRow($0.baseAddress!, rows: 1, row: 0, day: t, features: f, trendOrigin: y.count - 1) }
                var expected = 0.0
                for c in layout.firstAdjustment..<k { expected += row[c] * fit.coefficients[c] }
                #expect(abs(a[t] - expected) <= 1e-12 * max(1, abs(expected)), "seed \(seed) day \(t)")
            }
        }
    }
}
