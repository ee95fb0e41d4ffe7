import Testing
@testable import Forecast

/// ``ClosureRuns``: a week or more of zeros right after steady sales, with sales after it, is a
/// closure (censored); short runs, slow movers, fading seasons and a run still going are not.
@Suite struct ClosureRunsTests {
    func series(_ blocks: [(value: Double, days: Int)]) -> DemandSeries {
        DemandSeries(demand: blocks.flatMap { [Double](repeating: $0.value, count: $0.days) })
    }

    @Test func aWeekOfZerosAfterSteadySalesIsAClosure() {
        let y = series([(20, 30), (0, 10), (20, 30)])
        let c = ClosureRuns.censor(y)
        #expect(c.censored.count == 70)
        #expect((0..<70).filter { !c.isObserved($0) } == Array(30..<40))
        #expect(c.demand == y.demand)
    }

    @Test func shortRunsSlowMoversAndRunsAtTheEndStay() {
        // Six zero days: a calendar pattern, not a closure.
        #expect(ClosureRuns.censor(series([(20, 30), (0, 6), (20, 30)])).censored.isEmpty)
        // A slow mover (1 unit a day before the run): a week of zeros is demand.
        #expect(ClosureRuns.censor(series([(1, 30), (0, 10), (1, 30)])).censored.isEmpty)
        // Still closed at the end: the models follow the zeros.
        #expect(ClosureRuns.censor(series([(20, 30), (0, 10)])).censored.isEmpty)
        // Zeros from the first day: no level before them.
        #expect(ClosureRuns.censor(series([(0, 10), (20, 30)])).censored.isEmpty)
        // A season fading out: the last week before the run sold 1 a day.
        #expect(ClosureRuns.censor(series([(20, 30), (1, 7), (0, 60), (20, 30)])).censored.isEmpty)
    }

    @Test func stockOutDaysStayCensoredAndDoNotCountInTheLevel() {
        var censored = [Bool](repeating: false, count: 60)
        for t in 20..<30 { censored[t] = true }  // stock-outs just before the run
        let y = DemandSeries(demand: [Double](repeating: 10, count: 20) + [Double](repeating: 0, count: 20)
                                + [Double](repeating: 10, count: 20), censored: censored)
        let c = ClosureRuns.censor(y)
        // The level is read from the observed days before the stock-outs (10 a day): the whole
        // zero run, stock-out days included, is censored.
        #expect((0..<60).filter { !c.isObserved($0) } == Array(20..<40))
        #expect(ClosureRuns.levelBefore(y, 30) == 10)
    }
}
