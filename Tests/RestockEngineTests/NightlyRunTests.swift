import Foundation
import Logging
import RestockData
import RestockEngine
import RestockSettings
import Testing

/// A night through the library, without the command line: the engine is called the way the
/// executable calls it (an ``OutputDirectory`` locked, a ``NightlyRun`` executed in it).
@Suite struct NightlyRunTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let samples = packageRoot.appendingPathComponent("samples/retail").path

    static var quietLogger: Logger {
        var l = Logger(label: "restock-test")
        l.logLevel = .error
        return l
    }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "restock-engine-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs one night of `command` into `out` with `config`.
    static func night(out: String, config: RestockConfig, plan: Bool = true, asOf: Day? = nil) throws {
        let directory = try OutputDirectory(path: out)
        try directory.acquire()
        defer { directory.release() }
        try NightlyRun(dataDirectory: samples, outputDirectory: out, asOf: asOf, config: config,
                       command: plan ? "run" : "forecast", plan: plan)
            .execute(in: directory, logger: quietLogger)
    }

    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func aNightWritesTheOutputSet() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 14
        try Self.night(out: root + "/night", config: config)
        for f in ["forecast.csv", "orders.csv", "transfers.csv", "exceptions.csv", "purchase_orders.csv", "summary.json",
                  "report.html", "state/models.v1.csv", "state/inputs.v1.json", "state/baseline.v1/meta.json"] {
            #expect(FileManager.default.fileExists(atPath: root + "/night/" + f), "\(f) missing")
        }
        let forecast = try Self.rows(root + "/night/forecast.csv")
        #expect(forecast.first?.prefix(5) == ["sku", "location", "date", "forecast", "sd"])
        // samples/retail: 120 series, each with a row per horizon day.
        #expect(forecast.count - 1 == 120 * 14)
        #expect(Set(forecast.dropFirst().map { $0[2] }).count == 14)
        #expect(forecast.dropFirst().allSatisfy { Double($0[3]).map { $0 >= 0 && $0.isFinite } ?? false })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/night/summary.json"))) as! [String: Any]
        #expect(summary["command"] as? String == "run")
        #expect((summary["counts"] as? [String: Any])?["series"] as? Int == 120)
    }

    @Test func threadCountDoesNotChangeTheFiles() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = RestockConfig()
        config.horizon = 7
        config.threads = 1
        try Self.night(out: root + "/one", config: config, plan: false)
        config.threads = 3
        try Self.night(out: root + "/three", config: config, plan: false)
        let a = try Data(contentsOf: URL(fileURLWithPath: root + "/one/forecast.csv"))
        let b = try Data(contentsOf: URL(fileURLWithPath: root + "/three/forecast.csv"))
        #expect(!a.isEmpty && a == b)
        // forecast only: no plan files, no snapshot.
        #expect(!FileManager.default.fileExists(atPath: root + "/one/orders.csv"))
        #expect(!FileManager.default.fileExists(atPath: root + "/one/state/baseline.v1"))
    }

    @Test func aPolicyRuleForAnUnknownSkuIsAWarningNamingIt() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "horizon = 7\n[policy.sku.\"A-100/7\"]\nkind = \"min_max\"\nmin = 2\nmax = 9\n"
            .write(toFile: root + "/c.toml", atomically: true, encoding: .utf8)
        let config = try RestockConfig.load(path: root + "/c.toml")
        try Self.night(out: root + "/night", config: config)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/night/summary.json"))) as! [String: Any]
        let warnings = summary["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("[policy.sku.\"A-100/7\"]") && $0.contains("'A-100/7'") }, "\(warnings)")
    }

    @Test func aBadConfigStopsBeforeAnythingIsWritten() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "horizon = 7\nlevels = [\n  80,\n  95,\n]\nhorizn = 3\n".write(toFile: root + "/c.toml", atomically: true, encoding: .utf8)
        do {
            _ = try RestockConfig.load(path: root + "/c.toml")
            Issue.record("an unknown setting was accepted")
        } catch let e as RestockError {
            #expect(e.status == .usage)
            #expect(e.message.hasPrefix(root + "/c.toml:6:"), "\(e.message)")
        }
    }
}
