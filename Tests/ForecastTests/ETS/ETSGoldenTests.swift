import Foundation
import Testing
@testable import Forecast

@Suite("ETS golden (R forecast::ets)")
struct ETSGoldenTests {
    @Test func fixturesArePresent() {
        #expect(ETSFixture.all.count >= 30)
    }

    @Test func fixedSpecificationFits() {
        var lines: [String] = []
        for fx in ETSFixture.all {
            for ref in fx.fixed {
                let period = ref.model.hasSuffix("N)") ? 1 : fx.period
                guard let spec = ETSSpec(rName: ref.model, period: max(period, 1)),
                      let fit = ETS.fit(fx.series, spec: spec) else {
                    lines.append("\(fx.name) \(ref.model): no fit")
                    continue
                }
                let f = fit.forecast(horizon: fx.h, seed: 1)
                var worstMean = 0.0
                for h in 0..<fx.h { worstMean = max(worstMean, relativeError(f.mean[h], max(0, ref.mean[h]), floor: 1)) }
                lines.append(String(format: "%@ %@: loglik %.3f vs R %.3f  (%.4f%%)  mean err %.4f%%  evals %d  a=%.4f/%.4f",
                                    fx.name, ref.model, fit.logLikelihood, ref.loglik,
                                    100 * (fit.logLikelihood - ref.loglik) / abs(ref.loglik), 100 * worstMean,
                                    fit.evaluations, fit.alpha, ref.alpha ?? .nan))
            }
        }
        print(lines.joined(separator: "\n"))
    }
}
