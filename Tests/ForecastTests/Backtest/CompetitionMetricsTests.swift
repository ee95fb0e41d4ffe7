import Testing
@testable import Forecast

/// WRMSSE, RMSPE and WSPL on two hand-computed series.
///
/// Series A: history [0, 0, 2, 4, 2, 4], price 2.5 every day. Since its first sale (day 2) the
/// one-day changes are +2, −2, +2: mse 4, mae 2 (the leading zeros would give mse 16/5 = 3.2).
/// Weight 12 units × 2.5 = 30. Horizon: actual [3, 1], forecast 2 and 2, errors −1, +1:
/// RMSSE_A = √(1 / 4) = 0.5.
///
/// Series B: history [1, 4, 9, 4], day 2 a stock-out; price 1 on day 0, unknown on days 1–2
/// (the day-0 price carries), 2 on day 3. Only the pair (0, 1) is observed: change +3, mse 9,
/// mae 3. Weight 1·1 + 4·1 + 9·1 + 4·2 = 22. Horizon: actual [6, 0], forecast 3 and 3, errors
/// −3, +3: RMSSE_B = √(9 / 9) = 1.
///
/// WRMSSE = (30 · 0.5 + 22 · 1) / 52 = 37/52.
/// RMSPE over the days with sales (B's second day sold 0): errors/actual −1/3, +1, −1/2:
/// √((1/9 + 1 + 1/4) / 3) = √(49/108).
/// WSPL with sd 0 (all nine quantiles at the mean): the nine τ sum to 4.5, so the mean pinball
/// over the quantiles is |e| / 2. SPL_A = (1 / 2) / 2 = 0.25, SPL_B = (3 / 2) / 3 = 0.5;
/// WSPL = (30 · 0.25 + 22 · 0.5) / 52 = 18.5/52.
@Suite("CompetitionMetrics")
struct CompetitionMetricsTests {
    let a = DemandSeries(demand: [0, 0, 2, 4, 2, 4])
    let aPrice: [Float] = .init(repeating: 2.5, count: 6)
    let b = DemandSeries(demand: [1, 4, 9, 4], censored: [false, false, true, false])
    let bPrice: [Float] = [1, .nan, .nan, 2]

    @Test func scalesStartAtTheFirstSaleAndSkipStockouts() {
        let sa = CompetitionScales.of(a, price: aPrice)
        #expect(sa == CompetitionScales(mse: 4, mae: 2, weight: 30))
        let sb = CompetitionScales.of(b, price: bPrice)
        #expect(sb == CompetitionScales(mse: 9, mae: 3, weight: 22))
        // No price column: units.
        #expect(CompetitionScales.of(a, price: []).weight == 12)
        // A window of 2 days starts on an unknown price: the latest known one before it (day 0's 1).
        #expect(CompetitionScales.dollarSales(b.demand, price: bPrice, days: 2) == 9 * 1 + 4 * 2)
        // No known price on or before a day: the day adds nothing.
        #expect(CompetitionScales.dollarSales([5, 7], price: [.nan, 3], days: 28) == 21)
        // Never sold, or sold on one day only: no change to scale by.
        let never = CompetitionScales.changeScales(DemandSeries(demand: [0, 0, 0]))
        let once = CompetitionScales.changeScales(DemandSeries(demand: [0, 0, 5]))
        #expect(never.mse == 0 && never.mae == 0 && once.mse == 0 && once.mae == 0)
    }

    func twoSeries() -> CompetitionMetrics {
        var m = CompetitionMetrics()
        let sd0 = DemandForecast(mean: [2, 2], sd: [0, 0], model: "x")
        // Degenerate quantiles: every one at the mean.
        let nine = CompetitionMetrics.quantileLevels.count
        m.add(actual: [3, 1], mean: sd0.mean, quantiles: .init(repeating: 2, count: 2 * nine),
              include: [true, true], scales: CompetitionScales.of(a, price: aPrice))
        let sd0b = DemandForecast(mean: [3, 3], sd: [0, 0], model: "x")
        m.add(actual: [6, 0], mean: sd0b.mean, quantiles: .init(repeating: 3, count: 2 * nine),
              include: [true, true], scales: CompetitionScales.of(b, price: bPrice))
        return m
    }

    @Test func twoSeriesByHand() {
        let m = twoSeries()
        #expect(m.series == 2 && m.days == 4)
        #expect(isClose(m.wrmsse, 37.0 / 52, 1e-12))
        #expect(isClose(m.rmspe, (49.0 / 108).squareRoot(), 1e-12))
        #expect(isClose(m.wspl, 18.5 / 52, 1e-12))
    }

    @Test func zeroScaleOrZeroWeightAddsNothing() {
        var m = twoSeries()
        let flat = DemandForecast(mean: [9, 9], sd: [1, 1], model: "x")
        let q = flat.quantiles(CompetitionMetrics.quantileLevels)
        m.add(actual: [1, 1], mean: flat.mean, quantiles: q, include: [true, true],
              scales: CompetitionScales(mse: 0, mae: 0, weight: 100))
        m.add(actual: [1, 1], mean: flat.mean, quantiles: q, include: [true, true],
              scales: CompetitionScales(mse: 4, mae: 2, weight: 0))
        #expect(m.series == 4)
        #expect(isClose(m.wrmsse, 37.0 / 52, 1e-12))
        #expect(isClose(m.wspl, 18.5 / 52, 1e-12))
        // RMSPE is not weighted: the four days with sales (error/actual 8) count.
        #expect(isClose(m.rmspe, ((49.0 / 36 + 4 * 64) / 7).squareRoot(), 1e-12))
    }

    @Test func onlyIncludedDaysAreScored() {
        var m = CompetitionMetrics()
        // Day 1 is not scored: error −1 on day 0 only, RMSSE √(1/4) whatever day 1 says.
        m.add(actual: [3, 100], mean: [2, 2], quantiles: .init(repeating: 2, count: 18), include: [true, false],
              scales: CompetitionScales(mse: 4, mae: 2, weight: 1))
        #expect(m.days == 1 && isClose(m.wrmsse, 0.5, 1e-12))
        var none = CompetitionMetrics()
        none.add(actual: [3], mean: [2], quantiles: .init(repeating: 2, count: 9), include: [false],
                 scales: CompetitionScales(mse: 4, mae: 2, weight: 1))
        #expect(none.series == 0 && none.wrmsse.isNaN && none.rmspe.isNaN && none.wspl.isNaN)
    }

    @Test func pinballOverSpreadQuantiles() {
        // One day, actual 5, quantiles 0…8 at τ = 0.005 … 0.995. Pinball per quantile:
        // .005·5, .025·4, .165·3, .25·2, .5·1, .75·0, (1−.835)·1, (1−.975)·2, (1−.995)·3
        // = .025 + .1 + .495 + .5 + .5 + 0 + .165 + .05 + .015 = 1.85; mean 1.85/9; / mae 2.
        var m = CompetitionMetrics()
        m.add(actual: [5], mean: [4], quantiles: (0..<9).map(Double.init), include: [true],
              scales: CompetitionScales(mse: 1, mae: 2, weight: 3))
        #expect(isClose(m.wspl, 1.85 / 9 / 2, 1e-12))
    }

    @Test func aggregatesScoreWRMSSEOnlyAndMerge() {
        var agg = CompetitionMetrics()
        // Errors −1, +1 against mse 4: RMSSE 0.5, weight 3; errors 2, 2 against mse 1: RMSSE 2, weight 1.
        agg.addAggregate(actual: [3, 1], mean: [2, 2], include: [true, true], scales: CompetitionScales(mse: 4, mae: 2, weight: 3))
        var other = CompetitionMetrics()
        other.addAggregate(actual: [1, 1], mean: [3, 3], include: [true, true], scales: CompetitionScales(mse: 1, mae: 1, weight: 1))
        agg.merge(other)
        #expect(agg.series == 2 && agg.days == 4)
        #expect(isClose(agg.wrmsse, (3 * 0.5 + 1 * 2) / 4, 1e-12))
        #expect(agg.rmspe.isNaN && agg.wspl.isNaN)
    }

    @Test func quantilesAreCountsForSlowMoversAndNormalForFastOnes() {
        // Mean 10, sd 2: variance below the mean, so Poisson(10): 0.975 → 17, median 10.
        // Mean 1, sd 2: negative binomial, 0.005 → 0. Mean 100, sd 10: the normal.
        let f = DemandForecast(mean: [10, 1, 100], sd: [2, 2, 10], model: "x")
        #expect(f.quantile(0, 0.975) == 17)
        #expect(f.quantile(0, 0.5) == 10)
        #expect(f.quantile(1, 0.005) == 0)
        #expect(isClose(f.quantile(2, 0.975), 100 + 10 * 1.959963984540054, 1e-9))
        let q = f.quantiles([0.5, 0.975])
        #expect(q.count == 6)
        #expect(q[1] == f.quantile(0, 0.975) && q[2] == f.quantile(1, 0.5))
    }
}
