import Foundation
import Testing
@testable import Forecast

/// ``ClosedDays``: a zero in a series selling ≥ 10 a day around it is a closed day (censored for
/// the fits); the forecast is put on the open share of the weekday or event it falls on.
@Suite struct ClosedDaysTests {
    /// `days` days from a Monday: `level` a day, 0 on the days `closed` says.
    func series(days: Int, level: Double, closed: (Int) -> Bool) -> DemandSeries {
        DemandSeries(demand: (0..<days).map { closed($0) ? 0 : level }, weekdayOfFirstDay: 0)
    }

    @Test func zerosInAFastSellerAreClosedDaysAndSlowMoversZerosAreDemand() {
        // Closed every Sunday (index 6, 13, …); the first has only six days before it to judge by.
        let y = series(days: 70, level: 50) { $0 % 7 == 6 }
        let closed = ClosedDays.find(y)
        #expect(closed != nil)
        #expect((0..<70).filter { closed?[$0] == true } == Array(stride(from: 13, to: 70, by: 7)))
        // A slow mover's zeros: level 4 around them (P(0) = e^-4 is not improbable).
        #expect(ClosedDays.find(series(days: 70, level: 4) { $0 % 7 == 6 }) == nil)
        // A zero on the third day: fewer than 7 days before it to judge by.
        #expect(ClosedDays.find(series(days: 70, level: 50) { $0 == 2 }) == nil)
        // Two zeros ending the history may be demand that stopped; one is judged on the days before.
        #expect(ClosedDays.find(series(days: 70, level: 50) { $0 >= 68 }) == nil)
        #expect(ClosedDays.find(series(days: 70, level: 50) { $0 == 69 })?[69] == true)
        // Stock-out days (censored) are neither closed nor counted in the level.
        var stocked = series(days: 70, level: 50) { $0 == 30 }
        stocked.censored = (0..<70).map { $0 == 30 }
        #expect(ClosedDays.find(stocked) == nil)
    }

    @Test func theLevelAroundAZeroIsTheMeanOfBothSides() {
        // 10 a day before, 9 after: the side below the level keeps the zero as demand.
        let y = DemandSeries(demand: [Double](repeating: 10, count: 20) + [0] + [Double](repeating: 9, count: 20))
        #expect(ClosedDays.find(y) == nil)
        let z = DemandSeries(demand: [Double](repeating: 10, count: 20) + [0] + [Double](repeating: 10, count: 20))
        #expect(ClosedDays.find(z)?[20] == true)
    }

    @Test func aWeekdayClosedInTheRecentWeeksStaysClosedAndOneOpenAgainDoesNot() throws {
        // Sundays closed for the whole history: Sundays of the horizon open with share 0.
        let y = series(days: 140, level: 50) { $0 % 7 == 6 }
        let (censored, open) = ClosedDays.separate(y, features: nil, horizon: 14)
        #expect(censored.observedCount == 121)  // the first Sunday has 6 days before it
        let shares = try #require(open)
        #expect(shares == (140..<154).map { $0 % 7 == 6 ? 0 : 1 })
        // Sundays closed only until eight weeks ago: the fits still skip them, the forecast is whole.
        let reopened = series(days: 140, level: 50) { $0 % 7 == 6 && $0 < 70 }
        let (skipped, none) = ClosedDays.separate(reopened, features: nil, horizon: 14)
        #expect(none == nil)
        #expect(skipped.observedCount == 131)
        // Closed on 3 of the last 8 Sundays: below half, no pattern.
        let some = series(days: 140, level: 50) { $0 % 7 == 6 && ($0 == 90 || $0 == 104 || $0 == 118) }
        #expect(ClosedDays.separate(some, features: nil, horizon: 14).open == nil)
        // Closed on 5 of the last 8: open with share 3/8.
        let most = series(days: 140, level: 50) { $0 % 7 == 6 && $0 >= 111 }
        #expect(ClosedDays.separate(most, features: nil, horizon: 7).open?[6] == 3.0 / 8)
    }

    @Test func anEventClosedAtItsPastOccurrencesIsClosedOnTheHorizon() throws {
        var features = CalendarFeatures(count: 400, firstWeekday: 0, firstDayOfYear: 1)
        // Event 0 on days 100 and 200 (closed) and 390 (horizon); event 1 on day 150 (open) and 395.
        for t in [100, 200, 390] { features.event[t] = 0 }
        for t in [150, 395] { features.event[t] = 1 }
        let y = series(days: 380, level: 30) { $0 == 100 || $0 == 200 }
        let shares = try #require(ClosedDays.separate(y, features: features, horizon: 20).open)
        #expect(shares[10] == 0)  // day 390
        #expect(shares[15] == 1)  // day 395: its event was open
        #expect(shares.enumerated().allSatisfy { $0.offset == 10 || $0.element == 1 })
    }

    @Test func aForecastOnOpenSharesIsTheMixture() {
        let f = DemandForecast(mean: [10, 10, 10], sd: [3, 3, 3], model: "x")
        let g = ClosedDays.apply([1, 0.5, 0], to: f)
        #expect(g.mean == [10, 5, 0])
        #expect(g.sd[0] == 3)
        #expect(abs(g.sd[1] - (0.5 * 9 + 0.25 * 100).squareRoot()) < 1e-12)
        #expect(g.sd[2] == 0)
    }

    /// A store open on Sundays only from April to October (Rossmann stores 122 and 209): with its
    /// closed winter Sundays in log(1 + y) the yearly season terms bent to fit them and the spring
    /// weekdays were forecast at 2–5 × their sales.
    @Test func aStoreOpenOnSundaysOnlyInSummerIsNotForecastAtAMultipleOfItsSalesInSpring() throws {
        let start = 1  // 1 January, a Monday
        let days = 2 * 364 + 85  // up to late March
        let horizon = 42
        func summer(_ t: Int) -> Bool { let d = (start - 1 + t) % 365; return d >= 90 && d < 304 }
        let y = DemandSeries(demand: (0..<days).map { t in
            let sunday = t % 7 == 6
            let wave = 1 + 0.1 * sin(2 * Double.pi * Double(t) / 365)
            return sunday ? (summer(t) ? 1500 : 0) : 5000 * wave + Double((t * 7919) % 401) - 200
        }, weekdayOfFirstDay: 0)
        let layout = EffectLayout(promotionTypes: 0, events: 0)
        let context = ForecastContext(features: CalendarFeatures(count: days + horizon, firstWeekday: 0, firstDayOfYear: start),
                                      layout: layout, prior: nil)
        let f = ModelChoice().forecast(y, horizon: horizon, context: context)
        for h in 0..<horizon where (days + h) % 7 != 6 {
            #expect(f.mean[h] > 3500 && f.mean[h] < 6500, "weekday \(h): \(f.mean[h])")
        }
        // Its Sundays were closed for the last eight weeks: forecast closed.
        for h in 0..<horizon where (days + h) % 7 == 6 { #expect(f.mean[h] < 50) }
    }
}
