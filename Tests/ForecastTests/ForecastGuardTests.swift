import Testing
@testable import Forecast

/// Faults injected into one series' forecast: each is replaced by the 28-day mean, with a reason.
@Suite("ForecastGuard")
struct ForecastGuardTests {
    struct Injected: Error, CustomStringConvertible { var description: String { "LAPACK dpotrf info 3" } }

    let y = DemandSeries(demand: [Double](repeating: 2, count: 40) + [4, 0, 4, 0], censored: [], weekdayOfFirstDay: 0)

    @Test func aUsableForecastPassesUnchanged() {
        let f = DemandForecast(mean: [1, 2], sd: [0.5, 0.5], model: "ets")
        let (out, failure) = ForecastGuard.checked(y, horizon: 2) { f }
        #expect(out == f)
        #expect(failure == nil)
    }

    @Test(arguments: [
        ("nan mean", DemandForecast(mean: [1, .nan], sd: [1, 1], model: "ets"), "ets gave mean nan and sd 1.0 on day 2"),
        ("inf sd", DemandForecast(mean: [1, 1], sd: [.infinity, 1], model: "tsb"), "tsb gave mean 1.0 and sd inf on day 1"),
        ("negative", DemandForecast(mean: [-3, 1], sd: [1, 1], model: "ses+reg"), "ses+reg gave mean -3.0 and sd 1.0 on day 1"),
        ("short", DemandForecast(mean: [1], sd: [1], model: "croston"), "croston gave 1 means and 1 sds for 2 days"),
    ])
    func anUnusableForecastFallsBack(name: String, bad: DemandForecast, reason: String) {
        let (out, failure) = ForecastGuard.checked(y, horizon: 2) { bad }
        #expect(failure == reason, "\(name)")
        #expect(out.model == ForecastGuard.fallbackModel)
        // The last 28 days: 24 twos, two fours, two zeros → mean 2.
        #expect(out.mean == [2, 2])
        #expect(ForecastGuard.problem(out, horizon: 2) == nil)
    }

    @Test func aThrowingFitFallsBack() {
        let (out, failure) = ForecastGuard.checked(y, horizon: 3) { throw Injected() }
        #expect(failure == "the forecast failed: LAPACK dpotrf info 3")
        #expect(out.mean.count == 3 && out.model == ForecastGuard.fallbackModel)
    }

    @Test func aPathologicalHistoryStillGivesAUsableFallback() {
        let weird = DemandSeries(demand: [.nan, .infinity, -5, 1e300], censored: [], weekdayOfFirstDay: 0)
        let f = ForecastGuard.fallback(weird, horizon: 4)
        #expect(ForecastGuard.problem(f, horizon: 4) == nil)
        #expect(f.mean == [0, 0, 0, 0])
    }
}
