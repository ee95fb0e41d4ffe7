import Testing
@testable import Replenish

@Suite("Policies")
struct PoliciesTests {
    private let sigmaP = 20 * 5.0.squareRoot()  // σ = 20/day over P = 4 + 1 days

    @Test func orderUpToRS() {
        // (R, S): S = 500 + z·σ_P, orders whenever IP < S.
        let S = 500 + z95 * sigmaP
        let d = ReplenishmentPolicy.decide(flatInput(onHand: 50, mean: 100, sd: 20, lead: 4, policy: .orderUpTo))
        #expect(isClose(d.orderUpTo, S, 1e-9) && d.reorderPoint == d.orderUpTo)
        #expect(d.quantity == (S - 50).rounded(.up))
        #expect(d.policy == .orderUpTo && d.demandModel == .normal)
        let near = ReplenishmentPolicy.decide(flatInput(onHand: 570, mean: 100, sd: 20, lead: 4, policy: .orderUpTo))
        #expect(near.quantity == 4)  // ⌈573.56 − 570⌉; (R, s, S) would order up to s + 100 here
        #expect(OrderUpToPolicy.decide(flatInput(onHand: 570, mean: 100, sd: 20, lead: 4)).quantity == (S + 100 - 570).rounded(.up))
        let above = ReplenishmentPolicy.decide(flatInput(onHand: 600, mean: 100, sd: 20, lead: 4, policy: .orderUpTo))
        #expect(above.quantity == 0 && above.reason == "above_reorder_point")
    }

    @Test func rsSWithAFillRate() {
        // β = 0.99, Q = D_R = 100: G(k) = 100·0.01/σ_P → k = 1.6163503172674987 (SciPy brentq on stockpyl
        // standard_normal_loss); s = 572.2853836972696, S = s + 100.
        let d = ReplenishmentPolicy.decide(flatInput(onHand: 0, mean: 100, sd: 20, lead: 4, target: .fillRate(0.99)))
        #expect(isClose(d.reorderPoint, 572.2853836972696, 1e-6))
        #expect(isClose(d.orderUpTo, 672.2853836972696, 1e-6))
        #expect(isClose(d.safetyStock, 72.2853836972696, 1e-6))
    }

    @Test func minMax() {
        let rules = LotRules(orderMultiple: 12)
        let at = ReplenishmentPolicy.decide(flatInput(onHand: 40, mean: 10, sd: 3, lead: 2, lot: rules, policy: .minMax(min: 40, max: 100)))
        #expect(at.reorderPoint == 40 && at.orderUpTo == 100 && at.quantity == 60)
        #expect(isClose(at.safetyStock, 10, 1e-12))  // min − D_P = 40 − 30
        let above = ReplenishmentPolicy.decide(flatInput(onHand: 41, mean: 10, sd: 3, lead: 2, lot: rules, policy: .minMax(min: 40, max: 100)))
        #expect(above.quantity == 0)
        // 23 short of max with a case pack of 12 → 24.
        let pack = ReplenishmentPolicy.decide(flatInput(onHand: 77, mean: 10, sd: 3, lead: 2, lot: rules, policy: .minMax(min: 80, max: 100)))
        #expect(pack.quantity == 24)
    }

    @Test func daysOfSupply() {
        // d̄ = 10/day over P = 3 days: s = 5 days = 50, S = 12 days = 120.
        let policy = PolicyKind.daysOfSupply(minDays: 5, maxDays: 12)
        let d = ReplenishmentPolicy.decide(flatInput(onHand: 50, mean: 10, sd: 3, lead: 2, policy: policy))
        #expect(isClose(d.reorderPoint, 50, 1e-12) && isClose(d.orderUpTo, 120, 1e-12) && d.quantity == 70)
        #expect(ReplenishmentPolicy.decide(flatInput(onHand: 51, mean: 10, sd: 3, lead: 2, policy: policy)).quantity == 0)
    }

    @Test func slowItemUsesPoisson() {
        // 1/day with variance 1/day over P = 3: Poisson(3); CSL 0.95 → s = 6 (stockpyl
        // newsvendor_poisson(0.05, 0.95, 3)[0] = 6), safety stock 6 − 3, S = 6 + 1.
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 1, sd: 1, lead: 2))
        #expect(d.demandModel == .poisson)
        #expect(d.reorderPoint == 6 && isClose(d.safetyStock, 3, 1e-12) && isClose(d.orderUpTo, 7, 1e-12))
        #expect(d.quantity == 7)
        // The normal model would have said 3 + 1.645·√3 = 5.85.
    }

    @Test func lumpyItemUsesNegativeBinomial() {
        // Mean 4 and variance 10 over P = 3 days: NB(r = 8/3, p = 0.4); CSL 0.9 → 8 (stockpyl
        // newsvendor_discrete(0.1, 0.9, demand_distrib=scipy.stats.nbinom(8/3, 0.4))[0] = 8).
        let d = OrderUpToPolicy.decide(flatInput(onHand: 0, mean: 4.0 / 3, sd: (10.0 / 3).squareRoot(), lead: 2, csl: 0.9))
        #expect(d.demandModel == .negativeBinomial)
        #expect(d.reorderPoint == 8 && isClose(d.orderUpTo, 8 + 4.0 / 3, 1e-12) && d.quantity == 10)
    }

    @Test func eoqIsTheSmallestLot() {
        // 10/day = 3650/year, K = 100, c = 2, h = 25 %: EOQ = √(2·3650·100/0.5) = √1 460 000.
        let costs = OrderingCosts(unitCost: 2, orderingCost: 100, holdingRatePerYear: 0.25)
        let eoq = 1_460_000.0.squareRoot()
        let rsS = ReplenishmentPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 3, lead: 4, costs: costs))
        #expect(isClose(rsS.economicOrderQuantity!, eoq, 1e-9))
        #expect(isClose(rsS.orderUpTo, rsS.reorderPoint + eoq, 1e-9))  // S = s + max(D_R, EOQ)
        #expect(rsS.quantity == rsS.orderUpTo.rounded(.up))
        // min/max: need 60 but at least the EOQ, then capacity (max 500 → room 460).
        let mm = ReplenishmentPolicy.decide(flatInput(onHand: 40, mean: 10, sd: 3, lead: 2, policy: .minMax(min: 40, max: 100), costs: costs))
        #expect(mm.quantity == eoq.rounded(.up))
        let capped = ReplenishmentPolicy.decide(flatInput(onHand: 40, mean: 10, sd: 3, lead: 2, lot: LotRules(maxUnits: 500),
                                                          policy: .minMax(min: 40, max: 100), costs: costs))
        #expect(capped.quantity == 460 && capped.lot.cappedByCapacity)
        // A cheap order (EOQ below a review period's demand) changes nothing.
        let cheap = OrderingCosts(unitCost: 2, orderingCost: 0.001, holdingRatePerYear: 0.25)
        let plain = ReplenishmentPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 3, lead: 4))
        let withCheap = ReplenishmentPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 3, lead: 4, costs: cheap))
        #expect(withCheap.quantity == plain.quantity && withCheap.orderUpTo == plain.orderUpTo)
    }

    @Test func openOrdersAfterTheHorizonCountForEveryPolicy() {
        // Horizon 14 days, 500 units due on day 40: in the position, not in the projection.
        for policy in [PolicyKind.orderUpTo, .reorderPointOrderUpTo, .minMax(min: 40, max: 100), .daysOfSupply(minDays: 4, maxDays: 10)] {
            let d = ReplenishmentPolicy.decide(flatInput(onHand: 0, mean: 10, sd: 3, lead: 2, horizon: 14,
                                                         inbound: [(40, 500)], policy: policy))
            #expect(d.inventoryPosition == 500 && d.quantity == 0, "\(policy)")
            #expect(d.firstStockoutDay == 1 && d.daysOfCover == 0 && d.stockoutBeforeArrival, "\(policy)")
        }
    }

    @Test func orderUpToPolicyIsAlwaysRsS() {
        // OrderUpToPolicy.decide keeps its meaning whatever policy the input names.
        let minMax = flatInput(onHand: 0, mean: 100, sd: 20, lead: 4, policy: .minMax(min: 1, max: 2))
        var rsS = minMax
        rsS.policy = .reorderPointOrderUpTo
        #expect(OrderUpToPolicy.decide(minMax) == ReplenishmentPolicy.decide(rsS))
        #expect(ReplenishmentPolicy.decide(minMax).orderUpTo == 2)
    }

    @Test func policyKindFromConfig() throws {
        #expect(try PolicyKind(configName: "order_up_to") == .orderUpTo)
        #expect(try PolicyKind(configName: "s_S") == .reorderPointOrderUpTo)
        #expect(try PolicyKind(configName: "min_max", min: 4, max: 10) == .minMax(min: 4, max: 10))
        #expect(try PolicyKind(configName: "days_of_supply", min: 3, max: 9) == .daysOfSupply(minDays: 3, maxDays: 9))
        for kind in [PolicyKind.orderUpTo, .reorderPointOrderUpTo, .minMax(min: 1, max: 2), .daysOfSupply(minDays: 1, maxDays: 2)] {
            #expect(PolicyKind.configNames.contains(kind.configName))
        }
        #expect(throws: PolicyKindError.self) { try PolicyKind(configName: "min_max", min: 4) }
        #expect(throws: PolicyKindError.self) { try PolicyKind(configName: "min_max", min: 10, max: 4) }
        #expect(throws: PolicyKindError.self) { try PolicyKind(configName: "s_S", min: 1, max: 2) }
        do {
            _ = try PolicyKind(configName: "kanban")
            Issue.record("accepted an unknown policy")
        } catch {
            #expect(error.name == "kanban" && error.description.contains("order_up_to"))
        }
    }

    @Test func propertyOrdersAreWholePacksAndRespectCapacity() {
        var rng = SplitMix64(seed: 2024)
        var failures: [String] = []
        for trial in 0..<3000 {
            let slow = rng.next() % 2 == 0
            let mean = slow ? rng.unit() * 3 : rng.unit() * 200
            let sd = mean * (0.2 + rng.unit() * 1.5)
            let pack = Double([1, 4, 6, 12, 24][rng.int(0...4)])
            let moq = rng.next() % 3 == 0 ? Double(rng.int(0...100)) : 0
            let cap: Double? = rng.next() % 3 == 0 ? Double(rng.int(0...2000)) : nil
            let policy: PolicyKind = switch rng.int(0...3) {
            case 0: .orderUpTo
            case 1: .reorderPointOrderUpTo
            case 2: .minMax(min: Double(rng.int(0...100)), max: Double(rng.int(100...400)))
            default: .daysOfSupply(minDays: Double(rng.int(0...7)), maxDays: Double(rng.int(7...30)))
            }
            let target: ServiceTarget = rng.next() % 2 == 0 ? .cycleServiceLevel(0.5 + 0.49 * rng.unit())
                : .fillRate(0.5 + 0.499 * rng.unit())
            let costs: OrderingCosts? = rng.next() % 4 == 0 ? OrderingCosts(unitCost: 1 + rng.unit() * 20,
                                                                            orderingCost: rng.unit() * 200, holdingRatePerYear: 0.2) : nil
            let input = flatInput(onHand: Double(rng.int(-50...600)), mean: mean, sd: sd, lead: Double(rng.int(0...14)),
                                  review: rng.int(1...7), inbound: rng.next() % 2 == 0 ? [] : [(rng.int(1...40), Double(rng.int(1...300)))],
                                  allocated: Double(rng.int(0...20)), leadSD: rng.unit(),
                                  lot: LotRules(moq: moq, orderMultiple: pack, maxUnits: cap), target: target, policy: policy, costs: costs)
            let d = ReplenishmentPolicy.decide(input)
            let ip = input.inventoryPosition
            let units = d.quantity / pack
            var ok = d.quantity >= 0 && abs(units - units.rounded()) < 1e-9 && d.reorderPoint <= d.orderUpTo + 1e-9
            if d.quantity > 0 {
                ok = ok && d.quantity >= moq - 1e-9
                ok = ok && (policy == .orderUpTo ? ip < d.orderUpTo : ip <= d.reorderPoint)
                if let cap, !d.lot.moqExceedsCapacity { ok = ok && ip + d.quantity <= cap + 1e-9 }
                if !d.lot.cappedByCapacity && !d.lot.moqExceedsCapacity { ok = ok && ip + d.quantity >= d.orderUpTo - 1e-9 }
            }
            if !ok { failures.append("trial \(trial): \(policy) ip \(ip) → \(d)") }
        }
        #expect(failures == [])
    }
}
