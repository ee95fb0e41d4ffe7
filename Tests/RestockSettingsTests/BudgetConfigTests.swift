import Foundation
import Replenish
import RestockSettings
import Testing

/// `[budget]` in the config: a total cap, caps per supplier and per category; errors name the line.
@Suite struct BudgetConfigTests {
    func load(_ text: String) throws -> RestockConfig {
        let dir = NSTemporaryDirectory() + "restock-budget-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/c.toml", atomically: true, encoding: .utf8)
        return try RestockConfig.load(path: dir + "/c.toml")
    }

    @Test func totalSupplierAndCategoryCaps() throws {
        let c = try load("horizon = 28\n[budget]\ntotal = 2500.5\n[budget.supplier]\nACME = 800\n\"Big Foods.eu\" = 5\n[budget.category]\ndairy = 0\n")
        #expect(c.budget == OrderBudget(total: 2500.5, suppliers: ["ACME": 800, "Big Foods.eu": 5], categories: ["dairy": 0]))
        #expect(c.budget.isSet)
        #expect(c.fingerprint.contains("budget.total=2500.5") && c.fingerprint.contains("budget.supplier:Big Foods.eu=5.0"))
        let none = try load("horizon = 28\n")
        #expect(!none.budget.isSet && !none.fingerprint.contains("budget"))
    }

    @Test func badCapsAreUsageErrorsNamingTheLine() throws {
        for (text, line) in [("horizon = 28\n[budget]\ntotal = -5\n", 3),
                             ("[budget]\ntotal = \"lots\"\n", 2),
                             ("[budget]\nweekly = 5\n", 2),
                             ("[budget.supplier]\nACME = 5\n[budget.category]\ndairy = -1\n", 4)] {
            do {
                _ = try load(text)
                Issue.record("accepted: \(text)")
            } catch let e as RestockError {
                #expect(e.status == .usage, "\(e)")
                #expect(e.message.contains("c.toml:\(line): "), "\(e.message)")
            }
        }
    }
}
