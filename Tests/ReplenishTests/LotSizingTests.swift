import Testing
@testable import Replenish

@Suite("LotSizing")
struct LotSizingTests {
    private func q(_ need: Double, ip: Double = 0, _ rules: LotRules) -> LotSizing.Result {
        LotSizing.quantity(need: need, inventoryPosition: ip, rules: rules)
    }

    @Test func roundsUpToTheCasePack() {
        #expect(q(23, LotRules(orderMultiple: 12)).quantity == 24)
        #expect(q(24, LotRules(orderMultiple: 12)).quantity == 24)
        #expect(q(24.0000000001, LotRules(orderMultiple: 12)).quantity == 24)  // float noise is not a new case
        #expect(q(25, LotRules(orderMultiple: 12)).quantity == 36)
        #expect(q(0.3, LotRules()).quantity == 1)
    }

    @Test func moqRoundedToThePack() {
        #expect(q(10, LotRules(moq: 50)).quantity == 50)
        #expect(q(10, LotRules(moq: 50, orderMultiple: 12)).quantity == 60)
        #expect(q(70, LotRules(moq: 50, orderMultiple: 12)).quantity == 72)
    }

    @Test func noNeedNoOrder() {
        for need in [0.0, -5, 1e-12] {
            let r = q(need, LotRules(moq: 50, orderMultiple: 12))
            #expect(r == LotSizing.Result(quantity: 0, cappedByCapacity: false, moqExceedsCapacity: false))
        }
    }

    @Test func capacityCap() {
        // Room 100 − 30 = 70, pack 12: at most 60.
        let r = q(200, ip: 30, LotRules(orderMultiple: 12, maxUnits: 100))
        #expect(r.quantity == 60)
        #expect(r.cappedByCapacity && !r.moqExceedsCapacity)
        // Fits: no cap flag.
        let fits = q(40, ip: 30, LotRules(orderMultiple: 10, maxUnits: 100))
        #expect(fits.quantity == 40 && !fits.cappedByCapacity)
        // Already full.
        let full = q(50, ip: 100, LotRules(maxUnits: 100))
        #expect(full.quantity == 0 && full.cappedByCapacity)
    }

    @Test func moqAboveCapacityOrdersTheMOQ() {
        let r = q(10, ip: 0, LotRules(moq: 50, maxUnits: 40))
        #expect(r.quantity == 50)
        #expect(r.moqExceedsCapacity)
        #expect(!r.cappedByCapacity)
    }

    @Test func negativeInventoryPosition() {
        // Backorders: IP −30, need 80 → 80; with a cap of 40 the room is 70.
        #expect(q(80, ip: -30, LotRules()).quantity == 80)
        let capped = q(80, ip: -30, LotRules(orderMultiple: 5, maxUnits: 40))
        #expect(capped.quantity == 70 && capped.cappedByCapacity)
    }

    @Test func invalidPackDefaultsToOne() {
        #expect(LotRules(orderMultiple: 0).orderMultiple == 1)
        #expect(LotRules(orderMultiple: -3).orderMultiple == 1)
    }

    @Test func propertyMultipleOfPackAndAtLeastMOQ() {
        var rng = SplitMix64(seed: 99)
        var failures: [String] = []
        for trial in 0..<5000 {
            let pack = Double([1, 2, 6, 12, 24, 100][rng.int(0...5)])
            let moq = rng.next() % 3 == 0 ? 0 : Double(rng.int(0...300))
            let cap: Double? = rng.next() % 2 == 0 ? nil : Double(rng.int(1...1000))
            let ip = Double(rng.int(-200...1200)) + (rng.next() % 2 == 0 ? 0 : rng.unit())
            let need = rng.next() % 5 == 0 ? -rng.unit() * 10 : rng.unit() * 800
            let rules = LotRules(moq: moq, orderMultiple: pack, maxUnits: cap)
            let r = LotSizing.quantity(need: need, inventoryPosition: ip, rules: rules)
            let units = r.quantity / pack
            var ok = r.quantity >= 0 && abs(units - units.rounded()) < 1e-9
            if r.quantity > 0 { ok = ok && r.quantity >= moq }
            if need <= 0 { ok = ok && r.quantity == 0 }
            if r.quantity > 0, let cap, !r.moqExceedsCapacity { ok = ok && ip + r.quantity <= cap + 1e-9 }
            if cap == nil && need > 1e-9 {
                // Uncapped: the smallest whole number of packs covering the need, or the MOQ rounded up to the pack.
                let minimum = (moq / pack).rounded(.up) * pack
                ok = ok && r.quantity >= need - 1e-9 && (r.quantity == minimum || r.quantity - need < pack + 1e-9)
            }
            if !ok { failures.append("trial \(trial): need \(need) ip \(ip) \(rules) → \(r)") }
        }
        #expect(failures == [])
    }
}
