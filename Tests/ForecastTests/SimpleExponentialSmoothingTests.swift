import Testing
@testable import Forecast

@Suite("SimpleExponentialSmoothing")
struct SimpleExponentialSmoothingTests {
    @Test func constantSeries() {
        let fit = SimpleExponentialSmoothing.fit(DemandSeries(demand: .init(repeating: 7.5, count: 40)))
        #expect(isClose(fit.level, 7.5, 1e-12))
        #expect(isClose(fit.sigma, 0, 1e-12))
        let f = fit.forecast(horizon: 10)
        #expect(f.model == "ses")
        #expect(f.mean.count == 10 && f.sd.count == 10)
        #expect(f.mean.allSatisfy { isClose($0, 7.5, 1e-12) })
        #expect(f.sd.allSatisfy { isClose($0, 0, 1e-12) })
    }

    private let known = DemandSeries(demand: [10, 12, 9, 14, 11, 13, 10, 15, 12, 11, 16, 13, 18, 14, 17, 19, 15, 20])

    private func sse(_ alpha: Double) -> Double {
        // Same initial level as `fit`: the mean of the first 7 observed days.
        let l0 = known.demand.prefix(7).reduce(0, +) / 7
        return SimpleExponentialSmoothing.run(known, alpha: alpha, initialLevel: l0).sse
    }

    @Test func fittedAlphaMinimisesSSE() {
        let fit = SimpleExponentialSmoothing.fit(known)
        let a = fit.alpha
        #expect(a >= 0.0001 && a <= 0.9999)
        let best = sse(a)
        // Tolerance 1e-9 relative: golden section stops within ~1e-8 of the optimum in α.
        let slack = 1e-9 * best
        #expect(best <= sse(max(0.0001, a - 0.05)) + slack)
        #expect(best <= sse(min(0.9999, a + 0.05)) + slack)
        var gridMin = Double.infinity
        for i in 1...999 { gridMin = min(gridMin, sse(Double(i) / 1000)) }
        #expect(best <= gridMin + slack)
        // Level and sigma are those of a run at α.
        let l0 = known.demand.prefix(7).reduce(0, +) / 7
        let r = SimpleExponentialSmoothing.run(known, alpha: a, initialLevel: l0)
        #expect(isClose(fit.level, r.level, 1e-12))
        #expect(isClose(fit.sigma, (r.sse / Double(r.n - 1)).squareRoot(), 1e-12))
    }

    @Test func runByHand() {
        // y = [2, 4, 3], l0 = 2, α = 0.5: errors 0, 2, 0 → SSE 4; levels 2, 3, 3.
        let r = SimpleExponentialSmoothing.run(DemandSeries(demand: [2, 4, 3]), alpha: 0.5, initialLevel: 2)
        #expect(r.sse == 4)
        #expect(r.level == 3)
        #expect(r.n == 3)
    }

    @Test func hStepStandardDeviation() {
        let m = SimpleExponentialSmoothing(alpha: 0.3, level: 10, sigma: 2)
        let f = m.forecast(horizon: 5)
        for h in 1...5 {
            #expect(isClose(f.sd[h - 1], 2 * (1 + Double(h - 1) * 0.09).squareRoot(), 1e-12))
            #expect(f.mean[h - 1] == 10)
        }
    }

    @Test func censoredZeroDoesNotPullTheLevelDown() {
        let demand: [Double] = [10, 10, 10, 10, 10, 10, 10, 0, 10, 10, 0]
        var censored = [Bool](repeating: false, count: demand.count)
        censored[7] = true
        censored[10] = true
        let withCensoring = SimpleExponentialSmoothing.fit(DemandSeries(demand: demand, censored: censored))
        #expect(isClose(withCensoring.level, 10, 1e-12))
        #expect(isClose(withCensoring.sigma, 0, 1e-12))
        let without = SimpleExponentialSmoothing.fit(DemandSeries(demand: demand))
        #expect(without.level < 9.9)  // the same zeros read as demand do pull it down
    }

    @Test func censoredDaysAreNotInTheInitialLevel() {
        // The first day is a censored 0: the initial level must come from observed days only.
        let y = DemandSeries(demand: [0, 8, 8, 8, 8, 8, 8, 8, 8], censored: [true] + .init(repeating: false, count: 8))
        let fit = SimpleExponentialSmoothing.fit(y)
        #expect(isClose(fit.level, 8, 1e-12))
        #expect(isClose(fit.sigma, 0, 1e-12))
    }

    @Test func levelIsNeverNegative() {
        let fit = SimpleExponentialSmoothing.fit(DemandSeries(demand: [0, 0, 0, 0]))
        #expect(fit.level == 0)
        #expect(fit.forecast(horizon: 3).mean == [0, 0, 0])
    }
}
