import Testing
@testable import Replenish

@Suite("SafetyStock")
struct SafetyStockTests {
    @Test func protectionSDByHand() {
        // σ_d = 10 for 9 days, σ_L = 2 days, d̄ = 50: √(9·100 + 50²·2²).
        let v = SafetyStock.protectionSD(dailySD: .init(repeating: 10, count: 9), days: 9, meanDailyDemand: 50, leadTimeSDDays: 2)
        #expect(isClose(v, (9.0 * 100 + 2500 * 4).squareRoot(), 1e-12))
    }

    @Test func shortSDArrayRepeatsItsLastValue() {
        // [3, 4] over 4 days: 9 + 16 + 16 + 16.
        #expect(isClose(SafetyStock.protectionSD(dailySD: [3, 4], days: 4, meanDailyDemand: 0, leadTimeSDDays: 0), 57.0.squareRoot(), 1e-12))
        #expect(SafetyStock.protectionSD(dailySD: [], days: 4, meanDailyDemand: 0, leadTimeSDDays: 0) == 0)
    }

    @Test func fractionalDays() {
        // 2.5 days of [3, 4, 5]: 9 + 16 + 0.5·25 = 37.5.
        #expect(isClose(SafetyStock.protectionSD(dailySD: [3, 4, 5], days: 2.5, meanDailyDemand: 0, leadTimeSDDays: 0), 37.5.squareRoot(), 1e-12))
        // 0.25 day: 0.25·9, plus the lead-time term 10²·1².
        #expect(isClose(SafetyStock.protectionSD(dailySD: [3], days: 0.25, meanDailyDemand: 10, leadTimeSDDays: 1), (2.25 + 100).squareRoot(), 1e-12))
        #expect(isClose(SafetyStock.demandOver(days: 2.5, mean: [10, 20, 30]), 45, 1e-12))
        #expect(isClose(SafetyStock.demandOver(days: 5, mean: [10, 20, 30]), 120, 1e-12))
        #expect(SafetyStock.demandOver(days: 0, mean: [10]) == 0)
        #expect(SafetyStock.demandOver(days: 3, mean: []) == 0)
    }

    @Test func safetyFactor() {
        #expect(isClose(SafetyStock.safetyFactor(cycleServiceLevel: 0.95), z95, 1e-12))
        #expect(SafetyStock.safetyFactor(cycleServiceLevel: 0.5) == 0)
    }
}
