import Testing
@testable import Replenish

@Suite("FairShare")
struct FairShareTests {
    private func fraction(_ c: FairShare.Claim, _ x: Double) -> Double { (c.inventoryPosition + x) / c.orderUpTo }

    @Test func shortByHalfRaisesBothToTheSameFraction() {
        // Targets 100 and 50, both empty, asking for their targets; 75 available → both at 50 %.
        let claims = [FairShare.Claim(requested: 100, inventoryPosition: 0, orderUpTo: 100),
                      FairShare.Claim(requested: 50, inventoryPosition: 0, orderUpTo: 50)]
        #expect(FairShare.allocate(available: 75, claims: claims) == [50, 25])
    }

    @Test func unequalPositionsWaterFill() {
        // A holds 20 of 100, B nothing of 100; 90 to share: f·100 − 20 + f·100 = 90 → f = 0.55.
        let claims = [FairShare.Claim(requested: 80, inventoryPosition: 20, orderUpTo: 100),
                      FairShare.Claim(requested: 100, inventoryPosition: 0, orderUpTo: 100)]
        #expect(FairShare.allocate(available: 90, claims: claims) == [35, 55])
        // Only 10: all of it to B, which is furthest below (A already at 20 %).
        #expect(FairShare.allocate(available: 10, claims: claims) == [0, 10])
        // Proportional-to-request would have given A 10·80/180 ≈ 4.4 here.
    }

    @Test func nobodyGetsMoreThanAsked() {
        // C asks only 5 although far below target; the rest is levelled between A and B.
        let claims = [FairShare.Claim(requested: 100, inventoryPosition: 0, orderUpTo: 100),
                      FairShare.Claim(requested: 100, inventoryPosition: 0, orderUpTo: 100),
                      FairShare.Claim(requested: 5, inventoryPosition: 0, orderUpTo: 100)]
        #expect(FairShare.allocate(available: 45, claims: claims) == [20, 20, 5])
    }

    @Test func casePacksAndLeftoverPacks() {
        // Continuous answer 50/25; packs of 12 and 6: 48 and 24, 3 left over < any pack.
        let claims = [FairShare.Claim(requested: 96, inventoryPosition: 0, orderUpTo: 100, casePack: 12),
                      FairShare.Claim(requested: 48, inventoryPosition: 0, orderUpTo: 50, casePack: 6)]
        let x = FairShare.allocate(available: 75, claims: claims)
        #expect(x == [48, 24])
        // 80 available: continuous 53.3/26.7 → 48 + 24 = 72, then one more pack of 6 to the lower
        // fraction (B at 48 %, A at 48 %: tie → A's pack of 12 does not fit in 8, B's 6 does).
        #expect(FairShare.allocate(available: 80, claims: claims) == [48, 30])
    }

    @Test func enoughForEveryoneAndNothingAtAll() {
        let claims = [FairShare.Claim(requested: 7.5, inventoryPosition: 0, orderUpTo: 10, casePack: 4),
                      FairShare.Claim(requested: 3, inventoryPosition: 1, orderUpTo: 4)]
        #expect(FairShare.allocate(available: 20, claims: claims) == [7.5, 3])
        #expect(FairShare.allocate(available: 0, claims: claims) == [0, 0])
        #expect(FairShare.allocate(available: 5, claims: []) == [])
    }

    @Test func propertyFeasibleAndLevel() {
        var rng = SplitMix64(seed: 7)
        var failures: [String] = []
        for trial in 0..<2000 {
            let n = rng.int(1...6)
            let packs = [1.0, 1, 2, 6, 12]
            var claims: [FairShare.Claim] = []
            for _ in 0..<n {
                let pack = packs[rng.int(0...4)]
                let S = Double(rng.int(1...300))
                let ip = Double(rng.int(-50...250))
                let q = (max(0, S - ip) / pack).rounded(.up) * pack
                claims.append(FairShare.Claim(requested: q, inventoryPosition: ip, orderUpTo: S, casePack: pack))
            }
            let asked = claims.reduce(0) { $0 + $1.requested }
            let available = rng.unit() * asked * 1.2
            let x = FairShare.allocate(available: available, claims: claims)
            var ok = x.reduce(0, +) <= available + 1e-9
            for (c, xi) in zip(claims, x) {
                ok = ok && xi >= 0 && xi <= c.requested + 1e-9
                if asked > available { ok = ok && abs(xi / c.casePack - (xi / c.casePack).rounded()) < 1e-9 }
            }
            if asked > available {
                let left = available - x.reduce(0, +)
                // Nobody who could still take a pack is left a whole pack short of stock.
                for (c, xi) in zip(claims, x) where xi + c.casePack <= c.requested + 1e-9 { ok = ok && left < c.casePack }
                // With unit packs: an unfilled claim is never more than one unit per target below a served one.
                if claims.allSatisfy({ $0.casePack == 1 }) {
                    for (ci, xi) in zip(claims, x) where xi < ci.requested {
                        for (cj, xj) in zip(claims, x) where xj > 0 {
                            ok = ok && fraction(ci, xi) + 1 / ci.orderUpTo >= fraction(cj, xj) - 1 / cj.orderUpTo - 1e-9
                        }
                    }
                }
            }
            if !ok { failures.append("trial \(trial): A \(available) \(claims) → \(x)") }
        }
        #expect(failures == [])
    }
}
