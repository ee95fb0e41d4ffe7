import Testing
@testable import Replenish

// Reference values: stockpyl 1.0.2 (Snyder & Shen, "Fundamentals of Supply Chain Theory", 2nd ed.)
// and SciPy 1.17 `stats.poisson` / `stats.nbinom`, as printed by the call quoted beside each literal.
@Suite("DemandDistribution")
struct DemandDistributionTests {
    // MARK: automatic choice

    @Test func choiceRule() {
        #expect(DemandDistribution.choose(mean: 20, sd: 3).model == .normal)     // at the limit: normal
        #expect(DemandDistribution.choose(mean: 250, sd: 90).model == .normal)
        #expect(DemandDistribution.choose(mean: 19.9, sd: 19.9.squareRoot()).model == .poisson)
        #expect(DemandDistribution.choose(mean: 10, sd: 11.0.squareRoot()).model == .poisson)  // var/mean = 1.1
        #expect(DemandDistribution.choose(mean: 10, sd: 1).model == .poisson)  // under-dispersed → Poisson
        #expect(DemandDistribution.choose(mean: 10, sd: 11.1.squareRoot()).model == .negativeBinomial)
        #expect(DemandDistribution.choose(mean: 0, sd: 2) == .poisson(mean: 0))
        #expect(DemandDistribution.choose(mean: -1, sd: 0) == .poisson(mean: 0))
    }

    @Test func aMeanTooSmallToSquareOrAnInfiniteVarianceIsPoissonNotACrash() {
        // μ² underflows to 0, so the shape r = μ²/(σ² − μ) would be 0.
        let tiny = DemandDistribution.choose(mean: 1e-170, sd: 0.5)
        #expect(tiny.model == .poisson)
        #expect(tiny.quantile(0.95) == 0)
        #expect(DemandDistribution.negativeBinomial(mean: 0.5, variance: .infinity).model == .poisson)
        #expect(DemandDistribution.choose(mean: 2, sd: 3).model == .negativeBinomial)
    }

    @Test func negativeBinomialMethodOfMoments() {
        // mean 4, variance 10: p = 0.4, r = 16/6.
        let d = DemandDistribution.negativeBinomial(mean: 4, variance: 10)
        #expect(d.model == .negativeBinomial)
        #expect(isClose(d.successProbability, 0.4, 1e-15) && isClose(d.shape, 16.0 / 6, 1e-15))
        #expect(isClose(d.mean, 4, 1e-12) && isClose(d.variance, 10, 1e-12))
        // Not over-dispersed: falls back to Poisson.
        #expect(DemandDistribution.negativeBinomial(mean: 4, variance: 3) == .poisson(mean: 4))
    }

    // MARK: normal

    @Test func normalQuantileIsTheNewsvendorLevel() {
        // stockpyl newsvendor_normal(0.18, 0.70, 50, 8) (Snyder & Shen Example 4.3): S* = 56.60395592743389,
        // i.e. the 0.70/0.88 quantile of N(50, 8²).
        let d = DemandDistribution.normal(mean: 50, sd: 8)
        #expect(isClose(d.quantile(0.70 / 0.88), 56.60395592743389, 1e-9))
        // stockpyl newsvendor_normal(0.05, 0.95, 100, 20): 132.89707253902944 (CSL 0.95).
        #expect(isClose(DemandDistribution.normal(mean: 100, sd: 20).quantile(0.95), 132.89707253902944, 1e-9))
        #expect(isClose(d.cdf(56.60395592743389), 0.70 / 0.88, 1e-12))
        // σ = 0: all mass at the mean.
        let point = DemandDistribution.normal(mean: 7, sd: 0)
        #expect(point.quantile(0.99) == 7 && point.cdf(6.9) == 0 && point.cdf(7) == 1)
        #expect(point.expectedShortfall(5) == 2 && point.expectedShortfall(9) == 0)
    }

    @Test func normalLoss() {
        // stockpyl normal_loss(120, 100, 20)[0] = 1.6663094117537258 = 20·G(1).
        #expect(isClose(DemandDistribution.normal(mean: 100, sd: 20).expectedShortfall(120), 1.6663094117537258, 1e-12))
        // stockpyl standard_normal_loss(z)[0].
        let g: [(Double, Double)] = [(-2, 2.0084907026168297), (-1, 1.0833154705876864), (0, 0.3989422804014327),
                                     (0.5, 0.19779655740130603), (1, 0.08331547058768629), (1.5, 0.029306793762604616),
                                     (2, 0.008490702616829646), (3, 0.0003821543170476971)]
        let unit = DemandDistribution.normal(mean: 0, sd: 1)
        for (z, expected) in g { #expect(isRelClose(unit.expectedShortfall(z), expected, 1e-12), "G(\(z))") }
    }

    // MARK: Poisson

    @Test func poissonBaseStockLevels() {
        // stockpyl newsvendor_poisson(h, p, mean)[0] = smallest S with F(S) ≥ p/(h + p).
        #expect(DemandDistribution.poisson(mean: 5).quantile(0.9) == 8)        // (0.1, 0.9, 5) → 8
        #expect(DemandDistribution.poisson(mean: 3).quantile(0.95) == 6)       // (0.05, 0.95, 3) → 6
        #expect(DemandDistribution.poisson(mean: 0.5).quantile(0.99) == 3)     // (0.01, 0.99, 0.5) → 3
        #expect(DemandDistribution.poisson(mean: 50).quantile(0.70 / 0.88) == 56)  // (0.18, 0.70, 50) → 56
        #expect(DemandDistribution.poisson(mean: 0.3).quantile(0.5) == 0)      // SciPy poisson.ppf(0.5, 0.3) = 0
        #expect(DemandDistribution.poisson(mean: 0).quantile(0.99) == 0)
    }

    @Test func poissonCDFAndLoss() {
        let d = DemandDistribution.poisson(mean: 5)
        // stockpyl poisson_loss(x, 5)[0].
        for (x, expected) in [(0.0, 5.0), (3, 2.1718176484766794), (5, 0.8773368488392534), (8, 0.12210929257524816),
                              (12, 0.003039240035802755)] {
            #expect(isRelClose(d.expectedShortfall(x), expected, 1e-12), "loss(\(x))")
        }
        // Far tail, where a closed form in 1 − F loses digits: stockpyl poisson_loss(25, 5)[0] prints
        // 3.729994091372646e-11, but the exact sum Σ_{j>25} (j − 25)·e⁻⁵5ʲ/j! (Python fractions over
        // j ≤ 400, times e⁻⁵ in 40-digit decimal) is 3.730050422220271e-11.
        #expect(isRelClose(d.expectedShortfall(25), 3.730050422220271e-11, 1e-12))
        // Between integers the loss is linear: L(3.25) = L(3) − 0.25·P(D > 3).
        #expect(isClose(d.expectedShortfall(3.25), 2.1718176484766794 - 0.25 * (1 - d.cdf(3)), 1e-12))
        #expect(d.expectedShortfall(-2) == 7)
        // SciPy poisson(15).cdf(30), .sf(30).
        let fifteen = DemandDistribution.poisson(mean: 15)
        #expect(isClose(fifteen.cdf(30), 0.9998026868503117, 1e-13))
        #expect(isRelClose(fifteen.discreteSurvival(30), 0.0001973131496882521, 1e-11))
        #expect(fifteen.cdf(-0.5) == 0 && fifteen.cdf(30.9) == fifteen.cdf(30))
    }

    // MARK: negative binomial

    @Test func negativeBinomialBaseStockLevels() {
        // stockpyl newsvendor_discrete(1 − α, α, demand_distrib=scipy.stats.nbinom(r, p))[0],
        // with (r, p) by the method of moments from (mean, variance).
        let cases: [(mean: Double, variance: Double, alpha: Double, level: Double)] = [
            (4, 10, 0.90, 8), (4, 10, 0.95, 10), (10, 30, 0.95, 20), (1.5, 6, 0.99, 11), (12, 14, 0.80, 15),
        ]
        for c in cases {
            let d = DemandDistribution.negativeBinomial(mean: c.mean, variance: c.variance)
            #expect(d.quantile(c.alpha) == c.level, "NB(\(c.mean), \(c.variance)) at \(c.alpha)")
        }
    }

    @Test func negativeBinomialCDFAndLoss() {
        // SciPy nbinom(r, p).cdf(5) and stockpyl discrete_loss(x, nbinom(r, p))[0].
        let cases: [(mean: Double, variance: Double, cdf5: Double, loss3: Double, loss12: Double)] = [
            (4, 10, 0.7397067409274456, 1.6914164552990543, 0.055429576139079284),
            (10, 30, 0.21312808006909525, 7.067215363511662, 1.3998825136994775),
            (1.5, 6, 0.9313449859619142, 0.48046875000000044, 0.024950639028475052),
            (12, 14, 0.028131779720006782, 9.00116807682602, 1.482132531496081),
        ]
        for c in cases {
            let d = DemandDistribution.negativeBinomial(mean: c.mean, variance: c.variance)
            #expect(isClose(d.cdf(5), c.cdf5, 1e-12))
            #expect(isRelClose(d.expectedShortfall(3), c.loss3, 1e-10))
            #expect(isRelClose(d.expectedShortfall(12), c.loss12, 1e-10))
        }
        // Heavy tail: SciPy nbinom(0.5, 0.25).sf(40).
        #expect(isRelClose(DemandDistribution.negativeBinomial(shape: 0.5, successProbability: 0.25).discreteSurvival(40),
                           1.28204378772646e-06, 1e-9))
    }

    @Test func discreteIdentities() {
        // Σ f = 1, L(0) = mean, L(s) − L(s+1) = P(D > s), quantile is the smallest s with F(s) ≥ q.
        for d in [DemandDistribution.poisson(mean: 7.3), .negativeBinomial(mean: 3.2, variance: 9.1)] {
            var total = 0.0
            for k in 0..<400 { total += d.pmf(k) }
            #expect(isClose(total, 1, 1e-12))
            #expect(isClose(d.expectedShortfall(0), d.mean, 1e-12))
            for s in 0..<30 {
                let drop = d.expectedShortfall(Double(s)) - d.expectedShortfall(Double(s + 1))
                #expect(isClose(drop, 1 - d.cdf(Double(s)), 1e-12))
            }
            for q in stride(from: 0.05, to: 1, by: 0.05) {
                let s = d.quantile(q)
                #expect(d.cdf(s) >= q && (s == 0 || d.cdf(s - 1) < q))
            }
        }
    }
}
