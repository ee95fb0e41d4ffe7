import Testing
@testable import Forecast

@Suite("SeasonalNaive")
struct SeasonalNaiveTests {
    @Test func pureWeeklyPatternIsForecastExactly() {
        let week: [Double] = [5, 9, 3, 0, 12, 40, 22]
        // 4 weeks plus 3 days, so the forecast starts mid-week.
        let demand = (0..<31).map { week[$0 % 7] }
        let fit = SeasonalNaive.fit(DemandSeries(demand: demand), period: 7)
        #expect(fit.sigma == 0)
        let f = fit.forecast(horizon: 14)
        #expect(f.model == "seasonal_naive")
        #expect(f.mean == (31..<45).map { week[$0 % 7] })
        #expect(f.sd == .init(repeating: 0, count: 14))
    }

    @Test func censoredDayFallsBackToThePreviousWeek() {
        // Weeks 1..3 have values 1-7, 11-17, 21-27; day 15 (week 3, position 1) is a censored 0.
        var demand: [Double] = (0..<21).map { (t: Int) -> Double in
            let week = t / 7, position = t % 7
            return Double(week * 10 + position + 1)
        }
        demand[15] = 0
        var censored = [Bool](repeating: false, count: 21)
        censored[15] = true
        let f = SeasonalNaive.fit(DemandSeries(demand: demand, censored: censored)).forecast(horizon: 7)
        #expect(f.mean == [21, 12, 23, 24, 25, 26, 27])
    }

    @Test func sigmaAndHorizonGrowth() {
        // Two weeks; week 2 = week 1 + [1, -1, 1, -1, 1, -1, 1]: 7 seasonal differences, SSE 7, σ² = 7/6.
        let w1: [Double] = [10, 10, 10, 10, 10, 10, 10]
        let w2: [Double] = [11, 9, 11, 9, 11, 9, 11]
        let fit = SeasonalNaive.fit(DemandSeries(demand: w1 + w2))
        let sigma = (7.0 / 6).squareRoot()
        #expect(isClose(fit.sigma, sigma, 1e-12))
        let f = fit.forecast(horizon: 15)
        #expect(isClose(f.sd[0], sigma, 1e-12))     // h = 1
        #expect(isClose(f.sd[6], sigma, 1e-12))     // h = 7
        #expect(isClose(f.sd[7], sigma * 2.0.squareRoot(), 1e-12))  // h = 8
        #expect(isClose(f.sd[14], sigma * 3.0.squareRoot(), 1e-12)) // h = 15
    }

    @Test func unseenPositionsTakeTheMeanOfSeenOnes() {
        // Only 3 days of a 7-day season: positions 3...6 get mean(2, 4, 6) = 4.
        let f = SeasonalNaive.fit(DemandSeries(demand: [2, 4, 6])).forecast(horizon: 7)
        #expect(f.mean == [4, 4, 4, 4, 2, 4, 6])
    }
}
