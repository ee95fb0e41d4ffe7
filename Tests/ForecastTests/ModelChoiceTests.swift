import Testing
@testable import Forecast

@Suite("ModelChoice")
struct ModelChoiceTests {
    /// Without a calendar context a smooth series gets ETS with a weekly season.
    @Test func stronglyWeeklySeriesGetsSeasonalETS() {
        var rng = SplitMix64(seed: 7)
        let week: [Double] = [50, 10, 12, 8, 15, 90, 120]
        let y = DemandSeries(demand: (0..<112).map { week[$0 % 7] + Double(rng.int(0...2)) })
        let f = ModelChoice().forecast(y, horizon: 14)
        #expect(f.model.hasPrefix("ets(") && !f.model.hasSuffix(",n)"), "\(f.model)")
        #expect(f.mean.count == 14)
        // The refit on the whole history follows the weekly shape (±2 noise).
        #expect(abs(f.mean[6] - 120) <= 2 && abs(f.mean[1] - 10) <= 2)  // day 112 is position 0
    }

    /// A flat noisy smooth series: ETS selects the simple level model.
    @Test func flatNoisySeriesPicksSimpleETS() {
        var rng = SplitMix64(seed: 11)
        let y = DemandSeries(demand: (0..<120).map { _ in 20 + 10 * (rng.unit() - 0.5) })
        let f = ModelChoice().forecast(y, horizon: 7)
        #expect(f.model == "ets(a,n,n)")
        #expect(f.mean.allSatisfy { abs($0 - 20) < 2.5 })
    }

    @Test func noHistoryIsZero() {
        for y in [DemandSeries(demand: []), DemandSeries(demand: [0, 3], censored: [true, true])] {
            let f = ModelChoice().forecast(y, horizon: 5)
            #expect(f.model == "no_history")
            #expect(f.mean == [0, 0, 0, 0, 0])
            #expect(f.sd == [0, 0, 0, 0, 0])
        }
    }

    @Test func shortHistoryUsesSES() {
        // Fewer than 2 × 28 observed days: no holdout, even for a perfectly weekly pattern.
        let week: [Double] = [50, 10, 12, 8, 15, 90, 120]
        let f = ModelChoice().forecast(DemandSeries(demand: (0..<55).map { week[$0 % 7] }), horizon: 3)
        #expect(f.model == "ses")
    }

    @Test func forecastsAreAlwaysFiniteAndNonNegative() {
        var rng = SplitMix64(seed: 2024)
        var failures: [String] = []
        for trial in 0..<300 {
            let n = rng.int(0...150)
            let shape = rng.int(0...3)
            let demand: [Double] = (0..<n).map { t in
                switch shape {
                case 0: return Double(rng.int(0...5))  // intermittent, small
                case 1: return rng.unit() < 0.9 ? 0 : Double(rng.int(1...10_000))  // rare spikes
                case 2: return Double((t % 7) * rng.int(0...30))  // weekly-ish
                default: return 1e6 * rng.unit()  // large values
                }
            }
            let censorRate = rng.unit() * 0.5
            let censored: [Bool] = rng.next() % 2 == 0 ? [] : (0..<n).map { _ in rng.unit() < censorRate }
            let horizon = rng.int(1...60)
            let choice = ModelChoice(holdoutDays: rng.int(1...28), period: 7)
            let f = choice.forecast(DemandSeries(demand: demand, censored: censored, weekdayOfFirstDay: rng.int(0...6)),
                                    horizon: horizon)
            let ok = f.mean.count == horizon && f.sd.count == horizon
                && f.mean.allSatisfy { $0.isFinite && $0 >= 0 } && f.sd.allSatisfy { $0.isFinite && $0 >= 0 }
            if !ok { failures.append("trial \(trial): n=\(n) shape=\(shape) model=\(f.model)") }
        }
        #expect(failures == [])
    }
}
