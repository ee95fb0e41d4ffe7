import Testing
@testable import Replenish

/// Lateral moves along lanes before buying.
@Suite("Rebalancing")
struct RebalancingTests {
    /// Store 0 holds far more than it needs; store 1 runs out in 2 days and its supplier needs 10.
    private var nodes: [NetworkNode] {
        var rich = flatInput(onHand: 500, mean: 5, sd: 1, lead: 3)
        rich.lot = LotRules(orderMultiple: 6)
        var poor = flatInput(onHand: 8, mean: 6, sd: 2, lead: 10)
        poor.lot = LotRules(orderMultiple: 6)
        return [NetworkNode(sourceNode: nil, input: rich), NetworkNode(sourceNode: nil, input: poor)]
    }

    @Test func excessMovesToALocationAboutToStockOut() {
        let lane = NetworkLane(from: 0, to: 1, leadTimeDays: 1, costPerUnit: 0.1)
        let plain = NetworkPlan.plan(nodes)
        #expect(plain[1].decision.stockoutBeforeArrival)
        let plans = NetworkPlan.plan(nodes, lanes: [lane], unitCost: [2, 2])
        let move = try! #require(plans[0].rebalancing.first)
        #expect(move.from == 0 && move.to == 1 && move.arrivalDays == 2)  // shipped the morning after, 1-day lane
        // Whole case packs, covering the receiver up to its reorder point, within the sender's excess.
        #expect(move.quantity.truncatingRemainder(dividingBy: 6) == 0)
        let need = plain[1].decision.reorderPoint - plain[1].decision.inventoryPosition
        #expect(move.quantity >= need && move.quantity < need + 6)
        let d0 = plain[0].decision
        #expect(move.quantity <= 500 - d0.orderUpTo - 14 * 5)
        // The receiver now counts the move as inbound and buys less.
        #expect(plans[1].decision.inventoryPosition == plain[1].decision.inventoryPosition + move.quantity)
        #expect(plans[1].quantity <= plain[1].quantity)
    }

    @Test func noMoveWhenTheLaneIsNotFasterOrTooExpensive() {
        let slow = NetworkLane(from: 0, to: 1, leadTimeDays: 12, costPerUnit: 0.1)
        #expect(NetworkPlan.plan(nodes, lanes: [slow], unitCost: [2, 2]).allSatisfy { $0.rebalancing.isEmpty })
        let dear = NetworkLane(from: 0, to: 1, leadTimeDays: 1, costPerUnit: 1.5)  // 75 % of unit cost 2
        #expect(NetworkPlan.plan(nodes, lanes: [dear], unitCost: [2, 2]).allSatisfy { $0.rebalancing.isEmpty })
        let wrongWay = NetworkLane(from: 1, to: 0, leadTimeDays: 1, costPerUnit: 0.1)
        #expect(NetworkPlan.plan(nodes, lanes: [wrongWay], unitCost: [2, 2]).allSatisfy { $0.rebalancing.isEmpty })
    }

    @Test func dcDemandIsTimePhasedByTheTransferLeadTime() {
        // A store whose demand jumps on day 5: with a 3-day transfer lead time the DC sees it from day 2.
        var store = flatInput(onHand: 0, mean: 0, sd: 0, lead: 3)
        store.demandMean = (0..<20).map { $0 >= 4 ? 100 : 0 }
        store.demandSD = .init(repeating: 0, count: 20)
        var dc = flatInput(onHand: 0, mean: 0, sd: 0, lead: 1, review: 1)
        dc.demandMean = .init(repeating: 0, count: 20)
        dc.demandSD = .init(repeating: 0, count: 20)
        let plans = NetworkPlan.plan([NetworkNode(sourceNode: nil, input: dc), NetworkNode(sourceNode: 0, input: store)])
        // DC protection interval = 1 + 1 days: days 0 and 1 carry store days 3 and 4 → 0 + 100
        // (≥ 20 units: the normal model; sd 0, so s is the mean). Without phasing it would be 0.
        #expect(abs(plans[0].decision.reorderPoint - 100) < 1e-6, "\(plans[0].decision.reorderPoint)")
    }
}

/// The historical spread of P-day demand floors σ_P for slow items.
@Suite("ProtectionDemand history")
struct ProtectionDemandHistoryTests {
    @Test func lumpyHistoryWidensASmoothForecastsSpread() {
        // Forecast: 0.5/day with sd 0.7/day; history: a 10-unit order every 20 days.
        var input = flatInput(onHand: 0, mean: 0.5, sd: 0.7, lead: 6, review: 1)
        let plain = ProtectionDemand(input)
        input.recentDemand = (0..<200).map { $0 % 20 == 0 ? 10 : 0 }
        let checked = ProtectionDemand(input)
        #expect(checked.sd > plain.sd)
        // Windows of 7 days hold 10 units with probability 7/20: variance ≈ 100·0.35·0.65 = 22.75,
        // scaled to the forecast level (3.5 / 3.5 = 1).
        #expect(abs(checked.sd - 22.75.squareRoot()) < 0.35, "\(checked.sd)")
        // Stock-out days (NaN) drop their windows; too little history changes nothing.
        input.recentDemand = [Double](repeating: .nan, count: 200)
        #expect(ProtectionDemand(input).sd == plain.sd)
        // Fast movers keep the forecast's own spread.
        var fast = flatInput(onHand: 0, mean: 50, sd: 5, lead: 6, review: 1)
        let fastPlain = ProtectionDemand(fast)
        fast.recentDemand = (0..<200).map { $0 % 2 == 0 ? 100 : 0 }
        #expect(ProtectionDemand(fast).sd == fastPlain.sd)
    }
}
