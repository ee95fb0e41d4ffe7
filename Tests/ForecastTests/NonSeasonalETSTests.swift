import Testing
@testable import Forecast

/// ModelChoice fits ETS without a season (period 1) on calendar-adjusted series: that must work.
@Suite struct NonSeasonalETSTests {
    @Test func selectWithPeriodOneFitsANonSeasonalModel() throws {
        var rng = SplitMix64(seed: 7)
        let demand = (0..<364).map { t in 20 + 0.02 * Double(t) + Double(rng.next() % 9) }
        let fit = try #require(ETS.select(DemandSeries(demand: demand), period: 1))
        #expect(fit.spec.season == .none)
        let f = fit.forecast(horizon: 7, seed: 0)
        #expect(f.mean.count == 7 && f.mean.allSatisfy { $0 > 15 && $0 < 40 })
        #expect(f.model.hasPrefix("ets("))
    }
}
