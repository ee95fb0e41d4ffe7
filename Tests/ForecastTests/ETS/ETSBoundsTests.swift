import Foundation
import Testing
@testable import Forecast

@Suite("ETS bounds")
struct ETSBoundsTests {
    /// Largest root modulus of the monic polynomial z^d + c[1]z^{d−1} + … + c[d] by
    /// Durand–Kerner iteration (an independent check of the step-down test).
    static func maxRootModulus(_ c: [Double]) -> Double {
        let d = c.count - 1
        var re = (0..<d).map { k in 0.9 * cos(2 * Double.pi * Double(k) / Double(d) + 0.4) }
        var im = (0..<d).map { k in 0.9 * sin(2 * Double.pi * Double(k) / Double(d) + 0.4) }
        for _ in 0..<2000 {
            for i in 0..<d {
                // p(z_i)
                var pr = 1.0, pi = 0.0
                for k in 1...d {
                    (pr, pi) = (pr * re[i] - pi * im[i] + c[k], pr * im[i] + pi * re[i])
                }
                // Π (z_i − z_j)
                var qr = 1.0, qi = 0.0
                for j in 0..<d where j != i {
                    let ar = re[i] - re[j], ai = im[i] - im[j]
                    (qr, qi) = (qr * ar - qi * ai, qr * ai + qi * ar)
                }
                let den = qr * qr + qi * qi
                if den == 0 { continue }
                re[i] -= (pr * qr + pi * qi) / den
                im[i] -= (pi * qr - pr * qi) / den
            }
        }
        return (0..<d).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }.max()!
    }

    func within(_ c: [Double], radius: Double = 1) -> Bool {
        var copy = c
        return copy.withUnsafeMutableBufferPointer { ETSBounds.rootsWithinUnitCircle($0, degree: c.count - 1, radius: radius) }
    }

    @Test func stepDownOnKnownPolynomials() {
        // (z − 0.5)(z + 0.9) = z² + 0.4z − 0.45: roots inside.
        #expect(within([1, 0.4, -0.45]))
        // (z − 1.1)z = z² − 1.1z: a root outside.
        #expect(!within([1, -1.1, 0]))
        // z² + 0.81 (roots ±0.9i) inside; z² + 1.21 (±1.1i) outside.
        #expect(within([1, 0, 0.81]) && !within([1, 0, 1.21]))
        // A unit root (z − 1)(z − 0.5) is inside the radius 1 + 1e-10, not inside 1 − 1e-10.
        #expect(within([1, -1.5, 0.5], radius: 1 + 1e-10) && !within([1, -1.5, 0.5], radius: 1 - 1e-10))
    }

    @Test func stepDownAgreesWithRootFinding() {
        var rng = SplitMix64(seed: 31)
        var disagreements: [String] = []
        for _ in 0..<300 {
            let d = rng.int(2...8)
            let c = [1.0] + (0..<d).map { _ in 2.4 * (rng.unit() - 0.5) }
            let modulus = Self.maxRootModulus(c)
            if abs(modulus - 1) < 1e-6 { continue }  // too close to call
            if within(c) != (modulus < 1) { disagreements.append("\(c): max |root| \(modulus)") }
        }
        #expect(disagreements == [])
    }

    @Test func seasonalAdmissibleRegionMatchesTheCharacteristicPolynomial() {
        // R's admissible(): roots of P(z) = z^{m+1} + (α+β−φ)z^m + (α+β−αφ)z^{m−1} + … + (α+β−αφ+γ−1)z + φ(1−α−γ).
        var rng = SplitMix64(seed: 5)
        var disagreements: [String] = []
        let spec = ETSSpec("AAdA", period: 7)!
        for _ in 0..<300 {
            let p = ETSSmoothing(alpha: rng.unit(), beta: 0.5 * rng.unit() - 0.1, gamma: rng.unit(), phi: 0.8 + 0.2 * rng.unit())
            let a = p.alpha, b = p.beta, g = p.gamma, f = p.phi, m = 7
            let dm = Double(m)
            var linear = !(g < max(1 - 1 / f - a, 0) || g > 1 + 1 / f - a)
            linear = linear && !(a < 1 - 1 / f - g * (1 - dm + f + f * dm) / (2 * f * dm)) && !(b < -(1 - f) * (g / dm + a))
            var c = [1.0, a + b - f]
            c += [Double](repeating: a + b - a * f, count: m - 2)
            c += [a + b - a * f + g - 1, f * (1 - a - g)]
            let modulus = Self.maxRootModulus(c)
            if abs(modulus - 1) < 1e-6 { continue }
            let expected = linear && modulus <= 1 + 1e-10
            if ETSBounds.admissible(p, spec) != expected { disagreements.append("\(p): max |root| \(modulus)") }
        }
        #expect(disagreements == [])
    }

    @Test func usualBounds() {
        let spec = ETSSpec("AAdA")!
        #expect(ETSBounds.usual(ETSSmoothing(alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9), spec))
        #expect(!ETSBounds.usual(ETSSmoothing(alpha: 0.3, beta: 0.4, gamma: 0.2, phi: 0.9), spec))  // β > α
        #expect(!ETSBounds.usual(ETSSmoothing(alpha: 0.9, beta: 0.1, gamma: 0.2, phi: 0.9), spec))  // γ > 1 − α
        #expect(!ETSBounds.usual(ETSSmoothing(alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.99), spec))  // φ > 0.98
        #expect(!ETSBounds.usual(ETSSmoothing(alpha: 0, beta: 0, gamma: 0.2, phi: 0.9), spec))
        // Absent components are not checked.
        #expect(ETSBounds.usual(ETSSmoothing(alpha: 0.3, beta: 5, gamma: 5, phi: 5), ETSSpec("ANN")!))
        // Non-seasonal admissible region: 1 − 1/φ < α < 1 + 1/φ.
        #expect(ETSBounds.admissible(ETSSmoothing(alpha: 1.5), ETSSpec("ANN")!))
        #expect(!ETSBounds.admissible(ETSSmoothing(alpha: 2.5), ETSSpec("ANN")!))
    }
}
