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
}
