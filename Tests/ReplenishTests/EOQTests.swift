import Testing
@testable import Replenish

@Suite("EOQ")
struct EOQTests {
    @Test func textbookExample() {
        // Snyder & Shen Example 3.1 (stockpyl economic_order_quantity(8, 0.225, 1300)[0] = 304.0467800264368):
        // K = 8, h·c = 0.225 per unit-year, D = 1300 units/year.
        let costs = OrderingCosts(unitCost: 1, orderingCost: 8, holdingRatePerYear: 0.225)
        #expect(isClose(EOQ.quantity(annualDemand: 1300, costs: costs)!, 304.0467800264368, 1e-9))
        // Same with c = 4.5 and h = 5 %/year.
        let split = OrderingCosts(unitCost: 4.5, orderingCost: 8, holdingRatePerYear: 0.05)
        #expect(isClose(EOQ.quantity(annualDemand: 1300, costs: split)!, 304.0467800264368, 1e-9))
        // From a daily forecast: 1300/365 per day.
        #expect(isClose(EOQ.quantity(dailyMean: [1300.0 / 365, 1300.0 / 365], costs: costs)!, 304.0467800264368, 1e-9))
    }

    @Test func degenerateCosts() {
        #expect(EOQ.quantity(annualDemand: 1000, costs: OrderingCosts(unitCost: 0, orderingCost: 8, holdingRatePerYear: 0.2)) == nil)
        #expect(EOQ.quantity(annualDemand: 0, costs: OrderingCosts(unitCost: 1, orderingCost: 8, holdingRatePerYear: 0.2)) == 0)
        #expect(EOQ.quantity(annualDemand: 1000, costs: OrderingCosts(unitCost: 1, orderingCost: 0, holdingRatePerYear: 0.2)) == 0)
        #expect(EOQ.quantity(dailyMean: [], costs: OrderingCosts(unitCost: 1, orderingCost: 8, holdingRatePerYear: 0.2)) == 0)
    }
}
