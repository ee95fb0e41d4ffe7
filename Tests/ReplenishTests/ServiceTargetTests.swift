import Testing
@testable import Replenish

// Reference safety factors: SciPy brentq on stockpyl standard_normal_loss(k)[0] − G, xtol 1e-14.
@Suite("ServiceTarget")
struct ServiceTargetTests {
    @Test func fillRateSafetyFactorInvertsTheLossFunction() {
        // Silver, Pyke & Thomas's table value: G(k) = 0.0833 at k ≈ 1.00.
        #expect(isClose(SafetyStock.safetyFactor(standardLoss: 0.0833), 1.0000975179693488, 1e-9))
        #expect(isClose(SafetyStock.safetyFactor(standardLoss: 0.08331547058768629), 1, 1e-9))
        let cases: [(Double, Double)] = [(0.05, 1.255581715301822), (0.2, 0.49288732720681866),
                                         (1.5, -1.4685252996646239), (0.001, 2.717805515231753)]
        for (g, k) in cases { #expect(isClose(SafetyStock.safetyFactor(standardLoss: g), k, 1e-9), "G = \(g)") }
        // Out of range: clamps at the bracket.
        #expect(SafetyStock.safetyFactor(standardLoss: 0) == 8.3)
        #expect(SafetyStock.safetyFactor(standardLoss: 100) == -40)
    }

    @Test func fillRateFactorFromBetaQAndSigma() {
        // β = 0.99, Q = 100, σ_P = 20·√5: G(k) = 0.01·100/44.72 = 0.022360679774997897 → k = 1.6163503172674987.
        let k = SafetyStock.safetyFactor(fillRate: 0.99, orderQuantity: 100, protectionSD: 20 * 5.0.squareRoot())
        #expect(isClose(k, 1.6163503172674987, 1e-9))
        #expect(SafetyStock.safetyFactor(fillRate: 0.99, orderQuantity: 100, protectionSD: 0) == 0)
    }

    @Test func stockLevelsForEachTarget() {
        let normal = DemandDistribution.normal(mean: 500, sd: 20 * 5.0.squareRoot())
        #expect(isClose(normal.stockLevel(for: .cycleServiceLevel(0.95), orderQuantity: 0), 500 + z95 * 20 * 5.0.squareRoot(), 1e-9))
        // SciPy: 500 + 1.6163503172674987·20·√5.
        #expect(isClose(normal.stockLevel(for: .fillRate(0.99), orderQuantity: 100), 572.2853836972696, 1e-6))
        // k is floored at 0: a CSL below ½ or a fill rate met by the order size alone keeps s = mean.
        #expect(normal.stockLevel(for: .cycleServiceLevel(0.3), orderQuantity: 0) == 500)
        #expect(normal.stockLevel(for: .fillRate(0.5), orderQuantity: 1000) == 500)

        // Discrete fill rate: smallest s with E[(D − s)⁺] ≤ (1 − β)Q (a loop over s = 0, 1, … on
        // stockpyl discrete_loss(s, scipy.stats.poisson(5))[0]): Poisson(5), β = 0.95, Q = 10, allowed 0.5;
        // L(5) = 0.8773368488392537, L(6) = 0.4932975036723164 → 6.
        let poisson = DemandDistribution.poisson(mean: 5)
        #expect(poisson.stockLevel(for: .fillRate(0.95), orderQuantity: 10) == 6)
        #expect(isClose(poisson.expectedShortfall(6), 0.4932975036723164, 1e-12))
        #expect(isClose(poisson.expectedShortfall(5), 0.8773368488392537, 1e-12))
        // NB(mean 4, var 10) = nbinom(8/3, 0.4), β = 0.9, Q = 4, allowed 0.4;
        // L(7) = 0.4092972537684427, L(8) = 0.27864827842830353 → 8.
        let nb = DemandDistribution.negativeBinomial(mean: 4, variance: 10)
        #expect(nb.stockLevel(for: .fillRate(0.9), orderQuantity: 4) == 8)
        #expect(isClose(nb.expectedShortfall(8), 0.27864827842830353, 1e-12))
        #expect(isClose(nb.expectedShortfall(7), 0.4092972537684427, 1e-12))
        // Discrete CSL is the quantile.
        #expect(nb.stockLevel(for: .cycleServiceLevel(0.9), orderQuantity: 4) == 8)
        #expect(poisson.stockLevel(for: .cycleServiceLevel(0.9), orderQuantity: 4) == 8)
    }

    @Test func discreteFillRateIsTheSmallestSufficientLevel() {
        for d in [DemandDistribution.poisson(mean: 2.5), .poisson(mean: 14), .negativeBinomial(mean: 6, variance: 30)] {
            for beta in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
                for q in [1.0, 3, 10] {
                    let allowed = (1 - beta) * q
                    let s = d.stockLevel(for: .fillRate(beta), orderQuantity: q)
                    #expect(d.expectedShortfall(s) <= allowed + 1e-12)
                    #expect(s == 0 || d.expectedShortfall(s - 1) > allowed)
                }
            }
        }
    }
}
