import Foundation
import Testing
import TestSupport
@testable import Forecast

@Suite("QuantileCalibration")
struct QuantileCalibrationTests {
    @Test func identityMapsEveryProbabilityToItself() {
        for p in [0.001, 0.1, 0.5, 0.9, 0.999] { #expect(QuantileCalibration.identity.map(p) == p) }
        #expect(QuantileCalibration.fit([]).isIdentity)
        #expect(QuantileCalibration.fit(Array(repeating: .init(below: 0.2, atOrBelow: 0.2),
                                              count: QuantileCalibration.minimumDays - 1)).isIdentity)
    }

    /// Continuous actuals from N(0, 1) forecast as N(0, 2²): the forecast is twice too wide, so
    /// its PIT is Φ(z/2) and the map must read the wide forecast at Φ(Φ⁻¹(p)/2); the calibrated
    /// quantiles then cover their nominal share of new actuals.
    @Test func aForecastTwiceTooWideIsNarrowed() {
        var rng = SplitMix64(seed: 7)
        func normal() -> Double {
            let u = max(1e-12, rng.unit()), v = rng.unit()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let days = (0..<20_000).map { _ -> QuantileCalibration.Transform in
            let p = StandardNormal.cdf(normal() / 2)
            return .init(below: p, atOrBelow: p)
        }
        let map = QuantileCalibration.fit(days)
        for p in [0.025, 0.1, 0.5, 0.9, 0.975] {
            let expected = StandardNormal.cdf(StandardNormal.quantile(p) / 2)
            #expect(abs(map.map(p) - expected) < 0.01, "p \(p): \(map.map(p)) vs \(expected)")
        }
        var covered = 0
        for _ in 0..<20_000 where normal() <= 2 * StandardNormal.quantile(map.map(0.9)) { covered += 1 }
        #expect(abs(Double(covered) / 20_000 - 0.9) < 0.01)
    }

    /// Counts: a Poisson(0.5) forecast for actuals that are 0 on 90 % of days and 1 otherwise.
    /// P(D < 1) = e^−0.5 ≈ 0.61 and P(D < 0) = 0, so the 0.8 quantile read at its mapped p′ must be
    /// 0 (covering 90 % ≥ 80 %), while the 0.95 quantile must reach 1; the lower tail is driven by
    /// P(D ≤ y) and the map stays non-decreasing.
    @Test func countsUseTheOneSidedTransforms() {
        let zero = CountQuantile.cdf(mean: 0.5, sd: 0, at: 0), one = CountQuantile.cdf(mean: 0.5, sd: 0, at: 1)
        let days = Array(repeating: zero, count: 900) + Array(repeating: one, count: 100)
        let map = QuantileCalibration.fit(days)
        let f = DemandForecast(mean: [0.5], sd: [0], model: "x")
        var calibrated = f
        calibrated.calibration = map
        #expect(f.quantile(0, 0.8) == 1)
        #expect(calibrated.quantile(0, 0.8) == 0)
        #expect(calibrated.quantile(0, 0.95) == 1)
        #expect(zip(map.mapped, map.mapped.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func tailsBeyondTheGridKeepTheirProportion() {
        let map = QuantileCalibration(mapped: QuantileCalibration.grid.map { $0 < 0.5 ? $0 / 2 : 1 - (1 - $0) / 2 })
        #expect(abs(map.map(0.001) - 0.0005) < 1e-12)
        #expect(abs(map.map(0.999) - 0.9995) < 1e-12)
        #expect(abs(map.map(0.3) - (0.125 + 0.5 * (0.175 - 0.125))) < 1e-12)
    }

    /// Slow movers forecast by exactly the Poisson they are drawn from: honest quantiles. The
    /// marginal map would still move them (the ties at 0 and 1 cover more than p), pinball on the
    /// holdout keeps them: with weights, every series' 0.9 and 0.975 quantiles stay as they were,
    /// without (the marginal map kept) they change for some series.
    @Test func honestCountQuantilesAreKeptWhenThePinballLossSaysSo() {
        var rng = SplitMix64(seed: 11)
        func poisson(_ mu: Double) -> Double { poissonDraw(mu, &rng) }
        let means = (0..<300).map { 0.1 + 1.5 * Double($0) / 300 }
        func days(weighted: Bool) -> [QuantileCalibration.Transform] {
            rng = SplitMix64(seed: 11)
            return means.flatMap { mu in
                (0..<28).map { _ -> QuantileCalibration.Transform in
                    let y = poisson(mu)
                    var t = CountQuantile.cdf(mean: mu, sd: 0, at: y)
                    t.mean = mu; t.actual = y; t.weight = weighted ? 1 : 0
                    return t
                }
            }
        }
        func changed(_ map: QuantileCalibration, _ p: Double) -> Int {
            means.filter { CountQuantile.quantile(mean: $0, sd: 0, p: map.map(p)) != CountQuantile.quantile(mean: $0, sd: 0, p: p) }.count
        }
        let scored = QuantileCalibration.fit(days(weighted: true)), marginal = QuantileCalibration.fit(days(weighted: false))
        #expect(changed(scored, 0.9) == 0)
        #expect(changed(scored, 0.975) == 0)
        #expect(changed(marginal, 0.9) + changed(marginal, 0.975) > 10)
    }

    /// The same honest Poisson slow movers: their true 10 % / 90 % quantiles cover far more than
    /// 80 % of days (ties at 0 and 1 sit inside), so the interval map (marginal) narrows them
    /// until the share covered is 80 % ± 2 points, while the quantile map (pinball) keeps them;
    /// a forecast carries both and reads its interval through the interval map.
    @Test func intervalsAreCalibratedForCoverageAndQuantilesForPinball() {
        var rng = SplitMix64(seed: 5)
        func poisson(_ mu: Double) -> Double { poissonDraw(mu, &rng) }
        let means = (0..<400).map { 0.2 + 1.5 * Double($0) / 400 }
        var days: [QuantileCalibration.Transform] = [], actual: [(Double, Double)] = []
        for mu in means {
            for _ in 0..<28 {
                let y = poisson(mu)
                var t = CountQuantile.cdf(mean: mu, sd: 0, at: y)
                t.mean = mu; t.actual = y; t.weight = 1
                days.append(t)
                actual.append((mu, y))
            }
        }
        let quantiles = QuantileCalibration.fit(days), intervals = QuantileCalibration.fit(days, for: .intervals)
        func coverage(_ read: (DemandForecast) -> (lower: Double, upper: Double)) -> Double {
            let inside = actual.filter { mu, y in
                let b = read(DemandForecast(mean: [mu], sd: [0], model: "x"))
                return b.lower <= y && y <= b.upper
            }
            return Double(inside.count) / Double(actual.count)
        }
        let honest = coverage { ($0.quantile(0, 0.1), $0.quantile(0, 0.9)) }
        #expect(honest > 0.85, "true quantiles of counts cover more than 80 %: \(honest)")
        let calibrated = coverage { f in
            var f = f
            f.calibration = quantiles
            f.intervalCalibration = intervals
            return f.interval(0, level: 0.8)
        }
        #expect(abs(calibrated - 0.8) <= 0.02, "interval coverage \(calibrated)")
        // The quantile columns keep the pinball map (here: the honest quantiles at 0.9).
        #expect(means.allSatisfy { CountQuantile.quantile(mean: $0, sd: 0, p: quantiles.map(0.9)) == CountQuantile.quantile(mean: $0, sd: 0, p: 0.9) })
        // Without an interval map, the interval is the quantiles' pair.
        var plain = DemandForecast(mean: [0.7], sd: [0], model: "x")
        plain.calibration = quantiles
        #expect(plain.interval(0, level: 0.8) == (plain.quantile(0, 0.1), plain.quantile(0, 0.9)))
    }

    @Test func bandsFallBackToThePooledMapAndPickByLevel() {
        #expect(QuantileCalibrationBands.band(of: 0) == 0)
        #expect(QuantileCalibrationBands.band(of: 0.5) == 1)
        #expect(QuantileCalibrationBands.band(of: 7.9) == 2)
        #expect(QuantileCalibrationBands.band(of: 100) == 3)
        // Wide forecasts at level 20 only: band 3 learns its own map, the others the pooled one
        // (the same days), so every band narrows.
        let wide = (0..<1_000).map { k -> QuantileCalibration.Transform in
            let p = StandardNormal.cdf(StandardNormal.quantile((Double(k) + 0.5) / 1_000) / 2)
            return .init(below: p, atOrBelow: p)
        }
        let bands = QuantileCalibrationBands.fit([wide], levels: [20])
        #expect(bands.maps.allSatisfy { $0 == bands.maps[3] })
        #expect(bands.maps[3].map(0.9) < 0.8)
        #expect(bands.map(for: [20, 20]) == bands.maps[3])
        #expect(QuantileCalibrationBands.fit([], levels: []) == .identity)
    }
}

/// One Poisson(mu) draw by inversion.
private func poissonDraw(_ mu: Double, _ rng: inout SplitMix64) -> Double {
    var k = 0.0, p = exp(-mu), cdf = p
    let u = rng.unit()
    while u > cdf { k += 1; p *= mu / k; cdf += p }
    return k
}
