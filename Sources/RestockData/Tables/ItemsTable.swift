/// Replenishment settings of one sku at one location (`items.csv`).
public struct ItemSettings: Sendable, Equatable {
    /// Supplier id or location id, as written; see ``DataSet/sourceLocation(of:)``.
    public var source: String
    /// Days from order to receipt, ≥ 0.
    public var leadTimeDays: Double
    /// Standard deviation of the lead time, days, ≥ 0.
    public var leadTimeSDDays: Double
    /// Days between reviews, ≥ 1 (1 = every night); nil = the configured default.
    public var reviewDays: Int?
    /// Cycle service level in (0, 1); nil = the configured default.
    public var serviceLevel: Double?
    /// Minimum order quantity, units, ≥ 0.
    public var moq: Double
    /// Case pack: orders are multiples of it, units, > 0.
    public var orderMultiple: Double
    /// Most the location can hold, units, > 0; nil = no cap.
    public var maxUnits: Double?
    /// Cost of one unit, ≥ 0; nil when unknown.
    public var unitCost: Double?
    /// Category name, or nil.
    public var category: String?
}

enum ItemsTableLoader {
    static func load(source: StoredFile, skus: inout Interner, locations: inout Interner,
                     issues: InputIssues) throws -> (rows: [SeriesKey: ItemSettings], lines: [SeriesKey: Int], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.items.required,
                                optional: ContractTable.items.optional, issues: issues,
                                compressed: source.isCompressed)
        let c = { (n: String) in t.column(n) }
        let cSku = c("sku"), cLoc = c("location"), cSource = c("source"), cLead = c("lead_time_days")
        let cLeadSD = c("lead_time_sd_days"), cReview = c("review_days"), cService = c("service_level")
        let cMOQ = c("moq"), cMultiple = c("order_multiple"), cMax = c("max_units"), cCost = c("unit_cost")
        let cCategory = c("category")
        var rows: [SeriesKey: ItemSettings] = [:]
        var lines: [SeriesKey: Int] = [:]
        while t.next() {
            guard let sku = t.text(cSku), let loc = t.text(cLoc), let source = t.text(cSource),
                  let lead = t.number(cLead),
                  let leadSD = t.optionalNumber(cLeadSD, expected: "days in 0…3660", { $0 >= 0 && $0 <= 3660 }),
                  let review = t.optionalNumber(cReview, expected: "a whole number of days in 1…3660", { $0 >= 1 && $0 <= 3660 && $0 == $0.rounded() }),
                  let service = t.optionalNumber(cService, expected: "a service level strictly between 0 and 1", { $0 > 0 && $0 < 1 }),
                  let moq = t.optionalNumber(cMOQ, expected: "units ≥ 0", { $0 >= 0 }),
                  let multiple = t.optionalNumber(cMultiple, expected: "units > 0", { $0 > 0 }),
                  let maxUnits = t.optionalNumber(cMax, expected: "units > 0", { $0 > 0 }),
                  let cost = t.optionalNumber(cCost, expected: "a cost ≥ 0", { $0 >= 0 }),
                  let category = t.optionalText(cCategory)
            else { continue }
            guard lead >= 0 && lead <= 3660 else { t.rowError(cLead, "expected days in 0…3660"); continue }
            let key = SeriesKey(sku: skus.id(sku), location: locations.id(loc))
            if let first = lines[key] {
                t.fileError("duplicate (sku, location) = (\(sku), \(loc)): already on line \(first); expected one row per sku and location")
                continue
            }
            if source == loc {
                t.rowError(cSource, "a location cannot be its own source")
                continue
            }
            lines[key] = t.line
            rows[key] = ItemSettings(source: source, leadTimeDays: lead, leadTimeSDDays: leadSD ?? 0,
                                     reviewDays: review.map { Int($0) }, serviceLevel: service, moq: moq ?? 0,
                                     orderMultiple: multiple ?? 1, maxUnits: maxUnits, unitCost: cost, category: category)
        }
        return (rows, lines, LoadedFile(table: .items, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
