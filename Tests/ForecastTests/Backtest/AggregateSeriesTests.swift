import Testing
@testable import Forecast

@Suite("AggregateSeries")
struct AggregateSeriesTests {
    /// Two series over 4 training days and a 2-day horizon, one model.
    /// X from day 0: 2 4 0* 6 (day 2 a stock-out); actual 5, 7 (day 2 of the horizon a
    /// stock-out); forecast 4, 4; weight 10.
    /// Y from day 2: 1 3; actual 2, 2; forecast 3, 1; weight 5.
    /// Summed sales 2 4 1 9, first sale on day 0. Changes: day 1 X +2; day 2 only Y's start
    /// from its observed 0, +1 (X's day 2 is censored); day 3 only Y, +2 (X's day 3 follows a
    /// censored day). mse (4 + 1 + 4)/3 = 3, mae 5/3.
    /// Horizon: day 1 both observed, actual 7, forecast 7; day 2 only Y, actual 2, forecast 1.
    /// RMSSE √((0 + 1)/2 / 3) = √(1/6), weight 15.
    @Test func stockoutsLeaveOutTheSeriesNotTheDay() {
        var a = AggregateSeries(length: 4, horizon: 2, models: 1)
        a.add(train: DemandSeries(demand: [2, 4, 0, 6], censored: [false, false, true, false]), offset: 0,
              actual: [5, 7], observed: [true, false], weight: 10)
        a.addForecast(model: 0, mean: [4, 4], observed: [true, false])
        a.add(train: DemandSeries(demand: [1, 3]), offset: 2, actual: [2, 2], observed: [true, true], weight: 5)
        a.addForecast(model: 0, mean: [3, 1], observed: [true, true])
        #expect(a.count == 2)
        let s = a.scales
        #expect(isClose(s.mse, 3, 1e-12) && isClose(s.mae, 5.0 / 3, 1e-12) && s.weight == 15)
        var m = [CompetitionMetrics()]
        a.score(into: &m)
        #expect(m[0].series == 1 && m[0].days == 2)
        #expect(isClose(m[0].wrmsse, (1.0 / 6).squareRoot(), 1e-12))
    }

    /// Without stock-outs it is the plain sum: 0 1 2 1 2 and 2 2 2 2 4 give 2 3 4 3 6, changes
    /// 1 1 −1 3 (mse 3), and the summed forecasts (2 + 4) against the summed actuals (3 + 4).
    @Test func withoutStockoutsItIsThePlainSum() {
        var a = AggregateSeries(length: 5, horizon: 1, models: 2)
        // Something left over from an earlier aggregate is cleared by reset().
        a.add(train: DemandSeries(demand: [9, 9, 9, 9, 9]), offset: 0, actual: [9], observed: [true], weight: 9)
        a.reset()
        a.add(train: DemandSeries(demand: [0, 1, 2, 1, 2]), offset: 0, actual: [3], observed: [true], weight: 1)
        a.addForecast(model: 0, mean: [2], observed: [true])
        a.addForecast(model: 1, mean: [3], observed: [true])
        a.add(train: DemandSeries(demand: [2, 2, 2, 2, 4]), offset: 0, actual: [4], observed: [true], weight: 3)
        a.addForecast(model: 0, mean: [4], observed: [true])
        a.addForecast(model: 1, mean: [4], observed: [true])
        #expect(a.count == 2 && a.weight == 4)
        #expect(isClose(a.scales.mse, 3, 1e-12) && isClose(a.scales.mae, 1.5, 1e-12))
        var m = [CompetitionMetrics(), CompetitionMetrics()]
        a.score(into: &m)
        #expect(isClose(m[0].wrmsse, (1.0 / 3).squareRoot(), 1e-12))  // error −1
        #expect(isClose(m[1].wrmsse, 0, 1e-12))                       // error 0
    }
}
