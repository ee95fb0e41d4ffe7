import Replenish

/// The night's purchase budget from the config file (an extension of the contract; absent = no cap):
///
/// ```toml
/// [budget]
/// total = 25000                 # Σ quantity × unit_cost of all of tonight's order lines
///
/// [budget.supplier]
/// ACME = 8000                   # tonight's lines bought from this supplier (items.csv `source`)
/// "Big Foods" = 5000
///
/// [budget.category]
/// dairy = 3000                  # tonight's lines of items of this category (items.csv `category`)
/// ```
///
/// Caps are currency amounts ≥ 0, enforced by the cross-sku stage after the supplier terms
/// (``BudgetCut``); lines without a `unit_cost` count in no cap.
extension OrderBudget {
    /// Whether `key` (dotted) belongs to the budget section; sets it when so. Errors name `path:line`.
    package mutating func take(key: String, value: ConfigFile.Value, path: String, line: Int) throws -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "budget" else { return false }
        func fail(_ m: String) -> RestockError { .usage("\(path):\(line): \(m)") }
        func amount() throws -> Double {
            guard case .number(let d) = value, d.isFinite, d >= 0 else {
                throw fail("'\(key)' must be a currency amount ≥ 0")
            }
            return d
        }
        if parts.count == 2 && parts[1] == "total" {
            total = try amount()
            return true
        }
        if parts.count >= 3 && (parts[1] == "supplier" || parts[1] == "category") {
            let name = parts[2...].joined(separator: ".")
            if parts[1] == "supplier" { suppliers[name] = try amount() } else { categories[name] = try amount() }
            return true
        }
        throw fail("unknown setting '\(key)': expected budget.total, budget.supplier.<name> or budget.category.<name>")
    }

    /// The caps as text for the config's fingerprint (empty when none is set).
    package var fingerprintParts: [String] {
        var parts: [String] = []
        if let t = total { parts.append("budget.total=\(t)") }
        parts += suppliers.sorted { $0.key < $1.key }.map { "budget.supplier:\($0.key)=\($0.value)" }
        parts += categories.sorted { $0.key < $1.key }.map { "budget.category:\($0.key)=\($0.value)" }
        return parts
    }
}
