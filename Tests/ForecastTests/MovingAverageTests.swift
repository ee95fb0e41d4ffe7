import Testing
@testable import Forecast

@Suite("MovingAverage")
struct MovingAverageTests {
    @Test func meanAndSDOfTheLastWindowDays() {
        // 30 days: 2 early days that fall outside the window, then 28 days alternating 1, 3.
        // Mean 2; deviations ±1, so the sample variance is 28 / 27.
        let demand: [Double] = [50, 50] + (0..<28).map { $0 % 2 == 0 ? 1 : 3 }
        let fit = MovingAverage.fit(DemandSeries(demand: demand), window: 28)
        #expect(fit.used == 28)
        #expect(isClose(fit.level, 2, 1e-12))
        #expect(isClose(fit.sigma, (28.0 / 27).squareRoot(), 1e-12))
        let f = fit.forecast(horizon: 5)
        #expect(f.model == "mean28")
        #expect(f.mean == .init(repeating: fit.level, count: 5))
        #expect(f.sd == .init(repeating: fit.sigma, count: 5))
    }

    @Test func censoredDaysAreSkippedLookingFurtherBack() {
        // Window 3 over [4, 8, 0*, 6, 0*, 2]: the censored zeros are skipped, so the days are 8, 6, 2.
        let demand: [Double] = [4, 8, 0, 6, 0, 2]
        let censored = [false, false, true, false, true, false]
        let fit = MovingAverage.fit(DemandSeries(demand: demand, censored: censored), window: 3)
        #expect(fit.used == 3)
        #expect(isClose(fit.level, 16.0 / 3, 1e-12))
        // Deviations 8/3, 2/3, −10/3: squares sum to (64 + 4 + 100)/9 = 168/9; / 2 = 28/3.
        #expect(isClose(fit.sigma, (28.0 / 3).squareRoot(), 1e-12))
        #expect(fit.forecast(horizon: 1).model == "mean3")
    }

    @Test func shortAndEmptyHistories() {
        let one = MovingAverage.fit(DemandSeries(demand: [5]), window: 28)
        #expect(one.used == 1 && one.level == 5 && one.sigma == 0)
        let none = MovingAverage.fit(DemandSeries(demand: [3, 3], censored: [true, true]), window: 28)
        #expect(none.used == 0 && none.level == 0 && none.sigma == 0)
        #expect(none.forecast(horizon: 2).mean == [0, 0])
    }
}
