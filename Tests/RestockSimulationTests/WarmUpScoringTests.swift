import RestockSimulation
import Testing

/// A simulated location scores only the days from `scoredFrom` on: the warm-up days move its stock
/// and nothing else.
@Suite struct WarmUpScoringTests {
    /// 5 on hand, 2 demanded a day over days 0…4, 4 units arriving on day 3, days 0–1 a warm-up.
    /// Stock: day 0 sells 2 (3 left), day 1 sells 2 (1 left) — neither counted; day 2 sells 1 and
    /// loses 1 (scored stock-out day 0); day 3 receives 4 (closing the cycle that lost), sells 2
    /// (2 left); day 4 sells 2 (0 left). Scored: demand 6, sold 5, 1 stock-out day, end-of-day
    /// stock 0 + 2 + 0 over 3 days, 2 cycles (1 with a loss).
    @Test func warmUpDaysMoveStockButAreNotCounted() {
        var s = SimulatedLocation(onHand: 5, scoredFrom: 2)
        s.order(4, arrivingOn: 3, placedOn: -1)
        for day in 0..<5 { s.live(day: day, demand: 2) }
        s.finish()
        #expect(s.onHand == 0)
        #expect(s.demand == 6 && s.sold == 5)
        #expect(s.stockoutDays == 1 && s.stockoutDayIndices == [0])
        #expect(s.onHandSum == 2 && s.days == 3)
        #expect(s.cycles == 2 && s.stockoutCycles == 1)
    }

    /// Nothing on hand, 10 units arriving on day 1, 2 demanded a day over days 0…3. Days 0–1 a
    /// warm-up: the day-0 loss and the day-1 arrival are not counted; days 2–3 sell 2 each (6, 4
    /// left): one cycle, no loss. Scored from day 0 the same days count the loss (1 stock-out day,
    /// demand 8, sold 6) and the arrival closes a cycle that lost (2 cycles, 1 with a loss).
    @Test func aWarmUpStockOutIsLeftOut() {
        func play(scoredFrom: Int) -> SimulatedLocation {
            var s = SimulatedLocation(onHand: 0, scoredFrom: scoredFrom)
            s.order(10, arrivingOn: 1, placedOn: -1)
            for day in 0..<4 { s.live(day: day, demand: 2) }
            s.finish()
            return s
        }
        let warm = play(scoredFrom: 2)
        #expect(warm.demand == 4 && warm.sold == 4 && warm.stockoutDays == 0 && warm.stockoutDayIndices.isEmpty)
        #expect(warm.cycles == 1 && warm.stockoutCycles == 0)
        #expect(warm.onHandSum == 10 && warm.days == 2)
        let cold = play(scoredFrom: 0)
        #expect(cold.demand == 8 && cold.sold == 6 && cold.stockoutDays == 1 && cold.stockoutDayIndices == [0])
        #expect(cold.cycles == 2 && cold.stockoutCycles == 1)
        #expect(cold.onHandSum == 18 && cold.days == 4)
        // Same stock at the end either way: only the counting differs.
        #expect(warm.onHand == 4 && cold.onHand == 4)
    }

    /// The totals' stock-outs by date count from the first scored day.
    @Test func stockoutsByDayCountFromTheFirstScoredDay() {
        var s = SimulatedLocation(onHand: 0, scoredFrom: 3)
        for day in 0..<5 { s.live(day: day, demand: 1) }
        s.finish()
        var t = SimulationTotals()
        t.add(s, target: 0.95)
        #expect(t.stockoutsByDay == [0: 1, 1: 1])
        #expect(t.stockoutDays == 2 && t.demand == 2 && t.fillRate == 0)
    }

    /// Orders count on the nights scored: placed on warm-up night 1 (not counted), on night 2 and
    /// 3 (counted), or of nothing (not an order).
    @Test func ordersPlacedCountOnTheScoredNightsOnly() {
        var s = SimulatedLocation(onHand: 0, scoredFrom: 2)
        s.order(5, arrivingOn: 3, placedOn: 1)
        s.order(5, arrivingOn: 4, placedOn: 2)
        s.order(0, arrivingOn: 5, placedOn: 3)
        s.order(5, arrivingOn: 6, placedOn: 3)
        #expect(s.ordersPlaced == 2)
        var t = SimulationTotals()
        t.add(s, target: 0.95)
        t.add(s, target: 0.95)
        #expect(t.ordersPlaced == 4)
    }
}
