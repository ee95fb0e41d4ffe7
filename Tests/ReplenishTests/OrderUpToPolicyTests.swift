import Testing
@testable import Replenish

@Suite("OrderUpToPolicy")
struct OrderUpToPolicyTests {
    @Test func textbookPeriodicReview() {
        // Silver, Pyke & Thomas style (R, s, S): d = 100/day, σ = 20/day, L = 4, R = 1, CSL 0.95:
        // s = 500 + 1.6449·20·√5, S = s + 100. Tolerance 1e-9 (Φ⁻¹ is accurate to ~1e-15).
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 100, sd: 20, lead: 4))
        let s = 500 + z95 * 20 * 5.0.squareRoot()
        #expect(isClose(d.reorderPoint, s, 1e-9))
        #expect(isClose(d.orderUpTo, s + 100, 1e-9))
        #expect(isClose(d.safetyStock, z95 * 20 * 5.0.squareRoot(), 1e-9))
        #expect(d.quantity == (s + 100).rounded(.up))  // IP 0, case pack 1
        #expect(d.reason == "below_reorder_point")
        #expect(d.arrivalDays == 5)  // ordered the morning after (day 1), 4 days of lead time
    }

    @Test func leadTimeVariabilityAddsSafetyStock() {
        // σ_L = 1 day: σ_P = √(5·400 + 100²·1).
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 100, sd: 20, lead: 4, leadSD: 1))
        #expect(isClose(d.safetyStock, z95 * (2000.0 + 10_000).squareRoot(), 1e-9))
    }

    @Test func noOrderAboveReorderPoint() {
        let d = OrderUpToPolicy.decide(flatInput(onHand: 600, mean: 100, sd: 20, lead: 4))
        #expect(d.reorderPoint < 600)
        #expect(d.quantity == 0)
        #expect(d.reason == "above_reorder_point")
        #expect(d.lot.quantity == 0)
    }

    @Test func orderBringsPositionToOrderUpToLevel() {
        let input = flatInput(onHand: 100, mean: 100, sd: 20, lead: 4, inbound: [(2, 150)], allocated: 30,
                              lot: LotRules(orderMultiple: 12))
        let d = OrderUpToPolicy.decide(input)
        #expect(d.inventoryPosition == 220)  // 100 − 30 + 150
        #expect(d.onOrder == 150)
        #expect(d.inventoryPosition + d.quantity >= d.orderUpTo)
        #expect(d.inventoryPosition + d.quantity < d.orderUpTo + 12)  // the smallest whole case that gets there
        #expect(d.quantity.truncatingRemainder(dividingBy: 12) == 0)
    }

    @Test func exactlyAtReorderPointOrders() {
        let probe = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 0, lead: 2))
        #expect(probe.reorderPoint == 30 && probe.orderUpTo == 40)  // σ = 0: s = D_P, S = s + D_R
        let d = OrderUpToPolicy.decide(flatInput(onHand: 30, mean: 10, sd: 0, lead: 2))
        #expect(d.quantity == 10)
    }

    @Test func stockoutBeforeArrival() {
        let short = OrderUpToPolicy.decide(flatInput(onHand: 5, mean: 100, sd: 20, lead: 10))
        #expect(short.stockoutBeforeArrival)
        let plenty = OrderUpToPolicy.decide(flatInput(onHand: 5000, mean: 100, sd: 20, lead: 10))
        #expect(!plenty.stockoutBeforeArrival)
        // An inbound order on day 1 covers the gap.
        let covered = OrderUpToPolicy.decide(flatInput(onHand: 5, mean: 100, sd: 20, lead: 10, inbound: [(1, 1000)]))
        #expect(!covered.stockoutBeforeArrival)
        // An inbound order arriving after the lead time does not.
        let late = OrderUpToPolicy.decide(flatInput(onHand: 5, mean: 100, sd: 20, lead: 10, inbound: [(11, 5000)]))
        #expect(late.stockoutBeforeArrival)
        // Lead time 0: an order tonight arrives before any demand.
        #expect(!OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 100, sd: 20, lead: 0)).stockoutBeforeArrival)
    }

    @Test func openOrdersAfterTheHorizonStillCount() {
        // Forecast horizon 14 days, an order due on day 30.
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 2, lead: 3, horizon: 14, inbound: [(30, 1000)]))
        #expect(d.onOrder == 1000)
        #expect(d.inventoryPosition == 1000)
        #expect(d.quantity == 0)
    }

    @Test func fractionalLeadTime() {
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 0, lead: 2.5))
        #expect(d.arrivalDays == 4)  // 1 + ⌈2.5⌉
        #expect(isClose(d.reorderPoint, 35, 1e-12))  // 3.5 days of 10/day
    }

    @Test func capacityFullAndMOQAboveMax() {
        let full = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 100, sd: 20, lead: 4, inbound: [(1, 200)],
                                                    lot: LotRules(maxUnits: 150)))
        #expect(full.quantity == 0)
        #expect(full.reason == "capacity_full")
        let moq = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 1, sd: 0.5, lead: 2, lot: LotRules(moq: 100, maxUnits: 50)))
        #expect(moq.quantity == 100)
        #expect(moq.reason == "below_reorder_point_moq_above_max")
    }
}
