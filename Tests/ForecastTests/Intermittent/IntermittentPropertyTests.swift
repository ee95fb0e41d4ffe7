import Testing
@testable import Forecast

@Suite("Intermittent: properties")
struct IntermittentPropertyTests {
    /// Every fit restock uses, in a fixed order.
    private func allFits(_ y: DemandSeries) -> [IntermittentFit?] {
        [Croston.fit(y, variant: .classic), Croston.fit(y, variant: .sba),
         Croston.fit(y, variant: .sba, alphaSize: 0.1, alphaInterval: 0.1),
         TSB.fit(y), TSB.fit(y, alphaDemand: 0.2, alphaProbability: 0.1)]
    }

    private func randomDemand(_ rng: inout SplitMix64, count n: Int) -> [Double] {
        let shape = rng.int(0...3)
        let p = rng.unit()
        return (0..<n).map { _ in
            switch shape {
            case 0: return rng.unit() < p ? Double(rng.int(1...5)) : 0
            case 1: return rng.unit() < 0.05 * p ? Double(rng.int(1...10_000)) : 0
            case 2: return rng.unit() < p ? 1e6 * rng.unit() : (rng.unit() < 0.1 ? -2 : 0)  // with returns
            default: return rng.unit() < p ? 0.01 * Double(rng.int(1...300)) : 0
            }
        }
    }

    /// Marking a day censored (whatever was recorded on it) gives exactly the fit of the series
    /// with that day deleted: same level, sigma and α's, bit for bit.
    @Test func censoredDayIsTheSameAsADeletedDay() {
        var rng = SplitMix64(seed: 77)
        var failures: [String] = []
        for trial in 0..<150 {
            let n = rng.int(1...200)
            let demand = randomDemand(&rng, count: n)
            let rate = 0.4 * rng.unit()
            let censored = (0..<n).map { _ in rng.unit() < rate }
            // Censored days record anything: a zero (stock-out all day) or a partial sale.
            let recorded = (0..<n).map { censored[$0] ? (rng.unit() < 0.5 ? 0 : Double(rng.int(0...7))) : demand[$0] }
            let withCensoring = DemandSeries(demand: recorded, censored: censored)
            let deleted = DemandSeries(demand: (0..<n).filter { !censored[$0] }.map { demand[$0] })
            if allFits(withCensoring) != allFits(deleted) { failures.append("trial \(trial): fits differ") }
            if DemandClassStatistics(withCensoring) != DemandClassStatistics(deleted)
                && !(DemandClassStatistics(deleted).adi.isNaN) {
                failures.append("trial \(trial): classification differs")
            }
        }
        #expect(failures == [])
    }

    @Test func insertingACensoredZeroChangesNothing() throws {
        let y = DemandSeries(demand: [0, 3, 0, 0, 5, 0, 2, 0, 1])
        let z = DemandSeries(demand: [0, 3, 0, 0, 0, 5, 0, 2, 0, 1],
                             censored: [false, false, false, false, true, false, false, false, false, false])
        #expect(allFits(y) == allFits(z))
        // The same zero, uncensored, lengthens an interval and changes the forecast.
        let w = DemandSeries(demand: z.demand)
        #expect(Croston.fit(w, variant: .sba)!.level != Croston.fit(y, variant: .sba)!.level)
    }

    @Test func forecastsAreFiniteAndNonNegative() {
        var rng = SplitMix64(seed: 2025)
        var failures: [String] = []
        for trial in 0..<300 {
            let n = rng.int(0...400)
            let demand = randomDemand(&rng, count: n)
            let censored: [Bool] = rng.int(0...1) == 0 ? [] : (0..<n).map { _ in rng.unit() < 0.2 }
            let y = DemandSeries(demand: demand, censored: censored)
            let hasDemand = (0..<n).contains { y.isObserved($0) && demand[$0] > 0 }
            let horizon = rng.int(1...60)
            for (k, fit) in allFits(y).enumerated() {
                guard let fit else {
                    if hasDemand { failures.append("trial \(trial) fit \(k): nil with demand") }
                    continue
                }
                if !hasDemand { failures.append("trial \(trial) fit \(k): fit without demand") }
                let f = fit.forecast(horizon: horizon)
                let ok = f.mean.count == horizon && f.sd.count == horizon
                    && f.mean.allSatisfy { $0.isFinite && $0 >= 0 } && f.sd.allSatisfy { $0.isFinite && $0 >= 0 }
                    && fit.alphaSize > 0 && fit.alphaSize <= 1 && fit.alphaOccurrence > 0 && fit.alphaOccurrence <= 1
                if !ok { failures.append("trial \(trial) fit \(k) (\(fit.model)): n=\(n) level=\(fit.level) sigma=\(fit.sigma)") }
            }
        }
        #expect(failures == [])
    }

    @Test func deterministic() {
        var rng = SplitMix64(seed: 9)
        let y = DemandSeries(demand: randomDemand(&rng, count: 365))
        #expect(allFits(y) == allFits(y))
    }
}
