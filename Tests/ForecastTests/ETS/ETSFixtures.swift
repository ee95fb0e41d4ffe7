import Foundation
@testable import Forecast

/// The golden fixtures made by `scripts/make_ets_fixtures.R` from R forecast 8.20's `ets`
/// (Tests/Fixtures/ets/*.json; see the script for the fields).
struct ETSFixture: Decodable {
    struct Fit: Decodable {
        var model: String
        var spec: String?
        var alpha: Double?
        var beta: Double?
        var gamma: Double?
        var phi: Double?
        var loglik: Double
        var aicc: Double
        var sigma2: Double
        var initstate: [Double]
        var mean: [Double]
        var lower80: [Double]
        var upper80: [Double]

        enum CodingKeys: String, CodingKey {
            case model, spec, alpha, beta, gamma, phi, loglik, aicc, sigma2, initstate, mean, lower80, upper80
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decode(String.self, forKey: .model)
            spec = try c.decodeIfPresent(String.self, forKey: .spec)
            alpha = try c.decodeIfPresent(Double.self, forKey: .alpha)
            beta = try c.decodeIfPresent(Double.self, forKey: .beta)
            gamma = try c.decodeIfPresent(Double.self, forKey: .gamma)
            phi = try c.decodeIfPresent(Double.self, forKey: .phi)
            loglik = try c.decode(Double.self, forKey: .loglik)
            aicc = try c.decode(Double.self, forKey: .aicc)
            sigma2 = try c.decode(Double.self, forKey: .sigma2)
            // jsonlite writes length-1 vectors as scalars.
            func vector(_ key: CodingKeys) throws -> [Double] {
                if let v = try? c.decode([Double].self, forKey: key) { return v }
                return [try c.decode(Double.self, forKey: key)]
            }
            initstate = try vector(.initstate)
            mean = try vector(.mean)
            lower80 = try vector(.lower80)
            upper80 = try vector(.upper80)
        }
    }

    var name: String
    var frequency: Double
    var h: Int
    var positive: Bool
    var data: [Double]
    var auto: Fit
    var fixed: [Fit]

    var period: Int { Int(frequency.rounded()) }
    var series: DemandSeries { DemandSeries(demand: data) }

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ETS
        .deletingLastPathComponent()  // ForecastTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/ets", isDirectory: true)

    /// All fixtures, sorted by name.
    static let all: [ETSFixture] = {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { url in
                do { return try JSONDecoder().decode(ETSFixture.self, from: Data(contentsOf: url)) } catch {
                    fatalError("cannot read fixture \(url.path): \(error)")
                }
            }
    }()
}

extension ETSSpec {
    /// R's "ETS(M,Ad,N)" → spec.
    init?(rName: String, period: Int) {
        let inner = rName.replacingOccurrences(of: "ETS(", with: "").replacingOccurrences(of: ")", with: "")
            .replacingOccurrences(of: ",", with: "")
        self.init(inner, period: period)
    }
}

/// |a − b| / max(|b|, floor): relative error with an absolute floor for values near zero.
func relativeError(_ a: Double, _ b: Double, floor: Double) -> Double {
    abs(a - b) / max(abs(b), floor)
}
