import Testing
@testable import Forecast

@Suite("Intermittent: Croston")
struct IntermittentCrostonTests {
    // Demands of 3, 5, 2 after intervals of 2, 3, 2 days.
    private let tiny = DemandSeries(demand: [0, 3, 0, 0, 5, 0, 2])

    @Test func classicRecursionByHand() throws {
        // α = 0.5. Day 1: ẑ = 3, p̂ = 2 (initialisation). Day 4: ẑ = .5·5 + .5·3 = 4,
        // p̂ = .5·3 + .5·2 = 2.5. Day 6: ẑ = .5·2 + .5·4 = 3, p̂ = .5·2 + .5·2.5 = 2.25.
        let fit = try #require(Croston.fit(tiny, variant: .classic, alphaSize: 0.5, alphaInterval: 0.5))
        #expect(isClose(fit.level, 3 / 2.25, 1e-15))
        // One-step forecasts on days 2…6: 1.5, 1.5, 1.5, 1.6, 1.6 against 0, 0, 5, 0, 2.
        // SSE = 2.25 + 2.25 + 12.25 + 2.56 + 0.16 = 19.47 over 5 days.
        #expect(isClose(fit.sigma, (19.47 / 5).squareRoot(), 1e-14))
        #expect(fit.model == "croston")
        #expect(fit.alphaSize == 0.5 && fit.alphaOccurrence == 0.5)
    }

    @Test func sbaRecursionByHand() throws {
        // SBA factor 1 − 0.5/2 = 0.75: level 0.75 · 3/2.25 = 1. One-step forecasts 1.125 (×3),
        // 1.2 (×2): SSE = 2·1.265625 + 15.015625 + 1.44 + 0.64 = 19.626875.
        let fit = try #require(Croston.fit(tiny, variant: .sba, alphaSize: 0.5, alphaInterval: 0.5))
        #expect(isClose(fit.level, 1, 1e-15))
        #expect(isClose(fit.sigma, (19.626875 / 5).squareRoot(), 1e-14))
        #expect(fit.model == "croston_sba")
        // statsforecast's CrostonSBA: α = 0.1, factor 0.95.
        let classic = try #require(Croston.fit(tiny, variant: .classic, alphaSize: 0.1, alphaInterval: 0.1))
        let sba = try #require(Croston.fit(tiny, variant: .sba, alphaSize: 0.1, alphaInterval: 0.1))
        #expect(isClose(sba.level, 0.95 * classic.level, 1e-15))
    }

    @Test func forecastIsFlatWithConstantSigma() throws {
        let fit = try #require(Croston.fit(tiny, variant: .sba))
        let f = fit.forecast(horizon: 5)
        #expect(f.model == "croston_sba")
        #expect(f.mean == [Double](repeating: fit.level, count: 5))
        #expect(f.sd == [Double](repeating: fit.sigma, count: 5))
        #expect(fit.forecast(horizon: 0).mean.isEmpty)
    }

    @Test func noDemandIsNil() {
        #expect(Croston.fit(DemandSeries(demand: [0, 0, 0]), variant: .classic) == nil)
        #expect(Croston.fit(DemandSeries(demand: []), variant: .sba) == nil)
        #expect(Croston.fit(DemandSeries(demand: [0, -1]), variant: .sba, alphaSize: 0.1, alphaInterval: 0.1) == nil)
        // The only demand is censored.
        #expect(Croston.fit(DemandSeries(demand: [0, 4, 0], censored: [false, true, false]), variant: .classic) == nil)
    }

    @Test func singleDemandOnLastDayFallsBackForSigma() throws {
        // ẑ = 9, p̂ = 4; no day after the first demand, so sigma is the RMS of y − level.
        let fit = try #require(Croston.fit(DemandSeries(demand: [0, 0, 0, 9]), variant: .classic))
        #expect(isClose(fit.level, 2.25, 1e-15))
        let expected = ((3 * 2.25 * 2.25 + 6.75 * 6.75) / 4).squareRoot()
        #expect(isClose(fit.sigma, expected, 1e-14))
    }

    @Test func optimisedAlphasMinimiseTheirOwnSSE() throws {
        var rng = SplitMix64(seed: 31)
        let d: [Double] = (0..<400).map { _ in rng.unit() < 0.3 ? Double(1 + rng.int(0...8)) : 0 }
        let y = DemandSeries(demand: d)
        let fit = try #require(Croston.fit(y, variant: .classic))
        var sizes: [Double] = [], intervals: [Double] = []
        var q = 0
        for v in d {
            q += 1
            if v > 0 { sizes.append(v); intervals.append(Double(q)); q = 0 }
        }
        for (x, alpha) in [(sizes, fit.alphaSize), (intervals, fit.alphaOccurrence)] {
            #expect(alpha >= 0.1 && alpha <= 0.3)
            x.withUnsafeBufferPointer { b in
                let best = IntermittentSmoothing.sse(b, alpha: alpha)
                for i in 0...200 {
                    let a = 0.1 + 0.2 * Double(i) / 200
                    #expect(best <= IntermittentSmoothing.sse(b, alpha: a) * (1 + 1e-12))
                }
            }
        }
    }
}
