import Foundation
import Testing
@testable import Forecast

/// Golden comparison with Nixtla statsforecast (`Tests/Fixtures/intermittent/statsforecast.json`,
/// made by `scripts/make_intermittent_fixtures.py`; 30 series of 100–730 days).
///
/// Tolerances (relative to the reference): 1e-9 for every method, and 1e-9 absolute for the
/// `CrostonOptimized` α's. The recursions and the golden-section search perform statsforecast's
/// floating-point operations in its order, so with statsforecast 2.1.1 on x86-64 the agreement is
/// in fact bit-exact; the tolerance only leaves room for a compiler contracting a·x + b·f into
/// a fused multiply-add on another platform.
@Suite("Intermittent: statsforecast golden")
struct IntermittentGoldenTests {
    struct Fixture: Decodable {
        struct TSBAlphas: Decodable { var alpha_d: Double; var alpha_p: Double }
        struct Series: Decodable {
            var name: String
            var y: [Double]
            var croston_classic: Double
            var croston_sba: Double
            var croston_optimized: Double
            var croston_optimized_alpha_size: Double
            var croston_optimized_alpha_interval: Double
            var tsb: Double
        }
        var statsforecast_version: String
        var tsb: TSBAlphas
        var series: [Series]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/intermittent/statsforecast.json")
        do {
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    private func relativeError(_ a: Double, _ reference: Double) -> Double {
        abs(a - reference) / max(abs(reference), 1e-300)
    }

    /// Max relative error of `method` over all series; records the worst series in the message.
    private func check(_ label: String, tolerance: Double, _ method: (Fixture.Series) -> (Double, Double)) {
        var worst = 0.0
        var worstName = ""
        for s in Self.fixture.series {
            let (ours, reference) = method(s)
            let e = relativeError(ours, reference)
            if !(e <= worst) { worst = e; worstName = s.name }
        }
        #expect(worst <= tolerance, "\(label): max relative error \(worst) on \(worstName)")
        print("intermittent golden \(label): max relative error \(worst)" + (worstName.isEmpty ? " (bit-exact)" : " (\(worstName))"))
    }

    @Test func fixtureIsThere() {
        #expect(Self.fixture.series.count >= 25)
        #expect(Self.fixture.tsb.alpha_d == 0.2 && Self.fixture.tsb.alpha_p == 0.1)
    }

    @Test func crostonClassic() {
        check("CrostonClassic", tolerance: 1e-9) { s in
            (Croston.fit(DemandSeries(demand: s.y), variant: .classic, alphaSize: 0.1, alphaInterval: 0.1)!.level,
             s.croston_classic)
        }
    }

    @Test func crostonSBA() {
        check("CrostonSBA", tolerance: 1e-9) { s in
            (Croston.fit(DemandSeries(demand: s.y), variant: .sba, alphaSize: 0.1, alphaInterval: 0.1)!.level,
             s.croston_sba)
        }
    }

    @Test func crostonOptimized() {
        check("CrostonOptimized", tolerance: 1e-9) { s in
            (Croston.fit(DemandSeries(demand: s.y), variant: .classic)!.level, s.croston_optimized)
        }
        var worstAlpha = 0.0
        for s in Self.fixture.series {
            let fit = Croston.fit(DemandSeries(demand: s.y), variant: .classic)!
            worstAlpha = max(worstAlpha, abs(fit.alphaSize - s.croston_optimized_alpha_size),
                             abs(fit.alphaOccurrence - s.croston_optimized_alpha_interval))
        }
        #expect(worstAlpha <= 1e-9)
        print("intermittent golden CrostonOptimized alphas: max absolute difference \(worstAlpha)")
    }

    @Test func tsbAtFixedAlphas() {
        let a = Self.fixture.tsb
        check("TSB(alpha_d=0.2, alpha_p=0.1)", tolerance: 1e-9) { s in
            (TSB.fit(DemandSeries(demand: s.y), alphaDemand: a.alpha_d, alphaProbability: a.alpha_p)!.level, s.tsb)
        }
    }
}
