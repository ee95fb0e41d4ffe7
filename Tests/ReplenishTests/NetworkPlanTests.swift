import Testing
@testable import Replenish

@Suite("NetworkPlan")
struct NetworkPlanTests {
    private let store1 = flatInput(onHand: 0, mean: 10, sd: 3, lead: 2)
    private let store2 = flatInput(onHand: 0, mean: 20, sd: 4, lead: 1)

    private func dc(onHand: Double) -> ReplenishmentInput {
        flatInput(onHand: onHand, mean: 5, sd: 0, lead: 7, review: 2)
    }

    @Test func dcDemandIncludesTheStores() {
        let plans = NetworkPlan.plan([
            NetworkNode(sourceNode: nil, input: dc(onHand: 10_000)),
            NetworkNode(sourceNode: 0, input: store1),
            NetworkNode(sourceNode: 0, input: store2),
        ])
        // Enough stock: each store gets what it asks, no shortfall.
        let q1 = OrderUpToPolicy.decide(store1).quantity, q2 = OrderUpToPolicy.decide(store2).quantity
        #expect(q1 > 0 && q2 > 0)
        #expect(plans[1].quantity == q1 && plans[1].shortfall == 0)
        #expect(plans[2].quantity == q2 && plans[2].shortfall == 0)
        // The DC plans for 5 + 10 + 20 units/day with σ = √(0² + 3² + 4²) = 5, after shipping tonight.
        var aggregated = flatInput(onHand: 10_000 - q1 - q2, mean: 35, sd: 5, lead: 7, review: 2)
        aggregated.lot = LotRules()
        let expected = OrderUpToPolicy.decide(aggregated)
        #expect(isClose(plans[0].decision.reorderPoint, expected.reorderPoint, 1e-9))
        #expect(isClose(plans[0].decision.reorderPoint, 35 * 9 + z95 * 5 * 3, 1e-9))
        #expect(isClose(plans[0].decision.orderUpTo, expected.orderUpTo, 1e-9))
        #expect(plans[0].decision.inventoryPosition == 10_000 - q1 - q2)
        #expect(plans[0].shortfall == 0)
    }

    @Test func dcShortByHalfLeavesBothStoresAtTheSameFraction() {
        let d1 = OrderUpToPolicy.decide(store1), d2 = OrderUpToPolicy.decide(store2)
        let q1 = d1.quantity, q2 = d2.quantity
        let half = ((q1 + q2) / 2).rounded(.down)
        let plans = NetworkPlan.plan([
            NetworkNode(sourceNode: nil, input: dc(onHand: half)),
            NetworkNode(sourceNode: 0, input: store1),
            NetworkNode(sourceNode: 0, input: store2),
        ])
        // Both empty (IP 0), so each ends at shipped/S: the same fraction, to within a unit.
        let f1 = plans[1].quantity / d1.orderUpTo, f2 = plans[2].quantity / d2.orderUpTo
        #expect(abs(f1 - f2) <= 1 / min(d1.orderUpTo, d2.orderUpTo) + 1e-12)
        #expect(plans[1].quantity + plans[2].quantity == half)  // unit packs: nothing lost to rounding
        #expect(plans[1].shortfall == q1 - plans[1].quantity && plans[2].shortfall == q2 - plans[2].quantity)
        #expect(plans[1].shortfall > 0 && plans[2].shortfall > 0)
        // The same as FairShare on the stores' own numbers.
        let expected = FairShare.allocate(available: half, claims: [
            FairShare.Claim(requested: q1, inventoryPosition: 0, orderUpTo: d1.orderUpTo),
            FairShare.Claim(requested: q2, inventoryPosition: 0, orderUpTo: d2.orderUpTo),
        ])
        #expect([plans[1].quantity, plans[2].quantity] == expected)
        // The DC's own position is what is left after shipping.
        #expect(plans[0].decision.inventoryPosition == half - plans[1].quantity - plans[2].quantity)
        #expect(plans[0].decision.quantity > 0)
    }

    @Test func fairShareFavoursTheStoreFurthestBelowTarget() {
        // Store 1 already holds most of its target; store 2 is empty. Proportional sharing would
        // still give store 1 a share; fair share sends the scarce units to store 2 first.
        var s1 = store1
        s1.onHand = OrderUpToPolicy.decide(store1).reorderPoint - 1
        let q1 = OrderUpToPolicy.decide(s1).quantity, d2 = OrderUpToPolicy.decide(store2)
        let plans = NetworkPlan.plan([
            NetworkNode(sourceNode: nil, input: dc(onHand: 10)),
            NetworkNode(sourceNode: 0, input: s1),
            NetworkNode(sourceNode: 0, input: store2),
        ])
        #expect(q1 > 0 && d2.quantity > 10)
        #expect(plans[1].quantity == 0 && plans[1].shortfall == q1)
        #expect(plans[2].quantity == 10)
    }

    @Test func fairShareRespectsTheStoreCasePack() {
        var s1 = store1
        s1.lot = LotRules(orderMultiple: 6)
        var s2 = store2
        s2.lot = LotRules(orderMultiple: 6)
        let plans = NetworkPlan.plan([
            NetworkNode(sourceNode: nil, input: dc(onHand: 40)),
            NetworkNode(sourceNode: 0, input: s1),
            NetworkNode(sourceNode: 0, input: s2),
        ])
        for p in plans[1...] {
            #expect(p.quantity.truncatingRemainder(dividingBy: 6) == 0)
            #expect(p.shortfall > 0)
        }
        #expect(plans[1].quantity + plans[2].quantity <= 40)
    }

    @Test func allocatedDCStockIsNotShipped() {
        var d = dc(onHand: 100)
        d.allocated = 100
        let plans = NetworkPlan.plan([NetworkNode(sourceNode: nil, input: d), NetworkNode(sourceNode: 0, input: store1)])
        #expect(plans[1].quantity == 0)
        #expect(plans[1].shortfall == OrderUpToPolicy.decide(store1).quantity)
    }

    @Test func storeWithoutSourceOrdersDirectly() {
        let plans = NetworkPlan.plan([
            NetworkNode(sourceNode: nil, input: dc(onHand: 0)),
            NetworkNode(sourceNode: nil, input: store1),
        ])
        let direct = OrderUpToPolicy.decide(store1)
        #expect(plans[1].decision == direct)
        #expect(plans[1].quantity == direct.quantity && direct.quantity > 0)
        #expect(plans[1].shortfall == 0)
        // And the DC does not see the store's demand.
        #expect(plans[0].decision == OrderUpToPolicy.decide(dc(onHand: 0)))
    }

    @Test func threeLevelChainAggregatesDemandTransitively() {
        // node 2 (store) ← node 1 (hub) ← node 0 (DC); listed out of depth order on purpose.
        let nodes = [
            NetworkNode(sourceNode: nil, input: flatInput(onHand: 10_000, mean: 0, sd: 0, lead: 5)),
            NetworkNode(sourceNode: 0, input: flatInput(onHand: 10_000, mean: 0, sd: 0, lead: 2)),
            NetworkNode(sourceNode: 1, input: flatInput(onHand: 0, mean: 12, sd: 0, lead: 1)),
        ]
        let plans = NetworkPlan.plan(nodes)
        #expect(isClose(plans[1].decision.reorderPoint, 12 * 3, 1e-9))  // hub: L 2 + R 1 days of 12
        #expect(isClose(plans[0].decision.reorderPoint, 12 * 6, 1e-9))  // DC: L 5 + R 1 days of 12
        #expect(plans[2].quantity == 36)  // store: s = 12·(1 + 1), S = s + 12, IP 0, shipped in full
    }
}
