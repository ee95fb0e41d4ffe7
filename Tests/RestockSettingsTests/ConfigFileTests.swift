import Foundation
import RestockSettings
import Testing

/// Config files are TOML read by TOMLKit, flattened to dotted keys with their lines.
@Suite struct ConfigFileTests {
    func expect(_ f: ConfigFile, _ key: String, _ value: ConfigFile.Value, line: Int,
                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(f.value(key)?.value == value, "\(key)", sourceLocation: sourceLocation)
        #expect(f.value(key)?.line == line, "\(key)", sourceLocation: sourceLocation)
    }

    @Test func multiLineArraysQuotedKeysDatesAndInlineTables() throws {
        let text = """
        # nightly
        horizon = 28
        levels = [
          80,
          95,  # trailing comma
        ]
        quantiles = [0.5, 0.95]

        [policy]
        kind = "s_S"
        ordering_cost = 40

        [policy.sku."A-100/7"]
        kind = "min_max"
        min = 20
        max = 80

        [policy.category.'house.hold']
        kind = "days_of_supply"
        min = 10
        max = 30

        [promotion.1]
        start = 2025-01-06
        window = { days = 7 }
        """
        let f = try ConfigFile(path: "c.toml", text: text)
        expect(f, "horizon", .number(28), line: 2)
        #expect(f.value("levels")!.value == .array([.number(80), .number(95)]))
        #expect(f.value("levels")!.line == 3)
        #expect(f.value("quantiles")!.line == 7)
        expect(f, "policy.kind", .string("s_S"), line: 10)
        expect(f, "policy.sku.A-100/7.kind", .string("min_max"), line: 14)
        expect(f, "policy.sku.A-100/7.max", .number(80), line: 16)
        expect(f, "policy.category.house.hold.min", .number(10), line: 20)
        expect(f, "promotion.1.start", .string("2025-01-06"), line: 24)
        expect(f, "promotion.1.window.days", .number(7), line: 25)
        #expect(f.entries.map(\.line) == f.entries.map(\.line).sorted())
    }

    @Test func syntaxErrorsNameTheLine() throws {
        for (text, line) in [("horizon = 28\nlevels = [80,\n  95\n\nreview_days = 3\n", 5),
                             ("horizon = 28\nhorizon = 29\n", 2),
                             ("a = 1\n[policy\nkind = \"s_S\"\n", 2),
                             ("a = \"unterminated\n", 1)] {
            do {
                _ = try ConfigFile(path: "c.toml", text: text)
                Issue.record("accepted: \(text)")
            } catch let e as ConfigFile.ParseError {
                #expect(e.line == line, "\(e)")
                #expect(e.description.hasPrefix("c.toml:\(line): "))
            }
        }
    }

    @Test func valuesRestockDoesNotUseAreErrorsNamingTheLine() throws {
        do {
            _ = try ConfigFile(path: "c.toml", text: "horizon = 28\nwhen = 07:30:00\n")
            Issue.record("a time was accepted")
        } catch let e as ConfigFile.ParseError {
            #expect(e.line == 2 && e.message.contains("when"), "\(e)")
        }
    }

    @Test func aQuotedSkuRuleAppliesToThatSku() throws {
        let dir = NSTemporaryDirectory() + "restock-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[policy.sku.\"A-100/7\"]\nkind = \"min_max\"\nmin = 20\nmax = 80\n".write(toFile: dir + "/c.toml", atomically: true, encoding: .utf8)
        let config = try RestockConfig.load(path: dir + "/c.toml")
        #expect(config.policy.skus["A-100/7"]?.kind == "min_max")
        #expect(config.policy.skus["A-100/7"]?.max == 80)
        let unmatched = config.policy.unmatchedRules(skus: ["A-100/7"], categories: [])
        #expect(unmatched.isEmpty)
        let warnings = config.policy.unmatchedRules(skus: ["B-1"], categories: [])
        #expect(warnings.count == 1 && warnings[0].contains("'A-100/7'") && warnings[0].contains("[policy.sku.\"A-100/7\"]"))
    }

    @Test func theEnvironmentOverridesTheFileAndNamesTheVariableInErrors() throws {
        let dir = NSTemporaryDirectory() + "restock-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "horizon = 56\nlog_format = \"plain\"\n".write(toFile: dir + "/c.toml", atomically: true, encoding: .utf8)
        let c = try RestockConfig.load(path: dir + "/c.toml",
                                       environment: ["RESTOCK_HORIZON": "28", "RESTOCK_LEVELS": "50,90", "RESTOCK_LOG_FORMAT": "json",
                                                     "RESTOCK_GLOBAL_MODEL": "off", "RESTOCK_EXECUTABLE": "/bin/true"])
        #expect(c.horizon == 28)
        #expect(c.levels == [50, 90])
        #expect(c.logFormat == "json")
        #expect(c.globalModel == .off)
        let defaults = try RestockConfig.load(path: nil, environment: ["RESTOCK_LEVELS": "[80, 99]"])
        #expect(defaults.levels == [80, 99] && defaults.horizon == RestockConfig().horizon)
        do {
            _ = try RestockConfig.load(path: nil, environment: ["RESTOCK_HORIZON": "soon"])
            Issue.record("a bad horizon was accepted")
        } catch let e as RestockError {
            #expect(e.status == .usage)
            #expect(e.message.hasPrefix("environment variable RESTOCK_HORIZON: "), "\(e.message)")
        }
    }
}
