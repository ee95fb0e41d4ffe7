import Testing
@testable import Forecast

/// ETS is one of the baselines ModelChoice tries for smooth series: on a trending series it
/// must be able to win the holdout.
@Suite struct ModelChoiceETSTests {
    @Test func etsWinsOnATrendingSmoothSeries() throws {
        var rng = SplitMix64(seed: 11)
        let demand = (0..<400).map { t in 50 + 0.3 * Double(t) + Double(rng.next() % 7) }
        let y = DemandSeries(demand: demand)
        let f = ModelChoice(holdoutDays: 28).forecast(y, horizon: 14)
        let ets = ETS.select(y.suffix(364), period: 1)?.forecast(horizon: 14, seed: 0)
        let ses = SimpleExponentialSmoothing.fit(y).forecast(horizon: 14)
        print("choice", f.model, f.mean[13], "ets", ets?.model ?? "nil", ets?.mean[13] ?? -1, "ses", ses.mean[13])
        #expect(f.model.hasPrefix("ets("))
    }
}

extension ModelChoiceETSTests {
    @Test func etsCanWinWithACalendarContext() throws {
        var rng = SplitMix64(seed: 11)
        let demand = (0..<400).map { t in 50 + 0.3 * Double(t) + Double(rng.next() % 7) }
        let y = DemandSeries(demand: demand)
        let layout = EffectLayout(promotionTypes: 0, events: 0)
        let context = ForecastContext(features: CalendarFeatures(count: 414, firstWeekday: 0, firstDayOfYear: 1),
                                      layout: layout, prior: nil)
        let f = ModelChoice(holdoutDays: 28).forecast(y, horizon: 14, context: context)
        print("choice with context", f.model, f.mean[13])
        #expect(f.model.hasPrefix("ets("))
    }
}

extension ModelChoiceETSTests {
    @Test func etsFitsASeriesWithStockoutDays() throws {
        var rng = SplitMix64(seed: 5)
        let demand = (0..<364).map { t in 30 + Double(rng.next() % 9) }
        let censored = (0..<364).map { $0 % 41 == 17 }
        let y = DemandSeries(demand: demand, censored: censored)
        #expect(ETS.select(y, period: 1) != nil)
        #expect(ETS.fit(y, spec: ETSSpec(error: .additive, trend: .none, season: .none, period: 1)) != nil)
    }
}
