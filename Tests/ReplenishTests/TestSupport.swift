@testable import Replenish

/// Tiny deterministic generator (Steele, Lea & Flood's SplitMix64) for property-style tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

func isClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

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
