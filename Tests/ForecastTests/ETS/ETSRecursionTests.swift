import Foundation
import Testing
@testable import Forecast

/// The one-step recursion against hand computation (Hyndman et al. 2008, Table 2.1, written in
/// the book's error form ℓ_t = … + αε_t so that each case checks R's y-form independently).
@Suite("ETS recursion")
struct ETSRecursionTests {
    func step(_ code: String, level: Double, slope: Double = 0, season: Double = 0, y: Double,
              _ p: ETSSmoothing) -> (f: Double, x: ETSLevelSlope, s: Double) {
        let spec = ETSSpec(code)!
        var x = ETSLevelSlope(level: level, slope: slope)
        var s = season
        let f = ETSRecursion.step(&x, season: &s, y: y, kind: ETSKind(spec), p: p)
        return (f, x, s)
    }

    @Test func simpleLevel() {
        // ŷ = ℓ = 10, ε = 4, ℓ' = ℓ + αε = 12.
        let r = step("ANN", level: 10, y: 14, ETSSmoothing(alpha: 0.5))
        #expect(r.f == 10 && r.x.level == 12)
    }

    @Test func additiveTrend() {
        // ŷ = ℓ + b = 12, ε = 2, ℓ' = 12 + 0.5·2 = 13, b' = b + βε = 2.2.
        let r = step("AAN", level: 10, slope: 2, y: 14, ETSSmoothing(alpha: 0.5, beta: 0.1))
        #expect(r.f == 12)
        #expect(abs(r.x.level - 13) < 1e-12 && abs(r.x.slope - 2.2) < 1e-12)
    }

    @Test func dampedTrend() {
        // ŷ = ℓ + φb = 11.8, ε = 2.2, ℓ' = 11.8 + 0.5·2.2 = 12.9, b' = φb + βε = 1.8 + 0.22.
        let r = step("AAdN", level: 10, slope: 2, y: 14, ETSSmoothing(alpha: 0.5, beta: 0.1, phi: 0.9))
        #expect(abs(r.f - 11.8) < 1e-12)
        #expect(abs(r.x.level - 12.9) < 1e-12 && abs(r.x.slope - 2.02) < 1e-12)
    }

    @Test func additiveSeason() {
        // ŷ = ℓ + s = 13, ε = 2, ℓ' = ℓ + αε = 11, s' = s + γε = 3.4.
        let r = step("ANA", level: 10, season: 3, y: 15, ETSSmoothing(alpha: 0.5, gamma: 0.2))
        #expect(r.f == 13)
        #expect(abs(r.x.level - 11) < 1e-12 && abs(r.s - 3.4) < 1e-12)
    }

    @Test func multiplicativeSeasonAndError() {
        // (M,N,M): ŷ = ℓs = 12, ε = (15 − 12)/12 = 0.25, ℓ' = ℓ(1 + αε) = 11.25, s' = s(1 + γε) = 1.26.
        let r = step("MNM", level: 10, season: 1.2, y: 15, ETSSmoothing(alpha: 0.5, gamma: 0.2))
        #expect(abs(r.f - 12) < 1e-12)
        #expect(abs(r.x.level - 11.25) < 1e-12 && abs(r.s - 1.26) < 1e-12)
    }

    @Test func multiplicativeDampedSeasonal() {
        // (M,Ad,M): q = ℓ + φb = 10.9, ŷ = qs = 8.72, ε = (10 − 8.72)/8.72,
        // ℓ' = q(1 + αε), b' = φb + βqε, s' = s(1 + γε).
        let p = ETSSmoothing(alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9)
        let r = step("MAdM", level: 10, slope: 1, season: 0.8, y: 10, p)
        let e = (10 - 8.72) / 8.72
        #expect(abs(r.f - 8.72) < 1e-12)
        #expect(abs(r.x.level - 10.9 * (1 + 0.3 * e)) < 1e-12)
        #expect(abs(r.x.slope - (0.9 + 0.05 * 10.9 * e)) < 1e-12)
        #expect(abs(r.s - 0.8 * (1 + 0.1 * e)) < 1e-12)
    }

    @Test func additiveErrorMultiplicativeSeason() {
        // (A,A,M): ŷ = (ℓ + b)s, ε = y − ŷ, ℓ' = ℓ + b + αε/s, b' = b + βε/s, s' = s + γε/(ℓ + b).
        let p = ETSSmoothing(alpha: 0.4, beta: 0.1, gamma: 0.2)
        let r = step("AAM", level: 20, slope: 1, season: 1.5, y: 33, p)
        let e = 33 - 31.5
        #expect(abs(r.f - 31.5) < 1e-12)
        #expect(abs(r.x.level - (21 + 0.4 * e / 1.5)) < 1e-12)
        #expect(abs(r.x.slope - (1 + 0.1 * e / 1.5)) < 1e-12)
        #expect(abs(r.s - (1.5 + 0.2 * e / 21)) < 1e-12)
    }

    @Test func missingObservationCarriesTheForecast() {
        // ε = 0: ℓ' = ℓ + φb, b' = φb, s' = s.
        let p = ETSSmoothing(alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9)
        let r = step("AAdA", level: 10, slope: 1, season: 2, y: .nan, p)
        #expect(abs(r.f - 12.9) < 1e-12)
        #expect(abs(r.x.level - 10.9) < 1e-12 && abs(r.x.slope - 0.9) < 1e-12 && r.s == 2)
    }

    @Test func zeroSeasonalFactorIsGuarded() {
        let r = step("MNM", level: 10, season: 0, y: 5, ETSSmoothing(alpha: 0.5, gamma: 0.2))
        #expect(r.f == 0 && r.x.level.isFinite && r.s.isFinite)
    }

    @Test func pointForecasts() {
        // ℓ = 10, b = 2, φ = 0.5: ŷ_h = 10 + (0.5 + … + 0.5^h)·2, × s for h mod 2.
        let f = ETSRecursion.pointForecasts(ETSLevelSlope(level: 10, slope: 2), seasonal: [1.1, 0.9],
                                            kind: ETSKind(trend: .additiveDamped, season: .multiplicative),
                                            phi: 0.5, horizon: 3)
        #expect(abs(f[0] - 11 * 1.1) < 1e-12 && abs(f[1] - 11.5 * 0.9) < 1e-12 && abs(f[2] - 11.75 * 1.1) < 1e-12)
        let g = ETSRecursion.pointForecasts(ETSLevelSlope(level: 10, slope: 2), seasonal: [],
                                            kind: ETSKind(trend: .additive, season: .none), phi: 1, horizon: 3)
        #expect(g == [12, 14, 16])
    }

    @Test func likelihoodByHand() {
        // ANN, α = 0.5, ℓ₀ = 10, y = 12, 9, (missing), 11: errors 2, −2, –, 1; ℓ ends at 10.5.
        let y: [Double] = [12, 9, .nan, 11]
        var ring = [0.0]
        let add = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                ETSLikelihood.evaluate(yb, ring: rb, initial: ETSLevelSlope(level: 10), kind: ETSKind(ETSSpec("ANN")!),
                                       multiplicativeError: false, smoothing: ETSSmoothing(alpha: 0.5))
            }
        }
        #expect(add.observations == 3 && add.sumOfSquares == 9 && add.final.level == 10.5)
        #expect(abs(add.criterion - 3 * log(9)) < 1e-12)
        // MNN: relative errors 0.2, −2/11, 0.1; L* = 3·log Σε² + 2·log(10·11·10).
        let mult = y.withUnsafeBufferPointer { yb in
            ring.withUnsafeMutableBufferPointer { rb in
                ETSLikelihood.evaluate(yb, ring: rb, initial: ETSLevelSlope(level: 10), kind: ETSKind(ETSSpec("MNN")!),
                                       multiplicativeError: true, smoothing: ETSSmoothing(alpha: 0.5))
            }
        }
        let sse = 0.04 + (2.0 / 11) * (2.0 / 11) + 0.01
        #expect(abs(mult.criterion - (3 * log(sse) + 2 * log(1100.0))) < 1e-12)
    }

    @Test func specNames() {
        #expect(ETSSpec(error: .additive, trend: .additiveDamped, season: .multiplicative).name == "ETS(A,Ad,M)")
        #expect(ETSSpec(error: .multiplicative, trend: .none, season: .none).modelName == "ets(m,n,n)")
        #expect(ETSSpec("MAdM") == ETSSpec(error: .multiplicative, trend: .additiveDamped, season: .multiplicative))
        #expect(ETSSpec("MMN") == nil && ETSSpec("AdAN") == nil)
        #expect(ETSSpec("AAdA", period: 7)!.parameterCount == 4 + 2 + 6)
    }
}
