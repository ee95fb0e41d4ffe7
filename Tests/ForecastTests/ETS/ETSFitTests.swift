import Foundation
import Testing
@testable import Forecast

@Suite("ETS fit and forecast")
struct ETSFitTests {
    static func weekly(_ n: Int, seed: UInt64, level: Double = 40, noise: Double = 0.1) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let week = [1.3, 0.8, 0.85, 0.9, 1.0, 1.25, 0.9]
        return (0..<n).map { t in (level * week[t % 7] * (1 + noise * (rng.unit() - 0.5)) * 100).rounded() / 100 }
    }

    @Test func tooShortOrEmptyIsNil() {
        #expect(ETS.fit(DemandSeries(demand: []), spec: ETSSpec("ANN")!) == nil)
        #expect(ETS.select(DemandSeries(demand: [])) == nil)
        // ETS(A,N,N) has 2 parameters: 6 observed days needed.
        #expect(ETS.fit(DemandSeries(demand: [3, 4, 5, 4, 3]), spec: ETSSpec("ANN")!) == nil)
        #expect(ETS.fit(DemandSeries(demand: [3, 4, 5, 4, 3, 4]), spec: ETSSpec("ANN")!) != nil)
        // Censored days do not count.
        let y = DemandSeries(demand: [3, 4, 5, 4, 3, 4, 5, 6], censored: [false, true, false, true, false, true, false, false])
        #expect(ETS.fit(y, spec: ETSSpec("ANN")!) == nil)
        #expect(ETS.select(DemandSeries(demand: [1, 2], censored: [true, true])) == nil)
        // ETS(A,A,A) with m = 7: 3 + 2 + 6 = 11 parameters → 15 observed days.
        let weekly = Self.weekly(40, seed: 1)
        #expect(ETS.fit(DemandSeries(demand: Array(weekly.prefix(14))), spec: ETSSpec("AAA")!) == nil)
        #expect(ETS.fit(DemandSeries(demand: Array(weekly.prefix(15))), spec: ETSSpec("AAA")!) != nil)
    }

    @Test func multiplicativeNeedsPositiveObservedData() throws {
        var demand = Self.weekly(120, seed: 2)
        #expect(ETS.fit(DemandSeries(demand: demand), spec: ETSSpec("MNM")!) != nil)
        demand[50] = 0
        #expect(ETS.fit(DemandSeries(demand: demand), spec: ETSSpec("MNM")!) == nil)
        #expect(ETS.fit(DemandSeries(demand: demand), spec: ETSSpec("ANM")!) == nil)
        let best = try #require(ETS.select(DemandSeries(demand: demand)))
        #expect(!best.spec.needsPositiveData)
        // A censored zero is not an observation: multiplicative models are allowed again.
        var censored = [Bool](repeating: false, count: demand.count)
        censored[50] = true
        #expect(ETS.fit(DemandSeries(demand: demand, censored: censored), spec: ETSSpec("MNM")!) != nil)
    }

    @Test func censoredDaysAreMissingValues() throws {
        // The value recorded on a censored day must not matter at all.
        var demand = Self.weekly(140, seed: 3)
        var censored = [Bool](repeating: false, count: demand.count)
        for t in [20, 21, 60, 100, 139] { censored[t] = true }
        for spec in ["ANN", "AAdA", "MNM"] {
            let a = try #require(ETS.fit(DemandSeries(demand: demand, censored: censored), spec: ETSSpec(spec)!))
            var other = demand
            for t in 0..<demand.count where censored[t] { other[t] = 1e6 }
            let b = try #require(ETS.fit(DemandSeries(demand: other, censored: censored), spec: ETSSpec(spec)!))
            #expect(a.observations == 135)
            #expect(a.logLikelihood == b.logLikelihood && a.level == b.level && a.seasonal == b.seasonal)
        }
        // With the last day censored, the final states are the one-step predictions from day 138.
        demand[139] = 0
        let fit = try #require(ETS.fit(DemandSeries(demand: demand, censored: censored), spec: ETSSpec("ANN")!))
        let shorter = try #require(ETS.fit(DemandSeries(demand: Array(demand.prefix(139)), censored: Array(censored.prefix(139))),
                                           spec: ETSSpec("ANN")!))
        #expect(abs(fit.level - shorter.level) < 1e-9 * abs(shorter.level))
    }

    @Test func forecastsAreDeterministicFiniteAndNonNegative() throws {
        var rng = SplitMix64(seed: 77)
        for trial in 0..<12 {
            let n = rng.int(30...200)
            let zeros = trial % 3 == 0
            let demand = (0..<n).map { t -> Double in
                let base = Double((t % 7) + 1) * Double(rng.int(1...9))
                return zeros && rng.unit() < 0.4 ? 0 : base
            }
            let y = DemandSeries(demand: demand)
            let fit = try #require(ETS.select(y))
            let f = fit.forecast(horizon: 28, seed: 9)
            #expect(f.mean.count == 28 && f.sd.count == 28)
            #expect(f.mean.allSatisfy { $0.isFinite && $0 >= 0 } && f.sd.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(f.model == fit.spec.modelName && f.model.hasPrefix("ets("))
            let again = try #require(ETS.select(y))
            #expect(again.forecast(horizon: 28, seed: 9) == f)
        }
    }

    @Test func simulatedIntervalsForAdditiveErrorMultiplicativeSeason() throws {
        // ETS(A,N,M) is outside R's default set; its variance is simulated from the seed.
        let y = DemandSeries(demand: Self.weekly(200, seed: 4))
        let fit = try #require(ETS.fit(y, spec: ETSSpec("ANM")!))
        let a = fit.forecast(horizon: 14, seed: 1)
        #expect(a == fit.forecast(horizon: 14, seed: 1))
        let b = fit.forecast(horizon: 14, seed: 2)
        #expect(a.mean == b.mean && a.sd != b.sd)
        // One step ahead the error sd is σ; the simulation agrees within sampling error.
        #expect(abs(a.sd[0] - fit.sigma2.squareRoot()) < 0.05 * fit.sigma2.squareRoot())
        #expect(a.sd[13] >= a.sd[0])
    }

    @Test func constantSeriesForecastsTheConstant() throws {
        let fit = try #require(ETS.select(DemandSeries(demand: [Double](repeating: 5, count: 60))))
        let f = fit.forecast(horizon: 7, seed: 0)
        #expect(f.mean.allSatisfy { abs($0 - 5) < 1e-9 } && f.sd.allSatisfy { $0 < 1e-6 })
    }

    @Test func noDampingWhenNotAllowed() {
        let candidates = ETS.candidates(period: 7, days: 100, positive: true, allowDamped: false)
        #expect(candidates.count == 10 && !candidates.contains { $0.isDamped })
        #expect(ETS.candidates(period: 7, days: 100, positive: true).count == 15)
        #expect(ETS.candidates(period: 7, days: 100, positive: false).count == 6)
        #expect(ETS.candidates(period: 7, days: 7, positive: true).count == 6)  // n ≤ m: no season
        #expect(ETS.candidates(period: 1, days: 100, positive: true).count == 6)
    }

    /// Timing of automatic selection on a 730-day daily series; runs only with RESTOCK_TIMING=1
    /// (use a release build: `swift build -c release --build-tests` then `swift test -c release`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RESTOCK_TIMING"] == "1"))
    func timingOfSelectionOn730Days() throws {
        var series: [DemandSeries] = []
        for seed in 0..<8 {
            var rng = SplitMix64(seed: UInt64(100 + seed))
            let week = [1.3, 0.8, 0.85, 0.9, 1.0, 1.25, 0.9]
            var demand: [Double] = []
            for t in 0..<730 {
                let trend: Double = 20 + 0.02 * Double(t)
                let noise: Double = 0.8 + 0.4 * rng.unit()
                demand.append((trend * week[t % 7] * noise * 100).rounded() / 100)
            }
            series.append(DemandSeries(demand: demand))
        }
        let clock = ContinuousClock()
        var evaluations = 0
        let elapsed = clock.measure {
            for y in series { evaluations += ETS.select(y)?.evaluations ?? 0 }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("ETS timing: \(seconds / Double(series.count) * 1000) ms per 730-day series (auto selection, 15 candidates)")
    }
}
