import Testing
@testable import Replenish

@Suite("ProjectedInventory")
struct ProjectedInventoryTests {
    /// On hand 30, allocated 5, open order of 20 due day 3, forecast 10/day for 6 days.
    private let input = ReplenishmentInput(onHand: 30, allocated: 5, inbound: [(3, 20)], demandMean: [10, 10, 10, 10, 10, 10],
                                           demandSD: [2], leadTimeDays: 2, leadTimeSDDays: 0, reviewDays: 1,
                                           serviceLevel: 0.95, lot: LotRules())

    @Test func handExample() {
        // Day: 1: 25 − 10 = 15; 2: 5; 3: 5 + 20 − 10 = 15; 4: 5; 5: −5 (runs out half-way: 4 + 5/10 days).
        let p = ProjectedInventory.project(input)
        #expect(p.available == [15, 5, 15, 5, -5, -15])
        #expect(p.firstStockoutDay == 5)
        #expect(isClose(p.daysOfCover, 4.5, 1e-12))
    }

    @Test func plannedArrivalsAndHorizon() {
        // A planned 30 on day 5 keeps it above zero through day 6: cover = the horizon.
        let p = ProjectedInventory.project(input, plannedArrivals: [(5, 30)])
        #expect(p.available == [15, 5, 15, 5, 25, 15])
        #expect(p.firstStockoutDay == nil && p.daysOfCover == 6)
        // Shorter horizon; arrivals after it are left out of the projection.
        let short = ProjectedInventory.project(input, horizonDays: 2)
        #expect(short.available == [15, 5] && short.firstStockoutDay == nil && short.daysOfCover == 2)
        // Longer than the forecast: its last day repeats.
        let long = ProjectedInventory.project(input, horizonDays: 8)
        #expect(long.available.suffix(2) == [-25, -35])
    }

    @Test func alreadyShortAndNoDemand() {
        var backorders = input
        backorders.onHand = -4
        backorders.allocated = 0
        backorders.inbound = []
        let p = ProjectedInventory.project(backorders)
        #expect(p.firstStockoutDay == 1 && p.daysOfCover == 0)
        var idle = input
        idle.demandMean = []
        let q = ProjectedInventory.project(idle, horizonDays: 3)
        #expect(q.available == [25, 25, 45] && q.firstStockoutDay == nil && q.daysOfCover == 3)
        // Runs out exactly at the end of a day: the stock-out is the next day, cover is whole days.
        var exact = input
        exact.inbound = []
        exact.allocated = 0
        exact.onHand = 20
        let e = ProjectedInventory.project(exact)
        #expect(e.available[1] == 0 && e.firstStockoutDay == 3 && e.daysOfCover == 2)
    }

    @Test func decisionCarriesTheProjection() {
        let d = ReplenishmentPolicy.decide(input)
        #expect(d.firstStockoutDay == 5 && isClose(d.daysOfCover, 4.5, 1e-12))
        #expect(!d.stockoutBeforeArrival)  // arrival day 2, out on day 5
    }
}
