/// Stock of one series at the end of the as-of day.
public struct InventoryRecord: Sendable, Equatable {
    /// Units on hand (may be negative when the source system books backorders).
    public var onHand: Double
    /// Units promised to customers, not available; ≥ 0.
    public var allocated: Double
}

/// A (sku, location) pair of ids, the key of a series.
public struct SeriesKey: Hashable, Sendable, Comparable {
    public var sku: Int32
    public var location: Int32
    public init(sku: Int32, location: Int32) { self.sku = sku; self.location = location }
    public static func < (a: SeriesKey, b: SeriesKey) -> Bool { (a.sku, a.location) < (b.sku, b.location) }
}

enum InventoryTableLoader {
    static func load(source: StoredFile, skus: inout Interner, locations: inout Interner,
                     issues: InputIssues) throws -> (rows: [SeriesKey: InventoryRecord], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.inventory.required,
                                optional: ContractTable.inventory.optional, issues: issues,
                                compressed: source.isCompressed)
        let cSku = t.column("sku"), cLoc = t.column("location"), cOnHand = t.column("on_hand")
        let cAllocated = t.column("allocated")
        var rows: [SeriesKey: InventoryRecord] = [:]
        var firstLine: [SeriesKey: Int] = [:]
        while t.next() {
            guard let sku = t.text(cSku), let loc = t.text(cLoc), let onHand = t.number(cOnHand),
                  let allocated = t.optionalNumber(cAllocated, expected: "a number ≥ 0", { $0 >= 0 })
            else { continue }
            let key = SeriesKey(sku: skus.id(sku), location: locations.id(loc))
            if let first = firstLine[key] {
                t.fileError("duplicate (sku, location) = (\(sku), \(loc)): already on line \(first); expected one row per sku and location")
                continue
            }
            firstLine[key] = t.line
            rows[key] = InventoryRecord(onHand: onHand, allocated: allocated ?? 0)
        }
        return (rows, LoadedFile(table: .inventory, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
