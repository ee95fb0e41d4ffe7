@_exported import TestSupport
@testable import Replenish



/// An input with a flat forecast of `mean` units/day and `sd` per day over `horizon` days.
func flatInput(onHand: Double, mean: Double, sd: Double, lead: Double, review: Int = 1, csl: Double = 0.95,
               horizon: Int = 28, inbound: [(day: Int, quantity: Double)] = [], allocated: Double = 0,
               leadSD: Double = 0, lot: LotRules = LotRules(), target: ServiceTarget? = nil,
               policy: PolicyKind = .reorderPointOrderUpTo, costs: OrderingCosts? = nil) -> ReplenishmentInput {
    ReplenishmentInput(onHand: onHand, allocated: allocated, inbound: inbound,
                       demandMean: .init(repeating: mean, count: horizon), demandSD: .init(repeating: sd, count: horizon),
                       leadTimeDays: lead, leadTimeSDDays: leadSD, reviewDays: review, serviceLevel: csl, lot: lot,
                       serviceTarget: target, policy: policy, costs: costs)
}

/// |a − b| ≤ tolerance·|b|.
func isRelClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance * abs(b) }

/// Φ⁻¹(0.95) (R: qnorm(0.95)).
let z95 = 1.6448536269514722
