import Testing
@testable import Forecast

@Suite("StandardNormal")
struct StandardNormalTests {
    // Reference values: R's qnorm / pnorm and φ(k) − k(1 − Φ(k)) in double precision.
    @Test func quantileReferenceValues() {
        #expect(isClose(StandardNormal.quantile(0.975), 1.959963984540054, 1e-12))
        #expect(isClose(StandardNormal.quantile(0.025), -1.959963984540054, 1e-12))
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(isClose(StandardNormal.quantile(0.95), 1.6448536269514722, 1e-12))
        #expect(isClose(StandardNormal.quantile(0.99), 2.3263478740408408, 1e-12))
        #expect(isClose(StandardNormal.quantile(0.01), -2.3263478740408408, 1e-12))
        #expect(isClose(StandardNormal.quantile(1e-10), -6.361340902404056, 1e-9))  // lower-tail branch
    }

    @Test func quantileEdges() {
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(1.5).isNaN)
        #expect(StandardNormal.quantile(-0.1).isNaN)
    }

    @Test func cdfPdfAndLoss() {
        #expect(isClose(StandardNormal.cdf(1.96), 0.9750021048517795, 1e-12))
        #expect(StandardNormal.cdf(0) == 0.5)
        #expect(isClose(StandardNormal.cdf(-1), 0.15865525393145707, 1e-14))
        #expect(isClose(StandardNormal.pdf(0), 0.3989422804014327, 1e-15))
        #expect(isClose(StandardNormal.loss(0), 0.3989422804014327, 1e-9))
        #expect(isClose(StandardNormal.loss(1), 0.0833154705876864, 1e-9))
        #expect(isClose(StandardNormal.loss(-1), 1.0833154705876864, 1e-9))  // G(−k) = G(k) + k
    }

    @Test func quantileInvertsCDF() {
        // Tolerance 1e-8: at |x| = 5 the upper tail 1 − Φ(x) ≈ 3e-7 keeps ~9 significant digits.
        var worst = 0.0
        for i in -20...20 {
            let x = Double(i) / 4
            worst = max(worst, abs(StandardNormal.quantile(StandardNormal.cdf(x)) - x))
        }
        #expect(worst < 1e-8)
    }

    @Test func quantileIsMonotone() {
        var previous = -Double.infinity
        var ok = true
        for i in 1..<1000 {
            let q = StandardNormal.quantile(Double(i) / 1000)
            if !(q > previous) { ok = false }
            previous = q
        }
        #expect(ok)
    }

    @Test func forecastIntervalIsTheQuantilePair() {
        // Above 40 a day: the normal truncated at 0; below: count quantiles (scipy nbinom.ppf).
        let f = DemandForecast(mean: [50, 1], sd: [2, 2], model: "x")
        let (lo, hi) = f.interval(0, level: 0.95)
        #expect(isClose(lo, 50 - 1.959963984540054 * 2, 1e-9))
        #expect(isClose(hi, 50 + 1.959963984540054 * 2, 1e-9))
        #expect(f.interval(1, level: 0.95) == (0, 7))
    }
}
