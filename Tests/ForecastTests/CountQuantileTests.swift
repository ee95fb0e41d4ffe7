import Testing
@testable import Forecast

/// Reference values: scipy.stats `nbinom.ppf(p, r, q)` with q = μ/σ², r = μq/(1 − q), and
/// `poisson.ppf(p, μ)` (scipy 1.17), at the M5 uncertainty track's nine levels.
@Suite("CountQuantile")
struct CountQuantileTests {
    let levels = [0.005, 0.025, 0.165, 0.25, 0.5, 0.75, 0.835, 0.975, 0.995]

    @Test(arguments: [
        (1.0, 2.0, [0.0, 0, 0, 0, 0, 1, 2, 7, 11]),
        (0.3, 0.8, [0.0, 0, 0, 0, 0, 0, 1, 3, 5]),
        (5.0, 4.0, [0.0, 0, 1, 2, 4, 7, 9, 15, 20]),
        (25.0, 9.0, [7.0, 10, 16, 19, 24, 30, 34, 45, 53]),
    ])
    func negativeBinomialMatchesScipy(mean: Double, sd: Double, expected: [Double]) {
        #expect(levels.map { CountQuantile.quantile(mean: mean, sd: sd, p: $0) } == expected)
    }

    @Test func poissonWhenTheSpreadIsBelowTheMean() {
        #expect([0.005, 0.5, 0.975].map { CountQuantile.quantile(mean: 10, sd: 1, p: $0) } == [3, 10, 17])
        #expect([0.5, 0.75, 0.995].map { CountQuantile.quantile(mean: 0.5, sd: 0, p: $0) } == [0, 1, 3])
    }

    @Test func zeroMeanIsZero() {
        #expect(CountQuantile.quantile(mean: 0, sd: 3, p: 0.99) == 0)
    }

    /// scipy 1.17: `nbinom.cdf(y − 1, r, q)`, `nbinom.cdf(y, r, q)` for μ = 1, σ = 2, and
    /// `poisson.cdf` for μ = 0.5 (σ below √μ).
    @Test(arguments: [
        (1.0, 2.0, 0.0, 0.0, 0.6299605249474366),
        (1.0, 2.0, 1.0, 0.6299605249474366, 0.7874506561842957),
        (1.0, 2.0, 3.0, 0.8661957218027252, 0.9121303434134759),
        (1.0, 2.0, 7.0, 0.9719410486358074, 0.9803829024586165),
        (0.5, 0.1, 2.0, 0.9097959895689501, 0.9856123220330293),
    ])
    func cdfMatchesScipy(mean: Double, sd: Double, y: Double, below: Double, atOrBelow: Double) {
        let t = CountQuantile.cdf(mean: mean, sd: sd, at: y)
        #expect(abs(t.below - below) < 1e-12)
        #expect(abs(t.atOrBelow - atOrBelow) < 1e-12)
    }

    @Test func fractionalActualsCountTheWholeUnitsBelow() {
        let t = CountQuantile.cdf(mean: 1, sd: 2, at: 2.5)
        #expect(abs(t.below - 0.8661957218027252) < 1e-12)   // P(D ≤ 2)
        #expect(t.below == t.atOrBelow)
    }

    /// The quantile at p is the actual k with P(D < k) < p ≤ P(D ≤ k): the two agree on every
    /// branch (Poisson, negative binomial, the normal above 40 a day).
    @Test(arguments: [(0.4, 0.3), (3.0, 4.0), (12.0, 3.0), (60.0, 9.0)])
    func cdfAndQuantileAgree(mean: Double, sd: Double) {
        for p in [0.01, 0.2, 0.5, 0.8, 0.99] {
            let k = CountQuantile.quantile(mean: mean, sd: sd, p: p)
            let t = CountQuantile.cdf(mean: mean, sd: sd, at: k)
            #expect(t.below <= p + 1e-12 && p <= t.atOrBelow + 1e-12, "μ \(mean) σ \(sd) p \(p) k \(k)")
        }
    }

    @Test func zeroMeanIsThePointMassAtZero() {
        #expect(CountQuantile.cdf(mean: 0, sd: 0, at: 0).below == 0)
        #expect(CountQuantile.cdf(mean: 0, sd: 0, at: 0).atOrBelow == 1)
        #expect(CountQuantile.cdf(mean: 0, sd: 0, at: 2).below == 1)
    }
}
